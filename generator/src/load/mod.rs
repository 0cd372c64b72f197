//! Stage 1, loading: text to the one model the later stages read, with precise errors for
//! broken input.
//!
//! The front door reads the version first ([`version`]: Swagger 2.0, OpenAPI 3.0, 3.1 and
//! 3.2). A document, with the files it refers to ([`bundle`]), the other modules of its
//! API ([`merge`]) and its overlays ([`overlay`]), is then read into the one model
//! ([`normalize`]): an OpenAPI 3.0 tree plus the extensions that say what 3.0 cannot
//! ([`json_schema`], [`v31`]). Every place that moves on the way is recorded, so every
//! later diagnostic points into the document the user wrote. Nothing after this stage
//! asks which version a document was.

use crate::diag::{Diagnostic, Diagnostics, Pointer};

pub mod block_yaml;
pub mod bundle;
pub mod json_schema;
pub mod merge;
pub mod origins;
pub mod overlay;
pub mod path_parameters;
pub mod streams;
pub mod v2;
pub mod v31;
pub mod version;

/// A parsed document: the raw JSON tree (for references and slicing) and the typed view.
#[derive(Debug)]
pub struct Document {
    /// The document as plain JSON values, exactly as written.
    pub raw: serde_json::Value,
    /// The typed OpenAPI 3.0 view.
    pub spec: openapiv3::OpenAPI,
}

/// Parses YAML or JSON text (JSON is tried first when the text looks like JSON, for
/// better messages) of a self-contained document of any version, reads it into the one
/// model and gives its typed view.
pub fn load(text: &str) -> Result<Document, Vec<Diagnostic>> {
    let mut raw = tree(text)?;
    let mut origins = bundle::Origins::default();
    let relocated = |mut items: Vec<Diagnostic>, origins: &bundle::Origins| {
        for d in &mut items {
            origins.relocate(d);
        }
        items
    };
    normalize(&mut raw, &mut origins).map_err(|e| relocated(e, &origins))?;
    typed(raw).map_err(|e| relocated(e, &origins))
}

/// Parses text into a raw JSON tree, as written, and checks that it names a version the
/// generator reads ([`version::VERSIONS`]). References by `$id`, `$anchor` and under
/// `$self` (3.1 and later) become references the bundler can follow.
pub fn tree(text: &str) -> Result<serde_json::Value, Vec<Diagnostic>> {
    let mut diags = Diagnostics::new();
    let mut raw = match parse_text(text) {
        Ok(raw) => raw,
        Err(message) => {
            diags.error(&Pointer::root(), message).hint("the file must be valid YAML or JSON");
            return Err(diags.checkpoint().err().unwrap_or_default());
        }
    };
    check_depth(&raw, &mut diags);
    let version = version::detect(&raw, &mut diags);
    if diags.has_errors() {
        return Err(diags.checkpoint().err().unwrap_or_default());
    }
    // Only a document that names a schema by `$id` or an anchor, or says where it is
    // (`$self`), has references to rewrite (a search of the text costs far less than a
    // walk of the tree).
    let names_places = ["$id", "$anchor", "$dynamicAnchor", "$self"].iter().any(|k| text.contains(k));
    if names_places && version.is_some_and(version::Version::has_json_schema_2020) {
        v31::before_bundling(&mut raw);
    }
    // Its warnings (a version written as a number) are given by `normalize`, which reads
    // the version again once overlays have had their say.
    let _ = diags.checkpoint();
    Ok(raw)
}

/// Reads a bundled document (with its overlays applied) of any version into the one
/// model, recording in `origins` every place that moves. Returns the warnings; they, and
/// the errors, point into the one model: [`bundle::Origins::relocate`] takes them back to
/// the document as written. A document in the one model already is left as it is.
pub fn normalize(
    raw: &mut serde_json::Value,
    origins: &mut bundle::Origins,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut diags = Diagnostics::new();
    let Some(version) = version::detect(raw, &mut diags) else {
        return Err(diags.checkpoint().err().unwrap_or_default());
    };
    let mut moves = Vec::new();
    match version {
        version::Version::V3_0 => {}
        version::Version::V3_1 | version::Version::V3_2 => v31::normalize(raw, version, &mut moves, &mut diags),
        version::Version::Swagger2 => v2::normalize(raw, &mut moves, &mut diags),
    }
    for (new, old) in moves {
        origins.moved(new.as_str(), old.as_str());
    }
    diags.checkpoint()
}

/// How deeply a document may nest. Real specs stay far below (Graph: 13 levels, Box: 23);
/// the typed OpenAPI view is deserialized recursively, so an absurd depth must stop here,
/// not overflow the stack later.
pub const MAX_NESTING: usize = 64;

