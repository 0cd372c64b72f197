//! Request builders: every operation of both versions of `generated`, built through the
//! builders (from `Graph::new()` and from a client) with the same arguments as its direct
//! constructor, gives the same operation and the same `http::Request`; and the two calls of
//! the seed pages, written exactly as their SDK snippets walk the URL, send what the pages
//! document.

use graph_sync::models::SynchronizationJob;
use graph_sync::{Client, Operation};
use serde_json::json;
use tests::cases::{beta, v1_0};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn same_request(a: &http::Request<Vec<u8>>, b: &http::Request<Vec<u8>>) -> bool {
    a.method() == b.method() && a.uri() == b.uri() && a.headers() == b.headers() && a.body() == b.body()
}

#[test]
fn every_operation_through_the_builders_is_the_operation_built_directly() {
    let client = Client::builder().bearer_token("t").build().expect("client");
    let mut checked = 0;
    for (version, base, cases) in
        [("v1.0", "https://graph.microsoft.com/v1.0", v1_0()), ("beta", "https://graph.microsoft.com/beta", beta())]
    {
        for case in cases {
            let direct = (case.request)(base).unwrap_or_else(|e| panic!("{version} {}: {e}", case.name));
            let built = (case.via_builders)(base).unwrap_or_else(|e| panic!("{version} {}: {e}", case.name));
            assert!(same_request(&direct, &built), "{version} {}: {direct:?} != {built:?}", case.name);
            assert_eq!(built.method().as_str(), case.method, "{version} {}", case.name);
            assert!((case.via_client)(&client), "{version} {}: the client's chain differs", case.name);
            checked += 1;
        }
    }
    assert_eq!(checked, v1_0().len() + beta().len());
    assert!(checked > 100, "{checked}");
}

#[tokio::test]
async fn start_job_as_the_beta_page_writes_it() {
    // graphClient.ServicePrincipals().ByServicePrincipalId("servicePrincipal-id").Synchronization()
    //     .Jobs().BySynchronizationJobId("synchronizationJob-id").Start().Post(context.Background(), nil)
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/beta/servicePrincipals/servicePrincipal-id/synchronization/jobs/synchronizationJob-id/start"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client =
        Client::builder().base_url(format!("{}/beta", server.uri())).bearer_token("t").build().expect("client");

    client
        .beta()
        .service_principals()
        .by_service_principal_id("servicePrincipal-id")
        .synchronization()
        .jobs()
        .by_synchronization_job_id("synchronizationJob-id")
        .start()
        .post()
        .send()
        .await
        .expect("started");

    // Without a client, the same chain is the operation itself.
    let start = graph_sync::beta::Graph::new()
        .service_principals()
        .by_service_principal_id("servicePrincipal-id")
        .synchronization()
        .jobs()
        .by_synchronization_job_id("synchronizationJob-id")
        .start()
        .post();
    assert_eq!(
        start,
        graph_sync::beta::operations::ServicePrincipalSynchronizationJobStart::new(
            "servicePrincipal-id",
            "synchronizationJob-id"
        )
    );
}

#[tokio::test]
async fn create_job_as_the_v1_page_writes_it() {
    // graphClient.ServicePrincipals().ByServicePrincipalId("servicePrincipal-id").Synchronization()
    //     .Jobs().Post(context.Background(), requestBody, nil)
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/servicePrincipals/servicePrincipal-id/synchronization/jobs"))
        .and(body_json(json!({"templateId": "BoxOutDelta"})))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"id": "BoxOutDelta.e0bd1e7a.7a5b", "templateId": "BoxOutDelta"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client =
        Client::builder().base_url(format!("{}/v1.0", server.uri())).bearer_token("t").build().expect("client");
    let request_body = SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() };

    let job = client
        .service_principals()
        .by_service_principal_id("servicePrincipal-id")
        .synchronization()
        .jobs()
        .post(request_body)
        .send()
        .await
        .expect("created");

    assert_eq!(job.id.as_deref(), Some("BoxOutDelta.e0bd1e7a.7a5b"));
}

#[tokio::test]
async fn optional_parameters_are_setters_after_the_last_step_and_lists_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/servicePrincipals/sp/synchronization/jobs"))
        .and(wiremock::matchers::query_param("$top", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "job-1"}],
            "@odata.nextLink": format!("{}/v1.0/servicePrincipals/sp/synchronization/jobs?$skiptoken=2", server.uri())
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/servicePrincipals/sp/synchronization/jobs"))
        .and(wiremock::matchers::query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [{"id": "job-2"}]})))
        .expect(1)
        .mount(&server)
        .await;
    let client =
        Client::builder().base_url(format!("{}/v1.0", server.uri())).bearer_token("t").build().expect("client");
    let list = client.service_principals().by_service_principal_id("sp").synchronization().jobs().get().top(1);
    assert_eq!(list.operation().to_http("https://x/v1.0").expect("request").uri().query(), Some("$top=1"));
    let mut pages = list.pages();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        ids.extend(page.expect("a page").value.unwrap_or_default().into_iter().filter_map(|j| j.id));
    }
    assert_eq!(ids, ["job-1", "job-2"]);
}
