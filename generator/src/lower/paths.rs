//! The request-builder tree: every operation's path, walked one segment at a time as
//! Graph's SDKs walk it (`service_principals()`, `by_service_principal_id(id)`,
//! `synchronization()`, …, `start()`, then `post()`). Decided here: which paths share a
//! node, each node's type name, each step's and terminal's method name, the ids each node
//! holds, and each operation's chain for its documentation.
//!
//! Step names follow Kiota's (the generator of Microsoft's SDKs), in snake case: a literal
//! segment by its name without the `microsoft.graph.` namespace (`start`), `$count` as
//! `count`, `$value` as `content`, `$ref` as `ref_`; a segment that is one parameter as
//! `by_<parameter>`; a function or key with parameters (`getX(period='{period}')`,
//! `servicePrincipals(appId='{appId}')`) as its name then `with_<parameter>` for each.

use super::draft::OperationDraft;
use crate::ir::{Call, ClientEntry, Gate, Param, ParamLocation, PathId, PathNode, PathPart, PathStep, Paths, Terminal};
use crate::names::{sanitize, Case, Scope};
use std::collections::BTreeMap;

/// How the tree starts: the root type's name, how a client reaches it, and where the
/// generated code lives for doc examples.
#[derive(Debug, Clone)]
pub struct Root {
    /// The root type (`Graph`).
    pub name: String,
    /// How a client starts a chain.
    pub client_entry: ClientEntry,
    /// The generated module's path in doc examples.
    pub crate_path: String,
    /// Methods the client already has: root steps must not take their names.
    pub client_methods: Vec<String>,
}

/// A piece of one path segment.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    /// An index of the operation's parameters.
    Param(usize),
}

/// A node while the tree is built.
struct NodeDraft {
    node: PathNode,
    /// Names taken among its steps and terminals.
    methods: Scope,
    /// Names taken among its fields (its ids and `ctx`).
    fields: Scope,
    /// Children by the shape of their segment (text, parameter wire names and types).
    children: BTreeMap<String, usize>,
    /// The words of its segments from the root, which its type's name is made of.
    word_path: String,
}

