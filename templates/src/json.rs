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

/// The members of an open model, as the models' macro implements them (not for use by hand).
#[doc(hidden)]
pub trait Lossless {
    /// Gives each member, in the schema's order, to `members`: the one list of the model's
    /// fields that writing it ([`write_lossless`]), [`member_is_set`], [`is_null`] and its
    /// `Debug` ([`debug_lossless`]) and `PartialEq` ([`eq_lossless`]) share, so that a
    /// model does not spell its members out once for each of them. The calls
    /// return nothing (a writer keeps its first error), so each costs rustc a plain call
    /// rather than a `?`.
    fn write_members<'m, W: Members<'m>>(&'m self, members: &mut W);
}

/// What [`Lossless::write_members`] gives each member to: one call per member, named by
/// the member's kind (`optional` for an `Option` field, `required` for the others, and
/// the same with `_secret` for a credential), with its wire name and its field's name.
#[doc(hidden)]
pub trait Members<'m> {
    /// A member whose field is an `Option`.
    fn optional<T: Field>(&mut self, wire: &'static str, name: &'static str, value: &'m Option<T>);
    /// A member that always has a value.
    fn required<T: Field>(&mut self, wire: &'static str, name: &'static str, value: &'m T);
    /// A credential (`format: password`) whose field is an `Option`: as [`optional`](Self::optional),
    /// but `Debug` does not show it.
    #[inline(always)]
    fn optional_secret<T: Field>(&mut self, wire: &'static str, name: &'static str, value: &'m Option<T>) {
        self.optional(wire, name, value);
    }
    /// A credential that always has a value; see [`optional_secret`](Self::optional_secret).
    #[inline(always)]
    fn required_secret<T: Field>(&mut self, wire: &'static str, name: &'static str, value: &'m T) {
        self.required(wire, name, value);
    }
}

/// What a field of a model is: written to JSON, shown by `Debug`, compared by `PartialEq`.
#[doc(hidden)]
pub trait Field: ::serde::Serialize + ::std::fmt::Debug + PartialEq + 'static {}

impl<T: ::serde::Serialize + ::std::fmt::Debug + PartialEq + 'static> Field for T {}

/// Writes each member into a map: its value, else `null` when it is marked so. After an
/// error it writes nothing more, and keeps the error.
struct Writer<'a, M: ::serde::ser::SerializeMap> {
    map: &'a mut M,
    nulls: &'a Nulls,
    failed: Option<M::Error>,
}

impl<M: ::serde::ser::SerializeMap> Writer<'_, M> {
    fn entry<T: ::serde::Serialize + ?Sized>(&mut self, wire: &'static str, value: &T) {
        if self.failed.is_none() {
            self.failed = self.map.serialize_entry(wire, value).err();
        }
    }
}

impl<M: ::serde::ser::SerializeMap> Members<'_> for Writer<'_, M> {
    #[inline(always)]
    fn optional<T: Field>(&mut self, wire: &'static str, _name: &'static str, value: &Option<T>) {
        match value {
            Some(value) => self.entry(wire, value),
            None if self.nulls.contains(wire) => self.entry(wire, &()),
            None => {}
        }
    }

    #[inline(always)]
    fn required<T: Field>(&mut self, wire: &'static str, _name: &'static str, value: &T) {
        self.entry(wire, value);
    }
}

/// Finds one member and whether its field has a value.
struct Probe<'a> {
    wire: &'a str,
    set: Option<bool>,
}

impl Members<'_> for Probe<'_> {
    fn optional<T: Field>(&mut self, wire: &'static str, _name: &'static str, value: &Option<T>) {
        if wire == self.wire {
            self.set = Some(value.is_some());
        }
    }

    fn required<T: Field>(&mut self, wire: &'static str, _name: &'static str, _value: &T) {
        if wire == self.wire {
            self.set = Some(true);
        }
    }
}

/// Shows each member as `#[derive(Debug)]` would, a credential as `<redacted>`
/// (`Some(<redacted>)` when it has a value).
struct DebugMembers<'a, 'b, 'c>(&'a mut ::std::fmt::DebugStruct<'b, 'c>);

impl Members<'_> for DebugMembers<'_, '_, '_> {
    fn optional<T: Field>(&mut self, _wire: &'static str, name: &'static str, value: &Option<T>) {
        self.0.field(field_name(name), value);
    }

    fn required<T: Field>(&mut self, _wire: &'static str, name: &'static str, value: &T) {
        self.0.field(field_name(name), value);
    }

