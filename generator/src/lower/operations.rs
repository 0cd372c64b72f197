//! Operations to request types. Decided here: each operation's method, path segments,
//! parameters (names, locations, how values become text, how `new` and setters take
//! them), request body (media type and type), what a success answer decodes to, paging,
//! and the facts of its reference page (permissions, national clouds).

use super::answers::{is_json, lower_output, next_link, MAX_ALIASES};
use super::draft::{DraftKind, OperationDraft};
use super::methods::{name_getters, RESERVED_METHODS};
use super::schemas::SchemaLowerer;
use crate::diag::{Diagnostics, Pointer};
use crate::ir::{
    Body, BodyMedia, Conversion, Docs, Method, Param, ParamFormat, ParamLocation, PathPart, QueryOption,
    QueryOptionKind, QueryOptions, Type,
};
use crate::load::path_parameters::template_names;
use crate::names::{extend, sanitize, Case, Scope};
use crate::resolve;
use openapiv3::{Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr, SchemaKind};

/// The runtime's methods of `Bound`, read once.
fn bound_methods() -> &'static [String] {
    static METHODS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    // The runtime is part of this binary; failing to read it fails its own tests.
    // `Bound`'s setters of the query options are written from the runtime's table.
    METHODS.get_or_init(|| {
        let mut methods = crate::runtime::inherent_methods("Bound").unwrap_or_default();
        methods.extend(QueryOption::all().map(|o| o.setter().to_owned()));
        methods
    })
}

/// The operations of other methods than a path item's eight (3.2's `query` and
/// `additionalOperations`, in the one model `x-oai-additionalOperations`), by path, read
/// for [`lower_operations`]. A method the generator does not know is warned and left out.
pub fn additional_operations(
    spec: &openapiv3::OpenAPI,
    diags: &mut Diagnostics,
) -> Vec<(String, Method, Pointer, openapiv3::Operation)> {
    let mut out = Vec::new();
    let paths = Pointer::root().join("paths");
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else { continue };
        let Some(serde_json::Value::Object(more)) = item.extensions.get(crate::extensions::ADDITIONAL_OPERATIONS)
        else {
            continue;
        };
        for (name, value) in more {
            let at = paths.join(path).join(crate::extensions::ADDITIONAL_OPERATIONS).join(name);
            let Some(method) = Method::from_wire(name) else {
                diags.warning(
                    &at,
                    format!("`{name}` is not a method the generator knows; the operation is not generated"),
                );
                continue;
            };
            match serde_json::from_value::<openapiv3::Operation>(value.clone()) {
                Ok(op) => out.push((path.clone(), method, at, op)),
                Err(e) => {
                    diags.error(&at, format!("not a valid operation: {e}"));
                }
            }
        }
    }
    out
}

/// Lowers every operation of the document, in spec order (a path item's other methods
/// after its eight).
pub fn lower_operations<'a>(
    lw: &mut SchemaLowerer<'a>,
    additional: &'a [(String, Method, Pointer, openapiv3::Operation)],
    facts: &crate::facts::Facts,
    diags: &mut Diagnostics,
) -> Vec<OperationDraft> {
    let spec = lw.spec();
    let mut out = Vec::new();
    let mut used = std::collections::BTreeSet::new();
    let paths = Pointer::root().join("paths");
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else { continue };
        let standard =
            item.iter().filter_map(|(key, op)| Some((Method::from_key(key)?, paths.join(path).join(key), op)));
        let more = additional.iter().filter(|(p, ..)| p == path).map(|(_, method, at, op)| (*method, at.clone(), op));
        let all: Vec<(Method, Pointer, &openapiv3::Operation)> = standard.chain(more).collect();
        for (method_ir, at, op) in all {
            let method = method_ir.key();
            if let Some(mut draft) = lower_operation(lw, path, method_ir, item, op, &at, diags) {
                if let Some((key, entry)) = facts.find(method, path) {
                    used.insert(key.clone());
                    if let Some(p) = entry.permissions.as_ref().filter(|p| p.is_documented()) {
                        draft.docs.notes.push(p.table());
                        draft.permissions = Some(p.clone());
                    }
                    if let Some(c) = entry.clouds {
                        draft.docs.notes.push(c.table());
                        draft.clouds = Some(c);
                    }
                }
                out.push(draft);
            }
        }
    }
    for key in facts.operations.keys().filter(|k| !used.contains(*k)) {
        diags
            .warning(&Pointer::root(), format!("the facts file names `{key}`, which is not an operation of this spec"));
    }
    out
}

