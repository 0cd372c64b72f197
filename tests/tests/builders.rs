//! Request builders: every operation of both versions of `generated`, built through the
//! builders (from `Graph::new()` and from a client) with the same arguments as its direct
//! constructor, gives the same operation and the same `http::Request`; and the two calls of
//! the seed pages, written exactly as their SDK snippets walk the URL, send what the pages
//! document.

use graph_sync::models::SynchronizationJob;
use graph_sync::operations::ServicePrincipalSynchronizationCreateJob;
use graph_sync::{Client, Operation};
use serde_json::json;
use tests::cases::{beta, v1_0};

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
    let fake = graph_sync::beta::server::fake();
    let running = fake.start().await.expect("the fake starts");
    let client = Client::builder().base_url(running.url()).bearer_token("t").build().expect("client");

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
    // The fake read the request sent as that very operation (`POST …/start`).
    assert_eq!(fake.requests_of(&start), std::slice::from_ref(&start));
}

#[tokio::test]
async fn create_job_as_the_v1_page_writes_it() {
    // graphClient.ServicePrincipals().ByServicePrincipalId("servicePrincipal-id").Synchronization()
    //     .Jobs().Post(context.Background(), requestBody, nil)
    // The page's answer, given by a handler of the generic fake's (the fake would assign "1").
    let fake = graph_sync::server::fake();
    fake.on::<ServicePrincipalSynchronizationCreateJob>(|create| {
        Ok(SynchronizationJob { id: Some("BoxOutDelta.e0bd1e7a.7a5b".into()), ..create.body().clone() })
    });
    let running = fake.start().await.expect("the fake starts");
    let client = Client::builder().base_url(running.url()).bearer_token("t").build().expect("client");
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
    let sent = fake.requests_of_type::<ServicePrincipalSynchronizationCreateJob>();
    assert_eq!(serde_json::to_value(sent[0].body()).expect("json"), json!({"templateId": "BoxOutDelta"}));
}

#[tokio::test]
async fn optional_parameters_are_setters_after_the_last_step_and_lists_page() {
    // Two jobs in the generic fake, in pages of one: `$top=2` asks for both.
    let fake = graph_sync::server::fake().page_size(1);
    for id in ["job-1", "job-2"] {
        fake.seed(&format!("/servicePrincipals/sp/synchronization/jobs/{id}"), &json!({"id": id})).expect("seeded");
    }
    let running = fake.start().await.expect("the fake starts");
    let client = Client::builder().base_url(running.url()).bearer_token("t").build().expect("client");
    let list = client.service_principals().by_service_principal_id("sp").synchronization().jobs().get().top(2);
    assert_eq!(list.operation().to_http("https://x/v1.0").expect("request").uri().query(), Some("$top=2"));
    let mut pages = list.pages();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        ids.extend(page.expect("a page").value.unwrap_or_default().into_iter().filter_map(|j| j.id));
    }
    assert_eq!(ids, ["job-1", "job-2"]);
    assert_eq!(fake.requests().len(), 2, "a page each, the second by its next link");
}
