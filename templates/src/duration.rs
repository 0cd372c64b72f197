//! ISO 8601 durations (`format: duration`), kept exactly as they were written.

use ::std::fmt;
use ::std::str::FromStr;

/// An ISO 8601 duration such as `P10675199DT2H48M5.4775807S`.
///
/// Graph reports durations as strings; a plain `String` loses the type and a
/// `std::time::Duration` loses the text (`PT60S` and `PT1M` are different strings, and
/// `P1M` has no fixed length). This type stores every component that was present, so
/// what is read is written back byte for byte, and converts to a
/// [`std::time::Duration`] when the value has a fixed length.
///
/// Equality is structural: `PT1M` and `PT60S` are different values, as they are on
/// the wire. Compare [`IsoDuration::to_std`] results to compare lengths.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IsoDuration {
    negative: bool,
    years: Option<u64>,
    months: Option<u64>,
    weeks: Option<u64>,
    days: Option<u64>,
    hours: Option<u64>,
    minutes: Option<u64>,
    seconds: Option<Seconds>,
}

/// Seconds with the fraction exactly as written (`5.4775807` keeps seven digits).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Seconds {
    whole: u64,
    /// The digits after the decimal point, as written (possibly with trailing zeros).
    fraction: String,
}

/// Why a string is not an ISO 8601 duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDurationError {
    input: String,
    reason: &'static str,
}

impl fmt::Display for ParseDurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an ISO 8601 duration: {}", self.input, self.reason)
    }
}

impl ::std::error::Error for ParseDurationError {}

/// Why a duration has no fixed length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToStdError {
    /// Years and months have no fixed length.
    Calendar,
    /// `std::time::Duration` cannot be negative.
    Negative,
    /// The total does not fit in a `std::time::Duration`.
    Overflow,
}

impl fmt::Display for ToStdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ToStdError::Calendar => "a duration with years or months has no fixed length",
            ToStdError::Negative => "a negative duration has no std::time::Duration",
            ToStdError::Overflow => "the duration is too long for std::time::Duration",
        })
    }
}

impl ::std::error::Error for ToStdError {}

impl Default for IsoDuration {
    /// `PT0S`.
    fn default() -> Self {
        IsoDuration::from_std(::std::time::Duration::ZERO)
    }
}

impl IsoDuration {
    /// The duration written with days, hours, minutes and seconds (`P1DT2H3.5S`);
    /// zero is `PT0S`.
    pub fn from_std(duration: ::std::time::Duration) -> Self {
        let total = duration.as_secs();
        let nanos = duration.subsec_nanos();
        let nonzero = |v: u64| (v != 0).then_some(v);
        let (days, rest) = (total / 86_400, total % 86_400);
        let (hours, minutes, secs) = (rest / 3_600, rest % 3_600 / 60, rest % 60);
        let fraction = if nanos == 0 { String::new() } else { format!("{nanos:09}").trim_end_matches('0').to_owned() };
        let has_seconds = secs != 0 || nanos != 0 || total == 0;
        IsoDuration {
            negative: false,
            years: None,
            months: None,
            weeks: None,
            days: nonzero(days),
            hours: nonzero(hours),
            minutes: nonzero(minutes),
            seconds: has_seconds.then_some(Seconds { whole: secs, fraction }),
        }
    }

    /// The fixed length of this duration (a week is 7 days, a day 24 hours).
    ///
    /// Fractions beyond nanoseconds are truncated.
    pub fn to_std(&self) -> Result<::std::time::Duration, ToStdError> {
        if self.years.is_some_and(|v| v != 0) || self.months.is_some_and(|v| v != 0) {
            return Err(ToStdError::Calendar);
        }
        let mut secs: u64 = 0;
        for (value, unit) in [(self.weeks, 604_800u64), (self.days, 86_400), (self.hours, 3_600), (self.minutes, 60)] {
            let part = value.unwrap_or(0).checked_mul(unit).ok_or(ToStdError::Overflow)?;
            secs = secs.checked_add(part).ok_or(ToStdError::Overflow)?;
        }
        let mut nanos: u32 = 0;
        if let Some(s) = &self.seconds {
            secs = secs.checked_add(s.whole).ok_or(ToStdError::Overflow)?;
            for (i, digit) in s.fraction.bytes().take(9).enumerate() {
                nanos += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
            }
        }
        let duration = ::std::time::Duration::new(secs, nanos);
        if self.negative && !duration.is_zero() {
            return Err(ToStdError::Negative);
        }
        Ok(duration)
    }