fn lower_operation<'a>(
    lw: &mut SchemaLowerer<'a>,
    path: &str,
    method_ir: Method,
    item: &'a openapiv3::PathItem,
    op: &'a openapiv3::Operation,
    at: &Pointer,
    diags: &mut Diagnostics,
) -> Option<OperationDraft> {
    let spec = lw.spec();
    let method = method_ir.key();
    let api_name = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
    let base = sanitize(&api_name, Case::Camel);
    let template = template_names(path).ok()?;

    // Field names are also setter names: none may take the constructor's name or the
    // `Operation` trait's methods (a setter `to_http` would shadow the trait's in calls).
    let mut fields = Scope::new();
    for reserved in RESERVED_METHODS {
        fields.reserve(reserved);
    }
    // Setters are also generated on `Bound` (an operation bound to a client): none may take
    // one of its own methods' names (`send`, `pages`, …), read from the runtime.
    for reserved in bound_methods() {
        fields.reserve(reserved);
    }
    let mut params: Vec<Param> = Vec::new();
    let mut options: Vec<QueryOption> = Vec::new();
    let all = resolve::parameters(spec, item, op);
    // Path parameters in the order the path names them, then the rest in spec order.
    let mut ordered: Vec<&Parameter> = Vec::new();
    for name in &template {
        if let Some(p) =
            all.iter().find(|p| matches!(p, Parameter::Path { .. }) && p.parameter_data_ref().name == *name)
        {
            ordered.push(p);
        }
    }
    ordered.extend(all.iter().filter(|p| !matches!(p, Parameter::Path { .. })));
    for (i, p) in ordered.into_iter().enumerate() {
        let data = p.parameter_data_ref();
        let location = match p {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => ParamLocation::Cookie,
        };
        let p_at = at.join("parameters").join(&i.to_string());
        let hint = extend(&base, &data.name);
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                lw.lower(schema.into(), &hint, &p_at.join("schema"), diags).set_in_code()
            }
            ParameterSchemaOrContent::Content(content) => match content.values().next().and_then(|m| m.schema.as_ref())
            {
                Some(schema) => lw.lower(schema.into(), &hint, &p_at.join("content"), diags),
                None => Type::String,
            },
        };
        let explode = data.explode.unwrap_or(match p {
            Parameter::Query { style, .. } => matches!(style, QueryStyle::Form),
            Parameter::Cookie { .. } => true,
            _ => false,
        });
        if let Parameter::Query { style: QueryStyle::DeepObject, .. } = p {
            diags.warning(&p_at, "deepObject query style is sent as JSON text");
        }
        if let Some(option) = query_option(p, &ty, explode).filter(|o| !options.contains(o)) {
            options.push(option);
            continue;
        }
        let querystring = data.extensions.get(crate::extensions::QUERYSTRING) == Some(&serde_json::Value::Bool(true));
        let format = match (querystring, p, param_format(lw, &ty, explode)) {
            (true, ..) => ParamFormat::Form,
            (
                _,
                Parameter::Query { style: QueryStyle::PipeDelimited, .. },
                ParamFormat::List { explode: false, item },
            ) => ParamFormat::Delimited { delimiter: '|', item },
            (
                _,
                Parameter::Query { style: QueryStyle::SpaceDelimited, .. },
                ParamFormat::List { explode: false, item },
            ) => ParamFormat::Delimited { delimiter: ' ', item },
            (_, _, format) => format,
        };
        let conversion = conversion(&ty);
        let location_word = match location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let snake = sanitize(&data.name, Case::Snake);
        let name =
            fields.claim(&[snake.clone(), format!("{}_{location_word}", snake.trim_end_matches('_'))], Case::Snake);
        let mut docs = Docs { description: data.description.clone(), ..Docs::default() };
        docs.notes.push(format!("The {location_word} parameter `{}`.", data.name));
        params.push(Param {
            // Named once every method's name is known, below.
            getter: String::new(),
            name,
            api_name: data.name.clone(),
            location,
            ty,
            required: data.required || location == ParamLocation::Path,
            format,
            conversion,
            docs,
        });
    }

    options.sort();
    let query_options = (!options.is_empty()).then(|| QueryOptions {
        field: fields.claim(&["query_options".to_owned(), "odata_query_options".to_owned()], Case::Snake),
        options,
    });

    let mut segments = Vec::new();
    let mut rest = path;
    while let Some((literal, after)) = rest.split_once('{') {
        if !literal.is_empty() {
            segments.push(PathPart::Literal(encode_literal(literal)));
        }
        let (name, tail) = after.split_once('}')?;
        let index = params.iter().position(|p| p.location == ParamLocation::Path && p.api_name == name)?;
        segments.push(PathPart::Param(index));
        rest = tail;
    }
    if !rest.is_empty() {
        segments.push(PathPart::Literal(encode_literal(rest)));
    }

    let mut body = lower_body(lw, op, &base, at, &mut fields, diags);
    name_getters(&mut params, body.as_mut(), query_options.as_ref());

    let (output, stream) = lower_output(lw, op, method_ir, &base, at, diags);
    let next_link = next_link(lw, op, method_ir, &output);

    let mut docs = Docs {
        summary: op.summary.clone(),
        description: op.description.clone(),
        external_url: op.external_docs.as_ref().map(|d| d.url.clone()),
        notes: Vec::new(),
    };
    docs.notes.push(format!("`{} {path}` (operationId `{api_name}`).", method.to_uppercase()));
    Some(OperationDraft {
        candidates: vec![base],
        api_name,
        method: method_ir,
        path: path.to_owned(),
        segments,
        params,
        query_options,
        body,
        output,
        status: super::serve::success_status(op),
        stream,
        next_link,
        permissions: None,
        clouds: None,
        feature: feature_of(op, at, diags),
        docs,
    })
}

