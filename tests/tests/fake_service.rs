//! The fake synchronization service that `generated` ships (feature `fake`), as a user's
//! tests run it: every operation of both versions reaches a documented route and decodes
//! its answer through the same models, which encode it again unchanged; the seed pages'
//! workflows (create a job from `BoxOutDelta`, start it, read its status; start a
//! quarantined job); what the service refuses; faults the client must survive.

use graph_sync::fake::FakeGraph;
use graph_sync::models::{
    SynchronizationJob, SynchronizationScheduleState, SynchronizationSchema, SynchronizationSecretKeyStringValuePair,
    SynchronizationStatusCode,
};
use graph_sync::operations::{
    ServicePrincipalSynchronizationGetJob, ServicePrincipalSynchronizationJobGetCount,
    ServicePrincipalSynchronizationJobStart, ServicePrincipalSynchronizationListJob,
};
use graph_sync::runtime::{Batch, Error, RetryPolicy, WireEnum};
use graph_sync::Client;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tests::{cases, read, root, Case};
use wiretype::facts::Facts;

/// Operations with no reference page of their own, per version (`no-page` in the facts):
/// the fake answers them as their description says. Checked against the facts files below.
const UNDOCUMENTED: &[&str] = &[
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization",
    "PUT /servicePrincipals/{servicePrincipal-id}/synchronization",
    "DELETE /servicePrincipals/{servicePrincipal-id}/synchronization",
    "PATCH /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/bulkUpload",
    "PATCH /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/bulkUpload",
    "DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/bulkUpload",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/bulkUpload/$value",
    "PUT /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/bulkUpload/$value",
    "DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/bulkUpload/$value",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema/directories",
    "POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema/directories",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema/directories/{directoryDefinition-id}",
    "PATCH /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema/directories/{directoryDefinition-id}",
    "DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema/directories/{directoryDefinition-id}",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema/directories/$count",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/$count",
    "POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs/validateCredentials",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/secrets/$count",
    "POST /servicePrincipals/{servicePrincipal-id}/synchronization/templates",
    "PATCH /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}",
    "DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}",
    "PATCH /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema",
    "DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema/directories",
    "POST /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema/directories",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema/directories/{directoryDefinition-id}",
    "PATCH /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema/directories/{directoryDefinition-id}",
    "DELETE /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema/directories/{directoryDefinition-id}",
    "POST /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema/directories/{directoryDefinition-id}/discover",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}/schema/directories/$count",
    "GET /servicePrincipals/{servicePrincipal-id}/synchronization/templates/$count",
];

/// Beta has one more: the service principal's `Ping` function.
const UNDOCUMENTED_BETA_ONLY: &[&str] = &["GET /servicePrincipals/{servicePrincipal-id}/synchronization/Ping"];

#[test]
fn the_facts_list_exactly_the_operations_without_a_page() {
    for name in ["v1.0", "beta"] {
        let facts = Facts::parse(&read(&root().join(format!("specs/facts.{name}.yaml")))).expect("facts parse");
        let mut without: Vec<&str> =
            facts.operations.iter().filter(|(_, e)| e.page.is_none()).map(|(k, _)| k.as_str()).collect();
        without.sort_unstable();
        let mut listed: Vec<&str> = UNDOCUMENTED.to_vec();
        if name == "beta" {
            listed.extend(UNDOCUMENTED_BETA_ONLY);
        }
        listed.sort_unstable();
        assert_eq!(without, listed, "{name}");
    }
}

fn quick(fake: &FakeGraph) -> Client {
    let retry = RetryPolicy { initial_backoff: Duration::from_millis(5), ..RetryPolicy::default() };
    fake.client().retry_policy(retry).build().expect("client")
}

fn box_out_delta() -> SynchronizationJob {
    SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() }
}

