//! Open string enums: every generated enum keeps values it does not know.

/// A string enum whose set of values is open.
///
/// Microsoft Graph (and most real APIs) add enum members over time and announce
/// `unknownFutureValue`; a closed Rust enum would turn such a response into a
/// deserialization error. Generated enums therefore carry a fallback variant that keeps
/// the unknown string, and this trait is the conversion both ways.
pub trait WireEnum: Sized {
    /// The value as it is written on the wire.
    fn as_wire(&self) -> &str;
    /// The member for a wire value; an unknown value lands in the fallback variant.
    fn from_wire(value: &str) -> Self;
}

/// Serializes any [`WireEnum`] as its wire string (used by generated `Serialize` impls).
pub fn serialize<E: WireEnum, S: ::serde::Serializer>(value: &E, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_wire())
}

/// Deserializes any [`WireEnum`] from a string, borrowing it when the input allows.
pub fn deserialize<'de, E: WireEnum, D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    struct Visit<E>(::std::marker::PhantomData<E>);
    impl<'de, E: WireEnum> ::serde::de::Visitor<'de> for Visit<E> {
        type Value = E;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<Er: ::serde::de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(E::from_wire(v))
        }
    }
    deserializer.deserialize_str(Visit(::std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }
    impl WireEnum for Color {
        fn as_wire(&self) -> &str {
            match self {
                Color::Red => "red",
                Color::Other(s) => s,
            }
        }
        fn from_wire(value: &str) -> Self {
            match value {
                "red" => Color::Red,
                other => Color::Other(other.to_owned()),
            }
        }
    }

    #[test]
    fn unknown_values_round_trip() {
        let mut de = ::serde_json::Deserializer::from_str("\"unknownFutureValue\"");
        let c: Color = deserialize(&mut de).unwrap();
        assert_eq!(c, Color::Other("unknownFutureValue".into()));
        let out = serialize(&c, ::serde_json::value::Serializer).unwrap();
        assert_eq!(out, ::serde_json::json!("unknownFutureValue"));
        let mut de = ::serde_json::Deserializer::from_str("\"red\"");
        assert_eq!(deserialize::<Color, _>(&mut de).unwrap(), Color::Red);
    }
}
