//! Answers as they came (feature `client`): an operation's answer undecoded, an operation
//! sent with a body given as bytes, and following the `Location` of a `202 Accepted`. Each
//! goes through the client as [`Client::send`] does (token, `client-request-id`, retries),
//! and a request that is an operation is handed to the transport as that operation, so a
//! test's mock answers it by its rules for the operation.

use super::client::Client;
use super::error::Error;
use super::operation::{successful, HttpResponse, Operation};
use super::transport::{origin, Sent};

impl Client {
    /// Sends an operation and gives its 2XX answer as it came, undecoded (the bytes of a
    /// document to edit and send back exactly); an answer outside 2XX is the
    /// [`Error::Status`] that [`Client::send`] gives.
    pub async fn send_raw<O: Operation>(&self, operation: &O) -> Result<HttpResponse, Error> {
        self.check_cloud::<O>()?;
        let request = operation.to_http(&self.base_url_for::<O>()?)?;
        successful(self.complete(request, Sent::Operation { operation, page: 1 }).await?)
    }

    /// Sends an operation with `body` in place of the body its typed value renders (same
    /// method, URL, headers and content type): for a document read with
    /// [`Client::send_raw`], edited as JSON, that must go back byte for byte. The operation
    /// still says what the request is (a mock's rules and its recorded requests see it), so
    /// give it the body's typed reading where there is one. The 2XX answer as it came.
    pub async fn send_raw_body<O: Operation>(&self, operation: &O, body: Vec<u8>) -> Result<HttpResponse, Error> {
        self.check_cloud::<O>()?;
        let (parts, _) = operation.to_http(&self.base_url_for::<O>()?)?.into_parts();
        let request = ::http::Request::from_parts(parts, body);
        successful(self.complete(request, Sent::Operation { operation, page: 1 }).await?)
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
            successful(self.execute(request).await?)
        };
        super::wait::until(wait, accepted.retry_after, read, done).await
    }
}
