//! The OpenAPI Initiative's `v3.1/webhook-example.yaml` (`../shared/openapi-versions`, beside the checkout):
//! one call of every operation through the client into the crate's fake and back.

#![cfg(shared_examples)]
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/shared_webhook_example.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_webhook_example_round_trip.rs"));
