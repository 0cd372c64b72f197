//! The `client` feature against a real HTTP server on 127.0.0.1 (wiremock): what arrives
//! on the wire for each job lifecycle call, retries, paging, timeouts, decode errors and
//! the secrecy of the bearer token.

use graph_sync::models::{
    ServicePrincipalSynchronizationJobProvisionOnDemandRequest, ServicePrincipalSynchronizationJobRestartRequest,
    ServicePrincipalSynchronizationJobValidateCredentialRequest, ServicePrincipalSynchronizationSetSecretRequest,
    SynchronizationJob,
};
use graph_sync::operations::{
    ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationDeleteJob,
    ServicePrincipalSynchronizationGetJob, ServicePrincipalSynchronizationJobPause,
    ServicePrincipalSynchronizationJobProvisionOnDemand, ServicePrincipalSynchronizationJobRestart,
    ServicePrincipalSynchronizationJobStart, ServicePrincipalSynchronizationJobValidateCredential,
    ServicePrincipalSynchronizationListJob, ServicePrincipalSynchronizationSetSecret,
};
use graph_sync::runtime::Error;
use graph_sync::{Client, Cloud};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "eyJ0eXAi.secret-test-token.sig";
const SP: &str = "/v1.0/servicePrincipals/sp-1/synchronization";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .cloud(Cloud::Global)
        .base_url(format!("{}/v1.0", server.uri()))
        .bearer_token(TOKEN)
        .max_total_wait(Duration::from_secs(5))
        .build()
        .expect("client")
}

fn job_json() -> Value {
    json!({"id": "job-1", "templateId": "BoxOutDelta", "schedule": {"interval": "PT40M", "state": "Active"},
           "status": {"code": "Active", "escrowsPruned": false}})
}

/// Every request carries the bearer token and a UUID client-request-id.
fn authorized(r: &Request) -> bool {
    let value = |name: &str| r.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    value("authorization") == Some(format!("Bearer {TOKEN}"))
        && value("client-request-id").is_some_and(|id| uuid::Uuid::parse_str(&id).is_ok())
}

