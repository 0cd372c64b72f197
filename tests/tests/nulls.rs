//! Explicit nulls in updates: a PATCH says, for each member of its body, absent, `null` or a
//! value; the compiler checks the member names (see the `compile_fail` examples in
//! `generated/src/lib.rs`), reads stay `Option<T>`, and nulls that arrived keep round-tripping.

use graph_sync::beta::models::{SynchronizationJob, SynchronizationSchedule};
use graph_sync::beta::operations::{ServicePrincipalSynchronizationGetJob, ServicePrincipalSynchronizationUpdateJob};
use graph_sync::{Client, Operation};
use serde_json::{json, Value};

/// The update of the issue: clear the job's schedule, set its template.
fn clear_schedule_set_template() -> SynchronizationJob {
    let mut job = SynchronizationJob::default();
    job.set_null(SynchronizationJob::SCHEDULE);
    job.template_id = Some("BoxOutDelta".into());
    job
}

#[test]
fn a_patch_that_clears_one_member_and_sets_another_sends_exactly_those_two() {
    let update = ServicePrincipalSynchronizationUpdateJob::new("sp-1", "job-1", clear_schedule_set_template());
    let request = update.to_http("https://graph.microsoft.com/beta").expect("request");
    assert_eq!(request.method(), http::Method::PATCH);
    let body: Value = serde_json::from_slice(request.body()).expect("json");
    assert_eq!(body, json!({"schedule": null, "templateId": "BoxOutDelta"}));
}

#[test]
fn reads_stay_options_and_a_value_set_after_a_null_wins() {
    let mut job = clear_schedule_set_template();
    assert!(job.schedule.is_none());
    assert!(job.is_null(SynchronizationJob::SCHEDULE));
    assert!(!job.is_null(SynchronizationJob::TEMPLATE_ID), "a member with a value is not null");
    assert!(!job.is_null(SynchronizationJob::STATUS), "an absent member is not null");

    job.schedule =
        Some(SynchronizationSchedule { interval: Some("PT40M".parse().expect("a duration")), ..Default::default() });
    assert!(!job.is_null(SynchronizationJob::SCHEDULE));
    let body = serde_json::to_value(&job).expect("json");
    assert_eq!(body, json!({"schedule": {"interval": "PT40M"}, "templateId": "BoxOutDelta"}));
}

#[test]
fn nulls_that_arrived_round_trip_and_read_as_null() {
    let text = r#"{"id":"job-1","schedule":null,"templateId":"BoxOutDelta","status":null}"#;
    let job: SynchronizationJob = serde_json::from_str(text).expect("a job");
    assert!(job.schedule.is_none() && job.is_null(SynchronizationJob::SCHEDULE));
    assert!(job.is_null(SynchronizationJob::STATUS));
    assert_eq!(serde_json::to_value(&job).expect("json"), serde_json::from_str::<Value>(text).expect("json"));
}

#[test]
fn the_member_constants_name_the_wire_members() {
    assert_eq!(SynchronizationJob::TEMPLATE_ID.wire(), "templateId");
    assert_eq!(SynchronizationJob::SYNCHRONIZATION_JOB_SETTINGS.wire(), "synchronizationJobSettings");
    assert_eq!(format!("{:?}", SynchronizationJob::SCHEDULE), r#"Member("schedule")"#);
}

#[tokio::test]
async fn the_client_sends_the_two_members_and_the_service_clears_the_null_one() {
    // The generic fake of the beta description: a PATCH merges, an explicit null clears.
    let fake = graph_sync::beta::server::fake();
    let path = "/servicePrincipals/sp-1/synchronization/jobs/job-1";
    fake.seed(path, &json!({"id": "job-1", "schedule": {"interval": "PT40M"}, "templateId": "Old"})).expect("seeded");
    let running = fake.start().await.expect("the fake starts");
    let client = Client::builder().base_url(running.url()).bearer_token("t").build().expect("client");
    let update = ServicePrincipalSynchronizationUpdateJob::new("sp-1", "job-1", clear_schedule_set_template());
    client.send(&update).await.expect("patched");
    let sent = fake.requests_of_type::<ServicePrincipalSynchronizationUpdateJob>();
    assert_eq!(sent, [update], "read back as the operation sent");
    let body = serde_json::to_value(sent[0].body()).expect("json");
    assert_eq!(body, json!({"schedule": null, "templateId": "BoxOutDelta"}), "those two members and nothing else");
    assert_eq!(fake.get(path), Some(json!({"id": "job-1", "templateId": "BoxOutDelta"})));
    let job = client.send(&ServicePrincipalSynchronizationGetJob::new("sp-1", "job-1")).await.expect("read");
    assert!(job.schedule.is_none() && !job.is_null(SynchronizationJob::SCHEDULE), "cleared: absent");
}
