//! Editing one attribute mapping of a schema without losing anything else: the schema is
//! handled as the JSON it came as (member order, unknown members and explicit nulls
//! included), one mapping's members are changed, and the rest goes back byte for byte.

use crate::runtime::raw_text::Members;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// One attribute mapping to change, found by its object mapping's source and target
/// object names and its target attribute (and, optionally, its source's name).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MappingEdit {
    /// The object mapping's `sourceObjectName` (`User`).
    pub source_object: String,
    /// The object mapping's `targetObjectName` (`User`).
    pub target_object: String,
    /// The attribute mapping's `targetAttributeName` (`userName`).
    pub target_attribute: String,
    /// The attribute mapping's `source.name`, to choose among mappings to one target.
    pub source_attribute: Option<String>,
    /// A new source expression (`Join("@", [mailNickname], "contoso.com")`).
    pub expression: Option<String>,
    /// A new `flowBehavior` (`FlowWhenChanged`, `FlowAlways`).
    pub flow_behavior: Option<String>,
    /// A new `matchingPriority` (0: not used for matching).
    pub matching_priority: Option<i32>,
    /// Whether the expression is checked with parseExpression before anything is written.
    pub check_expression: bool,
}

impl MappingEdit {
    /// The mapping of `source_object` → `target_object` that writes `target_attribute`.
    pub fn new(source_object: &str, target_object: &str, target_attribute: &str) -> MappingEdit {
        MappingEdit {
            source_object: source_object.to_owned(),
            target_object: target_object.to_owned(),
            target_attribute: target_attribute.to_owned(),
            ..MappingEdit::default()
        }
    }

    /// Only the mapping whose source is named `name`.
    pub fn from_source(mut self, name: &str) -> Self {
        self.source_attribute = Some(name.to_owned());
        self
    }

    /// Sets the source expression; checked with parseExpression first (the source becomes
    /// the expression as the service parsed it).
    pub fn expression(mut self, expression: &str) -> Self {
        self.expression = Some(expression.to_owned());
        self.check_expression = true;
        self
    }

    /// Sets the source expression without checking it (only `source.expression` changes).
    pub fn expression_unchecked(mut self, expression: &str) -> Self {
        self.expression = Some(expression.to_owned());
        self.check_expression = false;
        self
    }

    /// Sets the flow behaviour (a wire value; the models' `AttributeFlowBehavior` gives them).
    pub fn flow_behavior(mut self, behavior: &impl crate::runtime::WireEnum) -> Self {
        self.flow_behavior = Some(behavior.as_wire().to_owned());
        self
    }

    /// Sets the matching priority.
    pub fn matching_priority(mut self, priority: i32) -> Self {
        self.matching_priority = Some(priority);
        self
    }
}

/// Why a mapping edit wrote nothing.
#[derive(Debug)]
pub enum EditError {
    /// A request failed (reading the schema, checking the expression, writing it).
    Request(crate::Error),
    /// The schema that came is not the JSON object a schema is.
    Unreadable(String),
    /// No mapping matched; `candidates` lists what there is, to say what to ask for.
    NotFound {
        /// What was looked for.
        wanted: String,
        /// What the schema has at that level.
        candidates: Vec<String>,
    },
    /// More than one mapping matched.
    Ambiguous {
        /// What was looked for.
        wanted: String,
        /// How many matched.
        count: usize,
    },
    /// parseExpression did not accept the expression.
    ExpressionRejected {
        /// The expression.
        expression: String,
        /// What the service said.
        message: Option<String>,
    },
    /// The edit asks for no change.
    NothingToChange,
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Request(e) => write!(f, "{e}"),
            EditError::Unreadable(why) => write!(f, "the schema cannot be read: {why}"),
            EditError::NotFound { wanted, candidates } => {
                write!(f, "no {wanted} in the schema; it has: {}", candidates.join(", "))
            }
            EditError::Ambiguous { wanted, count } => write!(f, "{count} mappings match {wanted}; name the source too"),
            EditError::ExpressionRejected { expression, message } => {
                write!(f, "parseExpression rejects `{expression}`: {}", message.as_deref().unwrap_or("no reason given"))
            }
            EditError::NothingToChange => write!(f, "the edit changes nothing"),
        }
    }
}

impl std::error::Error for EditError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EditError::Request(e) => Some(e),
            _ => None,
        }
    }
}

impl From<crate::Error> for EditError {
    fn from(error: crate::Error) -> Self {
        EditError::Request(error)
    }
}

fn text<'a>(value: &'a Value, member: &str) -> Option<&'a str> {
    value.get(member).and_then(Value::as_str)
}

