//! A working fake of any description (feature `fake`): in-memory state kept by path, the
//! way a REST service behaves as its path tree says (each route's [`Rest`]): `POST` on a
//! collection creates (an id assigned, the item answered with the documented status),
//! `GET` reads an item or a page of a collection (`$filter`, `$orderby`, `$skip`, `$top`,
//! `$select`, `$count`; a next link when more remain), `PATCH` merges (explicit nulls
//! clear), `PUT` replaces, `DELETE` removes (then `404` in the description's error shape).
//! Every request is read as its typed operation first (a problem naming the member when it
//! is not one) and kept; a test seeds state, overrides an operation with its own handler,
//! injects faults on an operation, reads the requests, and can `reset()`.

use super::fake_query::{merge, order, select, Filter};
use super::operation::{HttpResponse, Operation, Sendable, UrlBuilder};
use super::server::{self, Content, ErrorShape, Problem, Receive, Received, Rest, Route};
use super::server_http::{Answering, Router, Running};
use ::serde_json::Value;
use ::std::collections::BTreeMap;
use ::std::sync::{Arc, Mutex, MutexGuard};

/// How many items a page holds unless `$top` says fewer.
pub const PAGE_SIZE: usize = 100;
/// The query parameter of the next links the fake writes.
const SKIP_TOKEN: &str = "$skiptoken";

/// A fault to inject on an operation: a status (with `Retry-After`), a delay, a dropped
/// connection, or a body that does not parse.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fault {
    status: Option<u16>,
    retry_after: Option<u64>,
    latency: Option<::std::time::Duration>,
    drop: bool,
    garbled: bool,
    times: Option<usize>,
}

impl Fault {
    /// Answers this status (in the description's error shape).
    pub fn status(status: u16) -> Self {
        Fault { status: Some(status), ..Fault::default() }
    }
    /// Drops the connection without an answer.
    pub fn drop_connection() -> Self {
        Fault { drop: true, ..Fault::default() }
    }
    /// Answers the documented status with a JSON body that does not parse.
    pub fn garbled_body() -> Self {
        Fault { garbled: true, ..Fault::default() }
    }
    /// Waits this long, then answers as usual.
    pub fn latency(latency: ::std::time::Duration) -> Self {
        Fault { latency: Some(latency), ..Fault::default() }
    }
    /// Adds `Retry-After: seconds` to the status.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }
    /// Adds a delay before the fault.
    pub fn after(mut self, latency: ::std::time::Duration) -> Self {
        self.latency = Some(latency);
        self
    }
    /// Only the next `times` requests (every request otherwise).
    pub fn times(mut self, times: usize) -> Self {
        self.times = Some(times);
        self
    }
}

type Handler = Arc<dyn Fn(&dyn Sendable) -> Option<HttpResponse> + Send + Sync>;

#[derive(Default)]
struct State {
    /// Path → (order of creation, value).
    items: BTreeMap<String, (u64, Value)>,
    created: u64,
    faults: Vec<(&'static str, Fault)>,
    handlers: Vec<(&'static str, Handler)>,
    requests: Vec<Arc<dyn Sendable>>,
}

impl State {
    /// Stores `value` at `path`, the latest item created.
    fn put(&mut self, path: String, value: Value) {
        self.created += 1;
        self.items.insert(path, (self.created, value));
    }
}

/// A fake of a generated API: clone it freely, every clone is the same fake.
#[derive(Clone)]
pub struct Fake {
    routes: &'static [Route],
    shape: ErrorShape,
    state: Arc<Mutex<State>>,
    page_size: usize,
    base: &'static str,
}

impl ::std::fmt::Debug for Fake {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Fake").field("routes", &self.routes.len()).field("items", &self.lock().items.len()).finish()
    }
}

impl Fake {
    /// A fake of the API whose routes these are (the generated `server::fake()` calls it).
    pub fn new(routes: &'static [Route], shape: ErrorShape) -> Self {
        Fake { routes, shape, state: Arc::default(), page_size: PAGE_SIZE, base: "" }
    }

