//! A crate generated from Swagger 2.0 (`tests/specs/swagger-2.0.yaml`), as it runs over
//! loopback: form fields sent urlencoded and as multipart with a file, a list of
//! `x-ms-pageable` pages followed to the end, lists in each `collectionFormat`.

// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/swagger_2_0.rs"));
// One call of every operation through the client into the fake and back.
include!(concat!(env!("OUT_DIR"), "/swagger_2_0_round_trip.rs"));

use versions::serve;

fn client(base: &str) -> Client {
    Client::builder().base_url(format!("{base}/api")).bearer_token("t").build().expect("client")
}

#[test]
fn the_server_is_https_host_and_base_path() {
    assert_eq!(DEFAULT_BASE_URL, "https://vault.example.test/api");
}

#[tokio::test]
async fn form_fields_are_sent_urlencoded() {
    let (base, log) = serve(|_, _| (204, "text/plain", String::new()));
    let form = models::SecretsRotateRequest { reason: "a & b".into(), notify: Some(true), ..Default::default() };
    client(&base).send(&operations::SecretsRotate::new("db", form)).await.expect("rotated");
    let request = log.lock().expect("log")[0].clone();
    assert_eq!(request.line, "POST /api/secrets/db/rotate HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(String::from_utf8_lossy(&request.body), "reason=a%20%26%20b&notify=true");
}

#[tokio::test]
async fn a_file_field_makes_a_multipart_body() {
    let (base, log) = serve(|_, _| (201, "text/plain", String::new()));
    let form = models::SecretsAttachRequest {
        file: runtime::multipart::File::new(b"\x00\x01binary".to_vec()).name("key.bin"),
        label: Some("backup".into()),
        ..Default::default()
    };
    client(&base).send(&operations::SecretsAttach::new("db", form)).await.expect("attached");
    let request = log.lock().expect("log")[0].clone();
    let content_type = request.header("content-type").expect("a content type").to_owned();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("multipart");
    let body = request.body.clone();
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("name=\"file\"; filename=\"key.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"),
        "{text}"
    );
    assert!(body.windows(8).any(|w| w == b"\x00\x01binary"), "the bytes as they are");
    assert!(text.contains("name=\"label\"\r\n\r\nbackup\r\n"), "{text}");
    assert!(text.ends_with(&format!("--{boundary}--\r\n")));
}

#[tokio::test]
async fn an_x_ms_pageable_list_pages_to_the_end_with_every_list_format() {
    let (base, log) = serve(|request, origin| {
        let body = if request.line.contains("page=2") {
            r#"{"value": [{"name": "c", "kind": "api-key"}]}"#.to_owned()
        } else {
            format!(
                r#"{{"value": [{{"name": "a", "kind": "password"}}, {{"name": "b", "value": null}}], "nextLink": "{origin}/api/secrets?page=2"}}"#
            )
        };
        (200, "application/json", body)
    });
    let client = client(&base);
    let list = operations::SecretsList::new("2020-01-01")
        .tags(["x", "y"])
        .fields(["name", "kind"])
        .owners(["ann", "bob"])
        .words(["big", "red"])
        .ids(vec![1, 2]);
    let mut pages = client.pages(&list);
    let mut names = Vec::new();
    let mut kinds = Vec::new();
    while let Some(page) = pages.next().await {
        for secret in page.expect("a page").value.unwrap_or_default() {
            names.push(secret.name.clone());
            kinds.push(secret.kind.clone());
            if secret.name == "b" {
                assert!(secret.is_null(models::Secret::VALUE), "x-nullable keeps an explicit null");
            }
        }
    }
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(kinds, [Some(models::SecretKind::Password), None, Some(models::SecretKind::ApiKey)]);
    let lines: Vec<String> = log.lock().expect("log").iter().map(|r| r.line.clone()).collect();
    assert_eq!(
        lines,
        [
            "GET /api/secrets?api-version=2020-01-01&tags=x&tags=y&fields=name,kind&owners=ann%7Cbob&words=big%20red&ids=1,2 HTTP/1.1",
            "GET /api/secrets?page=2 HTTP/1.1",
        ]
    );
}
