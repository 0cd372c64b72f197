//! Lowering's working types: models and operations before their final names, recursion
//! boxing and `Default` are decided. The final pass ([`super::finish`]) builds IR values
//! from them; nothing else turns a draft into IR.

use crate::ir::{Body, Docs, Enum, Field, Method, ModelId, NextLink, Output, Param, PathPart, Type, Union};

/// A model before its name is final: name candidates from most to least preferred.
#[derive(Debug, Clone)]
pub struct ModelDraft {
    /// Name candidates, most preferred first.
    pub candidates: Vec<String>,
    /// Wire name, or the place an inline schema was found.
    pub api_name: String,
    /// Rustdoc.
    pub docs: Docs,
    /// The shape.
    pub kind: DraftKind,
}

/// The shape of a model draft.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftKind {
    /// A component schema registered before it is lowered, so that references resolve in
    /// any order; every component is defined before the final pass.
    Pending,
    /// An object with named properties.
    Struct(StructDraft),
    /// An open string enum.
    Enum(Enum),
    /// A set of members of the enum `member`.
    Flags {
        /// The enum of single members.
        member: ModelId,
    },
    /// Another name for a type (the final pass makes an infinite one a newtype).
    Alias(Type),
    /// `oneOf`/`anyOf`.
    Union(Union),
    /// Exactly one JSON value.
    Const(serde_json::Value),
}

/// An object before `Default` is decided (and its fields' recursion boxed).
#[derive(Debug, Clone, PartialEq)]
pub struct StructDraft {
    /// Known properties, in spec order (inherited ones first).
    pub fields: Vec<Field>,
    /// What becomes of the members the schema does not name.
    pub additional: crate::ir::Additional,
}

/// A webhook before its type name is final.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookDraft {
    /// Name candidates, most preferred first.
    pub candidates: Vec<String>,
    /// The webhook's name in the description.
    pub api_name: String,
    /// The method it is sent with.
    pub method: Method,
    /// Its body.
    pub body: Option<Body>,
    /// Rustdoc.
    pub docs: Docs,
}

/// An operation before its type name is final.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationDraft {
    /// Name candidates, most preferred first.
    pub candidates: Vec<String>,
    /// The operationId (or method and path when there is none).
    pub api_name: String,
    /// HTTP method.
    pub method: Method,
    /// The path template as in the spec.
    pub path: String,
    /// The path, split into literal text and parameters.
    pub segments: Vec<PathPart>,
    /// Every parameter, path parameters first in path order, except OData's query options.
    pub params: Vec<Param>,
    /// The OData system query options it takes.
    pub query_options: Option<crate::ir::QueryOptions>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// What a 2XX answer decodes to.
    pub output: Output,
    /// The documented success status.
    pub status: u16,
    /// The answer as a stream, beside a JSON one.
    pub stream: Option<crate::ir::Stream>,
    /// Paging, when the answer has a next link.
    pub next_link: Option<NextLink>,
    /// The permissions its reference page documents.
    pub permissions: Option<crate::ir::Permissions>,
    /// The national clouds its reference page documents.
    pub clouds: Option<crate::ir::Clouds>,
    /// Its module's cargo feature, when several descriptions are generated as one crate.
    pub feature: Option<String>,
    /// Rustdoc.
    pub docs: Docs,
}
