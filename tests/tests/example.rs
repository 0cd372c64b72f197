//! The example program (`generated/examples/list_and_start.rs`), run against a local
//! server: its logic is compiled into this test, and `main` is left unused.

#[allow(dead_code)]
#[path = "../../generated/examples/list_and_start.rs"]
mod example;

use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_example_lists_the_jobs_and_starts_the_first() {
    let server = MockServer::start().await;
    let jobs = "/v1.0/servicePrincipals/sp-1/synchronization/jobs";
    Mock::given(method("GET"))
        .and(path(jobs))
        .and(header("authorization", "Bearer t"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [
            {"id": "job-1", "templateId": "AD2AADProvisioning", "status": {"code": "Paused"}},
            {"id": "job-2", "templateId": "BoxOutDelta", "status": {"code": "unknownFutureValue"}}
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{jobs}/job-1/start").as_str()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = generated::Client::builder()
        .base_url(format!("{}/v1.0", server.uri()))
        .bearer_token("t")
        .build()
        .expect("client");
    let (ids, started) = example::run(&client, "sp-1", None).await.expect("runs");
    assert_eq!(ids, ["job-1", "job-2"]);
    assert_eq!(started.as_deref(), Some("job-1"));
}
