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

#[doc = include_str!("../server.md")]
mod server_chapter {}

#[doc = include_str!("../lifecycle.md")]
mod lifecycle_chapter {}

#[doc = include_str!("../command-line.md")]
mod command_line_chapter {}

#[doc = include_str!("../versions.md")]
mod versions_chapter {}

#[doc = include_str!("../values.md")]
mod values_chapter {}

#[doc = include_str!("../streams.md")]
mod streams_chapter {}

#[doc = include_str!("../unseen-documents.md")]
mod unseen_documents_chapter {}

#[doc = include_str!("../whole-of-graph.md")]
mod whole_of_graph_chapter {}

#[doc = include_str!("../how-it-works.md")]
mod how_it_works_chapter {}

#[doc = include_str!("../peers.md")]
mod peers_chapter {}

#[cfg(test)]
mod tests {
    /// Every page of the guide is a module above, so none of its examples escapes compiling.
    #[test]
    fn every_page_of_the_guide_is_compiled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).expect("lib.rs");
        let mut pages: Vec<String> = std::fs::read_dir(dir)
            .expect("docs/")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".md"))
            .collect();
        pages.sort();
        assert!(pages.len() >= 10, "{pages:?}");
        for page in pages {
            assert!(lib.contains(&format!("include_str!(\"../{page}\")")), "docs/{page} is not compiled: add it here");
        }
    }
}
