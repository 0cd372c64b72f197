//! The reference facts (`specs/facts.<version>.yaml`) in code: each documented operation's
//! permissions and national clouds, the two seed pages' tables reproduced exactly, and our
//! specs saying what the pages say (method, success body, reference link).

use graph_sync::operations::{
    ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationGetJob,
    ServicePrincipalSynchronizationJobGetCount, ServicePrincipalSynchronizationJobStart,
};
use graph_sync::runtime::{CloudAvailability, Permissions, Privileges};
use graph_sync::Operation;
use tests::{read, root, shared};
use wiretype::facts::{Facts, OperationFacts};

fn documented() -> Permissions {
    Permissions {
        delegated_work: Privileges { least: &["Synchronization.ReadWrite.All"], higher: &[] },
        delegated_personal: Privileges::NOT_SUPPORTED,
        application: Privileges {
            least: &["Application.ReadWrite.OwnedBy"],
            higher: &["Synchronization.ReadWrite.All"],
        },
    }
}

/// A seed page's tables (the Chinese renderings in `../shared/seeds`): one cell per line,
/// each ending in ` |`.
struct SeedTables {
    clouds: CloudAvailability,
    /// (least, higher) per kind of access, in the page's order.
    permissions: Vec<(Vec<String>, Vec<String>)>,
}

fn seed_tables(file: &str) -> Option<SeedTables> {
    let text = read(&shared(&format!("seeds/{file}"))?);
    let cells: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_suffix(" |")).collect();
    let marks: Vec<bool> = cells.iter().filter(|c| **c == "✅" || **c == "❌").map(|c| *c == "✅").collect();
    let &[global, us_gov_l4, us_gov_l5_dod, china] = marks.as_slice() else { panic!("{file}: cloud marks {marks:?}") };
    let names = |cell: &str| -> Vec<String> {
        match cell {
            "不可用。" | "不支持。" => Vec::new(),
            names => names.split(", ").map(str::to_owned).collect(),
        }
    };
    let mut permissions = Vec::new();
    for label in ["委派(工作或学校帐户)", "委派(个人 Microsoft 帐户)", "应用程序"] {
        let at = cells.iter().position(|c| *c == label).unwrap_or_else(|| panic!("{file}: no row {label}"));
        permissions.push((names(cells[at + 1]), names(cells[at + 2])));
    }
    Some(SeedTables { clouds: CloudAvailability { global, us_gov_l4, us_gov_l5_dod, china }, permissions })
}

fn as_rows(p: &Permissions) -> Vec<(Vec<String>, Vec<String>)> {
    let own = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    [p.delegated_work, p.delegated_personal, p.application].iter().map(|x| (own(x.least), own(x.higher))).collect()
}

#[test]
fn start_job_beta_reproduces_its_documented_page() {
    type Start = graph_sync::beta::operations::ServicePrincipalSynchronizationJobStart;
    assert_eq!(Start::PERMISSIONS, documented());
    assert_eq!(
        Start::CLOUDS,
        Some(CloudAvailability { global: true, us_gov_l4: true, us_gov_l5_dod: true, china: false })
    );
    if let Some(page) = seed_tables("start-job.beta.zh.txt") {
        assert_eq!(Start::CLOUDS, Some(page.clouds));
        assert_eq!(as_rows(&Start::PERMISSIONS), page.permissions);
    }
}

#[test]
fn create_job_v1_reproduces_its_documented_page() {
    type Create = ServicePrincipalSynchronizationCreateJob;
    assert_eq!(Create::PERMISSIONS, documented());
    assert_eq!(
        Create::CLOUDS,
        Some(CloudAvailability { global: true, us_gov_l4: true, us_gov_l5_dod: true, china: true })
    );
    if let Some(page) = seed_tables("create-job.v1.0.zh.txt") {
        assert_eq!(Create::CLOUDS, Some(page.clouds));
        assert_eq!(as_rows(&Create::PERMISSIONS), page.permissions);
    }
}

#[test]
fn reads_need_less_than_writes_and_undocumented_operations_say_so() {
    assert_eq!(ServicePrincipalSynchronizationJobStart::PERMISSIONS, documented());
    let get = ServicePrincipalSynchronizationGetJob::PERMISSIONS;
    assert_eq!(get.delegated_work.least, ["Synchronization.Read.All"]);
    assert_eq!(get.application.higher, ["Synchronization.Read.All", "Synchronization.ReadWrite.All"]);
    // `$count` has no reference page of its own.
    assert_eq!(ServicePrincipalSynchronizationJobGetCount::PERMISSIONS, Permissions::UNDOCUMENTED);
    assert_eq!(ServicePrincipalSynchronizationJobGetCount::CLOUDS, None);
}

fn facts(version: &str) -> Facts {
    Facts::parse(&read(&root().join(format!("specs/facts.{version}.yaml")))).expect("the facts file parses")
}

fn spec(version: &str) -> wiretype::Generated {
    let loaded = wiretype::config::load(None, &[], Some(&root().join(format!("specs/facts.{version}.yaml"))))
        .expect("facts load");
    wiretype::generate_with(&read(&root().join(format!("specs/synchronization.{version}.yaml"))), &loaded.config)
        .expect("the spec generates")
}

fn entry<'f>(facts: &'f Facts, op: &wiretype::ir::Operation) -> &'f OperationFacts {
    let method = format!("{:?}", op.method);
    facts.find(&method, &op.path).map(|(_, e)| e).unwrap_or_else(|| panic!("no facts for {method} {}", op.path))
}

#[test]
fn every_operation_has_facts_and_carries_them_in_code() {
    for version in ["v1.0", "beta"] {
        let (facts, generated) = (facts(version), spec(version));
        assert!(generated.warnings.is_empty(), "{version}: {:?}", generated.warnings);
        assert_eq!(facts.operations.len(), generated.api.operations.len(), "{version}: one entry per operation");
        let (mut pages, mut permissions, mut clouds) = (0, 0, 0);
        for op in &generated.api.operations {
            let e = entry(&facts, op);
            pages += usize::from(e.page.is_some());
            let documented = e.permissions.clone().filter(|p| p.is_documented());
            permissions += usize::from(documented.is_some());
            clouds += usize::from(e.clouds.is_some());
            assert_eq!(op.permissions, documented, "{version} {}", op.name);
            assert_eq!(op.clouds, e.clouds, "{version} {}", op.name);
            if e.page.is_none() {
                assert!(op.permissions.is_none() && op.clouds.is_none(), "{version} {}", op.name);
            }
        }
        eprintln!(
            "{version}: {} operations, {pages} with a page, {permissions} with permissions, {clouds} with clouds",
            generated.api.operations.len()
        );
    }
}

#[test]
fn our_specs_say_what_the_pages_say() {
    for version in ["v1.0", "beta"] {
        let (facts, generated) = (facts(version), spec(version));
        for op in &generated.api.operations {
            let e = entry(&facts, op);
            let Some(doc) = &e.documented else { continue };
            let name = format!("{version} {}", op.name);
            assert_eq!(format!("{:?}", op.method).to_uppercase(), doc.method, "{name}: method");
            let empty = matches!(op.output, wiretype::ir::Output::Empty | wiretype::ir::Output::Accepted);
            assert_eq!(empty, doc.body == "none", "{name}: the page says {} {}", doc.status, doc.body);
            assert_eq!(op.docs.external_url, facts.url(e), "{name}: reference link");
        }
    }
}