    /// Whether the duration was written with a leading `-`.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The years component (0 when absent).
    pub fn years(&self) -> u64 {
        self.years.unwrap_or(0)
    }

    /// The months component (0 when absent).
    pub fn months(&self) -> u64 {
        self.months.unwrap_or(0)
    }

    /// The weeks component (0 when absent).
    pub fn weeks(&self) -> u64 {
        self.weeks.unwrap_or(0)
    }

    /// The days component (0 when absent).
    pub fn days(&self) -> u64 {
        self.days.unwrap_or(0)
    }

    /// The hours component (0 when absent).
    pub fn hours(&self) -> u64 {
        self.hours.unwrap_or(0)
    }

    /// The minutes component (0 when absent).
    pub fn minutes(&self) -> u64 {
        self.minutes.unwrap_or(0)
    }

    /// The whole seconds component (0 when absent).
    pub fn seconds(&self) -> u64 {
        self.seconds.as_ref().map_or(0, |s| s.whole)
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        for (value, unit) in [(self.years, 'Y'), (self.months, 'M'), (self.weeks, 'W'), (self.days, 'D')] {
            if let Some(v) = value {
                write!(f, "{v}{unit}")?;
            }
        }
        if self.hours.is_some() || self.minutes.is_some() || self.seconds.is_some() {
            f.write_str("T")?;
            for (value, unit) in [(self.hours, 'H'), (self.minutes, 'M')] {
                if let Some(v) = value {
                    write!(f, "{v}{unit}")?;
                }
            }
            if let Some(s) = &self.seconds {
                write!(f, "{}", s.whole)?;
                if !s.fraction.is_empty() {
                    write!(f, ".{}", s.fraction)?;
                }
                f.write_str("S")?;
            }
        }
        Ok(())
    }
}

impl FromStr for IsoDuration {
    type Err = ParseDurationError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| ParseDurationError { input: input.to_owned(), reason };
        let (negative, rest) = match input.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, input.strip_prefix('+').unwrap_or(input)),
        };
        let rest = rest.strip_prefix('P').ok_or_else(|| fail("it must start with `P`"))?;
        let (date, time) = match rest.split_once('T') {
            Some((_, "")) => return Err(fail("`T` must be followed by a time component")),
            Some((date, time)) => (date, Some(time)),
            None => (rest, None),
        };
        let mut out = IsoDuration {
            negative,
            years: None,
            months: None,
            weeks: None,
            days: None,
            hours: None,
            minutes: None,
            seconds: None,
        };
        let mut order = 0;
        for (number, unit) in components(date).map_err(fail)? {
            let (rank, slot) = match unit {
                'Y' => (1, &mut out.years),
                'M' => (2, &mut out.months),
                'W' => (3, &mut out.weeks),
                'D' => (4, &mut out.days),
                _ => return Err(fail("a date part may only hold Y, M, W and D")),
            };
            if rank <= order {
                return Err(fail("components must appear once each, in the order Y M W D"));
            }
            order = rank;
            *slot = Some(whole(number).map_err(fail)?);
        }
        order = 0;
        for (number, unit) in time.map(components).transpose().map_err(fail)?.unwrap_or_default() {
            let rank = match unit {
                'H' => 1,
                'M' => 2,
                'S' => 3,
                _ => return Err(fail("a time part may only hold H, M and S")),
            };
            if rank <= order {
                return Err(fail("components must appear once each, in the order H M S"));
            }
            order = rank;
            match unit {
                'H' => out.hours = Some(whole(number).map_err(fail)?),
                'M' => out.minutes = Some(whole(number).map_err(fail)?),
                _ => out.seconds = Some(seconds(number).map_err(fail)?),
            }
        }
        if out == (IsoDuration { negative, ..IsoDuration::empty() }) {
            return Err(fail("it has no components"));
        }
        Ok(out)
    }
}

