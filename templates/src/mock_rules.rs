//! The rules of a typed mock (feature `testing`): what each matches (an operation's type
//! and values, or a request's method and path), the answers it gives in turn and how often,
//! and what it has seen. [`testing::Mock`](super::testing::Mock) keeps a book of them
//! and is the transport; a [`Rule`] is how a test writes one.

use super::answer::Accepted;
use super::error::Error;
use super::operation::{HttpRequest, HttpResponse, Operation, Sendable};
use ::std::any::TypeId;
use ::std::sync::{Arc, Mutex};

/// What a mock is asked to answer: an operation (given as its value), or a request given
/// as it is (`Client::execute`, `Client::follow`).
#[derive(Clone, Copy)]
pub(crate) enum Seen<'a> {
    Operation(&'a dyn Sendable),
    Request(&'a HttpRequest),
}

impl ::std::fmt::Display for Seen<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Seen::Operation(operation) => write!(f, "{operation:?}"),
            Seen::Request(request) => write!(f, "{} {}", request.method(), request.uri()),
        }
    }
}

type Matcher = Box<dyn Fn(Seen<'_>) -> bool + Send + Sync>;
type Computed = Arc<dyn Fn(Seen<'_>) -> HttpResponse + Send + Sync>;

/// One answer of a rule: as written, or computed from what was asked.
#[derive(Clone)]
enum Reply {
    Fixed(HttpResponse),
    Computed(Computed),
}

/// What a rule is for.
enum Key {
    Operation(TypeId),
    Request { method: ::http::Method, path: String },
}

/// A rule as the mock keeps it.
struct Stored {
    /// What the rule matches, for messages.
    label: String,
    key: Key,
    matches: Matcher,
    /// Each answer, and how many times it is given in turn.
    replies: Vec<(Reply, usize)>,
    /// After its answers, the rule matches no more (else the last answer repeats).
    exhaustible: bool,
    /// How many requests it answered.
    used: usize,
}

impl Key {
    /// Whether the rule is for what `seen` is: its operation's type, or any request.
    fn kind_of(&self, seen: Seen<'_>) -> bool {
        match (self, seen) {
            (Key::Operation(id), Seen::Operation(operation)) => *id == operation.as_any().type_id(),
            (Key::Request { .. }, Seen::Request(_)) => true,
            _ => false,
        }
    }
}

impl Stored {
    fn applies(&self, seen: Seen<'_>) -> bool {
        let path = match (&self.key, seen) {
            (Key::Request { method, path }, Seen::Request(request)) => {
                method == request.method() && path_matches(path, request.uri().path())
            }
            _ => true,
        };
        self.key.kind_of(seen) && path && (self.matches)(seen)
    }

    fn spent(&self) -> bool {
        self.exhaustible && self.used >= self.replies.iter().map(|(_, n)| n).sum::<usize>()
    }

    /// The answer for its next use: in turn, each as many times as it says; then the last.
    fn next_reply(&self) -> Option<Reply> {
        let mut index = self.used;
        for (reply, times) in &self.replies {
            if index < *times {
                return Some(reply.clone());
            }
            index -= times;
        }
        self.replies.last().map(|(reply, _)| reply.clone())
    }
}

/// Whether a rule's path names a request's: segment by segment, `{name}` standing for any
/// one segment; the rule's path may leave out what comes before it (`/auditLogs/…` names
/// `/v1.0/auditLogs/…`).
fn path_matches(rule: &str, path: &str) -> bool {
    let rule: Vec<&str> = rule.trim_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_matches('/').split('/').collect();
    path.len() >= rule.len()
        && rule
            .iter()
            .zip(&path[path.len() - rule.len()..])
            .all(|(r, p)| (r.starts_with('{') && r.ends_with('}')) || r == p)
}

/// One request the mock received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The operation's Rust type (`None` for a request given as it is, and for a `$batch`
    /// request, whose steps are recorded one by one).
    pub operation: Option<&'static str>,
    /// The operation, as a value (see `Mock::requests_of`).
    pub value: Option<Arc<dyn Sendable>>,
    /// The request as it would have gone on the wire (for a batch step: the `$batch`
    /// request that carried it). Its `Authorization` header is marked sensitive, so
    /// `Debug` shows `Sensitive`, not the token.
    pub request: HttpRequest,
}

/// Everything a mock holds: its rules, what it received, what it could not answer.
#[derive(Default)]
pub(crate) struct Book {
    rules: Vec<Stored>,
    pub(crate) sent: Vec<Recorded>,
    pub(crate) unmatched: Vec<String>,
    /// Rules written in a way that cannot be meant (`times` before any answer).
    misuses: Vec<String>,
}

impl Book {
    /// What is wrong at the end of a test: rules never used, requests no rule answered,
    /// rules written wrong.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems: Vec<String> =
            self.rules.iter().filter(|r| r.used == 0).map(|r| format!("rule never used: {}", r.label)).collect();
        problems.extend(self.unmatched.iter().map(|u| format!("request no rule answered: {u}")));
        problems.extend(self.misuses.iter().cloned());
        problems
    }

    pub(crate) fn record(&mut self, operation: Option<&dyn Sendable>, request: &HttpRequest) {
        self.sent.push(Recorded {
            operation: operation.map(Sendable::type_name),
            value: operation.map(Sendable::clone_arc),
            request: request.clone(),
        });
    }

    /// The labels of the rules of the kind `seen` is (its operation's type, or requests).
    fn rules_for(&self, seen: Seen<'_>) -> Vec<&str> {
        self.rules.iter().filter(|r| r.key.kind_of(seen)).map(|r| r.label.as_str()).collect()
    }
}

