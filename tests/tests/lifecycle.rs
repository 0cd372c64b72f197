//! The job's lifecycle helpers (`graph_sync::lifecycle`), over loopback against the fake
//! service, time compressed: a guarded start that follows the start page, waiters (a
//! quarantined job, a job that never gets there, a 429 while polling), a bulk upload
//! followed to its logs, provisionOnDemand's steps, one mapping edited with the schema
//! PUT as the only write and everything else back byte for byte, restart's scope typed,
//! a failing job and one that keeps cycling, and secrets no `Debug` shows.

use graph_sync::fake::FakeGraph;
use graph_sync::lifecycle::{
    edit_mapping, follow_bulk_upload, provision_on_demand, start_as_documented, wait_until, EditError, MappingEdit,
    StartOutcome, Until,
};
use graph_sync::models::{
    AttributeFlowBehavior, ScimBulkOperation, ScimBulkRequest,
    ServicePrincipalSynchronizationJobProvisionOnDemandRequest, ServicePrincipalSynchronizationJobRestartRequest,
    ServicePrincipalSynchronizationJobValidateCredentialRequest, ServicePrincipalSynchronizationSetSecretRequest,
    Synchronization, SynchronizationJob, SynchronizationJobApplicationParameters, SynchronizationJobRestartCriteria,
    SynchronizationJobRestartScopeFlag, SynchronizationJobSubject, SynchronizationSecretKeyStringValuePair,
    SynchronizationStatusCode,
};
use graph_sync::operations::{
    ServicePrincipalSynchronizationJobPause, ServicePrincipalSynchronizationJobPostBulkUpload,
    ServicePrincipalSynchronizationJobRestart, ServicePrincipalSynchronizationJobValidateCredential,
    ServicePrincipalSynchronizationSetSecret,
};
use graph_sync::runtime::{Flags, RetryPolicy, Wait, WaitError, WireEnum};
use graph_sync::Client;
use serde_json::{json, Value};
use std::time::Duration;

fn quick(fake: &FakeGraph) -> Client {
    let retry = RetryPolicy { initial_backoff: Duration::from_millis(2), ..RetryPolicy::default() };
    fake.client().retry_policy(retry).build().expect("client")
}

fn fast(deadline_ms: u64) -> Wait {
    Wait::within(Duration::from_millis(deadline_ms))
        .every(Duration::from_millis(5))
        .at_most_every(Duration::from_millis(20))
}

async fn new_job(client: &Client) -> String {
    let jobs = client.service_principals().by_service_principal_id("sp").synchronization().jobs();
    let created =
        jobs.post(SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() }).send().await;
    created.expect("created").id.expect("an id")
}

fn starts(fake: &FakeGraph) -> usize {
    fake.requests().iter().filter(|r| r.method == "POST" && r.target.ends_with("/start")).count()
}

#[tokio::test]
async fn start_as_documented_starts_only_a_new_paused_or_quarantined_job() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.cycle_time(Duration::from_secs(5));
    let client = quick(&fake);
    let id = new_job(&client).await;

    assert_eq!(start_as_documented(&client, "sp", &id).await.expect("started"), StartOutcome::Started);
    // Running: start is not called, the status read is returned.
    match start_as_documented(&client, "sp", &id).await.expect("read") {
        StartOutcome::NotStarted(status) => assert_eq!(status.code, Some(SynchronizationStatusCode::Active)),
        other => panic!("a running job was {other:?}"),
    }
    assert_eq!(starts(&fake), 1);
    assert_eq!(fake.starts_while_running("sp", &id), 0);

    client.send(&ServicePrincipalSynchronizationJobPause::new("sp", &id)).await.expect("paused");
    assert_eq!(start_as_documented(&client, "sp", &id).await.expect("resumed"), StartOutcome::Resumed);
    assert!(fake.quarantine("sp", &id, "EncounteredQuarantineException"));
    assert_eq!(start_as_documented(&client, "sp", &id).await.expect("cleared"), StartOutcome::QuarantineCleared);
    assert_eq!(starts(&fake), 3);
    assert_eq!(fake.job("sp", &id).map(|j| j["status"]["code"].clone()), Some(json!("Active")));
    assert_eq!(fake.starts_while_running("sp", &id), 0);
}

