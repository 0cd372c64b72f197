//! What the generated crate does on the wire, checked against the documented examples
//! of the API pages (`../shared/seeds/`: create job, start job) and the promises of
//! the generator: open enums, flags, exact durations, lossless models, safe paths.

use graph_sync::models::{
    ObjectFlowTypesFlag, SynchronizationJob, SynchronizationJobCollectionResponse, SynchronizationScheduleState,
    SynchronizationStatusCode,
};
use graph_sync::operations::{
    ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationJobGetBulkUploadContent,
    ServicePrincipalSynchronizationJobGetCount, ServicePrincipalSynchronizationJobStart,
    ServicePrincipalSynchronizationListJob, ServicePrincipalSynchronizationUpdateJob,
};
use graph_sync::runtime::{Error, IsoDuration, WireEnum};
use graph_sync::{Operation, Pageable};
use serde_json::{json, Value};

const BASE: &str = "https://graph.microsoft.com/v1.0";

/// The documented response of "Create synchronizationJob" (create-job seed page).
const CREATED_JOB: &str = r#"{
  "id": "{jobId}",
  "templateId": "BoxOutDelta",
  "schedule": {
    "expiration": null,
    "interval": "P10675199DT2H48M5.4775807S",
    "state": "Disabled"
  },
  "status": {
    "countSuccessiveCompleteFailures": 0,
    "escrowsPruned": false,
    "synchronizedEntryCountByType": [],
    "code": "NotConfigured",
    "lastExecution": null,
    "lastSuccessfulExecution": null,
    "lastSuccessfulExecutionWithExports": null,
    "steadyStateFirstAchievedTime": "0001-01-01T00:00:00Z",
    "steadyStateLastAchievedTime": "0001-01-01T00:00:00Z",
    "quarantine": null,
    "troubleshootingUrl": null
  }
}"#;

fn response(status: u16, content_type: &str, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(body.as_bytes().to_vec())
        .expect("valid response")
}

#[test]
fn create_job_sends_exactly_the_documented_body() {
    let job = SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() };
    let request = ServicePrincipalSynchronizationCreateJob::new("sp-1", job).to_http(BASE).expect("request");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/servicePrincipals/sp-1/synchronization/jobs");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(std::str::from_utf8(request.body()).expect("utf-8"), r#"{"templateId":"BoxOutDelta"}"#);
}

#[test]
fn the_documented_created_job_decodes_and_re_serializes_unchanged() {
    let job = ServicePrincipalSynchronizationCreateJob::from_http(response(201, "application/json", CREATED_JOB))
        .expect("decodes");
    assert_eq!(job.id.as_deref(), Some("{jobId}"));
    let schedule = job.schedule.as_ref().expect("schedule");
    assert_eq!(schedule.state, Some(SynchronizationScheduleState::Disabled));
    let interval = schedule.interval.as_ref().expect("interval");
    assert_eq!(interval.to_string(), "P10675199DT2H48M5.4775807S");
    let status = job.status.as_ref().expect("status");
    assert_eq!(status.code, Some(SynchronizationStatusCode::NotConfigured));
    assert_eq!(status.count_successive_complete_failures, Some(0));
    let year_one = status.steady_state_first_achieved_time.as_ref().and_then(|t| t.value()).expect("date-time");
    assert_eq!(chrono::Datelike::year(&year_one), 1);
    assert_eq!(status.synchronized_entry_count_by_type.as_deref(), Some(&[][..]));

    // Every value, explicit nulls included, comes back as it was.
    let original: Value = serde_json::from_str(CREATED_JOB).expect("json");
    assert_eq!(serde_json::to_value(&job).expect("serializes"), original);
}

#[test]
fn start_job_is_a_bodiless_post_and_204_is_unit() {
    let request = ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1").to_http(BASE).expect("request");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/servicePrincipals/sp-1/synchronization/jobs/job-1/start"
    );
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
    // The output is `()`: this line does not compile if it is anything else.
    let () = ServicePrincipalSynchronizationJobStart::from_http(response(204, "text/plain", "")).expect("204");
}

