//! Waiting on the service (feature `client`): read something again and again until a
//! condition holds, at a bounded, jittered interval, within a total deadline. A read the
//! service throttles past the client's own retries waits its `Retry-After` and goes on;
//! any other error ends the wait. Dropping the future stops it: nothing runs in the
//! background.
//!
//! The deadline holds whatever the client does: a read still running at the deadline (its
//! client retrying a throttled answer, say) is dropped and the wait ends with
//! [`WaitError::TimedOut`]; the last read, started at the deadline, may take one interval. And no read is sent before the service allows it:
//! when a `Retry-After` (of the answer that handed the work over, or of a throttled read)
//! reaches past the deadline, the wait ends at once with `TimedOut`, keeping the last
//! value read, instead of reading again at the deadline.

use super::error::Error;
use ::std::time::{Duration, Instant};

/// How to wait: the interval between reads grows by half each time, from `interval` up
/// to `max_interval`, each wait varied by up to a fifth either way (so that many waiters
/// do not poll in step); no read starts after `deadline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// The first pause between two reads.
    pub interval: Duration,
    /// The longest pause between two reads.
    pub max_interval: Duration,
    /// The most the whole wait may take: no read starts after it, and a wait ends past it
    /// by one interval at most (the time its last read may take).
    pub deadline: Duration,
}

impl Default for Wait {
    /// 5 s at first, at most a minute between reads, an hour in all.
    fn default() -> Self {
        Wait {
            interval: Duration::from_secs(5),
            max_interval: Duration::from_secs(60),
            deadline: Duration::from_secs(3600),
        }
    }
}

impl Wait {
    /// The default pacing with this deadline.
    pub fn within(deadline: Duration) -> Self {
        Wait { deadline, ..Wait::default() }
    }

    /// This wait with another first interval (and a longest one no shorter).
    pub fn every(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self.max_interval = self.max_interval.max(interval);
        self
    }

    /// This wait with another longest interval.
    pub fn at_most_every(mut self, max_interval: Duration) -> Self {
        self.max_interval = max_interval.max(self.interval);
        self
    }
}

/// Why a wait ended without its condition.
#[derive(Debug)]
pub enum WaitError<T> {
    /// The deadline passed; `last` is the last value read (none if no read succeeded).
    TimedOut {
        /// The last value read.
        last: Option<T>,
        /// How long the wait took.
        waited: Duration,
        /// How many reads were made.
        reads: u32,
    },
    /// A read failed with an error waiting does not outlast (not a throttle, an
    /// unavailable service or a timeout of one read).
    Failed {
        /// The error.
        error: Error,
        /// The last value read before it.
        last: Option<T>,
    },
}

impl<T> WaitError<T> {
    /// The last value read, whatever ended the wait.
    pub fn last(&self) -> Option<&T> {
        match self {
            WaitError::TimedOut { last, .. } | WaitError::Failed { last, .. } => last.as_ref(),
        }
    }
}

impl<T> ::std::fmt::Display for WaitError<T> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            WaitError::TimedOut { waited, reads, last } => write!(
                f,
                "the condition did not hold within {:.1} s ({reads} reads; {})",
                waited.as_secs_f64(),
                if last.is_some() { "the last value read is kept" } else { "no read succeeded" }
            ),
            WaitError::Failed { error, .. } => write!(f, "a read failed while waiting: {error}"),
        }
    }
}

impl<T: ::std::fmt::Debug> ::std::error::Error for WaitError<T> {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            WaitError::Failed { error, .. } => Some(error),
            WaitError::TimedOut { .. } => None,
        }
    }
}

/// What a failed read means for the wait: `Some(pause)` to go on after it (the service's
/// `Retry-After` when it named one), `None` to stop.
fn outlasts(error: &Error) -> Option<Option<Duration>> {
    match error {
        Error::Status(response) if super::retry::is_retryable(response.status) => Some(response.retry_after()),
        Error::Timeout { .. } => Some(None),
        _ => None,
    }
}

