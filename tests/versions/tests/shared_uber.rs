//! The OpenAPI Initiative's `v2.0/uber.yaml` (`../shared/openapi-versions`, beside the checkout):
//! one call of every operation through the client into the crate's fake and back.

#![cfg(shared_examples)]
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/shared_uber.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_uber_round_trip.rs"));
