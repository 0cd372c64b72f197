//! Operations: method, path, parameters, body, answer, OData query options, paging.

use super::*;

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
    /// The same answer as a stream of items, when the operation also answers one beside
    /// its JSON body (`application/json` or `text/event-stream`): the user chooses per call.
    pub stream: Option<Stream>,
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
    /// How a server answers it, and what a fake does with it.
    pub serve: Serve,
    /// Rustdoc.
    pub docs: Docs,
}

impl Operation {
    /// The names of the setters its optional parameters and optional body have (which the
    /// operation bound to a client repeats).
    pub fn optional_setters(&self) -> impl Iterator<Item = &str> {
        let params = self.params.iter().filter(|p| !p.required).map(|p| p.name.as_str());
        params.chain(self.body.iter().filter(|b| !b.required).map(|b| b.name.as_str()))
    }
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
    /// Its getter's name: the field's for a required one, `get_…` for an optional one
    /// (whose setter has the field's), none taken by another method of the operation.
    pub getter: String,
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
    /// Its getter's name (see [`Param::getter`]).
    pub getter: String,
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

impl Output {
    /// The runtime function that reads this answer: its module and its name. A sequence's
    /// is generic over the operation (`decode_sequential::<Self>`: its `Sequential` impl
    /// says how its items are delimited and ended).
    pub fn decoder(&self) -> (&'static str, &'static str) {
        match self {
            Output::Empty => ("operation", "decode_empty"),
            Output::Accepted => ("answer", "decode_accepted"),
            Output::Json(_) => ("operation", "decode_json"),
            Output::JsonOrEmpty(_) => ("operation", "decode_json_or_empty"),
            Output::Count => ("operation", "decode_count"),
            Output::Bytes => ("operation", "decode_bytes"),
            Output::Text => ("operation", "decode_text"),
            Output::Sequence { .. } => ("sequence", "decode_sequential"),
        }
    }
}

impl Output {
    /// The runtime function of `server` that writes this answer, and whether it takes the
    /// output by reference.
    pub fn encoder(&self) -> (&'static str, bool) {
        match self {
            Output::Empty => ("empty", false),
            Output::Accepted => ("accepted", false),
            Output::Json(_) => ("json", true),
            Output::JsonOrEmpty(_) => ("json_or_empty", true),
            Output::Count => ("count", false),
            Output::Bytes => ("bytes", false),
            Output::Text => ("text", false),
            Output::Sequence { .. } => ("sequence", false),
        }
    }

    /// What the answer holds, as a server and a fake write it.
    pub fn body_kind(&self) -> Content {
        match self {
            Output::Empty => Content::Empty,
            Output::Accepted => Content::Accepted,
            Output::Json(_) | Output::JsonOrEmpty(_) => Content::Json,
            Output::Count => Content::Count,
            Output::Bytes => Content::Bytes,
            Output::Text => Content::Text,
            Output::Sequence { .. } => Content::Sequence,
        }
    }
}

/// An answer that arrives as a sequence of items, one at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// One item (for server-sent events, one event's `data`).
    pub item: Type,
    /// How the items are delimited.
    pub framing: Framing,
    /// Its media type, which the request names in `Accept` to ask for it.
    pub media: String,
    /// The boolean member of the JSON request body that asks for it (`stream`), if the
    /// description has one.
    pub member: Option<String>,
}

/// How the items of a sequential answer are delimited (the runtime's `sequence::Framing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// One JSON value per line: `application/jsonl`, `application/x-ndjson`.
    JsonLines,
    /// JSON text sequences (RFC 7464): `application/json-seq`, `application/geo+json-seq`.
    JsonSeq,
    /// Server-sent events: `text/event-stream`, each item an event object (3.2's
    /// `itemSchema`).
    EventStream,
    /// Server-sent events whose `data` is the item, as JSON, up to a sentinel (`[DONE]`):
    /// `text/event-stream` with a `schema`, as 3.0 and 3.1 documents write a stream.
    EventData,
}

