//! JSON Schema 2020-12 (the schemas of OpenAPI 3.1 and 3.2) read into the schema model the
//! later stages know: OpenAPI 3.0's, plus extensions for what 3.0 cannot say.
//!
//! Each keyword becomes what 3.0 writes for it, or, where 3.0 has no word, the closest
//! shape plus a located warning; nothing is dropped without one:
//!
//! | 2020-12 | read as |
//! |---|---|
//! | `type: [T, "null"]` | `type: T`, `nullable: true` |
//! | `type: [A, B, …]` | `anyOf` of one schema per type (integer before number), each with its type's keywords |
//! | `anyOf`/`oneOf` with a `{type: "null"}` alternative | the other alternatives, `nullable: true` (one left: that one) |
//! | `const: v` | `enum: [v]` and `x-const: v` (a type that writes `v` and refuses anything else) |
//! | `examples: [a, …]` | `example: a`, all of them in `x-examples` |
//! | `$ref` beside other keywords | `allOf: [{$ref}]` with the keywords beside it (they apply to this use) |
//! | `prefixItems` (closed: `items: false` or `maxItems`) | `items: {anyOf: positions}` and `x-tuple: true` |
//! | `prefixItems` with more items allowed | a list of any of the positions' types, warned |
//! | numeric `exclusiveMinimum`/`exclusiveMaximum` | `minimum`/`maximum` with the boolean form |
//! | `contentEncoding: base64` / a binary `contentMediaType` | `format: byte` / `format: binary` |
//! | `patternProperties` | `additionalProperties` of its schemas, warned (patterns are not checked) |
//! | `unevaluatedProperties` | `additionalProperties` |
//! | `true` / `false` as a schema | `{}` / `{not: {}}` |
//! | `dependentRequired`, `dependentSchemas`, `if`/`then`/`else`, `contains`, `propertyNames`, `unevaluatedItems`, `$dynamicRef` | kept, and warned: not typed |
//!
//! `$defs`, `$id` and `$anchor` concern the whole document and are read there
//! ([`super::v31`]).

use crate::diag::{Diagnostics, Pointer};
use serde_json::{Map, Value};

/// Keywords that belong to one JSON type, for splitting a `type` list into alternatives.
fn keyword_type(key: &str) -> Option<&'static str> {
    Some(match key {
        "minLength" | "maxLength" | "pattern" | "contentEncoding" | "contentMediaType" | "contentSchema" => "string",
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => "number",
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" | "contains" | "minContains"
        | "maxContains" | "unevaluatedItems" => "array",
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "minProperties"
        | "maxProperties"
        | "unevaluatedProperties"
        | "propertyNames"
        | "dependentRequired"
        | "dependentSchemas"
        | "discriminator" => "object",
        _ => return None,
    })
}

/// Keywords kept as they are but not typed: each is warned at its place.
const UNTYPED: &[(&str, &str)] = &[
    ("dependentRequired", "members required by other members are not checked"),
    ("dependentSchemas", "schemas that apply when a member is present are not typed"),
    ("if", "`if`/`then`/`else` is not typed: the schema is typed without it"),
    ("contains", "`contains` is not checked"),
    ("propertyNames", "`propertyNames` is not checked"),
    ("unevaluatedItems", "`unevaluatedItems` is not checked"),
    ("$dynamicRef", "`$dynamicRef` is not followed: the schema is typed as any JSON"),
];

/// JSON types in the order alternatives are tried: an integer before a number (every
/// integer is a number), a string last among the scalars.
const TYPE_ORDER: [&str; 6] = ["boolean", "integer", "number", "string", "array", "object"];

/// Reads one schema object (not its subschemas) as 3.0 writes it; `at` gives its place
/// (asked only when something is to say or to move). `moves` receives the places that
/// moved, as (new place, old place).
pub fn convert(
    schema: &mut Value,
    at: &dyn Fn() -> Pointer,
    moves: &mut Vec<(Pointer, Pointer)>,
    diags: &mut Diagnostics,
) {
    match schema {
        Value::Bool(true) => *schema = Value::Object(Map::new()),
        Value::Bool(false) => {
            diags.warning(&at(), "the schema `false` (no value is valid) is typed as any JSON that is never sent");
            let mut not = Map::new();
            not.insert("not".to_owned(), Value::Object(Map::new()));
            *schema = Value::Object(not);
        }
        Value::Object(object) => convert_object(object, at, moves, diags),
        _ => {}
    }
}

