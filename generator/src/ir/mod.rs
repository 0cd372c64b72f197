//! The intermediate representation: every decision about the output, made once.
//!
//! Lowering ([`crate::lower`]) builds it from the spec, and a value of these types is
//! final: drafts are other types (`lower::draft`). The emitter renders it and decides
//! nothing. Each named thing carries its Rust name beside its wire name (`name` +
//! `api_name`).
//!
//! One file each for the request builders' tree (`paths`), the models (`models`), the
//! operations (`operations`) and the reference pages' facts (`facts`); all are named from
//! here (`crate::ir::Model`).

mod facts;
mod models;
mod operations;
mod paths;

pub use facts::*;
pub use models::*;
pub use operations::*;
pub use paths::*;

/// Index of a model in [`Api::models`].
pub type ModelId = usize;

/// The `data` the runtime ends a stream of events on (`sequence::SENTINELS`; a test holds
/// the two lists equal).
pub const DEFAULT_SENTINELS: &[&str] = &["[DONE]"];

/// A whole API, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`, if any.
    pub description: Option<String>,
    /// The first server URL without its trailing `/`, if the spec names one.
    pub base_url: Option<String>,
    /// Every named type, in a fixed order (component schemas first, in spec order).
    pub models: Vec<Model>,
    /// Every operation, in spec order.
    pub operations: Vec<Operation>,
    /// The request builders: the operations' paths as a tree.
    pub paths: Paths,
    /// Requests the API sends (webhooks), in spec order: each becomes a type that reads
    /// such a request, sans-IO.
    pub webhooks: Vec<Webhook>,
    /// Cargo features, one per module when several descriptions are generated as one
    /// crate (`applications`, `users_actions`, …); empty for one description.
    pub features: Vec<String>,
    /// The `data` that ends a stream of server-sent events whose data is each item: the
    /// runtime's own ([`DEFAULT_SENTINELS`]), then the config's.
    pub sentinels: Vec<String>,
    /// How the output is packaged.
    pub layout: Layout,
    /// The command line's commands (rendered with `generate --cli`), in path order.
    pub cli: Vec<CliCommand>,
    /// How its errors are shaped (what a server or fake of it answers on bad input).
    pub error_shape: ErrorShape,
    /// The path of its server URL (`/v1.0`; empty for none), which a server's routes are under.
    pub base_path: String,
}

impl Api {
    /// The module whose crate holds an item of this gate, with a crate per module: an item of
    /// exactly one module (a model, a request builder) is in that module's crate, compiled
    /// beside the other modules; an item of several is in a crate below them (models) or
    /// above them (request builders). `None` with one crate.
    pub fn own_module(&self, gate: &Gate) -> Option<usize> {
        match self.layout {
            Layout::OneCrate => None,
            Layout::CratePerModule { .. } => gate.single(),
        }
    }

    /// Whether an item of this gate is in the crate users depend on, above the modules'
    /// crates, with a crate per module: a model no operation reaches (compiled with `full`
    /// alone) may name models of any module.
    pub fn above_modules(&self, gate: &Gate) -> bool {
        matches!(self.layout, Layout::CratePerModule { .. }) && gate.is_full_only()
    }

    /// Whether a model of this gate is outside the models crates, with a crate per module:
    /// in its module's crate ([`Api::own_module`]) or above them all ([`Api::above_modules`]).
    pub fn outside_models_crates(&self, gate: &Gate) -> bool {
        matches!(self.layout, Layout::CratePerModule { .. }) && gate.outside_models_crates()
    }
}

/// One command of the generated command line: its words, in the Graph CLI's way
/// (`service-principals synchronization jobs start post`), and the operations it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct CliCommand {
    /// The words, the verb last.
    pub words: Vec<String>,
    /// Its flags (path ids, parameters), in order; `--body` and the query options are
    /// the variants' own.
    pub flags: Vec<CliFlag>,
    /// The operations it runs: more than one when a collection's command and its items'
    /// share words (`jobs validate-credentials post` with and without
    /// `--synchronization-job-id`); the one whose ids are all given runs, most ids first.
    pub variants: Vec<CliVariant>,
}

