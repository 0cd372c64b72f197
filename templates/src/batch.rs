//! JSON batching: up to twenty operations of any types in one `POST {base}/$batch`.
//!
//! Sans-IO, like operations: a [`Batch`] collects steps (each [`Batch::add`] returns a
//! typed [`Step`] handle), renders one request ([`Batch::to_http`]) in Graph's batch format
//! (each step's method, URL relative to the version, headers, `dependsOn`, and its body:
//! JSON inline, anything else base64), and reads the answer ([`Batch::from_http`]) into a
//! [`BatchResponse`], from which each handle yields its operation's own
//! `Result<Output, Error>` through the operation's `from_http`. A step that was not run
//! because a step it depends on failed (424) is [`Error::DependencyFailed`].
//!
//! With the `client` feature, `Client::batch` sends any number of steps: it splits them
//! into batches of twenty (keeping steps that depend on each other together) and resends
//! only the steps that were throttled (429, 503, 504), honouring each step's own
//! `Retry-After`, within the client's retry policy.

use super::error::Error;
pub use super::error::StepFailure;
use super::operation::{HttpRequest, HttpResponse, Operation};
use ::serde_json::{json, Map, Value};
use ::std::collections::BTreeMap;
use ::std::marker::PhantomData;

/// How many steps Graph takes in one batch.
pub const MAX_STEPS: usize = 20;

/// The base each step is rendered against: only its path and query are kept.
const STEP_BASE: &str = "https://batch.invalid";

/// The handle of one step of a [`Batch`]: it yields the step's answer as `O::Output`.
pub struct Step<O> {
    id: String,
    operation: PhantomData<fn() -> O>,
}

impl<O> Step<O> {
    /// The step's id in the batch (`"1"`, `"2"`, …).
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<O> Clone for Step<O> {
    fn clone(&self) -> Self {
        Step { id: self.id.clone(), operation: PhantomData }
    }
}

impl<O> ::std::fmt::Debug for Step<O> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_tuple("Step").field(&self.id).finish()
    }
}

/// One request inside a batch, as Graph's batch format writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRequest {
    /// The step's id.
    pub id: String,
    /// The HTTP method.
    pub method: String,
    /// The URL relative to the API version (`/servicePrincipals/…?$top=5`).
    pub url: String,
    /// The step's headers (its `Content-Type` among them).
    pub headers: BTreeMap<String, String>,
    /// The body: JSON inline, anything else as a base64 string.
    pub body: Option<Value>,
    /// The ids of the steps that must succeed first.
    pub depends_on: Vec<String>,
}

impl BatchRequest {
    /// The step as a member of the batch's `requests` list.
    pub fn to_json(&self) -> Value {
        let mut step = Map::new();
        step.insert("id".to_owned(), json!(self.id));
        step.insert("method".to_owned(), json!(self.method));
        step.insert("url".to_owned(), json!(self.url));
        if !self.headers.is_empty() {
            step.insert("headers".to_owned(), json!(self.headers));
        }
        if let Some(body) = &self.body {
            step.insert("body".to_owned(), body.clone());
        }
        if !self.depends_on.is_empty() {
            step.insert("dependsOn".to_owned(), json!(self.depends_on));
        }
        Value::Object(step)
    }
}