async fn create_job(client: &Client, sp: &str) -> String {
    let job = client.service_principals().by_service_principal_id(sp).synchronization().jobs().post(box_out_delta());
    job.send().await.expect("created").id.expect("an id")
}

async fn status_of(client: &Client, sp: &str, job: &str) -> SynchronizationJob {
    client.send(&ServicePrincipalSynchronizationGetJob::new(sp, job)).await.expect("read")
}

fn code(job: &SynchronizationJob) -> Option<SynchronizationStatusCode> {
    job.status.as_ref().and_then(|s| s.code.clone())
}

/// A case's request with the sample ids replaced by ones the fake holds, and a body where
/// the service requires one (create: a template; provision on demand: a subject).
fn for_the_fake(case: &Case, base: &str, job: &str) -> http::Request<Vec<u8>> {
    let request = (case.request)(base).expect("request");
    let (mut parts, body) = request.into_parts();
    let uri = parts
        .uri
        .to_string()
        .replace("%7BsynchronizationJob-id%7D", job)
        .replace("%7BsynchronizationTemplate-id%7D", "BoxOutDelta")
        .replace("%7BdirectoryDefinition-id%7D", "azureactivedirectory");
    parts.uri = uri.parse().expect("uri");
    let body = if case.method == "POST" && case.path.ends_with("/synchronization/jobs") {
        br#"{"templateId":"BoxOutDelta"}"#.to_vec()
    } else if case.path.ends_with("/provisionOnDemand") {
        json!({"parameters": [{"ruleId": "rule", "subjects": [{"objectId": "user-1", "objectTypeName": "user"}]}]})
            .to_string()
            .into_bytes()
    } else {
        body
    };
    http::Request::from_parts(parts, body)
}

#[tokio::test]
async fn every_operation_of_both_versions_is_answered_as_documented_and_re_encodes_unchanged() {
    let mut failures = Vec::new();
    let mut sent = 0;
    for (version, all) in [("v1.0", cases::v1_0()), ("beta", cases::beta())] {
        assert!(all.len() >= 56, "{version}: {} operations", all.len());
        for case in &all {
            // Each operation against a service of its own that holds one job.
            let fake = FakeGraph::start().await.expect("fake");
            let client = quick(&fake);
            let job = create_job(&client, "{servicePrincipal-id}").await;
            let request = for_the_fake(case, &format!("{}/{version}", fake.origin()), &job);
            let response = client.execute(request).await;
            sent += 1;
            let logged = fake.requests().pop().expect("recorded");
            let response = match response {
                Ok(r) if r.status().is_success() && !logged.operation.is_empty() => r,
                Ok(r) => {
                    let body = String::from_utf8_lossy(r.body()).into_owned();
                    failures.push(format!("{version} {}: {} {body}", case.name, r.status()));
                    continue;
                }
                Err(e) => {
                    failures.push(format!("{version} {}: {e}", case.name));
                    continue;
                }
            };
            let body = response.body().clone();
            if let Err(e) = (case.decode)(response.clone()) {
                failures.push(format!("{version} {}: does not decode: {e}", case.name));
            }
            // A JSON answer encodes again unchanged (an update answered 204 has none).
            if case.output.is_some() && !body.is_empty() {
                let wire = String::from_utf8_lossy(&body);
                match (case.reencode)(response) {
                    Ok(again) => {
                        if let Err(why) = versions::json_text::same(&wire, &again) {
                            failures
                                .push(format!("{version} {}: re-encodes as {again}, not {wire} ({why})", case.name));
                        }
                    }
                    Err(e) => failures.push(format!("{version} {}: {e}", case.name)),
                }
            }
        }
    }
    assert!(failures.is_empty(), "operations the fake would not answer as documented:\n{}", failures.join("\n"));
    assert_eq!(sent, cases::v1_0().len() + cases::beta().len());
}