    /// Serves under `path` (the description's server URL's); state is kept by the path
    /// after it.
    pub fn base_path(mut self, path: &'static str) -> Self {
        self.base = path.trim_end_matches('/');
        self
    }

    /// Pages of at most `size` items.
    pub fn page_size(mut self, size: usize) -> Self {
        self.page_size = size.max(1);
        self
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(::std::sync::PoisonError::into_inner)
    }

    /// Serves it on `127.0.0.1` at a port of the system's choosing until dropped.
    pub async fn start(&self) -> ::std::io::Result<Running> {
        self.router().start().await
    }

    /// Its router (to serve it elsewhere).
    pub fn router(&self) -> Router {
        let fake = self.clone();
        Router::new(self.routes, self.shape, move |index, request| -> Answering {
            let fake = fake.clone();
            Box::pin(async move { fake.answer(index, request).await })
        })
        .base_path(self.base)
    }

    /// Puts a value at a path (`/pets/1`), as a test's starting state.
    pub fn seed<T: ::serde::Serialize + ?Sized>(&self, path: &str, value: &T) -> Result<(), ::serde_json::Error> {
        let value = ::serde_json::to_value(value)?;
        self.lock().put(path.trim_end_matches('/').to_owned(), value);
        Ok(())
    }

    /// Seeds every member of a JSON object (path → value), as `--seed FILE` does.
    pub fn seed_all(&self, paths: &::serde_json::Map<String, Value>) -> Result<(), ::serde_json::Error> {
        paths.iter().try_for_each(|(path, value)| self.seed(path, value))
    }

    /// What is stored at a path.
    pub fn get(&self, path: &str) -> Option<Value> {
        self.lock().items.get(path.trim_end_matches('/')).map(|(_, v)| v.clone())
    }

    /// What is stored at a path, as `T`.
    pub fn get_as<T: ::serde::de::DeserializeOwned>(&self, path: &str) -> Option<Result<T, ::serde_json::Error>> {
        self.get(path).map(::serde_json::from_value)
    }

    /// Answers `O` with `handler` instead of the fake's own behaviour.
    pub fn on<O: Receive>(&self, handler: impl Fn(O) -> Result<O::Output, Problem> + Send + Sync + 'static) {
        let shape = self.shape;
        let handler: Handler = Arc::new(move |operation: &dyn Sendable| {
            let operation = operation.as_any().downcast_ref::<O>()?.clone();
            Some(match handler(operation) {
                Ok(output) => O::answer(output),
                Err(problem) => problem.response(shape),
            })
        });
        let name = ::std::any::type_name::<O>();
        let mut state = self.lock();
        state.handlers.retain(|(n, _)| *n != name);
        state.handlers.push((name, handler));
    }

    /// Injects `fault` on every request of `O` (or its next `times`).
    pub fn fault<O: Operation>(&self, fault: Fault) {
        self.lock().faults.push((::std::any::type_name::<O>(), fault));
    }

    /// Every request, as the typed operation it was, in order.
    pub fn requests(&self) -> Vec<Arc<dyn Sendable>> {
        self.lock().requests.clone()
    }

    /// The requests of `O` (the type of `_like`), in order.
    pub fn requests_of<O: Operation>(&self, _like: &O) -> Vec<O> {
        self.requests_of_type::<O>()
    }

    /// The requests of `O`, in order.
    pub fn requests_of_type<O: Operation>(&self) -> Vec<O> {
        self.lock().requests.iter().filter_map(|r| r.as_any().downcast_ref::<O>().cloned()).collect()
    }

    /// Forgets every item, request, fault and handler.
    pub fn reset(&self) {
        *self.lock() = State::default();
    }

