//! Typed requests and models for the Microsoft Graph synchronization API (v1.0),
//! generated at build time from `specs/synchronization.v1.0.yaml`.
//!
//! Every operation is a type in [`operations`] that implements [`Operation`]: it
//! builds an `http::Request` and decodes the `http::Response`, so it works with any
//! HTTP client. Models live in [`models`]; they keep properties they do not know,
//! so a read-modify-write round trip loses nothing.

include!(concat!(env!("OUT_DIR"), "/synchronization_v1_0.rs"));
