//! The intermediate representation: every decision about the output, made once.
//!
//! Lowering ([`crate::lower`]) builds it from the spec, and a value of these types is
//! final: drafts are other types (`lower::draft`). The emitter renders it and decides
//! nothing. Each named thing carries its Rust name beside its wire name (`name` +
//! `api_name`).

/// Index of a model in [`Api::models`].
pub type ModelId = usize;

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
    /// How the output is packaged.
    pub layout: Layout,
    /// The command line's commands (rendered with `generate --cli`), in path order.
    pub cli: Vec<CliCommand>,
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
    },
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

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The Rust name, unique in the crate.
    pub name: String,
    /// The schema's name in the spec, or the place an inline schema was found.
    pub api_name: String,
    /// Rustdoc.
    pub docs: Docs,
    /// What it is.
    pub kind: ModelKind,
    /// The features that compile it (those of the operations that reach it).
    pub gate: Gate,
    /// The models crate it goes to when they are split (0 the lowest; a model only names
    /// models of its own part or lower ones); 0 with one crate.
    pub part: usize,
}

/// The shapes a model can take.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelKind {
    /// An object with named properties.
    Struct(Struct),
    /// An open string enum.
    Enum(Enum),
    /// A flags enum: a set of members of the open enum `member`.
    Flags {
        /// The enum of single members.
        member: ModelId,
    },
    /// Another name for a type (`pub type A = B;`).
    Alias(Type),
    /// A single-field wrapper, for aliases that would otherwise be infinite (`A = Vec<A>`).
    Newtype {
        /// The wrapped type.
        ty: Type,
        /// Whether `Default` can be derived.
        default: bool,
    },
    /// `oneOf`/`anyOf`: one of several types.
    Union(Union),
    /// Exactly one JSON value (JSON Schema's `const`): written as it is, and any other
    /// value refused when read.
    Const(serde_json::Value),
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Known properties, in spec order (inherited ones first).
    pub fields: Vec<Field>,
    /// What happens to members the struct does not name.
    pub additional: Additional,
    /// Whether `Default` can be derived (every required field's type has one).
    pub default: bool,
    /// Whether a lossless struct is read into its `Default` value by the runtime's shared
    /// visitor (`in_place`): it derives `Default` and has no required field, whose absence
    /// would need a check. Others are read into locals by a visitor of their own.
    pub in_place: bool,
    /// Who writes its `Debug` and `PartialEq`.
    pub std_impls: StdImpls,
}

/// How a struct's `Debug` and `PartialEq` are written. Each `Debug` shows what
/// `#[derive(Debug)]` would, but for credentials (`format: password`), shown as
/// `<redacted>`; each `PartialEq` compares as `#[derive(PartialEq)]` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StdImpls {
    /// Both derived: a closed or map struct that holds no credential.
    Derived,
    /// Both from the runtime's macro, over the list of members it keeps for an open model
    /// (which costs rustc less than two derives: the list is there anyway).
    Members,
    /// `PartialEq` derived, `Debug` an impl of its own: a closed or map model that holds a
    /// credential.
    Redacting,
}

/// The kind of an object: what becomes of the members its schema does not name.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// `additionalProperties: false`: unknown members are skipped when reading.
    Closed,
    /// Open (the default): unknown members are kept in an ordered JSON map, known ones
    /// that arrived as `null` in a set of names, and both are written back unchanged.
    Lossless {
        /// The Rust name of the map field (normally `additional_properties`).
        field: String,
        /// The Rust name of the field of `null` members (normally `explicit_nulls`).
        nulls: String,
    },
    /// `additionalProperties: {schema}`: unknown members are values of one type.
    Map {
        /// The Rust name of the map field.
        field: String,
        /// The type of each value.
        value: Type,
    },
}

/// A property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust name.
    pub name: String,
    /// Wire name.
    pub api_name: String,
    /// Its type (already boxed where recursion needs it).
    pub ty: Type,
    /// Required properties are plain `T`; the others `Option<T>`, omitted when `None`.
    pub required: bool,
    /// The name of the associated constant that names this member for `set_null` (optional
    /// members of lossless structs, which can send an explicit `null`).
    pub member: Option<String>,
    /// Rustdoc.
    pub docs: Docs,
    /// A credential (`format: password`): the model's `Debug` shows `<redacted>` for it.
    pub secret: bool,
}

