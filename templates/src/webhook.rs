//! Requests the API sends to you (OpenAPI webhooks), read sans-IO: the generated
//! `webhooks` module has one type per webhook, whose [`Webhook::from_request`] checks the
//! method and the media type and decodes the body into the webhook's payload, so a
//! server of any framework hands over its `http::Request` and gets a typed value.

use super::error::Error;
use super::operation::HttpRequest;

/// A webhook: a request the API sends, and how to read one.
pub trait Webhook {
    /// What the request carries (its body's type; `()` for none, bytes for a body that
    /// is not JSON).
    type Payload;
    /// The webhook's name in the description.
    const NAME: &'static str;
    /// The method it is sent with.
    const METHOD: ::http::Method;
    /// Reads a request of this webhook; a request of another method, or whose body is not
    /// the payload, is [`Error::IncomingRequest`].
    fn from_request(request: HttpRequest) -> Result<Self::Payload, Error>;
}

/// The request's body if its method is the webhook's.
fn body_of(name: &str, method: &::http::Method, request: HttpRequest) -> Result<Vec<u8>, Error> {
    if request.method() != method {
        return Err(Error::IncomingRequest {
            message: format!("the webhook `{name}` is sent as {method}, this request is {}", request.method()),
            body: String::from_utf8_lossy(request.body()).into_owned(),
        });
    }
    Ok(request.into_body())
}

/// Reads a webhook whose body is JSON (any `application/json` or `+json` content type,
/// or none).
pub fn decode_json<T: ::serde::de::DeserializeOwned>(
    name: &str,
    method: &::http::Method,
    request: HttpRequest,
) -> Result<T, Error> {
    let content_type = request
        .headers()
        .get(::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase());
    if let Some(content_type) = content_type.filter(|t| !(t == "application/json" || t.ends_with("+json"))) {
        return Err(Error::IncomingRequest {
            message: format!("the webhook `{name}` sends JSON, this request is `{content_type}`"),
            body: String::from_utf8_lossy(request.body()).into_owned(),
        });
    }
    let body = body_of(name, method, request)?;
    ::serde_json::from_slice(&body).map_err(|e| Error::IncomingRequest {
        message: format!("the body of the webhook `{name}` does not decode: {e}"),
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Reads a webhook without a body (whatever the request carries is ignored).
pub fn decode_empty(name: &str, method: &::http::Method, request: HttpRequest) -> Result<(), Error> {
    body_of(name, method, request).map(|_| ())
}

/// Reads a webhook whose body is not JSON: the bytes as they came.
pub fn decode_bytes(name: &str, method: &::http::Method, request: HttpRequest) -> Result<Vec<u8>, Error> {
    body_of(name, method, request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct Pet {
        name: String,
    }

    struct NewPet;
    impl Webhook for NewPet {
        type Payload = Pet;
        const NAME: &'static str = "newPet";
        const METHOD: ::http::Method = ::http::Method::POST;
        fn from_request(request: HttpRequest) -> Result<Pet, Error> {
            decode_json(Self::NAME, &Self::METHOD, request)
        }
    }

    fn request(method: &str, content_type: &str, body: &str) -> HttpRequest {
        ::http::Request::builder()
            .method(method)
            .uri("/hooks/pets")
            .header("content-type", content_type)
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn a_webhook_reads_its_payload_and_refuses_other_requests_with_their_body() {
        let pet = NewPet::from_request(request("POST", "application/json; charset=utf-8", r#"{"name":"Rex"}"#));
        assert_eq!(pet.unwrap(), Pet { name: "Rex".into() });
        let wrong = NewPet::from_request(request("PUT", "application/json", "{}")).unwrap_err().to_string();
        assert!(wrong.contains("sent as POST, this request is PUT"), "{wrong}");
        let text = NewPet::from_request(request("POST", "text/plain", "hi")).unwrap_err().to_string();
        assert!(text.contains("`text/plain`") && text.contains("hi"), "{text}");
        let broken = NewPet::from_request(request("POST", "application/json", r#"{"nom":1}"#)).unwrap_err();
        assert!(matches!(&broken, Error::IncomingRequest { body, .. } if body == r#"{"nom":1}"#), "{broken:?}");
    }
}
