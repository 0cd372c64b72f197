//! The one error type of a generated crate, and the OData error body Graph returns.

use ::std::fmt;

/// A result whose error is the crate's [`Error`] (another error type can still be named).
pub type Result<T, E = Error> = ::std::result::Result<T, E>;

/// Everything that can go wrong building a request, sending it or reading its answer.
///
/// Variants tell the failure apart so that a caller can react: retry a transport
/// failure or a timeout, read the OData code of an HTTP error, look at the raw text of
/// a body that did not decode. No variant ever holds request headers, so a bearer token
/// cannot leak through `Debug` or `Display`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built: a bad base URL, an empty path parameter, a
    /// header value with characters HTTP forbids, a body that does not serialize.
    InvalidRequest {
        /// What was wrong, naming the parameter or the URL.
        message: String,
    },
    /// The server answered with a status outside 2XX.
    Status(Box<ErrorResponse>),
    /// A 2XX answer whose body is not what the operation promises.
    Decode {
        /// The status of the answer.
        status: ::http::StatusCode,
        /// Why decoding failed (serde's message, with line and column for JSON).
        message: String,
        /// The body as text (lossy UTF-8), so that nothing the server said is lost.
        body: String,
    },
    /// The request never got an answer: connection refused, reset, TLS failure.
    Transport {
        /// What the HTTP stack reported.
        message: String,
        /// The underlying error, when the HTTP stack gave one.
        source: Option<Box<dyn ::std::error::Error + Send + Sync>>,
    },
    /// Signing in failed: the token endpoint refused the credential (a wrong secret, an
    /// unknown client or tenant), or its answer holds no token. An endpoint that cannot
    /// be reached is a [`Error::Transport`].
    SignIn {
        /// Who signed in where, and the reason the endpoint gave; never the credential.
        message: String,
    },
    /// No complete answer arrived within the configured time.
    Timeout {
        /// The limit that was reached.
        after: ::std::time::Duration,
    },
    /// A step of a batch that was not run because a step it depends on failed (Graph's
    /// 424 Failed Dependency).
    DependencyFailed {
        /// The step's id in its batch.
        step: String,
    },
    /// A step of a batch that has no answer of its own: the `$batch` request carrying it
    /// failed, or the batch's answer has no readable entry for it. The failure says which,
    /// and whether the step may have run ([`StepFailure::may_have_run`]).
    BatchStep {
        /// The step's id in its batch.
        step: String,
        /// Why it has no answer.
        failure: StepFailure,
    },
    /// A request the API sent (a webhook) that is not what its description says: another
    /// method or media type, or a body that does not decode.
    IncomingRequest {
        /// What was wrong.
        message: String,
        /// The body as text (lossy UTF-8), so that nothing that arrived is lost.
        body: String,
    },
    /// The operation's reference page documents it as unavailable in the client's
    /// national cloud, and the client was built with strict cloud checks.
    UnavailableInCloud {
        /// The operation (its Rust type).
        operation: &'static str,
        /// The cloud the client sends to.
        cloud: super::cloud::Cloud,
    },
}

/// A non-2XX answer: its status, headers, the raw body and the OData error it holds.
#[derive(Debug, Clone)]
pub struct ErrorResponse {
    /// The HTTP status.
    pub status: ::http::StatusCode,
    /// The response headers (never the request's, so no credentials).
    pub headers: ::http::HeaderMap,
    /// The OData error parsed from the body, when the body is one.
    pub odata: Option<ODataError>,
    /// The body as text (lossy UTF-8).
    pub body: String,
}

impl ErrorResponse {
    /// Builds the error for a non-2XX answer, parsing an OData error body if there is one.
    pub fn new(status: ::http::StatusCode, headers: ::http::HeaderMap, body: &[u8]) -> Self {
        let odata = ::serde_json::from_slice::<ODataError>(body).ok();
        ErrorResponse { status, headers, odata, body: String::from_utf8_lossy(body).into_owned() }
    }

    /// The OData error code, e.g. `Request_ResourceNotFound`.
    pub fn code(&self) -> Option<&str> {
        self.odata.as_ref().map(|e| e.error.code.as_str())
    }

    /// The OData error message.
    pub fn message(&self) -> Option<&str> {
        self.odata.as_ref().map(|e| e.error.message.as_str())
    }

    /// The server's request id: the `request-id` header, else the one in `innerError`.
    pub fn request_id(&self) -> Option<&str> {
        self.header("request-id").or_else(|| self.inner().and_then(|i| i.request_id.as_deref()))
    }

    /// The `client-request-id` the request carried, as echoed by the server.
    pub fn client_request_id(&self) -> Option<&str> {
        self.header("client-request-id").or_else(|| self.inner().and_then(|i| i.client_request_id.as_deref()))
    }

