//! The generic fake of a description (`tests/specs/fake.yaml`, an OData-style registry) as a
//! test uses it: a collection that creates, lists, reads, merges and removes; pages and
//! OData's query options; a count, an action, a singleton; faults, overrides, the typed
//! requests, seeding and `reset`; and a request that is not its operation refused with a
//! problem naming the member, in the description's error shape.

#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/fake_api.rs"));
include!(concat!(env!("OUT_DIR"), "/fake_api_round_trip.rs"));

use runtime::fake::Fault;
use serde_json::json;

fn animal(value: serde_json::Value) -> models::Animal {
    serde_json::from_value(value).expect("an animal")
}

async fn started(fake: &runtime::fake::Fake) -> (runtime::server_http::Running, Client) {
    let running = fake.start().await.expect("the fake starts");
    let client = Client::builder().base_url(running.url()).build().expect("client");
    (running, client)
}

#[tokio::test]
async fn a_collection_creates_lists_reads_merges_and_removes() {
    let fake = server::fake();
    let (_running, client) = started(&fake).await;
    let rex = client
        .send(&operations::RegisterAnimal::new(animal(
            json!({"name": "Rex", "kind": "dog", "age": 3, "nickname": "R"}),
        )))
        .await
        .expect("registered");
    let tom = client
        .send(&operations::RegisterAnimal::new(animal(json!({"name": "Tom", "kind": "cat"}))))
        .await
        .expect("registered");
    assert_eq!((rex.id.as_deref(), tom.id.as_deref()), (Some("1"), Some("2")));
    let read = client.send(&operations::GetAnimal::new("1")).await.expect("read");
    assert_eq!((read.name.as_str(), read.age), ("Rex", Some(3)));

    // PATCH is a merge: members replaced, an explicit null clears.
    let patch = animal(json!({"name": "Rex", "kind": "dog", "age": 4, "nickname": null}));
    client.send(&operations::UpdateAnimal::new("1", patch)).await.expect("merged");
    let stored = fake.get("/animals/1").expect("stored");
    assert_eq!(stored, json!({"id": "1", "name": "Rex", "kind": "dog", "age": 4}));

    let page = client.send(&operations::ListAnimals::new()).await.expect("listed");
    let names: Vec<&str> = page.value.iter().flatten().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Rex", "Tom"]);
    assert_eq!(client.send(&operations::CountAnimals::new()).await.expect("counted"), 2);

    client.send(&operations::RemoveAnimal::new("2")).await.expect("removed");
    for gone in [
        client.send(&operations::GetAnimal::new("2")).await.map(|_| ()),
        client.send(&operations::RemoveAnimal::new("2")).await,
    ] {
        let error = gone.expect_err("gone");
        assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
        let odata = error.response().and_then(|r| r.odata.clone()).expect("an OData error");
        assert_eq!(odata.error.code, "NotFound");
    }
}

