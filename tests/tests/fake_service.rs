//! A fake Microsoft Graph built from the reference facts (`specs/facts.<version>.yaml`):
//! on 127.0.0.1 it answers only the documented method + path pairs, with the documented
//! success status, and everything else with 404 and the body the service sends for a
//! route it does not have. Every operation of both versions of `generated` is sent to it
//! and must reach a documented route and decode the documented answer; operations without
//! a reference page are listed here and answered as their description says instead.

use generated::Client;
use generator::facts::Facts;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tests::{cases, read, root, Case};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Operations with no reference page of their own, per version (`no-page` in the facts):
/// answered as their description says. Checked against the facts files below.
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

/// What a route answers with.
#[derive(Debug, Clone, PartialEq)]
enum Answer {
    /// No body (204 and friends).
    Empty,
    /// A JSON body.
    Json(Value),
    /// `text/plain` (a `$count`).
    Text(&'static str),
    /// `application/octet-stream` (a `$value`).
    Bytes,
}

#[derive(Debug, Clone)]
struct Route {
    method: String,
    /// Literal segments, and `None` for a parameter.
    segments: Vec<Option<String>>,
    status: u16,
    answer: Answer,
    /// Where the route comes from: a page, or "description".
    source: String,
}

impl Route {
    fn new(method: &str, path: &str, status: u16, answer: Answer, source: String) -> Route {
        let segments = path
            .trim_matches('/')
            .split('/')
            .map(|s| if s.starts_with('{') && s.ends_with('}') { None } else { Some(s.to_owned()) })
            .collect();
        Route { method: method.to_ascii_uppercase(), segments, status, answer, source }
    }

    /// Graph matches path segments without regard to case; a parameter is any one segment.
    fn matches(&self, method: &str, segments: &[&str]) -> bool {
        self.method == method
            && self.segments.len() == segments.len()
            && self.segments.iter().zip(segments).all(|(want, got)| match want {
                None => !got.is_empty(),
                Some(literal) => literal.eq_ignore_ascii_case(got),
            })
    }
}

/// The documented body of a page, as the fake writes it.
fn documented_answer(body: &str) -> Answer {
    match body {
        "none" => Answer::Empty,
        "text" => Answer::Text("3"),
        "bytes" => Answer::Bytes,
        collection if collection.starts_with("collection(") => Answer::Json(json!({"value": []})),
        _ => Answer::Json(json!({})),
    }
}

/// The answer a description promises for an operation without a page (its IR output).
fn described_answer(op: &generator::ir::Operation) -> (u16, Answer) {
    use generator::ir::Output;
    match &op.output {
        Output::Empty => (204, Answer::Empty),
        Output::Json(_) | Output::JsonOrEmpty(_) => (200, Answer::Json(json!({}))),
        Output::Count | Output::Text => (200, Answer::Text("3")),
        Output::Bytes | Output::Sequence { .. } => (200, Answer::Bytes),
    }
}

struct Version {
    prefix: &'static str,
    facts: Facts,
    api: generator::ir::Api,
}

fn version(name: &'static str, prefix: &'static str) -> Version {
    let facts = Facts::parse(&read(&root().join(format!("specs/facts.{name}.yaml")))).expect("facts parse");
    let api = generator::generate(&read(&root().join(format!("specs/synchronization.{name}.yaml")))).expect("spec").api;
    Version { prefix, facts, api }
}

fn routes(v: &Version) -> Vec<Route> {
    let mut out = Vec::new();
    for (key, entry) in &v.facts.operations {
        let (method, path) = generator::facts::split_key(key).expect("METHOD /path");
        match (&entry.documented, &entry.page) {
            (Some(doc), Some(page)) => {
                for documented in &doc.paths {
                    out.push(Route::new(
                        &doc.method,
                        documented,
                        doc.status,
                        documented_answer(&doc.body),
                        page.clone(),
                    ));
                }
            }
            _ => {
                let op = v
                    .api
                    .operations
                    .iter()
                    .find(|o| o.path == path && format!("{:?}", o.method).eq_ignore_ascii_case(method));
                let (status, answer) = described_answer(op.expect("an operation of the spec"));
                out.push(Route::new(method, path, status, answer, "description".to_owned()));
            }
        }
    }
    for page in &v.facts.unmapped_pages {
        out.push(Route::new(&page.method, &page.path, page.status, documented_answer(&page.body), page.page.clone()));
    }
    out
}

/// The fake: documented routes of both versions under `/v1.0` and `/beta`.
#[derive(Clone)]
struct FakeGraph {
    routes: Arc<Vec<(&'static str, Route)>>,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Respond for FakeGraph {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let path = request.url.path();
        let method = request.method.as_str().to_ascii_uppercase();
        let found = self.routes.iter().find_map(|(prefix, route)| {
            let rest = path.strip_prefix(prefix)?;
            let segments: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
            route.matches(&method, &segments).then_some(route)
        });
        let Some(route) = found else {
            let uri = format!("https://graph.microsoft.com{path}");
            return ResponseTemplate::new(404).set_body_json(json!({"error": {
                "code": "",
                "message": format!("No HTTP resource was found that matches the request URI '{uri}'."),
                "innerError": {"date": "2026-11-24T08:00:00", "request-id": "fake-request", "client-request-id": "fake-client"}
            }}));
        };
        if let Ok(mut hits) = self.hits.lock() {
            hits.push(format!("{method} {path} -> {}", route.source));
        }
        let template = ResponseTemplate::new(route.status);
        match &route.answer {
            Answer::Empty => template,
            Answer::Json(body) => template.set_body_json(body.clone()),
            Answer::Text(text) => template.set_body_raw(text.as_bytes().to_vec(), "text/plain"),
            Answer::Bytes => template.set_body_raw(b"a,b\n1,2\n".to_vec(), "application/octet-stream"),
        }
    }
}

async fn send_all(client: &Client, base: &str, all: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for case in all {
        let request = match (case.request)(base) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{}: cannot build the request: {e}", case.name));
                continue;
            }
        };
        let outcome = match client.execute(request).await {
            Ok(response) => (case.decode)(response),
            Err(e) => Err(e),
        };
        if let Err(e) = outcome {
            failures.push(format!("{} ({} {}): {e}", case.name, case.method, case.path));
        }
    }
    failures
}

