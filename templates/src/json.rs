//! Support for lossless models: unknown properties and explicit `null`s survive a round trip.
//!
//! A model whose schema allows additional properties keeps every member it does not
//! know in an `additional_properties` map, and records a known member that arrived as
//! `null` in its [`Nulls`], so that re-serializing writes it back. Generated
//! `Deserialize` impls call [`known`] for each known member and [`unknown`] for the rest;
//! this avoids `#[serde(flatten)]`, which buffers the whole object and is slow.

/// The additional-properties map of an open model, in the order members arrived.
pub type Extra = ::serde_json::Map<String, ::serde_json::Value>;

/// What `Debug` shows for a credential (a member written `format: password`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl ::std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("<redacted>")
    }
}

pub use super::raw_text::Key;

/// Reads the value of a known member into `slot`; a `null` is remembered in `nulls`, so
/// that it is written back as `null` (without an allocation: the name is the model's own).
#[inline(always)]
pub fn known<'de, A, T>(
    map: &mut A,
    wire: &'static str,
    slot: &mut Option<T>,
    nulls: &mut Nulls,
) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    T: ::serde::Deserialize<'de>,
{
    match map.next_value::<Option<T>>()? {
        Some(value) => *slot = Some(value),
        None => {
            // The last value given wins, `null` included (`{"a":1,"a":null}` reads as `null`).
            *slot = None;
            nulls.insert(wire);
        }
    }
    Ok(())
}

/// The known members of a lossless model that are `null`: they arrived as `null`, or were
/// set so with `set_null`. Written back as `null` while their field has no value. Two sets
/// are equal when they hold the same members, in any order.
///
/// Beside them, the text of each unknown member whose value would be written otherwise
/// (an integer past 64 bits, `1.50`): written back as it came while the value is unchanged.
/// One list for both keeps every model's record as small as a `Vec` (most are empty).
#[derive(Clone, Default)]
pub struct Nulls(Vec<Came>);

/// How a member came: as `null`, or (a member the model does not know) with a text its
/// value would not write.
#[derive(Clone)]
enum Came {
    Null(&'static str),
    Text(Box<Kept>),
}

/// An unknown member's text, and its value as read (to tell whether it changed since).
#[derive(Clone)]
struct Kept {
    key: Box<str>,
    text: Box<str>,
    value: ::serde_json::Value,
}

impl Nulls {
    /// Marks the member `wire` as `null`.
    pub fn insert(&mut self, wire: &'static str) {
        if !self.contains(wire) {
            self.0.push(Came::Null(wire));
        }
    }

    /// Whether the member `wire` is marked `null`.
    pub fn contains(&self, wire: &str) -> bool {
        self.iter().any(|w| w == wire)
    }

    /// Unmarks the member `wire`.
    pub fn remove(&mut self, wire: &str) {
        self.0.retain(|came| !matches!(came, Came::Null(w) if *w == wire));
    }

    /// The members marked `null`, in the order they were marked.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().filter_map(|came| match came {
            Came::Null(wire) => Some(*wire),
            Came::Text(_) => None,
        })
    }

    /// Whether no member is marked.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The text the unknown member `key` came with, while its value is still `value`.
    pub fn text_of(&self, key: &str, value: &::serde_json::Value) -> Option<&str> {
        let kept = self.0.iter().rev().find_map(|came| match came {
            Came::Text(kept) if &*kept.key == key => Some(kept),
            _ => None,
        })?;
        (kept.value == *value).then_some(&*kept.text)
    }

    fn keep(&mut self, key: &str, text: Box<str>, value: &::serde_json::Value) {
        self.0.retain(|came| !matches!(came, Came::Text(kept) if &*kept.key == key));
        self.0.push(Came::Text(Box::new(Kept { key: key.into(), text, value: value.clone() })));
    }
}

impl PartialEq for Nulls {
    fn eq(&self, other: &Self) -> bool {
        self.iter().count() == other.iter().count() && self.iter().all(|w| other.contains(w))
    }
}

