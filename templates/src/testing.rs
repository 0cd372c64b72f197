//! Typed mocks (feature `testing`): a [`Mock`] is a [`Transport`] that answers by operation,
//! so a test of code that takes a [`Client`](super::client::Client) runs without a network; everything but the
//! transport (tokens, `client-request-id`, retries, paging, batching) runs as it does
//! against the service.
//!
//! ```ignore
//! let mock = Mock::new();
//! mock.on(Graph::new().service_principals().by_service_principal_id("sp").synchronization().jobs().get())
//!     .answer(SynchronizationJobCollectionResponse { value: Some(vec![job]), ..Default::default() });
//! mock.on_any::<ServicePrincipalSynchronizationJobStart>()
//!     .throttle(1)         // 429 with Retry-After: 1, then
//!     .answer(());         // 204
//! let client = mock.client().build()?;
//! provision(&client).await?;                      // the code under test
//! assert_eq!(mock.requests_of::<ServicePrincipalSynchronizationJobStart>().len(), 2);
//! mock.verify()?;                                 // every rule was used, every request answered
//! ```
//!
//! A rule is keyed by its operation's type, and matches either one operation value (built
//! directly or with the request builders) or every operation of its type a predicate
//! accepts. Its answers are taken in order, the last one again and again. A request no rule
//! matches is a [`Error::Transport`] naming the operation and the rules tried, and
//! [`Mock::verify`] reports it, with every rule never used.

use super::client::ClientBuilder;
use super::error::Error;
use super::operation::{HttpRequest, HttpResponse, Operation, Sendable};
use super::transport::{Answered, Body, Exchange, Sent, Transport, TransportFuture};
use ::std::any::TypeId;
use ::std::sync::{Arc, Mutex};

/// A transport that answers by operation; see the module's documentation. Cheap to clone
/// (the clones share their rules and what was sent).
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    rules: Vec<Stored>,
    sent: Vec<Recorded>,
    unmatched: Vec<String>,
}

type Matcher = Box<dyn Fn(&dyn Sendable) -> bool + Send + Sync>;

/// A rule as the mock keeps it.
struct Stored {
    /// What the rule matches, for messages.
    label: String,
    operation: TypeId,
    matches: Matcher,
    replies: Vec<HttpResponse>,
    used: usize,
}

/// One request the mock received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The operation's Rust type (`None` for a request given as it is, and for a `$batch`
    /// request, whose steps are recorded one by one).
    pub operation: Option<&'static str>,
    /// The operation, as a value (see [`Mock::requests_of`]).
    pub value: Option<Arc<dyn Sendable>>,
    /// The request as it would have gone on the wire (for a batch step: the `$batch`
    /// request that carried it).
    pub request: ::http::Request<Vec<u8>>,
}

impl ::std::fmt::Debug for Mock {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let (rules, sent) = self.state.lock().map(|s| (s.rules.len(), s.sent.len())).unwrap_or_default();
        f.debug_struct("Mock").field("rules", &rules).field("requests", &sent).finish()
    }
}

impl Mock {
    /// A mock with no rules.
    pub fn new() -> Self {
        Mock::default()
    }

    /// A client builder that sends through this mock (with a token, so that the client's
    /// token handling runs too); configure it further as usual.
    pub fn client(&self) -> ClientBuilder {
        super::client::Client::builder().transport(self.clone()).bearer_token("mock-token")
    }