#[tokio::test]
async fn lists_page_and_honour_odata_options() {
    let fake = server::fake().page_size(2);
    for (i, (name, age)) in [("a", 1), ("b", 5), ("c", 3), ("d", 7), ("e", 2)].into_iter().enumerate() {
        fake.seed(&format!("/animals/{i}"), &json!({"id": i.to_string(), "name": name, "kind": "cat", "age": age}))
            .expect("seeded");
    }
    let (_running, client) = started(&fake).await;
    let list = operations::ListAnimals::new();
    let mut pages = client.pages(&list);
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page.expect("a page").value.map_or(0, |v| v.len()));
    }
    assert_eq!(sizes, [2, 2, 1], "pages of two, a next link to each");

    // `$top` is all that is asked (3 of 4), in pages of two: the next link asks for the rest.
    let asked = operations::ListAnimals::new()
        .filter("age gt 1")
        .orderby(["age desc"])
        .select(["name", "kind"])
        .count(true)
        .top(3);
    let mut pages = client.pages(&asked);
    let first = pages.next().await.expect("a page").expect("read");
    let got: Vec<serde_json::Value> =
        first.value.iter().flatten().map(|a| serde_json::to_value(a).expect("json")).collect();
    assert_eq!(got, [json!({"id": "3", "name": "d", "kind": "cat"}), json!({"id": "1", "name": "b", "kind": "cat"})]);
    assert_eq!(first.odata_count, Some(4));
    let next = pages.next().await.expect("the rest").expect("read");
    let names: Vec<&str> = next.value.iter().flatten().map(|a| a.name.as_str()).collect();
    assert_eq!((names, next.odata_next_link), (vec!["c"], None));
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn faults_overrides_and_typed_requests() {
    let fake = server::fake();
    let (_running, client) = started(&fake).await;

    // A singleton answers its sample; an action its documented 202 with a Location.
    assert!(!client.send(&operations::GetSettings::new()).await.expect("settings").open);
    let accepted = client.send(&operations::VaccinateAnimal::new("7", 2)).await.expect("accepted");
    assert_eq!(accepted.location.as_deref(), Some("/animals/7/vaccinate"));

    // A 503 with Retry-After once: the client's retry gets the answer.
    fake.fault::<operations::GetSettings>(Fault::status(503).retry_after(0).times(1));
    assert!(client.send(&operations::GetSettings::new()).await.is_ok());
    // A body that does not parse, a dropped connection: errors the client reports.
    fake.fault::<operations::CountAnimals>(Fault::garbled_body());
    assert!(client.send(&operations::CountAnimals::new()).await.is_err());
    fake.fault::<operations::GetAnimal>(Fault::drop_connection());
    let dropped = client.send(&operations::GetAnimal::new("1")).await.expect_err("dropped");
    assert_eq!(dropped.status(), None, "no answer at all: {dropped}");
    // Latency, then the usual answer.
    fake.fault::<operations::ListAnimals>(Fault::latency(std::time::Duration::from_millis(60)));
    let started_at = std::time::Instant::now();
    client.send(&operations::ListAnimals::new()).await.expect("listed");
    assert!(started_at.elapsed() >= std::time::Duration::from_millis(60));

    // A handler of the test's own, typed.
    fake.on::<operations::GetSettings>(|_| Ok(serde_json::from_value(json!({"open": true})).expect("settings")));
    assert!(client.send(&operations::GetSettings::new()).await.expect("settings").open);

    // Every request as the typed operation it was; then nothing.
    let vaccinations = fake.requests_of_type::<operations::VaccinateAnimal>();
    assert_eq!(vaccinations, [operations::VaccinateAnimal::new("7", 2)]);
    assert_eq!(fake.requests_of_type::<operations::GetSettings>().len(), 4, "the retry counted");
    fake.reset();
    assert!(fake.requests().is_empty());
    assert!(!client.send(&operations::GetSettings::new()).await.expect("settings").open, "the handler is gone");
    let gone = client.send(&operations::GetAnimal::new("1")).await.expect_err("nothing is stored");
    assert_eq!(gone.status(), Some(http::StatusCode::NOT_FOUND), "an answer: the fault is gone");
}

#[tokio::test]
async fn a_request_that_is_not_its_operation_is_refused_naming_the_member() {
    let fake = server::fake();
    let (running, _client) = started(&fake).await;
    let http = reqwest::Client::new();
    let url = running.url();
    let answer = http.post(format!("{url}/animals/7/vaccinate?dose=two")).send().await.expect("answered");
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("json");
    assert_eq!(body["error"]["target"], "query parameter dose", "{body}");
    for (sent, member) in [(json!({"name": "Rex"}), "body.kind"), (json!({"name": 5, "kind": "dog"}), "body.name")] {
        let answer = http.post(format!("{url}/animals")).body(sent.to_string()).send().await.expect("answered");
        assert_eq!(answer.status(), 400);
        let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("json");
        assert_eq!(body["error"]["target"], member, "{body}");
    }
    let answer = http.put(format!("{url}/animals")).send().await.expect("answered");
    assert_eq!((answer.status().as_u16(), answer.headers()["allow"].to_str().ok()), (405, Some("GET, POST")));
    assert_eq!(http.get(format!("{url}/nothing")).send().await.expect("answered").status(), 404);
    assert!(fake.requests().is_empty(), "none of them reached an operation");
}

/// A server of the registry's own: one method written, the rest `501`.
struct Registry;

impl server::Service for Registry {
    async fn get_settings(
        &self,
        _request: operations::GetSettings,
    ) -> runtime::server::Answer<operations::GetSettings> {
        Ok(serde_json::from_value(json!({"open": true})).expect("settings"))
    }
}

#[tokio::test]
async fn a_service_answers_its_methods_and_refuses_what_it_does_not_know_when_asked() {
    let running = server::router(Registry).refuse_unknown_query(true).start().await.expect("serving");
    let client = Client::builder().base_url(running.url()).build().expect("client");
    assert!(client.send(&operations::GetSettings::new()).await.expect("settings").open);
    let missing = client.send(&operations::CountAnimals::new()).await.expect_err("not written");
    assert_eq!(missing.status(), Some(http::StatusCode::NOT_IMPLEMENTED));
    let answer = reqwest::get(format!("{}/settings?colour=red", running.url())).await.expect("answered");
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("json");
    assert_eq!(body["error"]["target"], "query parameter colour", "{body}");
}