impl ::std::fmt::Debug for Nulls {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// Reads the value of a member the model does not know into `extra`, unchanged; its text
/// goes to `nulls` when writing the value would give other text.
pub fn unknown<'de, A>(map: &mut A, key: Key<'de>, extra: &mut Extra, nulls: &mut Nulls) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
{
    let super::raw_text::AsItCame { value, text } = map.next_value()?;
    if let Some(text) = text {
        nulls.keep(key.as_str(), text, &value);
    }
    extra.insert(key.into_owned(), value);
    Ok(())
}

/// An optional member of a lossless model `M`, named by one of its associated constants
/// (`SynchronizationJob::SCHEDULE`): what `set_null` and `is_null` take, so that a misspelt
/// member, or one of another model, does not compile.
pub struct Member<M> {
    wire: &'static str,
    model: ::std::marker::PhantomData<fn() -> M>,
}

impl<M> Member<M> {
    /// The member `wire` of `M`.
    pub const fn new(wire: &'static str) -> Self {
        Member { wire, model: ::std::marker::PhantomData }
    }

    /// Its name on the wire.
    pub fn wire(&self) -> &'static str {
        self.wire
    }
}

impl<M> Clone for Member<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Member<M> {}

impl<M> ::std::fmt::Debug for Member<M> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_tuple("Member").field(&self.wire).finish()
    }
}

/// Reads a known member of a model that has no additional-properties map.
#[inline(always)]
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

/// A type of exactly one JSON value (JSON Schema's `const`): generated as a unit struct
/// whose `Serialize` writes the value and whose `Deserialize` refuses any other.
pub trait Constant: Default {
    /// The value, as JSON text.
    const JSON: &'static str;
}

/// Writes a [`Constant`]'s value.
pub fn serialize_constant<C: Constant, S: ::serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    use ::serde::ser::Error as _;
    let value: ::serde_json::Value = ::serde_json::from_str(C::JSON).map_err(S::Error::custom)?;
    ::serde::Serialize::serialize(&value, serializer)
}

/// Reads a [`Constant`]: its value, and nothing else.
pub fn deserialize_constant<'de, C: Constant, D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<C, D::Error> {
    use ::serde::de::Error as _;
    let found: ::serde_json::Value = ::serde::Deserialize::deserialize(deserializer)?;
    let expected: ::serde_json::Value = ::serde_json::from_str(C::JSON).map_err(D::Error::custom)?;
    if found == expected {
        Ok(C::default())
    } else {
        Err(D::Error::custom(format_args!("expected the constant {}, found {found}", C::JSON)))
    }
}