fn convert_object(
    object: &mut Map<String, Value>,
    at: &dyn Fn() -> Pointer,
    moves: &mut Vec<(Pointer, Pointer)>,
    diags: &mut Diagnostics,
) {
    // Most schemas say nothing 3.0 would not: one pass over their keys tells.
    if !needs_reading(object) {
        return;
    }
    let at = &at();
    if let Some(Value::String(anchor)) = object.remove(crate::extensions::DYNAMIC_REF) {
        diags.warning(
            &at.join("$ref"),
            format!("`$dynamicRef: {anchor}` is read as a `$ref` to that anchor in this document"),
        );
    }
    reference_with_siblings(object, at, moves);
    for (keyword, why) in UNTYPED {
        if object.contains_key(*keyword) {
            diags.warning(&at.join(keyword), *why);
        }
    }
    constant(object, at, diags);
    examples(object);
    exclusive_bounds(object);
    content(object, at, diags);
    pattern_properties(object, at, diags);
    if let Some(rest) = object.remove("unevaluatedProperties") {
        if !object.contains_key("additionalProperties") {
            object.insert("additionalProperties".to_owned(), rest);
        }
    }
    tuple(object, at, diags);
    null_alternatives(object, at, moves);
    type_list(object, at, moves, diags);
}

/// Whether a schema holds anything 3.0 writes otherwise.
fn needs_reading(object: &Map<String, Value>) -> bool {
    let mut reference = false;
    let mut others = false;
    for (key, value) in object {
        match key.as_str() {
            "$ref" => reference = true,
            "type" => {
                if !matches!(value, Value::String(t) if t != "null") {
                    return true;
                }
                others = true;
            }
            "anyOf" | "oneOf" => {
                if value.as_array().is_some_and(|members| members.iter().any(is_null_schema)) {
                    return true;
                }
                others = true;
            }
            "const"
            | "examples"
            | "exclusiveMinimum"
            | "exclusiveMaximum"
            | "contentEncoding"
            | "contentMediaType"
            | "patternProperties"
            | "unevaluatedProperties"
            | "prefixItems"
            | "dependentRequired"
            | "dependentSchemas"
            | "if"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "$dynamicRef" => {
                return true;
            }
            k if k == crate::extensions::DYNAMIC_REF => return true,
            k if k.starts_with("x-") || matches!(k, "$comment" | "$id" | "$anchor" | "$schema" | "$defs") => {}
            _ => others = true,
        }
    }
    reference && others
}

/// `$ref` beside other keywords: in 2020-12 they apply together (a description or a
/// default beside a reference applies to this use), which 3.0 writes as `allOf`.
fn reference_with_siblings(object: &mut Map<String, Value>, at: &Pointer, moves: &mut Vec<(Pointer, Pointer)>) {
    let dynamic = !object.contains_key("$ref") && object.contains_key("$dynamicRef");
    let key = if dynamic { "$dynamicRef" } else { "$ref" };
    let Some(Value::String(reference)) = object.get(key).cloned() else { return };
    if dynamic {
        return;
    }
    // Extensions beside a reference say nothing about the value.
    let siblings = object.keys().any(|k| {
        !k.starts_with("x-") && !matches!(k.as_str(), "$ref" | "$comment" | "$id" | "$anchor" | "$schema" | "$defs")
    });
    if !siblings {
        return;
    }
    object.remove("$ref");
    let mut target = Map::new();
    target.insert("$ref".to_owned(), Value::String(reference));
    let mut all = match object.remove("allOf") {
        Some(Value::Array(parts)) => parts,
        _ => Vec::new(),
    };
    // The moved parts shift by one.
    for i in (0..all.len()).rev() {
        moves.push((at.join("allOf").join(&(i + 1).to_string()), at.join("allOf").join(&i.to_string())));
    }
    all.insert(0, Value::Object(target));
    moves.push((at.join("allOf").join("0"), at.clone()));
    object.insert("allOf".to_owned(), Value::Array(all));
}

