//! JSON batching: the sans-IO `Batch` in Graph's batch format, and `Client::batch` against a
//! fake `$batch` endpoint on 127.0.0.1 that runs each step as Graph does (dependsOn, 424),
//! throttles some steps once (429 with their own Retry-After), and answers 404 for a job
//! that does not exist.

use graph_sync::models::{SynchronizationJob, SynchronizationJobCollectionResponse};
use graph_sync::operations::{
    ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationGetJob,
    ServicePrincipalSynchronizationJobPause, ServicePrincipalSynchronizationJobStart,
    ServicePrincipalSynchronizationListJob,
};
use graph_sync::runtime::{Batch, Error};
use graph_sync::Client;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

#[test]
fn a_batch_renders_in_graphs_format_and_reads_each_answer_with_its_operation() {
    let mut batch = Batch::new();
    let job = SynchronizationJob { template_id: Some("scim".into()), ..Default::default() };
    let create = batch.add(&ServicePrincipalSynchronizationCreateJob::new("sp-1", job)).expect("create");
    let list = batch.add(&ServicePrincipalSynchronizationListJob::new("sp 1").top(5)).expect("list");
    let start = batch.add(&ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")).expect("start");
    batch.depends_on(&start, &create);
    let request = batch.to_http(graph_sync::DEFAULT_BASE_URL).expect("request");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/$batch");
    let body: Value = serde_json::from_slice(request.body()).expect("json");
    assert_eq!(
        body,
        json!({"requests": [
            {"id": "1", "method": "POST", "url": "/servicePrincipals/sp-1/synchronization/jobs",
             "headers": {"content-type": "application/json"}, "body": {"templateId": "scim"}},
            {"id": "2", "method": "GET", "url": "/servicePrincipals/sp%201/synchronization/jobs?$top=5"},
            {"id": "3", "method": "POST", "url": "/servicePrincipals/sp-1/synchronization/jobs/job-1/start", "dependsOn": ["1"]}
        ]})
    );
    let answer = json!({"responses": [
        {"id": "3", "status": 204, "headers": {}},
        {"id": "1", "status": 201, "headers": {"Content-Type": "application/json"}, "body": {"id": "job-1", "templateId": "scim"}},
        {"id": "2", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"value": [{"id": "job-1"}]}}
    ]});
    let response =
        http::Response::builder().status(200).body(serde_json::to_vec(&answer).expect("json")).expect("response");
    let answers = batch.from_http(response).expect("answers");
    assert_eq!(answers.get(&create).expect("created").id.as_deref(), Some("job-1"));
    let page: SynchronizationJobCollectionResponse = answers.get(&list).expect("listed");
    assert_eq!(page.value.map(|v| v.len()), Some(1));
    answers.get(&start).expect("started");
}

#[test]
fn more_than_twenty_steps_or_two_api_versions_are_refused_where_they_cannot_work() {
    let mut batch = Batch::new();
    for i in 0..21 {
        batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", format!("job-{i}"))).expect("add");
    }
    let error = batch.to_http(graph_sync::DEFAULT_BASE_URL).expect_err("21 steps");
    assert!(error.to_string().contains("at most 20 steps"), "{error}");
    let error = batch
        .add(&graph_sync::beta::operations::ServicePrincipalSynchronizationJobStart::new("sp", "job"))
        .expect_err("beta beside v1.0");
    assert!(error.to_string().contains("one API version"), "{error}");
}

/// What the fake `$batch` endpoint received and how it answers.
#[derive(Clone, Default)]
struct FakeBatch {
    /// Steps seen per job URL (so a throttled step is throttled once).
    seen: Arc<Mutex<BTreeMap<String, usize>>>,
    /// (time since start, number of steps) of every `$batch` request.
    requests: Arc<Mutex<Vec<(Instant, usize)>>>,
}

impl Respond for FakeBatch {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let steps = body["requests"].as_array().cloned().unwrap_or_default();
        if let Ok(mut requests) = self.requests.lock() {
            requests.push((Instant::now(), steps.len()));
        }
        let mut statuses: BTreeMap<String, u16> = BTreeMap::new();
        let mut responses = Vec::new();
        for step in &steps {
            let id = step["id"].as_str().unwrap_or_default().to_owned();
            let url = step["url"].as_str().unwrap_or_default().to_owned();
            let failed_dependency = step["dependsOn"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .any(|d| statuses.get(d).is_none_or(|s| !(200..300).contains(s)));
            let seen = {
                let mut seen = self.seen.lock().expect("lock");
                let count = seen.entry(url.clone()).or_default();
                *count += 1;
                *count
            };
            let (status, headers, body) = if failed_dependency {
                (424, json!({}), json!({"error": {"code": "FailedDependency", "message": "a dependency failed"}}))
            } else if url.contains("throttled") && seen == 1 {
                (
                    429,
                    json!({"Retry-After": "1"}),
                    json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
                )
            } else if url.contains("missing") {
                (
                    404,
                    json!({"Content-Type": "application/json"}),
                    json!({"error": {"code": "Request_ResourceNotFound", "message": "no such job"}}),
                )
            } else if step["method"] == "GET" && url.ends_with("/jobs") {
                (200, json!({"Content-Type": "application/json"}), json!({"value": []}))
            } else if step["method"] == "GET" {
                let job = url.rsplit('/').next().unwrap_or_default();
                (200, json!({"Content-Type": "application/json"}), json!({"id": job, "status": {"code": "Active"}}))
            } else {
                (204, json!({}), Value::Null)
            };
            statuses.insert(id.clone(), status);
            let mut answer = json!({"id": id, "status": status, "headers": headers});
            if !body.is_null() {
                answer["body"] = body;
            }
            responses.push(answer);
        }
        // Graph answers in any order.
        responses.reverse();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": responses }))
    }
}

