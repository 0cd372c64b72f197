//! A ready HTTP client for the sans-IO operations: auth, retries, paging, national clouds.
//!
//! ```ignore
//! let client = Client::builder().cloud(Cloud::Global).bearer_token(token).build()?;
//! client.send(&ServicePrincipalSynchronizationJobStart::new(sp_id, job_id)).await?;
//! let mut pages = client.pages(&ServicePrincipalSynchronizationListJob::new(sp_id));
//! while let Some(page) = pages.next().await { for job in page?.value.unwrap_or_default() { /* … */ } }
//! ```

use super::batch::{Batch, BatchRequest, BatchResponse, StepFailure, MAX_STEPS};
use super::cloud::Cloud;
use super::error::Error;
use super::operation::{HttpRequest, HttpResponse, Operation, Pageable, Sendable};
use ::std::collections::BTreeMap;
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::Arc;
use ::std::time::Duration;

/// A boxed future, as [`TokenProvider`] returns it.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, Error>> + Send + 'a>>;

/// Supplies the bearer token, asked once per request (so it can refresh).
///
/// Any `Fn() -> impl Future<Output = Result<String, Error>>` is a provider. The client
/// asks with the OAuth scope of its cloud ([`Cloud::scope`]); a provider that holds one
/// token for one cloud can ignore it. With the `azure-identity` feature, any
/// `azure_core` credential is one (`ClientBuilder::credential`).
pub trait TokenProvider: Send + Sync {
    /// The current access token, without the `Bearer ` prefix.
    fn token(&self) -> TokenFuture<'_>;

    /// The token for `scope` (the client's cloud's `/.default` scope). By default,
    /// [`TokenProvider::token`].
    fn token_for<'a>(&'a self, scope: &'a str) -> TokenFuture<'a> {
        let _ = scope;
        self.token()
    }

    /// Forgets a token the service said has expired, so that the next request asks for a
    /// new one. By default nothing is kept, so there is nothing to forget.
    fn invalidate(&self, scope: &str) {
        let _ = scope;
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, Error>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}

/// A fixed token; its `Debug` never shows it.
struct StaticToken(String);

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// When and how often to retry throttled (429) and unavailable (503, 504) answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The most the client waits between attempts, summed over one call.
    pub max_total_wait: Duration,
    /// The first backoff when the server sends no `Retry-After`; it doubles per retry.
    pub initial_backoff: Duration,
    /// The largest single backoff.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_total_wait: Duration::from_secs(120),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based) without `Retry-After`: exponential,
    /// capped, with jitter in its upper half so that clients do not retry in lockstep.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponential = self.initial_backoff.saturating_mul(1u32 << retry.saturating_sub(1).min(20));
        let capped = exponential.min(self.max_backoff);
        capped.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// The wait before retry number `retry`: the server's `Retry-After` when it names a
    /// positive delay, else [`RetryPolicy::backoff`]. A `Retry-After` of zero does not mean
    /// "resend at once": a server that says it every time would get a burst of requests.
    pub fn delay(&self, retry_after: Option<Duration>, retry: u32, jitter: f64) -> Duration {
        match retry_after {
            Some(wait) if !wait.is_zero() => wait,
            _ => self.backoff(retry, jitter),
        }
    }
}

/// The delay a `Retry-After` header names, if it names one.
fn retry_after(headers: &::http::HeaderMap) -> Option<Duration> {
    let value = headers.get(::http::header::RETRY_AFTER)?.to_str().ok()?;
    super::error::parse_retry_after(value, ::std::time::SystemTime::now())
}

/// Splits steps into batches of at most [`MAX_STEPS`], keeping every step with the steps
/// it depends on (Graph resolves `dependsOn` within one batch), in their order.
fn chunks(steps: &[BatchRequest]) -> Result<Vec<Vec<BatchRequest>>, Error> {
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

/// Whether a 401 says the token has expired (rather than that it is wrong): Microsoft
/// identity's `WWW-Authenticate: Bearer error="invalid_token", error_description="…expired…"`,
/// or Graph's `InvalidAuthenticationToken` error whose message says it expired.
fn token_expired(response: &HttpResponse) -> bool {
    let challenge = response
        .headers()
        .get_all(::http::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("invalid_token") && v.to_ascii_lowercase().contains("expired"));
    let body = ::serde_json::from_slice::<super::error::ODataError>(response.body()).is_ok_and(|e| {
        e.error.code == "InvalidAuthenticationToken" && e.error.message.to_ascii_lowercase().contains("expired")
    });
    challenge || body
}

/// Whether a status is worth retrying: throttling and transient unavailability only.
pub fn is_retryable(status: ::http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503 | 504)
}

