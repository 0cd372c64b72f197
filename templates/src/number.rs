//! Numbers as they came: a `type: number` member keeps the text it was read with, and an
//! integer wider than 128 bits keeps every digit.
//!
//! JSON writes one number many ways (`1`, `1.0`, `1.50`, `1e3`), and a service may compare
//! the bytes it is sent with those it wrote (a signature, an ETag computed over them). A
//! [`Number`] read from the wire is written back with the text it came with; one set in
//! code is written as Rust writes it. Only a text Rust would not write is stored (`1.50`,
//! `1e3`, `-0`, more digits than a double keeps): the common case allocates nothing.
//!
//! The text is read through `serde_json`'s raw values (its feature `raw_value`, which
//! changes nothing else); another format, or a `serde_json` that stops offering raw
//! values, gives the value alone, which is then written as Rust writes it.
//!
//! A member a model does not know keeps its text as [`super::raw_text::AsItCame`] says.

use super::raw_text::{read_number, write_raw, Read};

/// A float type a [`Number`] can hold: `f64` (`type: number`) or `f32` (`format: float`).
pub trait Float: Copy + PartialEq + PartialOrd + Default + ::std::fmt::Debug + ::std::fmt::Display + 'static {
    /// Reads the text of a JSON number (correctly rounded).
    fn parse(text: &str) -> Option<Self>;
    /// The value as `f64`.
    fn to_f64(self) -> f64;
    /// The value `serde` was given.
    fn from_f64(value: f64) -> Self;
    /// Writes the value to a serializer.
    fn serialize<S: ::serde::Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Float for f64 {
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(value: f64) -> Self {
        value
    }
    fn serialize<S: ::serde::Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self)
    }
}

impl Float for f32 {
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn from_f64(value: f64) -> Self {
        // A double given by a format without raw text, narrowed as `as` does.
        #[allow(clippy::cast_possible_truncation)]
        let narrowed = value as f32;
        narrowed
    }
    fn serialize<S: ::serde::Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f32(self)
    }
}

/// How a number is written back.
#[derive(Clone, PartialEq, Eq)]
enum Written {
    /// As Rust writes the value (set in code, or read with that very text).
    AsRust,
    /// As an integer (read as `1` where Rust would write `1.0`).
    Integer(i64),
    /// The text it was read with.
    Text(Box<str>),
}

/// A JSON number of a `type: number` member: its value, and the text it came with when
/// Rust would write it otherwise. Compares, orders and dereferences as its value.
///
/// Read from `1.50`, it equals `1.5` and is written `1.50`; `Number::new(1.5)` is written
/// `1.5`.
#[derive(Clone)]
pub struct Number<F: Float = f64> {
    value: F,
    written: Written,
}

impl<F: Float> Number<F> {
    /// A number set in code, written as Rust writes it.
    pub fn new(value: F) -> Self {
        Number { value, written: Written::AsRust }
    }

    /// The value.
    pub fn get(&self) -> F {
        self.value
    }

    /// The text it was read with, when Rust would write the value otherwise (`1.50`, `1`
    /// for a double, `1e3`); `None` for a number set in code or read as Rust writes it.
    pub fn text(&self) -> Option<::std::borrow::Cow<'_, str>> {
        match &self.written {
            Written::AsRust => None,
            Written::Integer(i) => Some(::std::borrow::Cow::Owned(i.to_string())),
            Written::Text(text) => Some(::std::borrow::Cow::Borrowed(text)),
        }
    }

    /// Reads the text of a JSON number, keeping it when Rust would write the value otherwise.
    pub fn from_text(text: &str) -> Option<Self> {
        let value = F::parse(text)?;
        if !is_json_number(text) {
            return None;
        }
        let integer = !text.contains(['.', 'e', 'E']) && text != "-0";
        let written = match text.parse::<i64>() {
            Ok(i) if integer && F::from_f64(i as f64) == value && i.unsigned_abs() < (1 << 53) => Written::Integer(i),
            _ if as_rust(value, text) => Written::AsRust,
            _ => Written::Text(text.into()),
        };
        Some(Number { value, written })
    }
}