/// `const`: the one value allowed. `enum` says it to every reader of 3.0; `x-const` keeps
/// it exactly (an object, a number), for a type that writes it and refuses any other.
fn constant(object: &mut Map<String, Value>, at: &Pointer, diags: &mut Diagnostics) {
    let Some(value) = object.remove("const") else { return };
    // An integer beyond 64 bits was read as the nearest double: the type could not write
    // it back as it is, nor recognise it.
    if let Value::Number(n) = &value {
        if n.as_i64().is_none()
            && n.as_u64().is_none()
            && n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() >= 9.2e18)
        {
            diags
                .error(
                    &at.join("const"),
                    format!(
                        "the constant {n} is an integer beyond 64 bits, which the generated type cannot keep exactly"
                    ),
                )
                .hint("write it as a string, or as a number within 64 bits");
            return;
        }
    }
    if !object.contains_key("type") {
        if let Some(t) = json_type(&value) {
            object.insert("type".to_owned(), Value::String(t.to_owned()));
        }
    }
    if let Some(Value::Array(values)) = object.get("enum") {
        if !values.contains(&value) {
            diags.warning(&at.join("const"), "`const` names a value its `enum` does not list; `const` wins");
        }
    }
    object.insert("enum".to_owned(), Value::Array(vec![value.clone()]));
    object.insert(crate::extensions::CONST.to_owned(), value);
}

/// The JSON type of a value (integers as `integer`).
fn json_type(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    })
}

/// `examples: [a, b]`: 3.0's `example` is the first; all are kept in `x-examples`.
fn examples(object: &mut Map<String, Value>) {
    if !matches!(object.get("examples"), Some(Value::Array(_))) {
        return;
    }
    let Some(Value::Array(all)) = object.remove("examples") else { return };
    if let Some(first) = all.first().filter(|_| !object.contains_key("example")) {
        object.insert("example".to_owned(), first.clone());
    }
    object.insert(crate::extensions::EXAMPLES.to_owned(), Value::Array(all));
}

