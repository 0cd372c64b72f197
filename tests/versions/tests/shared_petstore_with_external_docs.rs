//! The OpenAPI Initiative's `v2.0/petstore-with-external-docs.yaml` (`../shared/openapi-versions`, beside the checkout):
//! one call of every operation through the client into the crate's fake and back.

#![cfg(shared_examples)]
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/shared_petstore_with_external_docs.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_petstore_with_external_docs_round_trip.rs"));