/// What the models' macro does with a member that may be absent (its field is an `Option`).
/// The macro names this module or [`required`] by the member's kind, so that each member
/// costs the compiler one plain call rather than a nested macro expansion.
#[doc(hidden)]
pub mod optional {
    /// Writes the member's value, if it has one (models without [`Nulls`](super::Nulls)).
    #[inline(always)]
    pub fn write_plain<M, T>(map: &mut M, wire: &'static str, value: &Option<T>) -> Result<(), M::Error>
    where
        M: ::serde::ser::SerializeMap,
        T: ::serde::Serialize,
    {
        match value {
            Some(value) => map.serialize_entry(wire, value),
            None => Ok(()),
        }
    }

    /// Whether the field has a value (which a member of the same name in the map must not repeat).
    #[inline(always)]
    pub fn is_set<T>(value: &Option<T>) -> bool {
        value.is_some()
    }

    /// Clears the field (`set_null`).
    #[inline(always)]
    pub fn clear<T>(value: &mut Option<T>) {
        *value = None;
    }

    /// The field as read: absent is `None`.
    #[inline(always)]
    pub fn finish<T, E>(value: Option<T>, _wire: &'static str) -> Result<Option<T>, E> {
        Ok(value)
    }
}

/// What the models' macro does with a credential that may be absent: the same as
/// [`optional`] (only `Debug` differs, in [`Members::optional_secret`](super::members::Members::optional_secret)).
#[doc(hidden)]
pub mod optional_secret {
    pub use super::optional::*;
}

/// What the models' macro does with a credential that is always present; see [`required`].
#[doc(hidden)]
pub mod required_secret {
    pub use super::required::*;
}

/// What the models' macro does with a member that is always present; see [`optional`].
#[doc(hidden)]
pub mod required {
    /// Writes the member's value.
    #[inline(always)]
    pub fn write_plain<M, T>(map: &mut M, wire: &'static str, value: &T) -> Result<(), M::Error>
    where
        M: ::serde::ser::SerializeMap,
        T: ::serde::Serialize,
    {
        map.serialize_entry(wire, value)
    }

    /// Always: the member is always written.
    #[inline(always)]
    pub fn is_set<T>(_value: &T) -> bool {
        true
    }

    /// Nothing: a required member always has a value.
    #[inline(always)]
    pub fn clear<T>(_value: &mut T) {}

    /// The field as read: absent is an error that names the member.
    #[inline(always)]
    pub fn finish<T, E: ::serde::de::Error>(value: Option<T>, wire: &'static str) -> Result<T, E> {
        value.ok_or_else(|| E::missing_field(wire))
    }
}

/// Implements `Serialize` and `Deserialize` for a lossless model: one pass over the
/// keys, known members into their fields, explicit `null`s and unknown members into the
/// additional-properties map, written back after the fields they do not shadow. For the
/// open forms it implements `Debug` and `PartialEq` too (the struct derives the rest), as
/// `#[derive]` would but for credentials, which `Debug` shows as `<redacted>`.
///
/// Generated as `lossless_struct! { Job, additional_properties, explicit_nulls; optional id = "id" as ID, required kind = "@odata.type" }`:
/// the type, its map field and its [`Nulls`] field, then each field (`optional` ones are
/// `Option<T>`; `optional_secret` and `required_secret` are credentials) with its
/// wire name and, for optional ones, the associated constant that names the member for
/// `set_null`/`is_null` (explicit `null`s in updates). `in_place Job, …` is the same for a
/// model with no required member that derives `Default`: it is read into its default value
/// by the runtime's one visitor ([`read_in_place`](super::members::read_in_place)) instead of a visitor of its own. Two more
/// forms serve the other kinds of object: `closed Point; …` (members it does not name are
/// skipped) and `map Labels, additional_properties; …` (they are values of one type, in a
/// `BTreeMap`). A macro rather than written-out impls keeps generated files short and quick
/// to generate and to compile, and the model is always named as `self::Name` or `Self`, so
/// a model called `Visitor` or `A` is not shadowed by the helper type or the generic
/// parameter the impls declare.
///
/// What rustc pays for this is most of what a models file costs it (bench section 10), so
/// the expansion is kept small and flat: a member's kind picks the function that handles it
/// (a plain call, not a nested macro per member); an open model spells its members out
/// twice, once to read them (a `match` on the key) and once to list them
/// ([`Lossless::write_members`](super::members::Lossless::write_members)), and everything else is generic code in `members` that
/// rustc checks once rather than once per model: writing ([`write_lossless`](super::members::write_lossless)), `is_null`
/// ([`is_null`](super::members::is_null), over the list), `Debug` ([`debug_lossless`](super::members::debug_lossless)), `PartialEq`
/// ([`eq_lossless`](super::members::eq_lossless)), `set_null` of a model read in place ([`clear_in_place`](super::members::clear_in_place),
/// which reads a `null` into the member), and the visitor of those models ([`read_in_place`](super::members::read_in_place)).
#[allow(unused_macros)]
macro_rules! lossless_struct {
    // A closed model (`additionalProperties: false`): unknown members are skipped.
    (closed $name:ident; $($kind:ident $field:ident = $wire:literal),* $(,)?) => {
        const _: () = {
            use crate::runtime::json as rt;

            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap as _;
                    #[allow(unused_mut, reason = "a model without members writes none")]
                    let mut map = serializer.serialize_map(::std::option::Option::None)?;
                    $( rt::$kind::write_plain(&mut map, $wire, &self.$field)?; )*
                    map.end()
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    struct Visitor;
                    impl<'de> ::serde::de::Visitor<'de> for Visitor {
                        type Value = self::$name;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(concat!("a ", stringify!($name), " object"))
                        }
                        fn visit_map<A: ::serde::de::MapAccess<'de>>(
                            self,
                            mut access: A,
                        ) -> ::std::result::Result<self::$name, A::Error> {
                            $( let mut $field = ::std::option::Option::None; )*
                            while let ::std::option::Option::Some(key) = access.next_key::<rt::Key<'de>>()? {
                                match key.as_str() {
                                    $( $wire => rt::closed(&mut access, &mut $field)?, )*
                                    _ => rt::skip(&mut access)?,
                                }
                            }
                            ::std::result::Result::Ok(self::$name {
                                $( $field: rt::$kind::finish($field, $wire)?, )*
                            })
                        }
                    }
                    deserializer.deserialize_map(Visitor)
                }
            }
        };
    };
    // Unknown members are values of one type (`additionalProperties: {schema}`), kept in
    // the map field; a known member's `null` reads as absent.
    (map $name:ident, $extra:ident; $($kind:ident $field:ident = $wire:literal),* $(,)?) => {
        const _: () = {
            use crate::runtime::json as rt;

            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(::std::option::Option::None)?;
                    $( rt::$kind::write_plain(&mut map, $wire, &self.$field)?; )*
                    for (key, value) in &self.$extra {
                        let shadowed = match key.as_str() {
                            $( $wire => rt::$kind::is_set(&self.$field), )*
                            _ => false,
                        };
                        if !shadowed {
                            map.serialize_entry(key, value)?;
                        }
                    }
                    map.end()
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    struct Visitor;
                    impl<'de> ::serde::de::Visitor<'de> for Visitor {
                        type Value = self::$name;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(concat!("a ", stringify!($name), " object"))
                        }
                        fn visit_map<A: ::serde::de::MapAccess<'de>>(
                            self,
                            mut access: A,
                        ) -> ::std::result::Result<self::$name, A::Error> {
                            $( let mut $field = ::std::option::Option::None; )*
                            let mut extra = ::std::collections::BTreeMap::new();
                            while let ::std::option::Option::Some(key) = access.next_key::<rt::Key<'de>>()? {
                                match key.as_str() {
                                    $( $wire => rt::closed(&mut access, &mut $field)?, )*
                                    _ => {
                                        let value = access.next_value()?;
                                        extra.insert(key.into_owned(), value);
                                    }
                                }
                            }
                            ::std::result::Result::Ok(self::$name {
                                $( $field: rt::$kind::finish($field, $wire)?, )*
                                $extra: extra,
                            })
                        }
                    }
                    deserializer.deserialize_map(Visitor)
                }
            }
        };
    };
    // An open model whose fields all start empty (every member optional, the struct
    // `Default`): read into `Default::default()` by the runtime's one visitor, so the model
    // itself only says where each member goes.
    (in_place $name:ident, $extra:ident, $nulls:ident; $($kind:ident $field:ident = $wire:literal $(as $member:ident)?),* $(,)?) => {
        crate::runtime::json::lossless_struct!(@open $name, $extra, $nulls; $($kind $field = $wire $(as $member)?),*);
        const _: () = {
            use crate::runtime::json as rt;
            use crate::runtime::members as lm;

            impl $name {
                /// Sends `member` as an explicit `null` (its value, if any, is cleared): how a
                /// PATCH clears a property. Setting the field again later sends the value.
                pub fn set_null(&mut self, member: rt::Member<Self>) {
                    lm::clear_in_place(self, member.wire());
                    self.$nulls.insert(member.wire());
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    lm::read_in_place(deserializer, stringify!($name))
                }
            }

            impl lm::ReadInPlace for $name {
                fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                    &mut self,
                    key: rt::Key<'de>,
                    access: &mut A,
                ) -> ::std::result::Result<(), A::Error> {
                    match key.as_str() {
                        $( $wire => rt::known(access, $wire, &mut self.$field, &mut self.$nulls), )*
                        _ => rt::unknown(access, key, &mut self.$extra, &mut self.$nulls),
                    }
                }
            }
        };
    };
    // Any other open model: its members are read into locals, then checked and moved in.
    ($name:ident, $extra:ident, $nulls:ident; $($kind:ident $field:ident = $wire:literal $(as $member:ident)?),* $(,)?) => {
        crate::runtime::json::lossless_struct!(@open $name, $extra, $nulls; $($kind $field = $wire $(as $member)?),*);
        const _: () = {
            use crate::runtime::json as rt;

            impl $name {
                /// Sends `member` as an explicit `null` (its value, if any, is cleared): how a
                /// PATCH clears a property. Setting the field again later sends the value.
                pub fn set_null(&mut self, member: rt::Member<Self>) {
                    match member.wire() {
                        $( $wire => rt::$kind::clear(&mut self.$field), )*
                        _ => {}
                    }
                    self.$nulls.insert(member.wire());
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    // The model is named `self::$name`: a model called `Visitor` or `A` must not
                    // be shadowed by this helper type or the generic parameter below.
                    struct Visitor;
                    impl<'de> ::serde::de::Visitor<'de> for Visitor {
                        type Value = self::$name;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(concat!("a ", stringify!($name), " object"))
                        }
                        fn visit_map<A: ::serde::de::MapAccess<'de>>(
                            self,
                            mut access: A,
                        ) -> ::std::result::Result<self::$name, A::Error> {
                            $( let mut $field = ::std::option::Option::None; )*
                            let mut extra = rt::Extra::new();
                            #[allow(unused_mut, reason = "a model without fields never records a null")]
                            let mut nulls = rt::Nulls::default();
                            while let ::std::option::Option::Some(key) = access.next_key::<rt::Key<'de>>()? {
                                match key.as_str() {
                                    $( $wire => rt::known(&mut access, $wire, &mut $field, &mut nulls)?, )*
                                    _ => rt::unknown(&mut access, key, &mut extra, &mut nulls)?,
                                }
                            }
                            ::std::result::Result::Ok(self::$name {
                                $( $field: rt::$kind::finish($field, $wire)?, )*
                                $extra: extra,
                                $nulls: nulls,
                            })
                        }
                    }
                    deserializer.deserialize_map(Visitor)
                }
            }
        };
    };
    // What both open forms share: the members' constants, `is_null`, `Serialize`, `Debug`
    // and `PartialEq` (the runtime's functions over the one list of members,
    // `write_members`).
    (@open $name:ident, $extra:ident, $nulls:ident; $($kind:ident $field:ident = $wire:literal $(as $member:ident)?),*) => {
        const _: () = {
            // Generated crates keep the runtime at `crate::runtime` (this crate's tests alias it).
            use crate::runtime::json as rt;
            use crate::runtime::members as lm;

            impl $name {
                $($(
                    /// Names this member for [`set_null`](Self::set_null) and [`is_null`](Self::is_null).
                    pub const $member: rt::Member<Self> = rt::Member::new($wire);
                )?)*

                /// Whether `member` is `null`: it arrived as `null`, or was set so, and has no
                /// value since.
                pub fn is_null(&self, member: rt::Member<Self>) -> bool {
                    lm::is_null(self, member.wire(), &self.$nulls, &self.$extra)
                }
            }

            impl lm::Lossless for $name {
                fn write_members<'m, W: lm::Members<'m>>(&'m self, members: &mut W) {
                    $( members.$kind($wire, stringify!($field), &self.$field); )*
                    let _ = members;
                }
            }

            impl ::std::fmt::Debug for $name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    lm::debug_lossless(self, f, stringify!($name), [stringify!($extra), stringify!($nulls)], &self.$extra, &self.$nulls)
                }
            }

            impl ::std::cmp::PartialEq for $name {
                fn eq(&self, other: &Self) -> bool {
                    lm::eq_lossless(self, other, [&self.$extra, &other.$extra], [&self.$nulls, &other.$nulls])
                }
            }

            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    lm::write_lossless(self, &self.$extra, &self.$nulls, serializer)
                }
            }
        };
    };
}
#[allow(unused_imports)]
pub(crate) use lossless_struct;

#[cfg(test)]
mod tests;
