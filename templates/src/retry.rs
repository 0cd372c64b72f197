//! When the client sends a request again (feature `client`): which answers are worth
//! retrying, how long to wait (the server's `Retry-After`, else a jittered exponential
//! backoff), and how much retrying one call may take. The client and the waiters both ask
//! here, so that "throttled" means one thing.

use ::std::time::Duration;

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
    /// Whether a server's `Retry-After` is waited before the retry (default: yes). Off,
    /// the backoff alone paces retries: for tests, whose mocks ask for waits nobody
    /// needs to sit through ([`RetryPolicy::without_waiting`]); never against a service.
    pub wait_retry_after: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_total_wait: Duration::from_secs(120),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            wait_retry_after: true,
        }
    }
}

impl RetryPolicy {
    /// Retries as many times as the default policy, at once: no backoff, no `Retry-After`
    /// waited (what a mock's client uses, so that a throttled answer costs a test nothing).
    pub fn without_waiting() -> Self {
        RetryPolicy {
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
            wait_retry_after: false,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (1-based) without `Retry-After`: exponential,
    /// capped, with jitter in its upper half so that clients do not retry in lockstep.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponential = self.initial_backoff.saturating_mul(1u32 << retry.saturating_sub(1).min(20));
        let capped = exponential.min(self.max_backoff);
        capped.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// The wait before retry number `retry`: the server's `Retry-After` when it names a
    /// positive delay (and the policy waits it), else [`RetryPolicy::backoff`]. A `Retry-After` of zero does not mean
    /// "resend at once": a server that says it every time would get a burst of requests.
    pub fn delay(&self, retry_after: Option<Duration>, retry: u32, jitter: f64) -> Duration {
        match retry_after {
            Some(wait) if !wait.is_zero() && self.wait_retry_after => wait,
            _ => self.backoff(retry, jitter),
        }
    }
}

/// The delay a `Retry-After` header names, if it names one.
pub fn retry_after(headers: &::http::HeaderMap) -> Option<Duration> {
    let value = headers.get(::http::header::RETRY_AFTER)?.to_str().ok()?;
    super::error::parse_retry_after(value, ::std::time::SystemTime::now())
}

/// Whether a status is worth retrying: throttling and transient unavailability only.
pub fn is_retryable(status: ::http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503 | 504)
}

/// A number in `[0, 1)` that differs between calls (no extra dependency for jitter).
pub fn jitter() -> f64 {
    use ::std::hash::{BuildHasher, Hasher};
    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
    hasher
        .write_u128(::std::time::SystemTime::now().duration_since(::std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
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
    fn without_waiting_retries_as_often_with_no_wait_at_all() {
        let policy = RetryPolicy::without_waiting();
        assert_eq!(policy.max_attempts, RetryPolicy::default().max_attempts);
        assert_eq!(policy.delay(Some(Duration::from_secs(30)), 1, 1.0), Duration::ZERO);
        assert_eq!(policy.delay(None, 3, 1.0), Duration::ZERO);
        assert_eq!(RetryPolicy::default().delay(Some(Duration::from_secs(30)), 1, 1.0), Duration::from_secs(30));
    }
}
