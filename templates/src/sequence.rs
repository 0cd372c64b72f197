//! Answers that are sequences of items (OpenAPI 3.2's `itemSchema` on a sequential media
//! type): JSON Lines (`application/jsonl`, `application/x-ndjson`), JSON text sequences
//! (`application/json-seq`, RFC 7464) and server-sent events (`text/event-stream`).
//!
//! [`Decoder`] is sans-IO: feed it the body's bytes as they arrive and take each item as
//! soon as it is complete. An item that does not decode is an error for that item only
//! ([`Error::Decode`] with the item's text); the items after it are read as usual. An
//! operation's `from_http` reads a whole body into [`Items`]; with the `client` feature,
//! `Client::stream` yields the items while the answer is still arriving.

use super::error::Error;
use super::operation::{HttpResponse, Operation};
use ::std::marker::PhantomData;

/// How the items of a sequential body are delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// One JSON value per line (`application/jsonl`, `application/x-ndjson`); blank lines
    /// are skipped.
    JsonLines,
    /// RFC 7464: each value after a record separator (0x1E), ended by a line feed
    /// (`application/json-seq`).
    JsonSeq,
    /// Server-sent events (`text/event-stream`): each event (lines up to a blank line) is
    /// read as an object of its fields (`data`, lines joined with `\n`; `event`; `id`;
    /// `retry` as a number), as OpenAPI 3.2 describes an event's item schema.
    EventStream,
    /// Server-sent events whose `data` is the item, as JSON (how 3.0 and 3.1 documents
    /// describe a stream: the `schema` of `text/event-stream` is each event's data). An
    /// event without data (comments, `retry` alone) is no item; a data that is one of
    /// [`SENTINELS`] ends the stream; `id` is kept for a resume ([`Decoder::last_event_id`]).
    EventData,
}

/// The `data` lines that end a stream of events instead of being an item (`[DONE]`, as
/// OpenAI-style APIs end theirs).
pub const SENTINELS: &[&str] = &["[DONE]"];

/// An operation whose answer is a sequence of items.
pub trait Sequential: Operation {
    /// One item of the answer.
    type Item: ::serde::de::DeserializeOwned;
    /// How the items are delimited.
    const FRAMING: Framing;
    /// Whether a dropped stream of events may be asked for again although its request is
    /// not a `GET` ([`Resumable`] says so for an operation whose repetition is safe).
    const RESUMABLE: bool = false;
    /// The `data` that ends a stream of events whose data is each item ([`SENTINELS`],
    /// and those the generator's config adds).
    const SENTINELS: &'static [&'static str] = SENTINELS;
    /// The member of each item that an event's name gives (its discriminator), when the
    /// items are told apart by the events' names.
    const EVENT_MEMBER: Option<&'static str> = None;

    /// A decoder of this operation's answer.
    fn decoder(status: ::http::StatusCode) -> Decoder<Self::Item> {
        Decoder::new(Self::FRAMING, status).ending_on(Self::SENTINELS).naming(Self::EVENT_MEMBER)
    }
}

/// Reads a sequential operation's whole answer into its items (its `from_http`).
pub fn decode_sequential<O: Sequential>(response: HttpResponse) -> Result<Items<O::Item>, Error> {
    let (status, body) = super::operation::success(response)?;
    let mut decoder = O::decoder(status);
    decoder.feed(&body);
    let mut items = Vec::new();
    while let Some(item) = decoder.finish() {
        items.push(item);
    }
    Ok(items)
}

/// An operation whose stream of events the caller knows is safe to ask for again after a
/// drop (with `Last-Event-ID`), although it is not a `GET`: `Client::stream(&Resumable(op))`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resumable<O>(pub O);

impl<O: Sequential + Clone + PartialEq> Operation for Resumable<O> {
    type Output = O::Output;
    const PERMISSIONS: super::operation::Permissions = O::PERMISSIONS;
    const CLOUDS: Option<super::cloud::CloudAvailability> = O::CLOUDS;
    const BASE_URL: &'static str = O::BASE_URL;