    /// How long the server asked us to wait (`Retry-After`, in seconds or as an HTTP date).
    pub fn retry_after(&self) -> Option<::std::time::Duration> {
        self.header("retry-after").and_then(|v| parse_retry_after(v, ::std::time::SystemTime::now()))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn inner(&self) -> Option<&InnerError> {
        self.odata.as_ref().and_then(|e| e.error.inner_error.as_ref())
    }
}

/// Parses a `Retry-After` value: delay-seconds or an HTTP-date in any of RFC 9110's three
/// forms (§5.6.7: IMF-fixdate, the obsolete RFC 850 and asctime forms, all read by
/// `httpdate`). A date in the past means "now" (zero); anything unparseable is `None`.
pub fn parse_retry_after(value: &str, now: ::std::time::SystemTime) -> Option<::std::time::Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(::std::time::Duration::from_secs(seconds));
    }
    let at = ::httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest { message } => write!(f, "invalid request: {message}"),
            Error::Status(response) => fmt::Display::fmt(response, f),
            Error::Decode { status, message, body } => {
                write!(f, "could not decode the {status} response: {message}; body: {}", excerpt(body))
            }
            Error::Transport { message, .. } => write!(f, "transport failure: {message}"),
            Error::SignIn { message } => write!(f, "sign-in failed: {message}"),
            Error::Timeout { after } => write!(f, "no response within {after:?}"),
            Error::DependencyFailed { step } => {
                write!(f, "batch step {step} was not run: a step it depends on failed")
            }
            Error::IncomingRequest { message, body } => {
                write!(f, "incoming request refused: {message}; body: {}", excerpt(body))
            }
            Error::BatchStep { step, failure } => write!(f, "batch step {step} has no answer: {failure}"),
            Error::UnavailableInCloud { operation, cloud } => {
                write!(f, "{operation} is documented as unavailable in {cloud}; not sent (strict cloud checks)")
            }
        }
    }
}

impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match &self.odata {
            Some(e) => write!(f, ": {}: {}", e.error.code, e.error.message)?,
            None if !self.body.is_empty() => write!(f, ": {}", excerpt(&self.body))?,
            None => {}
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request-id {id})")?;
        }
        if let Some(id) = self.client_request_id() {
            write!(f, " (client-request-id {id})")?;
        }
        Ok(())
    }
}

/// At most 200 characters of a body, so an HTML error page does not flood a log line.
fn excerpt(body: &str) -> &str {
    match body.char_indices().nth(200) {
        Some((end, _)) => &body[..end],
        None => body,
    }
}

impl ::std::error::Error for Error {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Transport { source: Some(source), .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl Error {
    /// The HTTP status, for `Status` and `Decode` errors.
    pub fn status(&self) -> Option<::http::StatusCode> {
        match self {
            Error::Status(response) => Some(response.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The non-2XX answer, if this is one.
    pub fn response(&self) -> Option<&ErrorResponse> {
        match self {
            Error::Status(response) => Some(response),
            _ => None,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidRequest { message: message.into() }
    }
}

/// The body of an OData error answer: `{"error": {"code": …, "message": …}}`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ODataError {
    /// The error itself.
    pub error: MainError,
}

/// The `error` member of an OData error.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct MainError {
    /// A service-defined error code, e.g. `Request_ResourceNotFound`.
    pub code: String,
    /// A human-readable message.
    pub message: String,
    /// The target of the error, when the service names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Further errors that led to this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetails>,
    /// Service-specific detail: request id, date, and whatever else the service adds.
    #[serde(rename = "innerError", alias = "innererror", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
}

/// One entry of `error.details`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ErrorDetails {
    /// The detail's code.
    pub code: String,
    /// The detail's message.
    pub message: String,
    /// The detail's target, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// `error.innerError`: the request id and date Graph adds, and anything else kept as is.
#[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
pub struct InnerError {
    /// The server's id for the request; quote it to Microsoft support.
    #[serde(rename = "request-id", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The id the client sent in `client-request-id`.
    #[serde(rename = "client-request-id", default, skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    /// When the error happened, as the server wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Every other member, unchanged.
    #[serde(flatten)]
    pub other: ::serde_json::Map<String, ::serde_json::Value>,
}

/// Why a step has no answer of its own to decode ([`Error::BatchStep`]; `batch` re-exports it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StepFailure {
    /// The `$batch` request that carried the step failed as a whole: no answer came
    /// (transport failure, timeout), the batch itself was answered outside 2XX, or its
    /// answer is not a batch answer. `cause` is that error's text.
    Request {
        /// What went wrong with the request, as its error says.
        cause: String,
        /// The status of the batch's own answer, when one came.
        status: Option<::http::StatusCode>,
        /// Whether the service may have run the step (it got the request and its answer
        /// was lost or unreadable), as opposed to surely not (the connection was never
        /// made, or the batch was refused as a whole with a 4XX).
        may_have_run: bool,
    },
    /// The batch's answer was read, and holds no entry for the step (or only an entry
    /// without an id, kept in the answer's `unattributed()`). The step may have run.
    NotAnswered,
    /// The step's entry in the answer cannot be read (a status that is no HTTP status).
    /// The entry is kept as it came; the step may have run.
    UnreadableAnswer {
        /// What is wrong with the entry.
        message: String,
        /// The entry, as JSON text.
        entry: String,
    },
}

impl StepFailure {
    /// Whether the service may have run the step despite this failure: only a request
    /// that surely never reached the service says no.
    pub fn may_have_run(&self) -> bool {
        match self {
            StepFailure::Request { may_have_run, .. } => *may_have_run,
            StepFailure::NotAnswered | StepFailure::UnreadableAnswer { .. } => true,
        }
    }