#[tokio::test]
async fn the_create_job_page_workflow_create_from_box_out_delta_start_and_read_the_status() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.cycle_time(Duration::from_millis(30));
    let client = quick(&fake);
    let sp = "2a3b4c5d-0000-4000-8000-000000000001";

    let created =
        client.service_principals().by_service_principal_id(sp).synchronization().jobs().post(box_out_delta());
    let created = created.send().await.expect("created");
    // As the create-job page shows it: disabled, the maximal interval, not configured,
    // year-1 timestamps.
    let schedule = created.schedule.as_ref().expect("schedule");
    assert_eq!(schedule.state, Some(SynchronizationScheduleState::Disabled));
    assert_eq!(schedule.interval.as_ref().map(ToString::to_string).as_deref(), Some("P10675199DT2H48M5.4775807S"));
    assert_eq!(code(&created), Some(SynchronizationStatusCode::NotConfigured));
    let status = created.status.as_ref().expect("status");
    let first = status.steady_state_first_achieved_time.as_ref().and_then(|t| t.value()).expect("a date-time");
    assert_eq!(chrono::Datelike::year(&first), 1);
    assert_eq!(fake.requests()[0].status, 201);
    let id = created.id.expect("an id");
    assert!(id.starts_with("BoxOutDelta."), "{id}");

    client.send(&ServicePrincipalSynchronizationJobStart::new(sp, &id)).await.expect("started");
    let running = status_of(&client, sp, &id).await;
    assert_eq!(code(&running), Some(SynchronizationStatusCode::Active));
    assert_eq!(running.schedule.and_then(|s| s.state), Some(SynchronizationScheduleState::Active));

    // The first cycle completes: a steady state of this year, a successful execution.
    let deadline = Instant::now() + Duration::from_secs(10);
    let steady = loop {
        let job = status_of(&client, sp, &id).await;
        let last = job.status.as_ref().and_then(|s| s.last_successful_execution.clone());
        if last.is_some() || Instant::now() > deadline {
            break job;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let status = steady.status.expect("status");
    let first = status.steady_state_first_achieved_time.as_ref().and_then(|t| t.value()).expect("a date-time");
    assert!(chrono::Datelike::year(&first) >= 2026, "{first}");
    let last = status.last_execution.and_then(|e| e.state).map(|s| s.to_string());
    assert_eq!(last.as_deref(), Some("Succeeded"));
    assert_eq!(fake.starts_while_running(sp, &id), 0);

    // The same on beta's paths.
    let beta = client.beta().service_principals().by_service_principal_id(sp).synchronization().jobs();
    let created = beta.post(graph_sync::beta::models::SynchronizationJob {
        template_id: Some("BoxOutDelta".into()),
        ..Default::default()
    });
    let created = created.send().await.expect("created on beta");
    assert!(fake.requests().last().is_some_and(|r| r.target.starts_with("/beta/servicePrincipals/")));
    assert_eq!(
        client.send(&ServicePrincipalSynchronizationListJob::new(sp)).await.expect("listed").value.map(|v| v.len()),
        Some(2)
    );
    assert!(created.id.is_some());
}

#[tokio::test]
async fn the_start_page_rules_quarantine_cleared_pause_resumed_and_starts_while_running_counted() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.cycle_time(Duration::from_secs(3));
    let client = quick(&fake);
    let id = create_job(&client, "sp").await;
    let start = ServicePrincipalSynchronizationJobStart::new("sp", &id);
    client.send(&start).await.expect("started");

    assert!(fake.quarantine("sp", &id, "TooManyDeletes"));
    assert!(!fake.quarantine("sp", "no-such-job", "TooManyDeletes"));
    let quarantined = status_of(&client, "sp", &id).await;
    assert_eq!(code(&quarantined), Some(SynchronizationStatusCode::Quarantine));
    let reason = quarantined.status.and_then(|s| s.quarantine).and_then(|q| q.reason).map(|r| r.to_string());
    assert_eq!(reason.as_deref(), Some("TooManyDeletes"));

    // Start clears the quarantine.
    client.send(&start).await.expect("started");
    let cleared = status_of(&client, "sp", &id).await;
    assert_eq!(code(&cleared), Some(SynchronizationStatusCode::Active));
    assert!(cleared.status.as_ref().is_some_and(|s| s.quarantine.is_none()));
    assert_eq!(fake.starts_while_running("sp", &id), 0);

    // Pause, then start resumes the cycle where it stopped (it does not begin again).
    let jobs = client.service_principals().by_service_principal_id("sp").synchronization().jobs();
    jobs.clone().by_synchronization_job_id(&id).pause().post().send().await.expect("paused");
    assert_eq!(code(&status_of(&client, "sp", &id).await), Some(SynchronizationStatusCode::Paused));
    client.send(&start).await.expect("resumed");
    assert_eq!(code(&status_of(&client, "sp", &id).await), Some(SynchronizationStatusCode::Active));

    // A start while the job runs is answered, as the service does, and counted.
    client.send(&start).await.expect("answered");
    client.send(&start).await.expect("answered");
    assert_eq!(fake.starts_while_running("sp", &id), 2);

    // Restart keeps its resetScope as it came.
    let restart = jobs.by_synchronization_job_id(&id).restart().post(
        graph_sync::models::ServicePrincipalSynchronizationJobRestartRequest {
            criteria: Some(graph_sync::models::SynchronizationJobRestartCriteria {
                reset_scope: Some(graph_sync::runtime::Flags::parse("Watermark, Escrows, QuarantineState")),
                ..Default::default()
            }),
            ..Default::default()
        },
    );
    restart.send().await.expect("restarted");
    assert_eq!(fake.last_reset_scope("sp", &id).as_deref(), Some("Watermark, Escrows, QuarantineState"));
}