    /// The answer to a routed request (`None`: drop the connection).
    pub async fn answer(&self, index: usize, request: Received) -> Option<HttpResponse> {
        let route = self.routes.get(index)?;
        let operation = match (route.decode)(&request) {
            Ok(operation) => operation,
            Err(problem) => return Some(problem.response(self.shape)),
        };
        let name = operation.type_name();
        let (fault, handler) = {
            let mut state = self.lock();
            state.requests.push(operation.clone());
            let fault = state.faults.iter_mut().find(|(n, f)| *n == name && f.times != Some(0)).map(|(_, f)| {
                if let Some(times) = &mut f.times {
                    *times -= 1;
                }
                f.clone()
            });
            (fault, state.handlers.iter().find(|(n, _)| *n == name).map(|(_, h)| h.clone()))
        };
        if let Some(fault) = fault {
            if let Some(latency) = fault.latency {
                ::tokio::time::sleep(latency).await;
            }
            if fault.drop {
                return None;
            }
            if let Some(status) = fault.status {
                let mut problem =
                    Problem::new(status, "InjectedFault", format!("A fault the test injected ({status})."));
                if let Some(seconds) = fault.retry_after {
                    problem = problem.with_header("retry-after", seconds.to_string());
                }
                return Some(problem.response(self.shape));
            }
            if fault.garbled {
                return Some(server::respond(route.status, Some("application/json"), b"{\"garbled".to_vec()));
            }
        }
        if let Some(handler) = handler {
            return handler(operation.as_ref());
        }
        Some(self.play(route, &request).unwrap_or_else(|problem| problem.response(self.shape)))
    }

    /// What the path tree says the route does.
    fn play(&self, route: &Route, request: &Received) -> Result<HttpResponse, Problem> {
        let path = request.path.trim_end_matches('/').to_owned();
        let body = || -> Result<Value, Problem> {
            if request.body.is_empty() {
                return Ok(Value::Object(::serde_json::Map::new()));
            }
            Ok(::serde_json::from_slice(&request.body).unwrap_or(Value::Object(::serde_json::Map::new())))
        };
        let mut state = self.lock();
        match route.rest {
            Rest::Create => {
                let mut item = body()?;
                let id = match item.get(route.id.0).filter(|_| !route.id.0.is_empty()) {
                    Some(Value::String(id)) => id.clone(),
                    Some(Value::Number(id)) => id.to_string(),
                    _ => {
                        let id = (state.created + 1).to_string();
                        if let (Value::Object(members), false) = (&mut item, route.id.0.is_empty()) {
                            let value =
                                if route.id.1 { Value::from(state.created + 1) } else { Value::from(id.as_str()) };
                            members.insert(route.id.0.to_owned(), value);
                        }
                        id
                    }
                };
                let key = format!("{path}/{}", ::percent_encoding::utf8_percent_encode(&id, SEGMENT));
                state.put(key.clone(), item.clone());
                Ok(self.written(route, Some(&echoed(route, item)), &key))
            }
            Rest::Read => {
                let item = match state.items.get(&path) {
                    Some((_, item)) => item.clone(),
                    None if route.keyed => return Err(Problem::not_found(&format!("`{path}`"))),
                    None => sample(route),
                };
                let members = request.query_options()?.select.unwrap_or_default();
                Ok(self.written(route, Some(&select(item, &members)), &path))
            }
            Rest::Replace => {
                let item = body()?;
                state.put(path.clone(), item.clone());
                Ok(self.written(route, Some(&echoed(route, item)), &path))
            }
            Rest::Merge => {
                let mut item = match state.items.get(&path) {
                    Some((_, item)) => item.clone(),
                    None if route.keyed => return Err(Problem::not_found(&format!("`{path}`"))),
                    None => sample(route),
                };
                merge(&mut item, body()?);
                let created = state.items.get(&path).map_or(state.created + 1, |(c, _)| *c);
                state.created = state.created.max(created);
                state.items.insert(path.clone(), (created, item.clone()));
                Ok(self.written(route, Some(&echoed(route, item)), &path))
            }
            Rest::Remove => {
                if route.keyed && !state.items.contains_key(&path) {
                    return Err(Problem::not_found(&format!("`{path}`")));
                }
                let under = format!("{path}/");
                state.items.retain(|k, _| *k != path && !k.starts_with(&under));
                Ok(self.written(route, None, &path))
            }
            Rest::Count => {
                let collection = path.trim_end_matches("/$count");
                let count = children(&state, collection).len();
                Ok(server::count(route.status, i64::try_from(count).unwrap_or(i64::MAX)))
            }
            Rest::List => self.list(route, request, &state, &path),
            Rest::Action => {
                let stored = state.items.get(&path).map(|(_, v)| v.clone());
                Ok(self.written(route, Some(&stored.unwrap_or_else(|| sample(route))), &path))
            }
        }
    }