    /// The failure of every step of a `$batch` request that ended in `error`.
    pub fn of_request(error: &Error) -> StepFailure {
        let (status, may_have_run) = match error {
            // A 4XX (a 429 the client gave up on included) refuses the batch as a whole;
            // a 5XX may come after some steps ran.
            Error::Status(response) => (Some(response.status), !response.status.is_client_error()),
            Error::Decode { status, .. } => (Some(*status), true),
            Error::Transport { source: Some(source), .. } if is_connect(source.as_ref()) => (None, false),
            _ => (None, true),
        };
        StepFailure::Request { cause: error.to_string(), status, may_have_run }
    }
}

/// Whether a transport error says the connection was never made (nothing was sent).
fn is_connect(error: &(dyn ::std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<::std::io::Error>() {
            if io.kind() == ::std::io::ErrorKind::ConnectionRefused {
                return true;
            }
        }
        current = e.source();
    }
    false
}

impl ::std::fmt::Display for StepFailure {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            StepFailure::Request { cause, .. } => write!(f, "the $batch request carrying it failed: {cause}")?,
            StepFailure::NotAnswered => write!(f, "the batch's answer has no entry for it")?,
            StepFailure::UnreadableAnswer { message, entry } => {
                write!(f, "its entry in the batch's answer cannot be read ({message}): {entry}")?
            }
        }
        if self.may_have_run() {
            write!(f, "; the step may have run")
        } else {
            write!(f, "; the step did not run")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.","innerError":{"date":"2024-01-01T00:00:00","request-id":"r-1","client-request-id":"c-1","extra":1}}}"#;

    #[test]
    fn odata_error_parses_and_displays_code_and_message() {
        let mut headers = ::http::HeaderMap::new();
        headers.insert("retry-after", ::http::HeaderValue::from_static("7"));
        let r = ErrorResponse::new(::http::StatusCode::NOT_FOUND, headers, BODY.as_bytes());
        assert_eq!(r.code(), Some("Request_ResourceNotFound"));
        assert_eq!(r.request_id(), Some("r-1"));
        assert_eq!(r.client_request_id(), Some("c-1"));
        assert_eq!(r.retry_after(), Some(::std::time::Duration::from_secs(7)));
        let shown = Error::Status(Box::new(r)).to_string();
        assert_eq!(
            shown,
            "HTTP 404 Not Found: Request_ResourceNotFound: Resource 'x' does not exist. (request-id r-1) (client-request-id c-1)"
        );
    }

    #[test]
    fn non_json_error_body_is_kept_as_text() {
        let r =
            ErrorResponse::new(::http::StatusCode::BAD_GATEWAY, ::http::HeaderMap::new(), b"<html>bad gateway</html>");
        assert!(r.odata.is_none());
        assert_eq!(r.body, "<html>bad gateway</html>");
        assert_eq!(r.to_string(), "HTTP 502 Bad Gateway: <html>bad gateway</html>");
    }

    #[test]
    fn retry_after_accepts_seconds_and_http_dates() {
        let now = ::std::time::UNIX_EPOCH + ::std::time::Duration::from_secs(784_111_777 - 10);
        assert_eq!(parse_retry_after("120", now), Some(::std::time::Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(::std::time::Duration::from_secs(10)));
        // The obsolete forms RFC 9110 asks a recipient to read as well.
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
            Some(::std::time::Duration::from_secs(10))
        );
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994", now), Some(::std::time::Duration::from_secs(10)));
        assert_eq!(parse_retry_after(" 5 ", now), Some(::std::time::Duration::from_secs(5)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:27 GMT", now), Some(::std::time::Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
