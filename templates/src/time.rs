//! Dates and date-times kept as the service wrote them.
//!
//! Graph writes most date-times as RFC 3339 with seven fractional digits
//! (`2024-05-01T08:30:12.4707552Z`), some with none, and a few loosely: an empty string
//! for "never" (a job's quarantine times), no offset at all. A `chrono` field would
//! reject the loose ones (failing the whole response) and rewrite the precise ones (nine
//! digits instead of seven). These types keep the text, written back byte for byte, and
//! the value when the text is one.

use ::std::fmt;

/// A value whose wire form is a string: how to read it from text and write it as text.
pub trait TextValue: Sized {
    /// The value the text stands for, if it is one.
    fn parse_text(text: &str) -> Option<Self>;
    /// The text for a value set in code.
    fn to_text(&self) -> String;
}

impl TextValue for ::chrono::DateTime<::chrono::Utc> {
    /// RFC 3339, or an ISO 8601 date-time without offset (read as UTC).
    fn parse_text(text: &str) -> Option<Self> {
        if let Ok(value) = ::chrono::DateTime::parse_from_rfc3339(text) {
            return Some(value.with_timezone(&::chrono::Utc));
        }
        ::chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").ok().map(|naive| naive.and_utc())
    }
    fn to_text(&self) -> String {
        self.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true)
    }
}

impl TextValue for ::chrono::NaiveDate {
    fn parse_text(text: &str) -> Option<Self> {
        ::chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }
    fn to_text(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

/// A value kept exactly as it was written: its text, and the value when the text is one.
///
/// Reading never fails on a string: text that is no value (`""`) is kept, reachable with
/// [`AsWritten::as_str`] and written back unchanged, and [`AsWritten::value`] is `None`.
/// Equality compares the text, as the wire does; compare [`AsWritten::value`]s to compare
/// instants.
#[derive(Clone)]
pub struct AsWritten<T> {
    text: Box<str>,
    value: Option<T>,
}

/// A `date-time`: RFC 3339 text and its instant in UTC.
pub type Timestamp = AsWritten<::chrono::DateTime<::chrono::Utc>>;

/// A `date`: `YYYY-MM-DD` text and its calendar date.
pub type Date = AsWritten<::chrono::NaiveDate>;

impl<T: TextValue> AsWritten<T> {
    /// Reads text; never fails (see the type's documentation).
    pub fn parse(text: &str) -> Self {
        AsWritten { value: T::parse_text(text), text: text.into() }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text is a value.
    pub fn is_valid(&self) -> bool {
        self.value.is_some()
    }
}

impl<T: Clone> AsWritten<T> {
    /// The value, when the text is one.
    pub fn value(&self) -> Option<T> {
        self.value.clone()
    }
}

impl<T: TextValue + Default> Default for AsWritten<T> {
    /// The value's own default (the Unix epoch, 1970-01-01), written as text: required
    /// date fields need one for `#[derive(Default)]` models.
    fn default() -> Self {
        T::default().into()
    }
}

impl<T: TextValue> From<T> for AsWritten<T> {
    fn from(value: T) -> Self {
        AsWritten { text: value.to_text().into(), value: Some(value) }
    }
}

impl<T: TextValue> ::std::str::FromStr for AsWritten<T> {
    type Err = ::std::convert::Infallible;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(AsWritten::parse(text))
    }
}

impl<T> PartialEq for AsWritten<T> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<T> Eq for AsWritten<T> {}

impl<T> ::std::hash::Hash for AsWritten<T> {
    fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl<T> fmt::Display for AsWritten<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<T> fmt::Debug for AsWritten<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text, f)
    }
}

impl<T> ::serde::Serialize for AsWritten<T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de, T: TextValue> ::serde::Deserialize<'de> for AsWritten<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(::std::marker::PhantomData<T>);
        impl<T: TextValue> ::serde::de::Visitor<'_> for Visit<T> {
            type Value = AsWritten<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date or date-time string")
            }
            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<AsWritten<T>, E> {
                Ok(AsWritten::parse(v))
            }
        }
        deserializer.deserialize_str(Visit(::std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::chrono::{TimeZone, Timelike};

    #[test]
    fn graph_precision_and_loose_text_round_trip() {
        for text in [
            "2024-05-01T08:30:12.4707552Z",
            "0001-01-01T00:00:00Z",
            "",
            "2024-05-01T08:30:12",
            "not a date",
            "2024-05-01T10:30:12+02:00",
        ] {
            let t: Timestamp = ::serde_json::from_value(::serde_json::json!(text)).unwrap();
            assert_eq!(t.as_str(), text);
            assert_eq!(::serde_json::to_value(&t).unwrap(), ::serde_json::json!(text));
        }
        let t = Timestamp::parse("2024-05-01T08:30:12.4707552Z");
        assert_eq!(t.value().map(|v| v.nanosecond()), Some(470_755_200));
        assert!(!Timestamp::parse("").is_valid());
        assert_eq!(
            Timestamp::parse("2024-05-01T10:30:12+02:00").value(),
            Timestamp::parse("2024-05-01T08:30:12Z").value()
        );
        assert_eq!(Timestamp::parse("2024-05-01T08:30:12").value().map(|v| v.hour()), Some(8));
        assert!(::serde_json::from_str::<Timestamp>("3").is_err());
    }

    #[test]
    fn values_set_in_code_are_written_in_rfc_3339() {
        let at = ::chrono::Utc.with_ymd_and_hms(2024, 5, 1, 8, 30, 12).unwrap();
        assert_eq!(Timestamp::from(at).as_str(), "2024-05-01T08:30:12Z");
        let day = ::chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(Date::from(day).to_string(), "2024-02-29");
        assert_eq!(Date::parse("2024-02-29").value(), Some(day));
        assert_eq!("x".parse::<Date>().map(|d| d.is_valid()), Ok(false));
        assert_eq!(Timestamp::default().as_str(), "1970-01-01T00:00:00Z");
        assert_eq!(Date::default().as_str(), "1970-01-01");
    }
}
