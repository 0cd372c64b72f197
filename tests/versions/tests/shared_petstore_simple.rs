//! The OpenAPI Initiative's `v2.0/petstore-simple.yaml` (`../shared/openapi-versions`, beside the checkout):
//! one call of every operation through the client into the crate's fake and back.

#![cfg(shared_examples)]
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/shared_petstore_simple.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_petstore_simple_round_trip.rs"));
