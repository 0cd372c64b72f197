//! Support for lossless models: unknown properties and explicit `null`s survive a round trip.
//!
//! A model whose schema allows additional properties keeps every member it does not
//! know in an `additional_properties` map, and a known member that arrived as `null`
//! is recorded there too (as `null`), so that re-serializing writes it back. Generated
//! `Deserialize` impls call [`known`] for each known member and [`unknown`] for the rest;
//! this avoids `#[serde(flatten)]`, which buffers the whole object and is slow.

/// The additional-properties map of an open model, in the order members arrived.
pub type Extra = ::serde_json::Map<String, ::serde_json::Value>;

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

/// Reads the value of a known member into `slot`; a `null` is remembered in `extra`
/// so that it is written back as `null`.
pub fn known<'de, A, T>(map: &mut A, key: Key<'de>, slot: &mut Option<T>, extra: &mut Extra) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    T: ::serde::Deserialize<'de>,
{
    match map.next_value::<Option<T>>()? {
        Some(value) => *slot = Some(value),
        None => {
            extra.insert(key.into_owned(), ::serde_json::Value::Null);
        }
    }
    Ok(())
}

/// Reads the value of a member the model does not know into `extra`, unchanged.
pub fn unknown<'de, A>(map: &mut A, key: Key<'de>, extra: &mut Extra) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
{
    let value = map.next_value::<::serde_json::Value>()?;
    extra.insert(key.into_owned(), value);
    Ok(())
}

/// Reads a known member of a model that has no additional-properties map.
pub fn closed<'de, A, T>(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    T: ::serde::Deserialize<'de>,
{
    if let Some(value) = map.next_value::<Option<T>>()? {
        *slot = Some(value);
    }
    Ok(())
}

/// Skips the value of a member a closed model does not know.
pub fn skip<'de, A>(map: &mut A) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
{
    map.next_value::<::serde::de::IgnoredAny>().map(|_| ())
}

/// The error for a required member that is absent.
pub fn missing<E: ::serde::de::Error>(name: &'static str) -> E {
    E::missing_field(name)
}
