//! A fast reader for YAML as OpenAPI tools write it: block mappings and sequences, one
//! scalar per line. serde_yaml stays the reference: this reader gives up (`None`) on
//! anything outside that subset, and the caller reads the text again with serde_yaml,
//! which then decides (and reports every error). What it accepts it reads exactly as
//! serde_yaml would, plain scalars resolved by serde_yaml's own rules.
//!
//! Why: Graph's 38 modules are 36 MB of YAML; libyaml through serde_yaml reads them at
//! about 20 MB/s, most of a whole-Graph run's loading. They use nothing beyond this
//! subset (measured: no multi-line, block or flow scalar but `{ }` and `[ ]`, no anchor,
//! tag or comment).
//!
//! The subset, line by line (`indent` is the count of leading spaces):
//! - `key: value`, `key:` (a nested block follows, or null), keys plain or quoted;
//! - `- value`, `-` (a nested block follows, or null), `- key: value` (a mapping whose
//!   first entry shares the item's line); a sequence may sit at its key's indentation;
//! - values: plain, single- or double-quoted scalars that end on their line, `{ }`, `[ ]`;
//! - blank lines and whole-line comments.
//!
//! It gives up on: tabs, carriage returns and other control characters, a byte-order
//! mark, directives and document markers, anchors, aliases, tags, flow collections with
//! content, block scalars (`|`, `>`), scalars continued on the next line, `?` keys, merge
//! keys, comments after content, keys longer than libyaml allows, duplicate keys (so that
//! serde_yaml's reading reports them) and nesting deeper than `MAX_DEPTH` (100). Its state
//! is an explicit stack, so no document can make it recurse.

use serde_json::{Map, Value};

/// Deeper than this, give up (serde_yaml's own recursion limit is 128, past which it
/// reports an error; giving up first leaves that error to it).
const MAX_DEPTH: usize = 100;

/// libyaml refuses implicit keys longer than 1024 characters; a key this long in bytes
/// may be fewer characters, so give up earlier and let serde_yaml decide.
const MAX_KEY_BYTES: usize = 1000;

/// The document, or `None` when it is outside the subset (or not valid YAML).
pub fn read(text: &str) -> Option<Value> {
    if !printable(text) {
        return None;
    }
    let mut reader = Reader::default();
    for line in text.split('\n') {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent == 0 && (content.starts_with("---") || content.starts_with("...") || content.starts_with('%')) {
            return None;
        }
        reader.line(indent, content.trim_end_matches(' '))?;
    }
    reader.finish()
}

