//! Swagger 2.0 read into the one model (OpenAPI 3.0's tree plus the extensions the later
//! stages read), after the way swagger-parser and OpenAPI.NET convert it:
//!
//! | 2.0 | 3.0 |
//! |---|---|
//! | `host` + `basePath` + `schemes` | `servers` (one per scheme; `https` when none is named) |
//! | `definitions` | `components/schemas` |
//! | `parameters` (shared) | `components/parameters`; a body parameter `components/requestBodies` |
//! | `responses` (shared) | `components/responses` |
//! | `securityDefinitions` | `components/securitySchemes` (`basic` is `http`; OAuth flows renamed) |
//! | `in: body` | `requestBody`, one media type per `consumes` (`application/json` when none) |
//! | `in: formData` | `requestBody` of one object schema: `multipart/form-data` when a field is a file (or `consumes` says so), else `application/x-www-form-urlencoded` |
//! | `type: file` | `type: string, format: binary` and `x-file` (a file part) |
//! | a parameter's `type`, `items`, `collectionFormat` | `schema`, `style` and `explode` (`tsv`, which 3.0 cannot say, is warned) |
//! | a response's `schema`, `examples` (by media type), `headers` | `content` per `produces` (`application/json` when none), `headers` with schemas |
//! | `x-nullable` | `nullable` |
//! | `x-ms-paths` (keys with a query) | `paths` without the query (warned where a method is taken) |
//! | `discriminator: name` | `discriminator: {propertyName: name}` |
//!
//! `x-ms-enum`, `x-ms-pageable` and the other extensions are kept for lowering to read.
//! Every place that moves is recorded, so later diagnostics point into the 2.0 document.

use crate::diag::{Diagnostics, Pointer};
use serde_json::{Map, Value};