    fn to_http(&self, base_url: &str) -> Result<super::operation::HttpRequest, Error> {
        self.0.to_http(base_url)
    }

    fn from_http(response: HttpResponse) -> Result<Self::Output, Error> {
        O::from_http(response)
    }
}

impl<O: Sequential + Clone + PartialEq> Sequential for Resumable<O> {
    type Item = O::Item;
    const FRAMING: Framing = O::FRAMING;
    const RESUMABLE: bool = true;
    const SENTINELS: &'static [&'static str] = O::SENTINELS;
    const EVENT_MEMBER: Option<&'static str> = O::EVENT_MEMBER;
}

/// An operation that answers JSON, or the same answer as a stream of items when asked
/// (`Accept` naming the stream's media type, and a request member such as `stream: true`
/// when the description has one): its stream is [`Streamed`] (`op.streamed()`).
pub trait Streams: Operation + Clone {
    /// One item of the stream (for server-sent events, one event's data).
    type Item: ::serde::de::DeserializeOwned;
    /// How the stream's items are delimited.
    const FRAMING: Framing;
    /// The stream's media type, sent as `Accept`.
    const MEDIA: &'static str;
    /// The member of the JSON request body that asks for the stream (set to `true`), if
    /// the description has one.
    const MEMBER: Option<&'static str> = None;
    /// The `data` that ends the stream (see [`Sequential::SENTINELS`]).
    const SENTINELS: &'static [&'static str] = SENTINELS;
    /// See [`Sequential::EVENT_MEMBER`].
    const EVENT_MEMBER: Option<&'static str> = None;

    /// The same request, answered as a stream of items.
    fn streamed(self) -> Streamed<Self> {
        Streamed(self)
    }
}

/// The stream of an operation that answers JSON or a stream ([`Streams`]): sent with
/// `Client::stream`, read item by item; `from_http` reads a whole answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Streamed<O>(pub O);

impl<O: Streams> Operation for Streamed<O> {
    type Output = Items<O::Item>;
    const PERMISSIONS: super::operation::Permissions = O::PERMISSIONS;
    const CLOUDS: Option<super::cloud::CloudAvailability> = O::CLOUDS;
    const BASE_URL: &'static str = O::BASE_URL;

    fn to_http(&self, base_url: &str) -> Result<super::operation::HttpRequest, Error> {
        let mut request = self.0.to_http(base_url)?;
        request.headers_mut().insert(::http::header::ACCEPT, ::http::HeaderValue::from_static(O::MEDIA));
        if let Some(member) = O::MEMBER {
            let body = set_true(request.body(), member)
                .map_err(|e| Error::invalid(format!("the request body cannot ask for the stream: {e}")))?;
            *request.body_mut() = body;
        }
        Ok(request)
    }

    fn from_http(response: HttpResponse) -> Result<Self::Output, Error> {
        decode_sequential::<Self>(response)
    }
}

impl<O: Streams> Sequential for Streamed<O> {
    type Item = O::Item;
    const FRAMING: Framing = O::FRAMING;
    const SENTINELS: &'static [&'static str] = O::SENTINELS;
    const EVENT_MEMBER: Option<&'static str> = O::EVENT_MEMBER;
}

/// A JSON object's text with `member` set to `true` (added last when absent), every other
/// member as it was written (raw text: numbers keep theirs).
fn set_true(body: &[u8], member: &str) -> Result<Vec<u8>, ::serde_json::Error> {
    use ::serde::ser::SerializeMap;
    let text = if body.is_empty() { "{}" } else { ::std::str::from_utf8(body).map_err(::serde::de::Error::custom)? };
    let super::raw_text::Members(members) = ::serde_json::from_str(text)?;
    let mut out = Vec::with_capacity(body.len() + member.len() + 8);
    let mut writer = ::serde_json::Serializer::new(&mut out);
    let mut map = ::serde::Serializer::serialize_map(&mut writer, None)?;
    let mut found = false;
    for (key, value) in &members {
        if key == member {
            found = true;
            map.serialize_entry(key, &true)?;
        } else {
            map.serialize_entry(key, value)?;
        }
    }
    if !found {
        map.serialize_entry(member, &true)?;
    }
    map.end()?;
    Ok(out)
}

