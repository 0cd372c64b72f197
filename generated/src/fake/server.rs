//! The fake's answers, on the runtime's HTTP/1.1 server (`runtime::server_http`, hyper:
//! RFC 9112's framing, keep-alive, `HEAD`, `Expect: 100-continue`, chunked bodies and their
//! trailers, pipelined requests, a bounded head, conflicting lengths refused, the same
//! connection handling every generated crate's server and fake use): token requests
//! answered as Entra does (`sign_in`),
//! the bearer token checked, faults injected before anything else, every request
//! recorded, `$batch` answered step by step (`dependsOn` honoured: a step whose dependency
//! failed is answered 424).

use super::dispatch::{self, Body, Call, Reply};
use super::state::Logged;
use super::{routes, sign_in, Shared};
use crate::runtime::server::{ErrorShape, Received};
use crate::runtime::server_http::Router;
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::net::TcpListener;

/// What Graph sends as the type of a JSON answer.
const JSON: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// Accepts connections until `stop` fires; the connections end with it. The connections
/// are the runtime's server's (`runtime::server_http`, on hyper: its head and body bounds,
/// `431` and `413`); the fake routes each request itself.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>, stop: tokio::sync::oneshot::Receiver<()>) {
    let router = Router::any(ErrorShape::OData, move |received| {
        let shared = shared.clone();
        Box::pin(async move {
            let request = Request::from(received);
            let client_request_id = request.header("client-request-id").map(str::to_owned);
            handle(&shared, &request).await.map(|reply| response(&reply, client_request_id.as_deref()))
        })
    });
    router
        .serve_until(listener, async {
            let _ = stop.await;
        })
        .await;
}

/// A request as read from the wire.
#[derive(Debug)]
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl From<Received> for Request {
    fn from(received: Received) -> Self {
        Request {
            method: received.method.as_str().to_owned(),
            headers: received
                .headers
                .iter()
                .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
                .collect(),
            target: received.target,
            body: received.body,
        }
    }
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The answer to a request, `None` to drop the connection (an injected fault). Token
/// requests are Entra's, not Graph's: no fault, no log, a count of their own.
async fn handle(shared: &Shared, request: &Request) -> Option<Reply> {
    if sign_in::is_token_request(&request.method, &request.target) {
        return Some(sign_in::answer(shared, &request.body));
    }
    let mut logged = Logged {
        method: request.method.clone(),
        target: request.target.clone(),
        operation: String::new(),
        headers: request
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), if n == "authorization" { "Bearer <redacted>".to_owned() } else { v.clone() }))
            .collect(),
        body: String::from_utf8_lossy(&request.body).into_owned(),
        batch_step: None,
        status: 0,
    };
    let (fault, latency) = match shared.faults.lock() {
        Ok(mut faults) => (faults.take(), faults.latency),
        Err(_) => (None, std::time::Duration::ZERO),
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let reply = match fault {
        Some(super::Fault::Drop) => None,
        Some(super::Fault::Throttle(seconds)) => {
            let mut reply = Reply::error(429, "TooManyRequests", "Too many requests (injected by the test).");
            reply.headers.push(("retry-after".into(), seconds.to_string()));
            Some(reply)
        }
        Some(super::Fault::Fail(status)) => {
            Some(Reply::error(status, "ServiceUnavailable", "The service is unavailable (injected by the test)."))
        }
        Some(super::Fault::Garble) => Some(Reply {
            status: 200,
            headers: vec![("content-type".into(), JSON.into())],
            body: Body::Bytes(b"{\"value\":[{\"id\":\"trunc".to_vec()),
        }),
        None => Some(authorized(shared, request, &mut logged)),
    };
    logged.status = reply.as_ref().map_or(0, |r| r.status);
    record(shared, logged);
    reply
}

fn record(shared: &Shared, logged: Logged) {
    if let Ok(mut log) = shared.log.lock() {
        log.push(logged);
    }
}