/// An open string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Known members.
    pub variants: Vec<Variant>,
    /// The name of the variant that keeps unknown values.
    pub fallback: String,
}

/// A member of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Rust name.
    pub name: String,
    /// Wire value.
    pub api_name: String,
}

/// One of several types.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The alternatives, tried in order unless a discriminator picks one.
    pub variants: Vec<UnionVariant>,
    /// A discriminator property, when the spec gives one.
    pub discriminator: Option<String>,
    /// The variant that keeps a value no alternative matched (raw JSON); set for discriminated unions.
    pub fallback: Option<String>,
}

/// An alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust name of the variant.
    pub name: String,
    /// Its payload type.
    pub ty: Type,
    /// Discriminator values that select it.
    pub tags: Vec<String>,
}

/// A type as it appears in a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i8` (`format: int8`).
    I8,
    /// `i16` (`format: int16`).
    I16,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u8` (`format: uint8`).
    U8,
    /// `u16` (`format: uint16`).
    U16,
    /// `u32` (`format: uint32`).
    U32,
    /// `u64` (`format: uint64`).
    U64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `uuid::Uuid`.
    Uuid,
    /// A `date-time`, kept as written (the runtime's `Timestamp`).
    DateTime,
    /// A `date`, kept as written (the runtime's `Date`).
    Date,
    /// An ISO-8601 duration with an exact round trip.
    Duration,
    /// Any JSON value.
    Json,
    /// A named model.
    Model(ModelId),
    /// `Vec<T>`.
    Vec(Box<Type>),
    /// A string-keyed map.
    Map(Box<Type>),
    /// `Box<T>`, where recursion needs indirection.
    Boxed(Box<Type>),
    /// A list of fixed length whose items have types of their own, by position
    /// (`prefixItems`): a Rust tuple, written as a JSON array.
    Tuple(Vec<Type>),
    /// A file sent as a part of a multipart form (the runtime's `multipart::File`: bytes,
    /// file name, media type).
    File,
}

/// An HTTP method: the operations of a path item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
    /// QUERY (OpenAPI 3.2: a safe request with a body).
    Query,
    /// COPY (WebDAV)
    Copy,
    /// MOVE (WebDAV)
    Move,
    /// LOCK (WebDAV)
    Lock,
    /// UNLOCK (WebDAV)
    Unlock,
    /// MKCOL (WebDAV)
    Mkcol,
    /// PROPFIND (WebDAV)
    Propfind,
    /// PROPPATCH (WebDAV)
    Proppatch,
    /// REPORT (WebDAV versioning)
    Report,
    /// SEARCH (WebDAV search)
    Search,
    /// LINK
    Link,
    /// UNLINK
    Unlink,
    /// PURGE (caches)
    Purge,
}

/// Every method: its path-item key (3.0's eight; `None` for those only 3.2's
/// `additionalOperations` and `query` hold), its name on the wire, and whether `http`
/// has a constant for it.
const METHODS: [(Method, Option<&str>, &str, bool); 21] = [
    (Method::Get, Some("get"), "GET", true),
    (Method::Put, Some("put"), "PUT", true),
    (Method::Post, Some("post"), "POST", true),
    (Method::Delete, Some("delete"), "DELETE", true),
    (Method::Options, Some("options"), "OPTIONS", true),
    (Method::Head, Some("head"), "HEAD", true),
    (Method::Patch, Some("patch"), "PATCH", true),
    (Method::Trace, Some("trace"), "TRACE", true),
    (Method::Query, None, "QUERY", false),
    (Method::Copy, None, "COPY", false),
    (Method::Move, None, "MOVE", false),
    (Method::Lock, None, "LOCK", false),
    (Method::Unlock, None, "UNLOCK", false),
    (Method::Mkcol, None, "MKCOL", false),
    (Method::Propfind, None, "PROPFIND", false),
    (Method::Proppatch, None, "PROPPATCH", false),
    (Method::Report, None, "REPORT", false),
    (Method::Search, None, "SEARCH", false),
    (Method::Link, None, "LINK", false),
    (Method::Unlink, None, "UNLINK", false),
    (Method::Purge, None, "PURGE", false),
];

impl Method {
    /// Every method a path item holds under its own key, in the order OpenAPI lists them.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// Every method, those of 3.2's `additionalOperations` after the eight.
    pub fn every() -> impl Iterator<Item = Method> {
        METHODS.into_iter().map(|(m, _, _, _)| m)
    }

    fn row(self) -> (Method, Option<&'static str>, &'static str, bool) {
        METHODS.into_iter().find(|(m, _, _, _)| *m == self).unwrap_or((self, None, "GET", true))
    }

    /// The path-item key (`get`); for a method of `additionalOperations`, its name in
    /// lower case (`query`), as request builders and facts name it.
    pub fn key(self) -> &'static str {
        match self.row().1 {
            Some(key) => key,
            None => match self {
                Method::Query => "query",
                Method::Copy => "copy",
                Method::Move => "move",
                Method::Lock => "lock",
                Method::Unlock => "unlock",
                Method::Mkcol => "mkcol",
                Method::Propfind => "propfind",
                Method::Proppatch => "proppatch",
                Method::Report => "report",
                Method::Search => "search",
                Method::Link => "link",
                Method::Unlink => "unlink",
                Method::Purge => "purge",
                _ => "get",
            },
        }
    }

    /// The method on the wire (`GET`).
    pub fn as_str(self) -> &'static str {
        self.row().2
    }

    /// Whether `http::Method` has a constant for it (`GET`, not `QUERY`).
    pub fn has_http_constant(self) -> bool {
        self.row().3
    }

    /// The method of a path-item key (`get`), if it is one.
    pub fn from_key(key: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The method of a name on the wire (`QUERY`, as `additionalOperations` writes it).
    pub fn from_wire(name: &str) -> Option<Method> {
        Method::every().find(|m| m.as_str() == name)
    }

    /// Whether a path-item key is an operation (rather than `parameters`, `summary`, …).
    pub fn is_key(key: &str) -> bool {
        Method::from_key(key).is_some()
    }
}

/// One operation, rendered as a request type implementing `Operation`.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The Rust type name.
    pub name: String,
    /// The operationId (or the name derived from method and path when there is none).
    pub api_name: String,
    /// HTTP method.
    pub method: Method,
    /// The path template as in the spec.
    pub path: String,
    /// The path, split into literal text and parameters.
    pub segments: Vec<PathPart>,
    /// Every parameter, path parameters first in path order, except OData's query options.
    pub params: Vec<Param>,
    /// The OData system query options it takes (`$top`, `$select`, …), if any.
    pub query_options: Option<QueryOptions>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// What a 2XX answer decodes to.
    pub output: Output,
    /// Paging, when the operation is `x-ms-pageable` and its answer has the next-link field.
    pub next_link: Option<NextLink>,
    /// The permissions its reference page documents.
    pub permissions: Option<Permissions>,
    /// The national clouds its reference page documents it as available in.
    pub clouds: Option<Clouds>,
    /// How the request builders reach it.
    pub call: Call,
    /// The features that compile it (its module's).
    pub gate: Gate,
    /// Rustdoc.
    pub docs: Docs,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// The path parameter at this index of [`Operation::params`].
    Param(usize),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// The `Cookie` header.
    Cookie,
}

/// How a parameter value becomes text.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamFormat {
    /// A string, borrowed as it is.
    Str,
    /// `Display` (numbers, booleans, flags).
    Display,
    /// A date or date-time: the text it holds.
    Written,
    /// An open enum's wire value.
    Wire,
    /// A list: comma-joined (`explode: false`) or repeated (`explode: true`).
    List {
        /// Repeat the parameter per item.
        explode: bool,
        /// How each item becomes text.
        item: Box<ParamFormat>,
    },
    /// Serialized as JSON text (objects and other complex values).
    Json,
    /// The whole query string: the value's members as form pairs (3.2's `in: querystring`).
    Form,
    /// A list joined by a delimiter other than a comma (`style: pipeDelimited` is `|`,
    /// `spaceDelimited` a space; Swagger 2.0's `collectionFormat: pipes` and `ssv`).
    Delimited {
        /// The delimiter.
        delimiter: char,
        /// How each item becomes text.
        item: Box<ParamFormat>,
    },
}

/// How `new` and setters take a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// The field's own type.
    Exact,
    /// `impl Into<T>` (strings take `&str`, dates take `chrono` values).
    Into,
    /// Any iterator of `impl Into<String>` (lists of strings).
    IntoEach,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Rust name (field and setter).
    pub name: String,
    /// Wire name.
    pub api_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: Type,
    /// Required parameters are arguments of `new`; optional ones have setters.
    pub required: bool,
    /// How its value is written.
    pub format: ParamFormat,
    /// How `new` or its setter takes it.
    pub conversion: Conversion,
    /// Rustdoc.
    pub docs: Docs,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Rust name of the field holding it (normally `body`).
    pub name: String,
    /// How it is encoded, with its type.
    pub media: BodyMedia,
    /// Whether `new` takes it (otherwise a setter).
    pub required: bool,
}

/// How a request body is encoded, and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyMedia {
    /// JSON, sent with this content type (`application/json`, or a `+json` type such as
    /// `application/merge-patch+json`).
    Json {
        /// The `Content-Type` to send.
        content_type: String,
        /// The body's type.
        ty: Type,
    },
    /// A form, from an object: `application/x-www-form-urlencoded`, or with `multipart`,
    /// `multipart/form-data` (a part per member; files, `Type::File`, as file parts).
    Form {
        /// The body's type.
        ty: Type,
        /// Sent as `multipart/form-data`.
        multipart: bool,
    },
    /// Raw bytes (`Vec<u8>`) with this content type.
    Bytes {
        /// The `Content-Type` to send.
        content_type: String,
    },
}

/// What a successful answer decodes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// No content: `()`.
    Empty,
    /// `202 Accepted` and nothing else: the work goes on at the answer's `Location`
    /// (the runtime's `Accepted`: location, `Retry-After`, body).
    Accepted,
    /// A JSON body of this type.
    Json(Type),
    /// A JSON body of this type, or no content at all (some 2XX codes have none).
    JsonOrEmpty(Type),
    /// A bare integer in `text/plain` (`$count`).
    Count,
    /// Raw bytes.
    Bytes,
    /// Text.
    Text,
    /// A sequence of items, each of this type, delimited as `framing` says (3.2's
    /// `itemSchema`): read whole, or item by item as it arrives.
    Sequence {
        /// One item.
        item: Type,
        /// How the items are delimited.
        framing: Framing,
    },
}

/// How the items of a sequential answer are delimited (the runtime's `sequence::Framing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// One JSON value per line: `application/jsonl`, `application/x-ndjson`.
    JsonLines,
    /// JSON text sequences (RFC 7464): `application/json-seq`, `application/geo+json-seq`.
    JsonSeq,
    /// Server-sent events: `text/event-stream`.
    EventStream,
}