/// The OData system query option a parameter is, when it is one as OData defines it: an
/// optional query parameter with the option's name and type (`$top` an integer, `$filter`
/// a string, `$count` a boolean, `$select` a list sent comma-separated). Anything else
/// with such a name stays an ordinary parameter.
fn query_option(p: &Parameter, ty: &Type, explode: bool) -> Option<QueryOption> {
    let Parameter::Query { parameter_data: data, .. } = p else { return None };
    if data.required {
        return None;
    }
    let option = QueryOption::by_wire(&data.name)?;
    let fits = match option.kind() {
        QueryOptionKind::Integer => {
            matches!(ty, Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::U8 | Type::U16 | Type::U32)
        }
        QueryOptionKind::Text => *ty == Type::String,
        QueryOptionKind::Boolean => *ty == Type::Bool,
        QueryOptionKind::List => !explode && *ty == Type::Vec(Box::new(Type::String)),
    };
    fits.then_some(option)
}

/// The operation's cargo feature (`x-rust-feature`, which merging writes; a description
/// may carry it too): a name cargo accepts, and none the crate has already.
fn feature_of(op: &openapiv3::Operation, at: &Pointer, diags: &mut Diagnostics) -> Option<String> {
    let value = op.extensions.get(crate::load::merge::FEATURE_EXTENSION)?;
    let name = value.as_str().unwrap_or_default();
    let valid = name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !crate::load::merge::is_reserved_feature(name);
    if !valid {
        diags
            .error(
                &at.join(crate::load::merge::FEATURE_EXTENSION),
                format!("`{value}` cannot be a cargo feature of this crate"),
            )
            .hint("use ASCII letters, digits, `_` and `-`, and none of default, client, azure-identity, full");
        return None;
    }
    Some(name.to_owned())
}