/// The answer to a request that carries no fault: the token, then the route.
fn authorized(shared: &Shared, request: &Request, logged: &mut Logged) -> Reply {
    let expected = format!("Bearer {}", shared.token);
    match request.header("authorization") {
        None => return Reply::error(401, "InvalidAuthenticationToken", "Access token is empty."),
        Some(given) if given != expected => {
            return Reply::error(401, "InvalidAuthenticationToken", "Access token validation failure (fake).")
        }
        Some(_) => {}
    }
    let (path, query) = request.target.split_once('?').unwrap_or((&request.target, ""));
    let Some((version, rest)) = ["v1.0", "beta"]
        .into_iter()
        .find_map(|v| path.strip_prefix('/').and_then(|p| p.strip_prefix(v)).map(|rest| (v, rest)))
        .filter(|(_, rest)| rest.starts_with('/'))
    else {
        return no_resource(shared, &request.target);
    };
    if request.method.eq_ignore_ascii_case("POST") && rest.trim_end_matches('/').eq_ignore_ascii_case("/$batch") {
        return batch(shared, version, &request.body);
    }
    // Where a bulk upload's `Location` points (the provisioning logs' list page).
    if request.method.eq_ignore_ascii_case("GET")
        && rest.trim_end_matches('/').eq_ignore_ascii_case("/auditLogs/provisioning")
    {
        logged.operation = "GET /auditLogs/provisioning".to_owned();
        return match shared.state.lock() {
            Ok(state) => dispatch::provisioning_logs(&state, query),
            Err(_) => Reply::error(500, "InternalServerError", "the fake's state is poisoned by a panic"),
        };
    }
    let Some((route, params)) = routes::find(version, &request.method, rest) else {
        return no_resource(shared, &request.target);
    };
    logged.operation = route.key.to_owned();
    let call = Call { version, route, params, path, query, body: &request.body };
    match shared.state.lock() {
        Ok(mut state) => dispatch::answer(&mut state, &call),
        Err(_) => Reply::error(500, "InternalServerError", "the fake's state is poisoned by a panic"),
    }
}

/// Graph's answer to a method + path it has no route for.
fn no_resource(shared: &Shared, target: &str) -> Reply {
    let origin = shared.state.lock().map(|s| s.origin.clone()).unwrap_or_default();
    Reply::error(404, "", &format!("No HTTP resource was found that matches the request URI '{origin}{target}'."))
}

/// `POST /{version}/$batch`: each step through the same routes, in order.
fn batch(shared: &Shared, version: &str, body: &[u8]) -> Reply {
    let steps = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(mut object)) => match object.remove("requests") {
            Some(Value::Array(steps)) => steps,
            _ => return Reply::error(400, "BadRequest", "A $batch body needs `requests`, an array."),
        },
        Ok(_) => return Reply::error(400, "BadRequest", "A $batch body must be a JSON object."),
        Err(e) => return Reply::error(400, "BadRequest", &format!("The $batch body is no JSON: {e}.")),
    };
    if steps.len() > crate::runtime::batch::MAX_STEPS {
        return Reply::error(
            400,
            "BadRequest",
            &format!(
                "A $batch may hold at most {} requests; this one has {}.",
                crate::runtime::batch::MAX_STEPS,
                steps.len()
            ),
        );
    }
    let mut statuses: Vec<(String, u16)> = Vec::new();
    let mut responses = Vec::new();
    for step in &steps {
        let id = match step.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => return Reply::error(400, "BadRequest", "Every $batch request needs an `id`."),
        };
        if statuses.iter().any(|(seen, _)| *seen == id) {
            return Reply::error(400, "BadRequest", &format!("The $batch request id '{id}' is used twice."));
        }
        let failed_dependency = step
            .get("dependsOn")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .find(|on| statuses.iter().find(|(seen, _)| seen == on).is_none_or(|(_, status)| *status >= 400));
        let (reply, logged) = match failed_dependency {
            Some(on) => {
                (Reply::error(424, "FailedDependency", &format!("The request it depends on ('{on}') failed.")), None)
            }
            None => batch_step(shared, version, &id, step),
        };
        if let Some(logged) = logged {
            record(shared, logged);
        }
        statuses.push((id.clone(), reply.status));
        responses.push(step_answer(&id, &reply));
    }
    Reply { status: 200, headers: Vec::new(), body: Body::Json(json!({ "responses": responses })) }
}