    /// A rule for exactly this operation (equal parameters and body), built directly or
    /// with the request builders (`Graph::new()…start().post()`).
    pub fn on<O: Operation + PartialEq>(&self, operation: O) -> RuleBuilder<'_, O> {
        let label = format!("{operation:?}");
        self.rule(label, Box::new(move |sent: &dyn Sendable| sent.as_any().downcast_ref::<O>() == Some(&operation)))
    }

    /// A rule for every operation of type `O` (narrowed with [`RuleBuilder::when`]).
    pub fn on_any<O: Operation>(&self) -> RuleBuilder<'_, O> {
        let label = format!("any {}", ::std::any::type_name::<O>());
        self.rule(label, Box::new(|sent: &dyn Sendable| sent.as_any().is::<O>()))
    }

    fn rule<O: Operation>(&self, label: String, matches: Matcher) -> RuleBuilder<'_, O> {
        RuleBuilder { mock: self, label, matches, replies: Vec::new(), operation: ::std::marker::PhantomData }
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().map(|s| s.sent.clone()).unwrap_or_default()
    }

    /// The operations of type `O` received, in order (batch steps included).
    pub fn requests_of<O: Operation>(&self) -> Vec<O> {
        self.requests()
            .iter()
            .filter_map(|r| r.value.as_ref().and_then(|v| v.as_any().downcast_ref::<O>().cloned()))
            .collect()
    }

    /// At the end of a test: every rule was used and every request was answered; the error
    /// lists what was not.
    pub fn verify(&self) -> Result<(), MockError> {
        let state = self.state.lock().map_err(|_| MockError { problems: vec!["the mock was poisoned".to_owned()] })?;
        let mut problems: Vec<String> =
            state.rules.iter().filter(|r| r.used == 0).map(|r| format!("rule never used: {}", r.label)).collect();
        problems.extend(state.unmatched.iter().map(|u| format!("request no rule answered: {u}")));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(MockError { problems })
        }
    }

    /// The answer of the first rule that matches `operation`, and the rule's label.
    fn answer(&self, operation: &dyn Sendable) -> Result<HttpResponse, String> {
        let mut state = self.state.lock().map_err(|_| "the mock was poisoned".to_owned())?;
        let id = operation.as_any().type_id();
        let rule = state.rules.iter_mut().find(|r| r.operation == id && (r.matches)(operation));
        if let Some(rule) = rule {
            let index = rule.used.min(rule.replies.len().saturating_sub(1));
            rule.used += 1;
            return rule.replies.get(index).cloned().ok_or_else(|| format!("the rule {} has no answer", rule.label));
        }
        let tried: Vec<&str> = state.rules.iter().filter(|r| r.operation == id).map(|r| r.label.as_str()).collect();
        let message = if tried.is_empty() {
            format!("no mock rule for {}: {operation:?} (no rule for its type)", operation.type_name())
        } else {
            format!("no mock rule matches {operation:?}; the rules for its type: {}", tried.join("; "))
        };
        state.unmatched.push(format!("{operation:?}"));
        Err(message)
    }

    fn record(&self, operation: Option<&dyn Sendable>, request: &HttpRequest) {
        if let Ok(mut state) = self.state.lock() {
            state.sent.push(Recorded {
                operation: operation.map(Sendable::type_name),
                value: operation.map(Sendable::clone_arc),
                request: request.clone(),
            });
        }
    }

    /// A `$batch` answer: each step answered by its rule (a step without one answered
    /// 404, and reported by [`Mock::verify`]); a step whose dependency did not succeed, 424.
    fn batch(&self, steps: &[(String, Arc<dyn Sendable>)], request: &HttpRequest) -> HttpResponse {
        let rendered: ::serde_json::Value = ::serde_json::from_slice(request.body()).unwrap_or_default();
        let depends = |id: &str| -> Vec<String> {
            rendered["requests"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|s| s["id"] == id)
                .and_then(|s| s["dependsOn"].as_array())
                .map(|d| d.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
                .unwrap_or_default()
        };
        let mut statuses: ::std::collections::BTreeMap<String, u16> = ::std::collections::BTreeMap::new();
        let mut responses = Vec::new();
        for (id, operation) in steps {
            self.record(Some(&**operation), request);
            let failed = depends(id).iter().any(|d| statuses.get(d).is_none_or(|s| !(200..300).contains(s)));
            let answer = if failed {
                error(424, "FailedDependency", "a step this step depends on failed")
            } else {
                self.answer(&**operation).unwrap_or_else(|message| error(404, "NoMockRule", &message))
            };
            statuses.insert(id.clone(), answer.status().as_u16());
            let mut headers = ::serde_json::Map::new();
            for (name, value) in answer.headers() {
                if let Ok(value) = value.to_str() {
                    headers.insert(name.as_str().to_owned(), value.into());
                }
            }
            let json =
                answer.headers().get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|t| t.contains("json"));
            let body = if answer.body().is_empty() {
                ::serde_json::Value::Null
            } else if json {
                ::serde_json::from_slice(answer.body()).unwrap_or(::serde_json::Value::Null)
            } else {
                ::serde_json::Value::String(String::from_utf8_lossy(answer.body()).into_owned())
            };
            let mut entry = ::serde_json::json!({"id": id, "status": answer.status().as_u16(), "headers": headers});
            if !body.is_null() {
                entry["body"] = body;
            }
            responses.push(entry);
        }
        json_response(200, &::serde_json::json!({ "responses": responses }))
    }
}

impl Transport for Mock {
    fn send<'a>(&'a self, exchange: Exchange<'a>) -> TransportFuture<'a> {
        Box::pin(async move {
            let response = match exchange.sent {
                Sent::Operation { operation, .. } => {
                    self.record(Some(operation), &exchange.request);
                    self.answer(operation).map_err(|message| Error::Transport { message, source: None })?
                }
                Sent::Batch(steps) => self.batch(steps, &exchange.request),
                Sent::Request => {
                    self.record(None, &exchange.request);
                    let message = format!(
                        "no mock rule answers a request given as it is ({} {}): send operations",
                        exchange.request.method(),
                        exchange.request.uri()
                    );
                    if let Ok(mut state) = self.state.lock() {
                        state.unmatched.push(format!("{} {}", exchange.request.method(), exchange.request.uri()));
                    }
                    return Err(Error::Transport { message, source: None });
                }
            };
            let (parts, body) = response.into_parts();
            Ok(Answered { status: parts.status, headers: parts.headers, body: Body::Complete(body) })
        })
    }
}

