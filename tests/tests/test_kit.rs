//! The test kit as a careful user finds it (issue 33): every lifecycle helper tested with
//! the typed mock alone (raw requests have rules too), mock rules that read an operation
//! through its getters, count their calls, give an answer `times(n)`, run out, compute an
//! answer, answer 202, register at once and retry without waiting; and a wait whose
//! deadline holds whatever the client's retries would wait.

use graph_sync::lifecycle::{
    edit_mapping, follow_bulk_upload, provision_on_demand, start_as_documented, wait_until, MappingEdit, StartOutcome,
    Until,
};
use graph_sync::models::{
    ParseExpressionResponse, ScimBulkRequest, ServicePrincipalSynchronizationJobProvisionOnDemandRequest,
    StringKeyStringValuePair, SynchronizationJob,
};
use graph_sync::operations::{
    ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationGetJob,
    ServicePrincipalSynchronizationJobGetSchema, ServicePrincipalSynchronizationJobPostBulkUpload,
    ServicePrincipalSynchronizationJobProvisionOnDemand, ServicePrincipalSynchronizationJobSchemaParseExpression,
    ServicePrincipalSynchronizationJobStart, ServicePrincipalSynchronizationJobUpdateSchema,
};
use graph_sync::runtime::testing::Mock;
use graph_sync::runtime::{Accepted, Error, MockError, Wait, WaitError};
use graph_sync::Client;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn job(value: Value) -> SynchronizationJob {
    serde_json::from_value(value).expect("a job")
}

fn fast(deadline_ms: u64) -> Wait {
    Wait::within(Duration::from_millis(deadline_ms))
        .every(Duration::from_millis(2))
        .at_most_every(Duration::from_millis(5))
}

#[tokio::test]
async fn start_and_wait_run_against_the_mock_alone() {
    let mock = Mock::new();
    let read = mock
        .on(ServicePrincipalSynchronizationGetJob::new("sp", "job-1"))
        .answer(job(json!({"id": "job-1", "status": {"code": "NotRun"}})))
        .then_exhausted();
    let start = mock.on_any::<ServicePrincipalSynchronizationJobStart>().answer(());
    let client = mock.client().build().expect("client");
    assert_eq!(start_as_documented(&client, "sp", "job-1").await.expect("started"), StartOutcome::Started);
    assert_eq!((read.calls(), start.calls()), (1, 1));

    // Running, running, then a steady state: the rule after the exhausted one answers.
    let never = "0001-01-01T00:00:00Z";
    let active =
        |steady: &str| job(json!({"id": "job-1", "status": {"code": "Active", "steadyStateLastAchievedTime": steady}}));
    let polls = mock
        .on_any::<ServicePrincipalSynchronizationGetJob>()
        .when(|op| op.service_principal_id() == "sp" && op.synchronization_job_id() == "job-1")
        .answer(active(never))
        .times(2)
        .answer(active("2026-12-07T10:00:00Z"));
    let done = wait_until(&client, "sp", "job-1", Until::SteadyState, &fast(5_000)).await.expect("steady");
    assert_eq!(polls.calls(), 3);
    assert!(done.status.and_then(|s| s.steady_state_last_achieved_time).is_some());
    mock.verify().expect("every rule used, every request answered");
}

