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
//! accepts (reading the operation through its getters); [`Mock::on_request`] writes rules
//! for requests given as they are, by method and path. A rule is registered as soon as it
//! is made and counts its [`Rule::calls`]. Its answers are taken in order (each
//! [`Rule::times`] as often as it says), the last one again and again unless the rule is
//! [`Rule::then_exhausted`]; an answer can be computed from the request
//! ([`Rule::answer_with`]). A request no rule matches is an `Error::Transport` naming
//! the request and the rules tried, and [`Mock::verify`] reports it, with every rule never
//! used.

use super::client::{ClientBuilder, RetryPolicy};
use super::mock_rules::{answer, error, json_response, operation_rule, request_rule, unanswered, Book, Seen};
pub use super::mock_rules::{Recorded, Rule};
use super::operation::{HttpRequest, HttpResponse, Operation, Sendable};
use super::transport::{Answered, Body, Exchange, Sent, Transport, TransportFuture};
use ::std::sync::{Arc, Mutex};

/// A transport that answers by operation; see the module's documentation. Cheap to clone
/// (the clones share their rules and what was sent).
#[derive(Clone, Default)]
pub struct Mock {
    book: Arc<Mutex<Book>>,
}

impl ::std::fmt::Debug for Mock {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let sent = self.book.lock().map(|b| b.sent.len()).unwrap_or_default();
        f.debug_struct("Mock").field("requests", &sent).finish_non_exhaustive()
    }
}

impl Mock {
    /// A mock with no rules.
    pub fn new() -> Self {
        Mock::default()
    }

    /// A client builder that sends through this mock (with a token, so that the client's
    /// token handling runs too) and retries at once ([`RetryPolicy::without_waiting`]: a
    /// throttled answer costs a test no time); configure it further as usual.
    pub fn client(&self) -> ClientBuilder {
        super::client::Client::builder()
            .transport(self.clone())
            .bearer_token("mock-token")
            .retry_policy(RetryPolicy::without_waiting())
    }

    /// A rule for exactly this operation (equal parameters and body), built directly or
    /// with the request builders (`Graph::new()…start().post()`).
    pub fn on<O: Operation + PartialEq>(&self, operation: O) -> Rule<'_, O> {
        let label = format!("{operation:?}");
        operation_rule(&self.book, label, move |sent: &O| *sent == operation)
    }

    /// A rule for every operation of type `O` (narrowed with [`Rule::when`]).
    pub fn on_any<O: Operation>(&self) -> Rule<'_, O> {
        operation_rule(&self.book, format!("any {}", ::std::any::type_name::<O>()), |_: &O| true)
    }

    /// A rule for requests given as they are (`Client::execute`, the `Location` that
    /// `Client::follow` reads) with this method and path: `{name}` stands for any one
    /// segment, and what comes before the path may be left out (`/auditLogs/provisioning`
    /// names `https://graph.microsoft.com/v1.0/auditLogs/provisioning?$filter=…`).
    pub fn on_request(&self, method: ::http::Method, path: &str) -> Rule<'_, HttpRequest> {
        request_rule(&self.book, method, path)
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.book.lock().map(|b| b.sent.clone()).unwrap_or_default()
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
        let book = self.book.lock().map_err(|_| MockError { problems: vec!["the mock was poisoned".to_owned()] })?;
        let problems = book.problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(MockError { problems })
        }
    }

    fn record(&self, operation: Option<&dyn Sendable>, request: &HttpRequest) {
        if let Ok(mut book) = self.book.lock() {
            book.record(operation, request);
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
                answer(&self.book, Seen::Operation(&**operation))
                    .unwrap_or_else(|message| error(404, "NoMockRule", &message))
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
            let request = &exchange.request;
            let response = match exchange.sent {
                Sent::Operation { operation, .. } => {
                    self.record(Some(operation), request);
                    answer(&self.book, Seen::Operation(operation)).map_err(unanswered)?
                }
                Sent::Batch(steps) => self.batch(steps, request),
                Sent::Request => {
                    self.record(None, request);
                    answer(&self.book, Seen::Request(request)).map_err(unanswered)?
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