/// A number in `[0, 1)` that differs between calls (no extra dependency for jitter).
pub(crate) fn jitter() -> f64 {
    use ::std::hash::{BuildHasher, Hasher};
    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
    hasher
        .write_u128(::std::time::SystemTime::now().duration_since(::std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    transport: Option<Arc<dyn Transport>>,
    cloud: Cloud,
    strict_clouds: bool,
    base_url: Option<String>,
    origin: Option<String>,
    token: Option<Arc<dyn TokenProvider>>,
    timeout: Duration,
    retry: RetryPolicy,
}

impl ::std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("cloud", &self.cloud)
            .field("strict_clouds", &self.strict_clouds)
            .field("base_url", &self.base_url)
            .field("origin", &self.origin)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

impl ClientBuilder {
    /// The national cloud (default: [`Cloud::Global`]).
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    /// Refuses to send an operation whose reference page documents it as unavailable in
    /// the client's cloud ([`Error::UnavailableInCloud`]) instead of only logging a
    /// warning (default: off, since documentation can lag behind the service).
    pub fn strict_clouds(mut self, strict: bool) -> Self {
        self.strict_clouds = strict;
        self
    }

    /// Sends every request to this base URL (`http://127.0.0.1:8080/v1.0`), overriding
    /// the cloud and the spec's server: for tests and proxies.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sends every request to this origin (`http://127.0.0.1:8080`), each keeping its own
    /// path (`/v1.0/…`, `/beta/…`): for a fake service or a proxy that serves several API
    /// versions (a base URL, [`ClientBuilder::base_url`], replaces the version path too).
    pub fn origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = Some(origin.into().trim_end_matches('/').to_owned());
        self
    }

    /// A fixed bearer token.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Arc::new(StaticToken(token.into())));
        self
    }

    /// A provider asked for a token before every request (including retries).
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token = Some(Arc::new(provider));
        self
    }

    /// The limit for one attempt, from sending the request to the end of the body
    /// (default: 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The retry policy for 429, 503 and 504.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Attempts in all, the first included (default: 5).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry.max_attempts = attempts.max(1);
        self
    }

    /// The most the client waits between attempts over one call (default: 120 s).
    pub fn max_total_wait(mut self, wait: Duration) -> Self {
        self.retry.max_total_wait = wait;
        self
    }

    /// Sends through `transport` instead of HTTP (the `testing` feature's `Mock` is one):
    /// everything else (tokens, `client-request-id`, retries, paging, batching) runs as
    /// it does over HTTP.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Builds the client; fails on a base URL that is not an absolute http(s) URL.
    pub fn build(self) -> Result<Client, Error> {
        if let Some(base) = &self.base_url {
            let uri: ::http::Uri = base
                .parse()
                .map_err(|e| Error::InvalidRequest { message: format!("base URL `{base}` is not a URL: {e}") })?;
            if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none() {
                return Err(Error::InvalidRequest { message: format!("base URL `{base}` must be absolute http(s)") });
            }
        }
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(HttpTransport::new()?),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                cloud: self.cloud,
                strict_clouds: self.strict_clouds,
                base_url: self.base_url,
                origin: self.origin,
                token: self.token,
                timeout: self.timeout,
                retry: self.retry,
            }),
        })
    }
}

struct Inner {
    transport: Arc<dyn Transport>,
    cloud: Cloud,
    strict_clouds: bool,
    base_url: Option<String>,
    origin: Option<String>,
    token: Option<Arc<dyn TokenProvider>>,
    timeout: Duration,
    retry: RetryPolicy,
}

