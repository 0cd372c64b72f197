//! The command line's commands, decided once from the request builders' path tree in the
//! Graph CLI's words: each literal segment a word in kebab case (`service-principals`),
//! each parameter segment no word but a flag named after the parameter
//! (`--service-principal-id`), the verb last: `list` and `create` on a collection (a
//! segment whose child is an id), `get`, `patch`, `put`, `delete` on an item or a
//! singleton, `post` for an action; `$count` and `$value` as the SDKs name them (`count`,
//! `content`). A collection's commands and its items' share words: when both have the
//! same verb (`jobs validate-credentials post`), one command runs either, by the ids
//! given.

use crate::ir::{CliCommand, CliFlag, CliVariant, Method, Operation, ParamLocation, Paths};
use std::collections::BTreeMap;

/// The flags the runtime's command line declares (`Arg::new("…")` in `templates/src/cli.rs`:
/// every command's global options, `--body`, `--all`, `--stream`), read from its text, so
/// that a flag added there is reserved here.
fn runtime_flags() -> &'static [String] {
    static FLAGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FLAGS.get_or_init(|| {
        let text = wiretype_runtime::sources::FILES.iter().find(|(module, _)| *module == "cli").map_or("", |(_, t)| t);
        text.split("Arg::new(\"")
            .skip(1)
            .filter_map(|rest| rest.split_once('"'))
            .map(|(name, _)| name.to_owned())
            .collect()
    })
}

/// Whether a flag is the runtime's: clap's `--help`, one the runtime's command line
/// declares, or a query option's (from the runtime's table of options). A parameter never
/// takes one of these names.
pub fn is_reserved_flag(name: &str) -> bool {
    name == "help"
        || runtime_flags().iter().any(|flag| flag == name)
        || crate::ir::QueryOption::all().any(|o| o.setter() == name)
}

/// A wire name in kebab case: `servicePrincipal-id` → `service-principal-id`.
pub fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.trim_matches(|c: char| !c.is_ascii_alphanumeric()).chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('-') {
                out.push('-');
            }
            previous_lower = false;
        }
    }
    out.trim_matches('-').to_owned()
}

/// The commands, in the order of the tree (depth first, steps in order).
pub fn commands(paths: &Paths, operations: &[Operation]) -> Vec<CliCommand> {
    let mut found: BTreeMap<Vec<String>, (usize, CliCommand)> = BTreeMap::new();
    // An explicit stack (a description controls the tree's depth): node, words, whether
    // the step into it added an id.
    let mut stack: Vec<(usize, Vec<String>, bool)> = vec![(0, Vec::new(), false)];
    let mut visited = vec![false; paths.nodes.len()];
    let mut order = 0usize;
    while let Some((index, words, item)) = stack.pop() {
        let Some(node) = paths.nodes.get(index) else { continue };
        match visited.get_mut(index) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        let collection = node.steps.iter().any(|s| s.adds > 0);
        for terminal in &node.terminals {
            let Some(op) = operations.get(terminal.operation) else { continue };
            let mut key = words.clone();
            key.push(verb(op, item, collection));
            let variant = variant(terminal.operation, op);
            let entry = found.entry(key.clone()).or_insert_with(|| {
                order += 1;
                (order, CliCommand { words: key, flags: Vec::new(), variants: Vec::new() })
            });
            entry.1.variants.push(variant);
        }
        // Children pushed in reverse, so that they are visited in order.
        for step in node.steps.iter().rev() {
            let mut child_words = words.clone();
            if step.adds == 0 {
                child_words.push(kebab(step.name.trim_end_matches('_')));
            }
            stack.push((step.node, child_words, step.adds > 0));
        }
    }
    let mut commands: Vec<(usize, CliCommand)> = found.into_values().collect();
    commands.sort_by_key(|(order, _)| *order);
    commands
        .into_iter()
        .map(|(_, mut command)| {
            // An id every variant has tells none apart; most ids first: the variant whose
            // distinguishing ids are all given runs.
            let common: Vec<String> = command
                .variants
                .first()
                .map(|first| {
                    first.ids.iter().filter(|id| command.variants.iter().all(|v| v.ids.contains(id))).cloned().collect()
                })
                .unwrap_or_default();
            for variant in &mut command.variants {
                variant.ids.retain(|id| !common.contains(id));
            }
            command.variants.sort_by_key(|v| std::cmp::Reverse(v.ids.len()));
            command.flags = flags(&command, operations);
            command
        })
        .collect()
}