/// Operations to send together; see the module's documentation.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    base_url: &'static str,
    steps: Vec<BatchRequest>,
    /// Each step's operation, as a value (for a transport that answers by operation).
    operations: Vec<::std::sync::Arc<dyn super::operation::Sendable>>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds an operation as the next step. Every step of a batch goes to one API version:
    /// an operation of another (beta beside v1.0) is refused.
    pub fn add<O: Operation>(&mut self, operation: &O) -> Result<Step<O>, Error> {
        if self.steps.is_empty() {
            self.base_url = O::BASE_URL;
        } else if self.base_url != O::BASE_URL {
            return Err(Error::invalid(format!(
                "a batch goes to one API version: this one goes to {}, the operation to {}",
                self.base_url,
                O::BASE_URL
            )));
        }
        let request = operation.to_http(STEP_BASE)?;
        let id = (self.steps.len() + 1).to_string();
        let url = request.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".to_owned());
        let mut headers = BTreeMap::new();
        for (name, value) in request.headers() {
            let value = value.to_str().map_err(|_| Error::invalid(format!("header `{name}` is not text")))?;
            headers.insert(name.as_str().to_owned(), value.to_owned());
        }
        let body = if request.body().is_empty() {
            None
        } else if headers.get("content-type").is_some_and(|t| is_json(t)) {
            Some(::serde_json::from_slice(request.body()).map_err(|e| Error::invalid(format!("step body: {e}")))?)
        } else {
            Some(Value::String(base64(request.body())))
        };
        self.operations.push(super::operation::Sendable::clone_arc(operation));
        self.steps.push(BatchRequest {
            id: id.clone(),
            method: request.method().as_str().to_owned(),
            url,
            headers,
            body,
            depends_on: Vec::new(),
        });
        Ok(Step { id, operation: PhantomData })
    }

    /// Makes `step` wait for `on`: Graph runs it only if `on` succeeds, and answers 424
    /// otherwise.
    pub fn depends_on<A, B>(&mut self, step: &Step<A>, on: &Step<B>) -> &mut Self {
        if let Some(request) = self.steps.iter_mut().find(|s| s.id == step.id) {
            if !request.depends_on.contains(&on.id) {
                request.depends_on.push(on.id.clone());
            }
        }
        self
    }

    /// The steps, in the order they were added.
    pub fn steps(&self) -> &[BatchRequest] {
        &self.steps
    }

    /// The operation of the step `id`, as a value.
    pub fn operation(&self, id: &str) -> Option<&::std::sync::Arc<dyn super::operation::Sendable>> {
        let index = self.steps.iter().position(|s| s.id == id)?;
        self.operations.get(index)
    }

    /// How many steps the batch has.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether the batch has no steps.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The server the steps' spec names (`Operation::BASE_URL`), empty for an empty batch.
    pub fn base_url(&self) -> &'static str {
        self.base_url
    }

    /// The `POST {base_url}/$batch` request for at most [`MAX_STEPS`] steps (the client
    /// splits larger batches itself).
    pub fn to_http(&self, base_url: &str) -> Result<HttpRequest, Error> {
        render(base_url, &self.steps)
    }

    /// Reads the answer to [`Batch::to_http`]'s request.
    pub fn from_http(&self, response: HttpResponse) -> Result<BatchResponse, Error> {
        BatchResponse::from_http(response)
    }
}

/// The `$batch` request for some steps.
pub fn render(base_url: &str, steps: &[BatchRequest]) -> Result<HttpRequest, Error> {
    if steps.len() > MAX_STEPS {
        return Err(Error::invalid(format!(
            "a batch holds at most {MAX_STEPS} steps, this one {}: send it with the client, which splits it",
            steps.len()
        )));
    }
    let mut url = super::operation::UrlBuilder::new(base_url)?;
    url.literal("/$batch");
    let body = json!({ "requests": steps.iter().map(BatchRequest::to_json).collect::<Vec<_>>() });
    let request = url.into_request(::http::Method::POST);
    super::operation::json_body(request, "application/json", &body)
}

/// One step's answer inside a batch's answer.
#[derive(Debug, Clone)]
pub struct StepAnswer {
    /// The status the step got.
    pub status: ::http::StatusCode,
    /// Its headers (`Retry-After` for a throttled step).
    pub headers: ::http::HeaderMap,
    /// Its body, as the operation would have received it on its own.
    pub body: Vec<u8>,
}