/// Sends operations over HTTP. Cheap to clone (one connection pool, shared).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl ::std::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client")
            .field("cloud", &self.inner.cloud)
            .field("strict_clouds", &self.inner.strict_clouds)
            .field("base_url", &self.inner.base_url)
            .field("token", &self.inner.token.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            transport: None,
            cloud: Cloud::Global,
            strict_clouds: false,
            base_url: None,
            origin: None,
            token: None,
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
        }
    }

    /// The base URL for an operation: the override, else the operation's spec server with
    /// the cloud's host when that server is Microsoft Graph.
    pub fn base_url_for<O: Operation>(&self) -> Result<String, Error> {
        self.base_for(O::BASE_URL)
    }

    /// The base URL for a spec's server (see [`Client::base_url_for`]).
    fn base_for(&self, spec: &str) -> Result<String, Error> {
        if let Some(base) = &self.inner.base_url {
            return Ok(base.clone());
        }
        if spec.is_empty() {
            return Err(Error::InvalidRequest {
                message: "the spec names no server; give the client a base URL".to_owned(),
            });
        }
        if let Some(origin) = &self.inner.origin {
            // The server's path (`/v1.0`) after its scheme and host.
            let path = spec.split_once("://").and_then(|(_, rest)| rest.get(rest.find('/')?..)).unwrap_or("");
            return Ok(format!("{origin}{path}"));
        }
        match spec.strip_prefix(Cloud::Global.origin()) {
            Some(path) => Ok(format!("{}{path}", self.inner.cloud.origin())),
            None => Ok(spec.to_owned()),
        }
    }

    /// Sends one operation and decodes its answer, retrying throttled and unavailable
    /// answers as the [`RetryPolicy`] says.
    pub async fn send<O: Operation>(&self, operation: &O) -> Result<O::Output, Error> {
        self.check_cloud::<O>()?;
        let request = operation.to_http(&self.base_url_for::<O>()?)?;
        O::from_http(self.complete(request, Sent::Operation { operation, page: 1 }).await?)
    }

    /// Like [`Client::send`], keeping the answer's status and headers (`request-id`,
    /// `client-request-id`, `Location`, `Retry-After`, …) beside the typed output.
    pub async fn send_with_headers<O: Operation>(
        &self,
        operation: &O,
    ) -> Result<super::answer::WithHeaders<O::Output>, Error> {
        self.check_cloud::<O>()?;
        let request = operation.to_http(&self.base_url_for::<O>()?)?;
        super::answer::WithHeaders::decode::<O>(self.complete(request, Sent::Operation { operation, page: 1 }).await?)
    }

    /// Follows the work an operation `O` handed over with `202 Accepted`: reads its
    /// `Location` (after its `Retry-After`, if any) as [`super::wait::Wait`] paces, until
    /// `done` holds for an answer (`|a| a.status() != 202` for a location that answers 202
    /// while the work runs). The location must be on the origin `O` is sent to: the token is
    /// never sent elsewhere.
    pub async fn follow<O: Operation>(
        &self,
        accepted: &super::answer::Accepted,
        wait: &super::wait::Wait,
        done: impl FnMut(&HttpResponse) -> bool,
    ) -> Result<HttpResponse, super::wait::WaitError<HttpResponse>> {
        let failed = |message: String| super::wait::WaitError::Failed { error: Error::invalid(message), last: None };
        let Some(location) = accepted.location.as_deref() else {
            return Err(failed("the accepted answer has no Location to follow".to_owned()));
        };
        let base = self.base_url_for::<O>().map_err(|error| super::wait::WaitError::Failed { error, last: None })?;
        if origin(location).is_none() || origin(location) != origin(&base) {
            return Err(failed(format!(
                "refusing to follow Location `{location}`: it is not on the origin of `{base}`"
            )));
        }
        let read = || async move {
            let request = ::http::Request::get(location)
                .header(::http::header::ACCEPT, "application/json")
                .body(Vec::new())
                .map_err(|e| Error::invalid(format!("bad Location `{location}`: {e}")))?;
            // An answer outside 2XX is an error (a throttle is waited out, others end the wait).
            let response = self.execute(request).await?;
            if response.status().is_success() {
                Ok(response)
            } else {
                Err(super::operation::success(response).err().unwrap_or_else(|| Error::invalid("not a success")))
            }
        };
        super::wait::until(wait, accepted.retry_after, read, done).await
    }

    /// The pages of a pageable operation: the first answer, then each `@odata.nextLink`
    /// until there is none. A next link to another scheme, host or port is refused (the
    /// token is never sent there) and ends the pages with an error.
    pub fn pages<'a, O: Pageable>(&'a self, operation: &'a O) -> Pages<'a, O> {
        Pages {
            client: self,
            operation: Held::Borrowed(operation),
            next: Some(PageRequest::First),
            origin: None,
            page: 0,
        }
    }

    /// Like [`Client::pages`], keeping the operation (what a request builder's `.pages()` uses).
    pub fn pages_of<O: Pageable>(&self, operation: O) -> Pages<'_, O> {
        Pages { client: self, operation: Held::Owned(operation), next: Some(PageRequest::First), origin: None, page: 0 }
    }

    /// The OAuth scope tokens for this client's cloud are issued for.
    pub fn scope(&self) -> String {
        self.inner.cloud.scope()
    }

    /// Sends a [`Batch`] of any size: in batches of twenty (steps that depend on each
    /// other stay together), resending only the steps that were throttled or unavailable
    /// (429, 503, 504) and the steps that failed because one of those had not run, after
    /// the longest `Retry-After` they named, within the client's [`RetryPolicy`]. Each
    /// step's answer is then read from the [`BatchResponse`] with its handle.
    ///
    /// A `$batch` request that fails (no answer, an error status for the whole batch, an
    /// answer that is no batch answer) fails only the steps it carried, each with
    /// [`Error::BatchStep`] saying whether it may have run; every answer received is kept.
    /// The call itself fails only when nothing could be sent (a step cannot be rendered,
    /// or more than twenty steps depend on one another).
    pub async fn batch(&self, batch: &Batch) -> Result<BatchResponse, Error> {
        if self.inner.base_url.is_none() && batch.base_url().is_empty() {
            return Ok(BatchResponse::default());
        }
        let base = self.base_for(batch.base_url())?;
        let retry = self.inner.retry;
        let mut all = BatchResponse::default();
        let mut pending: Vec<BatchRequest> = batch.steps().to_vec();
        let mut waited = Duration::ZERO;
        let mut round = 1u32;
        loop {
            // Every request is built before any is sent, so nothing is sent when one
            // cannot be built.
            let requests = chunks(&pending)?
                .into_iter()
                .map(|chunk| Ok((super::batch::render(&base, &chunk)?, chunk)))
                .collect::<Result<Vec<_>, Error>>()?;
            let mut answers = BatchResponse::default();
            for (request, chunk) in requests {
                let typed: Vec<(String, Arc<dyn Sendable>)> =
                    chunk.iter().filter_map(|s| Some((s.id.clone(), batch.operation(&s.id)?.clone()))).collect();
                // A request that fails fails its own steps only: the answers already
                // received (steps the service has run) are kept.
                match self.complete(request, Sent::Batch(&typed)).await.and_then(BatchResponse::from_http) {
                    Ok(received) => answers.merge(received),
                    Err(error) => {
                        let failure = StepFailure::of_request(&error);
                        ::tracing::warn!(steps = chunk.len(), error = %error, "a $batch request failed");
                        answers.fail(chunk.iter().map(|s| s.id.as_str()), &failure);
                    }
                }
            }
            // Throttled steps, and the steps that could not run because of them.
            let throttled: Vec<String> =
                answers.answers().iter().filter(|(_, a)| is_retryable(a.status)).map(|(id, _)| id.clone()).collect();
            let retry_ids: Vec<String> = pending
                .iter()
                .filter(|s| {
                    throttled.contains(&s.id)
                        || (answers.answer(&s.id).is_some_and(|a| a.status == ::http::StatusCode::FAILED_DEPENDENCY)
                            && depends_on_any(s, &pending, &throttled))
                })
                .map(|s| s.id.clone())
                .collect();
            let asked =
                throttled.iter().filter_map(|id| answers.answer(id)).filter_map(|a| retry_after(&a.headers)).max();
            let wait = retry.delay(asked, round, jitter());
            all.merge(answers);
            if retry_ids.is_empty() || round >= retry.max_attempts || waited + wait > retry.max_total_wait {
                if !retry_ids.is_empty() {
                    ::tracing::warn!(
                        steps = retry_ids.len(),
                        round,
                        "not resending throttled batch steps: the retry budget is spent"
                    );
                }
                return Ok(all);
            }
            ::tracing::warn!(
                steps = retry_ids.len(),
                round,
                wait_ms = wait.as_millis() as u64,
                "resending throttled batch steps"
            );
            ::tokio::time::sleep(wait).await;
            waited += wait;
            round += 1;
            // Resend those steps; a dependency that succeeded is no longer one.
            pending = pending
                .into_iter()
                .filter(|s| retry_ids.contains(&s.id))
                .map(|mut s| {
                    s.depends_on.retain(|d| retry_ids.contains(d));
                    s
                })
                .collect();
        }
    }

    /// Warns about (or, with [`ClientBuilder::strict_clouds`], refuses) an operation that
    /// its reference page documents as unavailable in the client's cloud.
    pub fn check_cloud<O: Operation>(&self) -> Result<(), Error> {
        let cloud = self.inner.cloud;
        match O::CLOUDS {
            Some(available) if !available.includes(cloud) => {
                let operation = ::std::any::type_name::<O>();
                if self.inner.strict_clouds {
                    return Err(Error::UnavailableInCloud { operation, cloud });
                }
                ::tracing::warn!(operation, cloud = %cloud, "the operation is documented as unavailable in this cloud");
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Sends a request as built by [`Operation::to_http`]: adds the bearer token and a
    /// `client-request-id`, applies the timeout, and retries 429/503/504.
    pub async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        self.complete(request, Sent::Request).await
    }

    /// [`Client::execute`], saying what the request is (for a transport that answers by
    /// operation).
    async fn complete(&self, request: HttpRequest, sent: Sent<'_>) -> Result<HttpResponse, Error> {
        let (parts, body) = self.respond(request, false, sent).await?;
        let body = body.collect(self.inner.timeout).await?;
        Ok(::http::Response::from_parts(parts, body))
    }

    /// The items of a sequential answer (3.2's `itemSchema`: JSON Lines, JSON text
    /// sequences, server-sent events), each as soon as it has arrived. The request is
    /// retried as [`Client::send`] retries it until an answer starts; an item that does not
    /// decode is an error for that item and the items after it follow; an answer outside
    /// 2XX is one [`Error::Status`]. Dropping the stream closes the connection.
    pub fn stream<'a, O: super::sequence::Sequential>(
        &'a self,
        operation: &'a O,
    ) -> impl ::futures_core::Stream<Item = Result<O::Item, Error>> + 'a
    where
        O::Item: 'a,
    {
        enum State<T> {
            Start,
            Reading(BodyStream, super::sequence::Decoder<T>),
            Done,
        }
        ::futures_util::stream::unfold(State::Start, move |state| async move {
            let (mut chunks, mut decoder) = match state {
                State::Done => return None,
                State::Reading(chunks, decoder) => (chunks, decoder),
                State::Start => {
                    let started = async {
                        self.check_cloud::<O>()?;
                        let request = operation.to_http(&self.base_url_for::<O>()?)?;
                        self.respond(request, true, Sent::Operation { operation, page: 1 }).await
                    };
                    match started.await {
                        Err(error) => return Some((Err(error), State::Done)),
                        Ok((parts, body)) if !parts.status.is_success() => {
                            let body = match body.collect(self.inner.timeout).await {
                                Ok(body) => body,
                                Err(error) => return Some((Err(error), State::Done)),
                            };
                            let answer = super::operation::success(::http::Response::from_parts(parts, body));
                            return answer.err().map(|error| (Err(error), State::Done));
                        }
                        Ok((parts, body)) => {
                            (body.into_chunks(), super::sequence::Decoder::new(O::FRAMING, parts.status))
                        }
                    }
                }
            };
            loop {
                if let Some(item) = decoder.next_item() {
                    return Some((item, State::Reading(chunks, decoder)));
                }
                // A stream may last: the timeout is for the wait between chunks.
                let next = ::futures_util::StreamExt::next(&mut chunks);
                match ::tokio::time::timeout(self.inner.timeout, next).await {
                    Ok(Some(Ok(bytes))) => decoder.feed(&bytes),
                    Ok(None) => return decoder.finish().map(|item| (item, State::Done)),
                    Ok(Some(Err(error))) => return Some((Err(error), State::Done)),
                    Err(_) => return Some((Err(Error::Timeout { after: self.inner.timeout }), State::Done)),
                }
            }
        })
    }

    /// Sends a request through the transport with the token, the `client-request-id` and
    /// the timeout, retrying 429/503/504 and an expired token as the policy says; the
    /// answer, whose body (with `streaming`, of a 2XX) is still to read.
    async fn respond(
        &self,
        request: HttpRequest,
        streaming: bool,
        sent: Sent<'_>,
    ) -> Result<(::http::response::Parts, Body), Error> {
        let (parts, body) = request.into_parts();
        let client_request_id = new_request_id();
        let retry = self.inner.retry;
        let mut waited = Duration::ZERO;
        let mut attempt = 1u32;
        let mut refreshed = false;
        loop {
            let mut request = ::http::Request::from_parts(parts.clone(), body.clone());
            if let Some(provider) = &self.inner.token {
                let token = provider.token_for(&self.scope()).await?;
                let value = ::http::HeaderValue::from_str(&format!("Bearer {token}"))
                    .map_err(|_| Error::invalid("the token holds characters a header cannot carry"))?;
                request.headers_mut().insert(::http::header::AUTHORIZATION, value);
            }
            if let Ok(value) = ::http::HeaderValue::from_str(&client_request_id) {
                request.headers_mut().insert("client-request-id", value);
            }
            let exchange = Exchange { request, timeout: self.inner.timeout, streaming, sent };
            let answered = self.inner.transport.send(exchange).await?;
            let mut headers = answered.headers;
            // Errors name the id even when the server does not echo it.
            if !headers.contains_key("client-request-id") {
                if let Ok(value) = ::http::HeaderValue::from_str(&client_request_id) {
                    headers.insert("client-request-id", value);
                }
            }
            let mut head = ::http::Response::new(());
            *head.status_mut() = answered.status;
            *head.headers_mut() = headers;
            let (head, ()) = head.into_parts();
            let status = head.status;
            if streaming && status.is_success() {
                return Ok((head, answered.body));
            }
            let complete = answered.body.collect(self.inner.timeout).await?;
            let response = ::http::Response::from_parts(head, complete);
            // An expired token is asked for anew, once per call (a second 401 is an answer).
            if status == ::http::StatusCode::UNAUTHORIZED && !refreshed && token_expired(&response) {
                if let Some(provider) = &self.inner.token {
                    ::tracing::warn!(client_request_id = %client_request_id, "the token expired; asking for a new one");
                    provider.invalidate(&self.scope());
                    refreshed = true;
                    continue;
                }
            }
            let (head, complete) = response.into_parts();
            if !is_retryable(status) || attempt >= retry.max_attempts {
                return Ok((head, Body::Complete(complete)));
            }
            let wait = retry.delay(retry_after(&head.headers), attempt, jitter());
            if waited + wait > retry.max_total_wait {
                ::tracing::warn!(
                    status = status.as_u16(),
                    attempt,
                    wait_ms = wait.as_millis() as u64,
                    client_request_id = %client_request_id,
                    "not retrying: the wait would exceed the total retry budget"
                );
                return Ok((head, Body::Complete(complete)));
            }
            ::tracing::warn!(
                status = status.as_u16(),
                attempt,
                wait_ms = wait.as_millis() as u64,
                client_request_id = %client_request_id,
                "retrying a throttled or unavailable request"
            );
            ::tokio::time::sleep(wait).await;
            waited += wait;
            attempt += 1;
        }
    }
}