impl Framing {
    /// The framing of a sequential media type, if it is one.
    pub fn of(media_type: &str) -> Option<Framing> {
        let essence = media_type.split(';').next().unwrap_or(media_type).trim().to_ascii_lowercase();
        match essence.as_str() {
            "application/jsonl" | "application/x-ndjson" | "application/x-jsonlines" => Some(Framing::JsonLines),
            "text/event-stream" => Some(Framing::EventStream),
            e if e.ends_with("json-seq") => Some(Framing::JsonSeq),
            _ => None,
        }
    }

    /// The runtime's variant (`JsonLines`) and decoding function (`decode_json_lines`).
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Framing::JsonLines => ("JsonLines", "decode_json_lines"),
            Framing::JsonSeq => ("JsonSeq", "decode_json_seq"),
            Framing::EventStream => ("EventStream", "decode_event_stream"),
        }
    }
}

/// The OData system query options an operation takes: held in one value of the runtime's
/// `QueryOptions`, their setters written once, by the runtime's `query_options!`.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryOptions {
    /// The field holding them.
    pub field: String,
    /// The options, in [`QueryOption::ALL`]'s order.
    pub options: Vec<QueryOption>,
}

/// One of OData's system query options, as Graph declares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QueryOption {
    /// `$top`, an integer.
    Top,
    /// `$skip`, an integer.
    Skip,
    /// `$search`, a string.
    Search,
    /// `$filter`, a string.
    Filter,
    /// `$count`, a boolean.
    Count,
    /// `$orderby`, a comma-separated list.
    OrderBy,
    /// `$select`, a comma-separated list.
    Select,
    /// `$expand`, a comma-separated list.
    Expand,
}