/// What [`Mock::verify`] found: rules never used, requests no rule answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockError {
    /// One line each.
    pub problems: Vec<String>,
}

impl ::std::fmt::Display for MockError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "the mock was not used as the test said: {}", self.problems.join("; "))
    }
}

impl ::std::error::Error for MockError {}

/// A rule of a [`Mock`] being written: add answers; it is added to the mock when dropped
/// (at the end of the statement).
pub struct RuleBuilder<'m, O: Operation> {
    mock: &'m Mock,
    label: String,
    matches: Matcher,
    replies: Vec<HttpResponse>,
    operation: ::std::marker::PhantomData<fn() -> O>,
}

impl<O: Operation> RuleBuilder<'_, O> {
    /// Only operations `predicate` accepts.
    pub fn when(mut self, predicate: impl Fn(&O) -> bool + Send + Sync + 'static) -> Self {
        let before = ::std::mem::replace(&mut self.matches, Box::new(|_| false));
        self.matches = Box::new(move |sent: &dyn Sendable| {
            before(sent) && sent.as_any().downcast_ref::<O>().is_some_and(&predicate)
        });
        self.label.push_str(" (with a predicate)");
        self
    }

    /// Answers with a typed output, written as the service writes it (JSON, no content, a
    /// count, text or bytes: whichever the operation reads back as this very output).
    pub fn answer(mut self, output: O::Output) -> Self
    where
        O::Output: ::serde::Serialize + PartialEq,
    {
        let reply = encode::<O>(&output).unwrap_or_else(|| {
            error(500, "MockCannotWrite", "the mock cannot write this output so that the operation reads it back")
        });
        self.replies.push(reply);
        self
    }

    /// Answers with a status and an OData error (`{"error": {"code", "message"}}`).
    pub fn fail(mut self, status: u16, code: &str, message: &str) -> Self {
        self.replies.push(error(status, code, message));
        self
    }

    /// Answers 429 Too Many Requests with `Retry-After: seconds` (the client retries it).
    pub fn throttle(mut self, seconds: u64) -> Self {
        let mut reply = error(429, "TooManyRequests", "Too many requests");
        if let Ok(value) = ::http::HeaderValue::from_str(&seconds.to_string()) {
            reply.headers_mut().insert(::http::header::RETRY_AFTER, value);
        }
        self.replies.push(reply);
        self
    }

    /// Answers with this response as it is.
    pub fn respond(mut self, response: HttpResponse) -> Self {
        self.replies.push(response);
        self
    }
}

impl<O: Operation> Drop for RuleBuilder<'_, O> {
    fn drop(&mut self) {
        let rule = Stored {
            label: ::std::mem::take(&mut self.label),
            operation: TypeId::of::<O>(),
            matches: ::std::mem::replace(&mut self.matches, Box::new(|_| false)),
            replies: ::std::mem::take(&mut self.replies),
            used: 0,
        };
        if let Ok(mut state) = self.mock.state.lock() {
            state.rules.push(rule);
        }
    }
}

/// An OData error answer.
fn error(status: u16, code: &str, message: &str) -> HttpResponse {
    json_response(status, &::serde_json::json!({"error": {"code": code, "message": message}}))
}

fn json_response(status: u16, body: &::serde_json::Value) -> HttpResponse {
    let mut response = ::http::Response::new(::serde_json::to_vec(body).unwrap_or_default());
    *response.status_mut() = ::http::StatusCode::from_u16(status).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static("application/json"));
    response
}

/// The answer the operation reads back as `output`: no content, JSON, text, or bytes, the
/// first of which decodes to an equal value.
fn encode<O: Operation>(output: &O::Output) -> Option<HttpResponse>
where
    O::Output: ::serde::Serialize + PartialEq,
{
    let value = ::serde_json::to_value(output).ok()?;
    let mut candidates = vec![(204, None, Vec::new())];
    candidates.push((200, Some("application/json"), ::serde_json::to_vec(&value).ok()?));
    if let ::serde_json::Value::String(text) = &value {
        candidates.push((200, Some("text/plain"), text.clone().into_bytes()));
    }
    if let ::serde_json::Value::Number(n) = &value {
        candidates.push((200, Some("text/plain"), n.to_string().into_bytes()));
    }
    if let ::serde_json::Value::Array(items) = &value {
        let bytes: Option<Vec<u8>> = items.iter().map(|v| v.as_u64().and_then(|b| u8::try_from(b).ok())).collect();
        if let Some(bytes) = bytes {
            candidates.push((200, Some("application/octet-stream"), bytes));
        }
    }
    candidates.into_iter().find_map(|(status, content_type, body)| {
        let mut response = ::http::Response::new(body);
        *response.status_mut() = ::http::StatusCode::from_u16(status).ok()?;
        if let Some(content_type) = content_type {
            response.headers_mut().insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(content_type));
        }
        let decoded = O::from_http(response.clone()).ok()?;
        (decoded == *output).then_some(response)
    })
}