#[tokio::test]
async fn provisioning_on_demand_and_a_bulk_upload_followed_to_its_logs_run_against_the_mock() {
    let mock = Mock::new();
    let steps = json!({"provisioningSteps": [{"name": "EntryImport", "type": "Import", "status": "Success"}]});
    mock.on_any::<ServicePrincipalSynchronizationJobProvisionOnDemand>().answer(StringKeyStringValuePair {
        key: Some(json!({"result": "Success"}).to_string()),
        value: Some(steps.to_string()),
        ..Default::default()
    });
    let location = "https://graph.microsoft.com/v1.0/auditLogs/provisioning?$filter=jobId%20eq%20'job-1'";
    let upload = mock
        .on_any::<ServicePrincipalSynchronizationJobPostBulkUpload>()
        .accepted(Accepted { location: Some(location.into()), ..Default::default() });
    // The Location is read as a request given as it is: a rule by method and path.
    let logs = mock
        .on_request(http::Method::GET, "/auditLogs/provisioning")
        .when(|request| request.uri().query().is_some_and(|q| q.contains("job-1")))
        .json(&json!({"value": []}))
        .json(&json!({"value": [{"id": "log-1", "provisioningAction": "create"}]}));
    let client = mock.client().build().expect("client");

    let request = ServicePrincipalSynchronizationJobProvisionOnDemandRequest::default();
    let answer = provision_on_demand(&client, "sp", "job-1", request).await.expect("on demand");
    assert_eq!(answer.steps().len(), 1);

    let operation = ServicePrincipalSynchronizationJobPostBulkUpload::new("sp", "job-1", ScimBulkRequest::default());
    let accepted = client.send(&operation).await.expect("202");
    assert_eq!(accepted.location.as_deref(), Some(location));
    let entries = follow_bulk_upload(&client, &accepted, &fast(5_000)).await.expect("followed");
    assert_eq!(entries[0]["id"], "log-1");
    assert_eq!((upload.calls(), logs.calls()), (1, 2));
    mock.verify().expect("every rule used");
}