/// The items of a whole sequential answer, each decoded on its own.
pub type Items<T> = Vec<Result<T, Error>>;

/// Reads the items of a sequential body as its bytes arrive; see the module's
/// documentation.
#[derive(Debug)]
pub struct Decoder<T> {
    framing: Framing,
    status: ::http::StatusCode,
    buffer: Vec<u8>,
    /// Where the bytes not yet read start in `buffer` (the read ones are dropped in bulk,
    /// not one item at a time: a chunk holds hundreds of small items).
    start: usize,
    /// How many items were read (for messages).
    read: usize,
    /// The last event id a server-sent event gave (`id:`), for `Last-Event-ID`.
    last_event_id: Option<String>,
    /// The reconnection time the stream last gave (`retry:`).
    retry: Option<::std::time::Duration>,
    /// A sentinel ended the stream: nothing after it is read.
    ended: bool,
    /// The `data` that ends a stream of events whose data is each item.
    sentinels: &'static [&'static str],
    /// The member of an item that an event's name gives, when its data lacks it.
    event_member: Option<&'static str>,
    item: PhantomData<fn() -> T>,
}

impl<T: ::serde::de::DeserializeOwned> Decoder<T> {
    /// A decoder for a body delimited by `framing`, answered with `status`.
    pub fn new(framing: Framing, status: ::http::StatusCode) -> Self {
        Decoder {
            framing,
            status,
            buffer: Vec::new(),
            start: 0,
            read: 0,
            last_event_id: None,
            retry: None,
            ended: false,
            sentinels: SENTINELS,
            event_member: None,
            item: PhantomData,
        }
    }

