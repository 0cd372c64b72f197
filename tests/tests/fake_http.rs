//! The fake service's HTTP, tried over a raw socket as an HTTP engineer would (RFC 9112):
//! `HEAD` answers without a body, `Expect: 100-continue` is answered `100 Continue`, an
//! HTTP/1.0 connection closes after its answer, a chunked body's trailer is no request,
//! pipelined requests are answered in order, a head past 64 KiB is refused, conflicting
//! `Content-Length`s are refused, bare LF line endings are read. Each case failed on the
//! fake's hand-written server.

use graph_sync::fake::FakeGraph;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A list of the jobs of `sp` (200 with a body).
const LIST: &str = "/v1.0/servicePrincipals/sp/synchronization/jobs";

async fn connect(fake: &FakeGraph) -> TcpStream {
    let address = fake.origin().trim_start_matches("http://").to_owned();
    TcpStream::connect(address).await.expect("the fake accepts a connection")
}

/// A request's head with the fake's token, lines ended by `eol`.
fn head(fake: &FakeGraph, request_line: &str, more: &[&str], eol: &str) -> String {
    let mut text = format!("{request_line}{eol}Host: fake{eol}Authorization: Bearer {}{eol}", fake.token());
    for line in more {
        text.push_str(line);
        text.push_str(eol);
    }
    text.push_str(eol);
    text
}

/// What arrives within `quiet` of the last byte (or until the connection closes), and
/// whether it closed.
async fn read_for(stream: &mut TcpStream, quiet: Duration) -> (String, bool) {
    let mut out = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        match tokio::time::timeout(quiet, stream.read(&mut chunk)).await {
            Err(_) => return (String::from_utf8_lossy(&out).into_owned(), false),
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&out).into_owned(), true),
            Ok(Ok(n)) => out.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Writes `request` and reads what arrives (a write the server cut short by answering and
/// closing first is no failure: the answer is what the test reads).
async fn send(stream: &mut TcpStream, request: &str, quiet: Duration) -> (String, bool) {
    let _ = stream.write_all(request.as_bytes()).await;
    read_for(stream, quiet).await
}

/// The status lines in what arrived (an answer starts right after the body before it).
fn statuses(text: &str) -> Vec<&str> {
    text.match_indices("HTTP/1.").filter_map(|(at, _)| text[at..].split("\r\n").next()).collect()
}

const QUIET: Duration = Duration::from_millis(400);

async fn fake() -> FakeGraph {
    let fake = FakeGraph::start().await.expect("fake");
    assert!(fake.add_job("sp", "job", "BoxOutDelta"));
    fake
}

#[tokio::test]
async fn head_is_answered_without_a_body_and_the_connection_goes_on() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let (answer, closed) = send(&mut stream, &head(&fake, "HEAD /v1.0/nowhere HTTP/1.1", &[], "\r\n"), QUIET).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(answer.ends_with("\r\n\r\n"), "a HEAD answer has no body: {answer:?}");
    assert!(!closed);
    let (answer, _) = send(&mut stream, &head(&fake, &format!("GET {LIST} HTTP/1.1"), &[], "\r\n"), QUIET).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "the next answer starts at its status line: {answer:?}");
}

#[tokio::test]
async fn expect_100_continue_is_answered_before_the_body_is_sent() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let body = r#"{"requests":[]}"#;
    let request = head(
        &fake,
        "POST /v1.0/$batch HTTP/1.1",
        &["Content-Type: application/json", &format!("Content-Length: {}", body.len()), "Expect: 100-continue"],
        "\r\n",
    );
    let (interim, _) = send(&mut stream, &request, QUIET).await;
    assert!(interim.starts_with("HTTP/1.1 100 Continue"), "{interim:?}");
    let (answer, _) = send(&mut stream, body, QUIET).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn an_http_1_0_connection_closes_after_its_answer() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let (answer, closed) =
        send(&mut stream, &head(&fake, &format!("GET {LIST} HTTP/1.0"), &[], "\r\n"), Duration::from_secs(2)).await;
    assert!(answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "the connection stays open: {answer}");
}

#[tokio::test]
async fn a_chunked_bodys_trailer_is_not_read_as_the_next_request() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let body = r#"{"requests":[{"id":"1","method":"GET","url":"/servicePrincipals/sp/synchronization/jobs"}]}"#;
    let mut request = head(
        &fake,
        "POST /v1.0/$batch HTTP/1.1",
        &["Content-Type: application/json", "Transfer-Encoding: chunked"],
        "\r\n",
    );
    request.push_str(&format!("{:x}\r\n{body}\r\n0\r\nX-Checksum: 1\r\n\r\n", body.len()));
    request.push_str(&head(&fake, &format!("GET {LIST} HTTP/1.1"), &[], "\r\n"));
    let (answers, _) = send(&mut stream, &request, QUIET).await;
    assert_eq!(statuses(&answers), ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"], "{answers}");
    assert_eq!(fake.requests().len(), 3, "the batch, its step and the list");
}

#[tokio::test]
async fn pipelined_requests_are_answered_in_order() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let mut requests = String::new();
    for target in [LIST, "/v1.0/nowhere", LIST] {
        requests.push_str(&head(&fake, &format!("GET {target} HTTP/1.1"), &[], "\r\n"));
    }
    let (answers, _) = send(&mut stream, &requests, QUIET).await;
    assert_eq!(statuses(&answers), ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK"], "{answers}");
}

#[tokio::test]
async fn a_head_past_64_kib_is_refused() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let long = format!("X-Long: {}", "a".repeat(70 * 1024));
    let request = head(&fake, &format!("GET {LIST} HTTP/1.1"), &[&long], "\r\n");
    // The server may answer and close before it has read the whole head.
    let (answer, _) = send(&mut stream, &request, Duration::from_secs(2)).await;
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer:?}");
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
}

#[tokio::test]
async fn conflicting_content_lengths_are_refused() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let mut request = head(
        &fake,
        "POST /v1.0/$batch HTTP/1.1",
        &["Content-Type: application/json", "Content-Length: 2", "Content-Length: 5"],
        "\r\n",
    );
    request.push_str("{}");
    let (answer, _) = send(&mut stream, &request, Duration::from_secs(2)).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer:?}");
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
}

#[tokio::test]
async fn bare_lf_line_endings_are_read() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let (answer, _) =
        send(&mut stream, &head(&fake, &format!("GET {LIST} HTTP/1.1"), &[], "\n"), Duration::from_secs(2)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
}

#[tokio::test]
async fn a_plus_in_a_query_is_a_space_wherever_the_fake_reads_one() {
    let fake = fake().await;
    let mut stream = connect(&fake).await;
    let target = "/v1.0/auditLogs/provisioning?$filter=jobId+eq+'job'";
    let (answer, _) = send(&mut stream, &head(&fake, &format!("GET {target} HTTP/1.1"), &[], "\r\n"), QUIET).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let mut stream = connect(&fake).await;
    let target = format!("{LIST}?%24top=1&%24count=true");
    let (answer, _) = send(&mut stream, &head(&fake, &format!("GET {target} HTTP/1.1"), &[], "\r\n"), QUIET).await;
    assert!(answer.contains("\"@odata.count\":1"), "{answer}");
}
