//! The OpenAPI Initiative's 3.1 example with examples (`../shared/openapi-versions/v3.1/
//! tictactoe.yaml`, read where CI has it, beside the checkout): its examples read into their
//! models and write back as written. Without it, a test of `values.rs` fails.

#![cfg(shared_examples)]
// The crate's items are a library's; a test binary that uses a few of them would call
// the rest dead.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/tictactoe.rs"));
// One call of every operation through the client into the fake and back.
include!(concat!(env!("OUT_DIR"), "/tictactoe_round_trip.rs"));
include!(concat!(env!("OUT_DIR"), "/tictactoe_examples.rs"));

#[test]
fn every_example_round_trips_as_written() {
    let checked = versions::examples_round_trip(EXAMPLES).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(checked >= 1);
}
