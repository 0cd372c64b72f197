//! Answers with what came beside the body: [`WithHeaders`] (any operation's output with
//! its status and headers) and [`Accepted`] (the output of an operation documented as
//! `202 Accepted`: the work continues on the service, at its `Location`).

use super::error::Error;
use super::operation::{HttpResponse, Operation};
use ::std::time::Duration;

/// An operation's typed output with the status and headers it came with
/// (`Client::send_with_headers`, or [`WithHeaders::decode`] sans-IO).
#[derive(Debug, Clone)]
pub struct WithHeaders<T> {
    /// The answer's status.
    pub status: ::http::StatusCode,
    /// Every header of the answer.
    pub headers: ::http::HeaderMap,
    /// The decoded output.
    pub value: T,
}

impl<T> WithHeaders<T> {
    /// Decodes an answer with `O::from_http`, keeping its status and headers.
    pub fn decode<O: Operation<Output = T>>(response: HttpResponse) -> Result<Self, Error> {
        let (status, headers) = (response.status(), response.headers().clone());
        O::from_http(response).map(|value| WithHeaders { status, headers, value })
    }

    /// A header's value, when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The service's id for the request (`request-id`), to quote to its support.
    pub fn request_id(&self) -> Option<&str> {
        self.header("request-id")
    }

    /// The `client-request-id` the request carried, as the service echoed it.
    pub fn client_request_id(&self) -> Option<&str> {
        self.header("client-request-id")
    }

    /// The `Location` header.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// How long the service asked to wait (`Retry-After`, seconds or an HTTP date).
    pub fn retry_after(&self) -> Option<Duration> {
        self.header("retry-after").and_then(|v| super::error::parse_retry_after(v, ::std::time::SystemTime::now()))
    }
}

/// The answer of an operation documented as `202 Accepted`: the service took the work and
/// goes on with it; `location` names where to follow it (`Client::follow`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Accepted {
    /// The `Location` header: where the work can be followed.
    pub location: Option<String>,
    /// How long the service asked to wait before looking (`Retry-After`).
    pub retry_after: Option<Duration>,
    /// The body, if the service sent one (as it came).
    pub body: Vec<u8>,
}

/// Decodes a `202 Accepted` answer (any 2XX is accepted: a service may answer 200 or 204
/// when the work is already done) into its [`Accepted`].
pub fn decode_accepted(response: HttpResponse) -> Result<Accepted, Error> {
    let headers = response.headers().clone();
    let (_, body) = super::operation::success(response)?;
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    Ok(Accepted {
        location: text("location").map(str::to_owned),
        retry_after: text("retry-after")
            .and_then(|v| super::error::parse_retry_after(v, ::std::time::SystemTime::now())),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accepted_answer_keeps_its_location_wait_and_body() {
        let response = ::http::Response::builder()
            .status(202)
            .header("location", "https://graph.microsoft.com/v1.0/auditLogs/provisioning?$filter=jobId eq 'j'")
            .header("retry-after", "3")
            .body(b"{}".to_vec())
            .expect("response");
        let accepted = decode_accepted(response).expect("accepted");
        assert!(accepted.location.as_deref().is_some_and(|l| l.ends_with("jobId eq 'j'")));
        assert_eq!(accepted.retry_after, Some(Duration::from_secs(3)));
        assert_eq!(accepted.body, b"{}");
        let refused = ::http::Response::builder().status(400).body(Vec::new()).expect("response");
        assert!(matches!(decode_accepted(refused), Err(Error::Status(_))));
    }
}
