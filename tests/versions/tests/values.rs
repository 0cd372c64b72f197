//! Every value as it came (`tests/specs/values.yaml`): an answer read into its model and
//! written back is the answer received, number for number; integers take the width their
//! bounds need; `null` is read wherever a type allows it.

// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/values.rs"));
// One call of every operation through the client into the fake and back.
include!(concat!(env!("OUT_DIR"), "/values_round_trip.rs"));
include!(concat!(env!("OUT_DIR"), "/values_examples.rs"));

/// A reading with every construct, as a service might write it.
const ANSWER: &str = r#"{"value":1.50,"ratio":1,"counter":10000000000000000000,"wide":-9223372036854775809,"big":18446744073709551616,"huge":-123456789012345678901234567890123456789012,"point":[1,2.0,null],"samples":[1,null,3],"optional_samples":[null,7],"labels":{"a":"x","b":null},"extra":123456789012345678901234567890,"also":[1E+3,0.10]}"#;

#[test]
fn an_answer_read_and_written_back_is_the_answer_received() {
    let reading: models::Reading = serde_json::from_str(ANSWER).expect("a reading");
    assert_eq!(serde_json::to_string(&reading).expect("writes"), ANSWER);
}

#[test]
fn integers_take_the_width_their_bounds_need() {
    let reading: models::Reading = serde_json::from_str(ANSWER).expect("a reading");
    let counter: Option<u64> = reading.counter;
    assert_eq!(counter, Some(10_000_000_000_000_000_000));
    let wide: Option<i128> = reading.wide;
    assert_eq!(wide, Some(-9_223_372_036_854_775_809));
    let big: Option<u128> = reading.big;
    assert_eq!(big, Some(18_446_744_073_709_551_616));
    let huge: Option<runtime::BigInt> = reading.huge.clone();
    assert_eq!(huge.map(|h| h.to_string()).as_deref(), Some("-123456789012345678901234567890123456789012"));
}

#[test]
fn null_is_read_in_tuples_lists_and_maps() {
    let reading: models::Reading = serde_json::from_str(ANSWER).expect("a reading");
    let (x, y, label) = reading.point.clone().expect("a point");
    assert_eq!((x.get(), y.get(), label), (1.0, 2.0, None));
    assert_eq!(reading.samples, Some(vec![Some(1), None, Some(3)]));
    assert_eq!(reading.optional_samples, Some(vec![None, Some(7)]));
    let labels = reading.labels.clone().expect("labels");
    assert_eq!((labels.get("a"), labels.get("b")), (Some(&Some("x".to_owned())), Some(&None)));
}

#[test]
fn numbers_keep_their_text_and_numbers_set_in_code_are_written_as_rust_writes_them() {
    let mut reading: models::Reading = serde_json::from_str(ANSWER).expect("a reading");
    let value = reading.value.clone().expect("a value");
    assert_eq!((value.get(), value.text().as_deref()), (1.5, Some("1.50")));
    reading.value = Some(runtime::Number::new(2.0));
    reading.ratio = Some(0.25f32.into());
    // (Written as text: a `serde_json::Value` holds no integer past 64 bits.)
    let text = serde_json::to_string(&reading).expect("writes");
    assert!(text.starts_with(r#"{"value":2.0,"ratio":0.25,"#), "{text}");
    // An unknown member keeps its text while it is unchanged, and is written anew once changed.
    assert!(text.contains(r#""extra":123456789012345678901234567890"#), "{text}");
    reading.additional_properties.insert("extra".to_owned(), serde_json::json!(1));
    let text = serde_json::to_string(&reading).expect("writes");
    assert!(text.contains(r#""extra":1,"#), "{text}");
}

#[test]
fn a_value_of_the_wrong_type_is_refused_with_its_place() {
    for (text, expected) in
        [(r#"{"value":"1"}"#, "a number"), (r#"{"huge":1.5}"#, "an integer"), (r#"{"big":-1}"#, "out of range")]
    {
        let error = serde_json::from_str::<models::Reading>(text).expect_err(text).to_string();
        assert!(error.contains(expected), "{text}: {error}");
    }
}

/// Every example the document gives for a model reads into it and writes back with every
/// number and string as it came.
#[test]
fn every_example_round_trips_as_written() {
    let checked = versions::examples_round_trip(EXAMPLES).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(checked >= 1);
}

/// The OpenAPI Initiative's examples are read from `../shared`, beside the checkout (CI has
/// them): without them `tests/tictactoe.rs` compiles to nothing, and this says so.
#[cfg(not(shared_examples))]
#[test]
fn the_shared_documents_are_beside_the_checkout() {
    panic!("../shared/openapi-versions is not beside the checkout: the OpenAPI Initiative's examples were not tested");
}