impl QueryOption {
    /// Every option, in the order the runtime writes them.
    pub const ALL: [QueryOption; 8] = [
        QueryOption::Top,
        QueryOption::Skip,
        QueryOption::Search,
        QueryOption::Filter,
        QueryOption::Count,
        QueryOption::OrderBy,
        QueryOption::Select,
        QueryOption::Expand,
    ];

    /// The parameter's name in a description (`$top`).
    pub fn wire(self) -> &'static str {
        match self {
            QueryOption::Top => "$top",
            QueryOption::Skip => "$skip",
            QueryOption::Search => "$search",
            QueryOption::Filter => "$filter",
            QueryOption::Count => "$count",
            QueryOption::OrderBy => "$orderby",
            QueryOption::Select => "$select",
            QueryOption::Expand => "$expand",
        }
    }

    /// Its marker trait in the runtime (`query::Top`), which also names it to `query_options!`.
    pub fn marker(self) -> &'static str {
        match self {
            QueryOption::Top => "Top",
            QueryOption::Skip => "Skip",
            QueryOption::Search => "Search",
            QueryOption::Filter => "Filter",
            QueryOption::Count => "Count",
            QueryOption::OrderBy => "OrderBy",
            QueryOption::Select => "Select",
            QueryOption::Expand => "Expand",
        }
    }
}

