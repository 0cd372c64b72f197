//! Streams as 3.0 and 3.1 documents declare them (`tests/specs/streams.yaml`), over
//! loopback: one operation answers JSON, or server-sent events when asked for them
//! (`op.streamed()`: `Accept` and the body's `stream: true`), each event's data an item, a
//! malformed one an error of its own, `[DONE]` the end; a stream-only operation reads its
//! JSON lines.

// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/streams.rs"));

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
