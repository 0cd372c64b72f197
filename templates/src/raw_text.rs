//! JSON as it came: the raw text `serde_json` gives of a value (its feature `raw_value`,
//! which changes nothing else), for the numbers ([`super::number`]) and unknown members
//! ([`AsItCame`]) that keep the text they came with. A format without raw values gives
//! values alone, read as usual.
//!
//! A member a model does not know is kept as a `serde_json::Value` ([`AsItCame`]): where
//! writing that value would not give back the text it came with (an integer past 64
//! bits, `1.50`, `\u00e9`), the model keeps the text too, and writes it back while the
//! value is unchanged. (`serde_json`'s `arbitrary_precision` would keep numbers in every
//! `Value`, but it changes how every crate of a build reads numbers: `#[serde(untagged)]`
//! and `#[serde(flatten)]` stop reading floats. The runtime leaves it off.)

/// The name `serde_json` gives a raw value on both sides of the wire (`RawValue`'s own
/// `Serialize` and `Deserialize` use it): a number written and read as the exact text.
pub(crate) const RAW: &str = "$serde_json::private::RawValue";
/// The name `serde_json` gives a number of arbitrary precision, read through `deserialize_any`.
const EXACT: &str = "$serde_json::private::Number";

/// An object key that borrows from the input when it can (no allocation for known keys).
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied, when the input had to unescape it.
    Owned(String),
}

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    /// The key as an owned `String`.
    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> ::serde::de::Visitor<'de> for Visit {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: ::serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: ::serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// Writes a JSON text as it is (`serde_json` writes a raw value so).
#[doc(hidden)]
pub fn write_raw<S: ::serde::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    use ::serde::ser::SerializeStruct;
    let mut raw = serializer.serialize_struct(RAW, 1)?;
    raw.serialize_field(RAW, text)?;
    raw.end()
}

/// What a number was read as: its text, or (from a format without raw values) its value.
pub enum Read<'de> {
    Text(Key<'de>),
    Float(f64),
    Signed(i64),
    Unsigned(u64),
    Wide(i128),
}

/// Reads the next number: its text where the format keeps it (`serde_json`'s raw values
/// and numbers of arbitrary precision), else its value.
pub fn read_number<'de, D: ::serde::Deserializer<'de>>(
    deserializer: D,
    what: &'static str,
) -> Result<Read<'de>, D::Error> {
    struct Visit(&'static str);
    impl<'de> ::serde::de::Visitor<'de> for Visit {
        type Value = Read<'de>;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> Result<Read<'de>, E> {
            Ok(Read::Float(v))
        }
        fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> Result<Read<'de>, E> {
            Ok(Read::Signed(v))
        }
        fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> Result<Read<'de>, E> {
            Ok(Read::Unsigned(v))
        }
        fn visit_i128<E: ::serde::de::Error>(self, v: i128) -> Result<Read<'de>, E> {
            Ok(Read::Wide(v))
        }
        fn visit_u128<E: ::serde::de::Error>(self, v: u128) -> Result<Read<'de>, E> {
            i128::try_from(v).map(Read::Wide).or_else(|_| Ok(Read::Text(Key::Owned(v.to_string()))))
        }
        fn visit_newtype_struct<D: ::serde::Deserializer<'de>>(self, d: D) -> Result<Read<'de>, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Read<'de>, A::Error> {
            // `serde_json`'s raw value or exact number: one member, its name the token.
            match map.next_key::<Token>()? {
                Some(Token) => Ok(Read::Text(map.next_value()?)),
                None => Err(::serde::de::Error::invalid_type(::serde::de::Unexpected::Map, &self)),
            }
        }
    }
    deserializer.deserialize_newtype_struct(RAW, Visit(what))
}

/// The member name of `serde_json`'s raw values and exact numbers, and no other.
struct Token;

impl<'de> ::serde::Deserialize<'de> for Token {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key: Key<'de> = ::serde::Deserialize::deserialize(deserializer)?;
        match key.as_str() {
            RAW | EXACT => Ok(Token),
            other => Err(::serde::de::Error::custom(format_args!("expected a number, found an object with `{other}`"))),
        }
    }
}

/// A JSON value read as a `Value`, with the text it came with when writing the value
/// would give other text (how a model keeps a member it does not know).
#[doc(hidden)]
pub struct AsItCame {
    /// The value.
    pub value: ::serde_json::Value,
    /// Its text, when writing `value` would not give it back.
    pub text: Option<Box<str>>,
}