#[tokio::test]
async fn every_job_lifecycle_call_sends_the_documented_request_and_decodes_the_answer() {
    let server = MockServer::start().await;
    let job = format!("{SP}/jobs/job-1");
    let mocks = [
        (
            "POST",
            format!("{SP}/jobs"),
            Some(json!({"templateId": "BoxOutDelta"})),
            ResponseTemplate::new(201).set_body_json(job_json()),
        ),
        ("GET", job.clone(), None, ResponseTemplate::new(200).set_body_json(job_json())),
        ("GET", format!("{SP}/jobs"), None, ResponseTemplate::new(200).set_body_json(json!({"value": [job_json()]}))),
        ("POST", format!("{job}/start"), None, ResponseTemplate::new(204)),
        ("POST", format!("{job}/pause"), None, ResponseTemplate::new(204)),
        (
            "POST",
            format!("{job}/restart"),
            Some(json!({"criteria": {"resetScope": "Watermark,Escrows"}})),
            ResponseTemplate::new(204),
        ),
        ("DELETE", job.clone(), None, ResponseTemplate::new(204)),
        (
            "POST",
            format!("{job}/validateCredentials"),
            Some(
                json!({"useSavedCredentials": false, "credentials": [{"key": "UserName", "value": "user@contoso.com"}]}),
            ),
            ResponseTemplate::new(204),
        ),
        (
            "POST",
            format!("{job}/provisionOnDemand"),
            Some(
                json!({"parameters": [{"ruleId": "rule-1", "subjects": [{"objectId": "u-1", "objectTypeName": "User"}]}]}),
            ),
            ResponseTemplate::new(200).set_body_json(json!({"key": "result", "value": "{\"status\":\"success\"}"})),
        ),
        (
            "PUT",
            format!("{SP}/secrets"),
            Some(json!({"value": [{"key": "BaseAddress", "value": "https://example.com"}]})),
            ResponseTemplate::new(204),
        ),
    ];
    for (verb, route, body, answer) in mocks {
        let mut mock = Mock::given(method(verb)).and(path(route.as_str())).and(authorized);
        if let Some(body) = body {
            mock = mock.and(body_json(body)).and(header("content-type", "application/json"));
        }
        mock.respond_with(answer).expect(1).mount(&server).await;
    }
    let client = client(&server);
    let body: SynchronizationJob = serde_json::from_value(json!({"templateId": "BoxOutDelta"})).expect("job");
    let created = client.send(&ServicePrincipalSynchronizationCreateJob::new("sp-1", body)).await.expect("create");
    assert_eq!(created.id.as_deref(), Some("job-1"));
    let got = client.send(&ServicePrincipalSynchronizationGetJob::new("sp-1", "job-1")).await.expect("get");
    assert_eq!(got.template_id.as_deref(), Some("BoxOutDelta"));
    let listed = client.send(&ServicePrincipalSynchronizationListJob::new("sp-1")).await.expect("list");
    assert_eq!(listed.value.map(|v| v.len()), Some(1));
    client.send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).await.expect("start");
    client.send(&ServicePrincipalSynchronizationJobPause::new("sp-1", "job-1")).await.expect("pause");
    let restart: ServicePrincipalSynchronizationJobRestartRequest =
        serde_json::from_value(json!({"criteria": {"resetScope": "Watermark,Escrows"}})).expect("restart body");
    client.send(&ServicePrincipalSynchronizationJobRestart::new("sp-1", "job-1", restart)).await.expect("restart");
    client.send(&ServicePrincipalSynchronizationDeleteJob::new("sp-1", "job-1")).await.expect("delete");
    let validate: ServicePrincipalSynchronizationJobValidateCredentialRequest = serde_json::from_value(
        json!({"useSavedCredentials": false, "credentials": [{"key": "UserName", "value": "user@contoso.com"}]}),
    )
    .expect("validate body");
    client
        .send(&ServicePrincipalSynchronizationJobValidateCredential::new("sp-1", "job-1", validate))
        .await
        .expect("validateCredentials");
    let provision: ServicePrincipalSynchronizationJobProvisionOnDemandRequest = serde_json::from_value(
        json!({"parameters": [{"ruleId": "rule-1", "subjects": [{"objectId": "u-1", "objectTypeName": "User"}]}]}),
    )
    .expect("provision body");
    let result = client
        .send(&ServicePrincipalSynchronizationJobProvisionOnDemand::new("sp-1", "job-1", provision))
        .await
        .expect("provisionOnDemand");
    assert_eq!(result.key.as_deref(), Some("result"));
    let secrets: ServicePrincipalSynchronizationSetSecretRequest =
        serde_json::from_value(json!({"value": [{"key": "BaseAddress", "value": "https://example.com"}]}))
            .expect("secrets");
    // Documented as 204 No Content, so the answer is `()`.
    let () = client.send(&ServicePrincipalSynchronizationSetSecret::new("sp-1", secrets)).await.expect("put secrets");
    // `expect(1)` on every mock is verified when the server drops.
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_once_after_about_a_second() {
    let server = MockServer::start().await;
    let start = format!("{SP}/jobs/job-1/start");
    Mock::given(method("POST"))
        .and(path(start.as_str()))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(start.as_str()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    client(&server).send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).await.expect("retried");
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(950) && waited < Duration::from_secs(3), "{waited:?}");
    let ids: Vec<String> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.headers.get("client-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1], "a retry is the same logical request");
    assert!(uuid::Uuid::parse_str(&ids[0]).is_ok());
}

