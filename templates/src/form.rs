//! A `multipart/form-data` form serialized straight into its parts (what
//! [`multipart::body`](super::multipart::body) writes with): each member of the form a
//! part, a list a part per item, an object a part of its JSON, a file (known by
//! [`FILE_TOKEN`]) a file part whose bytes are copied once, into the body.

use ::serde::ser::{
    Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};

/// The name a `multipart::File` is serialized under, as a tuple struct of its file name, media type
/// and bytes: a form's writer knows a file by it (JSON writes it as a plain array). No
/// type of a description is named so.
pub const FILE_TOKEN: &str = "\u{0}multipart-file";

/// A name or file name inside a quoted header parameter: quotes and line breaks escaped
/// as browsers do (RFC 7578).
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// Why a form cannot be written.
#[derive(Debug)]
pub struct FormError(String);

impl ::std::fmt::Display for FormError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::std::error::Error for FormError {}

impl ::serde::ser::Error for FormError {
    fn custom<T: ::std::fmt::Display>(message: T) -> Self {
        FormError(message.to_string())
    }
}

impl From<::serde_json::Error> for FormError {
    fn from(error: ::serde_json::Error) -> Self {
        FormError(error.to_string())
    }
}

/// The body being written, or measured: a form is serialized twice, first to measure
/// its body, then into a body of exactly that capacity (so that a large file's bytes are
/// not followed by the body doubling its capacity: 3 times the file at the peak).
pub struct Parts<'b> {
    out: Vec<u8>,
    /// Bytes the parts take, when measuring.
    measured: Option<usize>,
    boundary: &'b str,
}

impl<'b> Parts<'b> {
    /// Measures the parts `boundary` separates, writing nothing.
    pub fn measure(boundary: &'b str) -> Self {
        Parts { out: Vec::new(), measured: Some(0), boundary }
    }

    /// A body of `capacity` bytes, for the parts `boundary` separates.
    pub fn with_capacity(boundary: &'b str, capacity: usize) -> Self {
        Parts { out: Vec::with_capacity(capacity), measured: None, boundary }
    }

    /// The bytes measured, or written.
    pub fn len(&self) -> usize {
        self.measured.unwrap_or(self.out.len())
    }

    /// Whether no part has been measured or written.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The parts written (the closing boundary is the caller's).
    pub fn into_body(self) -> Vec<u8> {
        self.out
    }

    /// One part: its head, its bytes, the line that ends it.
    fn part(&mut self, name: &str, filename: Option<&str>, content_type: Option<&str>, bytes: &[u8]) {
        let mut head = format!("--{}\r\nContent-Disposition: form-data; name=\"{}\"", self.boundary, quoted(name));
        if let Some(filename) = filename {
            head.push_str(&format!("; filename=\"{}\"", quoted(filename)));
        }
        head.push_str("\r\n");
        if let Some(content_type) = content_type {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        head.push_str("\r\n");
        match &mut self.measured {
            Some(measured) => *measured += head.len() + bytes.len() + 2,
            None => {
                self.out.extend_from_slice(head.as_bytes());
                self.out.extend_from_slice(bytes);
                self.out.extend_from_slice(b"\r\n");
            }
        }
    }
}

/// Methods of a `Serializer` whose `Ok` is `()` that refuse their value with `$why`.
macro_rules! refuse {
    ($why:expr; $($method:ident($($arg:ty),*);)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<(), FormError> {
                Err(FormError($why.into()))
            }
        )*
    };
}

