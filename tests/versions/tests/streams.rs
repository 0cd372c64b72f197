//! Streams as 3.0 and 3.1 documents declare them (`tests/specs/streams.yaml`), over
//! loopback: one operation answers JSON, or server-sent events when asked for them
//! (`op.streamed()`: `Accept` and the body's `stream: true`), each event's data an item, a
//! malformed one an error of its own, `[DONE]` the end; a stream-only operation reads its
//! JSON lines.

// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/streams.rs"));
// One call of every operation through the client into the fake and back.
include!(concat!(env!("OUT_DIR"), "/streams_round_trip.rs"));

use futures_util::StreamExt;
use runtime::sequence::Streams;

fn client(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .bearer_token("t")
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("client")
}

fn chat() -> operations::Chat {
    operations::Chat::new(models::ChatRequest {
        prompt: "hi".into(),
        temperature: Some(0.5.into()),
        ..Default::default()
    })
}

#[tokio::test]
async fn the_same_operation_answers_json_or_events_as_the_caller_asks() {
    let (base, log) = versions::serve(|request, _| {
        match request.header("accept") {
        Some("text/event-stream") => (
            200,
            "text/event-stream",
            ": warming up\n\nid: 1\ndata: {\"delta\":\"Hel\"}\n\nid: 2\ndata: {\"delta\":\"lo\"}\n\nid: 3\ndata: not json\n\nretry: 10\n\nid: 4\ndata: {\"delta\":\"!\"}\n\ndata: [DONE]\n\ndata: {\"delta\":\"after the end\"}\n\n".to_owned(),
        ),
        _ => (200, "application/json", r#"{"text":"Hello!"}"#.to_owned()),
    }
    });
    let client = client(&base);
    // The JSON answer, as before.
    let answer = client.send(&chat()).await.expect("an answer");
    assert_eq!(answer.text.as_deref(), Some("Hello!"));
    // The stream: typed items as they arrive, a malformed one its own error with its
    // position, the items after it read, the sentinel the end.
    let items: Vec<_> = client.stream(&chat().streamed()).collect().await;
    assert_eq!(items.len(), 4, "{items:?}");
    let deltas: Vec<Option<String>> = items.iter().filter_map(|i| i.as_ref().ok()).map(|d| d.delta.clone()).collect();
    assert_eq!(deltas, [Some("Hel".to_owned()), Some("lo".to_owned()), Some("!".to_owned())]);
    let error = items[2].as_ref().expect_err("not json").to_string();
    assert!(error.contains("item 3 of the sequence") && error.contains("not json"), "{error}");
    // What was asked: `Accept` for the stream, and the body's own member, the rest as set.
    let requests = log.lock().expect("log").clone();
    assert_eq!(requests.len(), 2);
    assert_ne!(requests[0].header("accept"), Some("text/event-stream"));
    assert_eq!(String::from_utf8_lossy(&requests[0].body), r#"{"prompt":"hi","temperature":0.5}"#);
    assert_eq!(requests[1].header("accept"), Some("text/event-stream"));
    assert_eq!(String::from_utf8_lossy(&requests[1].body), r#"{"prompt":"hi","temperature":0.5,"stream":true}"#);
}

#[tokio::test]
async fn a_stream_only_operation_reads_its_items() {
    let (base, _) = versions::serve(|_, _| (200, "application/x-ndjson", "{\"n\":1}\n{\"n\":2}\n".to_owned()));
    let ticks: Vec<_> = client(&base).stream(&operations::Ticks::new()).collect().await;
    let ns: Vec<Option<i64>> = ticks.into_iter().map(|t| t.expect("a tick").n).collect();
    assert_eq!(ns, [Some(1), Some(2)]);
}

/// Serves `answers` on 127.0.0.1, one connection each, in order: each the head of a chunked
/// event stream then its chunks, the connection closed after the last without ending the
/// body when `drop` says so. Hands over each request's head.
fn serve_drops(answers: Vec<(Vec<&'static str>, bool)>) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (heads, seen) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for (chunks, drop) in answers {
            let Ok((stream, _)) = listener.accept() else { return };
            let mut reader = BufReader::new(stream);
            let mut head = String::new();
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                head.push_str(&line.to_ascii_lowercase());
                line.clear();
            }
            let _ = heads.send(head);
            let stream = reader.get_mut();
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
            for chunk in chunks {
                let _ = stream.write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes());
                let _ = stream.flush();
            }
            if !drop {
                let _ = stream.write_all(b"0\r\n\r\n");
            }
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    });
    (base, seen)
}

#[tokio::test]
async fn a_dropped_get_stream_resumes_with_the_last_event_id_and_ends_on_the_sentinel() {
    let (base, heads) = serve_drops(vec![
        // The connection drops in the middle of the second event.
        (vec!["retry: 10\n\nid: 1\ndata: {\"n\":1}\n\n", "id: 2\ndata: {\"n\""], true),
        (vec!["id: 2\ndata: {\"n\":2}\n\n", "data: [DONE]\n\n"], false),
    ]);
    let ticks: Vec<_> = client(&base).stream(&operations::Events::new()).collect().await;
    let ns: Vec<Option<i64>> = ticks.into_iter().map(|t| t.expect("a tick").n).collect();
    assert_eq!(ns, [Some(1), Some(2)], "the event cut off is read again, once");
    let first = heads.recv().expect("the first request");
    assert!(!first.contains("last-event-id"), "{first}");
    let second = heads.recv().expect("the resumed request");
    assert!(second.contains("last-event-id: 1\r\n"), "{second}");
}