#[tokio::test]
async fn a_503_storm_stops_after_the_configured_attempts_with_the_last_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-ms-ags-diagnostic", "storm"))
        .expect(3)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1.0", server.uri()))
        .retry_policy(graph_sync::runtime::RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(5),
            ..Default::default()
        })
        .build()
        .expect("client");
    let err = client.send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).await.expect_err("storm");
    let response = err.response().expect("an HTTP error");
    assert_eq!(response.status.as_u16(), 503);
    assert_eq!(response.headers.get("x-ms-ags-diagnostic").map(|v| v.as_bytes()), Some(&b"storm"[..]));
    assert!(response.client_request_id().is_some(), "the error names the client-request-id");
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    for status in [400u16, 404] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(
                json!({"error": {"code": "Request_ResourceNotFound", "message": "No job.", "innerError": {"request-id": "r-1"}}}),
            ))
            .expect(1)
            .mount(&server)
            .await;
        let err = client(&server)
            .send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1"))
            .await
            .expect_err("an HTTP error");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        let response = err.response().expect("status error");
        assert_eq!(response.code(), Some("Request_ResourceNotFound"));
        assert_eq!(response.request_id(), Some("r-1"));
    }
}

#[tokio::test]
async fn pages_follow_next_links_through_three_pages() {
    let server = MockServer::start().await;
    let jobs = format!("{SP}/jobs");
    let page = |ids: &[&str], next: Option<String>| {
        let mut body = json!({"value": ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>()});
        if let Some(next) = next {
            body["@odata.nextLink"] = json!(next);
        }
        ResponseTemplate::new(200).set_body_json(body)
    };
    let next = |token: &str| format!("{}{jobs}?$skiptoken={token}", server.uri());
    Mock::given(method("GET"))
        .and(path(jobs.as_str()))
        .and(|r: &Request| r.url.query().is_none())
        .respond_with(page(&["a", "b"], Some(next("p2"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(jobs.as_str()))
        .and(|r: &Request| r.url.query() == Some("$skiptoken=p2"))
        .respond_with(page(&["c"], Some(next("p3"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(jobs.as_str()))
        .and(|r: &Request| r.url.query() == Some("$skiptoken=p3"))
        .respond_with(page(&["d"], None))
        .mount(&server)
        .await;
    let client = client(&server);
    let list = ServicePrincipalSynchronizationListJob::new("sp-1");
    let mut pages = client.pages(&list);
    let mut ids = Vec::new();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        count += 1;
        for job in page.expect("page").value.unwrap_or_default() {
            ids.extend(job.id);
        }
    }
    assert_eq!(count, 3);
    assert_eq!(ids, ["a", "b", "c", "d"]);
    // The same pages as a futures Stream.
    use futures_util::StreamExt;
    let streamed: Vec<_> = client.pages(&list).into_stream().collect().await;
    assert_eq!(streamed.len(), 3);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_and_that_host_receives_nothing() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&elsewhere).await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"value": [], "@odata.nextLink": format!("{}/v1.0/steal", elsewhere.uri())})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let list = ServicePrincipalSynchronizationListJob::new("sp-1");
    let mut pages = client.pages(&list);
    assert!(pages.next().await.expect("first page").is_ok());
    let refused = pages.next().await.expect("an error, not silence").expect_err("refused");
    assert!(refused.to_string().contains("refusing to follow"), "{refused}");
    assert!(pages.next().await.is_none());
    assert!(elsewhere.received_requests().await.unwrap_or_default().is_empty());
}

#[tokio::test]
async fn a_slow_server_hits_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1.0", server.uri()))
        .timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let started = Instant::now();
    let err = client.send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).await.expect_err("timeout");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn truncated_or_non_json_bodies_are_decode_errors_with_the_text() {
    for body in [r#"{"id": "job-1", "templateId": "Box"#, "<html>gateway</html>"] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        let err = client(&server)
            .send(&ServicePrincipalSynchronizationGetJob::new("sp-1", "job-1"))
            .await
            .expect_err("decode error");
        match err {
            Error::Decode { body: text, .. } => assert_eq!(text, body),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_connection_failure_is_a_transport_error() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let base = format!("http://127.0.0.1:{port}/v1.0");
    let client = Client::builder().base_url(base).bearer_token(TOKEN).build().expect("client");
    let err = client.send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).await.expect_err("refused");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(!format!("{err:?} {err}").contains(TOKEN));
}

#[tokio::test]
async fn the_token_is_on_the_wire_and_nowhere_else() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges."}}),
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client.send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).await.expect_err("403");
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        received.first().and_then(|r| r.headers.get("authorization")).and_then(|v| v.to_str().ok()),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    for text in [format!("{client:?}"), format!("{err:?}"), format!("{err}")] {
        assert!(!text.contains("secret-test-token"), "{text}");
    }
}