/// Builds the tree from the operations (in spec order, each with its gate) and each
/// operation's chain. A node compiles with the features of the operations under it.
/// `crate_per_module`: the layout (see [`PathNode::made_elsewhere`]).
pub fn build(operations: &[OperationDraft], gates: &[Gate], root: &Root, crate_per_module: bool) -> (Paths, Vec<Call>) {
    let mut types = Scope::new();
    types.reserve(&root.name);
    // The builders' generic parameter.
    types.reserve("C");
    let mut root_methods = Scope::new();
    root_methods.reserve("new");
    for method in &root.client_methods {
        root_methods.reserve(method);
    }
    let mut root_fields = Scope::new();
    root_fields.reserve("ctx");
    let mut nodes =
        vec![new_node(root.name.clone(), "/".to_owned(), Vec::new(), root_methods, root_fields, String::new())];
    let mut calls = Vec::with_capacity(operations.len());
    for (index, op) in operations.iter().enumerate() {
        let mut at = 0;
        let mut call = Call { steps: Vec::new(), terminal: String::new() };
        // Which node id holds each parameter of the operation.
        let mut held: BTreeMap<usize, usize> = BTreeMap::new();
        for segment in split(&op.segments) {
            let params: Vec<usize> = segment
                .iter()
                .filter_map(|p| match p {
                    Piece::Param(i) => Some(*i),
                    Piece::Text(_) => None,
                })
                .collect();
            let key = shape(&segment, &op.params);
            let existing = nodes.get(at).and_then(|n| n.children.get(&key)).copied();
            let child = match existing {
                Some(child) => child,
                None => {
                    let child = nodes.len();
                    let Some(parent) = nodes.get_mut(at) else { break };
                    // Names only for a new node: most segments lead to one that exists.
                    let (step_name, word) = names_of(&segment, &op.params);
                    let word_path = format!("{}{word}", parent.word_path);
                    let mut fields = parent.fields.clone();
                    let mut ids = parent.node.ids.clone();
                    for &i in &params {
                        if let Some(p) = op.params.get(i) {
                            ids.push(PathId {
                                name: fields.claim(std::slice::from_ref(&p.name), Case::Snake),
                                api_name: p.api_name.clone(),
                                ty: p.ty.clone(),
                                conversion: p.conversion,
                            });
                        }
                    }
                    let path = format!("{}/{}", parent.node.path.trim_end_matches('/'), text_of(&segment, &op.params));
                    let method = parent.methods.claim(&[step_name], Case::Snake);
                    parent.node.steps.push(PathStep { name: method, node: child, adds: params.len() });
                    parent.children.insert(key, child);
                    let name = types.claim(&[sanitize(&word_path, Case::Camel)], Case::Camel);
                    let mut methods = Scope::new();
                    methods.reserve("clone");
                    nodes.push(new_node(name, path, ids, methods, fields, word_path));
                    child
                }
            };
            let step = nodes
                .get(at)
                .and_then(|n| n.node.steps.iter().find(|s| s.node == child))
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let held_by_child = nodes.get(child).map_or(0, |n| n.node.ids.len());
            let first_id = held_by_child.saturating_sub(params.len());
            for (k, &i) in params.iter().enumerate() {
                held.entry(i).or_insert(first_id + k);
            }
            call.steps.push((step, params));
            at = child;
        }
        let Some(node) = nodes.get_mut(at) else { continue };
        // Terminals are named by their method (those names are reserved for them); two
        // operations with one method on one path (paths that differ only in their
        // parameters' names) are numbered.
        let wanted = op.method.key().to_owned();
        // The eight are reserved at every node; another method's name (3.2's `query`,
        // `search`) may be a step's already.
        let reserved = crate::ir::Method::ALL.contains(&op.method);
        let terminal =
            if node.node.terminals.iter().any(|t| t.name == wanted) || (!reserved && node.methods.contains(&wanted)) {
                node.methods.claim(&[wanted], Case::Snake)
            } else {
                if !reserved {
                    node.methods.reserve(&wanted);
                }
                wanted
            };
        let path_ids = op
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.required && p.location == ParamLocation::Path)
            .map(|(i, _)| held.get(&i).copied().unwrap_or_default())
            .collect();
        node.node.terminals.push(Terminal { name: terminal.clone(), operation: index, path_ids });
        call.terminal = terminal;
        calls.push(call);
    }
    // Children come after their parents, so one pass from the last node up gathers each
    // subtree's gate (a node's gate starts as `Features([])`, which nothing compiles).
    for index in (0..nodes.len()).rev() {
        let Some(node) = nodes.get(index) else { continue };
        let mut gate = node
            .node
            .terminals
            .iter()
            .fold(Gate::Features(Vec::new()), |g, t| g.union(gates.get(t.operation).unwrap_or(&Gate::Always)));
        for step in &node.node.steps {
            if let Some(child) = nodes.get(step.node) {
                gate = gate.union(&child.node.gate);
            }
        }
        if let Some(node) = nodes.get_mut(index) {
            node.node.gate = gate;
        }
    }
    // A node one module reaches is in its crate (`Api::own_module`); its parent, when
    // several reach that, is in the crate above.
    if crate_per_module {
        for parent in 0..nodes.len() {
            let steps: Vec<usize> =
                nodes.get(parent).map(|n| n.node.steps.iter().map(|s| s.node).collect()).unwrap_or_default();
            let parent_module = nodes.get(parent).and_then(|n| n.node.gate.single());
            for child in steps {
                if let Some(child) = nodes.get_mut(child) {
                    let module = child.node.gate.single();
                    child.node.made_elsewhere |= module.is_some() && module != parent_module;
                }
            }
        }
    }
    let root_unread = nodes.first().and_then(|first| {
        let root = &first.node;
        if root.steps.is_empty() && root.terminals.is_empty() {
            Some("the description has no operations".to_owned())
        } else if root.gate != Gate::Always {
            Some("no step reads it when no module's feature is on".to_owned())
        } else {
            None
        }
    });
    let paths = Paths {
        nodes: nodes.into_iter().map(|n| n.node).collect(),
        client_entry: root.client_entry.clone(),
        crate_path: root.crate_path.clone(),
        root_unread,
    };
    (paths, calls)
}

fn new_node(
    name: String,
    path: String,
    ids: Vec<PathId>,
    mut methods: Scope,
    fields: Scope,
    word_path: String,
) -> NodeDraft {
    // Terminals are named by their method; a step may not take those names.
    for method in crate::ir::Method::ALL {
        methods.reserve(&method.as_str().to_ascii_lowercase());
    }
    NodeDraft {
        node: PathNode {
            name,
            path,
            ids,
            steps: Vec::new(),
            terminals: Vec::new(),
            gate: Gate::Features(Vec::new()),
            made_elsewhere: false,
        },
        methods,
        fields,
        children: BTreeMap::new(),
        word_path,
    }
}

/// The path's segments (split at `/`, empty ones dropped), each as its pieces.
fn split(parts: &[PathPart]) -> Vec<Vec<Piece>> {
    let mut segments: Vec<Vec<Piece>> = vec![Vec::new()];
    for part in parts {
        match part {
            PathPart::Literal(text) => {
                let mut pieces = text.split('/');
                if let (Some(first), Some(current)) = (pieces.next(), segments.last_mut()) {
                    if !first.is_empty() {
                        current.push(Piece::Text(first.to_owned()));
                    }
                }
                for piece in pieces {
                    let mut segment = Vec::new();
                    if !piece.is_empty() {
                        segment.push(Piece::Text(piece.to_owned()));
                    }
                    segments.push(segment);
                }
            }
            PathPart::Param(i) => {
                if let Some(current) = segments.last_mut() {
                    current.push(Piece::Param(*i));
                }
            }
        }
    }
    segments.retain(|s| !s.is_empty());
    segments
}

