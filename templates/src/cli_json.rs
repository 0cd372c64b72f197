//! What the command line does with JSON (feature `cli`): a `--body` read into its model
//! with the member that does not fit named, checked against the description's shapes
//! (`--strict`), credentials redacted for `--dry-run`, flags read as values, and answers
//! shown as a table. The types the generated tree describes its models with live here.

use super::error::Error;
use ::serde_json::Value;

/// A model as `--strict` checks a body against it.
#[derive(Debug)]
pub enum Shape {
    /// An object: the members it names (wire name, what each holds); `open` when the
    /// description types members it does not name (`additionalProperties: {schema}`).
    Struct {
        /// Whether other members are expected.
        open: bool,
        /// The members it names.
        members: &'static [(&'static str, Inner)],
    },
    /// Another name for what `Inner` holds.
    Alias(Inner),
    /// Nothing to check (an enum, a union, …).
    Any,
}

/// What a member holds, for `--strict`.
#[derive(Debug, Clone, Copy)]
pub enum Inner {
    /// A model (an index of [`Api::shapes`](super::cli::Api::shapes)).
    Model(usize),
    /// A list of what this holds.
    List(&'static Inner),
    /// A map of what this holds.
    Map(&'static Inner),
    /// Anything.
    Any,
}

/// The shape of a model with credentials (a member written `format: password`).
#[derive(Debug)]
pub struct Secret {
    /// Every member the model names.
    pub members: &'static [&'static str],
    /// The credentials among them.
    pub secret: &'static [&'static str],
}

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The command line or its input is wrong; nothing was sent (exit 2).
    Usage(String),
    /// The service or the connection failed (exit 1).
    Service(Error),
    /// stdout was closed (exit 0, quietly).
    Closed,
    /// Writing the answer failed (exit 1).
    Output(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        match error {
            Error::InvalidRequest { message } => Failure::Usage(message),
            other => Failure::Service(other),
        }
    }
}

/// The most nesting [`redact`] follows.
const MAX_DEPTH: usize = 64;

/// Redacts the credentials of every object shaped like a model with credentials.
pub fn redact(value: &mut Value, secrets: &[Secret], depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(object) => {
            for shape in secrets {
                let fits = object.keys().all(|k| shape.members.contains(&k.as_str()));
                if fits {
                    for name in shape.secret {
                        // A credential is a scalar: an object or a list under that name is
                        // something else that happens to have the same members.
                        let scalar = |v: &&mut Value| !v.is_null() && !v.is_object() && !v.is_array();
                        if let Some(member) = object.get_mut(*name).filter(scalar) {
                            *member = Value::String("<redacted>".to_owned());
                        }
                    }
                }
            }
            for member in object.values_mut() {
                redact(member, secrets, depth + 1);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, secrets, depth + 1)),
        _ => {}
    }
}

/// The members of `value` that its shape does not name, as JSON paths (`$.a[0].b`). An
/// explicit stack; at most `MAX_DEPTH` (64) levels are followed.
pub fn unknown_members(value: &Value, shape: Inner, shapes: &[Shape]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, Inner, String, usize)> = vec![(value, shape, "$".to_owned(), 0)];
    while let Some((value, inner, at, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            continue;
        }
        match (inner, value) {
            (Inner::List(item), Value::Array(items)) => {
                for (i, v) in items.iter().enumerate().rev() {
                    stack.push((v, *item, format!("{at}[{i}]"), depth + 1));
                }
            }
            (Inner::Map(item), Value::Object(object)) => {
                let entries: Vec<_> = object.iter().collect();
                for (k, v) in entries.into_iter().rev() {
                    stack.push((v, *item, format!("{at}.{k}"), depth + 1));
                }
            }
            (Inner::Model(index), _) => match shapes.get(index) {
                Some(Shape::Alias(aliased)) => stack.push((value, *aliased, at, depth + 1)),
                Some(Shape::Struct { open, members }) => {
                    let Value::Object(object) = value else { continue };
                    let mut named = Vec::new();
                    for (k, v) in object {
                        match members.iter().find(|(wire, _)| wire == k) {
                            Some((_, member)) => named.push((v, *member, format!("{at}.{k}"), depth + 1)),
                            None if !open => out.push(format!("{at}.{k}")),
                            None => {}
                        }
                    }
                    stack.extend(named.into_iter().rev());
                }
                _ => {}
            },
            _ => {}
        }
    }
    out
}

/// A flag's text as `T`: JSON, else a string, else a comma-separated list.
pub fn parse_flag<T: ::serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    if let Ok(value) = ::serde_json::from_str::<T>(text) {
        return Ok(value);
    }
    let as_string = ::serde_json::from_value::<T>(Value::String(text.to_owned()));
    as_string.or_else(|first| {
        let list: Vec<Value> = text.split(',').map(|s| Value::String(s.trim().to_owned())).collect();
        ::serde_json::from_value::<T>(Value::Array(list)).map_err(|_| first.to_string())
    })
}

/// A body as `T`; an error names the member (as a JSON path) and what was expected.
pub fn read_body<T: ::serde::de::DeserializeOwned>(text: &str) -> Result<T, Failure> {
    let value: Value = ::serde_json::from_str(text).map_err(|e| Failure::Usage(format!("--body is no JSON: {e}")))?;
    ::serde_json::from_value::<T>(value.clone()).map_err(|e| {
        let place = locate::<T>(&value).unwrap_or_else(|| "$".to_owned());
        Failure::Usage(format!("--body at {place}: {e}"))
    })
}

