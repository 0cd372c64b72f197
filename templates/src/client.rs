//! A ready HTTP client for the sans-IO operations: auth, retries, paging, national clouds.
//!
//! ```ignore
//! let client = Client::builder().cloud(Cloud::Global).bearer_token(token).build()?;
//! client.send(&ServicePrincipalSynchronizationJobStart::new(sp_id, job_id)).await?;
//! let mut pages = client.pages(&ServicePrincipalSynchronizationListJob::new(sp_id));
//! while let Some(page) = pages.next().await { for job in page?.value.unwrap_or_default() { /* … */ } }
//! ```

use super::batch::{chunks, resend, Batch, BatchRequest, BatchResponse, StepFailure};
use super::cloud::Cloud;
use super::error::Error;
use super::operation::{HttpRequest, HttpResponse, Operation, Sendable};
use super::retry::{is_retryable, jitter, retry_after};
use super::transport::HttpTransport;
// What a client is configured with and hands its transport, at the paths users know.
pub use super::retry::RetryPolicy;
pub use super::transport::{Answered, Body, Exchange, Sent, Transport, TransportFuture};
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
            let again = resend(&pending, &answers, &throttled);
            let asked =
                throttled.iter().filter_map(|id| answers.answer(id)).filter_map(|a| retry_after(&a.headers)).max();
            let wait = retry.delay(asked, round, jitter());
            all.merge(answers);
            if again.is_empty() || round >= retry.max_attempts || waited + wait > retry.max_total_wait {
                if !again.is_empty() {
                    ::tracing::warn!(
                        steps = again.len(),
                        round,
                        "not resending throttled batch steps: the retry budget is spent"
                    );
                }
                return Ok(all);
            }
            ::tracing::warn!(
                steps = again.len(),
                round,
                wait_ms = wait.as_millis() as u64,
                "resending throttled batch steps"
            );
            ::tokio::time::sleep(wait).await;
            waited += wait;
            round += 1;
            pending = again;
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
    pub(crate) async fn complete(&self, request: HttpRequest, sent: Sent<'_>) -> Result<HttpResponse, Error> {
        let (parts, body) = self.respond(request, false, sent).await?;
        let body = body.collect(self.inner.timeout).await?;
        Ok(::http::Response::from_parts(parts, body))
    }

    /// The timeout of each request, and of the wait between a stream's chunks.
    pub(crate) fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Sends a request through the transport with the token, the `client-request-id` and
    /// the timeout, retrying 429/503/504 and an expired token as the policy says; the
    /// answer, whose body (with `streaming`, of a 2XX) is still to read.
    pub(crate) async fn respond(
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
                let mut value = ::http::HeaderValue::from_str(&format!("Bearer {token}"))
                    .map_err(|_| Error::invalid("the token holds characters a header cannot carry"))?;
                // Marked sensitive: `Debug` of the request, its headers and any recording
                // of it shows `Sensitive`, never the token (and HTTP/2 never indexes it).
                value.set_sensitive(true);
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

/// A random (version 4) UUID, as Graph expects in `client-request-id`.
fn new_request_id() -> String {
    ::uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