#[tokio::test]
async fn a_dropped_post_stream_is_not_sent_again_unless_marked() {
    let (base, heads) = serve_drops(vec![(vec!["id: 1\ndata: {\"delta\":\"a\"}\n\n", "id: 2\ndata: {\""], true)]);
    let items: Vec<_> = client(&base).stream(&chat().streamed()).collect().await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().ok().and_then(|d| d.delta.as_deref()), Some("a"));
    assert!(items[1].is_err(), "the drop is the stream's last item: {items:?}");
    assert!(heads.recv().is_ok() && heads.try_recv().is_err(), "one request only");
    // Marked as safe to repeat, the same stream resumes.
    let (base, heads) = serve_drops(vec![
        (vec!["retry: 10\n\nid: 1\ndata: {\"delta\":\"a\"}\n\n", "id: 2\ndata: {\""], true),
        (vec!["id: 2\ndata: {\"delta\":\"b\"}\n\ndata: [DONE]\n\n"], false),
    ]);
    let marked = runtime::sequence::Resumable(chat().streamed());
    let items: Vec<_> = client(&base).stream(&marked).collect().await;
    let deltas: Vec<Option<String>> = items.into_iter().map(|d| d.expect("a delta").delta).collect();
    assert_eq!(deltas, [Some("a".to_owned()), Some("b".to_owned())]);
    assert!(heads.recv().is_ok() && heads.recv().is_ok_and(|h| h.contains("last-event-id: 1\r\n")));
}

#[tokio::test]
async fn a_mock_answers_a_stream_with_typed_items() {
    let mock = runtime::testing::Mock::new();
    let delta = |text: &str| models::ChatDelta { delta: Some(text.to_owned()), ..Default::default() };
    let streamed = mock.on_any::<runtime::sequence::Streamed<operations::Chat>>().items(&[delta("Hel"), delta("lo")]);
    mock.on_any::<operations::Ticks>().items(&[models::Tick { n: Some(7), ..Default::default() }]);
    let client = mock.client().build().expect("client");
    let deltas: Vec<Option<String>> =
        client.stream(&chat().streamed()).map(|d| d.expect("a delta").delta).collect().await;
    assert_eq!(deltas, [Some("Hel".to_owned()), Some("lo".to_owned())]);
    let ticks: Vec<_> = client.stream(&operations::Ticks::new()).collect().await;
    assert_eq!(ticks.into_iter().map(|t| t.expect("a tick").n).collect::<Vec<_>>(), [Some(7)]);
    assert_eq!(streamed.calls(), 1);
    mock.verify().expect("every rule used");
}

#[tokio::test]
async fn a_sentinel_the_config_adds_ends_the_stream_too() {
    let (base, _) = versions::serve(|_, _| {
        (200, "text/event-stream", "data: {\"n\":1}\n\ndata: [END]\n\ndata: {\"n\":2}\n\n".to_owned())
    });
    let ticks: Vec<_> = client(&base).stream(&operations::Events::new()).collect().await;
    assert_eq!(ticks.into_iter().map(|t| t.expect("a tick").n).collect::<Vec<_>>(), [Some(1)]);
    assert_eq!(<operations::Events as runtime::Sequential>::SENTINELS, ["[DONE]", "[END]"]);
}

#[tokio::test]
async fn events_are_typed_by_their_name_or_by_their_kind() {
    let (base, _) = versions::serve(|_, _| {
        let body = "event: started\ndata: {\"at\":5}\n\nevent: finished\ndata: {\"ok\":true}\n\ndata: {\"kind\":\"finished\",\"ok\":false}\n\n";
        (200, "text/event-stream", body.to_owned())
    });
    let updates: Vec<_> = client(&base).stream(&operations::Updates::new()).collect().await;
    let updates: Vec<models::Update> = updates.into_iter().map(|u| u.expect("an update")).collect();
    assert_eq!(updates.len(), 3);
    assert!(matches!(&updates[0], models::Update::Started(s) if s.at == Some(5)), "{updates:?}");
    assert!(matches!(&updates[1], models::Update::Finished(f) if f.ok == Some(true)), "{updates:?}");
    assert!(matches!(&updates[2], models::Update::Finished(f) if f.ok == Some(false)), "{updates:?}");
}

#[tokio::test]
async fn events_split_across_chunks_anywhere_arrive_whole() {
    // Chunks that cut an event's field, its JSON, its CR LF and its blank line.
    let (base, _) = serve_drops(vec![(
        vec!["id: 1\r\nda", "ta: {\"n\"", ":1}\r", "\n\r", "\nid: 2\ndata: {\"n\":2}\n", "\ndata: [DONE]\n\n"],
        false,
    )]);
    let ticks: Vec<_> = client(&base).stream(&operations::Events::new()).collect().await;
    assert_eq!(ticks.into_iter().map(|t| t.expect("a tick").n).collect::<Vec<_>>(), [Some(1), Some(2)]);
}
