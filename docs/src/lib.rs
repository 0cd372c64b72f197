//! The README and every chapter of the guide in `docs/`, each the documentation of a
//! module of its own: `cargo test -p docs` compiles every Rust block in them (and runs
//! those not marked `no_run`), so no example can rot. Blocks in other languages (`sh`,
//! `toml`, `text`) are not compiled.

#[doc = include_str!("../../README.md")]
mod readme {}

#[doc = include_str!("../graph-sync.md")]
mod graph_sync_chapter {}

#[doc = include_str!("../client.md")]
mod client_chapter {}

#[doc = include_str!("../generator.md")]
mod generator_chapter {}

#[doc = include_str!("../facts-and-overlays.md")]
mod facts_and_overlays_chapter {}

#[doc = include_str!("../testing.md")]
mod testing_chapter {}

#[doc = include_str!("../lifecycle.md")]
mod lifecycle_chapter {}

#[doc = include_str!("../command-line.md")]
mod command_line_chapter {}

#[doc = include_str!("../versions.md")]
mod versions_chapter {}

#[doc = include_str!("../unseen-documents.md")]
mod unseen_documents_chapter {}

#[doc = include_str!("../whole-of-graph.md")]
mod whole_of_graph_chapter {}

#[doc = include_str!("../how-it-works.md")]
mod how_it_works_chapter {}

#[doc = include_str!("../peers.md")]
mod peers_chapter {}