/// Reads with `read` until `done` holds for what it read, pacing as `wait` says; the
/// first read is made at once, or after `first_pause` when one is given (a `Retry-After`
/// that came with the work).
pub async fn until<T, R, F>(
    wait: &Wait,
    first_pause: Option<Duration>,
    mut read: R,
    mut done: impl FnMut(&T) -> bool,
) -> Result<T, WaitError<T>>
where
    R: FnMut() -> F,
    F: ::std::future::Future<Output = Result<T, Error>>,
{
    let started = Instant::now();
    let mut interval = wait.interval;
    let mut last = None;
    let mut reads = 0u32;
    let mut final_read = false;
    if let Some(pause) = first_pause {
        if pause > wait.deadline {
            // The service asks not to be read before the deadline has passed.
            return Err(WaitError::TimedOut { last, waited: started.elapsed(), reads });
        }
        ::tokio::time::sleep(pause).await;
    }
    loop {
        // A read may take what is left of the deadline, and one that starts near it (the
        // last) an interval (no more than the whole deadline): so a wait ends past its
        // deadline by one interval at most, whatever the client's own retries would wait
        // (they sleep inside the read).
        let budget = wait.deadline.saturating_sub(started.elapsed()).max(interval.min(wait.deadline));
        reads += 1;
        let asked = match ::tokio::time::timeout(budget, read()).await {
            Err(_) => return Err(WaitError::TimedOut { last, waited: started.elapsed(), reads }),
            Ok(Ok(value)) => {
                if done(&value) {
                    return Ok(value);
                }
                last = Some(value);
                None
            }
            Ok(Err(error)) => match outlasts(&error) {
                Some(asked) => asked,
                None => return Err(WaitError::Failed { error, last }),
            },
        };
        let elapsed = started.elapsed();
        if final_read || elapsed >= wait.deadline {
            return Err(WaitError::TimedOut { last, waited: elapsed, reads });
        }
        let left = wait.deadline - elapsed;
        let pause = match asked {
            // Reading at the deadline would be a request the service asked not to get.
            Some(asked) if asked > left => return Err(WaitError::TimedOut { last, waited: elapsed, reads }),
            Some(asked) => asked,
            None => interval.mul_f64(0.8 + 0.4 * super::retry::jitter()).min(left),
        };
        // One last read at the deadline.
        final_read = pause >= left;
        ::tokio::time::sleep(pause).await;
        interval = interval.mul_f64(1.5).min(wait.max_interval);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> Wait {
        Wait {
            interval: Duration::from_millis(1),
            max_interval: Duration::from_millis(4),
            deadline: Duration::from_millis(200),
        }
    }

    #[tokio::test]
    async fn reads_until_the_condition_holds() {
        let mut n = 0;
        let got = until(
            &quick(),
            None,
            || {
                n += 1;
                let value = n;
                async move { Ok::<_, Error>(value) }
            },
            |v| *v == 3,
        )
        .await
        .expect("three reads");
        assert_eq!(got, 3);
    }

    #[tokio::test]
    async fn a_deadline_keeps_the_last_value() {
        let wait = Wait { deadline: Duration::from_millis(20), ..quick() };
        let error = until(&wait, None, || async { Ok::<_, Error>(7) }, |_| false).await.expect_err("never");
        assert!(matches!(error, WaitError::TimedOut { last: Some(7), .. }), "{error:?}");
        assert!(error.to_string().contains("did not hold within"), "{error}");
    }

    #[tokio::test]
    async fn throttling_is_outlasted_and_other_errors_end_the_wait() {
        let mut n = 0;
        let got = until(
            &quick(),
            None,
            || {
                n += 1;
                let value = n;
                async move {
                    if value < 3 {
                        Err(throttled(None))
                    } else {
                        Ok(value)
                    }
                }
            },
            |_| true,
        )
        .await
        .expect("after two throttles");
        assert_eq!(got, 3);
        let refused = until(&quick(), None, || async { Err::<u8, _>(Error::invalid("no")) }, |_| true).await;
        assert!(matches!(refused, Err(WaitError::Failed { last: None, .. })));
    }

    /// A 429, with a `Retry-After` of these seconds if given.
    fn throttled(retry_after: Option<u64>) -> Error {
        let mut headers = ::http::HeaderMap::new();
        if let Some(seconds) = retry_after {
            headers.insert(::http::header::RETRY_AFTER, ::http::HeaderValue::from(seconds));
        }
        Error::Status(Box::new(super::super::error::ErrorResponse::new(
            ::http::StatusCode::TOO_MANY_REQUESTS,
            headers,
            b"",
        )))
    }

    #[tokio::test]
    async fn a_read_that_outlasts_the_deadline_is_cut_there() {
        // A read whose client sits out a 2 s Retry-After, within a 100 ms deadline whose
        // interval is the default 5 s.
        let wait = Wait::within(Duration::from_millis(100));
        let started = Instant::now();
        let error = until(
            &wait,
            None,
            || async {
                ::tokio::time::sleep(Duration::from_secs(2)).await;
                Ok::<_, Error>(1)
            },
            |_| true,
        )
        .await
        .expect_err("cut at the deadline");
        assert!(started.elapsed() < Duration::from_millis(1000), "{:?}", started.elapsed());
        assert!(matches!(error, WaitError::TimedOut { last: None, reads: 1, .. }), "{error:?}");
    }

    #[tokio::test]
    async fn a_retry_after_past_the_deadline_ends_the_wait_without_reading_again() {
        let wait = Wait { deadline: Duration::from_millis(400), ..quick() };
        let mut n = 0;
        let started = Instant::now();
        let error = until(
            &wait,
            None,
            || {
                n += 1;
                let first = n == 1;
                async move {
                    if first {
                        Err(throttled(Some(3)))
                    } else {
                        Ok(2)
                    }
                }
            },
            |_| true,
        )
        .await
        .expect_err("the service asked for 3 s");
        assert_eq!(n, 1, "no second read before the Retry-After");
        assert!(started.elapsed() < Duration::from_millis(300), "{:?}", started.elapsed());
        assert!(matches!(error, WaitError::TimedOut { reads: 1, .. }), "{error:?}");
        // The same for the Retry-After of the answer that handed the work over.
        let error = until(&wait, Some(Duration::from_secs(3)), || async { Ok::<_, Error>(1) }, |_| true).await;
        assert!(matches!(error, Err(WaitError::TimedOut { reads: 0, .. })), "{error:?}");
    }
}
