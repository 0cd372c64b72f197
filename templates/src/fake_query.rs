//! The OData query options a fake honours on a list (feature `fake`): `$filter` (`eq`,
//! `ne`, `gt`, `ge`, `lt`, `le`, `startswith(member,'text')`, joined by `and` or `or`),
//! `$orderby` (members, `asc` or `desc`), `$skip`, `$top` and `$select`.

use ::serde_json::Value;
use ::std::cmp::Ordering;

/// One comparison of a `$filter`.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    Compare { member: String, op: String, value: Value },
    StartsWith { member: String, prefix: String },
}

/// A `$filter`: comparisons, each group of `and`s joined by `or`.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter(Vec<Vec<Test>>);

impl Filter {
    /// Reads a `$filter`; an error says what is not understood.
    pub fn parse(text: &str) -> Result<Filter, String> {
        let mut groups = Vec::new();
        for group in split_words(text, " or ") {
            let mut tests = Vec::new();
            for test in split_words(group, " and ") {
                tests.push(parse_test(test.trim())?);
            }
            groups.push(tests);
        }
        Ok(Filter(groups))
    }

    /// Whether an item passes.
    pub fn passes(&self, item: &Value) -> bool {
        self.0.iter().any(|group| group.iter().all(|test| passes(test, item)))
    }
}

/// `text` split at `separator` outside quoted strings.
fn split_words<'a>(text: &'a str, separator: &str) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut i) = (0, false, 0);
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            quoted = !quoted;
        } else if !quoted && text[i..].starts_with(separator) {
            parts.push(&text[start..i]);
            i += separator.len();
            start = i;
            continue;
        }
        i += 1;
    }
    parts.push(&text[start..]);
    parts
}

fn parse_test(text: &str) -> Result<Test, String> {
    if let Some(args) = text.strip_prefix("startswith(").and_then(|t| t.strip_suffix(')')) {
        let (member, prefix) = args.split_once(',').ok_or(format!("`{text}`: startswith takes two arguments"))?;
        let Value::String(prefix) = literal(prefix.trim())? else {
            return Err(format!("`{text}`: startswith compares with text"));
        };
        return Ok(Test::StartsWith { member: member.trim().to_owned(), prefix });
    }
    let mut words = text.splitn(3, ' ');
    let (Some(member), Some(op), Some(value)) = (words.next(), words.next(), words.next()) else {
        return Err(format!("`{text}` is not `member op value`"));
    };
    if !["eq", "ne", "gt", "ge", "lt", "le"].contains(&op) {
        return Err(format!("`{op}` is not a comparison this fake knows (eq, ne, gt, ge, lt, le)"));
    }
    Ok(Test::Compare { member: member.to_owned(), op: op.to_owned(), value: literal(value.trim())? })
}

fn literal(text: &str) -> Result<Value, String> {
    if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        return Ok(Value::String(inner.replace("''", "'")));
    }
    match text {
        "null" => Ok(Value::Null),
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        _ => ::serde_json::from_str::<::serde_json::Number>(text)
            .map(Value::Number)
            .map_err(|_| format!("`{text}` is not a literal (text in quotes, a number, true, false, null)")),
    }
}

/// A member by path (`a/b`, OData's way into a nested object).
fn member<'a>(item: &'a Value, path: &str) -> &'a Value {
    path.split('/').fold(item, |value, name| value.get(name).unwrap_or(&Value::Null))
}

fn passes(test: &Test, item: &Value) -> bool {
    match test {
        Test::StartsWith { member: m, prefix } => {
            member(item, m).as_str().is_some_and(|s| s.starts_with(prefix.as_str()))
        }
        Test::Compare { member: m, op, value } => {
            let ordering = compare(member(item, m), value);
            match op.as_str() {
                "eq" => ordering == Some(Ordering::Equal),
                "ne" => ordering != Some(Ordering::Equal),
                "gt" => ordering == Some(Ordering::Greater),
                "ge" => matches!(ordering, Some(Ordering::Greater | Ordering::Equal)),
                "lt" => ordering == Some(Ordering::Less),
                _ => matches!(ordering, Some(Ordering::Less | Ordering::Equal)),
            }
        }
    }
}

/// Two JSON values compared: numbers as numbers, text as text, booleans, nulls.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        _ => None,
    }
}

/// Sorts items by an `$orderby` (`name desc, age`).
pub fn order(items: &mut [Value], orderby: &str) {
    let keys: Vec<(&str, bool)> = orderby
        .split(',')
        .map(|k| {
            let mut words = k.split_whitespace();
            (words.next().unwrap_or(""), words.next() == Some("desc"))
        })
        .collect();
    items.sort_by(|a, b| {
        keys.iter()
            .map(|(m, desc)| {
                let o = compare(member(a, m), member(b, m)).unwrap_or(Ordering::Equal);
                if *desc {
                    o.reverse()
                } else {
                    o
                }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
}

/// Keeps only the `$select`ed members of an object (and `id`, as OData services do).
pub fn select(item: Value, members: &[String]) -> Value {
    match item {
        Value::Object(map) if !members.is_empty() => Value::Object(
            map.into_iter().filter(|(k, _)| k == "id" || k.starts_with('@') || members.contains(k)).collect(),
        ),
        other => other,
    }
}

/// JSON Merge Patch (RFC 7396): members of `patch` replace those of `target`, objects
/// merge, an explicit `null` removes.
pub fn merge(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (name, value) in patch {
                if value.is_null() {
                    target.remove(&name);
                } else {
                    merge(target.entry(name).or_insert(Value::Null), value);
                }
            }
        }
        (target, patch) => *target = patch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::serde_json::json;

    #[test]
    fn filters_compare_members() {
        let rex = json!({"name": "Rex", "age": 3, "owner": {"name": "Ann"}});
        let tom = json!({"name": "Tom's", "age": 9});
        let filter = Filter::parse("age gt 2 and startswith(name,'R')").expect("parsed");
        assert!(filter.passes(&rex) && !filter.passes(&tom));
        let filter = Filter::parse("name eq 'Tom''s' or owner/name eq 'Ann'").expect("parsed");
        assert!(filter.passes(&rex) && filter.passes(&tom));
        assert!(Filter::parse("name like 'R'").unwrap_err().contains("like"));
        assert!(Filter::parse("name eq R").is_err());
    }

    #[test]
    fn merge_patch_clears_on_null_and_merges_objects() {
        let mut item = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": 4});
        merge(&mut item, json!({"a": null, "b": {"c": null, "x": 5}, "e": [1]}));
        assert_eq!(item, json!({"b": {"d": 3, "x": 5}, "e": [1]}));
    }

    #[test]
    fn orders_and_selects() {
        let mut items = vec![json!({"n": 2, "s": "b"}), json!({"n": 1, "s": "c"}), json!({"n": 2, "s": "a"})];
        order(&mut items, "n desc, s");
        assert_eq!(items.iter().map(|i| i["s"].as_str().unwrap_or("")).collect::<String>(), "abc");
        assert_eq!(select(json!({"id": 1, "n": 2, "s": 3}), &["s".to_owned()]), json!({"id": 1, "s": 3}));
    }
}