/// Numeric `exclusiveMinimum: n` is 3.0's `minimum: n, exclusiveMinimum: true` (the
/// stricter of the two when `minimum` is given too); the same for the maximum.
fn exclusive_bounds(object: &mut Map<String, Value>) {
    for (exclusive, inclusive, stricter) in [
        ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
        ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
    ] {
        let Some(Value::Number(bound)) = object.get(exclusive).cloned() else { continue };
        let keep_inclusive = match object.get(inclusive).and_then(Value::as_f64).zip(bound.as_f64()) {
            // An inclusive bound beyond the exclusive one is the stricter.
            Some((given, limit)) => given.partial_cmp(&limit) == Some(stricter),
            None => false,
        };
        if keep_inclusive {
            object.remove(exclusive);
        } else {
            object.insert(inclusive.to_owned(), Value::Number(bound));
            object.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

/// Strings that carry bytes: base64 text is 3.0's `format: byte`; a media type that is no
/// text, with no encoding, is `format: binary` (the raw bytes of a body or a part).
fn content(object: &mut Map<String, Value>, at: &Pointer, diags: &mut Diagnostics) {
    let encoding = object.get("contentEncoding").and_then(Value::as_str).map(str::to_owned);
    let media = object.get("contentMediaType").and_then(Value::as_str).map(str::to_owned);
    if object.contains_key("format") {
        return;
    }
    let format = match encoding.as_deref() {
        Some("base64") => "byte",
        Some("base64url") => {
            diags.warning(
                &at.join("contentEncoding"),
                "base64url text is read and written as text, not decoded to bytes",
            );
            return;
        }
        Some(other) => {
            diags.warning(&at.join("contentEncoding"), format!("the encoding `{other}` is read as text"));
            return;
        }
        None => match media.as_deref() {
            Some(m) if !is_textual(m) => "binary",
            _ => return,
        },
    };
    object.insert("format".to_owned(), Value::String(format.to_owned()));
    object.entry("type").or_insert_with(|| Value::String("string".to_owned()));
}

/// Whether a media type is text (JSON and XML included).
pub fn is_textual(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("json")
        || essence.ends_with("+xml")
        || essence == "application/xml"
        || essence == "application/x-www-form-urlencoded"
}

/// `patternProperties`: members whose names match a pattern. 3.0 has only
/// `additionalProperties`: the patterns' schemas become it (several as `anyOf`), with a
/// warning that names are not checked against the patterns.
fn pattern_properties(object: &mut Map<String, Value>, at: &Pointer, diags: &mut Diagnostics) {
    let Some(Value::Object(patterns)) = object.get("patternProperties") else { return };
    if patterns.is_empty() {
        object.remove("patternProperties");
        return;
    }
    diags.warning(
        &at.join("patternProperties"),
        "members matching a pattern are typed as any other member; names are not checked against the patterns",
    );
    if object.contains_key("additionalProperties") {
        return;
    }
    let schemas: Vec<Value> = patterns.values().cloned().collect();
    let value = match <[Value; 1]>::try_from(schemas) {
        Ok([one]) => one,
        Err(many) => {
            let mut any = Map::new();
            any.insert("anyOf".to_owned(), Value::Array(many));
            Value::Object(any)
        }
    };
    object.insert("additionalProperties".to_owned(), value);
}

/// `prefixItems`: the first items by position. A closed list (`items: false`, or
/// `maxItems` no more than the positions) is a tuple; 3.0 cannot say it, so the positions
/// go in `items.anyOf` (where every reader still finds their references) and `x-tuple`
/// says they are positions. A list that may hold more is typed as a list of any of the
/// positions' (and the rest's) types, with a warning.
fn tuple(object: &mut Map<String, Value>, at: &Pointer, diags: &mut Diagnostics) {
    let Some(Value::Array(positions)) = object.remove("prefixItems") else { return };
    let closed_by_items = matches!(object.get("items"), Some(Value::Bool(false)));
    let closed_by_max = object.get("maxItems").and_then(Value::as_u64).is_some_and(|max| max <= positions.len() as u64);
    let mut members = positions;
    let closed = closed_by_items || closed_by_max;
    if closed {
        object.remove("items");
        object.insert(crate::extensions::TUPLE.to_owned(), Value::Bool(true));
    } else {
        diags.warning(
            &at.join("prefixItems"),
            "a list whose first items have types of their own and that may hold more: typed as a list of any of those types",
        );
        if let Some(rest) = object.remove("items") {
            members.push(rest);
        }
    }
    let mut items = Map::new();
    items.insert("anyOf".to_owned(), Value::Array(members));
    object.insert("items".to_owned(), Value::Object(items));
    object.entry("type").or_insert_with(|| Value::String("array".to_owned()));
}

/// Whether a schema allows only `null` (`{type: "null"}`, `{const: null}`, `{enum: [null]}`).
fn is_null_schema(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else { return false };
    let only_null_type = match object.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => !types.is_empty() && types.iter().all(|t| t == "null"),
        _ => false,
    };
    let only_null_value = matches!(object.get("const"), Some(Value::Null))
        || matches!(object.get("enum"), Some(Value::Array(values)) if matches!(values.as_slice(), [Value::Null]));
    only_null_type || only_null_value
}

/// `anyOf`/`oneOf` with a null alternative (how FastAPI writes an optional value): the
/// other alternatives, nullable. One left is the schema itself (a reference through
/// `allOf`, which keeps it beside `nullable`).
fn null_alternatives(object: &mut Map<String, Value>, at: &Pointer, moves: &mut Vec<(Pointer, Pointer)>) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = object.get(keyword) else { continue };
        if !members.iter().any(is_null_schema) {
            continue;
        }
        let Some(Value::Array(members)) = object.remove(keyword) else { continue };
        object.insert("nullable".to_owned(), Value::Bool(true));
        let kept: Vec<(usize, Value)> = members.into_iter().enumerate().filter(|(_, m)| !is_null_schema(m)).collect();
        match kept.as_slice() {
            [] => {}
            [(i, only)] => {
                let from = at.join(keyword).join(&i.to_string());
                match only {
                    Value::Object(member)
                        if member.contains_key("$ref") || object.keys().any(|k| member.contains_key(k)) =>
                    {
                        let mut all = match object.remove("allOf") {
                            Some(Value::Array(parts)) => parts,
                            _ => Vec::new(),
                        };
                        moves.push((at.join("allOf").join(&all.len().to_string()), from));
                        all.push(only.clone());
                        object.insert("allOf".to_owned(), Value::Array(all));
                    }
                    Value::Object(member) => {
                        for (k, v) in member {
                            moves.push((at.join(k), from.join(k)));
                            object.insert(k.clone(), v.clone());
                        }
                    }
                    _ => {}
                }
            }
            many => {
                for (new, (old, _)) in many.iter().enumerate() {
                    moves.push((at.join(keyword).join(&new.to_string()), at.join(keyword).join(&old.to_string())));
                }
                object.insert(keyword.to_owned(), Value::Array(many.iter().map(|(_, m)| m.clone()).collect()));
            }
        }
    }
}