/// The answer of the first rule that matches and is not exhausted; a message naming the
/// rules tried when none does (the request is then kept as unanswered). The book is not
/// locked while a computed answer is made, so the closure may use the mock.
pub(crate) fn answer(book: &Mutex<Book>, seen: Seen<'_>) -> Result<HttpResponse, String> {
    let reply = {
        let mut book = book.lock().map_err(|_| "the mock was poisoned".to_owned())?;
        match book.rules.iter_mut().find(|r| !r.spent() && r.applies(seen)) {
            Some(rule) => {
                let reply = rule.next_reply().ok_or_else(|| format!("the rule {} has no answer", rule.label));
                rule.used += 1;
                reply?
            }
            None => {
                let tried = book.rules_for(seen);
                let message = match (seen, tried.is_empty()) {
                    (Seen::Operation(operation), true) => {
                        format!("no mock rule for {}: {seen} (no rule for its type)", operation.type_name())
                    }
                    (Seen::Request(_), true) => {
                        format!("no mock rule answers the request {seen} (add one with `Mock::on_request`)")
                    }
                    (_, false) => format!("no mock rule matches {seen}; the rules tried: {}", tried.join("; ")),
                };
                book.unmatched.push(seen.to_string());
                return Err(message);
            }
        }
    };
    Ok(match reply {
        Reply::Fixed(response) => response,
        Reply::Computed(compute) => compute(seen),
    })
}

/// A rule of a mock, registered as soon as it is made (`Mock::on`, `Mock::on_any`,
/// `Mock::on_request`): add answers, in the order they are given; the last is given again
/// and again unless the rule is [`Rule::then_exhausted`]. `K` is the operation the rule
/// answers, or [`HttpRequest`] for a rule that answers requests given as they are.
pub struct Rule<'m, K> {
    book: &'m Mutex<Book>,
    index: usize,
    kind: ::std::marker::PhantomData<fn() -> K>,
}

impl<K> ::std::fmt::Debug for Rule<'_, K> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let label = self.with(|r| r.label.clone());
        f.debug_struct("Rule").field("matches", &label).field("calls", &self.calls()).finish()
    }
}

/// Registers a rule for operations of type `O` that `matches` accepts.
pub(crate) fn operation_rule<O: Operation>(
    book: &Mutex<Book>,
    label: String,
    matches: impl Fn(&O) -> bool + Send + Sync + 'static,
) -> Rule<'_, O> {
    register(book, label, Key::Operation(TypeId::of::<O>()), of_operation(matches))
}

/// A matcher of operations of type `O` that `predicate` accepts.
fn of_operation<O: Operation>(predicate: impl Fn(&O) -> bool + Send + Sync + 'static) -> Matcher {
    Box::new(move |seen| match seen {
        Seen::Operation(operation) => operation.as_any().downcast_ref::<O>().is_some_and(&predicate),
        Seen::Request(_) => false,
    })
}

/// Registers a rule for requests given as they are, by method and path.
pub(crate) fn request_rule<'m>(book: &'m Mutex<Book>, method: ::http::Method, path: &str) -> Rule<'m, HttpRequest> {
    let label = format!("{method} {path}");
    register(book, label, Key::Request { method, path: path.to_owned() }, Box::new(|_| true))
}

fn register<K>(book: &Mutex<Book>, label: String, key: Key, matches: Matcher) -> Rule<'_, K> {
    let mut index = 0;
    if let Ok(mut held) = book.lock() {
        index = held.rules.len();
        held.rules.push(Stored { label, key, matches, replies: Vec::new(), exhaustible: false, used: 0 });
    }
    Rule { book, index, kind: ::std::marker::PhantomData }
}

