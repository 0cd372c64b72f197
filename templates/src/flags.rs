//! Flags enums (`x-ms-enum-flags`): a set of members written as one comma-separated string.

use super::wire_enum::WireEnum;
use ::std::fmt;

/// A set of members of the open enum `E`, written on the wire as `"Add,Update"`.
///
/// Graph marks such enums with `x-ms-enum-flags: {isFlags: true}`; treating them as a
/// plain enum rejects every combination. Members keep the order they were read or
/// inserted in, appear once each, and members this version does not know are kept
/// (in `E`'s fallback variant) and written back. A value read from text is written back
/// as that text (`"Add, Update"` keeps its blank) until it is changed.
///
/// Equality is set equality of the members, whatever the text.
#[derive(Debug, Clone)]
pub struct Flags<E> {
    members: Vec<E>,
    /// The text it was read from, while unchanged.
    text: Option<Box<str>>,
}

impl<E> Default for Flags<E> {
    /// The empty set, written as `""`.
    fn default() -> Self {
        Flags { members: Vec::new(), text: None }
    }
}

impl<E: WireEnum> PartialEq for Flags<E> {
    fn eq(&self, other: &Self) -> bool {
        self.members.len() == other.members.len() && self.members.iter().all(|m| other.contains(m))
    }
}

impl<E: WireEnum> Eq for Flags<E> {}

impl<E: WireEnum> ::std::hash::Hash for Flags<E> {
    fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
        // Order-independent, like equality.
        let mut names: Vec<&str> = self.members.iter().map(WireEnum::as_wire).collect();
        names.sort_unstable();
        names.hash(state);
    }
}

impl<E: WireEnum> Flags<E> {
    /// The empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses the wire form; blanks around commas and empty items are ignored, and the
    /// text is kept to be written back.
    pub fn parse(text: &str) -> Self {
        let mut flags: Self =
            text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(E::from_wire).collect();
        flags.text = Some(text.into());
        flags
    }

    /// Whether `member` is in the set.
    pub fn contains(&self, member: &E) -> bool {
        self.members.iter().any(|m| m.as_wire() == member.as_wire())
    }

    /// Adds `member`; returns whether it was new.
    pub fn insert(&mut self, member: E) -> bool {
        if self.contains(&member) {
            return false;
        }
        self.text = None;
        self.members.push(member);
        true
    }

    /// Removes `member`; returns whether it was there.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.members.len();
        self.members.retain(|m| m.as_wire() != member.as_wire());
        let removed = self.members.len() != before;
        if removed {
            self.text = None;
        }
        removed
    }

    /// The members, in order.
    pub fn iter(&self) -> ::std::slice::Iter<'_, E> {
        self.members.iter()
    }

    /// How many members the set has.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<E: WireEnum> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut flags = Flags::default();
        flags.extend(iter);
        flags
    }
}

impl<E: WireEnum> Extend<E> for Flags<E> {
    fn extend<I: IntoIterator<Item = E>>(&mut self, iter: I) {
        for member in iter {
            self.insert(member);
        }
    }
}

impl<E: WireEnum> From<E> for Flags<E> {
    fn from(member: E) -> Self {
        Flags { members: vec![member], text: None }
    }
}

impl<'a, E> IntoIterator for &'a Flags<E> {
    type Item = &'a E;
    type IntoIter = ::std::slice::Iter<'a, E>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

impl<E> IntoIterator for Flags<E> {
    type Item = E;
    type IntoIter = ::std::vec::IntoIter<E>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}

impl<E: WireEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = &self.text {
            return f.write_str(text);
        }
        for (i, member) in self.members.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_wire())?;
        }
        Ok(())
    }
}

impl<E: WireEnum> ::std::str::FromStr for Flags<E> {
    type Err = ::std::convert::Infallible;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Flags::parse(text))
    }
}

impl<E: WireEnum> ::serde::Serialize for Flags<E> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: WireEnum> ::serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<E>(::std::marker::PhantomData<E>);
        impl<E: WireEnum> ::serde::de::Visitor<'_> for Visit<E> {
            type Value = Flags<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a comma-separated string of flag names")
            }
            fn visit_str<Er: ::serde::de::Error>(self, v: &str) -> Result<Flags<E>, Er> {
                Ok(Flags::parse(v))
            }
        }
        deserializer.deserialize_str(Visit(::std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Flow {
        Add,
        Update,
        Other(String),
    }
    impl WireEnum for Flow {
        fn as_wire(&self) -> &str {
            match self {
                Flow::Add => "Add",
                Flow::Update => "Update",
                Flow::Other(s) => s,
            }
        }
        fn from_wire(value: &str) -> Self {
            match value {
                "Add" => Flow::Add,
                "Update" => Flow::Update,
                other => Flow::Other(other.to_owned()),
            }
        }
    }

    #[test]
    fn wire_form_round_trips_and_keeps_unknown_members() {
        let flags: Flags<Flow> = ::serde_json::from_str(r#""Update, Add,Teleport,Add""#).unwrap();
        assert_eq!(
            flags.iter().cloned().collect::<Vec<_>>(),
            [Flow::Update, Flow::Add, Flow::Other("Teleport".into())]
        );
        assert_eq!(::serde_json::to_string(&flags).unwrap(), r#""Update, Add,Teleport,Add""#);
        assert!(flags.contains(&Flow::Other("Teleport".into())));
        let mut changed = flags.clone();
        changed.remove(&Flow::Update);
        assert_eq!(::serde_json::to_string(&changed).unwrap(), r#""Add,Teleport""#);
        let reordered: Flags<Flow> = ::serde_json::from_str(r#""Teleport,Add,Update""#).unwrap();
        assert_eq!(reordered, flags);
        let empty: Flags<Flow> = ::serde_json::from_str(r#""""#).unwrap();
        assert!(empty.is_empty());
        assert_eq!(::serde_json::to_string(&empty).unwrap(), r#""""#);
        assert!(::serde_json::from_str::<Flags<Flow>>("3").is_err());
    }

    #[test]
    fn set_operations() {
        let mut flags = Flags::from(Flow::Add);
        assert!(flags.insert(Flow::Update));
        assert!(!flags.insert(Flow::Add));
        assert_eq!(flags.len(), 2);
        assert!(flags.remove(&Flow::Add));
        assert!(!flags.remove(&Flow::Add));
        assert_eq!(flags.to_string(), "Update");
        let collected: Flags<Flow> = [Flow::Add, Flow::Add].into_iter().collect();
        assert_eq!(collected.len(), 1);
        assert_eq!("Add,Update".parse::<Flags<Flow>>().unwrap().into_iter().count(), 2);
    }
}
