//! The request builders' tree: nodes, steps, terminals and each operation's chain.

use super::*;

/// The request-builder tree: one node per path prefix, as Graph's SDKs walk the URL
/// (`service_principals()`, `by_service_principal_id(id)`, …, `start()`, `post()`).
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// The nodes; the first is the root (`Graph`, for Microsoft Graph).
    pub nodes: Vec<PathNode>,
    /// How a client starts a chain.
    pub client_entry: ClientEntry,
    /// The Rust path of the generated module in doc examples (`generated`, `graph_sync::beta`).
    pub crate_path: String,
    /// Why a build may never read the root's context, when one may: the description has
    /// no operation, or no module's feature is on. The root always compiles, so its
    /// context field says so to the `dead_code` lint, with this reason.
    pub root_unread: Option<String>,
}

/// How a client starts a request-builder chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientEntry {
    /// The root's steps are the client's own methods: `client.service_principals()`.
    Steps,
    /// One method of the client returns the root: `client.beta().service_principals()`
    /// (a second API version sharing the client).
    Method(String),
    /// The root's steps are methods of a trait the client implements (`use
    /// graph::prelude::*;` then `client.users()`): when the client is another crate's
    /// type, it cannot gain methods of its own.
    Trait(String),
}

/// One node: a path prefix, the ids it holds, and where it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct PathNode {
    /// The Rust type name.
    pub name: String,
    /// The path template it stands for (`/servicePrincipals/{servicePrincipal-id}`).
    pub path: String,
    /// The path parameters it holds, in path order: its parent's, then its own segment's.
    pub ids: Vec<PathId>,
    /// The steps to its children.
    pub steps: Vec<PathStep>,
    /// The operations on this path, one per method.
    pub terminals: Vec<Terminal>,
    /// The features that compile it: those of the operations under it.
    pub gate: Gate,
    /// Whether a step of another crate makes it, from its fields (which are then
    /// `#[doc(hidden)] pub`): with a crate per module, a node only one module reaches is in
    /// that module's crate, and a node several reach (in the crate users depend on) may
    /// lead to it.
    pub made_elsewhere: bool,
}

/// A path parameter a node holds.
#[derive(Debug, Clone, PartialEq)]
pub struct PathId {
    /// The field name.
    pub name: String,
    /// Its wire name.
    pub api_name: String,
    /// Its type (the operation's parameter type).
    pub ty: Type,
    /// How the step that adds it takes it.
    pub conversion: Conversion,
}

/// A step from a node to a child.
#[derive(Debug, Clone, PartialEq)]
pub struct PathStep {
    /// The method name (`jobs`, `by_synchronization_job_id`, `get_x_with_period`).
    pub name: String,
    /// The child node.
    pub node: usize,
    /// How many ids the step adds (the child's last ones), as the step's arguments.
    pub adds: usize,
}

/// An operation at the end of a chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Terminal {
    /// The method name (`get`, `post`, …).
    pub name: String,
    /// The operation, an index of [`Api::operations`].
    pub operation: usize,
    /// For each path parameter `new` takes (in its order), the node's id that supplies it.
    pub path_ids: Vec<usize>,
}

/// How an operation is reached through the request builders, for its documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Each step: its name and the operation's parameters it takes (indexes of
    /// [`Operation::params`]).
    pub steps: Vec<(String, Vec<usize>)>,
    /// The last step's name (`post`).
    pub terminal: String,
}