/// A flag of a command.
#[derive(Debug, Clone, PartialEq)]
pub struct CliFlag {
    /// The long name (`service-principal-id`).
    pub name: String,
    /// Whether every variant needs it.
    pub required: bool,
    /// One line of help.
    pub help: String,
}

/// One operation a command runs, and which flags give its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct CliVariant {
    /// The operation (an index of [`Api::operations`]).
    pub operation: usize,
    /// For each of the operation's parameters (in its order), the flag that gives it.
    pub params: Vec<String>,
    /// The flags that tell this variant from the others (its path ids that not every
    /// variant has).
    pub ids: Vec<String>,
}

/// A request the API sends to its users (an OpenAPI webhook), and how to read one.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The Rust type name (from the webhook's name, unique among the operations).
    pub name: String,
    /// The webhook's name in the description.
    pub api_name: String,
    /// The method it is sent with.
    pub method: Method,
    /// Its body, if it has one.
    pub body: Option<Body>,
    /// Rustdoc.
    pub docs: Docs,
    /// The features that compile it.
    pub gate: Gate,
}

/// How the output is packaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// One crate.
    OneCrate,
    /// Several modules (features): a small workspace, so that rustc works on pieces of a
    /// size it handles (and in parallel). The crate users depend on re-exports a models
    /// crate (the runtime and every model, each gated by the features that reach it) and
    /// one crate per module (its operations), and holds the request builders.
    CratePerModule {
        /// The models crate's name in Rust paths (`graph_models`): the top one, which
        /// re-exports the runtime and the models of the ones below.
        models_crate: String,
        /// How many crates the models are split over (see [`Model::part`]).
        model_parts: usize,
        /// The traits that carry the operations' setters to `Bound` (each module's request
        /// builders are in its own crate, and `Bound` is the runtime's, so the setters
        /// cannot be its inherent methods): a setter's name, and its trait's.
        setter_traits: std::collections::BTreeMap<String, String>,
    },
}

impl Layout {
    /// Whether an operation's OData setters (`top`, `select`, …) are its own methods: in one
    /// crate. With a crate per module they are the provided methods of the runtime's option
    /// traits (`runtime::query::Top`), which the prelude brings into scope: written once
    /// rather than once per operation, the largest part of the operations' work for rustc
    /// after their paths (measured on Graph's sites).
    pub fn inherent_query_setters(&self) -> bool {
        matches!(self, Layout::OneCrate)
    }
}

/// Which cargo features compile an item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Gate {
    /// Always compiled.
    #[default]
    Always,
    /// Compiled with any of these features (indexes of [`Api::features`], ascending), or
    /// with `full` (which enables them all); none: with `full` only.
    Features(Vec<usize>),
}

impl Gate {
    /// A gate of no module: an item compiled with `full` alone (a model no operation
    /// reaches).
    pub fn is_full_only(&self) -> bool {
        matches!(self, Gate::Features(list) if list.is_empty())
    }

    /// Whether, with a crate per module, an item of this gate is outside the models crates:
    /// one module's (in its crate) or no module's (in the crate above them all). The rule
    /// [`Api::outside_models_crates`] applies and the models' parts weigh by.
    pub fn outside_models_crates(&self) -> bool {
        self.single().is_some() || self.is_full_only()
    }

    /// The one feature of a gate of exactly one: with a crate per module, such an item is
    /// that module's, in its crate.
    pub fn single(&self) -> Option<usize> {
        match self {
            Gate::Features(list) => match list.as_slice() {
                [one] => Some(*one),
                _ => None,
            },
            Gate::Always => None,
        }
    }

    /// Both gates' features: compiled when either item is.
    pub fn union(&self, other: &Gate) -> Gate {
        match (self, other) {
            (Gate::Features(a), Gate::Features(b)) => {
                let mut all: Vec<usize> = a.iter().chain(b).copied().collect();
                all.sort_unstable();
                all.dedup();
                Gate::Features(all)
            }
            _ => Gate::Always,
        }
    }
}

/// Documentation carried into rustdoc.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// A one-line summary.
    pub summary: Option<String>,
    /// A longer description.
    pub description: Option<String>,
    /// A link to more documentation (`externalDocs.url`).
    pub external_url: Option<String>,
    /// Extra lines the generator adds (why a type fell back to JSON, the wire name, …).
    pub notes: Vec<String>,
}