/// Literal path text, with anything a URL path cannot carry percent-encoded.
fn encode_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        let safe = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b);
        if safe {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// How a parameter's value becomes text. Aliases are followed (a bounded number of them:
/// a chain longer than that is written as JSON), and a type that contains itself through
/// aliases (`IdList = Vec<IdList>`, which becomes a newtype) is written as JSON text.
fn param_format(lw: &SchemaLowerer<'_>, ty: &Type, explode: bool) -> ParamFormat {
    if contains_itself(lw, ty) {
        return ParamFormat::Json;
    }
    format_of(lw, ty, explode, 0)
}

/// Whether a type reaches one model twice through aliases, lists and maps (an explicit
/// stack: the document controls how deep this goes).
fn contains_itself(lw: &SchemaLowerer<'_>, ty: &Type) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut pending: Vec<&Type> = vec![ty];
    while let Some(ty) = pending.pop() {
        match ty {
            Type::Vec(inner) | Type::Map(inner) | Type::Boxed(inner) | Type::Option(inner) => pending.push(inner),
            Type::Model(id) => {
                if !seen.insert(*id) {
                    return true;
                }
                if let Some(DraftKind::Alias(inner)) = lw.registry().kind(*id) {
                    pending.push(inner);
                }
            }
            _ => {}
        }
    }
    false
}

fn format_of(lw: &SchemaLowerer<'_>, ty: &Type, explode: bool, depth: usize) -> ParamFormat {
    if depth > MAX_ALIASES {
        return ParamFormat::Json;
    }
    let mut ty = ty;
    for _ in 0..MAX_ALIASES {
        return match ty {
            Type::Vec(item) => ParamFormat::List { explode, item: Box::new(format_of(lw, item, false, depth + 1)) },
            Type::Model(id) => match lw.registry().kind(*id) {
                Some(DraftKind::Enum(_)) => ParamFormat::Wire,
                Some(DraftKind::Alias(inner)) => {
                    ty = inner;
                    continue;
                }
                Some(DraftKind::Flags { .. }) => ParamFormat::Display,
                _ => ParamFormat::Json,
            },
            Type::Json | Type::Map(_) => ParamFormat::Json,
            Type::String => ParamFormat::Str,
            Type::DateTime | Type::Date => ParamFormat::Written,
            _ => ParamFormat::Display,
        };
    }
    ParamFormat::Json
}

/// How `new` and setters take a parameter: strings and dates as `impl Into<…>`, lists of
/// strings as any iterator of them.
fn conversion(ty: &Type) -> Conversion {
    match ty {
        Type::String | Type::DateTime | Type::Date => Conversion::Into,
        Type::Vec(item) if **item == Type::String => Conversion::IntoEach,
        _ => Conversion::Exact,
    }
}

fn pick_request_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    content
        .iter()
        .find(|(k, _)| is_json(k))
        .or_else(|| content.iter().find(|(k, _)| k.as_str() == "application/x-www-form-urlencoded"))
        .or_else(|| content.iter().next())
        .map(|(k, v)| (k.as_str(), v))
}

/// An operation's request body: its media type (JSON as declared, a form, or bytes) and
/// type, named after the operation (`<base>Request`); its field's name is claimed in
/// `fields`.
fn lower_body<'a>(
    lw: &mut SchemaLowerer<'a>,
    op: &'a openapiv3::Operation,
    base: &str,
    at: &Pointer,
    fields: &mut Scope,
    diags: &mut Diagnostics,
) -> Option<Body> {
    let spec = lw.spec();
    let rb_at = at.join("requestBody");
    let rb = resolve::request_body(spec, op.request_body.as_ref()?)?;
    let (media_type, media) = pick_request_media(&rb.content)?;
    // Never silent: a body the operation cannot send in the media types it leaves out.
    for other in rb.content.keys().filter(|m| m.as_str() != media_type && !(is_json(m) && is_json(media_type))) {
        diags.warning(
            &rb_at.join("content").join(other),
            format!("a `{other}` body is left out: the operation sends `{media_type}`"),
        );
    }
    let schema_at = rb_at.join("content").join(media_type).join("schema");
    let mut body_type = |lw: &mut SchemaLowerer<'a>| match media.schema.as_ref() {
        Some(s) => lw.lower(s.into(), &extend(base, "Request"), &schema_at, diags),
        None => Type::Json,
    };
    let media_ir = if is_json(media_type) {
        // Sent with its own type (`application/merge-patch+json` is not `application/json`);
        // a wildcard is sent as plain JSON.
        let sent = if media_type.trim().starts_with('*') { "application/json" } else { media_type.trim() };
        BodyMedia::Json { content_type: sent.to_owned(), ty: body_type(lw) }
    } else if media_type == "application/x-www-form-urlencoded" {
        BodyMedia::Form { ty: body_type(lw), multipart: false }
    } else if media_type.starts_with("multipart/form-data") && typed_parts(lw, media.schema.as_ref()) {
        BodyMedia::Form { ty: body_type(lw), multipart: true }
    } else {
        if media_type.starts_with("multipart/") {
            diags.warning(
                &rb_at,
                format!("`{media_type}` bodies are sent as raw bytes; build the multipart body yourself"),
            );
        }
        BodyMedia::Bytes { content_type: media_type.to_owned() }
    };
    let name = fields.claim(&["body".to_owned(), "request_body".to_owned()], Case::Snake);
    // An operation's lowering names the getter once every method's name is known.
    Some(Body { getter: name.clone(), name, media: media_ir, required: rb.required })
}