impl<'de> ::serde::Deserialize<'de> for AsItCame {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> ::serde::de::Visitor<'de> for Visit {
            type Value = AsItCame;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_newtype_struct<D: ::serde::Deserializer<'de>>(self, d: D) -> Result<AsItCame, D::Error> {
                // A format without raw values: the value alone.
                Ok(AsItCame { value: ::serde::Deserialize::deserialize(d)?, text: None })
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<AsItCame, A::Error> {
                let Some(first) = map.next_key::<Key<'de>>()? else {
                    return Ok(AsItCame { value: ::serde_json::Value::Object(::serde_json::Map::new()), text: None });
                };
                if first.as_str() != RAW {
                    // An object given member by member (not `serde_json`'s raw value).
                    let mut members = ::serde_json::Map::new();
                    members.insert(first.into_owned(), map.next_value()?);
                    while let Some((key, value)) = map.next_entry::<String, ::serde_json::Value>()? {
                        members.insert(key, value);
                    }
                    return Ok(AsItCame { value: ::serde_json::Value::Object(members), text: None });
                }
                let text: Key<'de> = map.next_value()?;
                let text = text.as_str().trim();
                let value: ::serde_json::Value = ::serde_json::from_str(text).map_err(::serde::de::Error::custom)?;
                // Most values (text without escapes, integers of 64 bits) are written as they
                // came; only the others are written again to compare.
                let same = plainly_written(text) || {
                    let mut compare = Compare { rest: text.as_bytes(), in_string: false, escaped: false, equal: true };
                    ::serde_json::to_writer(&mut compare, &value).is_ok() && compare.finish()
                };
                Ok(AsItCame { value, text: (!same).then(|| text.into()) })
            }
        }
        deserializer.deserialize_newtype_struct(RAW, Visit)
    }
}

/// A JSON object's members as raw text, in their order: to change one member of a
/// document and write every other byte back as it came.
pub struct Members(pub Vec<(String, Box<::serde_json::value::RawValue>)>);

impl<'de> ::serde::Deserialize<'de> for Members {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> ::serde::de::Visitor<'de> for Visit {
            type Value = Members;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

impl ::serde::Serialize for Members {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Whether a JSON text is one a `serde_json::Value` writes back as it is, whitespace aside,
/// by one look at its bytes: no escape in a string, no number but integers of up to 18
/// digits (a fraction or an exponent may be written otherwise, as may `-0`). `false`
/// means "compare", not "changed". Measured: the page of the serde bench reads at 0.79×
/// the plain derive when every unknown member is written again to compare, 0.8x× with this.
fn plainly_written(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if in_string {
            match b {
                b'\\' => return false,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'-' || b.is_ascii_digit() {
            // A number: its token, to its end.
            let start = i - 1;
            while bytes.get(i).is_some_and(|b| matches!(b, b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')) {
                i += 1;
            }
            let token = bytes.get(start..i).unwrap_or_default();
            let integer = token.iter().all(|b| b.is_ascii_digit() || *b == b'-');
            if !integer || token.len() > 18 || token == b"-0" {
                return false;
            }
        }
    }
    true
}

/// Compares what `serde_json` writes (compact) with a JSON text, whitespace outside its
/// strings aside, as it is written (no allocation).
struct Compare<'t> {
    rest: &'t [u8],
    in_string: bool,
    escaped: bool,
    equal: bool,
}

impl Compare<'_> {
    fn skip_space(&mut self) {
        while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = self.rest {
            self.rest = tail;
        }
    }

    /// Whether every byte written matched and nothing but whitespace is left.
    fn finish(mut self) -> bool {
        self.skip_space();
        self.equal && self.rest.is_empty()
    }
}

impl ::std::io::Write for Compare<'_> {
    fn write(&mut self, written: &[u8]) -> ::std::io::Result<usize> {
        for &b in written {
            if !self.equal {
                break;
            }
            if !self.in_string {
                self.skip_space();
            }
            match self.rest.split_first() {
                Some((&first, tail)) if first == b => self.rest = tail,
                _ => self.equal = false,
            }
            if self.in_string {
                match (self.escaped, b) {
                    (true, _) => self.escaped = false,
                    (false, b'\\') => self.escaped = true,
                    (false, b'"') => self.in_string = false,
                    _ => {}
                }
            } else if b == b'"' {
                self.in_string = true;
            }
        }
        Ok(written.len())
    }
    fn flush(&mut self) -> ::std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_with_its_text_only_when_writing_it_would_change_it() {
        let read = |text: &str| ::serde_json::from_str::<AsItCame>(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        for same in ["1", "\"a\"", "[1, 2.5, {\"b\": null}]", " { \"a\" : [ true ] } ", "\"a b\\\"c\""] {
            assert_eq!(read(same).text, None, "{same}");
        }
        // Texts a look at the bytes passes, and texts it sends to the comparison.
        assert!(plainly_written(r#"{"a": [1, -20, true, null], "b": "x y", "c": 123456789012345678}"#));
        for compared in ["1.5", "1e3", "-0", "\"\\n\"", "1234567890123456789", "[-0]"] {
            assert!(!plainly_written(compared), "{compared}");
        }
        for changed in ["123456789012345678901234567890", "1.50", "[1E3]", "\"\\u00e9\"", "{\"a\": -0}"] {
            let kept = read(changed);
            assert_eq!(kept.text.as_deref(), Some(changed), "{changed}");
        }
    }
}