/// Whether every character is one this reader handles: printable, no tab or carriage
/// return (the reader splits on `\n` and counts spaces), no byte-order mark.
fn printable(text: &str) -> bool {
    if text.is_ascii() {
        return text.bytes().all(|b| b == b'\n' || (b' '..=b'~').contains(&b));
    }
    text.chars().all(|c| {
        c == '\n'
            || (' '..='~').contains(&c)
            || c == '\u{85}'
            || ('\u{a0}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}'
            || c >= '\u{10000}'
    })
}

/// An open collection: its indentation and what it holds so far.
///
/// A mapping's entries and a sequence's items are gathered in vectors the reader reuses,
/// and the finished collection is allocated once, at its size: growing each of a
/// document's maps by doubling was most of the reading (every growth a copy into fresh
/// memory), and its slack a quarter of the tree.
enum Open {
    /// A mapping; `pending` is a key whose value is the block that follows (or null).
    /// Duplicate keys are found when it closes.
    Map { indent: usize, entries: Vec<(String, Value)>, pending: Option<String> },
    /// A sequence; `pending` is an item (`-` alone) whose value is the block that follows.
    Seq { indent: usize, items: Vec<Value>, pending: bool },
}

impl Open {
    fn indent(&self) -> usize {
        match self {
            Open::Map { indent, .. } | Open::Seq { indent, .. } => *indent,
        }
    }

    /// Whether a nested block may open below it.
    fn awaits_block(&self) -> bool {
        match self {
            Open::Map { pending, .. } => pending.is_some(),
            Open::Seq { pending, .. } => *pending,
        }
    }
}

#[derive(Default)]
struct Reader {
    stack: Vec<Open>,
    root: Option<Value>,
    /// Emptied entry vectors of closed mappings, to reuse.
    spare_entries: Vec<Vec<(String, Value)>>,
    /// Emptied item vectors of closed sequences, to reuse.
    spare_items: Vec<Vec<Value>>,
}

impl Reader {
    /// The finished value of a collection (a pending key or item without a block below it
    /// is null); `None` for a mapping with a key twice.
    fn close(&mut self, open: Open) -> Option<Value> {
        match open {
            Open::Map { mut entries, pending, .. } => {
                if let Some(key) = pending {
                    entries.push((key, Value::Null));
                }
                let mut map = Map::with_capacity(entries.len());
                for (key, value) in entries.drain(..) {
                    if map.insert(key, value).is_some() {
                        return None;
                    }
                }
                self.spare_entries.push(entries);
                Some(Value::Object(map))
            }
            Open::Seq { mut items, pending, .. } => {
                if pending {
                    items.push(Value::Null);
                }
                // At its size; `items` keeps its buffer for the next sequence.
                let mut array = Vec::with_capacity(items.len());
                array.append(&mut items);
                self.spare_items.push(items);
                Some(Value::Array(array))
            }
        }
    }

    /// A new mapping at `indent`.
    fn open_map(&mut self, indent: usize) -> Option<()> {
        let entries = self.spare_entries.pop().unwrap_or_default();
        self.push(Open::Map { indent, entries, pending: None })
    }

    /// A new sequence at `indent`.
    fn open_seq(&mut self, indent: usize) -> Option<()> {
        let items = self.spare_items.pop().unwrap_or_default();
        self.push(Open::Seq { indent, items, pending: false })
    }

    /// One line with content, its trailing spaces trimmed.
    fn line(&mut self, indent: usize, content: &str) -> Option<()> {
        let item = content == "-" || content.starts_with("- ");
        self.close_to(indent, item)?;
        if item {
            self.item(indent, content)
        } else {
            self.open_map_at(indent)?;
            self.entry(content)
        }
    }

    /// Closes every collection the line at `indent` ends: the more indented ones, and a
    /// sequence at its key's indentation when the line is not one of its items.
    fn close_to(&mut self, indent: usize, item: bool) -> Option<()> {
        while let Some(top) = self.stack.last() {
            let ends = top.indent() > indent || (!item && top.indent() == indent && matches!(top, Open::Seq { .. }));
            if !ends {
                break;
            }
            let open = self.stack.pop()?;
            let value = self.close(open)?;
            self.attach(value)?;
        }
        Some(())
    }

    /// Puts a finished block where its parent awaits it.
    fn attach(&mut self, value: Value) -> Option<()> {
        match self.stack.last_mut() {
            Some(Open::Map { entries, pending, .. }) => {
                entries.push((pending.take()?, value));
            }
            Some(Open::Seq { items, pending, .. }) if *pending => {
                *pending = false;
                items.push(value);
            }
            Some(Open::Seq { .. }) => return None,
            None if self.root.is_none() => self.root = Some(value),
            None => return None,
        }
        Some(())
    }

    fn push(&mut self, open: Open) -> Option<()> {
        if self.stack.len() >= MAX_DEPTH {
            return None;
        }
        self.stack.push(open);
        Some(())
    }

    /// Makes the mapping at `indent` the top of the stack: the open one there, or a new
    /// one where a key or an item awaits its block.
    fn open_map_at(&mut self, indent: usize) -> Option<()> {
        match self.stack.last_mut() {
            Some(Open::Map { indent: at, entries, pending }) if *at == indent => {
                // The previous key had no block below it: null.
                if let Some(key) = pending.take() {
                    entries.push((key, Value::Null));
                }
                Some(())
            }
            Some(top) if top.indent() < indent && top.awaits_block() => self.open_map(indent),
            None if self.root.is_none() && indent == 0 => self.open_map(indent),
            _ => None,
        }
    }

    /// `- …` at `indent`.
    fn item(&mut self, indent: usize, content: &str) -> Option<()> {
        match self.stack.last_mut() {
            Some(Open::Seq { indent: at, items, pending }) if *at == indent => {
                if *pending {
                    items.push(Value::Null);
                    *pending = false;
                }
            }
            // A key's sequence may sit at the key's own indentation.
            Some(Open::Map { indent: at, pending: Some(_), .. }) if *at <= indent => {
                self.open_seq(indent)?;
            }
            Some(Open::Seq { indent: at, pending: true, .. }) if *at < indent => {
                self.open_seq(indent)?;
            }
            _ => return None,
        }
        let rest = content.get(1..)?.trim_start_matches(' ');
        let column = indent + (content.len() - rest.len());
        if rest.is_empty() {
            return self.set_item_pending();
        }
        if rest == "-" || rest.starts_with("- ") {
            // A sequence in a sequence on one line: outside the subset.
            return None;
        }
        match head(rest)? {
            Head::Key(..) => {
                // `- key: value`: a mapping at the key's column, its first entry here.
                self.set_item_pending()?;
                self.open_map(column)?;
                self.entry(rest)
            }
            Head::Scalar => {
                let value = scalar(rest)??;
                match self.stack.last_mut() {
                    Some(Open::Seq { items, .. }) => items.push(value),
                    _ => return None,
                }
                Some(())
            }
        }
    }

    fn set_item_pending(&mut self) -> Option<()> {
        match self.stack.last_mut() {
            Some(Open::Seq { pending, .. }) => {
                *pending = true;
                Some(())
            }
            _ => None,
        }
    }

    /// `key: value` or `key:` in the mapping on top of the stack.
    fn entry(&mut self, content: &str) -> Option<()> {
        let Head::Key(key, rest) = head(content)? else { return None };
        let Some(Open::Map { entries, pending, .. }) = self.stack.last_mut() else { return None };
        match scalar(rest.trim_start_matches(' '))? {
            Some(value) => {
                entries.push((key, value));
            }
            None => *pending = Some(key),
        }
        Some(())
    }

    fn finish(mut self) -> Option<Value> {
        while let Some(open) = self.stack.pop() {
            let value = self.close(open)?;
            self.attach(value)?;
        }
        self.root.filter(Value::is_object)
    }
}

/// What a line's content starts with.
enum Head<'a> {
    /// A key, and the text after its `:`.
    Key(String, &'a str),
    /// Not a key: a scalar.
    Scalar,
}

/// Reads a key if the content starts with one; `None` gives up.
fn head(content: &str) -> Option<Head<'_>> {
    let (key, after) = match content.as_bytes().first()? {
        b'\'' | b'"' => {
            let (text, after) = quoted(content)?;
            match after.strip_prefix(':') {
                Some(rest) if rest.is_empty() || rest.starts_with(' ') => (text, rest),
                _ => return Some(Head::Scalar),
            }
        }
        _ => {
            let end = match content.find(": ") {
                Some(end) => end,
                None if content.ends_with(':') => content.len() - 1,
                None => return Some(Head::Scalar),
            };
            let text = content.get(..end)?.trim_end_matches(' ');
            if text.is_empty() || text.len() > MAX_KEY_BYTES || text == "<<" {
                return None;
            }
            let key = match plain(text)? {
                Value::String(s) => s,
                Value::Null => "null".to_owned(),
                // As serde_yaml's reading writes a key that is a number or a boolean.
                other @ (Value::Bool(_) | Value::Number(_)) => other.to_string(),
                Value::Array(_) | Value::Object(_) => return None,
            };
            (key, content.get(end + 1..)?)
        }
    };
    if key.len() > MAX_KEY_BYTES {
        return None;
    }
    Some(Head::Key(key, after))
}