#[tokio::test]
async fn a_schema_update_sent_as_patch_is_the_services_404_and_put_round_trips() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = create_job(&client, "sp").await;
    let schema_url = format!("{}/v1.0/servicePrincipals/sp/synchronization/jobs/{id}/schema", fake.origin());
    // What Microsoft's published description (and every SDK) sends for a schema update.
    let patch = http::Request::patch(&schema_url)
        .header("content-type", "application/json")
        .body(b"{}".to_vec())
        .expect("request");
    let response = client.execute(patch).await.expect("an answer");
    assert_eq!(response.status(), 404);
    let body: Value = serde_json::from_slice(response.body()).expect("an OData error");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("No HTTP resource was found that matches the request URI"), "{message}");
    assert!(body["error"]["innerError"]["request-id"].is_string(), "{body}");
    assert!(response.headers().contains_key("request-id"));

    // GET, change one mapping's expression, PUT: what comes back is what was sent.
    let schema_ops = client
        .service_principals()
        .by_service_principal_id("sp")
        .synchronization()
        .jobs()
        .by_synchronization_job_id(&id)
        .schema();
    let mut schema: SynchronizationSchema = schema_ops.clone().get().send().await.expect("schema");
    let before = serde_json::to_value(&schema).expect("json");
    let mapping = schema
        .synchronization_rules
        .as_mut()
        .and_then(|r| r.first_mut())
        .and_then(|r| r.object_mappings.as_mut())
        .and_then(|m| m.first_mut())
        .and_then(|m| m.attribute_mappings.as_mut())
        .and_then(|a| a.first_mut())
        .expect("a mapping");
    let source = mapping.source.as_mut().expect("a source");
    source.expression = Some("Join(\"@\", [mailNickname], \"contoso.com\")".into());
    schema_ops.clone().put(schema.clone()).send().await.expect("put");
    let after: SynchronizationSchema = schema_ops.get().send().await.expect("schema");
    assert_eq!(serde_json::to_value(&after).expect("json"), serde_json::to_value(&schema).expect("json"));
    assert_ne!(serde_json::to_value(&after).expect("json"), before);
    assert_eq!(fake.schema("sp", &id), Some(serde_json::to_value(&schema).expect("json")));
    let methods: Vec<String> = fake.requests().iter().map(|r| r.method.clone()).collect();
    assert_eq!(methods, ["POST", "PATCH", "GET", "PUT", "GET"]);
}

