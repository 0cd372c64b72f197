//! The server side of the wire (feature `server`): a request read back into the typed
//! operation the client would have sent ([`Receive::from_request`]), checked as the
//! description says before any handler runs (a problem naming the member otherwise), and
//! the handler's typed answer written as the description documents it
//! ([`Receive::answer`]). The generated crate's `server` module adds a trait with one
//! method per operation and its routes; `server_http` runs them on hyper.

use super::operation::{HttpResponse, Operation, Sendable};
pub use super::rest::{Content, ErrorShape, Rest};
pub use super::server_answer::{accepted, bytes, count, empty, json, json_or_empty, respond, sequence, text};
use super::server_text::{read_pairs, Texts};
use ::std::borrow::Cow;

/// An operation a server reads from a request and answers (every generated operation,
/// with the `server` feature).
pub trait Receive: Operation {
    /// The operation a request is: its path, query, header and cookie parameters and its
    /// body read as the client writes them, each checked against its type.
    fn from_request(request: &Received) -> Result<Self, Problem>;
    /// The answer the description documents for it (its success status, its media type).
    fn answer(output: Self::Output) -> HttpResponse;
}

/// What a server's handler of `O` answers: its output, or a problem.
pub type Answer<O> = Result<<O as Operation>::Output, Problem>;

/// Where a parameter is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// The `Cookie` header.
    Cookie,
}

impl In {
    fn name(self) -> &'static str {
        match self {
            In::Path => "path parameter",
            In::Query => "query parameter",
            In::Header => "header",
            In::Cookie => "cookie",
        }
    }
}

/// How a parameter's text holds its value (the operation's `ParamFormat`, read back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// One text.
    Plain,
    /// A list: repeated (`explode`) or comma-joined.
    List {
        /// Repeated, one pair per item.
        explode: bool,
    },
    /// A list joined by this delimiter.
    Delimited(char),
    /// JSON text.
    Json,
}

/// An answer other than the documented success: a status, a code, a message and, for bad
/// input, the member it is about; written in the description's [`ErrorShape`].
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The HTTP status.
    pub status: u16,
    /// A short code (`BadRequest`, `NotFound`).
    pub code: &'static str,
    /// What went wrong, for a person.
    pub message: String,
    /// The parameter or body member it is about (`body.name`, `query parameter top`).
    pub member: Option<String>,
    /// Headers to send with it (`Retry-After`, `Allow`).
    pub headers: Vec<(&'static str, String)>,
    /// A body to send as it is instead of the shaped one (a handler's own error document).
    pub body: Option<Box<::serde_json::Value>>,
}

impl Problem {
    /// A problem with this status, code and message.
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Problem { status, code, message: message.into(), member: None, headers: Vec::new(), body: None }
    }

    /// `400 Bad Request` about one member of the request.
    pub fn bad(member: impl Into<String>, message: impl Into<String>) -> Self {
        let mut problem = Problem::new(400, "BadRequest", message);
        problem.member = Some(member.into());
        problem
    }

    /// `404 Not Found`.
    pub fn not_found(what: &str) -> Self {
        Problem::new(404, "NotFound", format!("{what} does not exist."))
    }

    /// `501 Not Implemented`: the server has no handler for the operation.
    pub fn not_implemented(operation: &str) -> Self {
        Problem::new(501, "NotImplemented", format!("The server does not implement `{operation}`."))
    }

    /// The same problem with a header added.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// The same problem answered with this body as it is.
    pub fn with_body(mut self, body: ::serde_json::Value) -> Self {
        self.body = Some(Box::new(body));
        self
    }

    /// The answer, in `shape`.
    pub fn response(&self, shape: ErrorShape) -> HttpResponse {
        let (content_type, body) = match (&self.body, shape) {
            (Some(body), _) => ("application/json", (**body).clone()),
            (None, ErrorShape::OData) => {
                let mut error = ::serde_json::json!({"code": self.code, "message": self.message});
                if let Some(member) = &self.member {
                    error["target"] = ::serde_json::Value::from(member.as_str());
                }
                ("application/json", ::serde_json::json!({ "error": error }))
            }
            (None, ErrorShape::Problem) => {
                let mut problem = ::serde_json::json!({
                    "type": "about:blank",
                    "title": self.code,
                    "status": self.status,
                    "detail": self.message,
                });
                if let Some(member) = &self.member {
                    problem["member"] = ::serde_json::Value::from(member.as_str());
                }
                ("application/problem+json", problem)
            }
        };
        let mut response = respond(self.status, Some(content_type), ::serde_json::to_vec(&body).unwrap_or_default());
        for (name, value) in &self.headers {
            if let Ok(value) = ::http::HeaderValue::from_str(value) {
                response.headers_mut().append(*name, value);
            }
        }
        response
    }
}