/// The value that ends a line: `Some(None)` when there is none (a block follows), `None`
/// to give up.
fn scalar(text: &str) -> Option<Option<Value>> {
    let Some(&first) = text.as_bytes().first() else { return Some(None) };
    let value = match first {
        b'\'' | b'"' => {
            let (text, after) = quoted(text)?;
            if !after.trim_start_matches(' ').is_empty() {
                return None;
            }
            Value::String(text)
        }
        b'{' | b'[' => {
            let close = if first == b'{' { "}" } else { "]" };
            if text.get(1..)?.trim_start_matches(' ') != close {
                return None;
            }
            if first == b'{' {
                Value::Object(Map::new())
            } else {
                Value::Array(Vec::new())
            }
        }
        _ => plain(text)?,
    };
    Some(Some(value))
}

/// A plain scalar resolved as serde_yaml resolves it; `None` gives up.
fn plain(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    let indicator_then_space = matches!(first, b'-' | b'?' | b':') && bytes.get(1).is_none_or(|&b| b == b' ');
    if indicator_then_space
        || matches!(
            first,
            b',' | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        )
        || text.contains(" #")
        || text.contains(": ")
        || text.ends_with(':')
    {
        return None;
    }
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        return small_integer(text).or_else(|| resolved_by_serde_yaml(text));
    }
    Some(Value::String(text.to_owned()))
}

