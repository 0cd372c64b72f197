//! The Rust types of scalars: strings by their `format`, integers by their `format` and
//! their bounds.

use crate::ir::Type;
use openapiv3::{StringFormat, VariantOrUnknownOrEmpty};

pub(super) fn string_type(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Type {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Type::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Type::Date,
        VariantOrUnknownOrEmpty::Unknown(f) => match f.as_str() {
            "uuid" => Type::Uuid,
            "duration" => Type::Duration,
            "date-time" => Type::DateTime,
            "date" => Type::Date,
            _ => Type::String,
        },
        _ => Type::String,
    }
}

/// An integer whose bounds reach past 64 bits: the narrowest Rust type that holds every
/// value they allow.
///
/// Such a schema is read here, as a schema of any shape, because a bound did not fit `i64`
/// (the typed view reads integer bounds as `i64`): doubles near a limit round onto it, so
/// a bound on a limit counts as past it (`minimum: -9223372036854775809` reads as
/// `-2^63`), and the wider type is chosen, unless an explicit `format: int64` says the
/// limit is its own (`minimum: -9223372036854776000` is how JavaScript writes `i64::MIN`).
/// Without a minimum, negative values are allowed.
pub(super) fn wide_integer(by_format: Type, explicit: bool, minimum: Option<f64>, maximum: Option<f64>) -> Type {
    const I64: f64 = 9_223_372_036_854_775_808.0; // 2^63
    const U64: f64 = 18_446_744_073_709_551_616.0; // 2^64
    const I128: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0; // 2^127
    const U128: f64 = 340_282_366_920_938_463_463_374_607_431_768_211_456.0; // 2^128
    let negative = minimum.is_none_or(|m| m < 0.0);
    let mut low = minimum.map_or(0.0, |m| -m);
    let mut high = maximum.unwrap_or(0.0);
    if explicit && by_format == Type::I64 {
        // On i64's own limits (as a double): the format's.
        if low == I64 {
            low = 0.0;
        }
        if high == I64 {
            high = 0.0;
        }
    }
    if minimum.is_none() && maximum.is_none() {
        return by_format;
    }
    if low >= I128 || high >= U128 || (negative && high >= I128) {
        Type::BigInt
    } else if negative && (low >= I64 || high >= I64) {
        Type::I128
    } else if !negative && high >= U64 {
        Type::U128
    } else if !negative && high >= I64 {
        Type::U64
    } else {
        by_format
    }
}

pub(super) fn integer_type(format: &VariantOrUnknownOrEmpty<openapiv3::IntegerFormat>) -> Type {
    match format {
        VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => Type::I32,
        VariantOrUnknownOrEmpty::Unknown(f) => match f.as_str() {
            "int8" => Type::I8,
            "int16" => Type::I16,
            "uint8" => Type::U8,
            "uint16" => Type::U16,
            "uint32" => Type::U32,
            "uint64" => Type::U64,
            // int32 is a known variant; anything else (`integer`, `long`, …) keeps the widest.
            _ => Type::I64,
        },
        _ => Type::I64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_past_64_bits_choose_the_narrowest_type_that_holds_them() {
        let wide = |min: Option<f64>, max: Option<f64>| wide_integer(Type::I64, false, min, max);
        // Only the maximum past i64, the minimum at zero: u64.
        assert_eq!(wide(Some(0.0), Some(18_446_744_073_709_551_615.0 / 2.0 + 1.0)), Type::U64);
        // The bounds: the minimum one below i64's, the maximum one past u64's.
        assert_eq!(wide(Some(-9_223_372_036_854_775_809.0), Some(18_446_744_073_709_551_616.0)), Type::I128);
        assert_eq!(wide(Some(0.0), Some(18_446_744_073_709_551_616.0)), Type::U128);
        // No minimum: negative values are allowed.
        assert_eq!(wide(None, Some(10e18)), Type::I128);
        assert_eq!(wide(Some(-1e40), None), Type::BigInt);
        assert_eq!(wide(Some(0.0), Some(1e39)), Type::BigInt);
        // Bounds inside i64 keep the format's type.
        assert_eq!(wide_integer(Type::I32, true, Some(0.0), Some(10.0)), Type::I32);
        // JavaScript's i64::MIN with `format: int64`: the format's own limit.
        assert_eq!(wide_integer(Type::I64, true, Some(-9_223_372_036_854_776_000.0), None), Type::I64);
        assert_eq!(wide_integer(Type::U64, true, None, None), Type::U64);
    }
}
