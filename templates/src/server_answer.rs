//! A typed answer written as the description documents it (feature `server`): its
//! success status, its media type, its body (JSON, text, bytes, a count, `202 Accepted`
//! with its `Location`, a sequence of items framed as the operation says).

use super::answer::Accepted;
use super::operation::HttpResponse;

/// An answer with a status, a content type and a body.
pub fn respond(status: u16, content_type: Option<&str>, body: Vec<u8>) -> HttpResponse {
    let mut response = ::http::Response::new(body);
    *response.status_mut() = ::http::StatusCode::from_u16(status).unwrap_or(::http::StatusCode::OK);
    if let Some(content_type) = content_type.and_then(|c| ::http::HeaderValue::from_str(c).ok()) {
        response.headers_mut().insert(::http::header::CONTENT_TYPE, content_type);
    }
    response
}

/// A JSON answer.
pub fn json<T: ::serde::Serialize + ?Sized>(status: u16, value: &T) -> HttpResponse {
    match ::serde_json::to_vec(value) {
        Ok(body) => respond(status, Some("application/json"), body),
        Err(e) => {
            respond(500, Some("text/plain; charset=utf-8"), format!("The answer does not serialize: {e}.").into_bytes())
        }
    }
}

/// A JSON answer, or none.
pub fn json_or_empty<T: ::serde::Serialize>(status: u16, value: &Option<T>) -> HttpResponse {
    match value {
        Some(value) => json(status, value),
        None => empty(204, ()),
    }
}

/// No content (the output of an operation that answers none).
pub fn empty(status: u16, _output: ()) -> HttpResponse {
    respond(status, None, Vec::new())
}

/// A count, as text.
pub fn count(status: u16, count: i64) -> HttpResponse {
    respond(status, Some("text/plain"), count.to_string().into_bytes())
}

/// Bytes as they are.
pub fn bytes(status: u16, body: Vec<u8>) -> HttpResponse {
    respond(status, Some("application/octet-stream"), body)
}

/// Text.
pub fn text(status: u16, body: String) -> HttpResponse {
    respond(status, Some("text/plain; charset=utf-8"), body.into_bytes())
}

/// `202 Accepted`, with where the work goes on.
pub fn accepted(status: u16, accepted: Accepted) -> HttpResponse {
    let mut response = respond(status, None, accepted.body);
    if let Some(location) = accepted.location.and_then(|l| ::http::HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(::http::header::LOCATION, location);
    }
    if let Some(after) = accepted.retry_after {
        response.headers_mut().insert(::http::header::RETRY_AFTER, ::http::HeaderValue::from(after.as_secs()));
    }
    response
}

/// A sequence of items, delimited as the operation's framing says (the items that came
/// as errors are left out).
pub fn sequence<O: super::sequence::Sequential>(status: u16, items: super::sequence::Items<O::Item>) -> HttpResponse
where
    O::Item: ::serde::Serialize,
{
    use super::sequence::Framing;
    let mut body = Vec::new();
    let media = match O::FRAMING {
        Framing::JsonLines => "application/jsonl",
        Framing::JsonSeq => "application/json-seq",
        Framing::EventStream | Framing::EventData => "text/event-stream",
    };
    for item in items.into_iter().flatten() {
        let Ok(text) = ::serde_json::to_string(&item) else { continue };
        match O::FRAMING {
            Framing::JsonLines => body.extend_from_slice(format!("{text}\n").as_bytes()),
            Framing::JsonSeq => body.extend_from_slice(format!("\u{1e}{text}\n").as_bytes()),
            Framing::EventData => body.extend_from_slice(format!("data: {text}\n\n").as_bytes()),
            Framing::EventStream => body.extend_from_slice(event_text(&item).as_bytes()),
        }
    }
    if O::FRAMING == Framing::EventData {
        if let Some(sentinel) = O::SENTINELS.first() {
            body.extend_from_slice(format!("data: {sentinel}\n\n").as_bytes());
        }
    }
    respond(status, Some(media), body)
}

/// An event object (`data`, `event`, `id`, `retry`) as server-sent event lines.
fn event_text<T: ::serde::Serialize>(item: &T) -> String {
    let value = ::serde_json::to_value(item).unwrap_or_default();
    let mut out = String::new();
    for field in ["event", "id", "retry"] {
        match value.get(field) {
            Some(::serde_json::Value::String(s)) => out.push_str(&format!("{field}: {s}\n")),
            Some(v @ ::serde_json::Value::Number(_)) => out.push_str(&format!("{field}: {v}\n")),
            _ => {}
        }
    }
    let data = match value.get("data") {
        Some(::serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    for line in data.split('\n') {
        out.push_str(&format!("data: {line}\n"));
    }
    out.push('\n');
    out
}
