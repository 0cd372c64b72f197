//! How a client's requests reach a server (feature `client`): the [`Transport`] trait, what
//! the client hands it for one attempt and what it gives back, and [`HttpTransport`] over
//! reqwest. A test's `Mock` is another transport.

use super::error::Error;
use super::operation::{HttpRequest, Sendable};
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::Arc;
use ::std::time::Duration;

/// What the client hands its [`Transport`] for one attempt.
pub struct Exchange<'a> {
    /// The request as it goes on the wire: the operation's, with the bearer token and the
    /// `client-request-id`.
    pub request: HttpRequest,
    /// The limit for the attempt (with `streaming`: until the answer starts).
    pub timeout: Duration,
    /// Whether the answer's body is read as it arrives ([`Client::stream`](super::client::Client::stream)).
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
    /// A request given as it is ([`Client::execute`](super::client::Client::execute)).
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

    /// The chunks, a whole body as one.
    pub(crate) fn into_chunks(self) -> BodyStream {
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
        let http = ::reqwest::Client::builder().redirect(::reqwest::redirect::Policy::none()).build().map_err(|e| {
            Error::Transport { message: format!("cannot build the HTTP client: {e}"), source: Some(Box::new(e)) }
        })?;
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

/// The origin of a URL (scheme, host and port, the scheme's default port filled in), as
/// the URL standard defines it; `None` for a URL that is not absolute or whose origin is
/// opaque (not `http`/`https`), so two such URLs never count as one origin.
pub fn origin(url: &str) -> Option<::url::Origin> {
    let origin = ::url::Url::parse(url).ok()?.origin();
    origin.is_tuple().then_some(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(origin("https://graph.microsoft.com/v1.0/x"), origin("https://GRAPH.microsoft.com:443/beta"));
        assert_ne!(origin("https://graph.microsoft.com/v1.0"), origin("http://graph.microsoft.com/v1.0"));
        assert_ne!(origin("http://127.0.0.1:8080/a"), origin("http://127.0.0.1:8081/a"));
        assert_eq!(origin("not a url"), None);
        assert_eq!(origin("data:text/plain,x"), None);
        assert_eq!(
            origin("https://graph.microsoft.com/a").map(|o| o.ascii_serialization()).as_deref(),
            Some("https://graph.microsoft.com")
        );
    }
}
