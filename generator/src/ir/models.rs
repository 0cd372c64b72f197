//! Models: structs, enums, unions and the Rust types of members.

use super::*;

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
    /// `u64` (`format: uint64`, or a maximum past `i64`'s).
    U64,
    /// `i128` (bounds past 64 bits).
    I128,
    /// `u128` (a maximum past `i128`'s).
    U128,
    /// An integer of any width (bounds past 128 bits): the runtime's `BigInt`, its digits.
    BigInt,
    /// `f32`, a number set in code only (a parameter).
    F32,
    /// `f64`, a number set in code only (a parameter).
    F64,
    /// A number read from the wire (`type: number`): the runtime's `Number`, written back
    /// with the text it came with.
    Number,
    /// The same for `format: float` (`Number<f32>`).
    Number32,
    /// `Option<T>`: an item, value or position that may be `null`.
    Option(Box<Type>),
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

impl Type {
    /// The type of a value set in code only (a parameter): a number as Rust writes it,
    /// an item that may be `null` as its type (a path, query or header has no `null`),
    /// the rest as it is.
    pub fn set_in_code(self) -> Type {
        match self {
            Type::Number => Type::F64,
            Type::Number32 => Type::F32,
            Type::Option(inner) => inner.set_in_code(),
            Type::Vec(inner) => Type::Vec(Box::new(inner.set_in_code())),
            other => other,
        }
    }

    /// Whether it is an integer, of any width.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            Type::I8
                | Type::I16
                | Type::I32
                | Type::I64
                | Type::U8
                | Type::U16
                | Type::U32
                | Type::U64
                | Type::I128
                | Type::U128
                | Type::BigInt
        )
    }

    /// Whether it is a number with a fraction (set in code, or kept as read).
    pub fn is_fractional(&self) -> bool {
        matches!(self, Type::F32 | Type::F64 | Type::Number | Type::Number32)
    }

    /// Whether its Rust type is `Copy` (numbers set in code, integers up to 128 bits, flags,
    /// UUIDs): a getter gives it by value, as a hand-written one would.
    pub fn is_copy(&self) -> bool {
        matches!(self, Type::Bool | Type::F32 | Type::F64 | Type::Uuid) || (self.is_integer() && *self != Type::BigInt)
    }

    /// `T` as `Option<T>` (a type that is already one stays as it is).
    pub fn nullable(self) -> Type {
        match self {
            Type::Option(_) | Type::Json => self,
            other => Type::Option(Box::new(other)),
        }
    }
}
