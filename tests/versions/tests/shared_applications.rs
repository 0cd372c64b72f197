//! Microsoft Graph's Applications module as published (`../shared/graph-openapi/
//! applications.v1.0.yaml`, beside the checkout): one call of every operation through the
//! client into the crate's fake and back.

#![cfg(shared_examples)]
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/shared_applications.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_applications_round_trip.rs"));