/// What makes two segments the same node: their text, and their parameters' wire names
/// and types (`{id}` as a string and `{id}` as a number are two steps).
fn shape(segment: &[Piece], params: &[Param]) -> String {
    segment
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Param(i) => match params.get(*i) {
                Some(p) => format!("{{{}:{:?}}}", p.api_name, p.ty),
                None => "{}".to_owned(),
            },
        })
        .collect()
}

/// The segment as the path template writes it.
fn text_of(segment: &[Piece], params: &[Param]) -> String {
    segment
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Param(i) => format!("{{{}}}", params.get(*i).map_or("", |p| p.api_name.as_str())),
        })
        .collect()
}

/// The step's method name and the word its node adds to the type name.
fn names_of(segment: &[Piece], params: &[Param]) -> (String, String) {
    let mut words: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut text = String::new();
    let flush = |text: &mut String, words: &mut Vec<String>| {
        let literal = literal_name(text);
        if !literal.is_empty() {
            words.push(literal);
        }
        text.clear();
    };
    for piece in segment {
        match piece {
            Piece::Text(t) => {
                for c in t.chars() {
                    match c {
                        '(' => {
                            flush(&mut text, &mut words);
                            depth += 1;
                        }
                        ')' => depth = depth.saturating_sub(1),
                        // Inside parentheses only the parameters count, not their keys.
                        _ if depth > 0 => {}
                        c => text.push(c),
                    }
                }
            }
            Piece::Param(i) => {
                flush(&mut text, &mut words);
                let name = params.get(*i).map_or("id", |p| p.api_name.as_str());
                let joiner = if words.is_empty() { "by" } else { "with" };
                words.push(format!("{joiner}_{name}"));
            }
        }
    }
    flush(&mut text, &mut words);
    let step = sanitize(&words.join("_"), Case::Snake);
    let word = match segment {
        [Piece::Param(_)] => "Item".to_owned(),
        _ => sanitize(&words.join("_"), Case::Camel),
    };
    (step, word)
}

/// A literal segment's name: Graph's namespace and OData's `$` dropped, `$value` as
/// `content` (as Kiota names them).
fn literal_name(text: &str) -> String {
    let text = text.trim_matches(|c: char| c == '\'' || c == '=' || c == ',');
    let text = match text.strip_prefix("microsoft.graph.") {
        Some(rest) if !rest.contains('.') => rest,
        _ => text,
    };
    match text {
        "$value" => "content".to_owned(),
        other => other.trim_start_matches('$').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Conversion, Docs, ParamFormat, Type};

    fn param(name: &str) -> Param {
        Param {
            name: sanitize(name, Case::Snake),
            getter: sanitize(name, Case::Snake),
            api_name: name.to_owned(),
            location: ParamLocation::Path,
            ty: Type::String,
            required: true,
            format: ParamFormat::Str,
            conversion: Conversion::Into,
            docs: Docs::default(),
        }
    }

    fn step(segment: &str, params: &[&str]) -> (String, String) {
        let params: Vec<Param> = params.iter().map(|p| param(p)).collect();
        let mut parts = Vec::new();
        let mut rest = segment;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            parts.push(PathPart::Param(params.iter().position(|p| p.api_name == name).unwrap_or(0)));
            rest = &rest[(close + 1).min(rest.len())..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        let segments = split(&parts);
        assert_eq!(segments.len(), 1, "{segment}");
        names_of(&segments[0], &params)
    }

    #[test]
    fn steps_are_named_as_kiota_names_them() {
        let cases = [
            ("servicePrincipals", vec![], "service_principals", "ServicePrincipals"),
            ("{servicePrincipal-id}", vec!["servicePrincipal-id"], "by_service_principal_id", "Item"),
            ("microsoft.graph.start", vec![], "start", "Start"),
            ("microsoft.graph.security.runHuntingQuery", vec![], "microsoft_graph_security_run_hunting_query", ""),
            ("$count", vec![], "count", "Count"),
            ("$value", vec![], "content", "Content"),
            ("$ref", vec![], "ref_", ""),
            ("Ping", vec![], "ping", "Ping"),
            ("servicePrincipals(appId='{appId}')", vec!["appId"], "service_principals_with_app_id", ""),
            ("getMailboxUsageDetail(period='{period}')", vec!["period"], "get_mailbox_usage_detail_with_period", ""),
            ("cell(row={row},column={column})", vec!["row", "column"], "cell_with_row_with_column", ""),
            ("delta()", vec![], "delta", "Delta"),
            ("{Sid}.json", vec!["Sid"], "by_sid_json", "BySidJson"),
        ];
        for (segment, params, method, word) in cases {
            let (m, w) = step(segment, &params);
            assert_eq!(m, method, "{segment}");
            if !word.is_empty() {
                assert_eq!(w, word, "{segment}");
            }
        }
    }

    #[test]
    fn empty_segments_are_dropped() {
        let parts = vec![PathPart::Literal("/a//b/".to_owned()), PathPart::Param(0), PathPart::Literal("/".to_owned())];
        let segments = split(&parts);
        assert_eq!(segments, vec![vec![Piece::Text("a".into())], vec![Piece::Text("b".into())], vec![Piece::Param(0)]]);
    }
}
