//! The members of an open model as one list (`Lossless::write_members`), and what the
//! runtime does with it for every model: writing it (`write_lossless`), `is_null` and
//! `set_null`, `Debug` and `PartialEq`, and the one visitor of the models read in place.
//! The models' macro (`json::lossless_struct!`) implements `Lossless` for each model; this
//! is generic code rustc checks once rather than once per model.

use super::json::{Extra, Key, Nulls, Redacted};

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
        if shadowed {
            continue;
        }
        match nulls.text_of(key, value) {
            Some(text) => map.serialize_entry(key, &Text(text))?,
            None => map.serialize_entry(key, value)?,
        }
    }
    map.end()
}

/// A member's text as it came, written as it is.
struct Text<'t>(&'t str);

impl ::serde::Serialize for Text<'_> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::raw_text::write_raw(self.0, serializer)
    }
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
