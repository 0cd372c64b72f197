//! A `multipart/form-data` body read back into its form (feature `server`): each part a
//! member, text parts read as their member's type (as a query's text is), a file part a
//! [`File`](super::multipart::File) with its name and type, a JSON part its value, a
//! member's repeated parts a list. The inverse of `multipart::body`.

use super::server_text::{TextError, Texts};
use ::serde::de::{self, Deserializer, IntoDeserializer, Visitor};

/// One part's content.
#[derive(Debug, Clone)]
enum Part {
    Text(String),
    File { name: Option<String>, content_type: Option<String>, bytes: Vec<u8> },
    Json(::serde_json::Value),
}

/// Reads a multipart body (its `Content-Type` names the boundary) into `T`.
pub fn read<T: ::serde::de::DeserializeOwned>(content_type: &str, body: &[u8]) -> Result<T, TextError> {
    let boundary = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next()
        .map(|b| b.trim_matches('"'))
        .ok_or_else(|| TextError("the Content-Type names no boundary".to_owned()))?;
    let mut members: Vec<(String, Vec<Part>)> = Vec::new();
    for (name, part) in parts(boundary, body)? {
        match members.iter_mut().find(|(n, _)| *n == name) {
            Some((_, all)) => all.push(part),
            None => members.push((name, vec![part])),
        }
    }
    T::deserialize(de::value::MapDeserializer::new(members.into_iter().map(|(n, p)| (n, Member(p)))))
}

/// The body's parts: each one's member name and content.
fn parts(boundary: &str, body: &[u8]) -> Result<Vec<(String, Part)>, TextError> {
    let delimiter = format!("--{boundary}");
    let mut out = Vec::new();
    let mut rest = body;
    let first = find(rest, delimiter.as_bytes()).ok_or_else(|| TextError("no part starts the body".to_owned()))?;
    rest = &rest[first + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            return Ok(out);
        }
        rest = rest.strip_prefix(b"\r\n").ok_or_else(|| TextError("a boundary line does not end".to_owned()))?;
        let head_end = find(rest, b"\r\n\r\n").ok_or_else(|| TextError("a part's head does not end".to_owned()))?;
        let head = String::from_utf8_lossy(&rest[..head_end]).into_owned();
        rest = &rest[head_end + 4..];
        let end = find(rest, format!("\r\n{delimiter}").as_bytes())
            .ok_or_else(|| TextError("a part does not end with the boundary".to_owned()))?;
        let content = &rest[..end];
        rest = &rest[end + 2 + delimiter.len()..];
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
        };
        let disposition = header("content-disposition").unwrap_or_default();
        let parameter = |key: &str| {
            disposition.split(';').find_map(|p| {
                let (k, v) = p.trim().split_once('=')?;
                (k == key).then(|| v.trim_matches('"').to_owned())
            })
        };
        let name = parameter("name").ok_or_else(|| TextError("a part has no name".to_owned()))?;
        let content_type = header("content-type");
        let part = match (parameter("filename"), content_type.as_deref()) {
            (None, Some(t)) if t.starts_with("application/json") => {
                Part::Json(::serde_json::from_slice(content).map_err(|e| TextError(format!("part `{name}`: {e}")))?)
            }
            (None, _) => Part::Text(String::from_utf8_lossy(content).into_owned()),
            // The writer's defaults (the member's name, `application/octet-stream`) read
            // back as none given, as the `File` was written.
            (file_name, content_type) => Part::File {
                name: file_name.filter(|f| *f != name),
                content_type: content_type.filter(|t| *t != "application/octet-stream").map(str::to_owned),
                bytes: content.to_vec(),
            },
        };
        out.push((name, part));
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A scalar member read from its text part, as its type.
macro_rules! scalars {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
                self.scalar().$method(visitor)
            }
        )*
    };
}

/// A member's parts as a deserializer: one part as its value, several as a list.
struct Member(Vec<Part>);

impl<'de> IntoDeserializer<'de, TextError> for Member {
    type Deserializer = Member;
    fn into_deserializer(self) -> Member {
        self
    }
}

impl<'de> Deserializer<'de> for Member {
    type Error = TextError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        let mut parts = self.0;
        match (parts.len(), parts.pop()) {
            (1, Some(Part::Text(text))) => Texts::one(text).deserialize_any(visitor),
            (1, Some(Part::Json(value))) => value.deserialize_any(visitor).map_err(|e| TextError(e.to_string())),
            (1, Some(Part::File { name, content_type, bytes })) => {
                let fields: Vec<::serde_json::Value> = vec![name.into(), content_type.into(), bytes.into()];
                visitor.visit_seq(de::value::SeqDeserializer::new(fields.into_iter().map(JsonItem)))
            }
            (_, last) => {
                parts.extend(last);
                visitor.visit_seq(de::value::SeqDeserializer::new(parts.into_iter().map(|p| Member(vec![p]))))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        if self.0.len() == 1 && matches!(self.0[0], Part::File { .. }) {
            return self.deserialize_any(visitor);
        }
        visitor.visit_seq(de::value::SeqDeserializer::new(self.0.into_iter().map(|p| Member(vec![p]))))
    }

    scalars! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32
        deserialize_f64
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TextError> {
        self.scalar().deserialize_enum(name, variants, visitor)
    }

    ::serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct newtype_struct tuple tuple_struct map struct identifier
        ignored_any
    }
}

impl Member {
    fn scalar(self) -> Texts<'static> {
        match self.0.into_iter().next() {
            Some(Part::Text(text)) => Texts::one(text),
            Some(Part::Json(value)) => Texts::one(value.to_string()),
            _ => Texts::one(String::new()),
        }
    }
}

/// A JSON value as an item of a sequence.
struct JsonItem(::serde_json::Value);

impl<'de> IntoDeserializer<'de, TextError> for JsonItem {
    type Deserializer = JsonItem;
    fn into_deserializer(self) -> JsonItem {
        self
    }
}

impl<'de> Deserializer<'de> for JsonItem {
    type Error = TextError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        self.0.deserialize_any(visitor).map_err(|e| TextError(e.to_string()))
    }
    ::serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::multipart::File;

    #[derive(Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
    struct Upload {
        photo: File,
        note: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        count: i64,
        meta: ::serde_json::Value,
    }

    #[test]
    fn a_multipart_body_reads_back_into_its_form() {
        let upload = Upload {
            photo: File::new(b"\x00\x01png".to_vec()).name("a.png").content_type("image/png"),
            note: Some("hi".into()),
            tags: vec!["x".into(), "y".into()],
            count: 3,
            meta: ::serde_json::json!({"k": [1, 2]}),
        };
        let request = crate::multipart::body(::http::Request::builder(), &upload).expect("written");
        let content_type = request.headers()["content-type"].to_str().expect("text").to_owned();
        let back: Upload = read(&content_type, request.body()).expect("read");
        assert_eq!(back, upload);
        let unnamed = Upload { photo: File::new(Vec::new()), ..upload };
        let request = crate::multipart::body(::http::Request::builder(), &unnamed).expect("written");
        let content_type = request.headers()["content-type"].to_str().expect("text").to_owned();
        assert_eq!(read::<Upload>(&content_type, request.body()).expect("read"), unnamed);
        assert!(super::read::<Upload>("multipart/form-data", b"").unwrap_err().0.contains("boundary"));
    }
}