/// The field of the answer that links to the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct NextLink {
    /// The Rust name of the field in the answer's struct.
    pub field: String,
    /// Whether that field is required (plain `String`) rather than optional.
    pub required: bool,
}

/// The permission table of a page.
#[derive(Debug, Clone, Default, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Permissions {
    /// Delegated access, work or school account.
    #[serde(default)]
    pub delegated_work: Privileges,
    /// Delegated access, personal Microsoft account.
    #[serde(default)]
    pub delegated_personal: Privileges,
    /// Application access.
    #[serde(default)]
    pub application: Privileges,
}

/// Least and higher privileged permissions for one kind of access.
#[derive(Debug, Clone, Default, serde::Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Privileges {
    /// The least privileged permissions (empty: not supported).
    #[serde(default)]
    pub least: Vec<String>,
    /// Higher privileged permissions.
    #[serde(default)]
    pub higher: Vec<String>,
}

/// The national clouds an operation is available in.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Clouds {
    /// The global service.
    pub global: bool,
    /// US Government L4.
    pub us_gov_l4: bool,
    /// US Government L5 (DOD).
    pub us_gov_l5_dod: bool,
    /// China, operated by 21Vianet.
    pub china: bool,
}

impl Permissions {
    /// Whether any kind of access is documented.
    pub fn is_documented(&self) -> bool {
        !(self.delegated_work.least.is_empty()
            && self.delegated_personal.least.is_empty()
            && self.application.least.is_empty())
    }

    /// A markdown table for rustdoc.
    pub fn table(&self) -> String {
        let cell = |names: &[String], empty: &str| {
            if names.is_empty() {
                empty.to_owned()
            } else {
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            }
        };
        let mut out = String::from("Permissions (choose the least privileged that works):\n\n| Access | Least privileged | Higher privileged |\n|---|---|---|");
        for (label, p) in [
            ("Delegated (work or school account)", &self.delegated_work),
            ("Delegated (personal Microsoft account)", &self.delegated_personal),
            ("Application", &self.application),
        ] {
            let (least, higher) = if p.least.is_empty() {
                ("Not supported.".to_owned(), "Not supported.".to_owned())
            } else {
                (cell(&p.least, ""), cell(&p.higher, "Not available."))
            };
            out.push_str(&format!("\n| {label} | {least} | {higher} |"));
        }
        out
    }
}

impl Clouds {
    /// A markdown table for rustdoc, as the reference pages show it.
    pub fn table(&self) -> String {
        let mark = |yes: bool| if yes { "✅" } else { "❌" };
        format!(
            "National clouds:\n\n| Global service | US Government L4 | US Government L5 (DOD) | China operated by 21Vianet |\n|---|---|---|---|\n| {} | {} | {} | {} |",
            mark(self.global),
            mark(self.us_gov_l4),
            mark(self.us_gov_l5_dod),
            mark(self.china)
        )
    }
}
