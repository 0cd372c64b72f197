//! Spec prose to rustdoc that renders as text: no doctests, no broken links, no HTML.

use crate::ir::Docs;
use proc_macro2::TokenStream;
use quote::quote;

/// The doc lines inside rendered items, kept apart from their tokens.
///
/// syn reads a `#[doc = "…"]` literal three times over (a look ahead, the literal, its
/// value for prettyplease), character by character: for the whole of Graph, where fields,
/// setters and request builders are documented inside their items, that was about a
/// tenth of the time. Each line prettyplease prints as `///…` is therefore kept here and
/// stands in the tokens as a marker (`\u{1}` and its number); [`DocLines::restore`] puts
/// the lines back into the formatted text. prettyplease ends every such comment with a
/// hard break, so the length of its text changes no other line: the output is the same
/// (the whole of Graph's, byte for byte). A line it prints otherwise (holding a line
/// break, or starting with `/`) goes into the tokens as it is. The marker's character is
/// a control character, which [`clean`] never leaves in prose and [`quoted`] never leaves
/// in a value; one in any other line becomes a space, as in prose.
#[derive(Debug, Default)]
pub struct DocLines(std::cell::RefCell<Vec<String>>);

/// Starts a doc line's marker (a control character: never in a cleaned doc line).
const MARKER: char = '\u{1}';

impl DocLines {
    /// `#[doc = …]` attributes for `lines` (each with its leading space).
    pub fn attrs(&self, lines: &[String]) -> TokenStream {
        let docs = lines.iter().map(|line| {
            // The last guard: no line reaches a comment with a control character (the
            // marker's among them) other than a line break, which takes the long way.
            let line: String =
                line.chars().map(|c| if c != '\n' && is_break_or_control(c) { ' ' } else { c }).collect();
            if line.contains('\n') || line.starts_with('/') {
                return line;
            }
            let mut kept = self.0.borrow_mut();
            kept.push(line);
            format!("{MARKER}{}", kept.len() - 1)
        });
        quote! { #(#[doc = #docs])* }
    }

    /// The formatted `text` with every marker replaced by its line, trailing spaces trimmed
    /// as prettyplease trims them.
    pub fn restore(&self, text: String) -> Result<String, String> {
        if !text.contains(MARKER) {
            return Ok(text);
        }
        let kept = self.0.borrow();
        let mut out = String::with_capacity(text.len() + kept.iter().map(String::len).sum::<usize>());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(MARKER) {
            out.push_str(rest.get(..at).unwrap_or_default());
            let after = rest.get(at + MARKER.len_utf8()..).unwrap_or_default();
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let line = after
                .get(..digits)
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| kept.get(n))
                .ok_or("internal error: a doc line's marker has no line")?;
            out.push_str(line.trim_end_matches(' '));
            rest = after.get(digits..).unwrap_or_default();
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// The documentation lines, each with a leading space as `///` comments have.
pub fn lines(docs: &Docs) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = docs.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        paragraphs.push(clean(s));
    }
    if let Some(d) = docs.description.as_deref().filter(|d| !d.trim().is_empty()) {
        let d = clean(d);
        if !paragraphs.contains(&d) {
            paragraphs.push(d);
        }
    }
    for note in &docs.notes {
        // Our own words, but they quote names from the spec, which may hold anything.
        paragraphs.push(note.chars().map(|c| if c != '\n' && is_break_or_control(c) { ' ' } else { c }).collect());
    }
    if let Some(url) = &docs.external_url {
        if url.starts_with("http://") || url.starts_with("https://") {
            paragraphs.push(format!("Documentation: <{}>", url.replace(['<', '>', ' '], "")));
        }
    }
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        for line in p.lines() {
            out.push(format!(" {line}"));
        }
    }
    out
}

/// Makes free text safe for rustdoc: no indented code blocks or fences (they would be
/// compiled as doctests), no intra-doc links, no HTML tags, bare URLs wrapped, and no
/// control characters (a NUL or a bell in a source file helps nobody; line and paragraph
/// separators become line breaks).
pub fn clean(text: &str) -> String {
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
            '\n' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim().replace("```", "'''");
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            push_word(&mut out, word);
        }
    }
    out.trim().to_owned()
}

fn push_word(out: &mut String, word: &str) {
    if word.starts_with("http://") || word.starts_with("https://") {
        let end = word.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"', ']']);
        let url: String = end.chars().filter(|c| !matches!(c, '<' | '>' | '[' | ']' | '`')).collect();
        out.push('<');
        out.push_str(&url);
        out.push('>');
        escape_into(out, word.get(end.len()..).unwrap_or(""));
        return;
    }
    escape_into(out, word);
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
}

/// A value of the spec quoted in a doc line (an enum's wire value, a path): control
/// characters and line separators are written as Rust escapes (`\r`, `\n`, `\u{7}`), so
/// the line stays one line, rustc never meets a bare CR in a comment, and the value
/// reads as it is on the wire.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_break_or_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters no doc line may hold as they are: control characters (a CR, a NUL, …) and
/// Unicode's line and paragraph separators.
pub fn is_break_or_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// [`clean`] text on one line (a title in a sentence).
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_kept_apart_print_as_the_attributes_would() {
        let lines: Vec<String> = [
            " A field.",
            "",
            " Trailing spaces   ",
            "/starts with a slash",
            " two\nlines",
            " two\n\u{1}0 lines",
            " a very long line that goes on and on and on and on and on and on and on and on and on and on and on",
            " \u{1}0 looks like a marker",
        ]
        .map(str::to_owned)
        .to_vec();
        let kept = DocLines::default();
        let attrs = kept.attrs(&lines);
        let item = |attrs: TokenStream| {
            quote! {
                pub struct S {
                    #attrs
                    pub field_with_a_long_name: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
                }
            }
        };
        let fast = kept.restore(super::super::format::format_items(item(attrs), "test").unwrap_or_default());
        // The marker's character becomes a space, as `clean` makes it in prose.
        let cleaned: Vec<String> = lines.iter().map(|l| l.replace('\u{1}', " ")).collect();
        let slow = super::super::format::format_items(item(quote!(#(#[doc = #cleaned])*)), "test");
        assert_eq!(fast, slow);
        assert!(DocLines::default().restore("/// \u{1}7\n".to_owned()).is_err());
    }

    #[test]
    fn prose_is_neutralised() {
        assert_eq!(clean("    let x = 1;\n```rust\nfoo()\n```"), "let x = 1;\n'''rust\nfoo()\n'''");
        assert_eq!(clean("a\u{0}b\u{7}c\r\nd\re\u{2028}f"), "a b c\nd\ne\nf");
        assert_eq!(one_line("Title\n  with */ lines"), "Title with */ lines");
        assert_eq!(
            clean("See [Deprecated] <br> https://aka.ms/x."),
            "See \\[Deprecated\\] &lt;br&gt; <https://aka.ms/x>."
        );
    }
}