/// Reads a bundled Swagger 2.0 document into the one model, recording each place that
/// moved as (new place, place in the document as written).
pub fn normalize(doc: &mut Value, moves: &mut Vec<(Pointer, Pointer)>, diags: &mut Diagnostics) {
    let Some(root) = doc.as_object_mut() else { return };
    let old = std::mem::take(root);
    let mut out = Map::new();
    let mut components = Map::new();
    let global_consumes = strings(old.get("consumes"));
    let global_produces = strings(old.get("produces"));
    let shared_parameters = old.get("parameters").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut converter = Converter { moves, diags, shared_parameters, global_consumes, global_produces };
    out.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    for (key, value) in &old {
        match key.as_str() {
            "swagger"
            | "host"
            | "basePath"
            | "schemes"
            | "consumes"
            | "produces"
            | "definitions"
            | "parameters"
            | "responses"
            | "securityDefinitions"
            | "paths"
            | "x-ms-paths" => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    out.insert("servers".to_owned(), servers(&old));
    let root_at = Pointer::root();
    // Components, each recorded as moved from its 2.0 place.
    if let Some(Value::Object(definitions)) = old.get("definitions") {
        let mut schemas = Map::new();
        for (name, schema) in definitions {
            let at = root_at.join("definitions").join(name);
            converter.moves.push((root_at.join("components").join("schemas").join(name), at.clone()));
            schemas.insert(name.clone(), converter.schema(schema.clone(), &at));
        }
        components.insert("schemas".to_owned(), Value::Object(schemas));
    }
    let (mut parameters, mut bodies) = (Map::new(), Map::new());
    for (name, parameter) in converter.shared_parameters.clone() {
        let at = root_at.join("parameters").join(&name);
        match parameter.get("in").and_then(Value::as_str) {
            Some("body") => {
                let consumes = converter.global_consumes.clone();
                let body = converter.body(&parameter, &consumes, &at);
                converter.moves.push((root_at.join("components").join("requestBodies").join(&name), at));
                bodies.insert(name, body);
            }
            // Form fields are read where operations use them: they make one body.
            Some("formData") => {}
            _ => {
                let converted = converter.parameter(&parameter, &at);
                converter.moves.push((root_at.join("components").join("parameters").join(&name), at));
                parameters.insert(name, converted);
            }
        }
    }
    if !parameters.is_empty() {
        components.insert("parameters".to_owned(), Value::Object(parameters));
    }
    if !bodies.is_empty() {
        components.insert("requestBodies".to_owned(), Value::Object(bodies));
    }
    if let Some(Value::Object(responses)) = old.get("responses") {
        let mut converted = Map::new();
        let produces = converter.global_produces.clone();
        for (name, response) in responses {
            let at = root_at.join("responses").join(name);
            converter.moves.push((root_at.join("components").join("responses").join(name), at.clone()));
            converted.insert(name.clone(), converter.response(response, &produces, &at));
        }
        components.insert("responses".to_owned(), Value::Object(converted));
    }
    if let Some(Value::Object(definitions)) = old.get("securityDefinitions") {
        let mut schemes = Map::new();
        for (name, scheme) in definitions {
            let at = root_at.join("securityDefinitions").join(name);
            converter.moves.push((root_at.join("components").join("securitySchemes").join(name), at.clone()));
            if let Some(converted) = security_scheme(scheme, &at, converter.diags) {
                schemes.insert(name.clone(), converted);
            }
        }
        components.insert("securitySchemes".to_owned(), Value::Object(schemes));
    }
    let mut paths = Map::new();
    if let Some(Value::Object(items)) = old.get("paths") {
        for (path, item) in items {
            if path.starts_with("x-") {
                paths.insert(path.clone(), item.clone());
                continue;
            }
            let at = root_at.join("paths").join(path);
            paths.insert(path.clone(), converter.path_item(item, &at));
        }
    }
    // Azure's `x-ms-paths`: paths made distinct by a query string the request does not send.
    if let Some(Value::Object(items)) = old.get("x-ms-paths") {
        for (key, item) in items {
            let at = root_at.join("x-ms-paths").join(key);
            let path = key.split('?').next().unwrap_or(key).to_owned();
            let converted = converter.path_item(item, &at);
            let Value::Object(converted) = converted else { continue };
            let entry = paths.entry(path.clone()).or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(existing) = entry else { continue };
            for (k, v) in converted {
                if existing.contains_key(&k) {
                    converter.diags.warning(
                        &at.join(&k),
                        format!("`{path}` has a `{k}` already; this one (told apart only by its query) is left out"),
                    );
                    continue;
                }
                converter.moves.push((root_at.join("paths").join(&path).join(&k), at.join(&k)));
                existing.insert(k, v);
            }
        }
    }
    out.insert("paths".to_owned(), Value::Object(paths));
    if !components.is_empty() {
        out.insert("components".to_owned(), Value::Object(components));
    }
    *root = out;
    rewrite_references(doc, &converter.shared_parameters);
}

struct Converter<'d> {
    moves: &'d mut Vec<(Pointer, Pointer)>,
    diags: &'d mut Diagnostics,
    shared_parameters: Map<String, Value>,
    global_consumes: Vec<String>,
    global_produces: Vec<String>,
}

/// The strings of a list, if it is one.
fn strings(value: Option<&Value>) -> Vec<String> {
    value.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

/// `host`, `basePath` and `schemes` as servers.
fn servers(old: &Map<String, Value>) -> Value {
    let host = old.get("host").and_then(Value::as_str).unwrap_or_default().trim_end_matches('/');
    let base = old.get("basePath").and_then(Value::as_str).unwrap_or_default().trim_end_matches('/');
    let mut schemes = strings(old.get("schemes"));
    // The scheme of the document when none is named: https is what a client should use.
    if schemes.is_empty() {
        schemes.push("https".to_owned());
    }
    // https first: the first server is the default.
    schemes.sort_by_key(|s| s != "https");
    let urls: Vec<Value> = if host.is_empty() {
        vec![serde_json::json!({ "url": if base.is_empty() { "/" } else { base } })]
    } else {
        schemes.iter().map(|scheme| serde_json::json!({ "url": format!("{scheme}://{host}{base}") })).collect()
    };
    Value::Array(urls)
}

/// A 2.0 security scheme as 3.0 writes it.
fn security_scheme(scheme: &Value, at: &Pointer, diags: &mut Diagnostics) -> Option<Value> {
    let mut out = scheme.as_object()?.clone();
    match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => {
            out.insert("type".to_owned(), Value::String("http".to_owned()));
            out.insert("scheme".to_owned(), Value::String("basic".to_owned()));
        }
        Some("apiKey") => {}
        Some("oauth2") => {
            let flow = match scheme.get("flow").and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                other => {
                    diags.warning(&at.join("flow"), format!("unknown OAuth flow {other:?}; the scheme is left out"));
                    return None;
                }
            };
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(v) = out.remove(key) {
                    details.insert(key.to_owned(), v);
                }
            }
            details.insert("scopes".to_owned(), out.remove("scopes").unwrap_or_else(|| Value::Object(Map::new())));
            out.remove("flow");
            let mut flows = Map::new();
            flows.insert(flow.to_owned(), Value::Object(details));
            out.insert("flows".to_owned(), Value::Object(flows));
        }
        other => {
            diags.warning(&at.join("type"), format!("unknown security scheme type {other:?}; left out"));
            return None;
        }
    }
    Some(Value::Object(out))
}