impl ::std::fmt::Display for Problem {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl ::std::error::Error for Problem {}

/// A request as a server received it, with its route's path parameters.
#[derive(Debug, Clone)]
pub struct Received {
    /// The method.
    pub method: ::http::Method,
    /// The request target as sent (path and query).
    pub target: String,
    /// The path, as sent (percent-encoded), after the router's base path.
    pub path: String,
    /// The query's pairs, decoded (`+` is a space).
    pub query: Vec<(String, String)>,
    /// The headers.
    pub headers: ::http::HeaderMap,
    /// The body.
    pub body: Vec<u8>,
    /// The path parameters the route matched, decoded.
    pub params: Vec<(&'static str, String)>,
    /// Whether a query parameter the operation does not read is refused.
    pub strict_query: bool,
    /// The query parameters read so far.
    asked: ::std::cell::RefCell<Vec<String>>,
}

impl Received {
    /// A request read from its parts (no path parameters yet).
    pub fn new(method: ::http::Method, target: &str, headers: ::http::HeaderMap, body: Vec<u8>) -> Self {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Received {
            method,
            target: target.to_owned(),
            path: path.to_owned(),
            query: query_pairs(query),
            headers,
            body,
            params: Vec::new(),
            strict_query: false,
            asked: ::std::cell::RefCell::default(),
        }
    }

    fn ask(&self, name: &str) {
        self.asked.borrow_mut().push(name.to_owned());
    }

    /// The first query parameter no reading asked for (after `from_request`).
    pub fn unknown_query(&self) -> Option<&str> {
        let asked = self.asked.borrow();
        self.query.iter().map(|(n, _)| n.as_str()).find(|n| !asked.iter().any(|a| a == n))
    }