/// Rejects documents nested deeper than [`MAX_NESTING`], naming where (iteratively, so the
/// check itself cannot overflow).
pub fn check_depth(raw: &serde_json::Value, diags: &mut Diagnostics) {
    if !nests_deeper(raw, MAX_NESTING) {
        return;
    }
    // Deep somewhere: walk again, keeping pointers, to say where.
    let mut stack = vec![(raw, Pointer::root(), 1usize)];
    while let Some((value, at, depth)) = stack.pop() {
        if depth > MAX_NESTING {
            diags
                .error(&at, format!("the document nests deeper than {MAX_NESTING} levels here"))
                .hint("flatten the structure with components and `$ref`s");
            return;
        }
        match value {
            serde_json::Value::Object(map) => stack.extend(map.iter().map(|(k, v)| (v, at.join(k), depth + 1))),
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, v)| (v, at.join(&i.to_string()), depth + 1)))
            }
            _ => {}
        }
    }
}

/// Whether `raw` nests deeper than `limit` levels (without a pointer per node: this runs on
/// every document read, the whole of Graph's included).
fn nests_deeper(raw: &serde_json::Value, limit: usize) -> bool {
    let mut stack = vec![(raw, 1usize)];
    while let Some((value, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        match value {
            serde_json::Value::Object(map) => stack.extend(map.values().map(|v| (v, depth + 1))),
            serde_json::Value::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
            _ => {}
        }
    }
    false
}

/// The typed view of a raw tree.
pub fn typed(raw: serde_json::Value) -> Result<Document, Vec<Diagnostic>> {
    let spec = typed_view(&raw)?;
    Ok(Document { raw, spec })
}

/// The typed view of a raw tree, the tree only borrowed.
pub fn typed_view(raw: &serde_json::Value) -> Result<openapiv3::OpenAPI, Vec<Diagnostic>> {
    if let Some(spec) = typed_quickly(raw) {
        return Ok(spec);
    }
    let mut diags = Diagnostics::new();
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(raw) {
        Ok(spec) => Ok(spec),
        Err(e) => {
            // serde loses its place inside maps of maps; checking each path item and
            // component on its own finds every broken one, with an exact pointer.
            locate_shape_errors(raw, &mut diags);
            if !diags.has_errors() {
                let pointer = path_to_pointer(e.path());
                diags.error(&pointer, format!("not a valid OpenAPI document: {}", e.inner()));
            }
            Err(diags.checkpoint().err().unwrap_or_default())
        }
    }
}

/// The typed view of a valid document, or `None` for the caller to read it again and say
/// where it is broken: tracking the path costs about 0.1 s more on the whole of Graph
/// (0.8 s), so only a broken document pays for it.
///
/// The paths are read on a thread of their own, beside the rest (the components): on the
/// whole of Graph they are half the work, and the reading waits for nothing else.
///
/// Public so that a test can hold it to its promise: it reads every valid real document
/// itself (the slow reading would give the same answer, so only speed would tell).
pub fn typed_quickly(raw: &serde_json::Value) -> Option<openapiv3::OpenAPI> {
    use serde::Deserialize as _;
    let object = raw.as_object()?;
    let raw_paths = object.get("paths")?;
    let (paths, rest) = std::thread::scope(|scope| {
        let paths = std::thread::Builder::new()
            .name("generator-typed-paths".to_owned())
            .stack_size(TYPED_STACK)
            .spawn_scoped(scope, || typed_paths(raw_paths));
        // The document with its paths left empty (they are read above).
        let empty = serde_json::Value::Object(serde_json::Map::new());
        let entries = object.iter().map(|(key, value)| (key.as_str(), if key == "paths" { &empty } else { value }));
        let rest = serde::de::value::MapDeserializer::<_, serde_json::Error>::new(entries);
        let spec = openapiv3::OpenAPI::deserialize(rest).ok();
        let paths = match paths {
            Ok(handle) => handle.join().ok().flatten(),
            // No thread: read them here.
            Err(_) => typed_paths(raw_paths),
        };
        (paths, spec)
    });
    let mut spec = rest?;
    spec.paths = paths?;
    Some(spec)
}

/// The typed paths, read as `openapiv3::Paths` reads them, or `None` where that may differ
/// (the caller then reads the document the slow way, which decides).
///
/// Why not `Paths::deserialize`: a `ReferenceOr` is an untagged enum, so serde first copies
/// each path item whole into a buffer of its own before reading it, and the map of 8,000
/// path items of 8.5 KiB each (the whole of Graph) grows by doubling, copying and touching
/// fresh memory each time (a tenth of a whole-Graph run). Here the map is sized once and a
/// path item is read straight from the tree: an object with a string `$ref` is the
/// reference (the enum's first variant matches exactly those), anything else must read as
/// a path item (a path item is a map, which the reference variant never matches).
fn typed_paths(raw: &serde_json::Value) -> Option<openapiv3::Paths> {
    use serde::Deserialize as _;
    let object = raw.as_object()?;
    let mut paths = indexmap::IndexMap::with_capacity(object.len());
    let mut extensions = indexmap::IndexMap::new();
    for (key, value) in object {
        // As `Paths` sorts its members: paths start with `/`, extensions with `x-`, the
        // rest is ignored.
        if key.starts_with('/') {
            let item = match value.get("$ref") {
                Some(serde_json::Value::String(reference)) => {
                    openapiv3::ReferenceOr::Reference { reference: reference.clone() }
                }
                _ => openapiv3::ReferenceOr::Item(openapiv3::PathItem::deserialize(value).ok()?),
            };
            paths.insert(key.clone(), item);
        } else if key.starts_with("x-") {
            extensions.insert(key.clone(), value.clone());
        }
    }
    Some(openapiv3::Paths { paths, extensions })
}

/// The stack of the thread reading the paths: the typed view is deserialized recursively,
/// as deep as [`MAX_NESTING`] allows (about 2 MiB in a debug build); reserved, not committed.
const TYPED_STACK: usize = 64 * 1024 * 1024;

/// Deserializes every path item and component separately, reporting each that fails.
fn locate_shape_errors(raw: &serde_json::Value, diags: &mut Diagnostics) {
    fn check<T: serde::de::DeserializeOwned>(value: &serde_json::Value, at: Pointer, diags: &mut Diagnostics) -> bool {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(_) => true,
            Err(e) => {
                diags.error(&path_from(at, e.path()), format!("not a valid OpenAPI document: {}", e.inner()));
                false
            }
        }
    }
    let root = Pointer::root();
    if let Some(info) = raw.get("info") {
        let _ = check::<openapiv3::Info>(info, root.join("info"), diags);
    }
    if let Some(paths) = raw.get("paths").and_then(serde_json::Value::as_object) {
        for (path, item) in paths {
            let at = root.join("paths").join(path);
            // Operations first: inside them the pointer stays exact.
            let mut parts_ok = true;
            for (key, value) in item.as_object().into_iter().flatten() {
                parts_ok &= match key.as_str() {
                    method if crate::ir::Method::is_key(method) => {
                        check::<openapiv3::Operation>(value, at.join(key), diags)
                    }
                    "parameters" => {
                        check::<Vec<openapiv3::ReferenceOr<openapiv3::Parameter>>>(value, at.join(key), diags)
                    }
                    _ => true,
                };
            }
            if parts_ok {
                check::<openapiv3::ReferenceOr<openapiv3::PathItem>>(item, at, diags);
            }
        }
    }
    let Some(components) = raw.get("components").and_then(serde_json::Value::as_object) else { return };
    for (section, entries) in components {
        let Some(entries) = entries.as_object() else { continue };
        let at = root.join("components").join(section);
        for (name, value) in entries {
            let at = at.join(name);
            let _ = match section.as_str() {
                "schemas" => check::<openapiv3::ReferenceOr<openapiv3::Schema>>(value, at, diags),
                "responses" => check::<openapiv3::ReferenceOr<openapiv3::Response>>(value, at, diags),
                "parameters" => check::<openapiv3::ReferenceOr<openapiv3::Parameter>>(value, at, diags),
                "requestBodies" => check::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(value, at, diags),
                "headers" => check::<openapiv3::ReferenceOr<openapiv3::Header>>(value, at, diags),
                _ => true,
            };
        }
    }
}