#[tokio::test]
async fn injected_throttling_and_faults_are_retried_by_the_client_as_real_answers_are() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    fake.throttle_next(2, 0);
    let id = create_job(&client, "sp").await;
    let statuses: Vec<u16> = fake.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 429, 201]);
    // One job, though three creates were sent: the throttled ones did nothing.
    assert_eq!(client.send(&ServicePrincipalSynchronizationJobGetCount::new("sp")).await.expect("count"), 1);

    fake.fail_next(1, 503);
    fake.throttle_next(1, 1);
    let started = Instant::now();
    client.send(&ServicePrincipalSynchronizationJobStart::new("sp", &id)).await.expect("started after a 503 and a 429");
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 honoured");
    let statuses: Vec<u16> = fake.requests().iter().skip(4).map(|r| r.status).collect();
    assert_eq!(statuses, [503, 429, 204]);

    // A body that is no JSON is a decode error that carries the text.
    fake.garble_next(1);
    let garbled = client.send(&ServicePrincipalSynchronizationGetJob::new("sp", &id)).await.expect_err("garbled");
    assert!(garbled.to_string().contains("trunc"), "{garbled}");

    // A dropped connection is an error of the request, never a hang or a panic.
    fake.drop_next(5);
    let dropped = client.send(&ServicePrincipalSynchronizationGetJob::new("sp", &id)).await;
    assert!(dropped.is_err(), "{dropped:?}");

    // Latency beyond the client's timeout is a timeout.
    fake.latency(Duration::from_millis(300));
    let slow = fake.client().timeout(Duration::from_millis(50)).max_attempts(1).build().expect("client");
    let timed_out = slow.send(&ServicePrincipalSynchronizationGetJob::new("sp", &id)).await.expect_err("timeout");
    assert!(matches!(timed_out, Error::Timeout { .. }), "{timed_out:?}");
}

#[tokio::test]
async fn the_token_is_required_and_every_request_is_recorded_without_it() {
    let fake = FakeGraph::start().await.expect("fake");
    let anonymous = Client::builder().origin(fake.origin()).build().expect("client");
    let refused = anonymous.send(&ServicePrincipalSynchronizationListJob::new("sp")).await.expect_err("401");
    assert_eq!(refused.response().and_then(|r| r.code()), Some("InvalidAuthenticationToken"));
    let wrong = Client::builder().origin(fake.origin()).bearer_token("not-the-token").build().expect("client");
    let refused = wrong.send(&ServicePrincipalSynchronizationListJob::new("sp")).await.expect_err("401");
    assert_eq!(refused.response().map(|r| r.status.as_u16()), Some(401));

    let client = quick(&fake);
    client.send(&ServicePrincipalSynchronizationListJob::new("sp")).await.expect("listed");
    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    let last = requests.last().expect("a request");
    assert_eq!(last.operation, "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs");
    assert!(last.headers.contains(&("authorization".to_owned(), "Bearer <redacted>".to_owned())));
    assert!(requests.iter().all(|r| !format!("{r:?}").contains(fake.token())));
    assert!(!format!("{fake:?}").contains(fake.token()));
}

#[tokio::test]
async fn lists_page_with_next_links_and_count() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.page_size(2);
    let client = quick(&fake);
    let mut created = Vec::new();
    for _ in 0..5 {
        created.push(create_job(&client, "sp").await);
    }
    let list = ServicePrincipalSynchronizationListJob::new("sp");
    let mut pages = client.pages(&list);
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        ids.extend(page.expect("a page").value.unwrap_or_default().into_iter().filter_map(|j| j.id));
    }
    assert_eq!(ids, created);
    let lists: Vec<String> = fake.requests().iter().filter(|r| r.method == "GET").map(|r| r.target.clone()).collect();
    assert_eq!(lists.len(), 3, "{lists:?}");
    assert!(lists[1].ends_with("$skiptoken=2") && lists[2].ends_with("$skiptoken=4"), "{lists:?}");
    assert_eq!(client.send(&ServicePrincipalSynchronizationJobGetCount::new("sp")).await.expect("count"), 5);
}