async fn fake() -> (MockServer, FakeBatch, Client) {
    let server = MockServer::start().await;
    let fake = FakeBatch::default();
    Mock::given(method("POST")).and(path("/v1.0/$batch")).respond_with(fake.clone()).mount(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/v1.0", server.uri()))
        .bearer_token("t")
        .max_total_wait(Duration::from_secs(10))
        .build()
        .expect("client");
    (server, fake, client)
}

#[tokio::test]
async fn twenty_five_steps_with_two_throttled_and_one_missing() {
    let (_server, fake, client) = fake().await;
    let mut batch = Batch::new();
    let mut starts = Vec::new();
    let mut pauses = Vec::new();
    let mut gets = Vec::new();
    for i in 0..8 {
        // Two of the starts are throttled once, in different batches (steps 2 and 22).
        let job = match i {
            1 => "job-throttled-a".to_owned(),
            7 => "job-throttled-b".to_owned(),
            _ => format!("job-{i}"),
        };
        starts.push(batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", job)).expect("start"));
        pauses
            .push(batch.add(&ServicePrincipalSynchronizationJobPause::new("sp", format!("job-p{i}"))).expect("pause"));
        let job = if i == 4 { "job-missing".to_owned() } else { format!("job-g{i}") };
        gets.push(batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", job)).expect("get"));
    }
    let list = batch.add(&ServicePrincipalSynchronizationListJob::new("sp")).expect("list");
    assert_eq!(batch.len(), 25);
    let started = Instant::now();
    let answers = client.batch(&batch).await.expect("the batch runs");
    let elapsed = started.elapsed();

    for step in &starts {
        answers.get(step).expect("every start, the throttled ones after a resend");
    }
    for step in &pauses {
        answers.get(step).expect("every pause");
    }
    for (i, step) in gets.iter().enumerate() {
        match answers.get(step) {
            Ok(job) if i != 4 => assert_eq!(job.id, Some(format!("job-g{i}"))),
            Err(Error::Status(answer)) if i == 4 => assert_eq!(answer.code(), Some("Request_ResourceNotFound")),
            other => panic!("step {i}: {other:?}"),
        }
    }
    answers.get(&list).expect("the list");

    // Three requests: 20 steps, 5 steps, then only the two throttled ones, a second later.
    let requests = fake.requests.lock().expect("lock").clone();
    let sizes: Vec<usize> = requests.iter().map(|(_, n)| *n).collect();
    assert_eq!(sizes, [20, 5, 2]);
    let resend = requests[2].0.duration_since(requests[1].0);
    assert!(resend >= Duration::from_millis(950), "resent after {resend:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    eprintln!(
        "25 steps, two throttled: {} requests ({sizes:?}), {elapsed:?} in all, resend after {resend:?}",
        sizes.len()
    );
}

#[tokio::test]
async fn a_failed_first_step_fails_the_chain_that_depends_on_it() {
    let (_server, fake, client) = fake().await;
    let mut batch = Batch::new();
    let first = batch.add(&ServicePrincipalSynchronizationGetJob::new("sp", "job-missing")).expect("get");
    let second = batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", "job-1")).expect("start");
    let third = batch.add(&ServicePrincipalSynchronizationJobPause::new("sp", "job-1")).expect("pause");
    let unrelated = batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", "job-2")).expect("start");
    batch.depends_on(&second, &first).depends_on(&third, &second);
    let answers = client.batch(&batch).await.expect("the batch runs");
    assert_eq!(answers.get(&first).expect_err("missing").status(), Some(http::StatusCode::NOT_FOUND));
    match answers.get(&second) {
        Err(Error::DependencyFailed { step }) => assert_eq!(step, second.id()),
        other => panic!("second: {other:?}"),
    }
    match answers.get(&third) {
        Err(Error::DependencyFailed { step }) => assert_eq!(step, third.id()),
        other => panic!("third: {other:?}"),
    }
    answers.get(&unrelated).expect("not part of the chain");
    assert_eq!(fake.requests.lock().expect("lock").len(), 1, "nothing to resend");
}

#[tokio::test]
async fn a_throttled_step_is_resent_with_the_steps_that_waited_for_it() {
    let (_server, fake, client) = fake().await;
    let mut batch = Batch::new();
    let first = batch.add(&ServicePrincipalSynchronizationJobStart::new("sp", "job-throttled-c")).expect("start");
    let second = batch.add(&ServicePrincipalSynchronizationJobPause::new("sp", "job-c")).expect("pause");
    batch.depends_on(&second, &first);
    let answers = client.batch(&batch).await.expect("the batch runs");
    answers.get(&first).expect("started on the second try");
    answers.get(&second).expect("paused after it, not failed for it");
    let sizes: Vec<usize> = fake.requests.lock().expect("lock").iter().map(|(_, n)| *n).collect();
    assert_eq!(sizes, [2, 2]);
}