/// Where an attribute mapping is: its rule, its object mapping in the rule, its place
/// among the object mapping's attribute mappings.
pub(crate) type Place = (usize, usize, usize);

/// The one attribute mapping `edit` names, in a schema read as JSON, and where it is.
pub(crate) fn find<'a>(
    schema: &'a mut Value,
    edit: &MappingEdit,
) -> Result<(&'a mut Map<String, Value>, Place), EditError> {
    let rules = schema
        .get_mut("synchronizationRules")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| EditError::Unreadable("it has no `synchronizationRules` array".to_owned()))?;
    let mut objects: Vec<(&mut Value, (usize, usize))> = Vec::new();
    let mut object_names = Vec::new();
    for (r, rule) in rules.iter_mut().enumerate() {
        let mappings = rule.get_mut("objectMappings").and_then(Value::as_array_mut).into_iter().flatten();
        for (o, mapping) in mappings.enumerate() {
            let (source, target) = (text(mapping, "sourceObjectName"), text(mapping, "targetObjectName"));
            object_names.push(format!("{} -> {}", source.unwrap_or("?"), target.unwrap_or("?")));
            if source == Some(edit.source_object.as_str()) && target == Some(edit.target_object.as_str()) {
                objects.push((mapping, (r, o)));
            }
        }
    }
    let wanted_object = format!("object mapping {} -> {}", edit.source_object, edit.target_object);
    let (object, (rule, object_at)) = match objects.len() {
        0 => return Err(EditError::NotFound { wanted: wanted_object, candidates: object_names }),
        1 => objects.pop().ok_or(EditError::NothingToChange)?,
        count => return Err(EditError::Ambiguous { wanted: wanted_object, count }),
    };
    let attributes = object
        .get_mut("attributeMappings")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| EditError::Unreadable(format!("the {wanted_object} has no `attributeMappings` array")))?;
    let candidates: Vec<String> = attributes
        .iter()
        .map(|a| {
            let source = a.get("source").and_then(|s| text(s, "name")).unwrap_or("?");
            format!("{source} -> {}", text(a, "targetAttributeName").unwrap_or("?"))
        })
        .collect();
    let mut matching: Vec<(&mut Map<String, Value>, Place)> = attributes
        .iter_mut()
        .enumerate()
        .filter(|(_, a)| text(a, "targetAttributeName") == Some(edit.target_attribute.as_str()))
        .filter(|(_, a)| {
            edit.source_attribute
                .as_deref()
                .is_none_or(|name| a.get("source").and_then(|s| text(s, "name")) == Some(name))
        })
        .filter_map(|(i, a)| Some((a.as_object_mut()?, (rule, object_at, i))))
        .collect();
    let wanted = format!(
        "attribute mapping {}-> {} in the {wanted_object}",
        edit.source_attribute.as_deref().map(|s| format!("{s} ")).unwrap_or_default(),
        edit.target_attribute
    );
    match matching.len() {
        0 => Err(EditError::NotFound { wanted, candidates }),
        1 => matching.pop().ok_or(EditError::NothingToChange),
        count => Err(EditError::Ambiguous { wanted, count }),
    }
}

/// The schema's text with the attribute mapping at `place` replaced by `mapping`, and every
/// other byte as it came: only the members on the way to it are read (each level's
/// members kept as raw text, in their order), so numbers, escapes and order elsewhere are
/// untouched (a `serde_json::Value` would write `1.50` as `1.5`).
pub(crate) fn replace(text: &str, place: Place, mapping: &Value) -> Result<String, serde_json::Error> {
    let (rule, object, attribute) = place;
    let path = [
        Step::Key("synchronizationRules"),
        Step::Index(rule),
        Step::Key("objectMappings"),
        Step::Index(object),
        Step::Key("attributeMappings"),
        Step::Index(attribute),
    ];
    let raw: Box<RawValue> = serde_json::from_str(text)?;
    Ok(replace_at(&raw, &path, mapping)?.get().to_owned())
}

