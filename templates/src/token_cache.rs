//! One token per scope, reused until shortly before it expires (feature `client`): what
//! every sign-in that fetches its own tokens shares, whatever it fetches them with (an
//! Azure identity credential, the command line's client-credentials grant).
//!
//! A token is handed out until [`REFRESH_BEFORE_EXPIRY`] before its expiry; requests that
//! find the cache cold wait for one fetch instead of each asking; [`TokenCache::invalidate`]
//! forgets a token the service refused as expired (clock skew, revocation), so the next
//! request fetches a new one.

use super::error::Error;
use ::std::future::Future;
use ::std::time::{Duration, SystemTime};

/// How long before its expiry a token is no longer handed out (Microsoft's SDKs refresh
/// five minutes early too).
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// A token as fetched: the token and when it expires.
pub struct Fetched {
    /// The access token, without the `Bearer ` prefix.
    pub token: String,
    /// When it expires.
    pub expires: SystemTime,
}

impl ::std::fmt::Debug for Fetched {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Fetched").field("token", &"<redacted>").field("expires", &self.expires).finish()
    }
}

/// Tokens by scope, and the lock that lets one fetch run at a time.
pub struct TokenCache {
    /// (scope, token, expiry); one entry per scope asked for.
    tokens: ::std::sync::Mutex<Vec<(String, String, SystemTime)>>,
    /// Serializes fetching, so that concurrent requests on a cold cache fetch once.
    fetching: ::tokio::sync::Mutex<()>,
}

impl ::std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        // Tokens are never shown; their scopes are no secret.
        let scopes: Vec<String> =
            self.tokens.lock().map(|t| t.iter().map(|(scope, _, _)| scope.clone()).collect()).unwrap_or_default();
        f.debug_struct("TokenCache").field("scopes", &scopes).finish_non_exhaustive()
    }
}

impl Default for TokenCache {
    fn default() -> Self {
        TokenCache::new()
    }
}

impl TokenCache {
    /// An empty cache.
    pub fn new() -> Self {
        TokenCache { tokens: ::std::sync::Mutex::new(Vec::new()), fetching: ::tokio::sync::Mutex::new(()) }
    }

    /// A token for `scope` that is still good for a while.
    fn cached(&self, scope: &str) -> Option<String> {
        let now = SystemTime::now();
        let tokens = self.tokens.lock().ok()?;
        tokens
            .iter()
            .find(|(s, _, expires)| s == scope && now + REFRESH_BEFORE_EXPIRY < *expires)
            .map(|(_, token, _)| token.clone())
    }

    /// The token for `scope`: the cached one while it is good, else what `fetch` gives
    /// (kept for the next requests). One fetch runs at a time; a request that waited for
    /// another's fetch takes its token.
    pub async fn token<F, Fut>(&self, scope: &str, fetch: F) -> Result<String, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fetched, Error>>,
    {
        if let Some(token) = self.cached(scope) {
            return Ok(token);
        }
        let _one_at_a_time = self.fetching.lock().await;
        // Another request may have fetched it while this one waited.
        if let Some(token) = self.cached(scope) {
            return Ok(token);
        }
        let Fetched { token, expires } = fetch().await?;
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.retain(|(s, _, _)| s != scope);
            tokens.push((scope.to_owned(), token.clone(), expires));
        }
        Ok(token)
    }

    /// Forgets the token for `scope` (the service said it expired).
    pub fn invalidate(&self, scope: &str) {
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.retain(|(s, _, _)| s != scope);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::sync::atomic::{AtomicUsize, Ordering};

    /// A fetch that counts itself and hands out `token-<n>` for `lifetime`.
    async fn counting(calls: &AtomicUsize, lifetime: Duration) -> Result<Fetched, Error> {
        let n = calls.fetch_add(1, Ordering::SeqCst) + 1;
        ::tokio::task::yield_now().await;
        Ok(Fetched { token: format!("token-{n}"), expires: SystemTime::now() + lifetime })
    }

    #[::tokio::test]
    async fn a_token_is_reused_per_scope_until_shortly_before_it_expires() {
        let cache = TokenCache::new();
        let calls = AtomicUsize::new(0);
        let hour = Duration::from_secs(3599);
        for _ in 0..30 {
            assert_eq!(cache.token("a", || counting(&calls, hour)).await.ok().as_deref(), Some("token-1"));
        }
        assert_eq!(cache.token("b", || counting(&calls, hour)).await.ok().as_deref(), Some("token-2"));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        // One that expires within five minutes is fetched anew each time.
        let short = TokenCache::new();
        let minutes = Duration::from_secs(4 * 60);
        short.token("a", || counting(&calls, minutes)).await.ok();
        short.token("a", || counting(&calls, minutes)).await.ok();
        assert_eq!(calls.load(Ordering::SeqCst), 4);
    }

    #[::tokio::test]
    async fn invalidate_forgets_one_scope_and_a_failed_fetch_keeps_nothing() {
        let cache = TokenCache::new();
        let calls = AtomicUsize::new(0);
        let hour = Duration::from_secs(3600);
        cache.token("a", || counting(&calls, hour)).await.ok();
        cache.token("b", || counting(&calls, hour)).await.ok();
        cache.invalidate("a");
        assert_eq!(cache.token("a", || counting(&calls, hour)).await.ok().as_deref(), Some("token-3"));
        assert_eq!(cache.token("b", || counting(&calls, hour)).await.ok().as_deref(), Some("token-2"));
        let failed = cache.token("c", || async { Err(Error::invalid("refused")) }).await;
        assert!(failed.is_err());
        assert_eq!(cache.token("c", || counting(&calls, hour)).await.ok().as_deref(), Some("token-4"));
        assert!(!format!("{cache:?}").contains("token-"), "{cache:?}");
    }

    #[::tokio::test]
    async fn concurrent_requests_on_a_cold_cache_fetch_once() {
        let cache = TokenCache::new();
        let calls = AtomicUsize::new(0);
        let hour = Duration::from_secs(3600);
        let ask = || cache.token("a", || counting(&calls, hour));
        let tokens = ::tokio::join!(ask(), ask(), ask(), ask());
        for token in [tokens.0, tokens.1, tokens.2, tokens.3] {
            assert_eq!(token.ok().as_deref(), Some("token-1"));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
