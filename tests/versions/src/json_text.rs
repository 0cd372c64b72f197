//! JSON texts compared as written: numbers by their text (`1` is not `1.0`, `1.50` is not
//! `1.5`), strings by their value (an escape is spelling), members in any order, whitespace
//! aside. `serde_json::Value` cannot do it: it reads every number into a double or a
//! 64-bit integer first.

use std::collections::BTreeMap;

/// A JSON value with each number as its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// `null`, `true` or `false`.
    Word(&'static str),
    /// A number, as written.
    Number(String),
    /// A string's value.
    Text(String),
    /// A list.
    List(Vec<Written>),
    /// An object, by member name (a name given twice keeps its last value, as readers do).
    Object(BTreeMap<String, Written>),
}

/// Reads a JSON text, keeping each number's text; the error names the byte offset.
pub fn read(text: &str) -> Result<Written, String> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0, text };
    let value = reader.value(0)?;
    reader.space();
    if reader.at != reader.bytes.len() {
        return Err(format!("text after the value at byte {}", reader.at));
    }
    Ok(value)
}

/// Whether two JSON texts write the same values with the same numbers; `Err` says where
/// they differ first.
pub fn same(expected: &str, actual: &str) -> Result<(), String> {
    let (a, b) = (read(expected)?, read(actual)?);
    difference(&a, &b, "#").map_or(Ok(()), Err)
}

fn difference(a: &Written, b: &Written, at: &str) -> Option<String> {
    match (a, b) {
        (Written::List(x), Written::List(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (x, y))| difference(x, y, &format!("{at}/{i}")))
        }
        (Written::Object(x), Written::Object(y)) if x.keys().eq(y.keys()) => {
            x.iter().zip(y.values()).find_map(|((k, x), y)| difference(x, y, &format!("{at}/{k}")))
        }
        _ if a == b => None,
        _ => Some(format!("{at}: expected {a:?}, found {b:?}")),
    }
}

struct Reader<'t> {
    bytes: &'t [u8],
    at: usize,
    text: &'t str,
}

/// Deeper than any document here; the reader recurses.
const MAX_DEPTH: usize = 128;

impl Reader<'_> {
    fn space(&mut self) {
        while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at byte {}", self.at))
    }

    fn value(&mut self, depth: usize) -> Result<Written, String> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.space();
        match self.bytes.get(self.at) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.list(depth),
            Some(b'"') => self.string().map(Written::Text),
            Some(b'-' | b'0'..=b'9') => Ok(self.number()),
            _ => {
                for word in ["null", "true", "false"] {
                    if self.bytes[self.at..].starts_with(word.as_bytes()) {
                        self.at += word.len();
                        return Ok(Written::Word(word));
                    }
                }
                self.fail("no JSON value")
            }
        }
    }

    fn number(&mut self) -> Written {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(|b| matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.at += 1;
        }
        Written::Number(self.text[start..self.at].to_owned())
    }

    fn string(&mut self) -> Result<String, String> {
        let start = self.at;
        self.at += 1;
        let mut escaped = false;
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    return serde_json::from_str(&self.text[start..self.at])
                        .map_err(|e| format!("{e} at byte {start}"));
                }
                _ => {}
            }
        }
        self.fail("an unterminated string")
    }

    fn list(&mut self, depth: usize) -> Result<Written, String> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Written::List(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.space();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Written::List(items));
                }
                _ => return self.fail("`,` or `]` expected"),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Written, String> {
        self.at += 1;
        let mut members = BTreeMap::new();
        self.space();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Written::Object(members));
        }
        loop {
            self.space();
            if self.bytes.get(self.at) != Some(&b'"') {
                return self.fail("a member name expected");
            }
            let key = self.string()?;
            self.space();
            if self.bytes.get(self.at) != Some(&b':') {
                return self.fail("`:` expected");
            }
            self.at += 1;
            members.insert(key, self.value(depth + 1)?);
            self.space();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Written::Object(members));
                }
                _ => return self.fail("`,` or `}` expected"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_told_apart_by_their_text_and_the_rest_by_value() {
        assert_eq!(same(r#"{"a": 1, "b": "\u00e9"}"#, r#"{"b":"é","a":1}"#), Ok(()));
        assert_eq!(same("[1]", "[1.0]"), Err("#/0: expected Number(\"1\"), found Number(\"1.0\")".to_owned()));
        assert!(same(r#"{"a": 1.50}"#, r#"{"a": 1.5}"#).is_err());
        assert!(same("123456789012345678901234567890", "1.2345678901234568e29").is_err());
        assert!(same(r#"{"a": 1}"#, r#"{"a": 1, "b": 2}"#).is_err());
        assert!(read("[1,").is_err() && read("{\"a\" 1}").is_err() && read("1 2").is_err());
    }
}