/// Accepts the common deviations from OpenAPI 3.0 that lose nothing when fixed up, so
/// one sloppy spot does not reject a whole real-world document; each fix is a warning.
///
/// Today: a response without the required `description` gets an empty one, a document
/// without `paths` (a file of shared schemas, a models-only API) has none, an operation
/// without `responses` answers nothing documented, and path parameters follow the path
/// template ([`path_parameters`]).
pub fn repair(raw: &mut serde_json::Value) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::new();
    if let Some(object) = raw.as_object_mut().filter(|o| !o.contains_key("paths")) {
        object.insert("paths".to_owned(), serde_json::Value::Object(serde_json::Map::new()));
        diags.warning(
            &Pointer::root(),
            "the document has no `paths` (required by OpenAPI 3.0); read as none: the crate holds its models only",
        );
    }
    let fix_responses = |responses: &mut serde_json::Value, at: Pointer, diags: &mut Diagnostics| {
        let Some(responses) = responses.as_object_mut() else { return };
        for (code, response) in responses.iter_mut() {
            let Some(response) = response.as_object_mut() else { continue };
            if let Some(content) = response.get_mut("content") {
                streams::mark(content);
            }
            if !response.contains_key("$ref") && !response.contains_key("description") {
                response.insert("description".to_owned(), serde_json::Value::String(String::new()));
                diags.warning(
                    &at.join(code),
                    "the response has no `description` (required by OpenAPI 3.0); read as empty",
                );
            }
        }
    };
    let components =
        raw.pointer("/components/parameters").and_then(serde_json::Value::as_object).cloned().unwrap_or_default();
    if let Some(paths) = raw.get_mut("paths").and_then(serde_json::Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let at = Pointer::root().join("paths").join(path);
            for method in crate::ir::Method::ALL.map(crate::ir::Method::key) {
                let Some(op) = item.get_mut(method).and_then(serde_json::Value::as_object_mut) else { continue };
                if !op.contains_key("responses") {
                    // Optional since 3.1: the operation answers nothing documented.
                    op.insert("responses".to_owned(), serde_json::Value::Object(serde_json::Map::new()));
                    diags.liberal(
                        &at.join(method),
                        "the operation has no `responses` (required by OpenAPI 3.0); read as answering nothing documented: its output is the answer as it came",
                    );
                }
                if let Some(responses) = op.get_mut("responses") {
                    fix_responses(responses, at.join(method).join("responses"), &mut diags);
                }
            }
            path_parameters::repair(path, item, &at, &components, &mut diags);
        }
    }
    if let Some(responses) = raw.get_mut("components").and_then(|c| c.get_mut("responses")) {
        fix_responses(responses, Pointer::root().join("components").join("responses"), &mut diags);
    }
    diags.into_items()
}

