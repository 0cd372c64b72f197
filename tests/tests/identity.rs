//! Sign-in through Azure identity (feature `azure-identity`): any azure_core
//! `TokenCredential` as the client's token provider. A credential of our own counts the
//! calls, records the scopes and hands out tokens with a chosen lifetime.

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::time::{Duration as Lifetime, OffsetDateTime};
use graph_sync::operations::ServicePrincipalSynchronizationJobStart;
use graph_sync::{Client, Cloud};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[derive(Debug)]
struct Counting {
    calls: AtomicUsize,
    scopes: Mutex<Vec<String>>,
    lifetime: Lifetime,
}

impl Counting {
    fn new(lifetime: Lifetime) -> Arc<Counting> {
        Arc::new(Counting { calls: AtomicUsize::new(0), scopes: Mutex::default(), lifetime })
    }
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait::async_trait]
impl TokenCredential for Counting {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        self.scopes.lock().expect("lock").extend(scopes.iter().map(|s| (*s).to_owned()));
        Ok(AccessToken::new(format!("token-{n}"), OffsetDateTime::now_utc() + self.lifetime))
    }
}

async fn server_answering(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(status)).mount(&server).await;
    server
}

fn client(server: &MockServer, cloud: Cloud, credential: Arc<Counting>) -> Client {
    Client::builder()
        .cloud(cloud)
        .base_url(format!("{}/v1.0", server.uri()))
        .credential(credential)
        .build()
        .expect("client")
}

fn bearer(request: &Request) -> String {
    request.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_token_is_reused_until_shortly_before_it_expires() {
    let server = server_answering(204).await;
    let credential = Counting::new(Lifetime::hours(1));
    let client = client(&server, Cloud::Global, credential.clone());
    for _ in 0..3 {
        client.send(&ServicePrincipalSynchronizationJobStart::new("sp", "job")).await.expect("started");
    }
    assert_eq!(credential.calls(), 1);
    assert_eq!(*credential.scopes.lock().expect("lock"), ["https://graph.microsoft.com/.default"]);
    let requests = server.received_requests().await.expect("recorded");
    assert!(requests.iter().all(|r| bearer(r) == "Bearer token-1"));

    // A token that expires within five minutes is not handed out again.
    let credential = Counting::new(Lifetime::minutes(2));
    let client = self::client(&server, Cloud::Global, credential.clone());
    for _ in 0..3 {
        client.send(&ServicePrincipalSynchronizationJobStart::new("sp", "job")).await.expect("started");
    }
    assert_eq!(credential.calls(), 3);
}

#[tokio::test]
async fn the_scope_is_the_clouds() {
    let server = server_answering(204).await;
    for (cloud, scope) in [
        (Cloud::UsGovL4, "https://graph.microsoft.us/.default"),
        (Cloud::UsGovL5Dod, "https://dod-graph.microsoft.us/.default"),
        (Cloud::China, "https://microsoftgraph.chinacloudapi.cn/.default"),
    ] {
        let credential = Counting::new(Lifetime::hours(1));
        let create = graph_sync::operations::ServicePrincipalSynchronizationCreateJob::new(
            "sp",
            graph_sync::models::SynchronizationJob::default(),
        );
        let _ = client(&server, cloud, credential.clone()).send(&create).await;
        assert_eq!(*credential.scopes.lock().expect("lock"), [scope], "{cloud:?}");
    }
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_on_a_401() {
    let server = MockServer::start().await;
    let expired = ResponseTemplate::new(401)
        .insert_header("www-authenticate", r#"Bearer error="invalid_token", error_description="The access token has expired""#)
        .set_body_json(serde_json::json!({"error": {"code": "InvalidAuthenticationToken", "message": "Lifetime validation failed, the token is expired."}}));
    Mock::given(header("authorization", "Bearer token-1")).respond_with(expired.clone()).mount(&server).await;
    Mock::given(header("authorization", "Bearer token-2"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let credential = Counting::new(Lifetime::hours(1));
    let client = client(&server, Cloud::Global, credential.clone());
    client.send(&ServicePrincipalSynchronizationJobStart::new("sp", "job")).await.expect("started after a refresh");
    assert_eq!(credential.calls(), 2);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);

    // A token the service keeps refusing is refreshed once, then the 401 is the answer.
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(expired).mount(&server).await;
    let credential = Counting::new(Lifetime::hours(1));
    let error = self::client(&server, Cloud::Global, credential.clone())
        .send(&ServicePrincipalSynchronizationJobStart::new("sp", "job"))
        .await
        .expect_err("still refused");
    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(credential.calls(), 2);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
}

#[tokio::test]
async fn a_401_that_is_not_about_expiry_is_not_retried() {
    let server = MockServer::start().await;
    let refused = ResponseTemplate::new(401)
        .set_body_json(serde_json::json!({"error": {"code": "InvalidAuthenticationToken", "message": "Access token validation failure. Invalid audience."}}));
    Mock::given(method("POST")).respond_with(refused).mount(&server).await;
    let credential = Counting::new(Lifetime::hours(1));
    let _ = client(&server, Cloud::Global, credential.clone())
        .send(&ServicePrincipalSynchronizationJobStart::new("sp", "job"))
        .await;
    assert_eq!((credential.calls(), server.received_requests().await.expect("recorded").len()), (1, 1));
}

#[tokio::test]
async fn token_requests_go_through_the_clients_own_reqwest() {
    use azure_core::http::{headers::Headers, HttpClient, Method as AzureMethod, Request as AzureRequest, Url};
    use graph_sync::runtime::azure::ReqwestTransport;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(wiremock::matchers::path("/tenant/oauth2/v2.0/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(wiremock::matchers::body_string("grant_type=client_credentials"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-ms-request-id", "r-1")
                .set_body_string(r#"{"error":"invalid_client"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    let url = Url::parse(&format!("{}/tenant/oauth2/v2.0/token", server.uri())).expect("url");
    let mut request = AzureRequest::new(url, AzureMethod::Post);
    request.insert_header("content-type", "application/x-www-form-urlencoded");
    request.set_body("grant_type=client_credentials");
    let answer = ReqwestTransport::default().execute_request(&request).await.expect("an answer");
    let (status, headers, body) = answer.deconstruct();
    assert_eq!(u16::from(status), 400);
    let headers: Headers = headers;
    assert_eq!(headers.get_optional_str(&"x-ms-request-id".into()), Some("r-1"));
    assert_eq!(body.collect().await.expect("body").as_ref(), br#"{"error":"invalid_client"}"#);
}

#[test]
fn credentials_sign_in_at_the_clouds_authority() {
    use azure_core::cloud::CloudConfiguration;
    use graph_sync::runtime::azure::credential_options;
    // The authority is the cloud's own (`Cloud::authority`, its one place), given to Azure
    // identity as a custom cloud, which signs in at the host it is given.
    for cloud in Cloud::ALL {
        let options = credential_options(cloud).cloud.map(|c| (*c).clone());
        let Some(CloudConfiguration::Custom(custom)) = options else { panic!("{cloud:?}: {options:?}") };
        assert_eq!(custom.authority_host, cloud.authority(), "{cloud:?}");
    }
    assert!(credential_options(Cloud::Global).transport.is_some());
}
