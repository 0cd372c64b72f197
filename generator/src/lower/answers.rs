//! What an operation answers: the 2XX responses' media types read into one output (a JSON
//! body, text, bytes, a count, a sequence of items), and paging.

use super::draft::DraftKind;
use super::schemas::SchemaLowerer;
use crate::diag::{Diagnostics, Pointer};
use crate::ir::{Method, NextLink, Output, Stream, Type};
use crate::names::extend;
use crate::resolve;
use openapiv3::{ReferenceOr, SchemaKind, StatusCode};

/// How many aliases a type may go through before it counts as a loop.
pub(super) const MAX_ALIASES: usize = 16;

/// Whether a media type is JSON (`application/json`, `…+json`, `text/json`, `*/*`).
pub(super) fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or(media).trim();
    essence == "application/json" || essence.ends_with("+json") || essence == "text/json" || essence == "*/*"
}

/// What each 2XX answer holds.
#[derive(PartialEq)]
enum Answer {
    Empty,
    Json(Type),
    Count,
    Text,
    Bytes,
    Sequence(Type, crate::ir::Framing),
}

pub(super) fn lower_output<'a>(
    lw: &mut SchemaLowerer<'a>,
    op: &'a openapiv3::Operation,
    method: Method,
    base: &str,
    at: &Pointer,
    diags: &mut Diagnostics,
) -> (Output, Option<Stream>) {
    let spec = lw.spec();
    if op.responses.responses.is_empty() && op.responses.default.is_none() {
        // No answer documented (`responses` absent, read as empty): the answer as it came.
        return (Output::Bytes, None);
    }
    let mut successes: Vec<(String, &ReferenceOr<openapiv3::Response>)> = op
        .responses
        .responses
        .iter()
        .filter(|(code, _)| match code {
            StatusCode::Code(c) => (200..300).contains(c),
            StatusCode::Range(r) => *r == 2,
        })
        .map(|(code, r)| (code.to_string(), r))
        .collect();
    if successes.is_empty() {
        if let Some(default) = &op.responses.default {
            successes.push(("default".to_owned(), default));
        }
    }
    // Only `202 Accepted` documented: the answer that matters is where the work goes on.
    let accepted_only = successes.len() == 1 && successes.iter().all(|(code, _)| code == "202");
    let mut answers: Vec<Answer> = Vec::new();
    let mut stream = None;
    for (code, response) in successes {
        let r_at = at.join("responses").join(&code);
        let Some(response) = resolve::response(spec, response) else { continue };
        let chosen = response.content.iter().find(|(k, _)| is_json(k)).or_else(|| response.content.iter().next());
        let answer = match chosen {
            None => Answer::Empty,
            Some((media, m)) => answer_of(lw, media, m, &r_at, base, diags),
        };
        // Beside a JSON answer, a stream of items: both typed, the user chooses per call.
        let beside = chosen.filter(|(media, _)| is_json(media)).and_then(|(chosen, _)| {
            response.content.iter().find(|(media, m)| *media != chosen && is_sequence(media, m))
        });
        if let (None, Some((media, m))) = (&stream, beside) {
            if let Answer::Sequence(item, framing) = answer_of(lw, media, m, &r_at, base, diags) {
                let member = asks_for_stream(lw, op).then(|| STREAM_MEMBER.to_owned());
                stream = Some(Stream { item, framing, media: media.clone(), member });
            }
        }
        // Never silent: every other media type is left out, and says so.
        let kept: Vec<&str> = chosen.iter().chain(beside.iter()).map(|(media, _)| media.as_str()).collect();
        for (media, _) in &response.content {
            let same_json = chosen.is_some_and(|(c, _)| is_json(c)) && is_json(media);
            if !kept.contains(&media.as_str()) && !same_json {
                diags.warning(
                    &r_at.join("content").join(media),
                    format!("the `{media}` answer is left out: the operation reads `{}`", kept.join("` or `")),
                );
            }
        }
        if !answers.contains(&answer) {
            answers.push(answer);
        }
    }
    // A PUT, PATCH or DELETE whose success is a `2XX` range (Graph's style) may answer
    // 204 No Content even when a body is described: Graph's PUT secrets does.
    let ranged = op.responses.responses.keys().any(|code| matches!(code, StatusCode::Range(2)))
        || (op.responses.responses.is_empty() && op.responses.default.is_some());
    let may_be_empty = ranged && matches!(method, Method::Put | Method::Patch | Method::Delete);
    let has_empty = answers.contains(&Answer::Empty) || may_be_empty;
    let typed: Vec<&Answer> = answers.iter().filter(|a| **a != Answer::Empty).collect();
    let output = match typed.as_slice() {
        [] if accepted_only => Output::Accepted,
        [] => Output::Empty,
        [Answer::Json(t)] if has_empty => Output::JsonOrEmpty(t.clone()),
        [Answer::Json(t)] => Output::Json(t.clone()),
        [Answer::Count] => Output::Count,
        [Answer::Text] => Output::Text,
        [Answer::Bytes] => Output::Bytes,
        [Answer::Sequence(item, framing)] => Output::Sequence { item: item.clone(), framing: *framing },
        _ => {
            diags.warning(&at.join("responses"), "2XX answers of different types; the answer is typed as JSON");
            if has_empty {
                Output::JsonOrEmpty(Type::Json)
            } else {
                Output::Json(Type::Json)
            }
        }
    };
    let stream = stream.filter(|_| matches!(output, Output::Json(_) | Output::JsonOrEmpty(_)));
    (output, stream)
}