    /// A page of a collection's items, as its OData options ask (read by the runtime's
    /// table of them).
    fn list(&self, route: &Route, request: &Received, state: &State, path: &str) -> Result<HttpResponse, Problem> {
        let mut options = request.query_options()?;
        let count = |n: Option<i64>| usize::try_from(n.unwrap_or(0).max(0)).unwrap_or(0);
        let skipped = match request.query.iter().find(|(n, _)| n == SKIP_TOKEN) {
            Some((_, t)) => t.parse().map_err(|_| Problem::bad(SKIP_TOKEN, format!("`{t}` is not a count.")))?,
            None => 0usize,
        };
        let mut items: Vec<Value> = children(state, path);
        if let Some(filter) = &options.filter {
            let filter = Filter::parse(filter).map_err(|e| Problem::bad("filter", e))?;
            items.retain(|item| filter.passes(item));
        }
        if let Some(orderby) = &options.orderby {
            order(&mut items, &orderby.join(","));
        }
        let total = items.len();
        let start = skipped + count(options.skip);
        let top = options.top.map(|t| count(Some(t)));
        let page = if route.next.is_empty() { usize::MAX } else { self.page_size };
        let end = start.saturating_add(top.unwrap_or(usize::MAX).min(page)).min(total);
        let members = options.select.clone().unwrap_or_default();
        let page_items: Vec<Value> =
            items.into_iter().skip(start).take(end.saturating_sub(start)).map(|i| select(i, &members)).collect();
        if route.items.is_empty() {
            return Ok(server::json(route.status, &page_items));
        }
        let mut answer = ::serde_json::Map::new();
        if options.count == Some(true) {
            answer.insert("@odata.count".to_owned(), Value::from(total));
        }
        answer.insert(route.items.to_owned(), Value::Array(page_items));
        let more = end < total && top.is_none_or(|top| start + top > end);
        if more && !route.next.is_empty() {
            // The same query, its OData options from the table, the next page's start last.
            let host = request.header("host").unwrap_or("localhost");
            let mut url = UrlBuilder::new(&format!("http://{host}{}{}", self.base, request.path))
                .map_err(|e| Problem::new(500, "InternalServerError", e.to_string()))?;
            let odata = |name: &str| super::query::OPTIONS.iter().any(|o| o.wire == name);
            for (name, value) in request.query.iter().filter(|(n, _)| n != SKIP_TOKEN && !odata(n)) {
                url.query(name, value);
            }
            options.skip = None;
            options.top = top.map(|top| i64::try_from(start + top - end).unwrap_or(i64::MAX));
            options.write(&mut url);
            url.query(SKIP_TOKEN, &end.to_string());
            answer.insert(route.next.to_owned(), Value::from(url.as_str()));
        }
        Ok(server::json(route.status, &answer))
    }