    /// The same decoder, a stream of events whose data is each item ending on any of
    /// `sentinels` (instead of [`SENTINELS`]).
    pub fn ending_on(mut self, sentinels: &'static [&'static str]) -> Self {
        self.sentinels = sentinels;
        self
    }

    /// The same decoder, each event's name (`event:`) given to its item as `member` when
    /// the event's data has no such member (events typed by their name).
    pub fn naming(mut self, member: Option<&'static str>) -> Self {
        self.event_member = member;
        self
    }

    /// The reconnection time the stream of events last gave (`retry:`).
    pub fn retry(&self) -> Option<::std::time::Duration> {
        self.retry
    }

    /// Forgets the bytes of an item not yet complete (the connection that carried them
    /// dropped; the stream is asked for again from the last complete event).
    pub fn drop_partial(&mut self) {
        self.buffer.clear();
        self.start = 0;
    }

    /// The id of the last server-sent event read (its `id:` field), which a resumed
    /// request sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// Whether a sentinel ended the stream.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Takes the next bytes of the body.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.start > 0 {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete item, if the bytes so far hold one.
    pub fn next_item(&mut self) -> Option<Result<T, Error>> {
        loop {
            if self.ended {
                return None;
            }
            let (record, skip) = self.boundary()?;
            let range = self.start..self.start + record;
            self.start += record + skip;
            let text = self.buffer.get(range).unwrap_or_default().to_vec();
            if let Some(item) = self.item(&text) {
                return Some(item);
            }
        }
    }

    /// After the last bytes: the item the body ends with, when it has no delimiter after
    /// it (a last line without its line feed).
    pub fn finish(&mut self) -> Option<Result<T, Error>> {
        if let Some(item) = self.next_item() {
            return Some(item);
        }
        let start = self.start.min(self.buffer.len());
        let rest = std::mem::take(&mut self.buffer).split_off(start);
        self.start = 0;
        if self.ended {
            return None;
        }
        self.item(&rest)
    }

    /// Where the first complete record ends in the buffer, and the length of the delimiter
    /// after it.
    fn boundary(&self) -> Option<(usize, usize)> {
        let unread = self.buffer.get(self.start..).unwrap_or_default();
        match self.framing {
            Framing::JsonLines => unread.iter().position(|&b| b == b'\n').map(|i| (i, 1)),
            // A record runs from one separator to the next (the line feed before it is
            // whitespace the JSON reader skips).
            Framing::JsonSeq => {
                let start = usize::from(unread.first() == Some(&0x1e));
                unread.iter().skip(start).position(|&b| b == 0x1e).map(|i| (i + start, 0))
            }
            // The first blank line, `\n\n` or `\r\n\r\n`, in one pass.
            Framing::EventStream | Framing::EventData => {
                let mut from = 0;
                while let Some(i) = unread.get(from..)?.iter().position(|&b| b == b'\n').map(|i| i + from) {
                    match unread.get(i + 1..i + 3) {
                        Some([b'\n', ..]) => return Some((i, 2)),
                        Some([b'\r', b'\n']) if i > 0 && unread.get(i - 1) == Some(&b'\r') => return Some((i - 1, 4)),
                        None if unread.get(i + 1) == Some(&b'\n') => return Some((i, 2)),
                        _ => from = i + 1,
                    }
                }
                None
            }
        }
    }

    /// Keeps what an event says of the stream: its `id` (sent back as `Last-Event-ID`) and
    /// its `retry`.
    fn remember(&mut self, event: &::serde_json::Value) {
        if let Some(id) = event.get("id").and_then(::serde_json::Value::as_str) {
            self.last_event_id = Some(id.to_owned());
        }
        if let Some(ms) = event.get("retry").and_then(::serde_json::Value::as_u64) {
            self.retry = Some(::std::time::Duration::from_millis(ms));
        }
    }

    /// One record as an item; `None` for a record that holds none (a blank line, an event
    /// of comments only).
    fn item(&mut self, record: &[u8]) -> Option<Result<T, Error>> {
        // Each item read straight into `T` (no `Value` in between).
        let decoded = match self.framing {
            Framing::JsonLines | Framing::JsonSeq => {
                let text = trim(record.strip_prefix(&[0x1e]).unwrap_or(record));
                if text.is_empty() {
                    return None;
                }
                ::serde_json::from_slice::<T>(text).map_err(|e| e.to_string())
            }
            Framing::EventStream => {
                let event = event(record)?;
                self.remember(&event);
                ::serde_json::from_value::<T>(event).map_err(|e| e.to_string())
            }
            Framing::EventData => {
                let event = event(record)?;
                self.remember(&event);
                let data = event.get("data").and_then(::serde_json::Value::as_str)?;
                if self.sentinels.contains(&data.trim()) {
                    self.ended = true;
                    return None;
                }
                let name = event.get("event").and_then(::serde_json::Value::as_str);
                match (self.event_member, name) {
                    // Events told apart by their name: the name is the item's discriminator
                    // when its data does not carry one.
                    (Some(member), Some(name)) => ::serde_json::from_str::<::serde_json::Value>(data)
                        .map(|mut value| {
                            if let Some(object) = value.as_object_mut().filter(|o| !o.contains_key(member)) {
                                object.insert(member.to_owned(), ::serde_json::Value::String(name.to_owned()));
                            }
                            value
                        })
                        .and_then(::serde_json::from_value::<T>)
                        .map_err(|e| e.to_string()),
                    _ => ::serde_json::from_str::<T>(data).map_err(|e| e.to_string()),
                }
            }
        };
        self.read += 1;
        let n = self.read;
        Some(decoded.map_err(|message| Error::Decode {
            status: self.status,
            message: format!("item {n} of the sequence: {message}"),
            body: String::from_utf8_lossy(record).into_owned(),
        }))
    }
}