/// One step into a JSON text: a member or an item.
enum Step {
    Key(&'static str),
    Index(usize),
}

fn replace_at(raw: &RawValue, path: &[Step], new: &Value) -> Result<Box<RawValue>, serde_json::Error> {
    use serde::de::Error as _;
    let Some((step, rest)) = path.split_first() else {
        return RawValue::from_string(serde_json::to_string(new)?);
    };
    let missing = || serde_json::Error::custom("the schema changed while it was edited");
    match step {
        Step::Key(key) => {
            let Members(mut members) = serde_json::from_str(raw.get())?;
            let slot = members.iter_mut().rev().find(|(k, _)| k == key).map(|(_, v)| v).ok_or_else(missing)?;
            *slot = replace_at(slot, rest, new)?;
            RawValue::from_string(serde_json::to_string(&Members(members))?)
        }
        Step::Index(i) => {
            let mut items: Vec<Box<RawValue>> = serde_json::from_str(raw.get())?;
            let slot = items.get_mut(*i).ok_or_else(missing)?;
            *slot = replace_at(slot, rest, new)?;
            RawValue::from_string(serde_json::to_string(&items)?)
        }
    }
}

/// Applies `edit` to `mapping`; `parsed` is the source as parseExpression returned it.
/// Members are replaced where they are, so the order stays as it came.
pub(crate) fn change(mapping: &mut Map<String, Value>, edit: &MappingEdit, parsed: Option<Value>) {
    match (parsed, &edit.expression) {
        (Some(source), _) => {
            mapping.insert("source".to_owned(), source);
        }
        (None, Some(expression)) => {
            if let Some(Value::Object(source)) = mapping.get_mut("source") {
                source.insert("expression".to_owned(), Value::String(expression.clone()));
            } else {
                let mut source = Map::new();
                source.insert("expression".to_owned(), Value::String(expression.clone()));
                mapping.insert("source".to_owned(), Value::Object(source));
            }
        }
        (None, None) => {}
    }
    if let Some(behavior) = &edit.flow_behavior {
        mapping.insert("flowBehavior".to_owned(), Value::String(behavior.clone()));
    }
    if let Some(priority) = edit.matching_priority {
        mapping.insert("matchingPriority".to_owned(), Value::from(priority));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({"synchronizationRules": [{"objectMappings": [
            {"sourceObjectName": "User", "targetObjectName": "User", "attributeMappings": [
                {"source": {"name": "userPrincipalName", "expression": "[userPrincipalName]"}, "targetAttributeName": "userName", "matchingPriority": 1, "flowBehavior": "FlowWhenChanged"},
                {"source": {"name": "mail"}, "targetAttributeName": "emails"},
                {"source": {"name": "otherMail"}, "targetAttributeName": "emails"}
            ]},
            {"sourceObjectName": "Group", "targetObjectName": "Group", "attributeMappings": []}
        ]}]})
    }

    #[test]
    fn finds_one_mapping_and_changes_it_in_place() {
        let mut schema = schema();
        let edit =
            MappingEdit::new("User", "User", "userName").expression_unchecked("Join(\"@\", [a])").matching_priority(2);
        let (mapping, place) = find(&mut schema, &edit).expect("found");
        assert_eq!(place, (0, 0, 0));
        change(mapping, &edit, None);
        let changed = &schema["synchronizationRules"][0]["objectMappings"][0]["attributeMappings"][0];
        assert_eq!(changed["source"]["expression"], "Join(\"@\", [a])");
        assert_eq!(changed["source"]["name"], "userPrincipalName");
        assert_eq!(changed["matchingPriority"], 2);
        let keys: Vec<&String> = changed.as_object().map(|o| o.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["source", "targetAttributeName", "matchingPriority", "flowBehavior"]);
    }

    #[test]
    fn the_text_is_replaced_at_one_place_and_kept_everywhere_else() {
        let text = r#"{"a":1.50,"synchronizationRules":[{"objectMappings":[{"x":1E+3,"attributeMappings":[{"old":true},{"k":123456789012345678901234567890}]}]}], "b" : "\u00e9"}"#;
        let replaced = replace(text, (0, 0, 0), &json!({"new": 1})).expect("replaced");
        assert_eq!(
            replaced,
            r#"{"a":1.50,"synchronizationRules":[{"objectMappings":[{"x":1E+3,"attributeMappings":[{"new":1},{"k":123456789012345678901234567890}]}]}],"b":"\u00e9"}"#
        );
        assert!(replace(text, (0, 0, 2), &json!({})).is_err());
    }

    #[test]
    fn what_is_not_found_or_ambiguous_says_what_there_is() {
        let mut schema = schema();
        let missing = find(&mut schema, &MappingEdit::new("User", "Account", "userName")).expect_err("none");
        assert!(missing.to_string().contains("User -> User, Group -> Group"), "{missing}");
        let twice = find(&mut schema, &MappingEdit::new("User", "User", "emails")).expect_err("two");
        assert!(matches!(twice, EditError::Ambiguous { count: 2, .. }), "{twice}");
        let mail = find(&mut schema, &MappingEdit::new("User", "User", "emails").from_source("mail")).expect("one");
        assert_eq!(mail.1, (0, 0, 1));
        let attribute = find(&mut schema, &MappingEdit::new("User", "User", "nope")).expect_err("none");
        assert!(attribute.to_string().contains("userPrincipalName -> userName"), "{attribute}");
    }
}