    fn optional_secret<T: Field>(&mut self, _wire: &'static str, name: &'static str, value: &Option<T>) {
        self.0.field(field_name(name), &value.as_ref().map(|_| Redacted));
    }

    fn required_secret<T: Field>(&mut self, _wire: &'static str, name: &'static str, _value: &T) {
        self.0.field(field_name(name), &Redacted);
    }
}

/// A field's name as `#[derive(Debug)]` shows it: a raw identifier without its `r#`.
fn field_name(name: &'static str) -> &'static str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// `Debug` of an open model (`name`), as `#[derive(Debug)]` writes it: its members, then
/// its map and its nulls under their fields' names (`fields`).
#[doc(hidden)]
pub fn debug_lossless<L: Lossless>(
    model: &L,
    f: &mut ::std::fmt::Formatter<'_>,
    name: &'static str,
    fields: [&'static str; 2],
    extra: &Extra,
    nulls: &Nulls,
) -> ::std::fmt::Result {
    let mut shown = f.debug_struct(field_name(name));
    model.write_members(&mut DebugMembers(&mut shown));
    shown.field(field_name(fields[0]), extra).field(field_name(fields[1]), nulls).finish()
}

/// Gathers a model's fields, to compare them with another's.
struct Gather<'m>(Vec<&'m dyn DynEq>);

impl<'m> Members<'m> for Gather<'m> {
    fn optional<T: Field>(&mut self, _wire: &'static str, _name: &'static str, value: &'m Option<T>) {
        self.0.push(value);
    }

    fn required<T: Field>(&mut self, _wire: &'static str, _name: &'static str, value: &'m T) {
        self.0.push(value);
    }
}

/// `PartialEq` over fields of any type: equal when `other` is a `T` equal to this one.
trait DynEq {
    fn eq_dyn(&self, other: &dyn DynEq) -> bool;
    fn as_any(&self) -> &dyn ::std::any::Any;
}

impl<T: PartialEq + 'static> DynEq for T {
    fn eq_dyn(&self, other: &dyn DynEq) -> bool {
        other.as_any().downcast_ref::<T>().is_some_and(|other| self == other)
    }

    fn as_any(&self) -> &dyn ::std::any::Any {
        self
    }
}

/// `PartialEq` of an open model, as `#[derive(PartialEq)]` compares: every field in turn
/// (the members, then the map and the nulls, which compare as sets).
#[doc(hidden)]
pub fn eq_lossless<L: Lossless>(a: &L, b: &L, extra: [&Extra; 2], nulls: [&Nulls; 2]) -> bool {
    let (mut left, mut right) = (Gather(Vec::new()), Gather(Vec::new()));
    a.write_members(&mut left);
    b.write_members(&mut right);
    left.0.len() == right.0.len()
        && left.0.iter().zip(&right.0).all(|(l, r)| l.eq_dyn(*r))
        && extra[0] == extra[1]
        && nulls[0] == nulls[1]
}

/// Whether the member `wire` of `model` has a value in its field; `None` when no field has
/// that name.
#[doc(hidden)]
pub fn member_is_set<L: Lossless>(model: &L, wire: &str) -> Option<bool> {
    let mut probe = Probe { wire, set: None };
    model.write_members(&mut probe);
    probe.set
}

/// `is_null` of an open model: the member `wire` has no value in its field, and arrived as
/// `null` or was set so (`nulls`), or is `null` in the map of members its schema does not name.
#[doc(hidden)]
pub fn is_null<L: Lossless>(model: &L, wire: &str, nulls: &Nulls, extra: &Extra) -> bool {
    !member_is_set(model, wire).unwrap_or(false)
        && (nulls.contains(wire) || extra.get(wire).is_some_and(::serde_json::Value::is_null))
}

/// Writes an open model: its members, then the members of `extra` that no field writes.
/// One generic function rather than code in every model: rustc checks it once.
#[doc(hidden)]
pub fn write_lossless<L, S>(model: &L, extra: &Extra, nulls: &Nulls, serializer: S) -> Result<S::Ok, S::Error>
where
    L: Lossless,
    S: ::serde::Serializer,
{
    use ::serde::ser::SerializeMap as _;
    let mut map = serializer.serialize_map(None)?;
    let mut writer = Writer { map: &mut map, nulls, failed: None };
    model.write_members(&mut writer);
    if let Some(error) = writer.failed {
        return Err(error);
    }
    for (key, value) in extra {
        // A member of the map named like a field is written only when the field is not.
        let shadowed = member_is_set(model, key).is_some_and(|set| set || nulls.contains(key));
        if !shadowed {
            map.serialize_entry(key, value)?;
        }
    }
    map.end()
}