impl IsoDuration {
    fn empty() -> Self {
        IsoDuration {
            negative: false,
            years: None,
            months: None,
            weeks: None,
            days: None,
            hours: None,
            minutes: None,
            seconds: None,
        }
    }
}

/// Splits `1D2H` into `[("1", 'D'), ("2", 'H')]`.
fn components(text: &str) -> Result<Vec<(&str, char)>, &'static str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() || c == '.' {
            continue;
        }
        if i == start {
            return Err("every component needs a number before its letter");
        }
        out.push((&text[start..i], c));
        start = i + c.len_utf8();
    }
    if start != text.len() {
        return Err("a number must be followed by its unit letter");
    }
    Ok(out)
}

fn whole(number: &str) -> Result<u64, &'static str> {
    if number.contains('.') {
        return Err("only seconds may have a fraction");
    }
    number.parse().map_err(|_| "a component is too large")
}

fn seconds(number: &str) -> Result<Seconds, &'static str> {
    let (whole_part, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole_part.is_empty() || (number.contains('.') && fraction.is_empty()) || fraction.contains('.') {
        return Err("seconds must look like `5` or `5.25`");
    }
    Ok(Seconds { whole: whole(whole_part)?, fraction: fraction.to_owned() })
}

impl ::serde::Serialize for IsoDuration {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for IsoDuration {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl ::serde::de::Visitor<'_> for Visit {
            type Value = IsoDuration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 duration string such as `PT1H30M`")
            }
            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<IsoDuration, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::time::Duration;

    #[test]
    fn text_round_trips_exactly() {
        for text in [
            "P10675199DT2H48M5.4775807S",
            "PT1M",
            "PT60S",
            "P1M",
            "P1Y2M3W4DT5H6M7S",
            "PT0S",
            "PT1.50S",
            "-PT5M",
            "P0D",
            "PT36H",
        ] {
            let d: IsoDuration = text.parse().unwrap();
            assert_eq!(d.to_string(), text);
            let json = ::serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(::serde_json::from_str::<IsoDuration>(&json).unwrap(), d);
        }
    }

    #[test]
    fn lengths_convert_to_std() {
        let max: IsoDuration = "P10675199DT2H48M5.4775807S".parse().unwrap();
        assert_eq!(max.to_std().unwrap(), Duration::new(922_337_203_685, 477_580_700));
        assert_eq!("P1W".parse::<IsoDuration>().unwrap().to_std().unwrap(), Duration::from_secs(604_800));
        assert_eq!("P1M".parse::<IsoDuration>().unwrap().to_std(), Err(ToStdError::Calendar));
        assert_eq!("-PT1S".parse::<IsoDuration>().unwrap().to_std(), Err(ToStdError::Negative));
        let from = IsoDuration::from_std(Duration::new(90_061, 500_000_000));
        assert_eq!(from.to_string(), "P1DT1H1M1.5S");
        assert_eq!(from.to_std().unwrap(), Duration::new(90_061, 500_000_000));
        assert_eq!(IsoDuration::default().to_string(), "PT0S");
        assert_eq!(from.days() + from.hours() + from.minutes() + from.seconds(), 4);
    }

    #[test]
    fn malformed_text_is_rejected_with_a_reason() {
        for bad in
            ["", "P", "PT", "1D", "P1", "PD", "P1H", "PT1D", "P1D1Y", "PT1.5M", "PT1.S", "P1DT", "PT1..2S", "P1Dx"]
        {
            let err = bad.parse::<IsoDuration>().unwrap_err();
            assert!(err.to_string().contains("is not an ISO 8601 duration"), "{bad}: {err}");
        }
        let err = ::serde_json::from_str::<IsoDuration>("\"soon\"").unwrap_err();
        assert!(err.to_string().contains("`soon`"), "{err}");
        assert!(::serde_json::from_str::<IsoDuration>("5").is_err());
    }
}