impl<K> Rule<'_, K> {
    fn with<T: Default>(&self, change: impl FnOnce(&mut Stored) -> T) -> T {
        self.book.lock().ok().and_then(|mut book| book.rules.get_mut(self.index).map(change)).unwrap_or_default()
    }

    fn reply(self, reply: Reply) -> Self {
        self.with(|r| r.replies.push((reply, 1)));
        self
    }

    fn narrow(self, label: &str, also: Matcher) -> Self {
        self.with(|r| {
            let before = ::std::mem::replace(&mut r.matches, Box::new(|_| false));
            r.matches = Box::new(move |seen| before(seen) && also(seen));
            r.label.push_str(label);
        });
        self
    }

    /// How many requests this rule has answered so far.
    pub fn calls(&self) -> usize {
        self.with(|r| r.used)
    }

    /// Gives the answer added last `times` times in all (instead of once) before the next.
    pub fn times(self, times: usize) -> Self {
        let done = self.with(|r| r.replies.last_mut().map(|(_, n)| *n = times).is_some());
        if !done {
            if let Ok(mut book) = self.book.lock() {
                let label = book.rules.get(self.index).map(|r| r.label.clone()).unwrap_or_default();
                book.misuses.push(format!("`times({times})` before any answer in the rule {label}"));
            }
        }
        self
    }

    /// After its answers (each as many times as it says), the rule is exhausted: it
    /// matches nothing more, so a further request goes to the next rule that matches, or
    /// is one no rule answered (an error, and reported by `Mock::verify`).
    pub fn then_exhausted(self) -> Self {
        self.with(|r| r.exhaustible = true);
        self
    }

    /// Answers with a status and an OData error (`{"error": {"code", "message"}}`).
    pub fn fail(self, status: u16, code: &str, message: &str) -> Self {
        self.reply(Reply::Fixed(error(status, code, message)))
    }

    /// Answers 429 Too Many Requests with `Retry-After: seconds` (the client retries it).
    pub fn throttle(self, seconds: u64) -> Self {
        let mut reply = error(429, "TooManyRequests", "Too many requests");
        reply.headers_mut().insert(::http::header::RETRY_AFTER, ::http::HeaderValue::from(seconds));
        self.reply(Reply::Fixed(reply))
    }

    /// Answers `202 Accepted` with the `Location`, `Retry-After` (whole seconds) and body
    /// of `accepted` (an operation documented as 202 reads it back as this [`Accepted`]).
    pub fn accepted(self, accepted: Accepted) -> Self {
        let mut reply = ::http::Response::new(accepted.body);
        *reply.status_mut() = ::http::StatusCode::ACCEPTED;
        if let Some(value) = accepted.location.and_then(|l| ::http::HeaderValue::from_str(&l).ok()) {
            reply.headers_mut().insert(::http::header::LOCATION, value);
        }
        if let Some(wait) = accepted.retry_after {
            reply.headers_mut().insert(::http::header::RETRY_AFTER, ::http::HeaderValue::from(wait.as_secs()));
        }
        self.reply(Reply::Fixed(reply))
    }

    /// Answers with this response as it is.
    pub fn respond(self, response: HttpResponse) -> Self {
        self.reply(Reply::Fixed(response))
    }
}

impl<O: super::sequence::Sequential> Rule<'_, O> {
    /// Answers a sequential operation with these items, written as its answer delimits them
    /// (JSON lines, a JSON text sequence, server-sent events: an event object's fields, or
    /// each item the `data` of an event); `Client::stream` reads them back one by one.
    pub fn items(self, items: &[O::Item]) -> Self
    where
        O::Item: ::serde::Serialize,
    {
        self.reply(Reply::Fixed(sequence_of(O::FRAMING, items)))
    }
}

/// The answer of a sequence of `items` delimited by `framing`.
fn sequence_of<T: ::serde::Serialize>(framing: super::sequence::Framing, items: &[T]) -> HttpResponse {
    use super::sequence::Framing;
    let mut body = String::new();
    for item in items {
        let json = ::serde_json::to_string(item).unwrap_or_default();
        match framing {
            Framing::JsonLines => body.push_str(&format!("{json}\n")),
            Framing::JsonSeq => body.push_str(&format!("\u{1e}{json}\n")),
            Framing::EventData => body.push_str(&format!("data: {json}\n\n")),
            Framing::EventStream => {
                let fields = ::serde_json::to_value(item).unwrap_or_default();
                for name in ["event", "id", "retry"] {
                    match fields.get(name) {
                        Some(::serde_json::Value::String(text)) => body.push_str(&format!("{name}: {text}\n")),
                        Some(::serde_json::Value::Number(n)) => body.push_str(&format!("{name}: {n}\n")),
                        _ => {}
                    }
                }
                if let Some(data) = fields.get("data").and_then(::serde_json::Value::as_str) {
                    for line in data.split('\n') {
                        body.push_str(&format!("data: {line}\n"));
                    }
                }
                body.push('\n');
            }
        }
    }
    let media = match framing {
        Framing::JsonLines => "application/x-ndjson",
        Framing::JsonSeq => "application/json-seq",
        Framing::EventStream | Framing::EventData => "text/event-stream",
    };
    let mut answer = ::http::Response::new(body.into_bytes());
    answer.headers_mut().insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(media));
    answer
}