/// The request member that asks an operation answering JSON or a stream for the stream.
const STREAM_MEMBER: &str = "stream";

/// Whether the operation's JSON request body has a boolean `stream` member.
fn asks_for_stream<'a>(lw: &SchemaLowerer<'a>, op: &'a openapiv3::Operation) -> bool {
    let Some(ReferenceOr::Item(body)) = &op.request_body else { return false };
    let Some(schema) = body.content.iter().find(|(media, _)| is_json(media)).and_then(|(_, m)| m.schema.as_ref())
    else {
        return false;
    };
    let Some(schema) = lw.resolve(schema.into()) else { return false };
    let properties = match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(o)) => &o.properties,
        SchemaKind::Any(a) => &a.properties,
        _ => return false,
    };
    properties.get(STREAM_MEMBER).and_then(|p| lw.resolve(p.into())).is_some_and(|p| {
        matches!(p.schema_kind, SchemaKind::Type(openapiv3::Type::Boolean(_)))
            || matches!(&p.schema_kind, SchemaKind::Any(a) if a.typ.as_deref() == Some("boolean"))
    })
}

/// Whether a media type is read as a sequence of items (a stream media type marked so
/// when loading, however the document wrote it).
fn is_sequence(media: &str, m: &openapiv3::MediaType) -> bool {
    framing_of(media, m).is_some()
}

/// How a media type marked as a sequence when loading is delimited.
fn framing_of(media: &str, m: &openapiv3::MediaType) -> Option<crate::ir::Framing> {
    crate::ir::Framing::of_marked(media, m.extensions.get(crate::extensions::SEQUENCE)?)
}

/// What one media type of a response holds.
fn answer_of<'a>(
    lw: &mut SchemaLowerer<'a>,
    media: &str,
    m: &'a openapiv3::MediaType,
    r_at: &Pointer,
    base: &str,
    diags: &mut Diagnostics,
) -> Answer {
    let essence = media.split(';').next().unwrap_or(media).trim();
    let schema = m.schema.as_ref().and_then(|s| lw.resolve(s.into()));
    let items = schema.and_then(|s| match &s.schema_kind {
        SchemaKind::Type(openapiv3::Type::Array(a)) => a.items.as_ref(),
        SchemaKind::Any(a) => a.items.as_ref(),
        _ => None,
    });
    if let (Some(framing), Some(items)) = (framing_of(media, m), items) {
        let item_at = r_at.join("content").join(media).join("schema").join("items");
        Answer::Sequence(lw.lower(items.into(), &extend(base, "Item"), &item_at, diags), framing)
    } else if is_json(media) {
        match &m.schema {
            Some(s) => Answer::Json(lw.lower(
                s.into(),
                &extend(base, "Response"),
                &r_at.join("content").join(media).join("schema"),
                diags,
            )),
            None => Answer::Json(Type::Json),
        }
    } else if essence.starts_with("text/") {
        let integer = schema.is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(openapiv3::Type::Integer(_))));
        if integer {
            Answer::Count
        } else {
            Answer::Text
        }
    } else {
        Answer::Bytes
    }
}

pub(super) fn next_link(
    lw: &SchemaLowerer<'_>,
    op: &openapiv3::Operation,
    method: Method,
    output: &Output,
) -> Option<NextLink> {
    let declared = op.extensions.get("x-ms-pageable");
    let wire = match declared {
        // `nextLinkName: null`: one page only.
        Some(ext) if ext.get("nextLinkName").is_some_and(serde_json::Value::is_null) => return None,
        Some(ext) => ext.get("nextLinkName").and_then(|v| v.as_str()).unwrap_or("@odata.nextLink").to_owned(),
        None if method == Method::Get => "@odata.nextLink".to_owned(),
        None => return None,
    };
    let Output::Json(ty) = output else { return None };
    let mut id = match ty {
        Type::Model(id) => *id,
        _ => return None,
    };
    for _ in 0..MAX_ALIASES {
        match lw.registry().kind(id) {
            Some(DraftKind::Alias(Type::Model(next))) => id = *next,
            Some(DraftKind::Struct(s)) => {
                let field = s.fields.iter().find(|f| f.api_name == wire && matches!(f.ty, Type::String))?;
                return Some(NextLink { field: field.name.clone(), required: field.required });
            }
            _ => return None,
        }
    }
    None
}