#[tokio::test]
async fn waiters_reach_steady_state_a_cycle_and_a_quarantine_through_throttling() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.cycle_time(Duration::from_millis(60));
    let client = quick(&fake);
    let id = new_job(&client).await;
    start_as_documented(&client, "sp", &id).await.expect("started");

    // A 429 while polling is waited out (the client's retries, then the waiter's own).
    fake.throttle_next(2, 0);
    let steady = wait_until(&client, "sp", &id, Until::CycleCompleted, &fast(5_000)).await.expect("a cycle");
    let status = steady.status.expect("status");
    assert_eq!(status.last_execution.and_then(|e| e.state).map(|s| s.to_string()).as_deref(), Some("Succeeded"));
    assert!(fake.requests().iter().filter(|r| r.status == 429).count() == 2);
    wait_until(&client, "sp", &id, Until::SteadyState, &fast(5_000)).await.expect("steady");

    // A client that does not retry: the waiter outlasts the throttles itself.
    let impatient = fake.client().max_attempts(1).build().expect("client");
    fake.throttle_next(3, 0);
    let mut reads = 0;
    let counted = Until::Status(Box::new(move |_| {
        reads += 1;
        reads == 2
    }));
    wait_until(&impatient, "sp", &id, counted, &fast(5_000)).await.expect("after three 429s");

    // Quarantined while we wait.
    let quarantine = async {
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert!(fake.quarantine("sp", &id, "TooManyDeletes"));
    };
    let wait = fast(5_000);
    let (waited, ()) = tokio::join!(wait_until(&client, "sp", &id, Until::Quarantined, &wait), quarantine);
    let job = waited.expect("quarantined");
    let reason = job.status.and_then(|s| s.quarantine).and_then(|q| q.reason).map(|r| r.to_string());
    assert_eq!(reason.as_deref(), Some("TooManyDeletes"));
}

#[tokio::test]
async fn a_failing_job_a_job_that_keeps_cycling_and_steady_state_as_ever_reached() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.cycle_time(Duration::from_millis(20));
    fake.schedule(Some(Duration::from_millis(40)));
    let client = quick(&fake);
    let id = new_job(&client).await;
    assert!(fake.fail_cycles("sp", &id, 2));
    assert!(!fake.fail_cycles("sp", "no-such-job", 1));
    start_as_documented(&client, "sp", &id).await.expect("started");

    // Two cycles fail in a row: the count the service keeps, the last execution failed.
    let failed = wait_until(&client, "sp", &id, Until::Failures(2), &fast(5_000)).await.expect("two failures");
    let status = failed.status.expect("status");
    assert!(status.count_successive_complete_failures.unwrap_or(0) >= 2, "{status:?}");
    // No steady state while every cycle failed.
    assert!(status
        .steady_state_last_achieved_time
        .and_then(|t| t.value())
        .is_some_and(|t| chrono::Datelike::year(&t) == 1));

    // The job keeps cycling: the third succeeds (the count goes back to 0), and cycle
    // after cycle completes without a restart.
    let steady = wait_until(&client, "sp", &id, Until::SteadyState, &fast(5_000)).await.expect("steady");
    assert_eq!(steady.status.and_then(|s| s.count_successive_complete_failures), Some(0));
    for _ in 0..2 {
        let cycle = wait_until(&client, "sp", &id, Until::CycleCompleted, &fast(5_000)).await.expect("another cycle");
        let state = cycle.status.and_then(|s| s.last_execution).and_then(|e| e.state).map(|s| s.to_string());
        assert_eq!(state.as_deref(), Some("Succeeded"));
    }

    // SteadyState means "ever reached": after a restart it holds at once, from the cycle
    // before, while the new one runs (CycleCompleted waits for the running one).
    fake.schedule(None);
    fake.cycle_time(Duration::from_secs(30));
    let restart = ServicePrincipalSynchronizationJobRestart::new("sp", &id, Default::default());
    client.send(&restart).await.expect("restarted");
    let started = std::time::Instant::now();
    let at_once = wait_until(&client, "sp", &id, Until::SteadyState, &fast(5_000)).await.expect("ever reached");
    assert!(started.elapsed() < Duration::from_secs(1));
    let running = at_once.status.and_then(|s| s.last_execution).and_then(|e| e.state).map(|s| s.to_string());
    assert_eq!(running.as_deref(), Some("Started"), "the restarted cycle still runs");
    let error = wait_until(&client, "sp", &id, Until::CycleCompleted, &fast(100)).await.expect_err("30 s cycle");
    assert!(matches!(error, WaitError::TimedOut { .. }));
}