/// `type` as a list: `null` among them is `nullable`; one other type is that type;
/// several are alternatives (`anyOf`), each with the keywords of its type.
fn type_list(
    object: &mut Map<String, Value>,
    at: &Pointer,
    moves: &mut Vec<(Pointer, Pointer)>,
    diags: &mut Diagnostics,
) {
    let types: Vec<String> = match object.get("type") {
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Some(Value::String(t)) if t == "null" => vec!["null".to_owned()],
        _ => return,
    };
    let nullable = types.iter().any(|t| t == "null");
    let mut others: Vec<String> = types.into_iter().filter(|t| t != "null").collect();
    others.dedup();
    if nullable {
        object.insert("nullable".to_owned(), Value::Bool(true));
    }
    match others.as_slice() {
        [] => {
            object.remove("type");
            if !object.contains_key("enum") {
                diags.warning(&at.join("type"), "a schema that allows only `null` is typed as any JSON value");
            }
        }
        [one] => {
            object.insert("type".to_owned(), Value::String(one.clone()));
        }
        _ if object.contains_key("anyOf") || object.contains_key("oneOf") => {
            diags.warning(
                &at.join("type"),
                "a list of types beside `anyOf`/`oneOf`: the alternatives are typed, the list is not",
            );
            object.remove("type");
        }
        many => {
            let mut many: Vec<String> = many.to_vec();
            many.sort_by_key(|t| TYPE_ORDER.iter().position(|o| o == t).unwrap_or(TYPE_ORDER.len()));
            object.remove("type");
            // Keywords of one type go to that type's alternative; the rest stay.
            let mut typed: Vec<(String, Value)> = Vec::new();
            let keys: Vec<String> = object.keys().cloned().collect();
            for key in keys {
                if keyword_type(&key).is_some() || key == "format" || key == "enum" {
                    if let Some(v) = object.remove(&key) {
                        typed.push((key, v));
                    }
                }
            }
            let mut alternatives = Vec::new();
            for (i, t) in many.iter().enumerate() {
                let mut alternative = Map::new();
                alternative.insert("type".to_owned(), Value::String(t.clone()));
                for (key, value) in &typed {
                    let belongs = match key.as_str() {
                        "enum" => None,
                        "format" => Some(if is_numeric_format(value) { "number" } else { "string" }),
                        other => keyword_type(other),
                    };
                    let fits = |own: &str| own == t || (own == "number" && t == "integer");
                    match belongs {
                        Some(own) if fits(own) => {
                            moves.push((at.join("anyOf").join(&i.to_string()).join(key), at.join(key)));
                            alternative.insert(key.clone(), value.clone());
                        }
                        Some(_) => {}
                        None => {
                            let values: Vec<Value> = value
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter(|v| {
                                    json_type(v).is_some_and(|vt| vt == t || (vt == "integer" && t == "number"))
                                })
                                .cloned()
                                .collect();
                            if !values.is_empty() {
                                alternative.insert("enum".to_owned(), Value::Array(values));
                            }
                        }
                    }
                }
                alternatives.push(Value::Object(alternative));
            }
            object.insert("anyOf".to_owned(), Value::Array(alternatives));
        }
    }
}

fn is_numeric_format(format: &Value) -> bool {
    matches!(
        format.as_str(),
        Some("int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" | "float" | "double")
    )
}

