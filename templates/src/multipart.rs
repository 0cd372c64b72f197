//! `multipart/form-data` bodies: a part per member of a form (Swagger 2.0's `formData`
//! with a file among its fields), the files as file parts with their names and types.
//!
//! The form is serialized straight into the body (by [`form`](super::form)'s `Serializer`): a
//! file's bytes are copied once, into the body, so a 10 MiB upload costs the file and the
//! body, never a `serde_json::Value` of its bytes (which held each byte as an array
//! element, some 30 times its size).

use super::error::Error;
use super::form::{Form, Parts, FILE_TOKEN};
use super::operation::HttpRequest;
use ::serde::ser::{Serialize, SerializeTupleStruct, Serializer};

/// A file to send as a part of a multipart form.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct File {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The file name the part carries (`filename=`), if any.
    pub name: Option<String>,
    /// The part's media type (`application/octet-stream` when none is given).
    pub content_type: Option<String>,
}

impl File {
    /// A file of these bytes, without a name.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        File { bytes: bytes.into(), name: None, content_type: None }
    }

    /// The file name the part carries.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The part's media type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl From<Vec<u8>> for File {
    fn from(bytes: Vec<u8>) -> Self {
        File::new(bytes)
    }
}

impl From<&str> for File {
    fn from(text: &str) -> Self {
        File::new(text.as_bytes())
    }
}

impl ::std::fmt::Debug for File {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("File")
            .field("bytes", &self.bytes.len())
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl ::serde::Serialize for File {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The bytes, as bytes (a form's writer takes them whole).
        struct Bytes<'a>(&'a [u8]);
        impl Serialize for Bytes<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(self.0)
            }
        }
        let mut fields = serializer.serialize_tuple_struct(FILE_TOKEN, 3)?;
        fields.serialize_field(&self.name)?;
        fields.serialize_field(&self.content_type)?;
        fields.serialize_field(&Bytes(&self.bytes))?;
        fields.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for File {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// File name, media type, bytes: what `Serialize` writes.
        type Parts = (Option<String>, Option<String>, Vec<u8>);
        #[derive(::serde::Deserialize)]
        #[serde(untagged)]
        enum Written {
            Marked(Parts),
            Text(String),
        }
        match Written::deserialize(deserializer)? {
            Written::Text(text) => Ok(File::new(text.into_bytes())),
            Written::Marked((name, content_type, bytes)) => Ok(File { bytes, name, content_type }),
        }
    }
}

/// Finishes a request with a `multipart/form-data` body of `form`'s members: a file as a
/// file part, text as it is, numbers and booleans as their text, a list as one part per
/// item, an object as a JSON part; `null`s are left out. Written straight into a body of
/// the size it measures first: a file's bytes are copied once.
pub fn body<T: Serialize + ?Sized>(builder: ::http::request::Builder, form: &T) -> Result<HttpRequest, Error> {
    let boundary = format!("----generated-boundary-{}", ::uuid::Uuid::new_v4().simple());
    let end = format!("--{boundary}--\r\n");
    let invalid = |e: super::form::FormError| Error::invalid(format!("multipart form: {e}"));
    let mut measured = Parts::measure(&boundary);
    form.serialize(Form::new(&mut measured)).map_err(invalid)?;
    let mut parts = Parts::with_capacity(&boundary, measured.len() + end.len());
    form.serialize(Form::new(&mut parts)).map_err(invalid)?;
    let mut out = parts.into_body();
    out.extend_from_slice(end.as_bytes());
    builder
        .header(::http::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(out)
        .map_err(|e| Error::invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(::serde::Serialize)]
    struct Upload {
        photo: File,
        note: Option<String>,
        tags: Vec<String>,
        count: i64,
        missing: Option<String>,
    }

    #[test]
    fn every_member_is_a_part_and_files_are_file_parts() {
        let form = Upload {
            photo: File::new(vec![0u8, 159, 146, 150]).name("cat.png").content_type("image/png"),
            note: Some("a \"quoted\" note".into()),
            tags: vec!["a".into(), "b".into()],
            count: 2,
            missing: None,
        };
        let request = body(::http::Request::builder(), &form).unwrap();
        let content_type = request.headers()["content-type"].to_str().unwrap().to_owned();
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let body = request.body();
        let text = String::from_utf8_lossy(body);
        assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 5, "{text}");
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        assert!(text.contains("name=\"photo\"; filename=\"cat.png\"\r\nContent-Type: image/png\r\n\r\n"));
        let start = body.windows(4).position(|w| w == [0u8, 159, 146, 150]);
        assert!(start.is_some(), "the file's bytes are sent as they are");
        assert!(text.contains("name=\"note\"\r\n\r\na \"quoted\" note\r\n"));
        assert_eq!(text.matches("name=\"tags\"").count(), 2);
        assert!(text.contains("name=\"count\"\r\n\r\n2\r\n"));
        assert!(!text.contains("missing"));
        assert!(!format!("{:?}", form.photo).contains("159"), "Debug shows the size, not the bytes");
    }

    #[derive(::serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Color {
        DarkRed,
    }

    #[derive(::serde::Serialize)]
    struct Shapes {
        color: Color,
        grid: Vec<Vec<i64>>,
        files: Vec<File>,
        ratio: f32,
        #[serde(flatten)]
        extra: ::std::collections::BTreeMap<String, ::serde_json::Value>,
    }

    #[test]
    fn lists_in_lists_enums_maps_and_several_files_are_written_as_before() {
        let form = Shapes {
            color: Color::DarkRed,
            grid: vec![vec![1, 2], vec![3]],
            files: vec![File::new("a"), File::new("b").name("b.txt")],
            ratio: 0.1,
            extra: [("n".to_owned(), ::serde_json::json!(null)), ("o".to_owned(), ::serde_json::json!({"k": [1]}))]
                .into_iter()
                .collect(),
        };
        let request = body(::http::Request::builder(), &form).unwrap();
        let text = String::from_utf8_lossy(request.body()).into_owned();
        assert!(text.contains("name=\"color\"\r\n\r\ndarkRed\r\n"), "{text}");
        assert!(
            text.contains("name=\"grid\"\r\n\r\n[1,2]\r\n") && text.contains("name=\"grid\"\r\n\r\n[3]\r\n"),
            "{text}"
        );
        assert!(
            text.contains("name=\"files\"; filename=\"files\"\r\nContent-Type: application/octet-stream\r\n\r\na\r\n")
        );
        assert!(text.contains("name=\"files\"; filename=\"b.txt\""), "{text}");
        assert!(text.contains("name=\"ratio\"\r\n\r\n0.1\r\n"), "as written, not widened: {text}");
        assert!(!text.contains("name=\"n\""), "a null is left out: {text}");
        assert!(text.contains("name=\"o\"\r\nContent-Type: application/json\r\n\r\n{\"k\":[1]}\r\n"), "{text}");
        let refused = body(::http::Request::builder(), &vec![1, 2]).unwrap_err();
        assert!(refused.to_string().contains("a multipart form must be an object"), "{refused}");
    }

    #[test]
    fn a_file_reads_back_from_the_json_it_is_written_as() {
        let file = File::new(vec![1u8, 2]).name("x.bin").content_type("application/x");
        let json = ::serde_json::to_string(&file).unwrap();
        assert_eq!(json, r#"["x.bin","application/x",[1,2]]"#);
        assert_eq!(::serde_json::from_str::<File>(&json).unwrap(), file);
        assert_eq!(::serde_json::from_str::<File>(r#""text""#).unwrap(), File::new("text"));
    }
}