#[test]
fn a_schema_update_is_a_put_answered_by_204_as_the_service_does() {
    use graph_sync::operations::{
        ApplicationSynchronizationTemplateUpdateSchema, ServicePrincipalSynchronizationJobUpdateSchema,
    };
    let schema = graph_sync::models::SynchronizationSchema::default();
    let request = ServicePrincipalSynchronizationJobUpdateSchema::new("sp-1", "job-1", schema.clone())
        .to_http(BASE)
        .expect("request");
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/servicePrincipals/sp-1/synchronization/jobs/job-1/schema"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    let () = ServicePrincipalSynchronizationJobUpdateSchema::from_http(response(204, "text/plain", "")).expect("204");
    // A template's schema is replaced under the application.
    let request =
        ApplicationSynchronizationTemplateUpdateSchema::new("app-1", "scim", schema).to_http(BASE).expect("request");
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/applications/app-1/synchronization/templates/scim/schema"
    );
}

#[test]
fn a_scim_bulk_upload_is_sent_as_scim_json() {
    use graph_sync::models::{ScimBulkOperation, ScimBulkRequest};
    use graph_sync::operations::ServicePrincipalSynchronizationJobPostBulkUpload;
    let bulk = ScimBulkRequest {
        schemas: vec!["urn:ietf:params:scim:api:messages:2.0:BulkRequest".into()],
        operations: vec![ScimBulkOperation {
            method: "POST".into(),
            path: Some("/Users".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let request =
        ServicePrincipalSynchronizationJobPostBulkUpload::new("sp-1", "job-1", bulk).to_http(BASE).expect("request");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.headers()["content-type"], "application/scim+json");
    // 202 Accepted: the answer is where the work goes on.
    let answer = http::Response::builder()
        .status(202)
        .header("location", "https://graph.microsoft.com/v1.0/auditLogs/provisioning?$filter=jobId%20eq%20'job-1'")
        .body(Vec::new())
        .expect("response");
    let accepted = ServicePrincipalSynchronizationJobPostBulkUpload::from_http(answer).expect("202");
    assert!(accepted.location.is_some_and(|l| l.ends_with("jobId%20eq%20'job-1'")));
}

#[test]
fn an_odata_error_becomes_an_error_with_code_and_message() {
    let body = r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'job-1' does not exist.","innerError":{"date":"2024-05-01T10:00:00","request-id":"req-7","client-request-id":"cli-9"}}}"#;
    let err =
        ServicePrincipalSynchronizationJobStart::from_http(response(404, "application/json", body)).expect_err("404");
    let Error::Status(answer) = &err else { panic!("expected a status error, got {err:?}") };
    assert_eq!(answer.status, http::StatusCode::NOT_FOUND);
    assert_eq!(answer.code(), Some("Request_ResourceNotFound"));
    assert_eq!(answer.message(), Some("Resource 'job-1' does not exist."));
    assert_eq!(answer.request_id(), Some("req-7"));
    let shown = err.to_string();
    assert!(shown.contains("Request_ResourceNotFound") && shown.contains("does not exist"), "{shown}");
}

#[test]
fn a_body_that_is_not_json_or_does_not_match_is_a_decode_error_with_the_text() {
    for body in ["<html>oops</html>", r#"{"id": 42}"#, r#"{"schedule": {"interval": "every day"}}"#, "{\"id\":\"trunc"]
    {
        let err = ServicePrincipalSynchronizationCreateJob::from_http(response(201, "application/json", body))
            .expect_err(body);
        match err {
            Error::Decode { body: raw, .. } => assert_eq!(raw, body),
            other => panic!("expected a decode error for {body}, got {other:?}"),
        }
    }
}

#[test]
fn unknown_enum_values_and_unknown_properties_survive_a_get_then_put() {
    let fetched = r##"{"@odata.type":"#microsoft.graph.synchronizationJob","id":"j","status":{"code":"unknownFutureValue","addedIn2027":{"x":1}},"schedule":{"state":"Hibernating"}}"##;
    let job: SynchronizationJob = serde_json::from_str(fetched).expect("decodes");
    let code = job.status.as_ref().and_then(|s| s.code.clone()).expect("code");
    assert_eq!(code, SynchronizationStatusCode::Other("unknownFutureValue".into()));
    assert_eq!(code.as_wire(), "unknownFutureValue");
    assert_eq!(job.additional_properties["@odata.type"], json!("#microsoft.graph.synchronizationJob"));

    let request = ServicePrincipalSynchronizationUpdateJob::new("sp", "j", job).to_http(BASE).expect("request");
    assert_eq!(request.method(), http::Method::PATCH);
    let sent: Value = serde_json::from_slice(request.body()).expect("json");
    assert_eq!(sent, serde_json::from_str::<Value>(fetched).expect("json"));
}

#[test]
fn a_field_set_after_a_null_arrived_wins_over_the_remembered_null() {
    let mut job: SynchronizationJob = serde_json::from_str(r#"{"templateId":null}"#).expect("decodes");
    assert_eq!(serde_json::to_string(&job).expect("json"), r#"{"templateId":null}"#);
    job.template_id = Some("t".into());
    assert_eq!(serde_json::to_string(&job).expect("json"), r#"{"templateId":"t"}"#);
}

#[test]
fn flags_enums_are_comma_separated_and_open() {
    use graph_sync::models::ObjectFlowTypes;
    let flags: ObjectFlowTypes = serde_json::from_str(r#""Add,Update,Teleport""#).expect("decodes");
    assert!(flags.contains(&ObjectFlowTypesFlag::Add));
    assert!(flags.contains(&ObjectFlowTypesFlag::Other("Teleport".into())));
    assert_eq!(serde_json::to_string(&flags).expect("json"), r#""Add,Update,Teleport""#);
}

#[test]
fn durations_round_trip_exactly() {
    for text in ["P10675199DT2H48M5.4775807S", "PT1M", "P1M", "PT0S", "PT1.50S"] {
        let d: IsoDuration = serde_json::from_value(json!(text)).expect(text);
        assert_eq!(serde_json::to_value(&d).expect("json"), json!(text));
    }
}

#[test]
fn path_parameters_are_always_one_segment() {
    for (id, encoded) in [("a/b", "a%2Fb"), ("x?y#z", "x%3Fy%23z"), ("a b", "a%20b"), ("..", "%2E%2E"), (".", "%2E")] {
        let request = ServicePrincipalSynchronizationJobStart::new(id, "j").to_http(BASE).expect("request");
        assert_eq!(
            request.uri().to_string(),
            format!("https://graph.microsoft.com/v1.0/servicePrincipals/{encoded}/synchronization/jobs/j/start")
        );
    }
    let err = ServicePrincipalSynchronizationJobStart::new("", "j").to_http(BASE).expect_err("empty id");
    assert!(err.to_string().contains("servicePrincipal-id"), "{err}");
}

#[test]
fn base_urls_with_and_without_a_trailing_slash_give_the_same_request() {
    let a = ServicePrincipalSynchronizationJobStart::new("s", "j").to_http(BASE).expect("request");
    let b = ServicePrincipalSynchronizationJobStart::new("s", "j").to_http(&format!("{BASE}/")).expect("request");
    assert_eq!(a.uri(), b.uri());
    assert!(!a.uri().to_string().contains("//servicePrincipals"));
    assert_eq!(graph_sync::DEFAULT_BASE_URL, BASE);
}

#[test]
fn odata_query_options_are_encoded_as_graph_expects() {
    let request = ServicePrincipalSynchronizationListJob::new("sp")
        .select(["id", "status"])
        .top(5)
        .filter("templateId eq 'BoxOutDelta'")
        .count(true)
        .to_http(BASE)
        .expect("request");
    assert_eq!(
        request.uri().to_string(),
        "https://graph.microsoft.com/v1.0/servicePrincipals/sp/synchronization/jobs?$top=5&$filter=templateId%20eq%20%27BoxOutDelta%27&$count=true&$select=id,status"
    );
}

#[test]
fn count_is_a_plain_text_integer() {
    let request = ServicePrincipalSynchronizationJobGetCount::new("sp").to_http(BASE).expect("request");
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/servicePrincipals/sp/synchronization/jobs/$count");
    let n = ServicePrincipalSynchronizationJobGetCount::from_http(response(200, "text/plain", "17")).expect("count");
    assert_eq!(n, 17);
}

#[test]
fn bulk_upload_content_is_raw_bytes() {
    let bytes = ServicePrincipalSynchronizationJobGetBulkUploadContent::from_http(response(
        200,
        "application/octet-stream",
        "\u{1}\u{2}abc",
    ))
    .expect("bytes");
    assert_eq!(bytes, b"\x01\x02abc");
}

#[test]
fn list_jobs_is_pageable_through_the_next_link() {
    let page: SynchronizationJobCollectionResponse = serde_json::from_str(
        r#"{"value":[{"id":"a"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/next?page=2"}"#,
    )
    .expect("page");
    assert_eq!(
        ServicePrincipalSynchronizationListJob::next_link(&page),
        Some("https://graph.microsoft.com/v1.0/next?page=2")
    );
    assert_eq!(page.value.as_ref().map(Vec::len), Some(1));
}
