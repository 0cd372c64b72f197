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
        None => nulls.insert(wire),
    }
    Ok(())
}

/// The known members of a lossless model that are `null`: they arrived as `null`, or were
/// set so with `set_null`. Written back as `null` while their field has no value. Two sets
/// are equal when they hold the same members, in any order.
#[derive(Clone, Default)]
pub struct Nulls(Vec<&'static str>);

impl Nulls {
    /// Marks the member `wire` as `null`.
    pub fn insert(&mut self, wire: &'static str) {
        if !self.contains(wire) {
            self.0.push(wire);
        }
    }

    /// Whether the member `wire` is marked `null`.
    pub fn contains(&self, wire: &str) -> bool {
        self.0.iter().copied().any(|w| w == wire)
    }

    /// Unmarks the member `wire`.
    pub fn remove(&mut self, wire: &str) {
        self.0.retain(|w| *w != wire);
    }

    /// The members marked `null`, in the order they were marked.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }

    /// Whether no member is marked.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Nulls {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().all(|w| other.contains(w))
    }
}

impl ::std::fmt::Debug for Nulls {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_set().entries(self.0.iter()).finish()
    }
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

/// Implements `Serialize` and `Deserialize` for a lossless model: one pass over the
/// keys, known members into their fields, explicit `null`s and unknown members into the
/// additional-properties map, written back after the fields they do not shadow.
///
/// Generated as `lossless_struct! { Job, additional_properties, explicit_nulls; optional id = "id" as ID, required kind = "@odata.type" }`:
/// the type, its map field and its [`Nulls`] field, then each field (`optional` ones are `Option<T>`) with its
/// wire name and, for optional ones, the associated constant that names the member for
/// `set_null`/`is_null` (explicit `null`s in updates). Two more forms serve the other kinds of object: `closed Point; …` (members it
/// does not name are skipped) and `map Labels, additional_properties; …` (they are values
/// of one type, in a `BTreeMap`). A macro rather than written-out impls keeps generated
/// files short and quick to generate and to compile, and the model is always named as
/// `self::Name`, so a model called `Visitor` or `A` is not shadowed by the helper type or
/// the generic parameter the impls declare.
#[allow(unused_macros)]
macro_rules! lossless_struct {
    // A closed model (`additionalProperties: false`): unknown members are skipped.
    (closed $name:ident; $($kind:ident $field:ident = $wire:literal),* $(,)?) => {
        const _: () = {
            use crate::runtime::json as rt;

            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    rt::lossless_struct!(@closed_ser self serializer; $($kind $field = $wire),*)
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
                                $( $field: rt::lossless_struct!(@get $kind $field $wire A), )*
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
                    $( rt::lossless_struct!(@ser $kind map self $field $wire); )*
                    for (key, value) in &self.$extra {
                        let shadowed = match key.as_str() {
                            $( $wire => rt::lossless_struct!(@set $kind self $field), )*
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
                                $( $field: rt::lossless_struct!(@get $kind $field $wire A), )*
                                $extra: extra,
                            })
                        }
                    }
                    deserializer.deserialize_map(Visitor)
                }
            }
        };
    };
    ($name:ident, $extra:ident, $nulls:ident; $($kind:ident $field:ident = $wire:literal $(as $member:ident)?),* $(,)?) => {
        const _: () = {
            // Generated crates keep the runtime at `crate::runtime` (this crate's tests alias it).
            use crate::runtime::json as rt;

            impl $name {
                $($(
                    #[doc = concat!("The `", $wire, "` member, for [`", stringify!($name), "::set_null`].")]
                    pub const $member: rt::Member<Self> = rt::Member::new($wire);
                )?)*

                /// Sends `member` as an explicit `null` (its value, if any, is cleared): how a
                /// PATCH clears a property. Setting the field again later sends the value.
                pub fn set_null(&mut self, member: rt::Member<Self>) {
                    match member.wire() {
                        $($( $wire => { let _ = stringify!($member); self.$field = ::std::option::Option::None; } )?)*
                        _ => {}
                    }
                    self.$nulls.insert(member.wire());
                }

                /// Whether `member` is `null`: it arrived as `null`, or was set so, and has no
                /// value since.
                pub fn is_null(&self, member: rt::Member<Self>) -> bool {
                    let set = match member.wire() {
                        $($( $wire => { let _ = stringify!($member); self.$field.is_some() } )?)*
                        _ => false,
                    };
                    !set
                        && (self.$nulls.contains(member.wire())
                            || self.$extra.get(member.wire()).is_some_and(::serde_json::Value::is_null))
                }
            }

            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(::std::option::Option::None)?;
                    $( rt::lossless_struct!(@ser_nullable $kind map self $field $wire $nulls); )*
                    for (key, value) in &self.$extra {
                        let shadowed = match key.as_str() {
                            $( $wire => rt::lossless_struct!(@set $kind self $field) || self.$nulls.contains($wire), )*
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
                                    _ => rt::unknown(&mut access, key, &mut extra)?,
                                }
                            }
                            ::std::result::Result::Ok(self::$name {
                                $( $field: rt::lossless_struct!(@get $kind $field $wire A), )*
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
    // A closed model's members; none at all is an empty map (and no `mut` to spare).
    (@closed_ser $this:ident $serializer:ident; ) => {
        ::serde::ser::SerializeMap::end(::serde::Serializer::serialize_map($serializer, ::std::option::Option::Some(0))?)
    };
    (@closed_ser $this:ident $serializer:ident; $($kind:ident $field:ident = $wire:literal),+) => {{
        use ::serde::ser::SerializeMap as _;
        let mut map = ::serde::Serializer::serialize_map($serializer, ::std::option::Option::None)?;
        $( rt::lossless_struct!(@ser $kind map $this $field $wire); )+
        map.end()
    }};
    (@ser optional $map:ident $this:ident $field:ident $wire:literal) => {
        if let ::std::option::Option::Some(value) = &$this.$field {
            $map.serialize_entry($wire, value)?;
        }
    };
    (@ser required $map:ident $this:ident $field:ident $wire:literal) => {
        $map.serialize_entry($wire, &$this.$field)?
    };
    // A member of a lossless model: its value, else `null` when it is marked so.
    (@ser_nullable optional $map:ident $this:ident $field:ident $wire:literal $nulls:ident) => {
        match &$this.$field {
            ::std::option::Option::Some(value) => $map.serialize_entry($wire, value)?,
            ::std::option::Option::None if $this.$nulls.contains($wire) => $map.serialize_entry($wire, &())?,
            ::std::option::Option::None => {}
        }
    };
    (@ser_nullable required $map:ident $this:ident $field:ident $wire:literal $nulls:ident) => {
        $map.serialize_entry($wire, &$this.$field)?
    };
    (@set optional $this:ident $field:ident) => {
        $this.$field.is_some()
    };
    (@set required $this:ident $field:ident) => {
        true
    };
    (@get optional $field:ident $wire:literal $access:ident) => {
        $field
    };
    (@get required $field:ident $wire:literal $access:ident) => {
        $field.ok_or_else(|| <$access::Error as ::serde::de::Error>::missing_field($wire))?
    };
}
#[allow(unused_imports)]
pub(crate) use lossless_struct;

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, PartialEq, Default)]
    struct Job {
        id: Option<String>,
        kind: String,
        count: Option<i64>,
        additional_properties: super::Extra,
        nulls: super::Nulls,
    }
    crate::json::lossless_struct! {
        Job, additional_properties, nulls; optional id = "id" as ID, required kind = "@odata.type", optional count = "count" as COUNT
    }

    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    struct Cat;
    impl super::Constant for Cat {
        const JSON: &'static str = "\"cat\"";
    }
    impl ::serde::Serialize for Cat {
        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::serialize_constant::<Self, S>(serializer)
        }
    }
    impl<'de> ::serde::Deserialize<'de> for Cat {
        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize_constant::<Self, D>(deserializer)
        }
    }

    #[test]
    fn a_constant_writes_its_value_and_refuses_any_other() {
        assert_eq!(::serde_json::to_string(&Cat).unwrap(), "\"cat\"");
        assert_eq!(::serde_json::from_str::<Cat>("\"cat\"").unwrap(), Cat);
        let error = ::serde_json::from_str::<Cat>("\"dog\"").unwrap_err().to_string();
        assert!(error.contains("expected the constant \"cat\", found \"dog\""), "{error}");
        assert!(::serde_json::from_str::<Cat>("1").is_err());
    }

    #[test]
    fn nulls_and_unknown_members_round_trip_in_place() {
        let text = r##"{"id":"j","@odata.type":"#job","count":null,"future":{"a":[1,2]}}"##;
        let job: Job = ::serde_json::from_str(text).unwrap();
        assert_eq!(job.id.as_deref(), Some("j"));
        assert_eq!(job.kind, "#job");
        assert_eq!(job.count, None);
        assert_eq!(::serde_json::to_string(&job).unwrap(), text);
        let mut job = job;
        job.count = Some(3);
        assert_eq!(
            ::serde_json::to_string(&job).unwrap(),
            r##"{"id":"j","@odata.type":"#job","count":3,"future":{"a":[1,2]}}"##
        );
    }

    /// An open model that declares no members (Graph has several): everything is unknown,
    /// and the macro must expand warning-free with nothing to record.
    mod dictionary {
        #![allow(dead_code, reason = "without members there is no member to set to null")]
        #[derive(Debug, Clone, PartialEq, Default)]
        pub(super) struct Dictionary {
            pub(super) additional_properties: crate::json::Extra,
            nulls: crate::json::Nulls,
        }
        crate::json::lossless_struct! {
            Dictionary, additional_properties, nulls;
        }
    }
    use dictionary::Dictionary;

    #[test]
    fn an_open_model_without_members_keeps_every_member() {
        let text = r#"{"a":null,"b":[1,{"c":"d"}]}"#;
        let dictionary: Dictionary = ::serde_json::from_str(text).unwrap();
        assert_eq!(dictionary.additional_properties.len(), 2);
        assert_eq!(::serde_json::to_string(&dictionary).unwrap(), text);
    }

    #[derive(Debug, Clone, PartialEq)]
    struct Point {
        x: i64,
        label: Option<String>,
    }
    crate::json::lossless_struct! { closed Point; required x = "x", optional label = "label" }

    #[derive(Debug, Clone, PartialEq)]
    struct Labels {
        kind: Option<String>,
        additional_properties: ::std::collections::BTreeMap<String, i64>,
    }
    crate::json::lossless_struct! { map Labels, additional_properties; optional kind = "kind" }

    /// Named like the helpers the macros declare: they must not shadow the model.
    #[derive(Debug, Clone, PartialEq)]
    struct Visitor {
        a: Option<i64>,
    }
    crate::json::lossless_struct! { closed Visitor; optional a = "A" }
    #[derive(Debug, Clone, PartialEq)]
    struct A {
        visitor: Option<Visitor>,
        additional_properties: super::Extra,
        nulls: super::Nulls,
    }
    crate::json::lossless_struct! { A, additional_properties, nulls; optional visitor = "Visitor" as VISITOR }

    #[test]
    fn closed_and_map_models_read_and_write_their_members() {
        let point: Point = ::serde_json::from_str(r#"{"x":1,"label":null,"z":[1]}"#).unwrap();
        assert_eq!(point, Point { x: 1, label: None });
        assert_eq!(::serde_json::to_string(&point).unwrap(), r#"{"x":1}"#);
        assert!(::serde_json::from_str::<Point>("{}").unwrap_err().to_string().contains("missing field `x`"));
        let labels: Labels = ::serde_json::from_str(r#"{"kind":"k","b":2,"a":1}"#).unwrap();
        assert_eq!(labels.additional_properties.len(), 2);
        assert_eq!(::serde_json::to_string(&labels).unwrap(), r#"{"kind":"k","a":1,"b":2}"#);
        assert!(::serde_json::from_str::<Labels>(r#"{"a":"text"}"#).is_err());
    }

    #[derive(Debug, Clone, PartialEq)]
    struct Nothing {}
    crate::json::lossless_struct! { closed Nothing; }

    #[test]
    fn a_closed_model_without_members_reads_any_object_and_writes_an_empty_one() {
        let nothing: Nothing = ::serde_json::from_str(r#"{"a":1,"b":{"c":[]}}"#).unwrap();
        assert_eq!(::serde_json::to_string(&nothing).unwrap(), "{}");
    }

    #[test]
    fn models_named_like_the_helpers_work() {
        let a: A = ::serde_json::from_str(r#"{"Visitor":{"A":3},"x":null}"#).unwrap();
        assert_eq!(a.visitor, Some(Visitor { a: Some(3) }));
        assert_eq!(::serde_json::to_string(&a).unwrap(), r#"{"Visitor":{"A":3},"x":null}"#);
        let mut a = a;
        a.set_null(A::VISITOR);
        assert!(a.is_null(A::VISITOR));
        assert_eq!(::serde_json::to_string(&a).unwrap(), r#"{"Visitor":null,"x":null}"#);
    }

    #[test]
    fn explicit_nulls_are_sent_for_exactly_the_members_named() {
        let mut job = Job { kind: "#job".into(), count: Some(3), ..Default::default() };
        job.set_null(Job::COUNT);
        job.id = Some("j".into());
        assert!(job.is_null(Job::COUNT) && !job.is_null(Job::ID));
        assert_eq!(::serde_json::to_string(&job).unwrap(), r##"{"id":"j","@odata.type":"#job","count":null}"##);
        // A value set later wins.
        job.count = Some(4);
        assert!(!job.is_null(Job::COUNT));
        assert_eq!(::serde_json::to_string(&job).unwrap(), r##"{"id":"j","@odata.type":"#job","count":4}"##);
        // A null that arrived reads as one.
        let read: Job = ::serde_json::from_str(r##"{"@odata.type":"#job","id":null}"##).unwrap();
        assert!(read.is_null(Job::ID));
    }

    #[test]
    fn nulls_are_recorded_without_the_map_and_compare_as_sets() {
        let a: Job = ::serde_json::from_str(r##"{"@odata.type":"#j","id":null,"count":null}"##).unwrap();
        let b: Job = ::serde_json::from_str(r##"{"count":null,"@odata.type":"#j","id":null}"##).unwrap();
        assert!(a.additional_properties.is_empty());
        assert_eq!(a.nulls.iter().collect::<Vec<_>>(), ["id", "count"]);
        assert_eq!(a, b);
        assert_eq!(format!("{:?}", a.nulls), r#"{"id", "count"}"#);
        // A null put in the map by hand is still written once, and read as a null.
        let mut c = Job { kind: "#j".into(), ..Default::default() };
        c.additional_properties.insert("id".into(), ::serde_json::Value::Null);
        c.nulls.insert("id");
        assert!(c.is_null(Job::ID));
        assert_eq!(::serde_json::to_string(&c).unwrap(), r##"{"id":null,"@odata.type":"#j"}"##);
        c.nulls.remove("id");
        assert!(c.is_null(Job::ID) && !c.nulls.contains("id"));
    }

    #[test]
    fn a_missing_required_member_is_named() {
        let err = ::serde_json::from_str::<Job>(r#"{"id":"j"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `@odata.type`"), "{err}");
        let err = ::serde_json::from_str::<Job>(r#"[1]"#).unwrap_err();
        assert!(err.to_string().contains("a Job object"), "{err}");
    }
}