/// What the client hands its [`Transport`] for one attempt.
pub struct Exchange<'a> {
    /// The request as it goes on the wire: the operation's, with the bearer token and the
    /// `client-request-id`.
    pub request: HttpRequest,
    /// The limit for the attempt (with `streaming`: until the answer starts).
    pub timeout: Duration,
    /// Whether the answer's body is read as it arrives ([`Client::stream`]).
    pub streaming: bool,
    /// What the request is.
    pub sent: Sent<'a>,
}

/// What a request is, for a transport that answers by operation.
#[derive(Clone, Copy)]
pub enum Sent<'a> {
    /// An operation; `page` counts its pages (1 for the operation's own request, 2 for the
    /// first `@odata.nextLink` followed, …).
    Operation {
        /// The operation.
        operation: &'a dyn Sendable,
        /// Which page.
        page: usize,
    },
    /// A `$batch` request: its steps' ids and operations.
    Batch(&'a [(String, Arc<dyn Sendable>)]),
    /// A request given as it is ([`Client::execute`]).
    Request,
}

/// The body of an answer a transport gives: whole, or in chunks as they arrive.
pub enum Body {
    /// The whole body.
    Complete(Vec<u8>),
    /// The body's chunks, as they arrive.
    Chunks(BodyStream),
}