/// An open model read into `Default::default()` (the models' macro implements it).
#[doc(hidden)]
pub trait ReadInPlace: Default {
    /// Reads the value of the member `key` into its field, or into the map.
    fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        access: &mut A,
    ) -> Result<(), A::Error>;
}

/// Reads a [`ReadInPlace`] model, named `name` in the error for anything but an object:
/// the one `Visitor` every such model shares.
#[doc(hidden)]
pub fn read_in_place<'de, M, D>(deserializer: D, name: &'static str) -> Result<M, D::Error>
where
    M: ReadInPlace,
    D: ::serde::Deserializer<'de>,
{
    struct Visit<M>(&'static str, ::std::marker::PhantomData<fn() -> M>);
    impl<'de, M: ReadInPlace> ::serde::de::Visitor<'de> for Visit<M> {
        type Value = M;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            write!(f, "a {} object", self.0)
        }
        fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut access: A) -> Result<M, A::Error> {
            let mut model = M::default();
            while let Some(key) = access.next_key::<Key<'de>>()? {
                model.read_member(key, &mut access)?;
            }
            Ok(model)
        }
    }
    deserializer.deserialize_map(Visit(name, ::std::marker::PhantomData))
}

/// `set_null` of a [`ReadInPlace`] model, but for marking the member in its `Nulls`:
/// clears the field of the member `wire`, if the model has one, by reading a `null` into
/// it, so the model's one list of members to read serves here too.
#[doc(hidden)]
pub fn clear_in_place<M: ReadInPlace + Lossless>(model: &mut M, wire: &'static str) {
    if member_is_set(model, wire).is_some() {
        // Reading a member that is `null` cannot fail.
        let _ = model.read_member(Key::Borrowed(wire), &mut NullValue);
    }
}

/// A map whose one value, read by [`ReadInPlace::read_member`], is `null`.
struct NullValue;

impl<'de> ::serde::de::MapAccess<'de> for NullValue {
    type Error = ::serde::de::value::Error;

    fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(
        &mut self,
        _seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        Ok(None)
    }

    fn next_value_seed<V: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
        seed.deserialize(::serde::de::value::UnitDeserializer::new())
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
/// [`optional`] (only `Debug` differs, in [`Members::optional_secret`]).
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
/// by the runtime's one visitor ([`read_in_place`]) instead of a visitor of its own. Two more
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
/// ([`Lossless::write_members`]), and everything else is generic code in this module that
/// rustc checks once rather than once per model: writing ([`write_lossless`]), `is_null`
/// ([`is_null`], over the list), `Debug` ([`debug_lossless`]), `PartialEq`
/// ([`eq_lossless`]), `set_null` of a model read in place ([`clear_in_place`],
/// which reads a `null` into the member), and the visitor of those models ([`read_in_place`]).
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

            impl $name {
                /// Sends `member` as an explicit `null` (its value, if any, is cleared): how a
                /// PATCH clears a property. Setting the field again later sends the value.
                pub fn set_null(&mut self, member: rt::Member<Self>) {
                    rt::clear_in_place(self, member.wire());
                    self.$nulls.insert(member.wire());
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    rt::read_in_place(deserializer, stringify!($name))
                }
            }

            impl rt::ReadInPlace for $name {
                fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                    &mut self,
                    key: rt::Key<'de>,
                    access: &mut A,
                ) -> ::std::result::Result<(), A::Error> {
                    match key.as_str() {
                        $( $wire => rt::known(access, $wire, &mut self.$field, &mut self.$nulls), )*
                        _ => rt::unknown(access, key, &mut self.$extra),
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
                                    _ => rt::unknown(&mut access, key, &mut extra)?,
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

            impl $name {
                $($(
                    /// Names this member for [`set_null`](Self::set_null) and [`is_null`](Self::is_null).
                    pub const $member: rt::Member<Self> = rt::Member::new($wire);
                )?)*

                /// Whether `member` is `null`: it arrived as `null`, or was set so, and has no
                /// value since.
                pub fn is_null(&self, member: rt::Member<Self>) -> bool {
                    rt::is_null(self, member.wire(), &self.$nulls, &self.$extra)
                }
            }

            impl rt::Lossless for $name {
                fn write_members<'m, W: rt::Members<'m>>(&'m self, members: &mut W) {
                    $( members.$kind($wire, stringify!($field), &self.$field); )*
                    let _ = members;
                }
            }

            impl ::std::fmt::Debug for $name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    rt::debug_lossless(self, f, stringify!($name), [stringify!($extra), stringify!($nulls)], &self.$extra, &self.$nulls)
                }
            }

