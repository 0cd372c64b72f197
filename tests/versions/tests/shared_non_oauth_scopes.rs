//! The OpenAPI Initiative's `v3.1/non-oauth-scopes.yaml` (`../shared/openapi-versions`, beside the checkout):
//! one call of every operation through the client into the crate's fake and back.

#![cfg(shared_examples)]
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/shared_non_oauth_scopes.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_non_oauth_scopes_round_trip.rs"));
