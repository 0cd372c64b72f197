//! Section 7: what reading another version costs. The Applications module (OpenAPI 3.0,
//! 1.4 MB) is rewritten mechanically as OpenAPI 3.1 (`nullable` as a `"null"` in `type`
//! lists and `{type: "null"}` alternatives, `example` as `examples`, the version), and both
//! forms are generated in process, in alternation; the figure is the median per megabyte
//! of text.

use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};

/// A 3.0 tree written as 3.1 says the same things.
pub fn as_3_1(doc: &Value) -> Value {
    let mut doc = doc.clone();
    doc["openapi"] = json!("3.1.0");
    let mut stack: Vec<&mut Value> = vec![&mut doc];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(object) => {
                rewrite(object);
                stack.extend(object.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
    doc
}

fn rewrite(object: &mut Map<String, Value>) {
    if object.remove("nullable") == Some(Value::Bool(true)) {
        match object.get("type").cloned() {
            Some(Value::String(t)) if t != "object" || object.contains_key("properties") => {
                object.insert("type".to_owned(), json!([t, "null"]));
            }
            // Graph's `{type: object, nullable: true}` beside a reference: JSON Schema's null.
            Some(Value::String(_)) => {
                object.insert("type".to_owned(), json!("null"));
            }
            _ => {
                object.insert("type".to_owned(), json!("null"));
            }
        }
    }
    if let Some(example) = object.remove("example") {
        if !object.contains_key("examples") && object.contains_key("type") {
            object.insert("examples".to_owned(), json!([example]));
        } else {
            object.insert("example".to_owned(), example);
        }
    }
}

/// Where the time of each form goes: reading the text, reading it into the one model, and
/// the stages after (for finding what 3.1 costs).
pub fn split(root: &std::path::Path) {
    let path = root.join("../shared/graph-openapi/applications.v1.0.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else { return };
    let Ok(tree) = wiretype::load::tree(&text) else { return };
    let forms =
        [serde_json::to_string(&tree).unwrap_or_default(), serde_json::to_string(&as_3_1(&tree)).unwrap_or_default()];
    for _ in 0..3 {
        for (name, form) in ["3.0", "3.1"].iter().zip(&forms) {
            let started = Instant::now();
            let Ok(mut raw) = wiretype::load::tree(form) else { return };
            let parsed = started.elapsed();
            let mut origins = wiretype::load::bundle::Origins::default();
            let _ = wiretype::load::normalize(&mut raw, &mut origins);
            let normalized = started.elapsed() - parsed;
            let _ = wiretype::load::repair(&mut raw);
            let typed = Instant::now();
            let quick = wiretype::load::typed_quickly(&raw).is_some();
            let typed = typed.elapsed();
            let Ok(g) = wiretype::generate(form) else { return };
            let t = g.timings;
            println!(
                "{name}: parse {parsed:.1?} normalize {normalized:.1?} typed quickly {quick} {typed:.1?} | load {:.1?} validate {:.1?} lower {:.1?} emit {:.1?} format {:.1?}",
                t.load, t.validate, t.lower, t.emit, t.format
            );
        }
    }
}

/// Prints the section.
pub fn cost(root: &std::path::Path) {
    let path = root.join("../shared/graph-openapi/applications.v1.0.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("notice: {} is absent; section 7 skipped", path.display());
        return;
    };
    let Ok(tree) = wiretype::load::tree(&text) else { return };
    let v31 = serde_json::to_string(&as_3_1(&tree)).unwrap_or_default();
    let v30 = serde_json::to_string(&tree).unwrap_or_default();
    println!("\n## 7. Reading OpenAPI 3.1: the Applications module as 3.0 and mechanically as 3.1 (JSON, in process, medians of 7 in alternation)\n");
    println!("| form | MB | generation ms | ms per MB | models | operations |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut times: [Vec<Duration>; 2] = Default::default();
    let mut counts = [(0, 0); 2];
    for _ in 0..7 {
        for (i, form) in [&v30, &v31].into_iter().enumerate() {
            let started = Instant::now();
            match wiretype::generate(form) {
                Ok(g) => {
                    times[i].push(started.elapsed());
                    counts[i] = (g.api.models.len(), g.api.operations.len());
                }
                Err(e) => {
                    println!(
                        "| {} | failed: {} |",
                        ["3.0", "3.1"][i],
                        e.first().map(ToString::to_string).unwrap_or_default()
                    );
                    return;
                }
            }
        }
    }
    for (i, form) in [&v30, &v31].into_iter().enumerate() {
        let mb = form.len() as f64 / 1_000_000.0;
        let median = crate::median(std::mem::take(&mut times[i])).as_secs_f64() * 1000.0;
        println!(
            "| {} | {mb:.2} | {median:.1} | {:.1} | {} | {} |",
            ["3.0", "3.1"][i],
            median / mb,
            counts[i].0,
            counts[i].1
        );
    }
}
