//! The reference facts (`specs/facts.<version>.yaml`) agree with themselves page by page:
//! an `unmapped-pages` entry (a documented method + path that is no operation of our spec)
//! comes from the same reference page as the operations mapped to that page, so it carries
//! the same permission table, national clouds, method, success status and body.
//!
//! A page has one permission table and one national-cloud table for every request it lists,
//! so the mapped operations of one page must agree among themselves too; when they do not,
//! one of them was read from another version of the page and there is no single value an
//! unmapped entry could agree with: that is a failure of its own, naming the operations.

use std::fmt::Debug;
use tests::{read, root};
use wiretype::facts::{Facts, OperationFacts, UnmappedPage};

fn facts(version: &str) -> Facts {
    Facts::parse(&read(&root().join(format!("specs/facts.{version}.yaml")))).expect("the facts file parses")
}

/// The one value the mapped operations of a page give a field, or a failure naming the
/// operations that disagree.
fn agreed<'f, T: PartialEq + Debug>(
    what: &str,
    mapped: &[(&'f String, &'f OperationFacts)],
    field: impl Fn(&'f OperationFacts) -> T,
) -> Result<T, String> {
    let (first_key, first) = mapped[0];
    let value = field(first);
    for &(key, entry) in &mapped[1..] {
        let other = field(entry);
        if other != value {
            return Err(format!(
                "{what}: the mapped operations of the page differ among themselves ({first_key}: {value:?}; {key}: {other:?}), so the unmapped entry has nothing single to agree with"
            ));
        }
    }
    Ok(value)
}

/// Every disagreement of one unmapped entry with the mapped operations of its page.
fn disagreements(version: &str, unmapped: &UnmappedPage, mapped: &[(&String, &OperationFacts)]) -> Vec<String> {
    let at = format!("{version} unmapped-pages {} ({} {})", unmapped.page, unmapped.method, unmapped.path);
    let keys = mapped.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join("; ");
    let mut out = Vec::new();
    let mut check = |field: &str, result: Result<String, String>, own: String| match result {
        Err(e) => out.push(format!("{at}: {e}")),
        Ok(theirs) if theirs != own => {
            out.push(format!("{at}: {field} is {own} but the mapped operations of the page ({keys}) have {theirs}"))
        }
        Ok(_) => {}
    };
    check(
        "permissions",
        agreed("permissions", mapped, |e| e.permissions.clone()).map(|v| format!("{v:?}")),
        format!("{:?}", unmapped.permissions),
    );
    check("clouds", agreed("clouds", mapped, |e| e.clouds).map(|v| format!("{v:?}")), format!("{:?}", unmapped.clouds));
    // Every operation mapped to a page has `documented` (`Facts::parse` requires it).
    let documented = |e: &'_ OperationFacts| e.documented.clone().expect("a mapped operation is documented");
    check(
        "method",
        agreed("method", mapped, |e| documented(e).method).map(|v| format!("{v:?}")),
        format!("{:?}", unmapped.method),
    );
    check(
        "status",
        agreed("status", mapped, |e| documented(e).status).map(|v| format!("{v:?}")),
        format!("{:?}", unmapped.status),
    );
    check(
        "body",
        agreed("body", mapped, |e| documented(e).body).map(|v| format!("{v:?}")),
        format!("{:?}", unmapped.body),
    );
    out
}

#[test]
fn unmapped_pages_agree_with_the_mapped_operations_of_the_same_page() {
    let mut failures = Vec::new();
    for version in ["v1.0", "beta"] {
        let facts = facts(version);
        let (mut compared, mut alone) = (0, Vec::new());
        for unmapped in &facts.unmapped_pages {
            let mapped: Vec<(&String, &OperationFacts)> =
                facts.operations.iter().filter(|(_, e)| e.page.as_deref() == Some(unmapped.page.as_str())).collect();
            if mapped.is_empty() {
                // A page that documents no operation of our spec (e.g. PATCH on an
                // application's template): nothing mapped to agree with; the other unmapped
                // entries of the same page are checked below.
                alone.push(unmapped);
                continue;
            }
            compared += 1;
            failures.extend(disagreements(version, unmapped, &mapped));
        }
        // Unmapped entries of a page no operation maps to agree among themselves.
        for (i, a) in alone.iter().enumerate() {
            for b in alone[i + 1..].iter().filter(|b| b.page == a.page) {
                for (field, same) in [("permissions", a.permissions == b.permissions), ("clouds", a.clouds == b.clouds)]
                {
                    if !same {
                        failures.push(format!(
                            "{version} unmapped-pages {}: {field} differs between {} {} and {} {}",
                            a.page, a.method, a.path, b.method, b.path
                        ));
                    }
                }
            }
        }
        let alone: Vec<&str> = alone.iter().map(|u| u.page.as_str()).collect();
        eprintln!("{version}: {compared} unmapped entries compared with their page's operations; no operation maps to {alone:?}");
        assert!(
            compared > 0,
            "{version}: no unmapped entry shares a page with a mapped operation; the test checks nothing"
        );
    }
    assert!(failures.is_empty(), "{} disagreement(s):\n{}", failures.len(), failures.join("\n"));
}