#[tokio::test]
async fn a_token_provider_is_asked_per_request_and_clouds_pick_the_host() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("authorization", "Bearer fresh"))
        .respond_with(ResponseTemplate::new(204))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1.0", server.uri()))
        .token_provider(|| async { Ok::<_, Error>("fresh".to_owned()) })
        .build()
        .expect("client");
    for _ in 0..2 {
        client.send(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).await.expect("sent");
    }
    for (cloud, base) in [
        (Cloud::Global, "https://graph.microsoft.com/v1.0"),
        (Cloud::UsGovL4, "https://graph.microsoft.us/v1.0"),
        (Cloud::UsGovL5Dod, "https://dod-graph.microsoft.us/v1.0"),
        (Cloud::China, "https://microsoftgraph.chinacloudapi.cn/v1.0"),
    ] {
        let client = Client::builder().cloud(cloud).build().expect("client");
        assert_eq!(client.base_url_for::<ServicePrincipalSynchronizationJobStart>().expect("base"), base);
    }
}

/// Records the messages of `tracing` events (a subscriber of our own: no extra dependency).
#[derive(Default, Clone)]
struct Recorder(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        struct Fields(String);
        impl tracing::field::Visit for Fields {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.push_str(&format!("{}={value:?} ", field.name()));
            }
        }
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        if let Ok(mut events) = self.0.lock() {
            events.push(fields.0);
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn an_operation_documented_as_unavailable_in_the_cloud_is_warned_about_or_refused() {
    use graph_sync::beta::operations::ServicePrincipalSynchronizationJobStart as BetaStart;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/beta/servicePrincipals/sp-1/synchronization/jobs/job-1/start"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let china = |strict: bool| {
        Client::builder()
            .cloud(Cloud::China)
            .strict_clouds(strict)
            .base_url(format!("{}/beta", server.uri()))
            .build()
            .expect("client")
    };
    // Beta's start job is documented as unavailable in China: strict checks refuse it
    // before anything is sent.
    let refused = china(true).send(&BetaStart::new("sp-1", "job-1")).await.expect_err("refused");
    assert!(
        matches!(refused, Error::UnavailableInCloud { cloud: Cloud::China, operation } if operation.ends_with("ServicePrincipalSynchronizationJobStart")),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("documented as unavailable in China operated by 21Vianet"), "{refused}");
    // Without strict checks it is sent, with a warning.
    let recorder = Recorder::default();
    let guard = tracing::subscriber::set_default(recorder.clone());
    china(false).send(&BetaStart::new("sp-1", "job-1")).await.expect("sent anyway");
    drop(guard);
    let events = recorder.0.lock().map(|e| e.clone()).unwrap_or_default();
    assert!(
        events.iter().any(|e| e.contains("documented as unavailable") && e.contains("China operated by 21Vianet")),
        "{events:?}"
    );
    // v1.0's create job is available in China: no check fires (the request reaches the server's 404).
    let create = ServicePrincipalSynchronizationCreateJob::new("sp-1", SynchronizationJob::default());
    let answer = china(true).send(&create).await.expect_err("no mock for it");
    assert_eq!(answer.status(), Some(http::StatusCode::NOT_FOUND));
}
