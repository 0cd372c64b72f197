//! The example program (`generated/examples/list_and_start.rs`), run against a local
//! server: its logic is compiled into this test, and `main` is left unused.

#[allow(dead_code)]
#[path = "../../generated/examples/list_and_start.rs"]
mod example;

use graph_sync::operations::ServicePrincipalSynchronizationJobStart;
use serde_json::json;

#[tokio::test]
async fn the_example_lists_the_jobs_and_starts_the_first() {
    // The generic fake of the v1.0 description, two jobs in it.
    let fake = graph_sync::server::fake();
    let jobs = "/servicePrincipals/sp-1/synchronization/jobs";
    let paused = json!({"id": "job-1", "templateId": "AD2AADProvisioning", "status": {"code": "Paused"}});
    let unknown = json!({"id": "job-2", "templateId": "BoxOutDelta", "status": {"code": "unknownFutureValue"}});
    fake.seed(&format!("{jobs}/job-1"), &paused).expect("seeded");
    fake.seed(&format!("{jobs}/job-2"), &unknown).expect("seeded");
    let running = fake.start().await.expect("the fake starts");
    let client = graph_sync::Client::builder().base_url(running.url()).bearer_token("t").build().expect("client");
    let (ids, started) = example::run(&client, "sp-1", None).await.expect("runs");
    assert_eq!(ids, ["job-1", "job-2"]);
    assert_eq!(started.as_deref(), Some("job-1"));
    assert_eq!(
        fake.requests_of_type::<ServicePrincipalSynchronizationJobStart>(),
        [ServicePrincipalSynchronizationJobStart::new("sp-1", "job-1")]
    );
    assert_eq!(fake.requests().len(), 2, "one page of jobs, one start");
}

#[test]
fn the_example_signs_in_with_a_token_or_an_applications_client_secret() {
    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        move |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
    let builder = || graph_sync::Client::builder().base_url("http://127.0.0.1:9/v1.0");
    example::sign_in(builder(), env(&[("GRAPH_TOKEN", "t")])).expect("a token").build().expect("a client");
    let secret = [
        ("AZURE_TENANT_ID", "contoso.onmicrosoft.com"),
        ("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001"),
        ("AZURE_CLIENT_SECRET", "s"),
    ];
    example::sign_in(builder(), env(&[secret[0], secret[1], secret[2]]))
        .expect("a client secret credential")
        .build()
        .expect("a client");
    let bad = example::sign_in(builder(), env(&[("AZURE_TENANT_ID", "not a tenant"), secret[1], secret[2]]))
        .expect_err("a bad tenant is refused");
    assert!(bad.contains("client secret credential"), "{bad}");
    let missing = example::sign_in(builder(), env(&[secret[0]])).expect_err("nothing to sign in with");
    assert!(missing.contains("GRAPH_TOKEN") && missing.contains("AZURE_CLIENT_SECRET"), "{missing}");
}
