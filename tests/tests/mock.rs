//! The typed mock (`graph_sync::runtime::testing::Mock`, feature `testing`), as a user of
//! `generated` tests their own code with it: rules by operation (a value built with the
//! request builders, or a type with a predicate), answers typed or as OData errors, a
//! sequence that exercises the client's retries, paging and batching through the mock,
//! every request recorded, a request no rule matches and a rule never used reported.

use graph_sync::models::{
    SynchronizationJob, SynchronizationJobCollectionResponse, SynchronizationStatus, SynchronizationStatusCode,
};
use graph_sync::operations::{
    ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationGetJob,
    ServicePrincipalSynchronizationJobPause, ServicePrincipalSynchronizationJobStart,
    ServicePrincipalSynchronizationListJob,
};
use graph_sync::runtime::testing::Mock;
use graph_sync::runtime::{Batch, Error, RetryPolicy};
use graph_sync::{Client, Graph};
use std::time::Duration;

fn job(id: &str, status: &str) -> SynchronizationJob {
    let code = <SynchronizationStatusCode as graph_sync::runtime::WireEnum>::from_wire(status);
    let status = SynchronizationStatus { code: Some(code), ..Default::default() };
    SynchronizationJob {
        id: Some(id.into()),
        template_id: Some("BoxOutDelta".into()),
        status: Some(status),
        ..Default::default()
    }
}

/// The code under test: what a user writes (create a job from a template, start it, read
/// its status).
async fn provision(client: &Client, sp: &str) -> Result<String, Error> {
    let created = client
        .service_principals()
        .by_service_principal_id(sp)
        .synchronization()
        .jobs()
        .post(SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() })
        .send()
        .await?;
    let id = created.id.unwrap_or_default();
    let jobs = client.service_principals().by_service_principal_id(sp).synchronization().jobs();
    jobs.clone().by_synchronization_job_id(&id).start().post().send().await?;
    let job = jobs.by_synchronization_job_id(&id).get().send().await?;
    Ok(job.status.and_then(|s| s.code).map(|c| c.to_string()).unwrap_or_default())
}

fn quick(mock: &Mock) -> Client {
    let retry = RetryPolicy { initial_backoff: Duration::from_millis(5), ..RetryPolicy::default() };
    mock.client().retry_policy(retry).build().expect("client")
}

#[tokio::test]
async fn a_provisioning_function_runs_against_typed_rules_with_a_throttled_start() {
    let mock = Mock::new();
    mock.on_any::<ServicePrincipalSynchronizationCreateJob>().answer(job("job-1", "NotConfigured"));
    // A rule written with the request builders, from `Graph::new()`: 429, then 204.
    mock.on(Graph::new()
        .service_principals()
        .by_service_principal_id("sp-1")
        .synchronization()
        .jobs()
        .by_synchronization_job_id("job-1")
        .start()
        .post())
        .throttle(0)
        .answer(());
    mock.on(ServicePrincipalSynchronizationGetJob::new("sp-1", "job-1")).answer(job("job-1", "Active"));
    let client = quick(&mock);

    assert_eq!(provision(&client, "sp-1").await.expect("provisioned"), "Active");
    // The client retried the throttled start itself: two starts reached the mock.
    let starts = mock.requests_of::<ServicePrincipalSynchronizationJobStart>();
    let expected = ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1");
    assert_eq!(starts, [expected.clone(), expected]);
    // Every request is recorded as it would have gone on the wire, token included.
    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    assert_eq!(
        requests[0].request.uri(),
        "https://graph.microsoft.com/v1.0/servicePrincipals/sp-1/synchronization/jobs"
    );
    assert_eq!(requests[0].request.headers()["authorization"], "Bearer mock-token");
    let created: serde_json::Value = serde_json::from_slice(requests[0].request.body()).expect("json");
    assert_eq!(created, serde_json::json!({"templateId": "BoxOutDelta"}));
    mock.verify().expect("every rule used, every request answered");
}

#[tokio::test]
async fn errors_predicates_and_what_verify_reports() {
    let mock = Mock::new();
    mock.on_any::<ServicePrincipalSynchronizationGetJob>()
        .when(|op| op == &ServicePrincipalSynchronizationGetJob::new("sp", "gone"))
        .fail(404, "Request_ResourceNotFound", "no such job");
    mock.on_any::<ServicePrincipalSynchronizationJobPause>().answer(());
    let client = quick(&mock);

    let missing = client.send(&ServicePrincipalSynchronizationGetJob::new("sp", "gone")).await.expect_err("404");
    assert_eq!(missing.response().and_then(|r| r.code()), Some("Request_ResourceNotFound"));
    // No rule matches: the error names the operation and the rules tried.
    let unmatched = client.send(&ServicePrincipalSynchronizationGetJob::new("sp", "other")).await.expect_err("no rule");
    let text = unmatched.to_string();
    assert!(text.contains("synchronization_job_id: \"other\""), "{text}");
    assert!(text.contains("the rules tried: any ") && text.contains("(with a predicate)"), "{text}");
    let untyped = client.send(&ServicePrincipalSynchronizationListJob::new("sp")).await.expect_err("no rule");
    assert!(untyped.to_string().contains("no rule for its type"), "{untyped}");
    // The pause rule was never used, and two requests went unanswered.
    let problems = mock.verify().expect_err("not all used").problems;
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].starts_with("rule never used: any ") && problems[0].contains("JobPause"), "{problems:#?}");
}

#[tokio::test]
async fn pages_and_batches_run_through_the_mock() {
    let mock = Mock::new();
    let page = |ids: &[&str], next: Option<&str>| SynchronizationJobCollectionResponse {
        value: Some(ids.iter().map(|id| job(id, "Active")).collect()),
        odata_next_link: next.map(str::to_owned),
        ..Default::default()
    };
    mock.on(ServicePrincipalSynchronizationListJob::new("sp"))
        .answer(page(
            &["a", "b"],
            Some("https://graph.microsoft.com/v1.0/servicePrincipals/sp/synchronization/jobs?$skiptoken=2"),
        ))
        .answer(page(&["c"], None));
    mock.on_any::<ServicePrincipalSynchronizationJobStart>().throttle(0).answer(());
    mock.on_any::<ServicePrincipalSynchronizationGetJob>().answer(job("x", "Paused"));
    let client = quick(&mock);

    let list = ServicePrincipalSynchronizationListJob::new("sp");
    let mut pages = client.pages(&list);
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        ids.extend(page.expect("a page").value.unwrap_or_default().into_iter().filter_map(|j| j.id));
    }
    assert_eq!(ids, ["a", "b", "c"]);

    let mut batch = Batch::new();
    let start = batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", "x")).expect("add");
    let get = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", "x")).expect("add");
    let answers = client.batch(&batch).await.expect("sent");
    answers.get(&start).expect("started after the client resent the throttled step");
    assert_eq!(answers.get(&get).expect("read").id.as_deref(), Some("x"));
    assert_eq!(mock.requests_of::<ServicePrincipalSynchronizationJobStart>().len(), 2, "the throttled step, resent");
    mock.verify().expect("all used");
}