/// Chunks of a body as they arrive.
pub type BodyStream = Pin<Box<dyn ::futures_core::Stream<Item = Result<Vec<u8>, Error>> + Send>>;

impl Body {
    /// The whole body (the rest of it arriving within `timeout`).
    pub async fn collect(self, timeout: Duration) -> Result<Vec<u8>, Error> {
        match self {
            Body::Complete(bytes) => Ok(bytes),
            Body::Chunks(mut chunks) => {
                let all = async {
                    let mut out = Vec::new();
                    while let Some(chunk) = ::futures_util::StreamExt::next(&mut chunks).await {
                        out.extend_from_slice(&chunk?);
                    }
                    Ok(out)
                };
                ::tokio::time::timeout(timeout, all).await.unwrap_or(Err(Error::Timeout { after: timeout }))
            }
        }
    }

    fn into_chunks(self) -> BodyStream {
        match self {
            Body::Chunks(chunks) => chunks,
            Body::Complete(bytes) => Box::pin(::futures_util::stream::iter([Ok(bytes)])),
        }
    }
}

/// An answer as a transport gives it.
pub struct Answered {
    /// The status.
    pub status: ::http::StatusCode,
    /// The headers.
    pub headers: ::http::HeaderMap,
    /// The body.
    pub body: Body,
}

