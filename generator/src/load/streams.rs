//! Streams as 3.0 and 3.1 documents declare them: a response's `text/event-stream`,
//! `application/jsonl`, `application/x-ndjson` or `application/json-seq` with a `schema` is a
//! sequence of items of that schema, read into the same shape as 3.2's `itemSchema`: the
//! schema as the list of its items, marked as arriving one at a time. For server-sent
//! events the schema is each event's `data` (as these documents mean it; 3.2's item is the
//! event object): marked `"data"`. A JSON-lines schema that is already a list describes
//! the whole stream: its items are the items.

use crate::extensions::SEQUENCE;
use crate::ir::Framing;
use serde_json::{Map, Value};

/// Marks the stream media types of one response's `content` (a raw `content` map).
pub fn mark(content: &mut Value) {
    let Some(content) = content.as_object_mut() else { return };
    for (media, m) in content.iter_mut() {
        let Some(framing) = Framing::of(media) else { continue };
        let Some(m) = m.as_object_mut() else { continue };
        if m.contains_key(SEQUENCE) {
            continue;
        }
        let Some(schema) = m.remove("schema") else { continue };
        let is_list = schema.get("type").and_then(Value::as_str) == Some("array") && schema.get("items").is_some();
        let list = if is_list && framing != Framing::EventStream {
            schema
        } else {
            let mut list = Map::new();
            list.insert("type".to_owned(), Value::String("array".to_owned()));
            list.insert("items".to_owned(), schema);
            Value::Object(list)
        };
        m.insert("schema".to_owned(), list);
        let mark = if framing == Framing::EventStream { Value::String("data".to_owned()) } else { Value::Bool(true) };
        m.insert(SEQUENCE.to_owned(), mark);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_stream_schema_is_the_schema_of_each_item() {
        let mut content = json!({
            "application/json": {"schema": {"$ref": "#/components/schemas/Answer"}},
            "text/event-stream": {"schema": {"$ref": "#/components/schemas/Event"}},
            "application/x-ndjson": {"schema": {"type": "array", "items": {"type": "integer"}}},
            "application/jsonl": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}}
        });
        mark(&mut content);
        assert_eq!(content["application/json"], json!({"schema": {"$ref": "#/components/schemas/Answer"}}));
        assert_eq!(
            content["text/event-stream"],
            json!({"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}, SEQUENCE: "data"})
        );
        assert_eq!(
            content["application/x-ndjson"],
            json!({"schema": {"type": "array", "items": {"type": "integer"}}, SEQUENCE: true})
        );
        assert_eq!(
            content["application/jsonl"],
            json!({"schema": {"type": "array", "items": {"type": "string"}}, SEQUENCE: true})
        );
        assert_eq!(content["text/plain"], json!({"schema": {"type": "string"}}));
        // Marked once: a second reading changes nothing.
        let once = content.clone();
        mark(&mut content);
        assert_eq!(content, once);
    }
}