/// Whether `value` is written by `serde_json` as `text` (a short stack buffer: no allocation).
fn as_rust<F: Float>(value: F, text: &str) -> bool {
    let mut buffer = [0u8; 40];
    let mut out = &mut buffer[..];
    let room = out.len();
    if Float::serialize(value, &mut ::serde_json::Serializer::new(&mut out)).is_err() {
        return false;
    }
    let used = room - out.len();
    buffer.get(..used) == Some(text.as_bytes())
}

/// Whether `text` is one JSON number (RFC 8259's grammar), so that it can be written raw.
fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == bytes.len()
}

impl<F: Float> Default for Number<F> {
    fn default() -> Self {
        Number::new(F::default())
    }
}

impl<F: Float> From<F> for Number<F> {
    fn from(value: F) -> Self {
        Number::new(value)
    }
}

impl From<f32> for Number<f64> {
    fn from(value: f32) -> Self {
        Number::new(f64::from(value))
    }
}

impl From<i32> for Number<f64> {
    fn from(value: i32) -> Self {
        Number::new(f64::from(value))
    }
}

impl From<u32> for Number<f64> {
    fn from(value: u32) -> Self {
        Number::new(f64::from(value))
    }
}

impl<F: Float> ::std::ops::Deref for Number<F> {
    type Target = F;
    fn deref(&self) -> &F {
        &self.value
    }
}

impl<F: Float> PartialEq for Number<F> {
    /// Equal values are equal numbers, however each is written (`1` and `1.0`).
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<F: Float> PartialEq<F> for Number<F> {
    fn eq(&self, other: &F) -> bool {
        self.value == *other
    }
}

impl<F: Float> PartialOrd for Number<F> {
    fn partial_cmp(&self, other: &Self) -> Option<::std::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl<F: Float> ::std::fmt::Debug for Number<F> {
    /// The value, as `f64`'s `Debug` shows it; then the text it keeps, if any.
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.value, f)?;
        match self.text() {
            Some(text) => write!(f, " (read as {text})"),
            None => Ok(()),
        }
    }
}

impl<F: Float> ::std::fmt::Display for Number<F> {
    /// The number as it is written in JSON.
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.text() {
            Some(text) => f.write_str(&text),
            None => ::std::fmt::Display::fmt(&self.value, f),
        }
    }
}

impl<F: Float> ::serde::Serialize for Number<F> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.written {
            Written::AsRust => self.value.serialize(serializer),
            Written::Integer(i) => serializer.serialize_i64(*i),
            Written::Text(text) => write_raw(text, serializer),
        }
    }
}

impl<'de, F: Float> ::serde::Deserialize<'de> for Number<F> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use ::serde::de::Error;
        Ok(match read_number(deserializer, "a number")? {
            Read::Text(text) => {
                // `serde_json` keeps no whitespace around a raw number; trimmed anyway.
                let text = text.as_str().trim();
                Number::from_text(text)
                    .ok_or_else(|| D::Error::invalid_value(::serde::de::Unexpected::Str(text), &"a number"))?
            }
            Read::Float(v) => Number::new(F::from_f64(v)),
            Read::Signed(v) => Number::from_text(&v.to_string()).unwrap_or_default(),
            Read::Unsigned(v) => Number::from_text(&v.to_string()).unwrap_or_default(),
            Read::Wide(v) => Number::from_text(&v.to_string()).unwrap_or_default(),
        })
    }
}

/// An integer of any width (`type: integer` whose bounds pass 128 bits): its decimal digits.
///
/// Read from `-123456789012345678901234567890123456789012`, it is written so; `to_i128`
/// gives its value where it fits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BigInt(Box<str>);

impl BigInt {
    /// Its decimal digits (a `-` first when negative).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, when it fits `i128`.
    pub fn to_i128(&self) -> Option<i128> {
        self.0.parse().ok()
    }
}

impl Default for BigInt {
    fn default() -> Self {
        BigInt("0".into())
    }
}

impl ::std::str::FromStr for BigInt {
    type Err = String;
    /// An integer's decimal digits, as JSON writes them (no `+`, no leading zeros).
    fn from_str(text: &str) -> Result<Self, String> {
        if is_json_number(text) && !text.contains(['.', 'e', 'E']) && text != "-0" {
            Ok(BigInt(text.into()))
        } else {
            Err(format!("`{text}` is not an integer as JSON writes one"))
        }
    }
}

