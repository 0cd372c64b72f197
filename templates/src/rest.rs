//! The kinds a server and a fake of a description are told per operation (feature-free:
//! the generator's IR names them from here, so the list is written once): what an
//! operation does to the resource at its path ([`Rest`]), what its answer holds
//! ([`Content`]), and how the description answers an error ([`ErrorShape`]).

/// What the fake does with an operation, as the path tree says (see `fake`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Rest {
    /// `POST` on a collection: creates an item.
    Create,
    /// `GET` on a collection: a page of its items.
    List,
    /// `GET` on an item (or a singleton).
    Read,
    /// `PUT` on an item: replaces it (creates it if absent).
    Replace,
    /// `PATCH` on an item: merges into it (explicit nulls clear).
    Merge,
    /// `DELETE` on an item: removes it and what lies under it.
    Remove,
    /// `GET …/$count`: the number of items of the collection above.
    Count,
    /// Anything else: answers its sample (or what is stored at its path).
    #[default]
    Action,
}

impl Rest {
    /// The variant's name (`Create`), as generated code writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Rest::Create => "Create",
            Rest::List => "List",
            Rest::Read => "Read",
            Rest::Replace => "Replace",
            Rest::Merge => "Merge",
            Rest::Remove => "Remove",
            Rest::Count => "Count",
            Rest::Action => "Action",
        }
    }
}

/// What a successful answer holds, as the fake writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// No content.
    Empty,
    /// JSON.
    Json,
    /// A count as text.
    Count,
    /// Bytes.
    Bytes,
    /// Text.
    Text,
    /// `202 Accepted` with a `Location`.
    Accepted,
    /// A sequence of items.
    Sequence,
}

impl Content {
    /// The variant's name (`Empty`), as generated code writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Content::Empty => "Empty",
            Content::Json => "Json",
            Content::Count => "Count",
            Content::Bytes => "Bytes",
            Content::Text => "Text",
            Content::Accepted => "Accepted",
            Content::Sequence => "Sequence",
        }
    }
}

/// How a description answers an error: OData's `{"error": {"code", "message"}}` or RFC
/// 9457's problem document (`application/problem+json`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ErrorShape {
    /// `{"error": {"code": …, "message": …, "target": …}}`.
    OData,
    /// `{"type", "title", "status", "detail", "member"}`.
    #[default]
    Problem,
}

impl ErrorShape {
    /// The variant's name (`OData`), as generated code writes it.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorShape::OData => "OData",
            ErrorShape::Problem => "Problem",
        }
    }
}
