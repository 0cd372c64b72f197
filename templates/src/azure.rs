//! Sign-in through Azure identity (feature `azure-identity`): any `azure_core`
//! [`TokenCredential`] (client secret, certificate, managed identity, workload identity,
//! developer tools, from the `azure_identity` crate or your own) as the client's
//! [`TokenProvider`].
//!
//! The client asks for a token for its cloud's `/.default` scope
//! (`https://graph.microsoft.us/.default` in US Government L4, …). A token is reused until
//! shortly before it expires, and forgotten when the service answers 401 because it
//! expired anyway (clock skew, revocation), so the next request asks for a new one.

use super::client::{ClientBuilder, TokenFuture, TokenProvider};
use super::error::Error;
use super::token_cache::{Fetched, TokenCache};
use ::azure_core::credentials::TokenCredential;
use ::std::sync::Arc;
use ::std::time::{Duration, UNIX_EPOCH};

/// How long before its expiry a token is no longer handed out (the shared cache's).
pub use super::token_cache::REFRESH_BEFORE_EXPIRY;

/// A [`TokenCredential`] as a [`TokenProvider`], caching one token per scope
/// ([`TokenCache`]).
pub struct AzureIdentity {
    credential: Arc<dyn TokenCredential>,
    cache: TokenCache,
}

impl ::std::fmt::Debug for AzureIdentity {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        // The credential's own Debug is Azure's (it redacts secrets); tokens are never shown.
        f.debug_struct("AzureIdentity").field("credential", &self.credential).finish_non_exhaustive()
    }
}

impl AzureIdentity {
    /// Wraps a credential.
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureIdentity { credential, cache: TokenCache::new() }
    }

    async fn fetch(&self, scope: &str) -> Result<String, Error> {
        self.cache
            .token(scope, || async {
                let access = self.credential.get_token(&[scope], None).await.map_err(|e| Error::Transport {
                    message: format!("Azure identity could not get a token for {scope}: {e}"),
                    source: Some(Box::new(e)),
                })?;
                let seconds = u64::try_from(access.expires_on.unix_timestamp()).unwrap_or(0);
                Ok(Fetched {
                    token: access.token.secret().to_owned(),
                    expires: UNIX_EPOCH + Duration::from_secs(seconds),
                })
            })
            .await
    }
}

impl TokenProvider for AzureIdentity {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { self.fetch(&super::cloud::Cloud::Global.scope()).await })
    }

    fn token_for<'a>(&'a self, scope: &'a str) -> TokenFuture<'a> {
        Box::pin(self.fetch(scope))
    }

    fn invalidate(&self, scope: &str) {
        self.cache.invalidate(scope);
    }
}

impl ClientBuilder {
    /// Signs in with an Azure identity credential (any `azure_core` [`TokenCredential`],
    /// e.g. `azure_identity::ClientSecretCredential` or `ManagedIdentityCredential`),
    /// asking it for the `/.default` scope of the client's cloud and reusing each token
    /// until shortly before it expires.
    pub fn credential(self, credential: Arc<dyn TokenCredential>) -> Self {
        self.token_provider(AzureIdentity::new(credential))
    }
}

/// azure_core's HTTP transport on this crate's own `reqwest` client, so that a credential's
/// token requests need no second HTTP stack: build `azure_identity` without its default
/// features and give its credentials [`credential_options`].
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    http: ::reqwest::Client,
}

impl ReqwestTransport {
    /// A transport on `http`.
    pub fn new(http: ::reqwest::Client) -> Self {
        ReqwestTransport { http }
    }
}

impl Default for ReqwestTransport {
    /// A client without redirects (as azure_core's own) and with a one-minute timeout.
    fn default() -> Self {
        let http = ::reqwest::Client::builder()
            .redirect(::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap_or_default();
        ReqwestTransport { http }
    }
}

#[::async_trait::async_trait]
impl ::azure_core::http::HttpClient for ReqwestTransport {
    async fn execute_request(
        &self,
        request: &::azure_core::http::Request,
    ) -> ::azure_core::Result<::azure_core::http::AsyncRawResponse> {
        use ::azure_core::error::{Error as AzureError, ErrorKind};
        use ::azure_core::http::Body;
        use ::futures_util::StreamExt as _;
        let method = ::reqwest::Method::from_bytes(request.method().as_str().as_bytes())
            .map_err(|e| AzureError::with_error(ErrorKind::Other, e, "an HTTP method reqwest does not know"))?;
        let mut outgoing = self.http.request(method, request.url().as_str());
        for (name, value) in request.headers().iter() {
            outgoing = outgoing.header(name.as_str(), value.as_str());
        }
        let body = match request.body().clone() {
            Body::Bytes(bytes) => bytes.to_vec(),
            // Token requests are forms; a streamed body is read whole all the same.
            Body::SeekableStream(mut stream) => {
                let mut bytes = Vec::new();
                while let Some(chunk) = stream.next().await {
                    bytes.extend_from_slice(&chunk?);
                }
                bytes
            }
        };
        let answer = outgoing.body(body).send().await.map_err(|e| {
            let kind = if e.is_connect() { ErrorKind::Connection } else { ErrorKind::Io };
            AzureError::with_error(kind, e, "sending a token request")
        })?;
        let status = answer.status().as_u16();
        let mut headers = ::azure_core::http::headers::Headers::new();
        for (name, value) in answer.headers() {
            // Headers that are not text are not ones a token endpoint's client reads.
            if let Ok(value) = value.to_str() {
                headers.insert(name.as_str().to_owned(), value.to_owned());
            }
        }
        let bytes = answer
            .bytes()
            .await
            .map_err(|e| AzureError::with_error(ErrorKind::Io, e, "reading the answer to a token request"))?;
        Ok(::azure_core::http::AsyncRawResponse::from_bytes(status.into(), headers, bytes.to_vec()))
    }
}

/// Options for an `azure_identity` credential that signs in to `cloud`'s Microsoft Entra
/// authority ([`Cloud::authority`](super::cloud::Cloud::authority), the one place it is
/// written) through [`ReqwestTransport`].
pub fn credential_options(cloud: super::cloud::Cloud) -> ::azure_core::http::ClientOptions {
    let mut authority = ::azure_core::cloud::CustomConfiguration::default();
    authority.authority_host = cloud.authority().to_owned();
    let authority: ::azure_core::cloud::CloudConfiguration = authority.into();
    ::azure_core::http::ClientOptions {
        cloud: Some(Arc::new(authority)),
        transport: Some(::azure_core::http::Transport::new(Arc::new(ReqwestTransport::default()))),
        ..Default::default()
    }
}
