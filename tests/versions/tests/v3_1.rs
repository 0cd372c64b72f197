//! A crate generated from OpenAPI 3.1 (`tests/specs/openapi-3.1.yaml`), as it runs: a
//! const refuses another value, a `[string, "null"]` member round-trips an explicit null,
//! a tuple round-trips, several types are tried in order, a webhook request decodes.

// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/openapi_3_1.rs"));
// One call of every operation through the client into the fake and back.
include!(concat!(env!("OUT_DIR"), "/openapi_3_1_round_trip.rs"));
include!(concat!(env!("OUT_DIR"), "/openapi_3_1_examples.rs"));

use runtime::Webhook;
use serde_json::json;

#[test]
fn a_const_writes_its_value_and_refuses_another() {
    let pet: models::Pet = serde_json::from_value(json!({"id": 1, "kind": "pet", "name": "Rex"})).expect("a pet");
    assert_eq!(pet.kind, models::PetKind);
    assert_eq!(serde_json::to_value(&pet).expect("writes")["kind"], "pet");
    let error = serde_json::from_value::<models::Pet>(json!({"id": 1, "kind": "cat", "name": "Rex"})).expect_err("cat");
    assert!(error.to_string().contains("expected the constant \"pet\", found \"cat\""), "{error}");
    // A default pet carries the constant without being told.
    assert_eq!(serde_json::to_value(models::Pet::default()).expect("writes")["kind"], "pet");
}

#[test]
fn a_string_or_null_member_round_trips_an_explicit_null() {
    let text = json!({"id": 1, "kind": "pet", "name": "Rex", "nickname": null, "owner": null});
    let pet: models::Pet = serde_json::from_value(text.clone()).expect("a pet");
    assert_eq!(pet.nickname, None);
    assert!(pet.is_null(models::Pet::NICKNAME) && pet.is_null(models::Pet::OWNER));
    assert_eq!(serde_json::to_value(&pet).expect("writes"), text);
    let named: models::Pet =
        serde_json::from_value(json!({"id": 1, "kind": "pet", "name": "Rex", "nickname": "R"})).expect("a pet");
    assert_eq!(named.nickname.as_deref(), Some("R"));
}

#[test]
fn a_tuple_round_trips_and_refuses_the_wrong_length() {
    let text = json!({"id": 2, "kind": "pet", "name": "Felix", "position": [1.5, -2.0]});
    let pet: models::Pet = serde_json::from_value(text.clone()).expect("a pet");
    assert_eq!(pet.position, Some((1.5.into(), (-2.0).into())));
    assert_eq!(serde_json::to_value(&pet).expect("writes"), text);
    let three = json!({"id": 2, "kind": "pet", "name": "Felix", "position": [1.5, -2.0, 3.0]});
    assert!(serde_json::from_value::<models::Pet>(three).is_err());
}

#[test]
fn several_types_are_tried_integer_first() {
    let weight = |w: serde_json::Value| {
        serde_json::from_value::<models::Pet>(json!({"id": 1, "kind": "pet", "name": "R", "weight": w}))
            .expect("a pet")
            .weight
    };
    assert_eq!(weight(json!(3)), Some(models::PetWeight::Integer(3)));
    assert_eq!(weight(json!(3.5)), Some(models::PetWeight::Number(3.5.into())));
    assert_eq!(weight(json!("heavy")), Some(models::PetWeight::String("heavy".into())));
}

#[test]
fn a_webhook_request_decodes_into_its_payload() {
    let body = json!({"pet": {"id": 7, "kind": "pet", "name": "Rex"}, "family": "Smith", "kind": "adoption"});
    let request = http::Request::post("/hooks/adopted")
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).expect("json"))
        .expect("request");
    let adoption = webhooks::PetAdopted::from_request(request).expect("decodes");
    assert_eq!(adoption.pet.map(|p| p.name), Some("Rex".to_owned()));
    assert_eq!(webhooks::PetAdopted::NAME, "petAdopted");
    let returned = http::Request::post("/hooks/returned")
        .header("content-type", "application/json")
        .body(br#"{"petId": "7", "reason": null}"#.to_vec())
        .expect("request");
    let returned = webhooks::PetReturned::from_request(returned).expect("decodes");
    assert_eq!(returned.pet_id, "7");
    let wrong = http::Request::get("/hooks/returned").body(Vec::new()).expect("request");
    assert!(matches!(webhooks::PetReturned::from_request(wrong), Err(runtime::Error::IncomingRequest { .. })));
}

/// The typed mock ships in every generated crate, not only Graph's: a rule per operation,
/// a throttled answer retried by the client, the requests recorded typed.
#[tokio::test]
async fn the_typed_mock_answers_this_crates_operations() {
    let mock = runtime::testing::Mock::new();
    let pet: models::Pet = serde_json::from_value(json!({"id": 7, "kind": "pet", "name": "Rex"})).expect("a pet");
    mock.on(operations::GetPet::new("7")).throttle(0).answer(pet.clone());
    mock.on_any::<operations::PutPet>().fail(409, "Conflict", "the pet changed");
    let retry = runtime::RetryPolicy { initial_backoff: std::time::Duration::from_millis(1), ..Default::default() };
    let client = mock.client().retry_policy(retry).build().expect("client");

    assert_eq!(client.send(&operations::GetPet::new("7")).await.expect("read"), pet);
    assert_eq!(mock.requests_of::<operations::GetPet>().len(), 2, "the 429, then the pet");
    let conflict = client.send(&operations::PutPet::new("7", pet)).await.expect_err("409");
    assert_eq!(conflict.response().and_then(|r| r.code()), Some("Conflict"));
    // The requests went to the spec's own server, not Graph's.
    assert!(mock.requests().iter().all(|r| r
        .request
        .uri()
        .to_string()
        .starts_with("https://shelter.example.test/v2/")));
    mock.verify().expect("every rule used");
}

/// Every example the document gives for a model reads into it and writes back with every
/// number and string as it came.
#[test]
fn every_example_round_trips_as_written() {
    let checked = versions::examples_round_trip(EXAMPLES).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(checked >= 1);
}