impl Converter<'_> {
    /// A path item: its parameters and operations.
    fn path_item(&mut self, item: &Value, at: &Pointer) -> Value {
        let Some(item) = item.as_object() else { return item.clone() };
        let mut out = Map::new();
        let shared: Vec<Value> = item.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        for (key, value) in item {
            match key.as_str() {
                // Path-level parameters: a body or form field there belongs to each operation.
                "parameters" => {
                    let mut kept = Vec::new();
                    for (i, p) in shared.iter().enumerate() {
                        if !self.is_body_or_form(p) {
                            kept.push(self.parameter_or_ref(p, &at.join("parameters").join(&i.to_string())));
                        }
                    }
                    if !kept.is_empty() {
                        out.insert(key.clone(), Value::Array(kept));
                    }
                }
                k if crate::ir::Method::is_key(k) => {
                    out.insert(key.clone(), self.operation(value, &shared, at, key));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        Value::Object(out)
    }

    /// Whether a parameter (or a reference to a shared one) is a body or a form field.
    fn is_body_or_form(&self, parameter: &Value) -> bool {
        let resolved = self.resolve(parameter);
        matches!(resolved.get("in").and_then(Value::as_str), Some("body" | "formData"))
    }

    /// A shared parameter a reference names, or the parameter itself.
    fn resolve(&self, parameter: &Value) -> Value {
        match parameter.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/parameters/")) {
            Some(name) => self.shared_parameters.get(&unescape(name)).cloned().unwrap_or(Value::Null),
            None => parameter.clone(),
        }
    }

    fn parameter_or_ref(&mut self, parameter: &Value, at: &Pointer) -> Value {
        if parameter.get("$ref").is_some() {
            // Rewritten with every other reference.
            return parameter.clone();
        }
        self.parameter(parameter, at)
    }

    /// An operation (`method` of the path item at `item_at`): parameters, the body they
    /// make, responses.
    fn operation(&mut self, operation: &Value, shared: &[Value], item_at: &Pointer, method: &str) -> Value {
        let at = &item_at.join(method);
        let Some(operation) = operation.as_object() else { return operation.clone() };
        let consumes = if operation.contains_key("consumes") {
            strings(operation.get("consumes"))
        } else {
            self.global_consumes.clone()
        };
        let produces = if operation.contains_key("produces") {
            strings(operation.get("produces"))
        } else {
            self.global_produces.clone()
        };
        let own: Vec<Value> = operation.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        // An operation's parameter replaces a path item's of the same name and place.
        let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
        let mut all: Vec<(Value, Pointer)> = Vec::new();
        for (i, p) in shared.iter().enumerate() {
            let resolved = self.resolve(p);
            if !own.iter().any(|o| key(&self.resolve(o)) == key(&resolved)) {
                all.push((p.clone(), item_at.join("parameters").join(&i.to_string())));
            }
        }
        all.extend(own.iter().enumerate().map(|(i, p)| (p.clone(), at.join("parameters").join(&i.to_string()))));
        let mut parameters = Vec::new();
        let mut body = None;
        let mut form: Vec<(Value, Pointer)> = Vec::new();
        for (parameter, p_at) in all {
            let resolved = self.resolve(&parameter);
            match resolved.get("in").and_then(Value::as_str) {
                Some("body") => {
                    body = Some(match parameter.get("$ref").and_then(Value::as_str) {
                        Some(reference) => {
                            let name = reference.trim_start_matches("#/parameters/");
                            serde_json::json!({ "$ref": format!("#/components/requestBodies/{name}") })
                        }
                        None => {
                            self.moves.push((at.join("requestBody"), p_at.clone()));
                            self.body(&resolved, &consumes, &p_at)
                        }
                    });
                }
                Some("formData") => form.push((resolved, p_at)),
                _ => parameters.push(self.parameter_or_ref(&parameter, &p_at)),
            }
        }
        if !form.is_empty() {
            body = Some(self.form(&form, &consumes, at));
        }
        let mut out = Map::new();
        for (key, value) in operation {
            match key.as_str() {
                "parameters" | "consumes" | "produces" => {}
                "responses" => {
                    let mut responses = Map::new();
                    for (code, response) in value.as_object().into_iter().flatten() {
                        let r_at = at.join("responses").join(code);
                        let converted = if response.get("$ref").is_some() || code.starts_with("x-") {
                            response.clone()
                        } else {
                            self.response(response, &produces, &r_at)
                        };
                        responses.insert(code.clone(), converted);
                    }
                    out.insert(key.clone(), Value::Object(responses));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if !parameters.is_empty() {
            out.insert("parameters".to_owned(), Value::Array(parameters));
        }
        if let Some(body) = body {
            out.insert("requestBody".to_owned(), body);
        }
        Value::Object(out)
    }

    /// A body parameter as a request body: its schema under each consumed media type.
    fn body(&mut self, parameter: &Value, consumes: &[String], at: &Pointer) -> Value {
        let schema =
            self.schema(parameter.get("schema").cloned().unwrap_or(Value::Object(Map::new())), &at.join("schema"));
        let media: Vec<String> = consumes.iter().filter(|m| !m.contains("form")).cloned().collect();
        let media = if media.is_empty() { vec!["application/json".to_owned()] } else { media };
        let mut content = Map::new();
        for m in media {
            content.insert(m, serde_json::json!({ "schema": schema }));
        }
        let mut out = Map::new();
        if let Some(d) = parameter.get("description") {
            out.insert("description".to_owned(), d.clone());
        }
        out.insert("content".to_owned(), Value::Object(content));
        out.insert(
            "required".to_owned(),
            Value::Bool(parameter.get("required").and_then(Value::as_bool).unwrap_or(false)),
        );
        // The body parameter's name, kept as the converters keep it.
        if let Some(name) = parameter.get("name") {
            out.insert("x-bodyName".to_owned(), name.clone());
        }
        Value::Object(out)
    }

    /// Form fields as one request body of an object schema, urlencoded or multipart.
    fn form(&mut self, fields: &[(Value, Pointer)], consumes: &[String], at: &Pointer) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let has_file = fields.iter().any(|(f, _)| f.get("type").and_then(Value::as_str) == Some("file"));
        let multipart = has_file || consumes.iter().any(|m| m.starts_with("multipart/form-data"));
        let media = if multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
        let schema_at = at.join("requestBody").join("content").join(media).join("schema");
        for (field, f_at) in fields {
            let Some(name) = field.get("name").and_then(Value::as_str) else { continue };
            let mut schema = self.simple_schema(field, f_at);
            if let (Some(description), Value::Object(s)) = (field.get("description"), &mut schema) {
                s.insert("description".to_owned(), description.clone());
            }
            if field.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(Value::String(name.to_owned()));
            }
            self.moves.push((schema_at.join("properties").join(name), f_at.clone()));
            properties.insert(name.to_owned(), schema);
        }
        let mut schema = Map::new();
        schema.insert("type".to_owned(), Value::String("object".to_owned()));
        schema.insert("properties".to_owned(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".to_owned(), Value::Array(required.clone()));
        }
        let mut content = Map::new();
        content.insert(media.to_owned(), serde_json::json!({ "schema": schema }));
        serde_json::json!({ "content": content, "required": !required.is_empty() })
    }

    /// A response: its schema under each produced media type, its headers with schemas.
    fn response(&mut self, response: &Value, produces: &[String], at: &Pointer) -> Value {
        let Some(response) = response.as_object() else { return response.clone() };
        let mut out = Map::new();
        let examples = response.get("examples").and_then(Value::as_object).cloned().unwrap_or_default();
        for (key, value) in response {
            match key.as_str() {
                "schema" => {
                    let schema = self.schema(value.clone(), &at.join("schema"));
                    let media: Vec<String> =
                        if produces.is_empty() { vec!["application/json".to_owned()] } else { produces.to_vec() };
                    let mut content = Map::new();
                    for m in media {
                        let mut entry = Map::new();
                        entry.insert("schema".to_owned(), schema.clone());
                        if let Some(example) = examples.get(&m) {
                            entry.insert("example".to_owned(), example.clone());
                        }
                        self.moves.push((at.join("content").join(&m).join("schema"), at.join("schema")));
                        content.insert(m, Value::Object(entry));
                    }
                    out.insert("content".to_owned(), Value::Object(content));
                }
                "headers" => {
                    let mut headers = Map::new();
                    for (name, header) in value.as_object().into_iter().flatten() {
                        let h_at = at.join("headers").join(name);
                        let mut converted = Map::new();
                        if let Some(d) = header.get("description") {
                            converted.insert("description".to_owned(), d.clone());
                        }
                        converted.insert("schema".to_owned(), self.simple_schema(header, &h_at));
                        headers.insert(name.clone(), Value::Object(converted));
                    }
                    out.insert(key.clone(), Value::Object(headers));
                }
                "examples" => {}
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        out.entry("description").or_insert_with(|| Value::String(String::new()));
        Value::Object(out)
    }

    /// A path, query, header or cookie parameter: `schema`, `style`, `explode`.
    fn parameter(&mut self, parameter: &Value, at: &Pointer) -> Value {
        let Some(object) = parameter.as_object() else { return parameter.clone() };
        let mut out = Map::new();
        for key in ["name", "in", "description", "required", "deprecated", "allowEmptyValue"] {
            if let Some(v) = object.get(key) {
                out.insert(key.to_owned(), v.clone());
            }
        }
        for (key, value) in object.iter().filter(|(k, _)| k.starts_with("x-") && k.as_str() != "x-nullable") {
            out.insert(key.clone(), value.clone());
        }
        out.insert("schema".to_owned(), self.simple_schema(parameter, at));
        let location = object.get("in").and_then(Value::as_str).unwrap_or("query");
        if object.get("type").and_then(Value::as_str) == Some("array") {
            let format = object.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            let (style, explode) = match (format, location) {
                ("csv", "query" | "cookie") => ("form", false),
                ("csv", _) => ("simple", false),
                // A path parameter's styles are `simple`, `label` and `matrix`: the closest.
                (_, "path") => {
                    self.diags.liberal(
                        &at.join("collectionFormat"),
                        format!(
                            "a path parameter has no `{format}` style in OpenAPI 3.0; sent comma-separated (`simple`)"
                        ),
                    );
                    ("simple", false)
                }
                ("multi", _) => ("form", true),
                ("ssv", _) => ("spaceDelimited", false),
                ("pipes", _) => ("pipeDelimited", false),
                ("tsv", _) => {
                    self.diags.warning(
                        &at.join("collectionFormat"),
                        "tab-separated lists (`tsv`) have no OpenAPI 3.0 style; sent comma-separated",
                    );
                    ("form", false)
                }
                (other, _) => {
                    self.diags.warning(
                        &at.join("collectionFormat"),
                        format!("unknown `collectionFormat: {other}`; sent comma-separated"),
                    );
                    ("form", false)
                }
            };
            out.insert("style".to_owned(), Value::String(style.to_owned()));
            out.insert("explode".to_owned(), Value::Bool(explode));
        }
        if location == "path" {
            out.insert("required".to_owned(), Value::Bool(true));
        }
        Value::Object(out)
    }

    /// The schema of a parameter, header or form field written in 2.0's inline form
    /// (`type`, `format`, `items`, `enum`, bounds, `default`).
    fn simple_schema(&mut self, field: &Value, at: &Pointer) -> Value {
        let mut schema = Map::new();
        for key in [
            "type",
            "format",
            "items",
            "default",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "maxItems",
            "minItems",
            "uniqueItems",
            "enum",
            "multipleOf",
            "x-nullable",
            "x-ms-enum",
        ] {
            if let Some(v) = field.get(key) {
                schema.insert(key.to_owned(), v.clone());
            }
        }
        if let Some(Value::Object(items)) = schema.get("items").cloned() {
            // Items of a list parameter are simple schemas too.
            let items = self.simple_schema(&Value::Object(items), &at.join("items"));
            schema.insert("items".to_owned(), items);
        }
        self.schema(Value::Object(schema), at)
    }

    /// A 2.0 schema (and its subschemas) as 3.0 writes it.
    fn schema(&mut self, schema: Value, at: &Pointer) -> Value {
        let mut schema = schema;
        let mut stack: Vec<(&mut Value, Pointer)> = vec![(&mut schema, at.clone())];
        while let Some((value, at)) = stack.pop() {
            let Value::Object(object) = value else { continue };
            if object.contains_key("$ref") {
                continue;
            }
            if let Some(nullable) = object.remove("x-nullable") {
                object.insert("nullable".to_owned(), nullable);
            }
            if object.get("type").and_then(Value::as_str) == Some("file") {
                object.insert("type".to_owned(), Value::String("string".to_owned()));
                object.insert("format".to_owned(), Value::String("binary".to_owned()));
                object.insert(crate::extensions::FILE.to_owned(), Value::Bool(true));
            }
            if let Some(Value::String(property)) = object.get("discriminator").cloned() {
                object.insert("discriminator".to_owned(), serde_json::json!({ "propertyName": property }));
            }
            for (key, child) in object.iter_mut() {
                match key.as_str() {
                    "properties" => {
                        if let Value::Object(members) = child {
                            for (name, member) in members.iter_mut() {
                                let at = at.join("properties").join(name);
                                stack.push((member, at));
                            }
                        }
                    }
                    "allOf" => {
                        if let Value::Array(parts) = child {
                            for (i, part) in parts.iter_mut().enumerate() {
                                let at = at.join("allOf").join(&i.to_string());
                                stack.push((part, at));
                            }
                        }
                    }
                    "items" | "additionalProperties" => {
                        let at = at.join(key);
                        stack.push((child, at));
                    }
                    _ => {}
                }
            }
        }
        schema
    }
}

/// `~1` and `~0` in a JSON pointer segment.
fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Every reference to a 2.0 place, rewritten to its 3.0 place.
fn rewrite_references(doc: &mut Value, shared_parameters: &Map<String, Value>) {
    let body_parameter = |name: &str| {
        shared_parameters.get(&unescape(name)).and_then(|p| p.get("in")).and_then(Value::as_str) == Some("body")
    };
    crate::walk::structured_mut(doc, crate::walk::Node::Structured, &mut |object, kind| {
        if kind != crate::walk::Node::Structured {
            return;
        }
        if let Some(Value::String(reference)) = object.get_mut("$ref") {
            if let Some(rest) = reference.strip_prefix("#/definitions/") {
                *reference = format!("#/components/schemas/{rest}");
            } else if let Some(rest) = reference.strip_prefix("#/responses/") {
                *reference = format!("#/components/responses/{rest}");
            } else if let Some(rest) = reference.strip_prefix("#/parameters/") {
                let section = if body_parameter(rest) { "requestBodies" } else { "parameters" };
                *reference = format!("#/components/{section}/{rest}");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn normalized(mut doc: Value) -> (Value, Vec<String>) {
        let mut diags = Diagnostics::new();
        let mut moves = Vec::new();
        normalize(&mut doc, &mut moves, &mut diags);
        (doc, diags.into_items().into_iter().map(|d| format!("{}: {}", d.pointer, d.message)).collect())
    }

    #[test]
    fn servers_bodies_forms_and_references() {
        let (doc, warnings) = normalized(json!({
            "swagger": "2.0", "info": {"title": "t", "version": "1"},
            "host": "api.example.test", "basePath": "/v1", "schemes": ["http", "https"],
            "consumes": ["application/json"],
            "paths": {"/pets": {
                "post": {"parameters": [{"in": "body", "name": "pet", "required": true, "schema": {"$ref": "#/definitions/Pet"}}],
                         "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}},
                "put": {"consumes": ["multipart/form-data"], "parameters": [
                    {"in": "formData", "name": "photo", "type": "file", "required": true},
                    {"in": "formData", "name": "note", "type": "string"}],
                    "responses": {"204": {"description": "done"}}},
                "get": {"parameters": [{"in": "query", "name": "tags", "type": "array", "items": {"type": "string"}, "collectionFormat": "pipes"},
                                       {"$ref": "#/parameters/limit"}],
                        "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}}}
            }},
            "parameters": {"limit": {"in": "query", "name": "limit", "type": "integer", "x-nullable": true}},
            "definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string", "x-nullable": true}}}}
        }));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://api.example.test/v1"}, {"url": "http://api.example.test/v1"}])
        );
        assert_eq!(doc.pointer("/components/schemas/Pet/properties/name/nullable"), Some(&json!(true)));
        let post = &doc["paths"]["/pets"]["post"];
        assert_eq!(post["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Pet");
        assert_eq!(
            post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Pet"
        );
        let put = &doc["paths"]["/pets"]["put"]["requestBody"]["content"]["multipart/form-data"]["schema"];
        assert_eq!(put["properties"]["photo"], json!({"type": "string", "format": "binary", "x-file": true}));
        assert_eq!(put["required"], json!(["photo"]));
        let get = &doc["paths"]["/pets"]["get"]["parameters"];
        assert_eq!(
            get[0],
            json!({"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "pipeDelimited", "explode": false})
        );
        assert_eq!(get[1], json!({"$ref": "#/components/parameters/limit"}));
        assert_eq!(doc.pointer("/components/parameters/limit/schema/nullable"), Some(&json!(true)));
    }
}