    /// The text of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The texts a parameter has, if it came.
    fn texts(&self, at: In, name: &str, style: Style) -> Result<Option<Texts<'_>>, Problem> {
        let split = |text: &str| -> Vec<Cow<'_, str>> { vec![Cow::Owned(text.to_owned())] };
        let one: Option<Vec<Cow<'_, str>>> = match at {
            In::Path => self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| split(v)),
            In::Query => {
                self.ask(name);
                let all: Vec<Cow<'_, str>> =
                    self.query.iter().filter(|(n, _)| n == name).map(|(_, v)| Cow::Borrowed(v.as_str())).collect();
                (!all.is_empty()).then_some(all)
            }
            In::Header => {
                let all: Vec<Cow<'_, str>> =
                    self.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).map(Cow::Borrowed).collect();
                (!all.is_empty()).then_some(all)
            }
            In::Cookie => self
                .headers
                .get_all("cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(n, _)| *n == name)
                .map(|(_, v)| split(v)),
        };
        let Some(texts) = one else { return Ok(None) };
        let texts = match style {
            Style::Plain | Style::Json | Style::List { explode: true } => texts,
            Style::List { explode: false } => split_each(texts, ','),
            Style::Delimited(delimiter) => split_each(texts, delimiter),
        };
        Ok(Some(Texts(texts)))
    }

    /// A parameter's value, `None` when it did not come.
    pub fn optional<T: ::serde::de::DeserializeOwned>(
        &self,
        at: In,
        name: &str,
        style: Style,
    ) -> Result<Option<T>, Problem> {
        let Some(texts) = self.texts(at, name, style)? else { return Ok(None) };
        let member = format!("{} {name}", at.name());
        if style == Style::Json {
            let text = texts.0.first().map_or("", |t| t.as_ref());
            return json_of(text.as_bytes(), &member).map(Some);
        }
        texts.read().map(Some).map_err(|e| Problem::bad(member.clone(), format!("The {member}: {e}.")))
    }

    /// A required parameter's value: a problem naming it when it did not come.
    pub fn required<T: ::serde::de::DeserializeOwned>(&self, at: In, name: &str, style: Style) -> Result<T, Problem> {
        self.optional(at, name, style)?.ok_or_else(|| {
            Problem::bad(format!("{} {name}", at.name()), format!("The {} `{name}` is required.", at.name()))
        })
    }

    /// The whole query read into `T` (3.2's `in: querystring`).
    pub fn query_form<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, Problem> {
        for (name, _) in &self.query {
            self.ask(name);
        }
        read_pairs(&self.query).map_err(|e| Problem::bad("query", format!("The query: {e}.")))
    }

    /// The JSON body read into `T`: a problem naming the member that is wrong.
    pub fn json<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, Problem> {
        if self.body.is_empty() {
            return Err(Problem::bad("body", "The request's body is required."));
        }
        json_of(&self.body, "body")
    }

    /// The JSON body if there is one.
    pub fn json_optional<T: ::serde::de::DeserializeOwned>(&self) -> Result<Option<T>, Problem> {
        if self.body.is_empty() {
            return Ok(None);
        }
        json_of(&self.body, "body").map(Some)
    }

    /// A form body (`application/x-www-form-urlencoded`) read into `T`.
    pub fn form<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, Problem> {
        let text = ::std::str::from_utf8(&self.body).map_err(|_| Problem::bad("body", "The form is not UTF-8."))?;
        read_pairs(&query_pairs(text)).map_err(|e| Problem::bad("body", format!("The form: {e}.")))
    }

    /// A form body if there is one.
    pub fn form_optional<T: ::serde::de::DeserializeOwned>(&self) -> Result<Option<T>, Problem> {
        if self.body.is_empty() {
            return Ok(None);
        }
        self.form().map(Some)
    }

    /// The whole query read into `T`, if it has any pairs.
    pub fn query_form_optional<T: ::serde::de::DeserializeOwned>(&self) -> Result<Option<T>, Problem> {
        if self.query.is_empty() {
            return Ok(None);
        }
        self.query_form().map(Some)
    }

    /// A `multipart/form-data` body read into `T` (see [`super::server_form`]).
    pub fn multipart<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, Problem> {
        let content_type = self.header("content-type").unwrap_or_default();
        super::server_form::read(content_type, &self.body).map_err(|e| Problem::bad("body", format!("The form: {e}.")))
    }

    /// A `multipart/form-data` body if there is one.
    pub fn multipart_optional<T: ::serde::de::DeserializeOwned>(&self) -> Result<Option<T>, Problem> {
        if self.body.is_empty() {
            return Ok(None);
        }
        self.multipart().map(Some)
    }

    /// The body as it came.
    pub fn bytes(&self) -> Result<Vec<u8>, Problem> {
        Ok(self.body.clone())
    }

    /// The body as it came, if there is one.
    pub fn bytes_optional(&self) -> Result<Option<Vec<u8>>, Problem> {
        Ok((!self.body.is_empty()).then(|| self.body.clone()))
    }

    /// The OData system query options of the query.
    pub fn query_options(&self) -> Result<super::query::QueryOptions, Problem> {
        let mut options = super::query::QueryOptions::default();
        for option in super::query::OPTIONS {
            self.ask(option.wire);
            if let Some((_, text)) = self.query.iter().find(|(n, _)| n == option.wire) {
                options
                    .set_text(option.name, text)
                    .map_err(|e| Problem::bad(format!("query parameter {}", option.wire), e))?;
            }
        }
        Ok(options)
    }
}

fn split_each(texts: Vec<Cow<'_, str>>, delimiter: char) -> Vec<Cow<'_, str>> {
    texts.iter().flat_map(|t| t.split(delimiter).map(|s| Cow::Owned(s.to_owned())).collect::<Vec<_>>()).collect()
}

/// JSON read into `T`, a problem naming the member (`body.owner.name`) when it is wrong.
fn json_of<T: ::serde::de::DeserializeOwned>(bytes: &[u8], at: &str) -> Result<T, Problem> {
    let mut reader = ::serde_json::Deserializer::from_slice(bytes);
    ::serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let mut path = e.path().to_string();
        // A missing member is named by the message only (`missing field `kind``).
        let missing =
            e.inner().to_string().strip_prefix("missing field `").and_then(|m| m.split('`').next()).map(str::to_owned);
        if let Some(missing) = missing {
            path = if path == "." { missing } else { format!("{path}.{missing}") };
        }
        let member = if path == "." { at.to_owned() } else { format!("{at}.{path}") };
        Problem::bad(member.clone(), format!("`{member}`: {}.", e.inner()))
    })
}

