//! Diagnostics: every problem of a stage, each with the place in the spec it concerns.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation went on; the output is usable but less typed than it could be.
    Warning,
    /// Generation stops at the end of the stage.
    Error,
}

/// One problem, located by a file and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file it concerns, when that is not the main document (an overlay, a config,
    /// a file a `$ref` reached); `None` for the document being generated.
    pub file: Option<String>,
    /// Where: a JSON pointer such as `#/paths/~1jobs/post/requestBody`.
    pub pointer: String,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.pointer, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Collects the diagnostics of one stage.
///
/// A stage pushes every problem it finds and keeps going; [`Diagnostics::checkpoint`]
/// then ends the run if any of them is an error, so a user sees all mistakes at once
/// and invalid data never reaches the next stage.
#[derive(Debug, Default)]
#[must_use = "a stage's diagnostics must reach a checkpoint"]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    file: Option<String>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// An empty collector whose diagnostics concern `file` (not the main document).
    pub fn for_file(file: impl Into<String>) -> Self {
        Diagnostics { items: Vec::new(), file: Some(file.into()) }
    }

    /// Records an error at `pointer`.
    pub fn error(&mut self, pointer: &Pointer, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, pointer, message.into())
    }

    /// Records a warning at `pointer`.
    pub fn warning(&mut self, pointer: &Pointer, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Warning, pointer, message.into())
    }

    fn push(&mut self, severity: Severity, pointer: &Pointer, message: String) -> &mut Diagnostic {
        let file = self.file.clone();
        self.items.push(Diagnostic { severity, file, pointer: pointer.to_string(), message, hint: None });
        match self.items.last_mut() {
            Some(last) => last,
            None => unreachable!("an item was pushed on the line above"),
        }
    }

    /// Everything recorded, errors and warnings alike.
    pub fn into_items(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Ends the stage: `Err` with everything recorded if there is an error, otherwise
    /// the warnings, which travel on with the result.
    pub fn checkpoint(self) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        if self.has_errors() {
            Err(self.items)
        } else {
            Ok(self.items)
        }
    }

    /// Takes over diagnostics from an earlier stage.
    pub fn extend(&mut self, items: Vec<Diagnostic>) {
        self.items.extend(items);
    }
}

impl Diagnostic {
    /// The diagnostic as a report line, `file: level: pointer: message`, naming its own
    /// file or, for the main document, `main_file`.
    pub fn report(&self, main_file: &str) -> String {
        format!("{}: {self}", self.file.as_deref().unwrap_or(main_file))
    }

    /// Adds a hint to a diagnostic just recorded.
    pub fn hint(&mut self, hint: impl Into<String>) {
        self.hint = Some(hint.into());
    }
}

/// A JSON pointer into the document, built segment by segment (RFC 6901 escaping).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pointer {
    text: String,
}

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer { text: "#".to_owned() }
    }

    /// A pointer taken from a `$ref` such as `#/components/schemas/x`.
    pub fn from_ref(reference: &str) -> Self {
        Pointer { text: reference.to_owned() }
    }

    /// This pointer with one more segment (escaped: `~` → `~0`, `/` → `~1`).
    pub fn join(&self, segment: &str) -> Self {
        let mut text = String::with_capacity(self.text.len() + segment.len() + 1);
        text.push_str(&self.text);
        text.push('/');
        for c in segment.chars() {
            match c {
                '~' => text.push_str("~0"),
                '/' => text.push_str("~1"),
                c => text.push(c),
            }
        }
        Pointer { text }
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let p = Pointer::root().join("paths").join("/jobs/{id}").join("a~b");
        assert_eq!(p.as_str(), "#/paths/~1jobs~1{id}/a~0b");
    }

    #[test]
    fn checkpoint_fails_only_on_errors() {
        let mut d = Diagnostics::new();
        d.warning(&Pointer::root(), "w");
        assert_eq!(d.checkpoint().map(|w| w.len()), Ok(1));
        let mut d = Diagnostics::new();
        d.error(&Pointer::root(), "e").hint("h");
        let all = d.checkpoint().unwrap_err();
        assert_eq!(all[0].to_string(), "error: #: e\n  hint: h");
    }
}
