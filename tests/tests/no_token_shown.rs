//! No bearer token anywhere a user can see it (issue 33): every request the client sends,
//! formatted with `Debug` by a transport of the user's own, the mock's recorded requests,
//! the client, errors, and every log line at every `tracing` level, through retries and an
//! expired token asked for anew. The token is found only where it must be: the header's
//! value the transport puts on the wire.

use graph_sync::operations::{ServicePrincipalSynchronizationGetJob, ServicePrincipalSynchronizationJobStart};
use graph_sync::runtime::client::{Answered, Body, Exchange, Transport, TransportFuture};
use graph_sync::runtime::testing::Mock;
use graph_sync::Client;
use std::io::Write;
use std::sync::{Arc, Mutex};

const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-part.signature";

/// A transport a user writes: it formats every request it is given, as a logging
/// transport would, and answers 429, then an expired-token 401, then 200.
#[derive(Clone, Default)]
struct Recording {
    seen: Arc<Mutex<Vec<String>>>,
    on_the_wire: Arc<Mutex<Vec<String>>>,
}

impl Transport for Recording {
    fn send<'a>(&'a self, exchange: Exchange<'a>) -> TransportFuture<'a> {
        Box::pin(async move {
            let mut seen = self.seen.lock().expect("lock");
            seen.push(format!("{:?}", exchange.request));
            seen.push(format!("{:?}", exchange.request.headers()));
            let wire =
                exchange.request.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
            self.on_the_wire.lock().expect("lock").push(wire.to_owned());
            let (status, body): (u16, &[u8]) = match seen.len() / 2 {
                1 => (429, b"{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}"),
                2 => (401, b"{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Lifetime validation failed, the token is expired.\"}}"),
                _ => (200, b"{\"id\":\"job-1\"}"),
            };
            let mut headers = http::HeaderMap::new();
            headers.insert("content-type", http::HeaderValue::from_static("application/json"));
            headers.insert("retry-after", http::HeaderValue::from_static("0"));
            Ok(Answered {
                status: http::StatusCode::from_u16(status).expect("status"),
                headers,
                body: Body::Complete(body.to_vec()),
            })
        })
    }
}

/// Log lines, captured.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_debug_log_line_or_recorded_request_shows_the_token() {
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let transport = Recording::default();
    let client = Client::builder().transport(transport.clone()).bearer_token(TOKEN).build().expect("client");
    let job = client.send(&ServicePrincipalSynchronizationGetJob::new("sp", "job-1")).await.expect("after a retry");
    assert_eq!(job.id.as_deref(), Some("job-1"));

    let seen = transport.seen.lock().expect("lock").join("\n");
    assert_eq!(transport.on_the_wire.lock().expect("lock").len(), 3, "429, 401, 200");
    assert!(transport.on_the_wire.lock().expect("lock").iter().all(|v| *v == format!("Bearer {TOKEN}")));
    assert!(seen.contains("authorization") && seen.contains("Sensitive"), "{seen}");
    let logged = String::from_utf8(lines.0.lock().expect("lock").clone()).expect("text");
    assert!(logged.contains("retrying"), "the retry was logged: {logged}");
    let client_debug = format!("{client:?}");

    // The mock's recorded requests, and an error's Display and Debug.
    let mock = Mock::new();
    mock.on_any::<ServicePrincipalSynchronizationJobStart>().fail(403, "Authorization_RequestDenied", "denied");
    let mocked = mock.client().bearer_token(TOKEN).build().expect("client");
    let error = mocked.send(&ServicePrincipalSynchronizationJobStart::new("sp", "j")).await.expect_err("403");
    let recorded = format!("{:?}", mock.requests());
    assert!(recorded.contains("Sensitive"), "{recorded}");

    for (what, text) in [
        ("a request formatted by a transport", seen),
        ("a log line", logged),
        ("the client", client_debug),
        ("a recorded request", recorded),
        ("an error", format!("{error} {error:?}")),
    ] {
        assert!(!text.contains("secret-part"), "{what} shows the token: {text}");
    }
}
