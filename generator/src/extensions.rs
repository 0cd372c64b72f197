//! The extensions of the one model: what loading writes where OpenAPI 3.0 has no member
//! (for a document of another version), and what lowering reads. One list, below both
//! stages.
//!
//! The `x-oai-*` names are the OpenAPI Initiative's registered fallbacks for 3.2 fields;
//! the others are ours.

/// A schema's one allowed value (JSON Schema's `const`), exactly as written.
pub const CONST: &str = "x-const";
/// On an array schema: its `items.anyOf` are its positions (`prefixItems`), a tuple.
pub const TUPLE: &str = "x-tuple";
/// All of a schema's `examples` (3.1's list; 3.0's `example` holds the first).
pub const EXAMPLES: &str = "x-examples";
/// At the root: webhooks, name → path item (3.1's `webhooks`).
pub const WEBHOOKS: &str = "x-webhooks";
/// On a path item: operations of other methods (3.2's `query` and
/// `additionalOperations`), method as sent → operation.
pub const ADDITIONAL_OPERATIONS: &str = "x-oai-additionalOperations";
/// On a media type: its `schema` is the list of its items, which arrive one at a time
/// (3.2's `itemSchema` on a sequential media type, read as `schema: {type: array, items}`).
pub const SEQUENCE: &str = "x-item-sequence";
/// On a query parameter: it is the whole query string (3.2's `in: querystring`).
pub const QUERYSTRING: &str = "x-querystring";
/// On a `type: string, format: binary` schema: a file, sent as a part of its own in a
/// multipart body (Swagger 2.0's `type: file`).
pub const FILE: &str = "x-file";
/// Beside a `$ref` that was a `$dynamicRef`: what it named.
pub const DYNAMIC_REF: &str = "x-dynamic-ref";

/// Extensions whose value is structure (so every walk finds the references inside them),
/// not data as other extensions are.
pub const STRUCTURAL: [&str; 2] = [WEBHOOKS, ADDITIONAL_OPERATIONS];
