//! Sequential answers read as they arrive (feature `client`): `Client::stream` yields each
//! item of a JSON-lines, JSON-sequence or event-stream answer as soon as it is complete,
//! and resumes a dropped stream of server-sent events where that is safe.
//!
//! A stream of events that drops (the connection fails before the body ends) is asked for
//! again with `Last-Event-ID` (the `id` of the last event read) after the wait the stream's
//! `retry` gave (else [`RESUME_AFTER`]), up to [`RESUMES`] times in a row, when repeating
//! the request is safe: a `GET` or `HEAD`, or an operation the caller marks
//! ([`super::sequence::Resumable`]). Any other request is never sent again: the drop is
//! the stream's last item, an error.

use super::client::Client;
use super::error::Error;
use super::sequence::{Decoder, Framing, Sequential};
use super::transport::{BodyStream, Sent};
use ::std::time::Duration;

/// How many times in a row a dropped stream of events is asked for again.
pub const RESUMES: u32 = 3;
/// The wait before asking again, when the stream gave no `retry`.
pub const RESUME_AFTER: Duration = Duration::from_secs(1);

impl Client {
    /// The items of a sequential answer (JSON Lines, JSON text sequences, server-sent
    /// events), each as soon as it has arrived. The request is retried as [`Client::send`]
    /// retries it until an answer starts; an item that does not decode is an error for that
    /// item and the items after it follow; an answer outside 2XX is one [`Error::Status`];
    /// a dropped stream of events is resumed as the module says. Dropping the stream
    /// closes the connection.
    pub fn stream<'a, O: Sequential>(
        &'a self,
        operation: &'a O,
    ) -> impl ::futures_core::Stream<Item = Result<O::Item, Error>> + 'a
    where
        O::Item: 'a,
    {
        enum State<T> {
            Start,
            /// The body's chunks, the decoder, the resumes in a row, whether to resume.
            Reading(BodyStream, Decoder<T>, u32, bool),
            Done,
        }
        ::futures_util::stream::unfold(State::Start, move |state| async move {
            let (mut chunks, mut decoder, mut resumes, resume) = match state {
                State::Done => return None,
                State::Reading(chunks, decoder, resumes, resume) => (chunks, decoder, resumes, resume),
                State::Start => match self.open(operation, None).await {
                    Err(error) => return Some((Err(error), State::Done)),
                    Ok((status, chunks, safe)) => {
                        let events = matches!(O::FRAMING, Framing::EventStream | Framing::EventData);
                        (chunks, O::decoder(status), 0, events && (safe || O::RESUMABLE))
                    }
                },
            };
            loop {
                if let Some(item) = decoder.next_item() {
                    return Some((item, State::Reading(chunks, decoder, 0, resume)));
                }
                if decoder.ended() {
                    return None;
                }
                // A stream may last: the timeout is for the wait between chunks.
                let next = ::futures_util::StreamExt::next(&mut chunks);
                match ::tokio::time::timeout(self.timeout(), next).await {
                    Ok(Some(Ok(bytes))) => decoder.feed(&bytes),
                    Ok(None) => return decoder.finish().map(|item| (item, State::Done)),
                    Ok(Some(Err(error))) => {
                        if resumes >= RESUMES || !resume {
                            return Some((Err(error), State::Done));
                        }
                        resumes += 1;
                        ::tokio::time::sleep(decoder.retry().unwrap_or(RESUME_AFTER)).await;
                        decoder.drop_partial();
                        match self.open(operation, decoder.last_event_id()).await {
                            Ok((_, resumed, _)) => chunks = resumed,
                            Err(error) => return Some((Err(error), State::Done)),
                        }
                    }
                    Err(_) => return Some((Err(Error::Timeout { after: self.timeout() }), State::Done)),
                }
            }
        })
    }

    /// Sends a sequential operation (with `Last-Event-ID` when resuming) and gives the
    /// status and chunks of its 2XX answer, and whether its request is safe to repeat (a
    /// `GET` or `HEAD`); an answer outside 2XX is its error.
    async fn open<O: Sequential>(
        &self,
        operation: &O,
        last_event_id: Option<&str>,
    ) -> Result<(::http::StatusCode, BodyStream, bool), Error> {
        self.check_cloud::<O>()?;
        let mut request = operation.to_http(&self.base_url_for::<O>()?)?;
        if let Some(id) = last_event_id.and_then(|id| ::http::HeaderValue::from_str(id).ok()) {
            request.headers_mut().insert("last-event-id", id);
        }
        let safe = matches!(*request.method(), ::http::Method::GET | ::http::Method::HEAD);
        let (parts, body) = self.respond(request, true, Sent::Operation { operation, page: 1 }).await?;
        if parts.status.is_success() {
            return Ok((parts.status, body.into_chunks(), safe));
        }
        let body = body.collect(self.timeout()).await?;
        match super::operation::success(::http::Response::from_parts(parts, body)) {
            Err(error) => Err(error),
            Ok(_) => Err(Error::invalid("an answer outside 2XX read as a success")),
        }
    }
}
