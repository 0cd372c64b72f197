//! `Client::batch` when things go wrong: a `$batch` request that gets garbage or no answer
//! at all, an answer entry without an id, a step the answer does not mention, and a step
//! throttled with `Retry-After: 0` every time. Every answer received is kept, and a failure
//! fails only the steps it concerns, each saying whether it may have run.
//!
//! The server is a few lines of std on 127.0.0.1 (not wiremock) so that it can also drop a
//! connection after reading a request, which is how a transport failure looks on the wire.

use graph_sync::operations::{ServicePrincipalSynchronizationGetJob, ServicePrincipalSynchronizationJobStart};
use graph_sync::runtime::{Batch, Error, RetryPolicy, StepFailure};
use graph_sync::Client;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the server answers one `$batch` request, given the steps it carried.
enum Reply {
    /// Status and body.
    Answer(u16, String),
    /// Reads the request, then closes the connection without a word.
    Drop,
}

type Script = Box<dyn Fn(usize, &[Value]) -> Reply + Send + Sync>;

/// Every request the server read: when, and the ids of its steps.
type Seen = Arc<Mutex<Vec<(Instant, Vec<String>)>>>;

/// A `$batch` server on 127.0.0.1: the script decides each answer from the request's index
/// (0-based) and steps; every request is recorded with its time and step ids.
struct Server {
    base: String,
    requests: Seen,
}

fn serve(script: Script) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}/v1.0", listener.local_addr().expect("address"));
    let requests: Seen = Arc::default();
    let seen = requests.clone();
    let script = Arc::new(script);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let seen = seen.clone();
            let script = script.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                loop {
                    let mut length = 0usize;
                    let mut line = String::new();
                    // The request line and headers.
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if line == "\r\n" {
                            break;
                        }
                        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = value.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0; length];
                    if reader.read_exact(&mut body).is_err() {
                        return;
                    }
                    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    let steps = body["requests"].as_array().cloned().unwrap_or_default();
                    let ids = steps.iter().filter_map(|s| s["id"].as_str().map(str::to_owned)).collect();
                    let index = {
                        let mut seen = seen.lock().expect("lock");
                        seen.push((Instant::now(), ids));
                        seen.len() - 1
                    };
                    match script(index, &steps) {
                        Reply::Drop => return,
                        Reply::Answer(status, text) => {
                            let head = format!(
                                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                                text.len()
                            );
                            let stream = reader.get_mut();
                            if stream
                                .write_all(head.as_bytes())
                                .and_then(|()| stream.write_all(text.as_bytes()))
                                .is_err()
                            {
                                return;
                            }
                        }
                    }
                }
            });
        }
    });
    Server { base, requests }
}

impl Server {
    fn client(&self, retry: RetryPolicy) -> Client {
        Client::builder().base_url(&self.base).bearer_token("t").retry_policy(retry).build().expect("client")
    }

    fn sizes(&self) -> Vec<usize> {
        self.requests.lock().expect("lock").iter().map(|(_, ids)| ids.len()).collect()
    }
}

/// Every step answered 204, in a batch answer.
fn all_done(steps: &[Value]) -> String {
    let responses: Vec<Value> = steps.iter().map(|s| json!({"id": s["id"], "status": 204, "headers": {}})).collect();
    json!({ "responses": responses }).to_string()
}