/// The methods of a `Serializer` that refuse lists, tuples and enum variants with data,
/// with `$why` (the compound types are `Impossible`).
macro_rules! refuse_compounds {
    ($why:expr) => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), FormError> {
            Err(FormError($why.into()))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, FormError> {
            Err(FormError($why.into()))
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, FormError> {
            Err(FormError($why.into()))
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, FormError> {
            Err(FormError($why.into()))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, FormError> {
            Err(FormError($why.into()))
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, FormError> {
            Err(FormError($why.into()))
        }
    };
}

/// A form's members (a struct or a map), each a part or parts.
pub struct Form<'p, 'b> {
    parts: &'p mut Parts<'b>,
}

impl<'p, 'b> Form<'p, 'b> {
    /// A form written into `parts`.
    pub fn new(parts: &'p mut Parts<'b>) -> Self {
        Form { parts }
    }
}

const NOT_AN_OBJECT: &str = "a multipart form must be an object";

impl<'p, 'b> Serializer for Form<'p, 'b> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Impossible<(), FormError>;
    type SerializeTuple = Impossible<(), FormError>;
    type SerializeTupleStruct = Impossible<(), FormError>;
    type SerializeTupleVariant = Impossible<(), FormError>;
    type SerializeMap = Members<'p, 'b>;
    type SerializeStruct = Members<'p, 'b>;
    type SerializeStructVariant = Impossible<(), FormError>;

    refuse_compounds!(NOT_AN_OBJECT);

    refuse! { NOT_AN_OBJECT;
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64); serialize_char(char); serialize_str(&str);
        serialize_bytes(&[u8]); serialize_none(); serialize_unit(); serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, FormError> {
        Ok(Members { parts: self.parts, key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, FormError> {
        Ok(Members { parts: self.parts, key: None })
    }
}

/// The members of the form: each written as it is serialized.
pub struct Members<'p, 'b> {
    parts: &'p mut Parts<'b>,
    /// A map's key, until its value comes.
    key: Option<String>,
}

impl SerializeStruct for Members<'_, '_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), FormError> {
        value.serialize(Member { parts: self.parts, name, item: false })
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

impl SerializeMap for Members<'_, '_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), FormError> {
        self.key = Some(match ::serde_json::to_value(key)? {
            ::serde_json::Value::String(text) => text,
            other => other.to_string(),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        let name = self.key.take().unwrap_or_default();
        value.serialize(Member { parts: self.parts, name: &name, item: false })
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

/// One member's value: a part, a part per item of a list, or (a member that is an object
/// or a list inside a list) a part of its JSON.
struct Member<'p, 'b, 'n> {
    parts: &'p mut Parts<'b>,
    name: &'n str,
    /// Whether this is an item of a list (a list in it is one JSON part).
    item: bool,
}

impl Member<'_, '_, '_> {
    fn text(self, text: &str) -> Result<(), FormError> {
        self.parts.part(self.name, None, None, text.as_bytes());
        Ok(())
    }

    /// A number as JSON writes it; one JSON cannot write (NaN, infinity) is left out, as a
    /// `null` is.
    fn number(self, finite: bool, value: &impl Serialize) -> Result<(), FormError> {
        if finite {
            self.text(&::serde_json::to_string(value)?)
        } else {
            Ok(())
        }
    }

    /// A part of JSON text: an object's with its media type, a list's (in a list) without.
    fn json(self, value: &::serde_json::Value) -> Result<(), FormError> {
        let content_type = value.is_object().then_some("application/json");
        self.parts.part(self.name, None, content_type, value.to_string().as_bytes());
        Ok(())
    }
}

/// Methods of a `Serializer` that write their integer as a text part.
macro_rules! as_text {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method(self, v: $ty) -> Result<(), FormError> {
                self.text(&v.to_string())
            }
        )*
    };
}

/// The value serializer's compound types (a member written as JSON is gathered with them).
type JsonSerializer = ::serde_json::value::Serializer;
type JsonSeq = <JsonSerializer as Serializer>::SerializeSeq;
type JsonMap = <JsonSerializer as Serializer>::SerializeMap;
type JsonTupleVariant = <JsonSerializer as Serializer>::SerializeTupleVariant;
type JsonStructVariant = <JsonSerializer as Serializer>::SerializeStructVariant;

impl<'p, 'b, 'n> Serializer for Member<'p, 'b, 'n> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = List<'p, 'b, 'n>;
    type SerializeTuple = List<'p, 'b, 'n>;
    type SerializeTupleStruct = List<'p, 'b, 'n>;
    type SerializeTupleVariant = Json<'p, 'b, 'n, JsonTupleVariant>;
    type SerializeMap = Json<'p, 'b, 'n, JsonMap>;
    type SerializeStruct = Json<'p, 'b, 'n, JsonMap>;
    type SerializeStructVariant = Json<'p, 'b, 'n, JsonStructVariant>;

    fn serialize_bool(self, v: bool) -> Result<(), FormError> {
        self.text(if v { "true" } else { "false" })
    }
    as_text! {
        serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64); serialize_i128(i128);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64); serialize_u128(u128);
    }
    fn serialize_f32(self, v: f32) -> Result<(), FormError> {
        self.number(v.is_finite(), &v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), FormError> {
        self.number(v.is_finite(), &v)
    }
    fn serialize_char(self, v: char) -> Result<(), FormError> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), FormError> {
        self.text(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), FormError> {
        self.parts.part(self.name, None, Some("application/octet-stream"), v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), FormError> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        let json = ::serde_json::value::Serializer.serialize_newtype_variant(name, index, variant, value)?;
        self.json(&json)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, FormError> {
        if self.item {
            Ok(List::Json(Json { json: ::serde_json::value::Serializer.serialize_seq(len)?, member: self }))
        } else {
            Ok(List::Items(self))
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeTupleStruct, FormError> {
        if name == FILE_TOKEN {
            return Ok(List::File { member: self, name: None, content_type: None, field: 0 });
        }
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, FormError> {
        Ok(Json {
            json: ::serde_json::value::Serializer.serialize_tuple_variant(name, index, variant, len)?,
            member: self,
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, FormError> {
        Ok(Json { json: ::serde_json::value::Serializer.serialize_map(len)?, member: self })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeStruct, FormError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, FormError> {
        Ok(Json {
            json: ::serde_json::value::Serializer.serialize_struct_variant(name, index, variant, len)?,
            member: self,
        })
    }
}

/// A member written as JSON: gathered as a `Value` (an object or a list in a list: small),
/// then one part.
struct Json<'p, 'b, 'n, S> {
    json: S,
    member: Member<'p, 'b, 'n>,
}

impl SerializeTupleVariant for Json<'_, '_, '_, JsonTupleVariant> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        Ok(self.json.serialize_field(value)?)
    }
    fn end(self) -> Result<(), FormError> {
        let value = SerializeTupleVariant::end(self.json)?;
        self.member.json(&value)
    }
}

impl SerializeMap for Json<'_, '_, '_, JsonMap> {
    type Ok = ();
    type Error = FormError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), FormError> {
        Ok(self.json.serialize_key(key)?)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        Ok(self.json.serialize_value(value)?)
    }
    fn end(self) -> Result<(), FormError> {
        let value = SerializeMap::end(self.json)?;
        self.member.json(&value)
    }
}

impl SerializeStruct for Json<'_, '_, '_, JsonMap> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), FormError> {
        Ok(SerializeStruct::serialize_field(&mut self.json, key, value)?)
    }
    fn end(self) -> Result<(), FormError> {
        let value = SerializeStruct::end(self.json)?;
        self.member.json(&value)
    }
}

impl SerializeStructVariant for Json<'_, '_, '_, JsonStructVariant> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), FormError> {
        Ok(self.json.serialize_field(key, value)?)
    }
    fn end(self) -> Result<(), FormError> {
        let value = SerializeStructVariant::end(self.json)?;
        self.member.json(&value)
    }
}