/// A decimal integer without sign or leading zero that fits in 18 digits, or `-` and one:
/// the numbers specs write (`2147483647`, `-32768`), read without serde_yaml.
fn small_integer(text: &str) -> Option<Value> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    let simple = !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (!digits.starts_with('0') || (digits == "0" && !negative));
    if !simple {
        return None;
    }
    let magnitude: i64 = digits.parse().ok()?;
    Some(Value::from(if negative { -magnitude } else { magnitude }))
}

/// Any other plain scalar that may be a number (`3.0.1`, `1e3`, `0x1F`, `.inf`): read
/// alone by serde_yaml, so its rules decide.
fn resolved_by_serde_yaml(text: &str) -> Option<Value> {
    // Alone, `---…` and `...…` would start or end a document.
    if text.starts_with("---") || text.starts_with("...") {
        return None;
    }
    serde_yaml::from_str::<super::Strict>(text).ok().map(|s| s.0).filter(|v| !v.is_array() && !v.is_object())
}

/// A quoted scalar that ends on its line, and the text after its closing quote.
fn quoted(text: &str) -> Option<(String, &str)> {
    match text.as_bytes().first()? {
        b'\'' => single_quoted(text.get(1..)?),
        b'"' => double_quoted(text.get(1..)?),
        _ => None,
    }
}

/// `'…'`, where `''` is a quote.
fn single_quoted(body: &str) -> Option<(String, &str)> {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    loop {
        let end = rest.find('\'')?;
        out.push_str(rest.get(..end)?);
        let after = rest.get(end + 1..)?;
        match after.strip_prefix('\'') {
            Some(more) => {
                out.push('\'');
                rest = more;
            }
            None => return Some((out, after)),
        }
    }
}

/// `"…"` with the escapes specs use; any other escape gives up.
fn double_quoted(body: &str) -> Option<(String, &str)> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((out, body.get(at + 1..)?)),
            '\\' => {
                let (_, escape) = chars.next()?;
                out.push(match escape {
                    '\\' => '\\',
                    '"' => '"',
                    '/' => '/',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    'u' => {
                        let hex: String = (0..4).map(|_| chars.next().map(|(_, h)| h)).collect::<Option<_>>()?;
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                });
            }
            other => out.push(other),
        }
    }
    // The line ended inside the quotes: a scalar continued on the next line.
    None
}

#[cfg(test)]
mod tests {
    use super::read;
    use serde_json::json;

    /// serde_yaml's reading, the reference.
    fn reference(text: &str) -> Result<serde_json::Value, String> {
        serde_yaml::from_str::<super::super::Strict>(text).map(|s| s.0).map_err(|e| e.to_string())
    }

