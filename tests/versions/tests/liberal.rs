//! A description read liberally (`tests/specs/liberal/`): a `$ref` for a description and
//! for a whole `properties` map, operations without `responses`, a path parameter the
//! operation forgot and one the path does not have. What it generates compiles (this
//! test) and behaves as the description means.

// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/liberal.rs"));
// One call of every operation through the client into the fake and back.
include!(concat!(env!("OUT_DIR"), "/liberal_round_trip.rs"));

#[test]
fn the_undeclared_path_parameter_is_a_string_and_the_unused_one_is_gone() {
    let op = operations::GetAction::new(7, "a-1");
    let request = op.to_http("https://droplets.example.test/v2").expect("a request");
    assert_eq!(request.uri().to_string(), "https://droplets.example.test/v2/droplets/7/actions/a-1");
}

#[test]
fn an_operation_without_responses_answers_the_bytes_that_came() {
    let op = operations::DeleteDroplet::new(7);
    let response = http::Response::builder().status(200).body(b"{\"gone\":true}".to_vec()).expect("a response");
    let output: Vec<u8> = operations::DeleteDroplet::from_http(response).expect("read");
    let _ = op;
    assert_eq!(output, b"{\"gone\":true}");
}

#[test]
fn a_properties_map_given_by_reference_types_its_members() {
    let text = r#"{"name":"lb","droplet_ids":[1,null],"weights":{"a":0.50,"b":null}}"#;
    let lb: models::LoadBalancer = serde_json::from_str(text).expect("a load balancer");
    assert_eq!(lb.droplet_ids, Some(vec![Some(1), None]));
    assert_eq!(serde_json::to_string(&lb).expect("writes"), text);
    let action: models::Action = serde_json::from_str(r#"{"notes":["a",null]}"#).expect("an action");
    assert_eq!(action.notes, Some(vec![Some("a".to_owned()), None]));
}