/// A member that is a list (a part per item), a list in a list (one JSON part), or a
/// [`File`] (its name and media type, then its bytes written straight into the body).
enum List<'p, 'b, 'n> {
    Items(Member<'p, 'b, 'n>),
    Json(Json<'p, 'b, 'n, JsonSeq>),
    File { member: Member<'p, 'b, 'n>, name: Option<String>, content_type: Option<String>, field: usize },
}

impl List<'_, '_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        match self {
            List::Items(member) => value.serialize(Member { parts: member.parts, name: member.name, item: true }),
            List::Json(json) => Ok(SerializeSeq::serialize_element(&mut json.json, value)?),
            List::File { member, name, content_type, field } => {
                *field += 1;
                match *field {
                    1 => *name = ::serde_json::from_value(::serde_json::to_value(value)?)?,
                    2 => *content_type = ::serde_json::from_value(::serde_json::to_value(value)?)?,
                    _ => {
                        let filename = name.as_deref().unwrap_or(member.name);
                        let content_type = content_type.as_deref().unwrap_or("application/octet-stream");
                        value.serialize(FileBytes {
                            parts: member.parts,
                            name: member.name,
                            filename,
                            content_type,
                        })?;
                    }
                }
                Ok(())
            }
        }
    }

    fn finish(self) -> Result<(), FormError> {
        match self {
            List::Items(_) => Ok(()),
            List::Json(json) => {
                let value = SerializeSeq::end(json.json)?;
                json.member.json(&value)
            }
            List::File { field: 3, .. } => Ok(()),
            List::File { .. } => Err(FormError("a file without its bytes".into())),
        }
    }
}

impl SerializeSeq for List<'_, '_, '_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.element(value)
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

impl SerializeTuple for List<'_, '_, '_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.element(value)
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

impl SerializeTupleStruct for List<'_, '_, '_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.element(value)
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

/// A file's bytes, written as its part.
struct FileBytes<'p, 'b, 'n> {
    parts: &'p mut Parts<'b>,
    name: &'n str,
    filename: &'n str,
    content_type: &'n str,
}

const NOT_BYTES: &str = "a file's bytes must be bytes";

impl Serializer for FileBytes<'_, '_, '_> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Impossible<(), FormError>;
    type SerializeTuple = Impossible<(), FormError>;
    type SerializeTupleStruct = Impossible<(), FormError>;
    type SerializeTupleVariant = Impossible<(), FormError>;
    type SerializeMap = Impossible<(), FormError>;
    type SerializeStruct = Impossible<(), FormError>;
    type SerializeStructVariant = Impossible<(), FormError>;

    fn serialize_bytes(self, v: &[u8]) -> Result<(), FormError> {
        self.parts.part(self.name, Some(self.filename), Some(self.content_type), v);
        Ok(())
    }

    refuse_compounds!(NOT_BYTES);

    refuse! { NOT_BYTES;
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64); serialize_char(char); serialize_str(&str);
        serialize_none(); serialize_unit(); serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), FormError> {
        Err(FormError(NOT_BYTES.into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<(), FormError> {
        Err(FormError(NOT_BYTES.into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, FormError> {
        Err(FormError(NOT_BYTES.into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, FormError> {
        Err(FormError(NOT_BYTES.into()))
    }
}
