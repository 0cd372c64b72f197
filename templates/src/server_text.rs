//! A parameter's text read into its type (feature `server`): what `to_http` wrote as text
//! (a path segment, a query value, a header, a form field), read back by serde: numbers
//! and booleans parsed, strings, dates and enums' wire values taken as they are, a list
//! from its items. The inverse of the operations' `text_of`.

use ::serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use ::std::borrow::Cow;

/// Why a text is not a value of the type asked for: a message that names what was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError(pub String);

impl ::std::fmt::Display for TextError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::std::error::Error for TextError {}

impl de::Error for TextError {
    fn custom<T: ::std::fmt::Display>(message: T) -> Self {
        TextError(message.to_string())
    }
}

/// Texts read as one value: a scalar from the first, a list (a sequence) from all of them.
#[derive(Debug, Clone)]
pub struct Texts<'a>(pub Vec<Cow<'a, str>>);

impl<'a> Texts<'a> {
    /// One text.
    pub fn one(text: impl Into<Cow<'a, str>>) -> Self {
        Texts(vec![text.into()])
    }

    /// Reads them into `T`.
    pub fn read<T: ::serde::de::DeserializeOwned>(self) -> Result<T, TextError> {
        T::deserialize(self)
    }

    fn first(&self) -> &str {
        self.0.first().map_or("", |t| t.as_ref())
    }

    fn parse<T: ::std::str::FromStr>(&self, what: &str) -> Result<T, TextError> {
        let text = self.first();
        text.parse().map_err(|_| TextError(format!("`{text}` is not {what}")))
    }
}

/// One text as a deserializer (an item of a list).
struct One<'a>(Cow<'a, str>);

impl<'de, 'a> IntoDeserializer<'de, TextError> for One<'a> {
    type Deserializer = Texts<'a>;
    fn into_deserializer(self) -> Texts<'a> {
        Texts(vec![self.0])
    }
}

/// `deserialize_<number>`: the text parsed as that number.
macro_rules! numbers {
    ($($method:ident $visit:ident $ty:ty, $what:literal;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
                visitor.$visit(self.parse::<$ty>($what)?)
            }
        )*
    };
}

impl<'de, 'a> Deserializer<'de> for Texts<'a> {
    type Error = TextError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        match self.0.len() {
            1 => visitor.visit_str(self.first()),
            _ => self.deserialize_seq(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        match self.first() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            other => Err(TextError(format!("`{other}` is not `true` or `false`"))),
        }
    }

    numbers! {
        deserialize_i8 visit_i8 i8, "an integer (8 bits)";
        deserialize_i16 visit_i16 i16, "an integer (16 bits)";
        deserialize_i32 visit_i32 i32, "an integer (32 bits)";
        deserialize_i64 visit_i64 i64, "an integer";
        deserialize_i128 visit_i128 i128, "an integer";
        deserialize_u8 visit_u8 u8, "a non-negative integer (8 bits)";
        deserialize_u16 visit_u16 u16, "a non-negative integer (16 bits)";
        deserialize_u32 visit_u32 u32, "a non-negative integer (32 bits)";
        deserialize_u64 visit_u64 u64, "a non-negative integer";
        deserialize_u128 visit_u128 u128, "a non-negative integer";
        deserialize_f32 visit_f32 f32, "a number";
        deserialize_f64 visit_f64 f64, "a number";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TextError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        let items = self.0.into_iter().map(One);
        visitor.visit_seq(de::value::SeqDeserializer::new(items))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TextError> {
        visitor.visit_enum(self.first().to_owned().into_deserializer())
    }

    ::serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct tuple tuple_struct map struct identifier ignored_any
    }
}

/// Reads form pairs (`a=1&b=x`, already decoded) into `T`: each member from its pairs'
/// texts, a member repeated as a list.
pub fn read_pairs<T: ::serde::de::DeserializeOwned>(pairs: &[(String, String)]) -> Result<T, TextError> {
    let mut members: Vec<(&str, Vec<Cow<'_, str>>)> = Vec::new();
    for (name, value) in pairs {
        match members.iter_mut().find(|(n, _)| n == name) {
            Some((_, values)) => values.push(Cow::Borrowed(value.as_str())),
            None => members.push((name.as_str(), vec![Cow::Borrowed(value.as_str())])),
        }
    }
    let map = de::value::MapDeserializer::new(members.into_iter().map(|(name, values)| (name, Texts(values))));
    T::deserialize(map)
}

impl<'de, 'a> IntoDeserializer<'de, TextError> for Texts<'a> {
    type Deserializer = Texts<'a>;
    fn into_deserializer(self) -> Texts<'a> {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    enum Colour {
        #[serde(rename = "dark-red")]
        DarkRed,
    }

    #[test]
    fn texts_are_read_as_their_types() {
        assert_eq!(Texts::one("42").read::<i64>(), Ok(42));
        assert_eq!(Texts::one("-1.5").read::<f64>(), Ok(-1.5));
        assert_eq!(Texts::one("true").read::<bool>(), Ok(true));
        assert_eq!(Texts::one("a b").read::<String>(), Ok("a b".to_owned()));
        assert_eq!(Texts::one("dark-red").read::<Colour>(), Ok(Colour::DarkRed));
        assert_eq!(Texts::one("7").read::<Option<u8>>(), Ok(Some(7)));
        let list = Texts(vec!["1".into(), "2".into()]);
        assert_eq!(list.read::<Vec<i32>>(), Ok(vec![1, 2]));
    }

    #[test]
    fn a_text_of_another_type_names_itself() {
        assert_eq!(Texts::one("ten").read::<i64>().unwrap_err().0, "`ten` is not an integer");
        assert_eq!(Texts::one("yes").read::<bool>().unwrap_err().0, "`yes` is not `true` or `false`");
        assert!(Texts::one("300").read::<u8>().is_err());
        assert!(Texts::one("blue").read::<Colour>().unwrap_err().0.contains("blue"));
    }

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct Form {
        reason: String,
        notify: Option<bool>,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn form_pairs_are_read_into_a_struct() {
        let pairs = [("reason", "a & b"), ("notify", "true"), ("tags", "x"), ("tags", "y")]
            .map(|(n, v)| (n.to_owned(), v.to_owned()));
        let form: Form = read_pairs(&pairs).expect("read");
        assert_eq!(form, Form { reason: "a & b".into(), notify: Some(true), tags: vec!["x".into(), "y".into()] });
        let missing = read_pairs::<Form>(&[]).unwrap_err();
        assert!(missing.0.contains("reason"), "{missing}");
    }
}
