//! The intermediate representation: every decision about the output, made once.
//!
//! Lowering fills it from the spec; the emitter renders it and decides nothing. Each
//! named thing carries its Rust name beside its wire name (`name` + `api_name`).

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
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Known properties, in spec order (inherited ones first).
    pub fields: Vec<Field>,
    /// Where unknown properties go; `None` for `additionalProperties: false`.
    pub extra: Option<Extra>,
    /// Whether `Default` can be derived (every required field's type has one).
    pub default: bool,
}

/// The field that keeps properties a struct does not name.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// Its Rust name (normally `additional_properties`).
    pub name: String,
    /// The type of each value; `Type::Json` keeps anything, and keeps explicit `null`s of known fields.
    pub value: Type,
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
    /// Rustdoc.
    pub docs: Docs,
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
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Every parameter, path parameters first in path order.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// What a 2XX answer decodes to.
    pub output: Output,
    /// Paging, when the operation is `x-ms-pageable` and its answer has the next-link field.
    pub next_link: Option<NextLink>,
    /// The permissions its reference page documents.
    pub permissions: Option<crate::facts::Permissions>,
    /// The national clouds its reference page documents it as available in.
    pub clouds: Option<crate::facts::Clouds>,
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
    /// `Display` (strings, numbers, booleans).
    Display,
    /// An open enum's wire value.
    Wire,
    /// A list: comma-joined (`explode: false`) or repeated (`explode: true`).
    List {
        /// Repeat the parameter per item.
        explode: bool,
        /// How each item becomes text.
        item: Box<ParamFormat>,
    },
    /// RFC 3339 text of a date-time.
    DateTime,
    /// Serialized as JSON text (objects and other complex values).
    Json,
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
    /// Rustdoc.
    pub docs: Docs,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Rust name of the field holding it (normally `body`).
    pub name: String,
    /// How it is encoded.
    pub media: BodyMedia,
    /// Its type (`Vec<u8>` for raw bodies is implied by the media).
    pub ty: Type,
    /// Whether `new` takes it (otherwise a setter).
    pub required: bool,
}

/// How a request body is encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyMedia {
    /// `application/json` (and `+json` types).
    Json(String),
    /// `application/x-www-form-urlencoded`.
    Form,
    /// Raw bytes with this content type.
    Bytes(String),
}

/// What a successful answer decodes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// No content: `()`.
    Empty,
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
}

/// The field of the answer that links to the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct NextLink {
    /// The Rust name of the field in the answer's struct.
    pub field: String,
    /// Whether that field is required (plain `String`) rather than optional.
    pub required: bool,
}
