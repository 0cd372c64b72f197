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
    /// A document read liberally where its intent is clear (a path parameter it forgot to
    /// declare, a `$ref` where only a value is allowed): a warning, and an error with
    /// `--strict` ([`strict`]).
    pub liberal: bool,
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

    /// Records that the document was read liberally at `pointer` (what it says and how it
    /// was read): a warning, which `--strict` makes an error.
    pub fn liberal(&mut self, pointer: &Pointer, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = self.push(Severity::Warning, pointer, message.into());
        diagnostic.liberal = true;
        diagnostic
    }

    fn push(&mut self, severity: Severity, pointer: &Pointer, message: String) -> &mut Diagnostic {
        let file = self.file.clone();
        let message = one_line(&message);
        self.items.push(Diagnostic {
            severity,
            file,
            pointer: pointer.to_string(),
            message,
            hint: None,
            liberal: false,
        });
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

/// How many characters of a message's start, and of its end, are kept when it is longer.
const HEAD: usize = 160;
const TAIL: usize = 60;

/// A message of one line: one that quotes a long value (a problem about a 10 KB
/// description names it, it does not repeat it) keeps its start, up to the first line
/// break and at most `HEAD` characters, and the last `TAIL` characters of its last
/// line (where a parser says what it expected), with `…` for what was left out.
pub fn one_line(message: &str) -> String {
    let message = message.trim_end();
    let first = message.lines().next().unwrap_or_default();
    if first.len() == message.len() && first.chars().count() <= HEAD + TAIL {
        return message.to_owned();
    }
    let head: String = first.chars().take(HEAD).collect();
    let last = message.lines().last().unwrap_or_default();
    let count = last.chars().count();
    let tail: String = if std::ptr::eq(last, first) && count <= HEAD {
        String::new()
    } else {
        last.chars().skip(count.saturating_sub(TAIL)).collect()
    };
    format!("{head}…{tail}")
}

/// With `--strict`: every liberal reading becomes the error it would be without it; `Err`
/// when there was one.
pub fn strict(warnings: Vec<Diagnostic>) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    if !warnings.iter().any(|d| d.liberal) {
        return Ok(warnings);
    }
    Err(warnings
        .into_iter()
        .map(|mut d| {
            if d.liberal {
                d.severity = Severity::Error;
                d.hint.get_or_insert_with(|| "read so without `--strict`".to_owned());
            }
            d
        })
        .collect())
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
    fn a_message_quotes_at_most_a_line_of_a_value() {
        let long = "word ".repeat(2000);
        let message = one_line(&format!("invalid type: string \"{long}\", expected a map at line 3"));
        assert!(message.chars().count() <= HEAD + TAIL + 1, "{message}");
        assert!(message.starts_with("invalid type: string \"word word"), "{message}");
        assert!(message.ends_with("expected a map at line 3"), "{message}");
        let message = one_line("`description` is `first line\nsecond\nthird`, expected a string");
        assert_eq!(message, "`description` is `first line…third`, expected a string");
        assert_eq!(one_line("short"), "short");
    }

    #[test]
    fn strict_makes_every_liberal_reading_an_error() {
        let mut d = Diagnostics::new();
        d.warning(&Pointer::root(), "plain");
        assert_eq!(strict(d.into_items()).map(|w| w.len()), Ok(1));
        let mut d = Diagnostics::new();
        d.liberal(&Pointer::root(), "read so");
        d.warning(&Pointer::root(), "plain");
        let errors = strict(d.into_items()).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.severity).collect::<Vec<_>>(), [Severity::Error, Severity::Warning]);
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
