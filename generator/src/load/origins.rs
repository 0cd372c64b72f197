//! Where each place of a bundled document came from: the file and place a copied part
//! was read at, and the places that moved when the document was read into the one model.

use crate::diag::Diagnostic;
use std::collections::BTreeSet;

/// Places of the bundled document that came from other files, and places that moved when
/// the document was read into the one model ([`crate::load::normalize`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    /// (pointer in the bundled document, file, pointer in that file), one per copied part.
    parts: Vec<(String, String, String)>,
    /// The pointers `parts` has an entry for.
    known: BTreeSet<String>,
    /// (new place, old place) in the same document, in the order they moved.
    moves: Vec<(String, String)>,
}

impl Origins {
    /// Records that `at` in the bundled document came from `origin` in `file`, unless
    /// where `at` came from is known already.
    pub fn add(&mut self, at: &str, file: &str, origin: &str) {
        if self.known.insert(at.to_owned()) {
            self.parts.push((at.to_owned(), file.to_owned(), origin.to_owned()));
        }
    }

    /// Records a part copied while bundling (a later copy to the same place wins).
    pub(super) fn push(&mut self, at: String, file: String, origin: String) {
        self.known.insert(at.clone());
        self.parts.push((at, file, origin));
    }

    /// Adds another document's origins (another module's, when modules are merged).
    pub fn extend(&mut self, other: Origins) {
        for (at, file, origin) in other.parts {
            self.add(&at, &file, &origin);
        }
        self.moves.extend(other.moves);
    }

    /// Records that what is now at `new` was at `old` in the same document (reading a
    /// version into the one model moved it).
    pub fn moved(&mut self, new: &str, old: &str) {
        self.moves.push((new.to_owned(), old.to_owned()));
    }

    /// Turns the moves into parts of `file` (a module's, before modules are merged: their
    /// places must not be moved by another module's moves), each pointing where its old
    /// place came from.
    pub fn settle(&mut self, file: &str) {
        for (new, old) in std::mem::take(&mut self.moves) {
            let mut origin = Diagnostic {
                severity: crate::diag::Severity::Warning,
                file: None,
                pointer: old,
                message: String::new(),
                hint: None,
                liberal: false,
            };
            self.relocate(&mut origin);
            let file = origin.file.unwrap_or_else(|| file.to_owned());
            self.push(new, file, origin.pointer);
        }
    }

    /// Points a diagnostic about the bundled document at the file and place its subject
    /// came from (unchanged when it is about the root file's own content): first back
    /// through the moves, latest first, then to the file a part was copied from.
    pub fn relocate(&self, diagnostic: &mut Diagnostic) {
        if diagnostic.file.is_some() {
            return;
        }
        for (new, old) in self.moves.iter().rev() {
            let moved = diagnostic
                .pointer
                .strip_prefix(new.as_str())
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
                .map(|rest| format!("{old}{rest}"));
            if let Some(pointer) = moved {
                diagnostic.pointer = pointer;
            }
        }
        let pointer = diagnostic.pointer.as_str();
        let best = self
            .parts
            .iter()
            .filter(|(prefix, _, _)| {
                pointer.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|(prefix, _, _)| prefix.len());
        if let Some((prefix, file, origin)) = best {
            let rest = diagnostic.pointer.get(prefix.len()..).unwrap_or_default();
            diagnostic.pointer = format!("{origin}{rest}");
            diagnostic.file = Some(file.clone());
        }
    }
}