macro_rules! big_int_from {
    ($($t:ty),*) => {$(
        impl From<$t> for BigInt {
            fn from(value: $t) -> Self {
                BigInt(value.to_string().into())
            }
        }
    )*};
}
big_int_from!(i64, u64, i128, u128);

impl ::std::fmt::Debug for BigInt {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::std::fmt::Display for BigInt {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::serde::Serialize for BigInt {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_i128() {
            // Written as an integer wherever it fits one (every format has those).
            Some(v) => match i64::try_from(v) {
                Ok(small) => serializer.serialize_i64(small),
                Err(_) => serializer.serialize_i128(v),
            },
            None => write_raw(&self.0, serializer),
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for BigInt {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use ::serde::de::{Error, Unexpected};
        match read_number(deserializer, "an integer")? {
            Read::Text(text) => {
                let text = text.as_str().trim();
                text.parse().map_err(|_| D::Error::invalid_value(Unexpected::Str(text), &"an integer"))
            }
            Read::Signed(v) => Ok(v.into()),
            Read::Unsigned(v) => Ok(v.into()),
            Read::Wide(v) => Ok(v.into()),
            Read::Float(v) => Err(D::Error::invalid_type(Unexpected::Float(v), &"an integer")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(text: &str) -> String {
        let read: T = ::serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        ::serde_json::to_string(&read).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn a_number_read_is_written_with_its_text() {
        for text in ["1", "1.0", "1.50", "1e3", "1E+3", "-0", "-0.0", "0.1", "123456789012345678901234567890", "2.5e-8"]
        {
            assert_eq!(round_trip::<Number>(text), text);
            assert_eq!(round_trip::<Number<f32>>(text), text);
            assert_eq!(round_trip::<Vec<Option<Number>>>(&format!("[{text}, null]")), format!("[{text},null]"));
        }
        // Through a `Value` (`serde_json::from_value`): what the value kept.
        for (value, text) in
            [(::serde_json::json!(1), "1"), (::serde_json::json!(1.5), "1.5"), (::serde_json::json!(-7), "-7")]
        {
            let number: Number = ::serde_json::from_value(value).unwrap_or_default();
            assert_eq!(::serde_json::to_string(&number).ok().as_deref(), Some(text));
        }
    }

    #[test]
    fn a_number_set_in_code_is_written_as_rust_writes_it_and_compares_by_value() {
        assert_eq!(::serde_json::to_string(&Number::new(1.0)).ok().as_deref(), Some("1.0"));
        assert_eq!(::serde_json::to_string(&Number::from(2)).ok().as_deref(), Some("2.0"));
        let read: Number = ::serde_json::from_str("1.50").unwrap_or_default();
        assert_eq!(read, Number::new(1.5));
        assert_eq!(read.text().as_deref(), Some("1.50"));
        assert_eq!(format!("{read:?} {read}"), "1.5 (read as 1.50) 1.50");
        assert_eq!(*read + 1.0, 2.5);
        // Only a text Rust would not write is kept.
        assert!(::serde_json::from_str::<Number>("1.5").unwrap_or_default().text().is_none());
    }

    #[test]
    fn what_is_not_a_number_is_refused_with_its_reason() {
        for (text, expected) in [("\"1\"", "a number"), ("{\"a\": 1}", "expected a number"), ("true", "a number")] {
            let error = ::serde_json::from_str::<Number>(text).expect_err(text).to_string();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn integers_of_any_width_keep_every_digit() {
        for text in [
            "0",
            "-1",
            "18446744073709551616",
            "-170141183460469231731687303715884105729",
            "1234567890123456789012345678901234567890",
        ] {
            assert_eq!(round_trip::<BigInt>(text), text);
        }
        assert!(::serde_json::from_str::<BigInt>("1.5").is_err());
        assert!(::serde_json::from_str::<BigInt>("1e3").is_err());
        // A format without raw values gives the integer's value.
        assert_eq!(::serde_json::from_value::<BigInt>(::serde_json::json!(-5)).ok(), Some(BigInt::from(-5i64)));
    }

    #[test]
    fn the_json_number_grammar() {
        for good in ["0", "-0", "1.5", "1e5", "1E-5", "-12.34e+56"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "1.5.5", "NaN", "1 "] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
