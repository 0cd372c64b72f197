//! A crate generated from OpenAPI 3.2 (`tests/specs/openapi-3.2.yaml`), as it runs over
//! loopback: sequential answers (JSON Lines, NDJSON, JSON text sequences, server-sent
//! events) read item by item as they arrive, a malformed item an error of its own with
//! the items after it still read; the `QUERY` method with its body; a parameter that is
//! the whole query string.

// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/openapi_3_2.rs"));
// One call of every operation through the client into the fake and back.
include!(concat!(env!("OUT_DIR"), "/openapi_3_2_round_trip.rs"));
include!(concat!(env!("OUT_DIR"), "/openapi_3_2_examples.rs"));

use futures_util::StreamExt;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;

/// What the server read of one request: its request line and body.
type Seen = (String, Vec<u8>);

/// A server on 127.0.0.1 that answers one request with `head` then each of `chunks`
/// (chunked transfer encoding), waiting for a word on `go` before each chunk after the
/// first, so a test can prove it read an item before the next was sent. It hands over
/// what it read.
fn serve(
    content_type: &'static str,
    chunks: Vec<&'static [u8]>,
    go: mpsc::Receiver<()>,
) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}/v3", listener.local_addr().expect("address"));
    let (seen_tx, seen) = mpsc::channel();
    std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else { return };
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        let mut first = String::new();
        let mut length = 0usize;
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if first.is_empty() {
                first = line.trim_end().to_owned();
            }
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let _ = seen_tx.send((first, body));
        let stream: &mut TcpStream = reader.get_mut();
        let head = format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n");
        let _ = stream.write_all(head.as_bytes());
        for (i, chunk) in chunks.iter().enumerate() {
            if i > 0 && go.recv().is_err() {
                return;
            }
            let _ = stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes());
            let _ = stream.write_all(chunk);
            let _ = stream.write_all(b"\r\n");
            let _ = stream.flush();
        }
        let _ = stream.write_all(b"0\r\n\r\n");
    });
    (base, seen)
}

fn client(base: &str) -> Client {
    // A test that waits for an item it should not wait for fails in seconds.
    Client::builder()
        .base_url(base)
        .bearer_token("t")
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("client")
}

#[tokio::test]
async fn json_lines_arrive_item_by_item_and_a_bad_item_is_its_own_error() {
    let (go, wait) = mpsc::channel();
    let chunks: Vec<&'static [u8]> = vec![
        b"{\"sensor\":\"a\",\"value\":1.5}\n",
        b"{\"sensor\":\"b\",\"val",
        b"ue\":2}\nnot json\n{\"sensor\":\"c\",\"value\":3}\n",
    ];
    let (base, seen) = serve("application/jsonl", chunks, wait);
    let client = client(&base);
    let operation = operations::ListReadings::new().filter_query(models::Filter {
        sensor: Some("a b".into()),
        above: Some(1.0.into()),
        tags: Some(vec!["x".into(), "y".into()]),
        ..Default::default()
    });
    let mut items = Box::pin(client.stream(&operation));
    // The first item is read before the server sends anything more.
    let first = items.next().await.expect("an item").expect("decodes");
    assert_eq!((first.sensor.as_str(), first.value.get()), ("a", 1.5));
    let (line, _) = seen.recv().expect("the request");
    assert_eq!(line, "GET /v3/readings?sensor=a%20b&above=1.0&tags=x&tags=y HTTP/1.1");
    go.send(()).expect("go");
    go.send(()).expect("go");
    let second = items.next().await.expect("an item").expect("decodes");
    assert_eq!(second.sensor, "b");
    let bad = items.next().await.expect("an item").expect_err("not json");
    let text = bad.to_string();
    assert!(text.contains("item 3 of the sequence") && text.contains("not json"), "{text}");
    let last = items.next().await.expect("an item").expect("decodes");
    assert_eq!(last.sensor, "c");
    assert!(items.next().await.is_none(), "the stream ends with the body");
}

#[tokio::test]
async fn json_text_sequences_and_ndjson_and_the_whole_body_sans_io() {
    let (_go, wait) = mpsc::channel();
    let (base, _) = serve(
        "application/json-seq",
        vec![b"\x1e{\"sensor\":\"a\",\"value\":1}\n\x1e{\"sensor\":\"b\",\"value\":2}\n"],
        wait,
    );
    let items: Vec<_> = client(&base).stream(&operations::ReadingsSeq::new()).collect().await;
    let sensors: Vec<String> = items.into_iter().map(|i| i.expect("decodes").sensor).collect();
    assert_eq!(sensors, ["a", "b"]);
    // Sans-IO: `from_http` reads a whole body into its items.
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "application/x-ndjson")
        .body(b"{\"sensor\":\"a\",\"value\":1}\n{\"sensor\":2}\n".to_vec())
        .expect("response");
    let items = operations::ReadingsNdjson::from_http(response).expect("a 200");
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok() && items[1].is_err());
}

#[tokio::test]
async fn server_sent_events_are_objects_of_their_fields() {
    let (go, wait) = mpsc::channel();
    let chunks: Vec<&'static [u8]> = vec![
        b": hello\n\nevent: reading\nid: 1\ndata: {\"sensor\":\"a\",\ndata: \"value\":1}\n\n",
        b"retry: 10\ndata: bye\n\n",
    ];
    let (base, _) = serve("text/event-stream", chunks, wait);
    let client = client(&base);
    let operation = operations::LiveReadings::new();
    let mut events = Box::pin(client.stream(&operation));
    let first = events.next().await.expect("an event").expect("decodes");
    assert_eq!(first.event.as_deref(), Some("reading"));
    assert_eq!(first.id.as_deref(), Some("1"));
    let reading: models::Reading = serde_json::from_str(&first.data).expect("the data is JSON");
    assert_eq!(reading.sensor, "a");
    go.send(()).expect("go");
    let second = events.next().await.expect("an event").expect("decodes");
    assert_eq!((second.data.as_str(), second.retry), ("bye", Some(10)));
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn the_query_method_sends_its_body() {
    let (_go, wait) = mpsc::channel();
    let (base, seen) = serve("application/json", vec![b"[{\"sensor\":\"a\",\"value\":1}]"], wait);
    let filter = models::Filter { sensor: Some("a".into()), ..Default::default() };
    let readings = client(&base).send(&operations::SearchReadings::new(filter)).await.expect("answered");
    assert_eq!(readings.len(), 1);
    let (line, body) = seen.recv().expect("the request");
    assert_eq!(line, "QUERY /v3/readings HTTP/1.1");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).expect("json"), serde_json::json!({"sensor": "a"}));
    let copy = operations::CopyReadings::new("/archive").to_http("http://h/v3").expect("request");
    assert_eq!(copy.method().as_str(), "COPY");
}

/// Every example the document gives for a model reads into it and writes back with every
/// number and string as it came.
#[test]
fn every_example_round_trips_as_written() {
    let checked = versions::examples_round_trip(EXAMPLES).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(checked >= 1);
}