#[tokio::test]
async fn a_batch_runs_each_step_with_failed_dependencies_answered_424() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = create_job(&client, "sp").await;
    let mut batch = Batch::new();
    let start = batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", &id)).expect("add");
    let read = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", &id)).expect("add");
    let missing = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", "missing")).expect("add");
    let after_missing = batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", "missing")).expect("add");
    batch.depends_on(&read, &start).depends_on(&after_missing, &missing);
    let answers = client.batch(&batch).await.expect("sent");
    answers.get(&start).expect("started");
    assert_eq!(code(&answers.get(&read).expect("read")), Some(SynchronizationStatusCode::Active));
    let not_found = answers.get(&missing).expect_err("404");
    assert_eq!(not_found.response().map(|r| r.status.as_u16()), Some(404));
    // The fake answered the step whose dependency failed 424, which the client reads as such.
    let dependent = answers.get(&after_missing).expect_err("424");
    assert!(matches!(dependent, Error::DependencyFailed { .. }), "{dependent:?}");
    // The $batch and each step it ran are recorded; the step that never ran is not.
    let steps: Vec<Option<String>> = fake.requests().iter().map(|r| r.batch_step.clone()).collect();
    assert_eq!(steps.iter().filter(|s| s.is_some()).count(), 3, "{steps:?}");
}

#[tokio::test]
async fn secrets_provisioning_on_demand_and_bulk_upload_answer_as_their_pages_show() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = create_job(&client, "sp").await;
    let sync = client.service_principals().by_service_principal_id("sp").synchronization();
    let secret = |key: &str, value: &str| SynchronizationSecretKeyStringValuePair {
        key: Some(WireEnum::from_wire(key)),
        value: Some(value.into()),
        ..Default::default()
    };
    sync.clone()
        .secrets()
        .put(graph_sync::models::ServicePrincipalSynchronizationSetSecretRequest {
            value: Some(vec![secret("BaseAddress", "https://example.com/scim"), secret("SecretToken", "s3cr3t")]),
            ..Default::default()
        })
        .send()
        .await
        .expect("secrets set");
    let held = sync.clone().get().send().await.expect("synchronization");
    assert_eq!(held.secrets.map(|s| s.len()), Some(2));
    assert_eq!(fake.secrets("sp").len(), 2);

    let answer = sync
        .clone()
        .jobs()
        .by_synchronization_job_id(&id)
        .provision_on_demand()
        .post(
            serde_json::from_value(
                json!({"parameters": [{"ruleId": "r", "subjects": [{"objectId": "u-1", "objectTypeName": "user"}]}]}),
            )
            .expect("body"),
        )
        .send()
        .await
        .expect("provisioned");
    let value: Value = serde_json::from_str(answer.value.as_deref().expect("value")).expect("JSON text");
    let steps = value["provisioningSteps"].as_array().expect("steps");
    assert!(steps.len() >= 3 && steps.iter().all(|s| s["status"] == "Success"), "{value}");
    assert_eq!(value["sourceIdentity"]["id"], "u-1");

    let upload = http::Request::post(format!(
        "{}/v1.0/servicePrincipals/sp/synchronization/jobs/{id}/bulkUpload",
        fake.origin()
    ))
    .header("content-type", "application/scim+json")
    .body(br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[]}"#.to_vec())
    .expect("request");
    let accepted = client.execute(upload).await.expect("accepted");
    assert_eq!(accepted.status(), 202);
    let location = accepted.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default();
    assert!(location.starts_with(fake.origin()) && location.contains(&id), "{location}");
}
