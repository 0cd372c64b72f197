//! Runtime support for generated crates.
//!
//! Every file in this folder is a module of the `runtime` module that the generator
//! writes into each crate it produces (`crate::runtime::…`), so the files refer to one
//! another only through `super::` and to dependencies only through `::crate_name`
//! paths. Compiling them here, as an ordinary crate, is what keeps them honest: the
//! tests beside each file run in this workspace, and the generator embeds the very
//! same text with `include_str!`.

pub mod answer;
#[cfg(feature = "azure-identity")]
pub mod azure;
pub mod batch;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod cli_json;
#[cfg(feature = "cli")]
pub mod cli_sign_in;
#[cfg(feature = "client")]
pub mod client;
pub mod cloud;
pub mod duration;
pub mod error;
#[cfg(feature = "fake")]
pub mod fake;
#[cfg(feature = "fake")]
pub mod fake_query;
pub mod flags;
pub mod form;
pub mod json;
pub mod members;
#[cfg(feature = "testing")]
pub mod mock_rules;
pub mod multipart;
pub mod number;
pub mod operation;
#[cfg(feature = "client")]
pub mod pages;
pub mod paths;
pub mod query;
#[cfg(feature = "client")]
pub mod raw;
pub mod raw_text;
pub mod rest;
#[cfg(feature = "client")]
pub mod retry;
pub mod sequence;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "server")]
pub mod server_answer;
#[cfg(feature = "server")]
pub mod server_form;
#[cfg(feature = "server")]
pub mod server_http;
#[cfg(feature = "server")]
pub mod server_text;
#[cfg(feature = "client")]
pub mod streaming;
#[cfg(feature = "testing")]
pub mod testing;
pub mod time;
#[cfg(feature = "client")]
pub mod token_cache;
#[cfg(feature = "client")]
pub mod transport;
#[cfg(feature = "client")]
pub mod wait;
pub mod webhook;
pub mod wire_enum;

pub use answer::{Accepted, WithHeaders};
#[cfg(feature = "azure-identity")]
pub use azure::AzureIdentity;
pub use batch::{Batch, BatchResponse, Step};
#[cfg(feature = "client")]
pub use client::{Client, ClientBuilder, TokenProvider};
pub use cloud::{Cloud, CloudAvailability};
pub use duration::IsoDuration;
pub use error::{Error, ODataError, Result, StepFailure};
pub use flags::Flags;
pub use number::{BigInt, Number};
pub use operation::{HttpRequest, HttpResponse, Operation, Pageable, Permissions, Privileges, Sendable};
#[cfg(feature = "client")]
pub use pages::Pages;
#[cfg(feature = "client")]
pub use paths::Bound;
pub use paths::{Context, Unbound};
pub use query::QueryOptions;
#[cfg(feature = "client")]
pub use retry::RetryPolicy;
pub use sequence::Sequential;
#[cfg(feature = "testing")]
pub use testing::{Mock, MockError};
pub use time::{AsWritten, Date, TextValue, Timestamp};
#[cfg(feature = "client")]
pub use transport::Transport;
#[cfg(feature = "client")]
pub use wait::{Wait, WaitError};
pub use webhook::Webhook;
pub use wire_enum::WireEnum;

#[cfg(feature = "sources")]
pub mod sources {
    //! This runtime as the generator splices it into every crate it writes: the text of
    //! each file, the dependencies and the features (`build.rs` reads each from its one
    //! place). Not part of any generated crate.

    /// A dependency of the runtime, and so of every generated crate.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Dependency {
        /// The crate.
        pub name: &'static str,
        /// Its version requirement.
        pub version: &'static str,
        /// Whether its default features stay on.
        pub default_features: bool,
        /// The features the runtime needs.
        pub features: &'static [&'static str],
        /// Whether only a feature of the runtime needs it.
        pub optional: bool,
        /// The comment lines written above it.
        pub comment: &'static [&'static str],
    }

    include!(concat!(env!("OUT_DIR"), "/sources.rs"));
}

#[cfg(test)]
/// The path generated code uses for the runtime (`crate::runtime`), so that code written
/// for generated crates, such as `json::lossless_struct!`, is tested here unchanged.
mod runtime {
    pub use super::*;
}