/// The verb of an operation at a node.
fn verb(op: &Operation, item: bool, collection: bool) -> String {
    match op.method {
        Method::Get if collection && !item => "list".to_owned(),
        Method::Get if op.next_link.is_some() && !item => "list".to_owned(),
        Method::Post if collection => "create".to_owned(),
        other => other.as_str().to_ascii_lowercase(),
    }
}

/// The flags of one operation's parameters (path ids as `--<name>`), named once.
fn variant(index: usize, op: &Operation) -> CliVariant {
    let mut taken: Vec<String> = Vec::new();
    let mut params = Vec::new();
    let mut ids = Vec::new();
    for param in &op.params {
        let mut name = kebab(&param.api_name);
        if name.is_empty() {
            name = kebab(&param.name);
        }
        if is_reserved_flag(&name) || taken.contains(&name) {
            name = format!("param-{name}");
        }
        let mut unique = name.clone();
        let mut n = 2;
        while taken.contains(&unique) || is_reserved_flag(&unique) {
            unique = format!("{name}-{n}");
            n += 1;
        }
        taken.push(unique.clone());
        if param.location == ParamLocation::Path {
            ids.push(unique.clone());
        }
        params.push(unique);
    }
    CliVariant { operation: index, params, ids }
}

/// The union of the variants' parameter flags; required when every variant requires it.
fn flags(command: &CliCommand, operations: &[Operation]) -> Vec<CliFlag> {
    let mut out: Vec<CliFlag> = Vec::new();
    for variant in &command.variants {
        let Some(op) = operations.get(variant.operation) else { continue };
        for (param, name) in op.params.iter().zip(&variant.params) {
            let required = param.required
                && command.variants.iter().all(|v| {
                    v.params.contains(name)
                        && operations
                            .get(v.operation)
                            .is_some_and(|o| o.params.iter().zip(&v.params).any(|(p, n)| n == name && p.required))
                });
            if let Some(flag) = out.iter_mut().find(|f| f.name == *name) {
                flag.required &= required;
                continue;
            }
            let kind = match param.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            };
            let summary = param.docs.summary.as_deref().or(param.docs.description.as_deref()).unwrap_or("");
            let first = summary.lines().next().unwrap_or("").trim();
            let help = if first.is_empty() {
                format!("The {kind} parameter `{}`", param.api_name)
            } else {
                format!("{first} ({kind} parameter `{}`)", param.api_name)
            };
            out.push(CliFlag { name: name.clone(), required, help });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtimes_flags_are_reserved() {
        for flag in ["help", "base-url", "token", "output", "dry-run", "strict", "show-secrets", "debug", "cloud"] {
            assert!(is_reserved_flag(flag), "{flag}");
        }
        for flag in ["body", "all", "stream", "top", "orderby", "expand"] {
            assert!(is_reserved_flag(flag), "{flag}");
        }
        assert!(!is_reserved_flag("service-principal-id"));
    }

    #[test]
    fn wire_names_become_the_graph_clis_flags_and_words() {
        assert_eq!(kebab("servicePrincipal-id"), "service-principal-id");
        assert_eq!(kebab("synchronizationJob-id"), "synchronization-job-id");
        assert_eq!(kebab("service_principals"), "service-principals");
        assert_eq!(kebab("validate_credentials"), "validate-credentials");
        assert_eq!(kebab("$filter"), "filter");
        assert_eq!(kebab("petId"), "pet-id");
        assert_eq!(kebab("X-Request-ID"), "x-request-id");
        assert_eq!(kebab("page[size]"), "page-size");
        // Graph's header for advanced queries: `--count --consistency-level eventual`.
        assert_eq!(kebab("ConsistencyLevel"), "consistency-level");
    }
}
