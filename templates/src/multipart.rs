//! `multipart/form-data` bodies: a part per member of a form (Swagger 2.0's `formData`
//! with a file among its fields), the files as file parts with their names and types.

use super::error::Error;
use super::operation::HttpRequest;

/// The key a [`File`] is written under when a form is turned into JSON on its way to its
/// parts: no member of a form is named so.
const FILE_KEY: &str = "\u{0}multipart-file";

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
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(FILE_KEY, &(&self.bytes, &self.name, &self.content_type))?;
        map.end()
    }
}

impl<'de> ::serde::Deserialize<'de> for File {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Bytes, file name, media type.
        type Parts = (Vec<u8>, Option<String>, Option<String>);
        #[derive(::serde::Deserialize)]
        #[serde(untagged)]
        enum Written {
            Marked(::std::collections::BTreeMap<String, Parts>),
            Text(String),
        }
        match Written::deserialize(deserializer)? {
            Written::Text(text) => Ok(File::new(text.into_bytes())),
            Written::Marked(mut map) => {
                let (bytes, name, content_type) =
                    map.remove(FILE_KEY).ok_or_else(|| <D::Error as ::serde::de::Error>::custom("not a file"))?;
                Ok(File { bytes, name, content_type })
            }
        }
    }
}

/// Finishes a request with a `multipart/form-data` body of `form`'s members: a file as a
/// file part, text as it is, numbers and booleans as their text, a list as one part per
/// item, an object as a JSON part; `null`s are left out.
pub fn body<T: ::serde::Serialize + ?Sized>(builder: ::http::request::Builder, form: &T) -> Result<HttpRequest, Error> {
    let value = ::serde_json::to_value(form).map_err(|e| Error::invalid(format!("multipart form: {e}")))?;
    let ::serde_json::Value::Object(members) = value else {
        return Err(Error::invalid("a multipart form must be an object"));
    };
    let boundary = format!("----generated-boundary-{}", ::uuid::Uuid::new_v4().simple());
    let mut out = Vec::new();
    let mut part = |name: &str, value: &::serde_json::Value| -> Result<(), Error> {
        let (bytes, filename, content_type) = match value {
            ::serde_json::Value::Null => return Ok(()),
            ::serde_json::Value::String(text) => (text.clone().into_bytes(), None, None),
            ::serde_json::Value::Object(map) if map.contains_key(FILE_KEY) => {
                let file: File = ::serde_json::from_value(value.clone())
                    .map_err(|e| Error::invalid(format!("multipart form member `{name}`: {e}")))?;
                (
                    file.bytes,
                    Some(file.name.unwrap_or_else(|| name.to_owned())),
                    Some(file.content_type.unwrap_or_else(|| "application/octet-stream".to_owned())),
                )
            }
            ::serde_json::Value::Object(_) => {
                (value.to_string().into_bytes(), None, Some("application/json".to_owned()))
            }
            other => (other.to_string().into_bytes(), None, None),
        };
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"", quoted(name)).as_bytes(),
        );
        if let Some(filename) = filename {
            out.extend_from_slice(format!("; filename=\"{}\"", quoted(&filename)).as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        if let Some(content_type) = content_type {
            out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&bytes);
        out.extend_from_slice(b"\r\n");
        Ok(())
    };
    for (name, value) in &members {
        match value {
            ::serde_json::Value::Array(items) => {
                for item in items {
                    part(name, item)?;
                }
            }
            other => part(name, other)?,
        }
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    builder
        .header(::http::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(out)
        .map_err(|e| Error::invalid(e.to_string()))
}

/// A name or file name inside a quoted header parameter: quotes and line breaks escaped
/// as browsers do (RFC 7578).
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
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
}