/// A query or form's pairs, decoded (`+` is a space).
pub fn query_pairs(text: &str) -> Vec<(String, String)> {
    ::url::form_urlencoded::parse(text.as_bytes()).map(|(n, v)| (n.into_owned(), v.into_owned())).collect()
}

/// One route of a generated API: method, path template, the operation, and what the
/// fake needs to play it.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// The method on the wire.
    pub method: &'static str,
    /// The path template, as in the description (`/pets/{petId}`).
    pub template: &'static str,
    /// The operationId.
    pub operation: &'static str,
    /// The operation's type name (unique where operationIds repeat).
    pub name: &'static str,
    /// Reads a request into the typed operation.
    pub decode: fn(&Received) -> Result<::std::sync::Arc<dyn Sendable>, Problem>,
    /// The documented success status.
    pub status: u16,
    /// What the answer holds.
    pub body: Content,
    /// What the fake does with it.
    pub rest: Rest,
    /// Whether the resource's last segment is a key (an item that may not exist), not a
    /// singleton.
    pub keyed: bool,
    /// For a list: the member holding the items (empty: the answer is an array).
    pub items: &'static str,
    /// For a list: the member holding the next page's link (empty: one page).
    pub next: &'static str,
    /// The member an item's id goes in (`id`), if its model has one; whether it is a number.
    pub id: (&'static str, bool),
    /// A minimal answer the client reads (JSON text; empty for no JSON).
    pub sample: &'static str,
    /// Whether its answer is the item its body writes (else its sample).
    pub echo: bool,
}

/// A [`Route`] in one line, as generated code writes each (its fields in their order; the
/// operation by its type's name in the `operations` module beside the invoking one):
/// `route!("GET", "/pets/{id}", "getPet", GetPet, 200, Json, Read, true, "", "", ("id", false), "{}", false)`.
#[allow(unused_macros)]
macro_rules! route {
    ($method:literal, $template:literal, $operation:literal, $name:ident, $status:literal, $body:ident, $rest:ident,
     $keyed:literal, $items:literal, $next:literal, ($id:literal, $numeric:literal), $sample:literal, $echo:literal) => {
        crate::runtime::server::Route {
            method: $method,
            template: $template,
            operation: $operation,
            name: stringify!($name),
            decode: crate::runtime::server::decode::<super::operations::$name>,
            status: $status,
            body: crate::runtime::server::Content::$body,
            rest: crate::runtime::server::Rest::$rest,
            keyed: $keyed,
            items: $items,
            next: $next,
            id: ($id, $numeric),
            sample: $sample,
            echo: $echo,
        }
    };
}
#[allow(unused_imports)]
pub(crate) use route;

/// [`Route::decode`] for an operation.
pub fn decode<O: Receive>(request: &Received) -> Result<::std::sync::Arc<dyn Sendable>, Problem> {
    O::from_request(request).map(|op| ::std::sync::Arc::new(op) as ::std::sync::Arc<dyn Sendable>)
}