impl<O: Operation> Rule<'_, O> {
    /// Only operations `predicate` accepts (read them with their getters:
    /// `|op| op.synchronization_job_id() == "job-1"`).
    pub fn when(self, predicate: impl Fn(&O) -> bool + Send + Sync + 'static) -> Self {
        self.narrow(" (with a predicate)", of_operation(predicate))
    }

    /// Answers with a typed output, written as the service writes it (JSON, no content, a
    /// count, text or bytes: whichever the operation reads back as this very output).
    pub fn answer(self, output: O::Output) -> Self
    where
        O::Output: ::serde::Serialize + PartialEq,
    {
        self.reply(Reply::Fixed(encode::<O>(&output)))
    }

    /// Answers with the typed output `compute` makes of the operation asked (an id echoed,
    /// a body returned as created).
    pub fn answer_with(self, compute: impl Fn(&O) -> O::Output + Send + Sync + 'static) -> Self
    where
        O::Output: ::serde::Serialize + PartialEq,
    {
        self.respond_with(move |operation| encode::<O>(&compute(operation)))
    }

    /// Answers with the response `compute` makes of the operation asked.
    pub fn respond_with(self, compute: impl Fn(&O) -> HttpResponse + Send + Sync + 'static) -> Self {
        self.reply(Reply::Computed(Arc::new(move |seen| match seen {
            Seen::Operation(operation) => match operation.as_any().downcast_ref::<O>() {
                Some(operation) => compute(operation),
                None => error(500, "MockWrongOperation", "the rule was asked about another operation"),
            },
            Seen::Request(_) => error(500, "MockWrongOperation", "the rule was asked about a request"),
        })))
    }
}

impl Rule<'_, HttpRequest> {
    /// Only requests `predicate` accepts (their query, headers or body).
    pub fn when(self, predicate: impl Fn(&HttpRequest) -> bool + Send + Sync + 'static) -> Self {
        let also: Matcher = Box::new(move |seen| match seen {
            Seen::Request(request) => predicate(request),
            Seen::Operation(_) => false,
        });
        self.narrow(" (with a predicate)", also)
    }

    /// Answers `200 OK` with this JSON.
    pub fn json(self, body: &::serde_json::Value) -> Self {
        self.reply(Reply::Fixed(json_response(200, body)))
    }

    /// Answers with the response `compute` makes of the request.
    pub fn respond_with(self, compute: impl Fn(&HttpRequest) -> HttpResponse + Send + Sync + 'static) -> Self {
        self.reply(Reply::Computed(Arc::new(move |seen| match seen {
            Seen::Request(request) => compute(request),
            Seen::Operation(_) => error(500, "MockWrongRequest", "the rule was asked about an operation"),
        })))
    }
}

/// An OData error answer.
pub(crate) fn error(status: u16, code: &str, message: &str) -> HttpResponse {
    json_response(status, &::serde_json::json!({"error": {"code": code, "message": message}}))
}

pub(crate) fn json_response(status: u16, body: &::serde_json::Value) -> HttpResponse {
    let mut response = ::http::Response::new(::serde_json::to_vec(body).unwrap_or_default());
    *response.status_mut() = ::http::StatusCode::from_u16(status).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static("application/json"));
    response
}

/// The answer the operation reads back as `output`: no content, JSON, text, or bytes, the
/// first of which decodes to an equal value; a 500 saying so when none does.
fn encode<O: Operation>(output: &O::Output) -> HttpResponse
where
    O::Output: ::serde::Serialize + PartialEq,
{
    written::<O>(output).unwrap_or_else(|| {
        error(500, "MockCannotWrite", "the mock cannot write this output so that the operation reads it back")
    })
}

fn written<O: Operation>(output: &O::Output) -> Option<HttpResponse>
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

/// A transport error for a request no rule answered.
pub(crate) fn unanswered(message: String) -> Error {
    Error::Transport { message, source: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_by_segment_with_placeholders_and_a_left_out_prefix() {
        assert!(path_matches("/auditLogs/provisioning", "/v1.0/auditLogs/provisioning"));
        assert!(path_matches("/jobs/{id}/schema", "/v1.0/servicePrincipals/sp/synchronization/jobs/j1/schema"));
        assert!(!path_matches("/jobs/{id}/schema", "/v1.0/jobs/j1/start"));
        assert!(!path_matches("/a/b/c", "/b/c"));
    }
}
