//! The command line's own sign-in (feature `cli`), without Azure identity's crates: the
//! OAuth 2.0 client-credentials grant from Azure identity's usual variables
//! (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`) at the cloud's Microsoft
//! Entra authority ([`Cloud::authority`]), or at `AZURE_AUTHORITY_HOST` when it is set (the
//! Azure SDKs' name; `http://` only for a loopback address, such as a test's fake). Each
//! token is kept in a [`TokenCache`] until five minutes before the `expires_in` its answer
//! gives, so `list --all` over many pages signs in once.

use super::client::{TokenFuture, TokenProvider};
use super::cloud::Cloud;
use super::error::Error;
use super::token_cache::{Fetched, TokenCache};
use ::serde_json::Value;
use ::std::time::{Duration, SystemTime};

/// The variable that names another sign-in authority (scheme and host).
pub const AUTHORITY_HOST_ENV: &str = "AZURE_AUTHORITY_HOST";

/// A client secret from the environment as a [`TokenProvider`]; its `Debug` shows neither
/// the secret nor a token.
pub struct ClientSecret {
    tenant: String,
    client_id: String,
    secret: String,
    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    token_url: String,
    http: ::reqwest::Client,
    cache: TokenCache,
}

impl ::std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ClientSecret")
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id)
            .field("token_url", &self.token_url)
            .finish_non_exhaustive()
    }
}

impl ClientSecret {
    /// The credential the environment gives, for `cloud`: `Ok(None)` unless the tenant, the
    /// client id and the secret are all set; an error (naming the variable, never the
    /// secret) when the tenant or `AZURE_AUTHORITY_HOST` is not one.
    pub fn from_env(cloud: Cloud) -> Result<Option<ClientSecret>, String> {
        let var = |name: &str| ::std::env::var(name).ok().filter(|v| !v.is_empty());
        let (Some(tenant), Some(client_id), Some(secret)) =
            (var("AZURE_TENANT_ID"), var("AZURE_CLIENT_ID"), var("AZURE_CLIENT_SECRET"))
        else {
            return Ok(None);
        };
        let authority = match var(AUTHORITY_HOST_ENV) {
            Some(given) => authority_host(&given)?,
            None => cloud.authority().to_owned(),
        };
        // The tenant goes into the URL's path: a GUID or a domain name, nothing else.
        if !tenant.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')) {
            return Err(format!("AZURE_TENANT_ID {tenant:?} is not a tenant id or domain name"));
        }
        // No redirects: a 307 would carry the secret to another host.
        let http = ::reqwest::Client::builder()
            .redirect(::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| format!("cannot build the HTTP client for signing in: {e}"))?;
        Ok(Some(ClientSecret {
            token_url: format!("{authority}/{tenant}/oauth2/v2.0/token"),
            tenant,
            client_id,
            secret,
            http,
            cache: TokenCache::new(),
        }))
    }

    /// One token request: the token, and its expiry (when it was asked for plus the
    /// answer's `expires_in`; an answer without one gives a token that is not reused).
    async fn fetch(&self, scope: &str) -> Result<Fetched, Error> {
        let form = ::serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.secret,
            "scope": scope,
        });
        let body = super::operation::form_pairs(&form)?;
        let asked = SystemTime::now();
        let url = &self.token_url;
        let transport = |e: ::reqwest::Error| Error::Transport {
            message: format!("signing in at {url}: {e}"),
            source: Some(Box::new(e)),
        };
        let answer = self
            .http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(transport)?;
        let status = answer.status();
        let text = answer.text().await.map_err(transport)?;
        let answer: Value = ::serde_json::from_str(&text).unwrap_or(Value::Null);
        match answer.get("access_token").and_then(Value::as_str) {
            Some(token) if status.is_success() => {
                let lifetime = expires_in(&answer).unwrap_or(0);
                Ok(Fetched { token: token.to_owned(), expires: asked + Duration::from_secs(lifetime) })
            }
            _ => {
                let reason = ["error_description", "error"]
                    .iter()
                    .find_map(|member| answer.get(member).and_then(Value::as_str))
                    .unwrap_or(if status.is_success() {
                        "the answer holds no access_token"
                    } else {
                        "no reason given"
                    });
                // The endpoint's words, without the secret should it ever echo it.
                let reason = reason.replace(self.secret.as_str(), "<redacted>").replace("\r\n", "\n");
                Err(Error::SignIn {
                    message: format!("{url} answered {status} for the client {}: {}", self.client_id, reason.trim()),
                })
            }
        }
    }
}

/// The answer's `expires_in`, in seconds (a number, or a number as text as older
/// endpoints write it).
fn expires_in(answer: &Value) -> Option<u64> {
    match answer.get("expires_in")? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `AZURE_AUTHORITY_HOST` as the scheme and host (and port) to sign in at: `https://`, or
/// `http://` for a loopback address only (a secret is not sent in the clear elsewhere).
fn authority_host(given: &str) -> Result<String, String> {
    let wrong = |why: &str| format!("{AUTHORITY_HOST_ENV} {given:?} {why}");
    let uri: ::http::Uri = given.parse().map_err(|_| wrong("is not a URL"))?;
    let host = uri.host().ok_or_else(|| wrong("has no host"))?;
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<::std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if loopback => {}
        Some("http") => return Err(wrong("must be https:// (http:// only for a loopback address)")),
        _ => return Err(wrong("must start with https://")),
    }
    if uri.query().is_some() {
        return Err(wrong("must not have a query"));
    }
    Ok(given.trim_end_matches('/').to_owned())
}

impl TokenProvider for ClientSecret {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            let scope = Cloud::Global.scope();
            self.cache.token(&scope, || self.fetch(&scope)).await
        })
    }

    fn token_for<'a>(&'a self, scope: &'a str) -> TokenFuture<'a> {
        Box::pin(self.cache.token(scope, move || self.fetch(scope)))
    }

    fn invalidate(&self, scope: &str) {
        self.cache.invalidate(scope);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authority_host_is_https_or_a_loopback_address() {
        assert_eq!(authority_host("https://login.example.com/").as_deref(), Ok("https://login.example.com"));
        assert_eq!(authority_host("http://127.0.0.1:8080").as_deref(), Ok("http://127.0.0.1:8080"));
        assert_eq!(authority_host("http://localhost:1").as_deref(), Ok("http://localhost:1"));
        assert_eq!(authority_host("http://[::1]:1").as_deref(), Ok("http://[::1]:1"));
        for wrong in ["http://login.example.com", "login.example.com", "ftp://127.0.0.1", "https://h/?a=1", ""] {
            assert!(authority_host(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn expires_in_is_a_number_or_text() {
        assert_eq!(expires_in(&::serde_json::json!({"expires_in": 3599})), Some(3599));
        assert_eq!(expires_in(&::serde_json::json!({"expires_in": "3599"})), Some(3599));
        assert_eq!(expires_in(&::serde_json::json!({"expires_in": -1})), None);
        assert_eq!(expires_in(&::serde_json::json!({})), None);
    }
}
