//! Spec prose to rustdoc that renders as text: no doctests, no broken links, no HTML.

use crate::ir::Docs;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = …]` attributes for `docs`.
pub fn attrs(docs: &Docs) -> TokenStream {
    let lines = lines(docs);
    quote! { #(#[doc = #lines])* }
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
        paragraphs.push(note.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect());
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

/// [`clean`] text on one line (a title in a sentence).
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