/// A server-sent event's fields as an object; `None` for an event with no field.
fn event(record: &[u8]) -> Option<::serde_json::Value> {
    let text = String::from_utf8_lossy(record);
    let mut fields = ::serde_json::Map::new();
    let mut data: Option<String> = None;
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        if line.is_empty() || line.starts_with(':') {
            continue;
        }
        let (name, value) = match line.split_once(':') {
            Some((name, value)) => (name, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match name {
            "data" => {
                let joined = data.get_or_insert_with(String::new);
                if !joined.is_empty() || fields.contains_key("data") {
                    joined.push('\n');
                }
                joined.push_str(value);
                fields.insert("data".to_owned(), ::serde_json::Value::Null);
            }
            "retry" => match value.parse::<u64>() {
                Ok(ms) => {
                    fields.insert("retry".to_owned(), ms.into());
                }
                Err(_) => continue,
            },
            "event" | "id" => {
                fields.insert(name.to_owned(), ::serde_json::Value::String(value.to_owned()));
            }
            _ => {}
        }
    }
    if let Some(data) = data {
        fields.insert("data".to_owned(), ::serde_json::Value::String(data));
    }
    (!fields.is_empty()).then_some(::serde_json::Value::Object(fields))
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or_default()
}

/// Reads a JSON Lines answer into its items.
pub fn decode_json_lines<T: ::serde::de::DeserializeOwned>(response: HttpResponse) -> Result<Items<T>, Error> {
    decode_all(response, Framing::JsonLines)
}

/// Reads a JSON text sequence (RFC 7464) into its items.
pub fn decode_json_seq<T: ::serde::de::DeserializeOwned>(response: HttpResponse) -> Result<Items<T>, Error> {
    decode_all(response, Framing::JsonSeq)
}

/// Reads server-sent events into their items (each event's fields as an object).
pub fn decode_event_stream<T: ::serde::de::DeserializeOwned>(response: HttpResponse) -> Result<Items<T>, Error> {
    decode_all(response, Framing::EventStream)
}

/// Reads server-sent events into their items (each event's `data` as JSON, to a sentinel).
pub fn decode_event_data<T: ::serde::de::DeserializeOwned>(response: HttpResponse) -> Result<Items<T>, Error> {
    decode_all(response, Framing::EventData)
}

/// Reads a whole sequential answer: a 2XX into its items, anything else into
/// [`Error::Status`].
pub fn decode_all<T: ::serde::de::DeserializeOwned>(
    response: HttpResponse,
    framing: Framing,
) -> Result<Items<T>, Error> {
    let (status, body) = super::operation::success(response)?;
    let mut decoder = Decoder::<T>::new(framing, status);
    decoder.feed(&body);
    let mut items = Vec::new();
    while let Some(item) = decoder.finish() {
        items.push(item);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct Tick {
        n: i64,
    }

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct Event {
        event: Option<String>,
        data: Option<String>,
        id: Option<String>,
        retry: Option<u64>,
    }

    fn all<T: ::serde::de::DeserializeOwned>(framing: Framing, chunks: &[&[u8]]) -> Vec<Result<T, String>> {
        let mut decoder = Decoder::<T>::new(framing, ::http::StatusCode::OK);
        let mut out = Vec::new();
        for chunk in chunks {
            decoder.feed(chunk);
            while let Some(item) = decoder.next_item() {
                out.push(item.map_err(|e| e.to_string()));
            }
        }
        while let Some(item) = decoder.finish() {
            out.push(item.map_err(|e| e.to_string()));
        }
        out
    }

    #[test]
    fn json_lines_split_anywhere_with_a_bad_item_in_the_middle() {
        let items = all::<Tick>(Framing::JsonLines, &[b"{\"n\":1}\n{\"n\"", b":2}\r\n\nnot json\n{\"n\":3}"]);
        assert_eq!(items.len(), 4);
        assert_eq!(items[0], Ok(Tick { n: 1 }));
        assert_eq!(items[1], Ok(Tick { n: 2 }));
        assert!(items[2].as_ref().is_err_and(|e| e.contains("item 3 of the sequence") && e.contains("not json")));
        assert_eq!(items[3], Ok(Tick { n: 3 }), "the last line needs no line feed");
    }

    #[test]
    fn events_whose_data_is_the_item_split_anywhere_end_on_a_sentinel() {
        let stream: &[u8] = b": hello\n\nid: 1\ndata: {\"n\":1}\n\nretry: 100\n\nid: 2\ndata: {\"n\"\ndata: :2}\n\nid: 3\ndata: oops\n\nid: 4\ndata: {\"n\":4}\n\ndata: [DONE]\n\ndata: {\"n\":5}\n\n";
        // Every split of the stream into two chunks reads the same items, with line feeds
        // or with CR LF.
        let crlf = String::from_utf8_lossy(stream).replace('\n', "\r\n").into_bytes();
        for (stream, cut) in
            (0..stream.len()).map(|cut| (stream, cut)).chain((0..crlf.len()).map(|cut| (&crlf[..], cut)))
        {
            let (a, b) = stream.split_at(cut);
            let mut decoder = Decoder::<Tick>::new(Framing::EventData, ::http::StatusCode::OK);
            let mut items = Vec::new();
            for chunk in [a, b] {
                decoder.feed(chunk);
                while let Some(item) = decoder.next_item() {
                    items.push(item.map_err(|e| e.to_string()));
                }
            }
            while let Some(item) = decoder.finish() {
                items.push(item.map_err(|e| e.to_string()));
            }
            assert_eq!(items.len(), 4, "cut at {cut}: {items:?}");
            assert_eq!(items[0], Ok(Tick { n: 1 }));
            assert_eq!(items[1], Ok(Tick { n: 2 }), "data lines are joined with a line feed");
            assert!(
                items[2].as_ref().is_err_and(|e| e.contains("item 3 of the sequence") && e.contains("oops")),
                "{items:?}"
            );
            assert_eq!(items[3], Ok(Tick { n: 4 }));
            assert!(decoder.ended(), "the sentinel ends the stream; the event after it is not read");
            assert_eq!(decoder.last_event_id(), Some("4"));
        }
    }

    #[test]
    fn asking_for_the_stream_sets_the_member_and_keeps_the_rest_as_written() {
        let body = br#"{"model":"m","temperature":1.50,"stream":false}"#;
        assert_eq!(set_true(body, "stream").ok(), Some(br#"{"model":"m","temperature":1.50,"stream":true}"#.to_vec()));
        assert_eq!(set_true(br#"{"a":1}"#, "stream").ok(), Some(br#"{"a":1,"stream":true}"#.to_vec()));
        assert_eq!(set_true(b"", "stream").ok(), Some(br#"{"stream":true}"#.to_vec()));
        assert!(set_true(b"[1]", "stream").is_err());
    }

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    #[serde(tag = "kind", rename_all = "lowercase")]
    enum Update {
        Started { at: i64 },
        Done { ok: bool },
    }

    #[test]
    fn events_told_apart_by_their_name() {
        let stream: &[u8] = b"event: started\ndata: {\"at\":1}\n\nevent: done\ndata: {\"ok\":true}\n\nevent: other\ndata: {\"kind\":\"done\",\"ok\":false}\n\n";
        let mut decoder = Decoder::<Update>::new(Framing::EventData, ::http::StatusCode::OK).naming(Some("kind"));
        decoder.feed(stream);
        let mut items = Vec::new();
        while let Some(item) = decoder.finish() {
            items.push(item.map_err(|e| e.to_string()));
        }
        // The data's own discriminator wins over the event's name.
        assert_eq!(
            items,
            [Ok(Update::Started { at: 1 }), Ok(Update::Done { ok: true }), Ok(Update::Done { ok: false })]
        );
    }

    #[test]
    fn json_text_sequences_and_events() {
        let items = all::<Tick>(Framing::JsonSeq, &[b"\x1e{\"n\":1}\n\x1e{\"n\":", b"2}\n"]);
        assert_eq!(items, [Ok(Tick { n: 1 }), Ok(Tick { n: 2 })]);
        let events = all::<Event>(
            Framing::EventStream,
            &[b": comment\n\nevent: tick\nid: 7\ndata: {\"n\":\ndata: 1}\n\n", b"retry: 500\ndata: x\r\n\r\n"],
        );
        assert_eq!(
            events,
            [
                Ok(Event {
                    event: Some("tick".into()),
                    data: Some("{\"n\":\n1}".into()),
                    id: Some("7".into()),
                    retry: None
                }),
                Ok(Event { event: None, data: Some("x".into()), id: None, retry: Some(500) }),
            ]
        );
    }
}
