//! wiretype: typed Rust from OpenAPI descriptions (Swagger 2.0, OpenAPI 3.0, 3.1 and 3.2).
//!
//! Three ways in, the same code from each: the `wiretype` command line ([`command`],
//! feature `cli`), a build script ([`build::Build`]) and the `wiretype_macro::generate!`
//! macro ([`expand`]). Code from a build script or the macro needs the dependencies and
//! features [`build::manifest::needed`] lists (`wiretype deps` prints them).
//!
//! The pipeline ([`pipeline`]) has four stages, each ending at a checkpoint that stops the
//! run if the stage found any error (all of them reported at once, each with its file and
//! JSON pointer): [`load`] (text to document, [`load::overlay`]s applied) → [`validate`] →
//! [`lower`] to the [`ir`] → [`emit`]. This file is the public front only.

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::todo, clippy::indexing_slicing)
)]

pub mod build;
#[cfg(feature = "cli")]
pub mod command;
pub mod config;
pub mod diag;
pub mod emit;
pub mod expand;
pub mod extensions;
pub mod facts;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod pipeline;
pub mod resolve;
pub mod runtime;
pub mod slice;
pub mod validate;
pub mod walk;

pub use emit::render::{render, RenderTimings};
pub use pipeline::{
    generate, generate_file, generate_files, generate_with, overlaid, overlaid_file, overlaid_files, Generated, Timings,
};