#[test]
fn the_facts_list_exactly_the_operations_without_a_page() {
    for name in ["v1.0", "beta"] {
        let v = version(name, "");
        let mut without: Vec<&str> =
            v.facts.operations.iter().filter(|(_, e)| e.page.is_none()).map(|(k, _)| k.as_str()).collect();
        without.sort_unstable();
        let mut listed: Vec<&str> = UNDOCUMENTED.to_vec();
        if name == "beta" {
            listed.extend(UNDOCUMENTED_BETA_ONLY);
        }
        listed.sort_unstable();
        assert_eq!(without, listed, "{name}");
    }
}

#[tokio::test]
async fn every_operation_of_both_versions_reaches_a_documented_route_and_decodes_its_answer() {
    let (v1, beta) = (version("v1.0", "/v1.0"), version("beta", "/beta"));
    let mut all_routes: Vec<(&'static str, Route)> = Vec::new();
    for v in [&v1, &beta] {
        all_routes.extend(routes(v).into_iter().map(|r| (v.prefix, r)));
    }
    let fake = FakeGraph { routes: Arc::new(all_routes), hits: Arc::default() };
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(fake.clone()).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");

    let mut failures = Vec::new();
    for (version, all) in [("v1.0", cases::v1_0()), ("beta", cases::beta())] {
        assert!(all.len() >= 56, "{version}: {} operations", all.len());
        let base = format!("{}/{version}", server.uri());
        failures.extend(send_all(&client, &base, &all).await.into_iter().map(|f| format!("{version}: {f}")));
    }
    assert!(failures.is_empty(), "operations the service would not answer as documented:\n{}", failures.join("\n"));
    let hits = fake.hits.lock().map(|h| h.len()).unwrap_or_default();
    assert_eq!(hits, cases::v1_0().len() + cases::beta().len());
}

#[tokio::test]
async fn the_fake_refuses_what_the_service_refuses() {
    let v1 = version("v1.0", "/v1.0");
    let fake =
        FakeGraph { routes: Arc::new(routes(&v1).into_iter().map(|r| ("/v1.0", r)).collect()), hits: Arc::default() };
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(fake).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    // What Microsoft's published description (and every SDK) sends for a schema update.
    let patch =
        http::Request::patch(format!("{}/v1.0/servicePrincipals/sp/synchronization/jobs/job/schema", server.uri()))
            .header("content-type", "application/json")
            .body(b"{}".to_vec())
            .expect("request");
    let response = client.execute(patch).await.expect("an answer");
    assert_eq!(response.status(), 404);
    let body: Value = serde_json::from_slice(response.body()).expect("an OData error");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.starts_with("No HTTP resource was found")));
}