/// Where a body goes wrong for `T`: the deepest member whose removal lets `T` read the
/// body (as `$.a.b[2]`); `None` when no single member is to blame.
fn locate<T: ::serde::de::DeserializeOwned>(value: &Value) -> Option<String> {
    let fits = |v: &Value| ::serde_json::from_value::<T>(v.clone()).is_ok();
    let (mut pointer, mut place) = (String::new(), String::from("$"));
    for _ in 0..MAX_DEPTH {
        let children: Vec<(String, String)> = match value.pointer(&pointer) {
            Some(Value::Object(object)) => {
                object.keys().map(|k| (k.replace('~', "~0").replace('/', "~1"), format!(".{k}"))).collect()
            }
            Some(Value::Array(items)) => (0..items.len()).map(|i| (i.to_string(), format!("[{i}]"))).collect(),
            _ => break,
        };
        let blamed = children.into_iter().find(|(step, _)| {
            let mut without = value.clone();
            match without.pointer_mut(&pointer) {
                Some(Value::Object(object)) => {
                    object.remove(&step.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = step.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => return false,
            }
            fits(&without)
        });
        let Some((step, shown)) = blamed else { break };
        pointer = format!("{pointer}/{step}");
        place.push_str(&shown);
    }
    (!pointer.is_empty()).then_some(place)
}

/// A JSON value as a table: a list (or an object's `value` list) as rows of its items'
/// scalar members; an object as member and value.
pub fn table(value: &Value) -> String {
    let cell = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => {
            let text = other.to_string();
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(59).collect::<String>())
            } else {
                text
            }
        }
    };
    let rows: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(object) => match object.get("value") {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => {
                let width = object.keys().map(|k| k.chars().count()).max().unwrap_or(0);
                return object.iter().map(|(k, v)| format!("{k:width$}  {}", cell(v))).collect::<Vec<_>>().join("\n");
            }
        },
        other => return cell(other),
    };
    let mut columns: Vec<String> = Vec::new();
    for row in &rows {
        for (key, member) in row.as_object().into_iter().flatten() {
            if !member.is_object() && !member.is_array() && !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let cells: Vec<Vec<String>> =
        rows.iter().map(|row| columns.iter().map(|c| row.get(c).map(cell).unwrap_or_default()).collect()).collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|r| r.get(i).map_or(0, |s| s.chars().count()))
                .chain([c.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |values: Vec<&str>| {
        values.iter().zip(&widths).map(|(v, w)| format!("{v:w$}")).collect::<Vec<_>>().join("  ").trim_end().to_owned()
    };
    let mut out = vec![line(columns.iter().map(String::as_str).collect())];
    out.extend(cells.iter().map(|r| line(r.iter().map(String::as_str).collect())));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_as_json_strings_or_lists() {
        assert_eq!(parse_flag::<i64>("5"), Ok(5));
        assert_eq!(parse_flag::<String>("BoxOutDelta"), Ok("BoxOutDelta".to_owned()));
        assert_eq!(parse_flag::<String>("5"), Ok("5".to_owned()));
        assert_eq!(parse_flag::<Vec<String>>("id,status"), Ok(vec!["id".to_owned(), "status".to_owned()]));
        assert!(parse_flag::<i64>("five").is_err());
    }

    #[derive(Debug, ::serde::Deserialize)]
    #[allow(dead_code)]
    struct Counted {
        count: Option<i64>,
    }

    #[derive(Debug, ::serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        name: Option<String>,
        inner: Option<Counted>,
    }

    #[test]
    fn a_body_that_does_not_fit_names_the_member() {
        let error = read_body::<Outer>(r#"{"name": "a", "inner": {"count": "many"}}"#).expect_err("count");
        let Failure::Usage(message) = error else { panic!("{error:?}") };
        assert!(message.starts_with("--body at $.inner.count:"), "{message}");
        assert!(message.contains("expected i64"), "{message}");
        assert!(matches!(read_body::<Outer>("{"), Err(Failure::Usage(m)) if m.contains("no JSON")));
    }

    #[test]
    fn strict_names_every_member_the_description_does_not() {
        static SHAPES: [Shape; 2] = [
            Shape::Struct { open: false, members: &[("name", Inner::Any), ("items", Inner::List(&Inner::Model(1)))] },
            Shape::Struct { open: false, members: &[("id", Inner::Any)] },
        ];
        let body = ::serde_json::json!({"name": "a", "nmae": "b", "items": [{"id": 1}, {"id": 2, "idd": 3}]});
        assert_eq!(unknown_members(&body, Inner::Model(0), &SHAPES), ["$.nmae", "$.items[1].idd"]);
        assert!(unknown_members(&::serde_json::json!({"name": "a"}), Inner::Model(0), &SHAPES).is_empty());
    }

    #[test]
    fn credentials_are_redacted_where_the_shape_fits() {
        let secrets = [Secret { members: &["key", "value"], secret: &["value"] }];
        let mut body = ::serde_json::json!({"value": [{"key": "SecretToken", "value": "s3cr3t"}], "other": {"value": "kept", "x": 1}});
        redact(&mut body, &secrets, 0);
        assert_eq!(body["value"][0]["value"], "<redacted>");
        assert_eq!(body["other"]["value"], "kept");
    }

    #[test]
    fn a_list_prints_as_a_table_of_its_scalar_members() {
        let value = ::serde_json::json!({"value": [{"id": "a", "status": {"code": "Active"}, "templateId": "Box"}, {"id": "bb"}]});
        assert_eq!(table(&value), "id  templateId\na   Box\nbb");
    }
}