/// Whether `path` (percent-encoded) is `template`'s: its parameters, decoded, if it is.
/// A parameter takes text up to the literal after it, never a `/`.
pub fn match_template(template: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    let mut params = Vec::new();
    let mut rest = path;
    let mut parts = template_parts(template).peekable();
    while let Some(part) = parts.next() {
        match part {
            Part::Literal(text) => rest = rest.strip_prefix(text)?,
            Part::Param(name) => {
                let end = match parts.peek() {
                    Some(Part::Literal(next)) => {
                        // Up to the literal's text before its first `/`, within the segment.
                        let segment_end = rest.find('/').unwrap_or(rest.len());
                        match next.split('/').next().unwrap_or("") {
                            "" => segment_end,
                            head => rest[..segment_end].find(head)?,
                        }
                    }
                    _ => rest.find('/').unwrap_or(rest.len()),
                };
                if end == 0 {
                    return None;
                }
                let value = ::percent_encoding::percent_decode_str(&rest[..end]).decode_utf8().ok()?;
                params.push((name, value.into_owned()));
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(params)
}

/// How specific a template is: its literal text's length (a literal beats a parameter).
pub fn specificity(template: &str) -> usize {
    template_parts(template).map(|p| if let Part::Literal(t) = p { t.len() } else { 0 }).sum()
}

enum Part<'a> {
    Literal(&'a str),
    Param(&'a str),
}

fn template_parts(template: &str) -> impl Iterator<Item = Part<'_>> {
    let mut rest = template;
    ::std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if let Some(after) = rest.strip_prefix('{') {
            let end = after.find('}').unwrap_or(after.len());
            let name = &after[..end];
            rest = after.get(end + 1..).unwrap_or("");
            return Some(Part::Param(name));
        }
        let end = rest.find('{').unwrap_or(rest.len());
        let text = &rest[..end];
        rest = &rest[end..];
        Some(Part::Literal(text))
    })
}

/// Reads a request into `O` and answers it with `handler`'s answer (a problem when the
/// request is not one of `O`, before the handler runs).
pub async fn call<O, F, Fut>(request: Received, shape: ErrorShape, handler: F) -> HttpResponse
where
    O: Receive,
    F: FnOnce(O) -> Fut,
    Fut: ::std::future::Future<Output = Result<O::Output, Problem>>,
{
    match O::from_request(&request) {
        Ok(_) if request.strict_query && request.unknown_query().is_some() => {
            let name = request.unknown_query().unwrap_or_default();
            Problem::bad(
                format!("query parameter {name}"),
                format!("The query parameter `{name}` is not one of the operation's."),
            )
            .response(shape)
        }
        Ok(operation) => match handler(operation).await {
            Ok(output) => O::answer(output),
            Err(problem) => problem.response(shape),
        },
        Err(problem) => problem.response(shape),
    }
}

/// The answer of a trait method nobody wrote: `501 Not Implemented`.
pub fn unimplemented<O: Operation>(
    _request: O,
) -> impl ::std::future::Future<Output = Result<O::Output, Problem>> + Send
where
    O::Output: Send,
{
    let name = ::std::any::type_name::<O>().rsplit("::").next().unwrap_or("").to_owned();
    ::std::future::ready(Err(Problem::not_implemented(&name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_paths_and_decode_their_parameters() {
        assert_eq!(match_template("/pets", "/pets"), Some(vec![]));
        assert_eq!(match_template("/pets/{id}", "/pets/a%20b"), Some(vec![("id", "a b".to_owned())]));
        assert_eq!(match_template("/pets/{id}", "/pets/1/toys"), None);
        assert_eq!(match_template("/pets/{id}", "/pets/"), None);
        assert_eq!(
            match_template("/files/{name}.json/{v}", "/files/a.b.json/2"),
            Some(vec![("name", "a.b".to_owned()), ("v", "2".to_owned())])
        );
        assert_eq!(match_template("/users('{id}')/x", "/users('7')/x"), Some(vec![("id", "7".to_owned())]));
        assert!(specificity("/pets/mine") > specificity("/pets/{id}"));
    }

    #[derive(Debug, ::serde::Deserialize)]
    #[allow(dead_code)]
    struct Pet {
        name: String,
        owner: Owner,
    }

    #[derive(Debug, ::serde::Deserialize)]
    #[allow(dead_code)]
    struct Owner {
        age: u8,
    }

    #[test]
    fn a_wrong_body_is_a_problem_naming_the_member() {
        let request = Received::new(
            ::http::Method::POST,
            "/pets?limit=ten&tag=a&tag=b&ids=1,2",
            ::http::HeaderMap::new(),
            br#"{"name": "Rex", "owner": {"age": "old"}}"#.to_vec(),
        );
        let problem = request.json::<Pet>().unwrap_err();
        assert_eq!((problem.status, problem.member.as_deref()), (400, Some("body.owner.age")));
        let problem = request.required::<i64>(In::Query, "limit", Style::Plain).unwrap_err();
        assert_eq!(problem.member.as_deref(), Some("query parameter limit"));
        assert!(problem.message.contains("`ten` is not an integer"), "{}", problem.message);
        let tags: Vec<String> = request.required(In::Query, "tag", Style::List { explode: true }).expect("tags");
        assert_eq!(tags, ["a", "b"]);
        let ids: Vec<u32> = request.required(In::Query, "ids", Style::List { explode: false }).expect("ids");
        assert_eq!(ids, [1, 2]);
        let missing = request.required::<String>(In::Header, "x-key", Style::Plain).unwrap_err();
        assert_eq!(missing.message, "The header `x-key` is required.");
        let body =
            ::serde_json::from_slice::<::serde_json::Value>(missing.response(ErrorShape::OData).body()).expect("json");
        assert_eq!(body["error"]["target"], "header x-key");
    }
}