    /// What the reader accepts, serde_yaml reads the same.
    fn agrees(text: &str) -> bool {
        match read(text) {
            Some(value) => {
                assert_eq!(reference(text).as_ref(), Ok(&value), "the reader and serde_yaml differ on:\n{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_the_subset_as_serde_yaml_does() {
        let accepted = [
            "openapi: 3.0.1\ninfo:\n  title: T\n  version: v1.0\n",
            "a:\n  - x\n  - 'y'\n  - \"z\"\nb: { }\nc: [ ]\nd: {}\ne: []\n",
            // A sequence at its key's indentation, then the next key.
            "a:\n- x\n- y\nb: 1\n",
            // Mappings in sequences, nested blocks under items, null items.
            "p:\n  - name: top\n    in: query\n    schema:\n      type: integer\n  - $ref: '#/x'\n  -\n    k: v\n  -\n",
            // Keys without values are null; quoted keys; keys that are numbers.
            "a:\nb:\n'/x(y=''{y}'')':\n  c: d\n200:\n  description: OK\n\"2XX\": x\n1.5: y\n~: z\ntrue: t\n",
            // Plain scalars serde_yaml resolves: numbers, booleans, nulls, and strings that look close.
            "a: 2147483647\nb: -2147483648\nc: 0\nd: 3.0.1\ne: 1e3\nf: 0x1F\ng: .inf\nh: -.5\ni: true\nj: False\nk: ~\nl: NULL\nm: yes\nn: 0123\no: +5\nq: -0\nr: .\ns: 2022-02/Deprecate\nt: a:b\nu: a#b\nv: -x\nw: \"\\u00e9\\n\\\"q\\\"\"\nx: 'it''s'\n",
            // Blank lines, whole-line comments, trailing spaces.
            "# c\na: 1   \n\n  # indented comment\nb:\n  c: 'd'  \n",
            "a: héllo wörld ✓\nb: '😀'\n",
        ];
        for text in accepted {
            assert!(agrees(text), "the reader gave up on:\n{text}");
        }
        assert_eq!(
            read("a:\n  - name: x\n    in: path\n  - y\nb: ''\n"),
            Some(json!({"a": [{"name": "x", "in": "path"}, "y"], "b": ""}))
        );
    }

    #[test]
    fn gives_up_on_the_rest_and_on_errors() {
        let refused = [
            // Outside the subset, valid YAML.
            "a: |\n  text\n",
            "a: >-\n  folded\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: [1, 2]\n",
            "a: {b: 1}\n",
            "a: multi\n  line\n",
            "a: 'multi\n  line'\n",
            "a:\n  - - nested\n",
            "? complex\n: key\n",
            "---\na: 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1 # comment\n",
            "a: 1\r\nb: 2\r\n",
            "a:\n\t- x\n",
            "\u{feff}a: 1\n",
            "a: \"\\x41\"\n",
            "<<: {}\n",
            "- top level sequence\n",
            "plain top-level scalar\n",
            "",
            // Errors: serde_yaml's to report.
            "a: 1\na: 2\n",
            "a:\n  b: 1\n  b:\n",
            "a: b: c\n",
            "a: 'open\n",
            "a:\n  b: 1\n c: 2\n",
            "a: @x\n",
            "a: `x`\n",
            "a: x:\n",
            "a:\n  - x\n  y: 1\n",
            "a: 1\n  b: 2\n",
        ];
        for text in refused {
            assert_eq!(read(text), None, "the reader accepted:\n{text}");
        }
        // A number past 64 bits is valid YAML: read as the nearest double, as by serde_yaml.
        let big = "a: -9223372036854776000\n";
        assert_eq!(read(big), crate::load::parse_yaml(big).ok());
        assert_eq!(read(big).and_then(|v| v["a"].as_f64()), Some(-9223372036854775808.0));
        let long_key = format!("{}: 1\n", "k".repeat(1100));
        assert_eq!(read(&long_key), None);
        let deep: String = (0..150).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert_eq!(read(&deep), None);
    }

    /// Every small edit of a document that uses the whole subset: the reader either
    /// gives up or reads what serde_yaml reads (and never accepts what serde_yaml refuses).
    #[test]
    fn agrees_with_serde_yaml_on_every_small_edit() {
        let base = "openapi: 3.0.1\npaths:\n  '/a/{id}':\n    get:\n      tags:\n        - a.b\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            maximum: 2147483647\n            type: integer\n        - $ref: '#/c'\n      responses:\n        2XX:\n          description: \"ok\\n\"\ncomponents:\n  schemas: { }\n  x:\n  - y\n";
        assert!(agrees(base));
        let inserts = [' ', ':', '-', '\'', '"', '#', '\n', '{', '[', '0', 'a', '.', '~', '&', '\\'];
        let mut accepted = 0;
        let mut edits = 0;
        let boundaries: Vec<usize> = (0..=base.len()).filter(|&i| base.is_char_boundary(i)).collect();
        for &at in &boundaries {
            let mut variants = Vec::new();
            if let Some(&next) = boundaries.iter().find(|&&b| b > at) {
                variants.push(format!("{}{}", &base[..at], &base[next..]));
            }
            for c in inserts {
                variants.push(format!("{}{c}{}", &base[..at], &base[at..]));
            }
            for text in variants {
                edits += 1;
                accepted += usize::from(agrees(&text));
            }
        }
        // Line by line: removed, repeated, indented or dedented by one and two spaces.
        let lines: Vec<&str> = base.lines().collect();
        for i in 0..lines.len() {
            let with = |line: Option<String>| -> String {
                let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
                match line {
                    Some(line) => out[i] = line,
                    None => {
                        out.remove(i);
                    }
                }
                out.join("\n") + "\n"
            };
            let line = lines[i];
            for text in [
                with(None),
                with(Some(format!("{line}\n{line}"))),
                with(Some(format!(" {line}"))),
                with(Some(format!("  {line}"))),
                with(line.strip_prefix(' ').map(str::to_owned)),
                with(line.strip_prefix("  ").map(str::to_owned)),
            ] {
                edits += 1;
                accepted += usize::from(agrees(&text));
            }
        }
        // The edits that keep the document in the subset are read, not all given up on.
        assert!(accepted > edits / 4, "only {accepted} of {edits} edits were read");
    }
}