    /// The route's answer: `value` where it answers JSON.
    fn written(&self, route: &Route, value: Option<&Value>, path: &str) -> HttpResponse {
        match route.body {
            Content::Json => match value {
                Some(value) => server::json(route.status, value),
                None => server::respond(route.status, Some("application/json"), route.sample.as_bytes().to_vec()),
            },
            Content::Accepted => {
                let accepted =
                    super::answer::Accepted { location: Some(path.to_owned()), retry_after: None, body: Vec::new() };
                server::accepted(route.status, accepted)
            }
            Content::Count => server::count(route.status, 0),
            Content::Text => server::text(route.status, value.and_then(Value::as_str).unwrap_or_default().to_owned()),
            Content::Bytes => {
                server::bytes(route.status, value.and_then(Value::as_str).unwrap_or_default().as_bytes().to_vec())
            }
            Content::Sequence | Content::Empty => server::empty(route.status, ()),
        }
    }
}

/// The characters escaped in an id made a path segment.
const SEGMENT: &::percent_encoding::AsciiSet =
    &::percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A route's sample answer, as JSON.
fn sample(route: &Route) -> Value {
    ::serde_json::from_str(route.sample).unwrap_or(Value::Null)
}

/// What a write answers: the item written, or the route's sample when its answer is
/// another type than its body.
fn echoed(route: &Route, item: Value) -> Value {
    if route.echo {
        item
    } else {
        sample(route)
    }
}

/// The items right under a collection's path, in the order they were created.
fn children(state: &State, collection: &str) -> Vec<Value> {
    let prefix = format!("{collection}/");
    let mut found: Vec<&(u64, Value)> = state
        .items
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter(|(k, _)| !k[prefix.len()..].contains('/'))
        .map(|(_, v)| v)
        .collect();
    found.sort_by_key(|(created, _)| *created);
    found.into_iter().map(|(_, v)| v.clone()).collect()
}

/// A fake as a program (`<crate>-fake --port 8080 --seed state.json`): serves until
/// killed, its URL on the first line of standard output; the seed file is a JSON object
/// of path → value.
pub fn main(fake: Fake) -> ::std::process::ExitCode {
    let port = match options(&fake, ::std::env::args().skip(1)) {
        Ok(Some(port)) => port,
        Ok(None) => {
            println!("{USAGE}");
            return ::std::process::ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ::std::process::ExitCode::from(2);
        }
    };
    let runtime = match ::tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: no Tokio runtime: {e}");
            return ::std::process::ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        match fake.router().start_at(::std::net::SocketAddr::from(([127, 0, 0, 1], port))).await {
            Ok(running) => {
                println!("{}", running.url());
                ::std::future::pending::<()>().await;
                ::std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot listen on port {port}: {e}");
                ::std::process::ExitCode::FAILURE
            }
        }
    })
}

/// The program's help.
const USAGE: &str = "Usage: fake [--port PORT] [--seed FILE]\n\nServes a fake of the API on 127.0.0.1 (port 0: one the system chooses).\nFILE: a JSON object of path -> value, the starting state.";

/// The port the program's arguments ask for (`None`: `--help`), its seed file read into
/// the fake; an error says which argument is wrong.
fn options(fake: &Fake, args: impl IntoIterator<Item = String>) -> Result<Option<u16>, String> {
    let mut port = 0u16;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let text = args.next().ok_or("--port needs a number")?;
                port = text.parse().map_err(|_| format!("--port: `{text}` is not a port number"))?;
            }
            "--seed" => seed_file(fake, &args.next().ok_or("--seed needs a file")?)?,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    Ok(Some(port))
}

fn seed_file(fake: &Fake, file: &str) -> Result<(), String> {
    let text = ::std::fs::read_to_string(file).map_err(|e| format!("--seed {file}: {e}"))?;
    let value: Value = ::serde_json::from_str(&text).map_err(|e| format!("--seed {file}: {e}"))?;
    let Value::Object(paths) = value else {
        return Err(format!("--seed {file}: not a JSON object of path -> value"));
    };
    fake.seed_all(&paths).map_err(|e| format!("--seed {file}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn the_programs_arguments_are_read_or_refused_by_name() {
        let fake = Fake::new(&[], ErrorShape::Problem);
        let file = ::std::env::temp_dir().join(format!("fake-seed-{}.json", ::std::process::id()));
        ::std::fs::write(&file, r#"{"/pets/1": {"id": "1", "name": "Rex"}}"#).expect("written");
        let seed = file.to_string_lossy().into_owned();
        assert_eq!(options(&fake, args(&["--port", "8080", "--seed", &seed])), Ok(Some(8080)));
        assert_eq!(fake.get("/pets/1"), Some(::serde_json::json!({"id": "1", "name": "Rex"})));
        assert_eq!(options(&fake, args(&["--help"])), Ok(None));
        assert_eq!(options(&fake, args(&["--port", "http"])), Err("--port: `http` is not a port number".to_owned()));
        assert!(options(&fake, args(&["--bogus"])).unwrap_err().contains("`--bogus`"));
        ::std::fs::write(&file, "[1]").expect("written");
        assert!(options(&fake, args(&["--seed", &seed])).unwrap_err().contains("not a JSON object"));
        let _ = ::std::fs::remove_file(&file);
    }
}