/// Whether a multipart body's schema can be sent as typed parts: an object whose binary
/// members are files (`x-file`, Swagger 2.0's `type: file`); other binary members could not
/// hold their bytes as text, so such a body is sent as raw bytes.
fn typed_parts(lw: &SchemaLowerer<'_>, schema: Option<&ReferenceOr<openapiv3::Schema>>) -> bool {
    let Some(schema) = schema.and_then(|s| lw.resolve(s.into())) else { return false };
    let properties = match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(o)) => &o.properties,
        SchemaKind::Any(a) if a.typ.as_deref().is_none_or(|t| t == "object") => &a.properties,
        _ => return false,
    };
    properties.values().all(|p| {
        let p = match p {
            ReferenceOr::Item(p) => Some(&**p),
            ReferenceOr::Reference { reference } => crate::resolve::schema_by_ref(lw.spec(), reference),
        };
        p.is_none_or(|p| {
            let binary = match &p.schema_kind {
                SchemaKind::Type(openapiv3::Type::String(s)) => {
                    matches!(&s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))
                }
                SchemaKind::Any(a) => a.format.as_deref() == Some("binary"),
                _ => false,
            };
            !binary || p.schema_data.extensions.get(crate::extensions::FILE) == Some(&serde_json::Value::Bool(true))
        })
    })
}

/// The webhooks of the document (in the one model, `x-webhooks`), read as path items
/// (each with its place), for [`lower_webhooks`]. A webhook that is no path item is an
/// error at its place; one that is a reference (3.0 has no path-item components) is
/// warned and left out.
pub fn webhook_items(
    spec: &openapiv3::OpenAPI,
    diags: &mut Diagnostics,
) -> Vec<(String, Pointer, openapiv3::PathItem)> {
    let mut out = Vec::new();
    let Some(serde_json::Value::Object(webhooks)) = spec.extensions.get(crate::extensions::WEBHOOKS) else {
        return out;
    };
    let root = Pointer::root().join(crate::extensions::WEBHOOKS);
    for (name, value) in webhooks {
        let at = root.join(name);
        match serde_json::from_value::<ReferenceOr<openapiv3::PathItem>>(value.clone()) {
            Ok(ReferenceOr::Item(item)) => out.push((name.clone(), at, item)),
            Ok(ReferenceOr::Reference { reference }) => {
                diags.warning(
                    &at,
                    format!("the webhook refers to `{reference}`, which is not in this document; not typed"),
                );
            }
            Err(e) => {
                diags.error(&at, format!("not a valid path item: {e}"));
            }
        }
    }
    out
}

/// For each operation of each webhook, what the API sends: its method and body, named
/// after the webhook (and the method, when it has several).
pub fn lower_webhooks<'a>(
    lw: &mut SchemaLowerer<'a>,
    items: &'a [(String, Pointer, openapiv3::PathItem)],
    diags: &mut Diagnostics,
) -> Vec<crate::lower::draft::WebhookDraft> {
    let mut out = Vec::new();
    for (name, at, item) in items {
        let several = item.iter().count() > 1;
        for (method, op) in item.iter() {
            let Some(method_ir) = Method::from_key(method) else { continue };
            let base = if several { extend(&sanitize(name, Case::Camel), method) } else { sanitize(name, Case::Camel) };
            let mut fields = Scope::new();
            let body = lower_body(lw, op, &base, &at.join(method), &mut fields, diags);
            let mut docs = Docs {
                summary: op.summary.clone(),
                description: op.description.clone(),
                external_url: op.external_docs.as_ref().map(|d| d.url.clone()),
                notes: Vec::new(),
            };
            docs.notes.push(format!("The webhook `{name}`: the API sends it as a `{}` request.", method_ir.as_str()));
            out.push(crate::lower::draft::WebhookDraft {
                candidates: vec![base],
                api_name: name.clone(),
                method: method_ir,
                body,
                docs,
            });
        }
    }
    out
}