/// One step of a `$batch`, answered (and recorded) as a request of its own.
fn batch_step(shared: &Shared, version: &str, id: &str, step: &Value) -> (Reply, Option<Logged>) {
    let method = step.get("method").and_then(Value::as_str).unwrap_or("GET").to_ascii_uppercase();
    let url = step.get("url").and_then(Value::as_str).unwrap_or_default();
    let url = if url.starts_with('/') { url.to_owned() } else { format!("/{url}") };
    let headers: Vec<(String, String)> = step
        .get("headers")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(n, v)| Some((n.to_ascii_lowercase(), v.as_str()?.to_owned())))
        .collect();
    let json_body = headers.iter().any(|(n, v)| n == "content-type" && crate::runtime::batch::is_json(v));
    let body = match step.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) if !json_body => {
            crate::runtime::batch::unbase64(text).unwrap_or_else(|| text.clone().into_bytes())
        }
        Some(value) => value.to_string().into_bytes(),
    };
    let target = format!("/{version}{url}");
    let mut logged = Logged {
        method: method.clone(),
        target: target.clone(),
        operation: String::new(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        batch_step: Some(id.to_owned()),
        status: 0,
    };
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let reply = match routes::find(version, &method, path) {
        None => no_resource(shared, &target),
        Some((route, params)) => {
            logged.operation = route.key.to_owned();
            let full_path = format!("/{version}{path}");
            let call = Call { version, route, params, path: &full_path, query, body: &body };
            match shared.state.lock() {
                Ok(mut state) => dispatch::answer(&mut state, &call),
                Err(_) => Reply::error(500, "InternalServerError", "the fake's state is poisoned by a panic"),
            }
        }
    };
    logged.status = reply.status;
    (reply, Some(logged))
}

/// A step's entry of `responses`: JSON inline, other bodies base64.
fn step_answer(id: &str, reply: &Reply) -> Value {
    let mut headers = serde_json::Map::new();
    for (name, value) in &reply.headers {
        headers.insert(name.clone(), json!(value));
    }
    let body = match &reply.body {
        Body::Empty => None,
        Body::Json(value) => {
            headers.insert("content-type".into(), json!(JSON));
            Some(value.clone())
        }
        Body::Text(text) => {
            headers.insert("content-type".into(), json!("text/plain"));
            Some(json!(crate::runtime::batch::base64(text.as_bytes())))
        }
        Body::Bytes(bytes) => {
            headers.insert("content-type".into(), json!("application/octet-stream"));
            Some(json!(crate::runtime::batch::base64(bytes)))
        }
    };
    let mut entry = json!({"id": id, "status": reply.status, "headers": headers});
    if let (Some(body), Some(object)) = (body, entry.as_object_mut()) {
        object.insert("body".into(), body);
    }
    entry
}

/// An answer, with Graph's headers: `request-id`, `client-request-id` (the client's, or a
/// new one), `date`; an error body gets Graph's `innerError`. hyper writes its length, and
/// no body for `HEAD`.
fn response(reply: &Reply, client_request_id: Option<&str>) -> crate::runtime::HttpResponse {
    let request_id = uuid::Uuid::new_v4().to_string();
    let client_request_id = client_request_id.map_or_else(|| request_id.clone(), str::to_owned);
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    let (content_type, body) = match &reply.body {
        Body::Empty => (None, Vec::new()),
        Body::Json(value) => {
            let mut value = value.clone();
            if let Some(Value::Object(error)) = value.get_mut("error") {
                error.entry("innerError").or_insert_with(|| {
                    json!({"date": now.format("%Y-%m-%dT%H:%M:%S").to_string(), "request-id": request_id, "client-request-id": client_request_id})
                });
            }
            (Some(JSON), value.to_string().into_bytes())
        }
        Body::Text(text) => (Some("text/plain"), text.clone().into_bytes()),
        Body::Bytes(bytes) => (Some("application/octet-stream"), bytes.clone()),
    };
    let mut answer = http::Response::new(body);
    *answer.status_mut() = http::StatusCode::from_u16(reply.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = answer.headers_mut();
    let mut push = |name: &str, value: &str| {
        if let (Ok(name), Ok(value)) = (http::HeaderName::try_from(name), http::HeaderValue::from_str(value)) {
            headers.append(name, value);
        }
    };
    let given_type = reply.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    if let (Some(content_type), false) = (content_type, given_type) {
        push("content-type", content_type);
    }
    for (name, value) in &reply.headers {
        push(name, value);
    }
    push("request-id", &request_id);
    push("client-request-id", &client_request_id);
    push("date", &now.format("%a, %d %b %Y %H:%M:%S GMT").to_string());
    answer
}