            impl ::std::cmp::PartialEq for $name {
                fn eq(&self, other: &Self) -> bool {
                    rt::eq_lossless(self, other, [&self.$extra, &other.$extra], [&self.$nulls, &other.$nulls])
                }
            }

            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    rt::write_lossless(self, &self.$extra, &self.$nulls, serializer)
                }
            }
        };
    };
}
#[allow(unused_imports)]
pub(crate) use lossless_struct;

#[cfg(test)]
mod tests {
    #[derive(Clone, Default)]
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

    /// The form most of Graph's models take: no required member, read into `Default`.
    #[derive(Clone, Default)]
    struct Schedule {
        interval: Option<String>,
        state: Option<String>,
        additional_properties: super::Extra,
        nulls: super::Nulls,
    }
    crate::json::lossless_struct! {
        in_place Schedule, additional_properties, nulls; optional interval = "interval" as INTERVAL, optional state = "state" as STATE
    }

    #[test]
    fn an_in_place_model_reads_and_writes_like_the_others() {
        let text = r#"{"state":null,"x":[1,{"y":null}],"interval":"PT40M","state2":"a"}"#;
        let schedule: Schedule = ::serde_json::from_str(text).unwrap();
        assert_eq!(schedule.interval.as_deref(), Some("PT40M"));
        assert!(schedule.is_null(Schedule::STATE) && !schedule.is_null(Schedule::INTERVAL));
        assert_eq!(schedule.additional_properties.len(), 2);
        // Known members first, in the schema's order; the others after, as they came.
        assert_eq!(
            ::serde_json::to_string(&schedule).unwrap(),
            r#"{"interval":"PT40M","state":null,"x":[1,{"y":null}],"state2":"a"}"#
        );
        let mut schedule = schedule;
        schedule.set_null(Schedule::INTERVAL);
        schedule.state = Some("Active".into());
        assert_eq!(
            ::serde_json::to_string(&schedule).unwrap(),
            r#"{"interval":null,"state":"Active","x":[1,{"y":null}],"state2":"a"}"#
        );
        // A member put in the map by hand under a field's name is written only while the field is not.
        schedule.additional_properties.insert("state".into(), ::serde_json::json!("Paused"));
        assert!(::serde_json::to_string(&schedule).unwrap().matches("state\"").count() == 1);
        schedule.state = None;
        schedule.nulls.remove("state");
        assert!(::serde_json::to_string(&schedule).unwrap().ends_with(r#""state":"Paused"}"#));
        // Duplicate keys: the last wins, as serde's derive does.
        let twice: Schedule = ::serde_json::from_str(r#"{"interval":"a","interval":"b"}"#).unwrap();
        assert_eq!(twice.interval.as_deref(), Some("b"));
        let cleared: Schedule = ::serde_json::from_str(r#"{"interval":"a","interval":null}"#).unwrap();
        assert!(cleared.interval.is_none() && cleared.is_null(Schedule::INTERVAL));
        assert_eq!(::serde_json::to_string(&cleared).unwrap(), r#"{"interval":null}"#);
        // `set_null` of a member no field holds marks it and adds nothing to the map.
        let mut other = Schedule::default();
        other.set_null(super::Member::new("other"));
        assert!(other.is_null(super::Member::new("other")) && other.additional_properties.is_empty());
        assert_eq!(::serde_json::to_string(&other).unwrap(), "{}");
        let error = ::serde_json::from_str::<Schedule>("[]").unwrap_err().to_string();
        assert!(error.contains("a Schedule object"), "{error}");
        let error = ::serde_json::from_str::<Schedule>(r#"{"interval":3}"#).unwrap_err().to_string();
        assert!(error.contains("invalid type: integer `3`"), "{error}");
    }

    /// An open model that declares no members (Graph has several): everything is unknown,
    /// and the macro must expand warning-free with nothing to record.
    mod dictionary {
        #![allow(dead_code, reason = "without members there is no member to set to null")]
        #[derive(Clone, Default)]
        pub(super) struct Dictionary {
            pub(super) additional_properties: crate::json::Extra,
            nulls: crate::json::Nulls,
        }
        crate::json::lossless_struct! {
            in_place Dictionary, additional_properties, nulls;
        }
        /// The same without `Default`: the form with a visitor of its own.
        #[derive(Clone)]
        pub(super) struct Bare {
            pub(super) additional_properties: crate::json::Extra,
            nulls: crate::json::Nulls,
        }
        crate::json::lossless_struct! {
            Bare, additional_properties, nulls;
        }
    }
    use dictionary::Dictionary;

    #[test]
    fn an_open_model_without_members_keeps_every_member() {
        let text = r#"{"a":null,"b":[1,{"c":"d"}]}"#;
        let dictionary: Dictionary = ::serde_json::from_str(text).unwrap();
        assert_eq!(dictionary.additional_properties.len(), 2);
        assert_eq!(::serde_json::to_string(&dictionary).unwrap(), text);
        let bare: dictionary::Bare = ::serde_json::from_str(text).unwrap();
        assert_eq!(bare.additional_properties, dictionary.additional_properties);
        assert_eq!(::serde_json::to_string(&bare).unwrap(), text);
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
    #[derive(Clone)]
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

    /// The same members as `Job`, with `Debug` derived: what the macro's `Debug` must match.
    #[derive(Debug)]
    #[allow(dead_code, reason = "only its Debug is read")]
    struct Derived {
        id: Option<String>,
        kind: String,
        count: Option<i64>,
        additional_properties: super::Extra,
        nulls: super::Nulls,
    }

    #[derive(Clone)]
    struct Login {
        r#type: Option<String>,
        password: Option<String>,
        key: String,
        additional_properties: super::Extra,
        nulls: super::Nulls,
    }
    crate::json::lossless_struct! {
        Login, additional_properties, nulls; optional r#type = "type" as TYPE,
        optional_secret password = "password" as PASSWORD, required_secret key = "key"
    }

    #[test]
    fn debug_shows_what_derive_would_and_hides_credentials() {
        let job: Job = ::serde_json::from_str(r##"{"id":null,"@odata.type":"#j","count":2,"x":[1]}"##).unwrap();
        let derived = Derived {
            id: None,
            kind: "#j".into(),
            count: Some(2),
            additional_properties: job.additional_properties.clone(),
            nulls: job.nulls.clone(),
        };
        assert_eq!(format!("{job:?}"), format!("{derived:?}").replace("Derived", "Job"));
        assert_eq!(format!("{job:#?}"), format!("{derived:#?}").replace("Derived", "Job"));
        let login: Login = ::serde_json::from_str(r#"{"type":"basic","password":"hunter2","key":"k3y"}"#).unwrap();
        let shown = format!("{login:?}");
        assert_eq!(
            shown,
            r#"Login { type: Some("basic"), password: Some(<redacted>), key: <redacted>, additional_properties: {}, nulls: {} }"#
        );
        // Credentials are written as any other member.
        assert_eq!(::serde_json::to_string(&login).unwrap(), r#"{"type":"basic","password":"hunter2","key":"k3y"}"#);
        let absent: Login = ::serde_json::from_str(r#"{"key":"k3y"}"#).unwrap();
        assert!(format!("{absent:?}").contains("password: None, key: <redacted>"));
        let mut cleared = login.clone();
        cleared.set_null(Login::PASSWORD);
        assert!(cleared.is_null(Login::PASSWORD) && !cleared.is_null(Login::TYPE));
        assert_eq!(::serde_json::to_string(&cleared).unwrap(), r#"{"type":"basic","password":null,"key":"k3y"}"#);
    }

    #[test]
    fn equality_compares_every_field_the_map_and_the_nulls() {
        let a: Job = ::serde_json::from_str(r##"{"id":"j","@odata.type":"#j","count":1,"x":2}"##).unwrap();
        assert_eq!(a, a.clone());
        let changed: [&dyn Fn(&mut Job); 5] = [
            &|j| j.id = None,
            &|j| j.kind = "#k".into(),
            &|j| j.count = Some(2),
            &|j| drop(j.additional_properties.insert("x".into(), ::serde_json::json!(3))),
            &|j| j.nulls.insert("id"),
        ];
        for change in changed {
            let mut b = a.clone();
            change(&mut b);
            assert_ne!(a, b, "{b:?}");
        }
        let schedule: Schedule = ::serde_json::from_str(r#"{"interval":"PT1M","state":null}"#).unwrap();
        let mut other = schedule.clone();
        assert_eq!(schedule, other);
        other.interval = Some("PT2M".into());
        assert_ne!(schedule, other);
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