/// Parses YAML or JSON text into a JSON tree, refusing duplicate keys; the error names
/// the line and column where the parser gives them.
pub fn parse_text(text: &str) -> Result<serde_json::Value, String> {
    let looks_like_json = text.trim_start().starts_with('{');
    if looks_like_json {
        return serde_json::from_str(text)
            .map_err(|e| format!("invalid JSON at line {} column {}: {e}", e.line(), e.column()));
    }
    // The common shape, quickly; anything else (errors included) is serde_yaml's to read.
    match block_yaml::read(text) {
        Some(raw) => Ok(raw),
        None => parse_yaml(text),
    }
}

/// YAML text read by serde_yaml alone, refusing duplicate keys: the reference the fast
/// [`block_yaml`] reader is held to, and the reader of everything it gives up on.
pub fn parse_yaml(text: &str) -> Result<serde_json::Value, String> {
    serde_yaml::from_str::<Strict>(text).map(|s| s.0).map_err(|e| match e.location() {
        // Errors raised while building values (duplicate keys) carry no real position.
        Some(at) if at.line() == 1 && at.column() == 1 && at.index() == 0 => format!("invalid YAML: {e}"),
        Some(at) => format!("invalid YAML at line {} column {}: {e}", at.line(), at.column()),
        None => format!("invalid YAML: {e}"),
    })
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> Pointer {
    path_from(Pointer::root(), path)
}

fn path_from(mut pointer: Pointer, path: &serde_path_to_error::Path) -> Pointer {
    for segment in path.iter() {
        pointer = match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.join(&index.to_string()),
            serde_path_to_error::Segment::Map { key } => pointer.join(key),
            serde_path_to_error::Segment::Enum { variant } => pointer.join(variant),
            serde_path_to_error::Segment::Unknown => pointer,
        };
    }
    pointer
}

/// A JSON value that refuses duplicate object keys (YAML parsers keep the last one
/// silently, which hides a real mistake in a hand-edited spec).
struct Strict(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    // Integers beyond 64 bits are valid YAML and JSON (`minimum: -9223372036854776000`, as
    // JavaScript writes i64::MIN): read as the nearest double, as serde_json reads them in
    // JSON; where one reaches generated code, lowering keeps it or refuses it at its place.
    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v as f64).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v as f64).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde::Deserialize::deserialize(d).map(|s: Strict| s.0)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<KeyText>()? {
            let Strict(value) = map.next_value()?;
            if out.contains_key(&key.0) {
                return Err(serde::de::Error::custom(format!("duplicate key `{}`", key.0)));
            }
            out.insert(key.0, value);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// A mapping key as text: YAML allows `200:` unquoted, OpenAPI means the string "200".
struct KeyText(String);

impl<'de> serde::Deserialize<'de> for KeyText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(StrictVisitor)? {
            serde_json::Value::String(s) => Ok(KeyText(s)),
            serde_json::Value::Null => Ok(KeyText("null".to_owned())),
            other @ (serde_json::Value::Bool(_) | serde_json::Value::Number(_)) => Ok(KeyText(other.to_string())),
            _ => Err(serde::de::Error::custom("a mapping key must be a scalar")),
        }
    }
}