/// What a transport's [`Transport::send`] returns.
pub type TransportFuture<'a> = Pin<Box<dyn Future<Output = Result<Answered, Error>> + Send + 'a>>;

/// How a client's requests reach a server: HTTP ([`HttpTransport`], the default), or a
/// stand-in for tests (the `testing` feature's `Mock`). Only this is replaced: the client
/// still adds the token and the `client-request-id`, retries, pages and batches.
pub trait Transport: Send + Sync + 'static {
    /// Sends one attempt and gives its answer, or an error when none came.
    fn send<'a>(&'a self, exchange: Exchange<'a>) -> TransportFuture<'a>;
}

/// The transport over HTTP: reqwest (HTTP/1.1 and 2, rustls, one connection pool), no
/// redirects (they could carry the token to another host).
pub struct HttpTransport {
    http: ::reqwest::Client,
}

impl HttpTransport {
    /// A transport with a connection pool of its own.
    pub fn new() -> Result<Self, Error> {
        let http = ::reqwest::Client::builder()
            .redirect(::reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Transport { message: format!("cannot build the HTTP client: {e}"), source: None })?;
        Ok(HttpTransport { http })
    }
}

impl Transport for HttpTransport {
    fn send<'a>(&'a self, exchange: Exchange<'a>) -> TransportFuture<'a> {
        Box::pin(async move {
            let Exchange { request, timeout, streaming, .. } = exchange;
            let (parts, body) = request.into_parts();
            let mut builder = self.http.request(parts.method, parts.uri.to_string()).headers(parts.headers);
            if !body.is_empty() {
                builder = builder.body(body);
            }
            let transport = move |error: ::reqwest::Error| {
                if error.is_timeout() {
                    return Error::Timeout { after: timeout };
                }
                // reqwest's message names the URL, never the request headers.
                Error::Transport { message: error.to_string(), source: Some(Box::new(error)) }
            };
            if !streaming {
                let response = builder.timeout(timeout).send().await.map_err(transport)?;
                let (status, headers) = (response.status(), response.headers().clone());
                let bytes = response.bytes().await.map_err(transport)?;
                return Ok(Answered { status, headers, body: Body::Complete(bytes.to_vec()) });
            }
            let response = match ::tokio::time::timeout(timeout, builder.send()).await {
                Ok(sent) => sent.map_err(transport)?,
                Err(_) => return Err(Error::Timeout { after: timeout }),
            };
            let (status, headers) = (response.status(), response.headers().clone());
            let chunks = ::futures_util::stream::unfold(Some(response), move |response| async move {
                let mut response = response?;
                match response.chunk().await {
                    Ok(Some(bytes)) => Some((Ok(bytes.to_vec()), Some(response))),
                    Ok(None) => None,
                    Err(error) => Some((Err(transport(error)), None)),
                }
            });
            Ok(Answered { status, headers, body: Body::Chunks(Box::pin(chunks)) })
        })
    }
}