impl Framing {
    /// The framing of a media type marked as a sequence when loading (`marked`: the
    /// extension's value, `"data"` for events whose data is the item).
    pub fn of_marked(media_type: &str, marked: &serde_json::Value) -> Option<Framing> {
        match (Framing::of(media_type)?, marked) {
            (Framing::EventStream, serde_json::Value::String(data)) if data == "data" => Some(Framing::EventData),
            (framing, serde_json::Value::Bool(true)) => Some(framing),
            _ => None,
        }
    }

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

    /// The runtime's variant (`JsonLines`).
    pub fn variant(self) -> &'static str {
        match self {
            Framing::JsonLines => "JsonLines",
            Framing::JsonSeq => "JsonSeq",
            Framing::EventStream => "EventStream",
            Framing::EventData => "EventData",
        }
    }
}

/// The OData system query options an operation takes: held in one value of the runtime's
/// `QueryOptions`, their setters written once, by the runtime's `query_options!`.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryOptions {
    /// The field holding them.
    pub field: String,
    /// The options, in [`QueryOption::all`]'s order.
    pub options: Vec<QueryOption>,
}

/// One of OData's system query options: a row of the runtime's table
/// (`wiretype_runtime::query::OPTIONS`, the one list of them, which also gives the
/// struct, the setters and the command line's flags). Ordered by its place there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct QueryOption(&'static wiretype_runtime::query::ODataOption);

/// The kind of an option's value (an integer, text, a boolean, a list).
pub use wiretype_runtime::query::Kind as QueryOptionKind;

impl QueryOption {
    /// Every option, in the order the runtime writes them.
    pub fn all() -> impl Iterator<Item = QueryOption> {
        wiretype_runtime::query::OPTIONS.iter().map(QueryOption)
    }

    /// Its place in the table.
    fn place(self) -> Option<usize> {
        wiretype_runtime::query::OPTIONS.iter().position(|o| *o == *self.0)
    }

    /// The option a description's parameter name is (`$top`).
    pub fn by_wire(name: &str) -> Option<QueryOption> {
        QueryOption::all().find(|o| o.wire() == name)
    }

    fn row(self) -> &'static wiretype_runtime::query::ODataOption {
        self.0
    }

    /// The parameter's name in a description (`$top`).
    pub fn wire(self) -> &'static str {
        self.row().wire
    }

    /// The name of the setter `query_options!` writes for it (`top`, `orderby`, …).
    pub fn setter(self) -> &'static str {
        self.row().name
    }

    /// Its marker trait in the runtime (`query::Top`), which also names it to `query_options!`.
    pub fn marker(self) -> &'static str {
        self.row().marker
    }

    /// The kind of its value.
    pub fn kind(self) -> QueryOptionKind {
        self.row().kind
    }
}

impl PartialOrd for QueryOption {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for QueryOption {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.place().cmp(&other.place())
    }
}

impl std::fmt::Debug for QueryOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.marker())
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

/// How a server answers an operation, and what a fake of the description does with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Serve {
    /// The method of the server's trait that answers it (snake case, unique).
    pub method: String,
    /// The path as the client writes it, parameters as `{wire}` (`/pets/{petId}`).
    pub template: String,
    /// The documented success status (the first 2XX; 200 for a range or none).
    pub status: u16,
    /// What the path tree says it does.
    pub rest: Rest,
    /// Whether the path's last segment is a key (an item that may not exist).
    pub keyed: bool,
    /// For a list: the member holding its items (empty: the answer is an array).
    pub items: String,
    /// For a list: the member holding the next page's link (empty: one page).
    pub next: String,
    /// The member an item's id goes in, and whether it is a number.
    pub id: Option<(String, bool)>,
    /// A minimal answer the client reads, as JSON text (empty for no JSON answer).
    pub sample: String,
    /// Whether its answer is the item its body writes (the body's type is the answer's),
    /// rather than its sample.
    pub echo: bool,
}

/// What an operation does to the resource at its path, what its answer holds, and how a
/// description answers an error: the runtime's kinds (`wiretype_runtime::rest`), named once.
pub use wiretype_runtime::rest::{Content, ErrorShape, Rest};