#[tokio::test]
async fn a_job_that_never_gets_there_times_out_with_the_last_status() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = new_job(&client).await;
    let error = wait_until(&client, "sp", &id, Until::SteadyState, &fast(120)).await.expect_err("never started");
    match &error {
        WaitError::TimedOut { last, reads, waited } => {
            let code = last.as_ref().and_then(|j| j.status.as_ref()).and_then(|s| s.code.clone());
            assert_eq!(code, Some(SynchronizationStatusCode::NotConfigured));
            assert!(*reads >= 2, "{reads}");
            assert!(*waited >= Duration::from_millis(120) && *waited < Duration::from_secs(5), "{waited:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("did not hold within"), "{error}");
    // An error waiting cannot outlast ends the wait at once, keeping what was read.
    let gone = wait_until(&client, "sp", "no-such-job", Until::SteadyState, &fast(5_000)).await.expect_err("404");
    assert!(matches!(gone, WaitError::Failed { last: None, .. }), "{gone:?}");
}

#[tokio::test]
async fn a_bulk_upload_is_accepted_with_its_location_and_followed_to_its_logs() {
    let fake = FakeGraph::start().await.expect("fake");
    fake.cycle_time(Duration::from_millis(50));
    let client = quick(&fake);
    let id = new_job(&client).await;
    let operation = |n: usize| ScimBulkOperation {
        method: "POST".into(),
        bulk_id: Some(format!("user-{n}")),
        path: Some("/Users".into()),
        data: Some(json!({"externalId": format!("e-{n}"), "userName": format!("user{n}@contoso.com")})),
        ..Default::default()
    };
    let body = ScimBulkRequest {
        schemas: vec!["urn:ietf:params:scim:api:messages:2.0:BulkRequest".into()],
        operations: (0..3).map(operation).collect(),
        ..Default::default()
    };
    let upload = ServicePrincipalSynchronizationJobPostBulkUpload::new("sp", &id, body);
    let answer = client.send_with_headers(&upload).await.expect("accepted");
    assert_eq!(answer.status, 202);
    assert!(answer.request_id().is_some() && answer.client_request_id().is_some());
    let accepted = answer.value;
    assert_eq!(accepted.location.as_deref(), answer.headers.get("location").and_then(|l| l.to_str().ok()));
    let location = accepted.location.clone().unwrap_or_default();
    assert!(location.starts_with(fake.origin()) && location.contains(&id), "{location}");

    let logs = follow_bulk_upload(&client, &accepted, &fast(5_000)).await.expect("processed");
    assert_eq!(logs.len(), 3);
    assert_eq!(logs[0]["sourceIdentity"]["id"], "user-0");
    assert!(fake.requests().iter().filter(|r| r.target.contains("/auditLogs/provisioning")).count() >= 1);

    // A Location elsewhere is never followed (the token stays home).
    let elsewhere =
        graph_sync::runtime::Accepted { location: Some("https://example.com/logs".into()), ..Default::default() };
    let refused = follow_bulk_upload(&client, &elsewhere, &fast(100)).await.expect_err("refused");
    assert!(refused.to_string().contains("not on the origin"), "{refused}");
}

#[tokio::test]
async fn provision_on_demand_answers_typed_steps_with_the_text_kept() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = new_job(&client).await;
    let subject = SynchronizationJobSubject {
        object_id: Some("8d7d7a3f-1111-4a1b-9c2d-000000000001".into()),
        object_type_name: Some("user".into()),
        ..Default::default()
    };
    let request = ServicePrincipalSynchronizationJobProvisionOnDemandRequest {
        parameters: Some(vec![SynchronizationJobApplicationParameters {
            rule_id: Some("rule".into()),
            subjects: Some(vec![subject]),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let answer = provision_on_demand(&client, "sp", &id, request).await.expect("provisioned");
    assert!(answer.succeeded(), "{answer:?}");
    assert!(answer.unreadable.is_empty());
    let kinds: Vec<&str> = answer.steps().iter().filter_map(|s| s.step_type.as_deref()).collect();
    assert_eq!(kinds, ["Import", "Scoping", "Matching", "Export"]);
    let outcome = answer.outcome.as_ref().expect("outcome");
    assert_eq!(
        outcome.source_identity.as_ref().and_then(|i| i.id.as_deref()),
        Some("8d7d7a3f-1111-4a1b-9c2d-000000000001")
    );
    // The text is kept as it came.
    let text: Value = serde_json::from_str(answer.value.as_deref().unwrap_or_default()).expect("json text");
    assert_eq!(text["provisioningSteps"].as_array().map(Vec::len), Some(4));
}

/// A large schema shaped like the documented one (rules, object mappings, attribute
/// mappings, directories), with members no model names, explicit nulls and a member order
/// of its own, written compactly as the service writes JSON.
fn large_schema() -> String {
    let mapping = |n: usize| {
        json!({
            "targetAttributeName": format!("urn:ietf:params:scim:schemas:extension:custom:2.0:User:attr{n}"),
            "defaultValue": null,
            "exportMissingReferences": false,
            "flowBehavior": "FlowWhenChanged",
            "flowType": "Always",
            "matchingPriority": 0,
            "source": {"expression": format!("[extensionAttribute{n}]"), "name": format!("extensionAttribute{n}"), "parameters": [], "type": "Attribute"},
            "someFutureMember": {"kept": [n, null, "x"]},
        })
    };
    let mut attributes: Vec<Value> = (0..300).map(mapping).collect();
    attributes.insert(
        7,
        json!({"source": {"type": "Attribute", "name": "userPrincipalName", "expression": "[userPrincipalName]", "parameters": []},
               "targetAttributeName": "userName", "matchingPriority": 1, "flowBehavior": "FlowWhenChanged", "flowType": "Always",
               "defaultValue": null, "exportMissingReferences": false}),
    );
    let objects = json!([
        {"name": "Users", "sourceObjectName": "User", "targetObjectName": "User", "enabled": true, "flowTypes": "Add, Update, Delete",
         "metadata": [{"key": "Scope", "value": null}], "scope": null, "attributeMappings": attributes},
        {"targetObjectName": "Group", "sourceObjectName": "Group", "enabled": false, "attributeMappings": [], "x-unknown": true},
    ]);
    let directory = |name: &str| {
        let attribute = |n: usize| json!({"name": format!("a{n}"), "type": "String", "multivalued": false, "metadata": [], "referencedObjects": [], "anchor": n == 0, "apiExpressions": [], "caseExact": false, "defaultValue": null, "flowNullValues": false, "mutability": "ReadWrite", "required": false});
        json!({"id": name.to_lowercase(), "name": name, "objects": [{"name": "User", "attributes": (0..200).map(attribute).collect::<Vec<_>>(), "metadata": [], "supportedApis": []}], "version": "v1", "discoveryDateTime": null, "readOnly": false})
    };
    let schema = json!({
        "version": "Date:2026-11-30T10:00:00Z~v2",
        "synchronizationRules": [{"id": "rule-1", "name": "USER_OUTBOUND", "objectMappings": objects, "editable": true, "priority": 1,
                                  "sourceDirectoryName": "Azure Active Directory", "targetDirectoryName": "customappsso",
                                  "containerFilter": {"includedContainers": []}, "groupFilter": null, "metadata": []}],
        "directories": [directory("Azure Active Directory"), directory("customappsso")],
        "id": "the-job-id",
        "aMemberOfTomorrow": {"nested": {"deep": [null, {"x": 1}]}},
    });
    serde_json::to_string(&schema).expect("json")
}

#[tokio::test]
async fn one_mapping_is_edited_the_schema_put_is_the_only_write_and_the_rest_comes_back_byte_for_byte() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = new_job(&client).await;
    let original = large_schema();
    assert!(original.len() > 100_000, "{} bytes", original.len());
    let put =
        http::Request::put(format!("{}/v1.0/servicePrincipals/sp/synchronization/jobs/{id}/schema", fake.origin()))
            .header("content-type", "application/json")
            .body(original.clone().into_bytes())
            .expect("request");
    assert_eq!(client.execute(put).await.expect("seeded").status(), 204);
    let before = fake.requests().len();

    let expression = "Join(\"@\", [mailNickname], \"contoso.com\")";
    let edit = MappingEdit::new("User", "User", "userName")
        .expression(expression)
        .flow_behavior(&AttributeFlowBehavior::FlowAlways)
        .matching_priority(2);
    let edited = edit_mapping(&client, "sp", &id, &edit).await.expect("edited");
    assert_eq!(edited.before["matchingPriority"], 1);
    assert_eq!(edited.after["source"]["expression"], expression);

    // Read, check the expression, write: the PUT is the only write.
    let sent: Vec<_> = fake.requests().into_iter().skip(before).collect();
    let calls: Vec<String> =
        sent.iter().map(|r| format!("{} {}", r.method, r.target.rsplit('/').next().unwrap_or_default())).collect();
    assert_eq!(calls, ["GET schema", "POST parseExpression", "PUT schema"]);

    // Byte for byte: the original text with that one mapping's members changed in place.
    let old = r#"{"source":{"type":"Attribute","name":"userPrincipalName","expression":"[userPrincipalName]","parameters":[]},"targetAttributeName":"userName","matchingPriority":1,"flowBehavior":"FlowWhenChanged""#;
    assert_eq!(original.matches(old).count(), 1);
    let new_source = serde_json::to_string(&edited.after["source"]).expect("json");
    let new = format!(
        r#"{{"source":{new_source},"targetAttributeName":"userName","matchingPriority":2,"flowBehavior":"FlowAlways""#
    );
    let expected = original.replacen(old, &new, 1);
    let written = &sent.last().expect("the PUT").body;
    assert_eq!(written.len(), expected.len());
    assert!(*written == expected, "the schema PUT differs from the original beyond the one mapping");
}

#[tokio::test]
async fn a_rejected_expression_or_a_missing_mapping_writes_nothing() {
    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = new_job(&client).await;
    let rejected =
        edit_mapping(&client, "sp", &id, &MappingEdit::new("User", "User", "userName").expression("Join(\"@\", [mail"))
            .await
            .expect_err("unbalanced");
    assert!(matches!(rejected, EditError::ExpressionRejected { .. }), "{rejected}");
    let missing =
        edit_mapping(&client, "sp", &id, &MappingEdit::new("User", "Person", "userName").matching_priority(1)).await;
    let missing = missing.expect_err("no such object mapping");
    assert!(missing.to_string().contains("User -> User"), "{missing}");
    let nothing = edit_mapping(&client, "sp", &id, &MappingEdit::new("User", "User", "userName")).await;
    assert!(matches!(nothing, Err(EditError::NothingToChange)));
    assert!(fake.requests().iter().all(|r| r.method != "PUT"), "nothing was written");
}

#[tokio::test]
async fn restart_scope_is_typed_flags_that_keep_unknown_members() {
    let scope: Flags<SynchronizationJobRestartScopeFlag> = Flags::parse("Watermark, Escrows, QuarantineState, ANewOne");
    assert!(scope.contains(&SynchronizationJobRestartScopeFlag::Watermark));
    assert!(scope.contains(&SynchronizationJobRestartScopeFlag::QuarantineState));
    assert!(scope.contains(&WireEnum::from_wire("ANewOne")));
    let mut full = Flags::new();
    full.insert(SynchronizationJobRestartScopeFlag::Full);

    let fake = FakeGraph::start().await.expect("fake");
    let client = quick(&fake);
    let id = new_job(&client).await;
    for scope in [scope, full] {
        let body = ServicePrincipalSynchronizationJobRestartRequest {
            criteria: Some(SynchronizationJobRestartCriteria {
                reset_scope: Some(scope.clone()),
                ..Default::default()
            }),
            ..Default::default()
        };
        client.send(&ServicePrincipalSynchronizationJobRestart::new("sp", &id, body)).await.expect("restarted");
        let sent = fake.last_reset_scope("sp", &id).expect("a scope");
        assert_eq!(Flags::<SynchronizationJobRestartScopeFlag>::parse(&sent), scope, "{sent}");
    }
    assert_eq!(fake.last_reset_scope("sp", &id).as_deref(), Some("Full"));
}

#[tokio::test]
async fn secrets_are_never_shown_by_debug_or_errors() {
    const SECRET: &str = "hunter2-S3cr3t-token-value";
    let pair = |key: &str| SynchronizationSecretKeyStringValuePair {
        key: Some(WireEnum::from_wire(key)),
        value: Some(SECRET.into()),
        ..Default::default()
    };
    let secrets = vec![pair("SecretToken"), pair("Password"), pair("ClientSecret")];
    let body = ServicePrincipalSynchronizationSetSecretRequest { value: Some(secrets.clone()), ..Default::default() };
    let set = ServicePrincipalSynchronizationSetSecret::new("sp", body.clone());
    let validate_body = ServicePrincipalSynchronizationJobValidateCredentialRequest {
        credentials: Some(secrets.clone()),
        use_saved_credentials: Some(false),
        ..Default::default()
    };
    let validate = ServicePrincipalSynchronizationJobValidateCredential::new("sp", "job", validate_body.clone());
    let synchronization = Synchronization { secrets: Some(secrets.clone()), ..Default::default() };
    let beta_pair = graph_sync::beta::models::SynchronizationSecretKeyStringValuePair {
        value: Some(SECRET.into()),
        ..Default::default()
    };
    let shown = [
        format!("{:?}", secrets[0]),
        format!("{:#?}", secrets[0]),
        format!("{secrets:?}"),
        format!("{body:?}"),
        format!("{body:#?}"),
        format!("{set:?}"),
        format!("{set:#?}"),
        format!("{validate_body:?}"),
        format!("{validate:#?}"),
        format!("{synchronization:?}"),
        format!("{beta_pair:?}"),
    ];
    for text in &shown {
        assert!(!text.contains(SECRET), "a secret shown: {text}");
    }
    assert!(shown[0].contains("SecretToken") && shown[0].contains("<redacted>"), "{}", shown[0]);
    // The wire still carries them.
    let json = serde_json::to_string(&body).expect("json");
    assert_eq!(json.matches(SECRET).count(), 3);

    // Over the wire, an error answer (here, to a PUT the service refuses) carries none either.
    let fake = FakeGraph::start().await.expect("fake");
    let client = fake.client().max_attempts(1).build().expect("client");
    fake.fail_next(1, 500);
    let error = client.send(&set).await.expect_err("500");
    for text in [format!("{error}"), format!("{error:?}"), format!("{error:#?}")] {
        assert!(!text.contains(SECRET), "a secret in an error: {text}");
    }
    client.send(&set).await.expect("set");
    assert_eq!(fake.secrets("sp").len(), 3);
}