/// A random (version 4) UUID, as Graph expects in `client-request-id`.
fn new_request_id() -> String {
    ::uuid::Uuid::new_v4().to_string()
}

enum PageRequest {
    First,
    Link(String),
}

/// An operation that [`Pages`] borrows or owns.
enum Held<'a, O> {
    Borrowed(&'a O),
    Owned(O),
}

impl<O> ::std::ops::Deref for Held<'_, O> {
    type Target = O;
    fn deref(&self) -> &O {
        match self {
            Held::Borrowed(operation) => operation,
            Held::Owned(operation) => operation,
        }
    }
}

/// The pages of a pageable operation; see [`Client::pages`].
pub struct Pages<'a, O: Pageable> {
    client: &'a Client,
    operation: Held<'a, O>,
    next: Option<PageRequest>,
    origin: Option<(String, String, u16)>,
    /// The pages requested so far.
    page: usize,
}

impl<O: Pageable> ::std::fmt::Debug for Pages<'_, O> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Pages").field("done", &self.next.is_none()).finish_non_exhaustive()
    }
}

/// `(scheme, host, port)` of a URL, with the scheme's default port.
fn origin(url: &str) -> Option<(String, String, u16)> {
    let uri: ::http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let port = uri.port_u16().or(match scheme.as_str() {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    })?;
    Some((scheme, uri.host()?.to_ascii_lowercase(), port))
}