fn starts(batch: &mut Batch, count: usize) -> Vec<graph_sync::runtime::Step<ServicePrincipalSynchronizationJobStart>> {
    (0..count)
        .map(|i| batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", format!("job-{i}"))).expect("add"))
        .collect()
}

fn quick() -> RetryPolicy {
    RetryPolicy { initial_backoff: Duration::from_millis(100), ..RetryPolicy::default() }
}

#[tokio::test]
async fn garbage_for_the_second_request_keeps_the_first_twenty_answers() {
    let server = serve(Box::new(|index, steps| match index {
        0 => Reply::Answer(200, all_done(steps)),
        _ => Reply::Answer(200, "<html>proxy error</html>".to_owned()),
    }));
    let mut batch = Batch::new();
    let steps = starts(&mut batch, 25);
    let answers = server.client(quick()).batch(&batch).await.expect("the batch was sent");
    assert_eq!(server.sizes(), [20, 5]);
    for step in &steps[..20] {
        answers.get(step).expect("answered in the first request");
    }
    for step in &steps[20..] {
        match answers.get(step) {
            Err(Error::BatchStep { step: id, failure }) => {
                assert_eq!(id, step.id());
                assert!(failure.may_have_run(), "a 200 with garbage: the service may have run it");
                assert!(
                    matches!(&failure, StepFailure::Request { status: Some(s), cause, .. }
                        if s.as_u16() == 200 && cause.contains("proxy error")),
                    "{failure:?}"
                );
            }
            other => panic!("step {}: {other:?}", step.id()),
        }
    }
}

#[tokio::test]
async fn a_dropped_connection_fails_only_the_steps_it_carried() {
    let server = serve(Box::new(|index, steps| match index {
        0 => Reply::Answer(200, all_done(steps)),
        _ => Reply::Drop,
    }));
    let mut batch = Batch::new();
    let steps = starts(&mut batch, 25);
    let answers = server.client(quick()).batch(&batch).await.expect("the batch was sent");
    for step in &steps[..20] {
        answers.get(step).expect("answered in the first request");
    }
    let error = answers.get(&steps[24]).expect_err("no answer came");
    let text = error.to_string();
    assert!(text.starts_with("batch step 25 has no answer: the $batch request carrying it failed: transport failure"));
    assert!(text.ends_with("the step may have run"), "{text}");
    assert_eq!(answers.failures().len(), 5);
}

#[tokio::test]
async fn a_batch_refused_as_a_whole_says_its_steps_did_not_run() {
    let server = serve(Box::new(|_, _| {
        Reply::Answer(400, json!({"error": {"code": "BadRequest", "message": "Invalid batch payload."}}).to_string())
    }));
    let mut batch = Batch::new();
    let steps = starts(&mut batch, 2);
    let answers = server.client(quick()).batch(&batch).await.expect("the batch was sent");
    let failure = answers.failure(steps[0].id()).expect("failed");
    assert!(!failure.may_have_run());
    assert!(failure.to_string().contains("BadRequest: Invalid batch payload."), "{failure}");
}

#[tokio::test]
async fn a_failed_resend_keeps_what_the_first_round_answered() {
    // Round one: step 2 throttled, the others done; the resend's connection is dropped.
    let server = serve(Box::new(|index, steps| match index {
        0 => {
            let responses: Vec<Value> = steps
                .iter()
                .map(|s| match s["id"].as_str() {
                    Some("2") => json!({"id": "2", "status": 429, "headers": {"Retry-After": "0"}}),
                    _ => json!({"id": s["id"], "status": 204, "headers": {}}),
                })
                .collect();
            Reply::Answer(200, json!({ "responses": responses }).to_string())
        }
        _ => Reply::Drop,
    }));
    let mut batch = Batch::new();
    let steps = starts(&mut batch, 3);
    let answers = server.client(quick()).batch(&batch).await.expect("the batch was sent");
    assert_eq!(server.sizes(), [3, 1]);
    answers.get(&steps[0]).expect("done in round one");
    answers.get(&steps[2]).expect("done in round one");
    assert!(matches!(answers.get(&steps[1]), Err(Error::BatchStep { .. })));
    assert_eq!(answers.answer("2").map(|a| a.status.as_u16()), Some(429), "the throttled answer is still there");
}

#[tokio::test]
async fn an_entry_without_an_id_fails_no_other_step() {
    let server = serve(Box::new(|_, _| {
        let answer = json!({"responses": [
            {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "job-a"}},
            {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "job-b"}},
            {"id": "3", "status": "teapot"},
        ]});
        Reply::Answer(200, answer.to_string())
    }));
    let mut batch = Batch::new();
    let a = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", "job-a")).expect("add");
    let b = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", "job-b")).expect("add");
    let c = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", "job-c")).expect("add");
    let d = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", "job-d")).expect("add");
    let answers = server.client(quick()).batch(&batch).await.expect("the batch was sent");
    assert_eq!(answers.get(&a).expect("answered").id.as_deref(), Some("job-a"));
    assert!(
        matches!(answers.get(&b), Err(Error::BatchStep { failure: StepFailure::NotAnswered, .. })),
        "its entry has no id"
    );
    assert_eq!(
        answers.unattributed(),
        [json!({"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "job-b"}})]
    );
    match answers.get(&c) {
        Err(Error::BatchStep { failure: StepFailure::UnreadableAnswer { message, entry }, .. }) => {
            assert!(message.contains("status"), "{message}");
            assert!(entry.contains("teapot"), "{entry}");
        }
        other => panic!("{other:?}"),
    }
    let error = answers.get(&d).expect_err("not mentioned");
    assert!(matches!(error, Error::BatchStep { failure: StepFailure::NotAnswered, .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "batch step 4 has no answer: the batch's answer has no entry for it; the step may have run"
    );
}

#[tokio::test]
async fn retry_after_zero_still_waits_the_backoff() {
    let server = serve(Box::new(|_, steps| {
        let responses: Vec<Value> =
            steps.iter().map(|s| json!({"id": s["id"], "status": 429, "headers": {"Retry-After": "0"}})).collect();
        Reply::Answer(200, json!({ "responses": responses }).to_string())
    }));
    let mut batch = Batch::new();
    let steps = starts(&mut batch, 1);
    let retry = RetryPolicy { max_attempts: 4, ..quick() };
    let answers = server.client(retry).batch(&batch).await.expect("the batch was sent");
    assert_eq!(answers.get(&steps[0]).expect_err("throttled to the end").status().map(|s| s.as_u16()), Some(429));
    let times: Vec<Instant> = server.requests.lock().expect("lock").iter().map(|(t, _)| *t).collect();
    assert_eq!(times.len(), 4);
    // The backoff doubles from 100 ms, with jitter in its upper half: at least 50, 100, 200 ms.
    for (i, pair) in times.windows(2).enumerate() {
        let gap = pair[1].duration_since(pair[0]);
        let least = Duration::from_millis(50 << i);
        assert!(gap >= least, "resend {} after {gap:?}, less than {least:?}", i + 1);
    }
}

#[tokio::test]
async fn retry_after_zero_on_a_single_call_still_waits_the_backoff() {
    let mock = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(wiremock::ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .mount(&mock)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1.0", mock.uri()))
        .bearer_token("t")
        .retry_policy(RetryPolicy { max_attempts: 3, ..quick() })
        .build()
        .expect("client");
    let started = Instant::now();
    let error = client.send(&ServicePrincipalSynchronizationJobStart::new("sp", "job")).await.expect_err("429");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(mock.received_requests().await.map(|r| r.len()), Some(3));
    assert!(started.elapsed() >= Duration::from_millis(150), "{:?}", started.elapsed());
}