/// The subschemas of a schema object, each with the key (and index) that leads to it: the
/// places [`convert`] must visit next.
pub fn subschemas(object: &mut Map<String, Value>) -> Vec<(Vec<String>, &mut Value)> {
    let mut out = Vec::new();
    for (key, value) in object.iter_mut() {
        match key.as_str() {
            "properties" | "patternProperties" | "dependentSchemas" => {
                if let Value::Object(members) = value {
                    for (name, schema) in members.iter_mut() {
                        out.push((vec![key.clone(), name.clone()], schema));
                    }
                }
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                if let Value::Array(members) = value {
                    for (i, schema) in members.iter_mut().enumerate() {
                        out.push((vec![key.clone(), i.to_string()], schema));
                    }
                }
            }
            "items"
            | "additionalProperties"
            | "not"
            | "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "contentSchema"
                // `additionalProperties: false` is 3.0 too; any other boolean schema is
                // read as an object.
                if value.is_object() || (value.is_boolean() && key != "additionalProperties") =>
            {
                out.push((vec![key.clone()], value));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(schema: Value) -> (Value, Vec<String>) {
        let mut schema = schema;
        let mut diags = Diagnostics::new();
        let mut moves = Vec::new();
        convert(&mut schema, &Pointer::root, &mut moves, &mut diags);
        (schema, diags.into_items().into_iter().map(|d| format!("{}: {}", d.pointer, d.message)).collect())
    }

    #[test]
    fn type_lists_with_null_are_nullable_and_several_types_are_alternatives() {
        assert_eq!(read(json!({"type": ["string", "null"]})).0, json!({"type": "string", "nullable": true}));
        assert_eq!(
            read(json!({"type": ["number", "string", "integer"], "minLength": 1, "maximum": 5, "enum": [1, "a", 2.5], "description": "d"})).0,
            json!({"description": "d", "anyOf": [
                {"type": "integer", "maximum": 5, "enum": [1]},
                {"type": "number", "maximum": 5, "enum": [1, 2.5]},
                {"type": "string", "minLength": 1, "enum": ["a"]}
            ]})
        );
    }

    #[test]
    fn a_null_alternative_makes_the_rest_nullable() {
        assert_eq!(
            read(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"})).0,
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(
            read(json!({"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}], "title": "t"})).0,
            json!({"title": "t", "nullable": true, "type": "string", "maxLength": 3})
        );
        assert_eq!(
            read(json!({"oneOf": [{"type": "string"}, {"const": null}, {"type": "integer"}]})).0,
            json!({"nullable": true, "oneOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn const_examples_bounds_and_bytes() {
        assert_eq!(read(json!({"const": "cat"})).0, json!({"type": "string", "enum": ["cat"], "x-const": "cat"}));
        assert_eq!(read(json!({"examples": [1, 2]})).0, json!({"example": 1, "x-examples": [1, 2]}));
        assert_eq!(
            read(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10, "maximum": 5})).0,
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 5})
        );
        assert_eq!(
            read(json!({"type": "string", "contentEncoding": "base64"})).0,
            json!({"type": "string", "contentEncoding": "base64", "format": "byte"})
        );
        assert_eq!(
            read(json!({"contentMediaType": "image/png"})).0,
            json!({"contentMediaType": "image/png", "format": "binary", "type": "string"})
        );
    }

    #[test]
    fn a_constant_beyond_64_bits_is_refused_at_its_place() {
        let mut schema: Value =
            serde_json::from_str(r#"{"const": 123456789012345678901234567890}"#).unwrap_or_default();
        let mut diags = Diagnostics::new();
        convert(&mut schema, &|| Pointer::root().join("c"), &mut Vec::new(), &mut diags);
        let errors = diags.checkpoint().err().unwrap_or_default();
        assert_eq!(errors.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(), ["#/c/const"]);
        assert_eq!(read(json!({"const": 18446744073709551615_u64})).0["x-const"], json!(18446744073709551615_u64));
    }

    #[test]
    fn references_with_siblings_tuples_and_what_is_warned() {
        assert_eq!(
            read(json!({"$ref": "#/components/schemas/A", "description": "this use"})).0,
            json!({"description": "this use", "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(read(json!({"$ref": "#/components/schemas/A"})).0, json!({"$ref": "#/components/schemas/A"}));
        assert_eq!(
            read(json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false})).0,
            json!({"type": "array", "x-tuple": true, "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}})
        );
        let (open, warnings) = read(json!({"prefixItems": [{"type": "string"}], "items": {"type": "boolean"}}));
        assert_eq!(open, json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "boolean"}]}}));
        assert_eq!(warnings.len(), 1);
        let (_, warnings) =
            read(json!({"if": {}, "then": {}, "dependentRequired": {"a": ["b"]}, "patternProperties": {"^x": {}}}));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert_eq!(read(json!(false)).0, json!({"not": {}}));
        assert_eq!(read(json!(true)).0, json!({}));
    }
}