impl<'a, O: Pageable> Pages<'a, O> {
    /// The next page, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<O::Output, Error>> {
        let request = self.next.take()?;
        let result = self.fetch(request).await;
        if let Ok(page) = &result {
            self.next = O::next_link(page).map(|link| PageRequest::Link(link.to_owned()));
        }
        Some(result)
    }

    async fn fetch(&mut self, request: PageRequest) -> Result<O::Output, Error> {
        if matches!(request, PageRequest::First) {
            self.client.check_cloud::<O>()?;
        }
        let base = self.client.base_url_for::<O>()?;
        let origin_of_base = match &self.origin {
            Some(o) => o.clone(),
            None => {
                let o = origin(&base)
                    .ok_or_else(|| Error::InvalidRequest { message: format!("base URL `{base}` has no origin") })?;
                self.origin = Some(o.clone());
                o
            }
        };
        let request = match request {
            PageRequest::First => self.operation.to_http(&base)?,
            PageRequest::Link(link) => {
                if origin(&link).as_ref() != Some(&origin_of_base) {
                    return Err(Error::InvalidRequest {
                        message: format!(
                            "refusing to follow @odata.nextLink `{link}`: it leaves {}://{}:{}",
                            origin_of_base.0, origin_of_base.1, origin_of_base.2
                        ),
                    });
                }
                ::http::Request::get(link.as_str())
                    .header(::http::header::ACCEPT, "application/json")
                    .body(Vec::new())
                    .map_err(|e| Error::InvalidRequest { message: format!("bad @odata.nextLink `{link}`: {e}") })?
            }
        };
        self.page += 1;
        let sent = Sent::Operation { operation: &*self.operation, page: self.page };
        O::from_http(self.client.complete(request, sent).await?)
    }

    /// The pages as a [`futures_core::Stream`].
    pub fn into_stream(self) -> impl ::futures_core::Stream<Item = Result<O::Output, Error>> + 'a
    where
        O: 'a,
    {
        ::futures_util::stream::unfold(self, |mut pages| async move { pages.next().await.map(|page| (page, pages)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_is_capped_and_jittered_in_its_upper_half() {
        let policy = RetryPolicy { initial_backoff: Duration::from_millis(100), ..RetryPolicy::default() };
        assert_eq!(policy.backoff(1, 1.0), Duration::from_millis(100));
        assert_eq!(policy.backoff(3, 1.0), Duration::from_millis(400));
        assert_eq!(policy.backoff(3, 0.0), Duration::from_millis(200));
        assert_eq!(policy.backoff(40, 1.0), policy.max_backoff);
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j));
        }
    }

    #[test]
    fn only_throttling_and_unavailability_are_retried() {
        for (code, retry) in
            [(429, true), (503, true), (504, true), (500, false), (400, false), (404, false), (200, false)]
        {
            assert_eq!(is_retryable(::http::StatusCode::from_u16(code).unwrap()), retry, "{code}");
        }
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(origin("https://graph.microsoft.com/v1.0/x"), origin("https://GRAPH.microsoft.com:443/beta"));
        assert_ne!(origin("https://graph.microsoft.com/v1.0"), origin("http://graph.microsoft.com/v1.0"));
        assert_ne!(origin("http://127.0.0.1:8080/a"), origin("http://127.0.0.1:8081/a"));
        assert_eq!(origin("not a url"), None);
    }

    #[test]
    fn clouds_and_the_builder_never_show_the_token() {
        let builder = Client::builder().bearer_token("secret-token-value");
        assert!(!format!("{builder:?}").contains("secret-token-value"));
        let client = builder.build().unwrap();
        assert!(!format!("{client:?}").contains("secret-token-value"));
        assert!(Client::builder().base_url("not a url").build().is_err());
        assert!(Client::builder().base_url("ftp://example.com/x").build().is_err());
    }
}
