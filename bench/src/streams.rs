//! Section 11, streams: items per second decoded from a 10 MB answer, as server-sent events whose
//! data is each item (`text/event-stream` declared the 3.0/3.1 way) and as JSON lines,
//! with the runtime's decoder fed in 16 KiB chunks (as a body arrives).

use graph_sync::runtime::sequence::{Decoder, Framing};
use std::time::{Duration, Instant};

/// One item: a delta of a chat answer, as such streams carry.
#[derive(serde::Deserialize)]
struct Delta {
    #[allow(dead_code, reason = "read, to decode what a real item holds")]
    id: String,
    #[allow(dead_code, reason = "read, to decode what a real item holds")]
    index: u32,
    #[allow(dead_code, reason = "read, to decode what a real item holds")]
    delta: String,
}

const SIZE: usize = 10 * 1024 * 1024;

fn item(i: usize) -> String {
    format!(r#"{{"id":"chatcmpl-{i:08}","index":{},"delta":"a few words of the answer, {i}"}}"#, i % 4)
}

/// The same items as server-sent events (`id`, `data`, a blank line; a comment now and
/// then), ended by `[DONE]`, and as JSON lines; how many.
fn bodies() -> (Vec<u8>, Vec<u8>, usize) {
    let (mut events, mut lines, mut n) = (String::new(), String::new(), 0);
    while events.len() < SIZE {
        let item = item(n);
        if n % 100 == 0 {
            events.push_str(": keep-alive\n\n");
        }
        events.push_str(&format!("id: {n}\ndata: {item}\n\n"));
        lines.push_str(&item);
        lines.push('\n');
        n += 1;
    }
    events.push_str("data: [DONE]\n\n");
    (events.into_bytes(), lines.into_bytes(), n)
}

fn decode(framing: Framing, body: &[u8]) -> (usize, Duration) {
    let started = Instant::now();
    let mut decoder = Decoder::<Delta>::new(framing, http::StatusCode::OK);
    let mut read = 0;
    for chunk in body.chunks(16 * 1024) {
        decoder.feed(chunk);
        while let Some(item) = decoder.next_item() {
            read += usize::from(item.is_ok());
        }
    }
    while let Some(item) = decoder.finish() {
        read += usize::from(item.is_ok());
    }
    (read, started.elapsed())
}

pub fn throughput() {
    let (events, lines, n) = bodies();
    let mut best = [Duration::MAX; 2];
    for _ in 0..5 {
        for (i, (framing, body)) in
            [(Framing::EventData, &events), (Framing::JsonLines, &lines)].into_iter().enumerate()
        {
            let (read, took) = decode(framing, body);
            assert_eq!(read, n, "every item decodes");
            best[i] = best[i].min(took);
        }
    }
    println!("\n## 11. Streams: {n} items from a 10 MB answer, fed in 16 KiB chunks (best of 5)\n");
    println!("| answer | items/s | MB/s |\n|---|---:|---:|");
    for (name, body, took) in
        [("server-sent events (data: JSON, to [DONE])", &events, best[0]), ("JSON lines", &lines, best[1])]
    {
        let seconds = took.as_secs_f64().max(1e-9);
        println!("| {name} | {:.0} | {:.0} |", n as f64 / seconds, body.len() as f64 / 1e6 / seconds);
    }
}