#[tokio::test]
async fn a_mapping_is_edited_against_the_mock_through_operations() {
    let mock = Mock::new();
    let schema = r#"{"synchronizationRules":[{"id":"r","objectMappings":[{"sourceObjectName":"User","targetObjectName":"User","attributeMappings":[{"targetAttributeName":"userName","matchingPriority":1,"source":{"type":"Attribute","name":"upn","expression":"[upn]","parameters":[]},"flowBehavior":"FlowWhenChanged"}]}]}],"unknown":{"kept":[1,null]},"aWideCount":123456789012345678901234567890,"aRatio":1.50}"#;
    let mut answer = http::Response::new(schema.as_bytes().to_vec());
    answer.headers_mut().insert("content-type", http::HeaderValue::from_static("application/json"));
    mock.on_any::<ServicePrincipalSynchronizationJobGetSchema>().respond(answer);
    mock.on_any::<ServicePrincipalSynchronizationJobSchemaParseExpression>().answer_with(|op| {
        ParseExpressionResponse {
            parsing_succeeded: Some(op.body().expression.as_deref() == Some("[mail]")),
            ..Default::default()
        }
    });
    let write = mock
        .on_any::<ServicePrincipalSynchronizationJobUpdateSchema>()
        .when(|op| op.synchronization_job_id() == "job-1")
        .answer(());
    let client = mock.client().build().expect("client");

    let edit = MappingEdit::new("User", "User", "userName").expression("[mail]").matching_priority(2);
    let edited = edit_mapping(&client, "sp", "job-1", &edit).await.expect("edited");
    assert_eq!(edited.before["matchingPriority"], 1);
    assert_eq!(write.calls(), 1);
    // The bytes PUT are the schema as it came but for the one mapping; the operation
    // recorded carries their typed reading.
    let put = mock.requests().into_iter().last().expect("the PUT");
    let sent = String::from_utf8(put.request.body().clone()).expect("text");
    // Numbers too: an integer past 64 bits and `1.50` go back as they came.
    assert!(
        sent.ends_with(r#""unknown":{"kept":[1,null]},"aWideCount":123456789012345678901234567890,"aRatio":1.50}"#),
        "{sent}"
    );
    assert!(sent.contains(r#""matchingPriority":2"#), "{sent}");
    let typed = mock.requests_of::<ServicePrincipalSynchronizationJobUpdateSchema>();
    assert_eq!(typed[0].body().synchronization_rules.as_ref().map(Vec::len), Some(1));
    // A rejected expression stops before the write.
    let rejected = MappingEdit::new("User", "User", "userName").expression("[nope]");
    assert!(edit_mapping(&client, "sp", "job-1", &rejected).await.is_err());
    assert_eq!(write.calls(), 1);
}

#[tokio::test]
async fn rules_count_repeat_run_out_compute_and_report() {
    let mock = Mock::new();
    // Registered at once: the rule answers while `created` is still in scope.
    let created = mock.on_any::<ServicePrincipalSynchronizationCreateJob>().answer_with(|op| SynchronizationJob {
        id: Some("new-job".into()),
        template_id: op.body().template_id.clone(),
        ..Default::default()
    });
    let client = mock.client().build().expect("client");
    let body = SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() };
    let job = client.send(&ServicePrincipalSynchronizationCreateJob::new("sp", body)).await.expect("created");
    assert_eq!((job.id.as_deref(), job.template_id.as_deref()), (Some("new-job"), Some("BoxOutDelta")));
    assert_eq!(created.calls(), 1);

    // Throttled twice with Retry-After: 1, then 204: the mock's client retries at once.
    let started = Instant::now();
    let start =
        mock.on_any::<ServicePrincipalSynchronizationJobStart>().throttle(1).times(2).answer(()).then_exhausted();
    client.send(&ServicePrincipalSynchronizationJobStart::new("sp", "j")).await.expect("third time");
    assert!(started.elapsed() < Duration::from_millis(500), "{:?}", started.elapsed());
    assert_eq!(start.calls(), 3);
    // Exhausted: the next start is one no rule answers, and verify says so.
    let error = client.send(&ServicePrincipalSynchronizationJobStart::new("sp", "j")).await.expect_err("spent");
    assert!(matches!(error, Error::Transport { .. }) && error.to_string().contains("no mock rule"), "{error}");
    let problems: MockError = mock.verify().expect_err("an unanswered request");
    assert!(problems.problems.iter().any(|p| p.starts_with("request no rule answered")), "{problems}");

    // A rule written wrong is reported, not ignored.
    let wrong = Mock::new();
    let _ = wrong.on_any::<ServicePrincipalSynchronizationJobStart>().times(2).answer(());
    let problems = wrong.verify().expect_err("times before an answer");
    assert!(problems.problems.iter().any(|p| p.contains("`times(2)` before any answer")), "{problems}");
}

#[tokio::test]
async fn a_wait_ends_at_its_deadline_whatever_the_clients_retries_would_wait() {
    // The default client (retries sleeping a 2 s Retry-After) and a 400 ms deadline.
    let mock = Mock::new();
    let reads = mock.on_any::<ServicePrincipalSynchronizationGetJob>().throttle(2);
    let client = Client::builder().transport(mock.clone()).bearer_token("t").build().expect("client");
    let started = Instant::now();
    let error = wait_until(&client, "sp", "j", Until::SteadyState, &Wait::within(Duration::from_millis(400)))
        .await
        .expect_err("throttled throughout");
    let took = started.elapsed();
    assert!(matches!(error, WaitError::TimedOut { .. }), "{error:?}");
    assert!(took < Duration::from_millis(900), "the wait took {took:?}");
    assert_eq!(reads.calls(), 1, "the client's retry, 2 s away, was never sent");

    // Client retries off, Retry-After: 3 past a 400 ms deadline: no read before it is
    // allowed; the wait ends at once, keeping the last job read.
    let mock = Mock::new();
    let reads = mock
        .on_any::<ServicePrincipalSynchronizationGetJob>()
        .answer(job(json!({"id": "j", "status": {"code": "Active"}})))
        .throttle(3);
    let client = Client::builder().transport(mock.clone()).bearer_token("t").max_attempts(1).build().expect("client");
    let wait = Wait::within(Duration::from_millis(400)).every(Duration::from_millis(10));
    let started = Instant::now();
    let error = wait_until(&client, "sp", "j", Until::Quarantined, &wait).await.expect_err("asked to wait 3 s");
    assert!(started.elapsed() < Duration::from_millis(300), "{:?}", started.elapsed());
    assert_eq!(reads.calls(), 2);
    assert_eq!(error.last().and_then(|j| j.id.as_deref()), Some("j"));
    assert!(matches!(error, WaitError::TimedOut { reads: 2, .. }), "{error:?}");
}