/// Splits steps into batches of at most [`MAX_STEPS`], keeping every step with the steps
/// it depends on (Graph resolves `dependsOn` within one batch), in their order.
pub fn chunks(steps: &[BatchRequest]) -> Result<Vec<Vec<BatchRequest>>, Error> {
    // Groups of steps joined by `dependsOn`, each named by its first step's index.
    let mut group: Vec<usize> = (0..steps.len()).collect();
    let find = |group: &Vec<usize>, mut i: usize| {
        while group.get(i).is_some_and(|&g| g != i) {
            i = group.get(i).copied().unwrap_or(i);
        }
        i
    };
    for (i, step) in steps.iter().enumerate() {
        for dependency in &step.depends_on {
            if let Some(j) = steps.iter().position(|s| &s.id == dependency) {
                let (a, b) = (find(&group, i), find(&group, j));
                if let Some(slot) = group.get_mut(a.max(b)) {
                    *slot = a.min(b);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<BatchRequest>> = BTreeMap::new();
    for (i, step) in steps.iter().enumerate() {
        groups.entry(find(&group, i)).or_default().push(step.clone());
    }
    let mut out: Vec<Vec<BatchRequest>> = Vec::new();
    for (_, members) in groups {
        if members.len() > MAX_STEPS {
            return Err(Error::InvalidRequest {
                message: format!("{} batch steps depend on one another; one batch holds {MAX_STEPS}", members.len()),
            });
        }
        match out.last_mut() {
            Some(last) if last.len() + members.len() <= MAX_STEPS => last.extend(members),
            _ => out.push(members),
        }
    }
    Ok(out)
}

/// The steps of `pending` to send again after `answers`: those `throttled` names, and
/// those that could not run (`424 Failed Dependency`) because a throttled step failed;
/// a dependency that succeeded is no longer one.
pub fn resend(pending: &[BatchRequest], answers: &BatchResponse, throttled: &[String]) -> Vec<BatchRequest> {
    let again: Vec<&str> = pending
        .iter()
        .filter(|s| {
            throttled.contains(&s.id)
                || (answers.answer(&s.id).is_some_and(|a| a.status == ::http::StatusCode::FAILED_DEPENDENCY)
                    && depends_on_any(s, pending, throttled))
        })
        .map(|s| s.id.as_str())
        .collect();
    pending
        .iter()
        .filter(|s| again.contains(&s.id.as_str()))
        .map(|s| {
            let mut s = s.clone();
            s.depends_on.retain(|d| again.contains(&d.as_str()));
            s
        })
        .collect()
}

/// Whether a step depends, directly or through other steps, on one of `ids`.
fn depends_on_any(step: &BatchRequest, steps: &[BatchRequest], ids: &[String]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = step.depends_on.iter().map(String::as_str).collect();
    while let Some(id) = pending.pop() {
        if ids.iter().any(|i| i == id) {
            return true;
        }
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        if let Some(s) = steps.iter().find(|s| s.id == id) {
            pending.extend(s.depends_on.iter().map(String::as_str));
        }
    }
    false
}

/// The answers of a batch, by step, and the steps that got none.
#[derive(Debug, Clone, Default)]
pub struct BatchResponse {
    answers: BTreeMap<String, StepAnswer>,
    failures: BTreeMap<String, StepFailure>,
    unattributed: Vec<Value>,
}

impl BatchResponse {
    /// Reads a `$batch` answer: a non-2XX answer to the batch itself, or a body that is
    /// no batch answer, is an error; each step's answer is kept for
    /// [`BatchResponse::get`]. One entry that cannot be read fails only its own step
    /// ([`StepFailure::UnreadableAnswer`]); an entry without an id is kept in
    /// [`BatchResponse::unattributed`].
    pub fn from_http(response: HttpResponse) -> Result<BatchResponse, Error> {
        #[derive(::serde::Deserialize)]
        struct Answers {
            responses: Vec<Value>,
        }
        let answers: Answers = super::operation::decode_json(response)?;
        let mut out = BatchResponse::default();
        for entry in answers.responses {
            let Some(id) = entry.get("id").and_then(step_id) else {
                out.unattributed.push(entry);
                continue;
            };
            match read_answer(&entry) {
                Ok(answer) => {
                    out.answers.insert(id, answer);
                }
                Err(message) => {
                    out.failures.insert(id, StepFailure::UnreadableAnswer { message, entry: entry.to_string() });
                }
            }
        }
        Ok(out)
    }

    /// A step's result, decoded by its operation's own `from_http`. A step that did not
    /// run because a step it depends on failed is [`Error::DependencyFailed`]; a step
    /// with no answer of its own is [`Error::BatchStep`], which says why and whether the
    /// step may have run.
    pub fn get<O: Operation>(&self, step: &Step<O>) -> Result<O::Output, Error> {
        if let Some(failure) = self.failures.get(&step.id) {
            return Err(Error::BatchStep { step: step.id.clone(), failure: failure.clone() });
        }
        let Some(answer) = self.answers.get(&step.id) else {
            return Err(Error::BatchStep { step: step.id.clone(), failure: StepFailure::NotAnswered });
        };
        if answer.status == ::http::StatusCode::FAILED_DEPENDENCY {
            return Err(Error::DependencyFailed { step: step.id.clone() });
        }
        let mut response = ::http::Response::new(answer.body.clone());
        *response.status_mut() = answer.status;
        *response.headers_mut() = answer.headers.clone();
        O::from_http(response)
    }

    /// A step's answer as it came, by id (for a step resent after throttling, the last
    /// answer received, even when the resend then failed).
    pub fn answer(&self, id: &str) -> Option<&StepAnswer> {
        self.answers.get(id)
    }

    /// Every step's answer, by id.
    pub fn answers(&self) -> &BTreeMap<String, StepAnswer> {
        &self.answers
    }

    /// Why a step has no answer to decode, by id, when it has none.
    pub fn failure(&self, id: &str) -> Option<&StepFailure> {
        self.failures.get(id)
    }

    /// Every step's failure, by id.
    pub fn failures(&self) -> &BTreeMap<String, StepFailure> {
        &self.failures
    }

    /// Entries of the answer that name no step (no `id`, or one that is no text or
    /// number), as they came.
    pub fn unattributed(&self) -> &[Value] {
        &self.unattributed
    }

    /// Takes another batch's answers in (the client's split and resent batches): a newer
    /// answer or failure of a step replaces the older one; an older answer stays readable
    /// through [`BatchResponse::answer`].
    pub fn merge(&mut self, other: BatchResponse) {
        for (id, failure) in other.failures {
            self.failures.insert(id, failure);
        }
        for (id, answer) in other.answers {
            self.failures.remove(&id);
            self.answers.insert(id, answer);
        }
        self.unattributed.extend(other.unattributed);
    }

    /// Records that the steps `ids` got no answer, for `failure`.
    pub fn fail<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>, failure: &StepFailure) {
        for id in ids {
            self.failures.insert(id.to_owned(), failure.clone());
        }
    }
}

/// A step id as the answer writes it: text, or a number some services write instead.
fn step_id(id: &Value) -> Option<String> {
    match id {
        Value::String(id) => Some(id.clone()),
        Value::Number(id) => Some(id.to_string()),
        _ => None,
    }
}

/// One entry of `responses`, as the step's own answer.
fn read_answer(entry: &Value) -> Result<StepAnswer, String> {
    let status = entry
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .and_then(|s| ::http::StatusCode::from_u16(s).ok())
        .ok_or_else(|| "its `status` is not an HTTP status".to_owned())?;
    let mut headers = ::http::HeaderMap::new();
    let mut json_body = false;
    if let Some(given) = entry.get("headers").and_then(Value::as_object) {
        for (name, value) in given {
            let Some(value) = value.as_str() else { continue };
            json_body |= name.eq_ignore_ascii_case("content-type") && is_json(value);
            if let (Ok(name), Ok(value)) =
                (::http::HeaderName::try_from(name.as_str()), ::http::HeaderValue::from_str(value))
            {
                headers.append(name, value);
            }
        }
    }
    let body = match entry.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) if !json_body => unbase64(text).unwrap_or_else(|| text.clone().into_bytes()),
        Some(value) => ::serde_json::to_vec(value).map_err(|e| format!("its body cannot be written back: {e}"))?,
    };
    Ok(StepAnswer { status, headers, body })
}

pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// Standard base64, written with padding and read with or without it (the batch format's
/// encoding of non-JSON bodies).
const BASE64: ::base64::engine::GeneralPurpose = ::base64::engine::GeneralPurpose::new(
    &::base64::alphabet::STANDARD,
    ::base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(::base64::engine::DecodePaddingMode::Indifferent),
);

/// Standard base64 with padding (the batch format's encoding of non-JSON bodies).
pub(crate) fn base64(bytes: &[u8]) -> String {
    ::base64::Engine::encode(&BASE64, bytes)
}

/// Decodes standard base64 (padding optional); `None` for text that is not base64.
pub(crate) fn unbase64(text: &str) -> Option<Vec<u8>> {
    ::base64::Engine::decode(&BASE64, text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for bytes in [&b""[..], b"a", b"ab", b"abc", b"a,b\n1,2\n", &[0, 255, 128, 7]] {
            let text = base64(bytes);
            assert_eq!(unbase64(&text).as_deref(), Some(bytes), "{text}");
        }
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(unbase64("not base64!"), None);
        assert_eq!(unbase64("TWE").as_deref(), Some(&b"Ma"[..]), "padding is optional");
    }

    fn step(id: &str, depends_on: &[&str]) -> BatchRequest {
        BatchRequest {
            id: id.into(),
            method: "GET".into(),
            url: format!("/{id}"),
            headers: BTreeMap::new(),
            body: None,
            depends_on: depends_on.iter().map(|d| (*d).to_owned()).collect(),
        }
    }

    #[test]
    fn throttled_steps_and_those_waiting_on_them_are_sent_again() {
        let pending = [step("a", &[]), step("b", &["a"]), step("c", &["b"]), step("d", &["x"]), step("x", &[])];
        let answer = |status: u16| StepAnswer {
            status: ::http::StatusCode::from_u16(status).unwrap(),
            headers: ::http::HeaderMap::new(),
            body: Vec::new(),
        };
        let mut answers = BatchResponse::default();
        answers.answers.insert("a".into(), answer(429));
        answers.answers.insert("b".into(), answer(424));
        answers.answers.insert("c".into(), answer(424));
        answers.answers.insert("d".into(), answer(424));
        answers.answers.insert("x".into(), answer(404));
        let again = resend(&pending, &answers, &["a".to_owned()]);
        let ids: Vec<(&str, Vec<String>)> = again.iter().map(|s| (s.id.as_str(), s.depends_on.clone())).collect();
        // `d` failed for `x`, which was not throttled: it stays failed.
        assert_eq!(ids, [("a", vec![]), ("b", vec!["a".to_owned()]), ("c", vec!["b".to_owned()])]);
    }
}
