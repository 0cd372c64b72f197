//! A generated API's routes on hyper (feature `server`): HTTP/1.1 as RFC 9112 frames it
//! (keep-alive, `HEAD`, `Expect: 100-continue`, chunked bodies and trailers, pipelining,
//! conflicting lengths refused), a bounded head and body, each request routed to its
//! operation by method and path template (the most specific template first; `404` for no
//! path, `405` with `Allow` for another method) and answered by the router's dispatch.
//!
//! hyper rather than axum: the routes are the description's, matched by the runtime's
//! own templates (`server::match_template`), so a framework's router and extractors
//! would be a second copy of what the generated code already knows; hyper is in every
//! client's tree already (through reqwest).

use super::operation::HttpResponse;
use super::server::{match_template, specificity, ErrorShape, Problem, Received, Route};
use ::http_body_util::BodyExt;
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::Arc;

/// The most a request's head may take (hyper's read buffer; a longer head is `431`).
pub const MAX_HEAD: usize = 64 * 1024;
/// The most a request's body may take (a longer one is `413`).
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// A boxed answer: `None` drops the connection without one (a fault a fake injects).
pub type Answering = Pin<Box<dyn Future<Output = Option<HttpResponse>> + Send>>;

/// What answers a routed request: the route's index and the request.
pub type Dispatch = Arc<dyn Fn(usize, Received) -> Answering + Send + Sync>;

/// An API's routes and what answers them.
#[derive(Clone)]
pub struct Router {
    routes: &'static [Route],
    /// Route indexes, most specific template first.
    order: Arc<Vec<usize>>,
    shape: ErrorShape,
    dispatch: Dispatch,
    strict_query: bool,
    base: &'static str,
    /// Every request to `dispatch` as it came (index `usize::MAX`), no route matched.
    any: bool,
}

impl ::std::fmt::Debug for Router {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Router").field("routes", &self.routes.len()).field("shape", &self.shape).finish()
    }
}

impl Router {
    /// A router over `routes`, answering each routed request with `dispatch`.
    pub fn new(
        routes: &'static [Route],
        shape: ErrorShape,
        dispatch: impl Fn(usize, Received) -> Answering + Send + Sync + 'static,
    ) -> Self {
        let mut order: Vec<usize> = (0..routes.len()).collect();
        order.sort_by_key(|i| ::std::cmp::Reverse(specificity(routes[*i].template)));
        Router {
            routes,
            order: Arc::new(order),
            shape,
            dispatch: Arc::new(dispatch),
            strict_query: false,
            base: "",
            any: false,
        }
    }

    /// A router that hands every request to `dispatch` as it came (no route, no base path):
    /// a server that routes by itself (as `graph-sync`'s fake of Graph does) on this
    /// connection handling.
    pub fn any(shape: ErrorShape, dispatch: impl Fn(Received) -> Answering + Send + Sync + 'static) -> Self {
        let mut router = Router::new(&[], shape, move |_, request| dispatch(request));
        router.any = true;
        router
    }

    /// Refuses (`400`) a query parameter the operation does not declare (off by default:
    /// a service usually ignores them).
    pub fn refuse_unknown_query(mut self, refuse: bool) -> Self {
        self.strict_query = refuse;
        self
    }

    /// Serves the routes under `path` (the description's server URL's, `/v1.0`): a
    /// request's path must start with it, and the routes match what follows.
    pub fn base_path(mut self, path: &'static str) -> Self {
        self.base = path.trim_end_matches('/');
        self
    }

    /// The routes.
    pub fn routes(&self) -> &'static [Route] {
        self.routes
    }

    /// The shape of its error answers.
    pub fn shape(&self) -> ErrorShape {
        self.shape
    }

    /// The route a request is, its path parameters set; a problem when none is.
    pub fn route(&self, mut request: Received) -> Result<(usize, Received), Problem> {
        match request.path.strip_prefix(self.base) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => request.path = rest.to_owned(),
            _ => return Err(Problem::not_found(&format!("`{}` (the API is under `{}`)", request.path, self.base))),
        }
        let method = request.method.as_str();
        let mut allowed: Vec<&'static str> = Vec::new();
        let mut head_as_get = None;
        for &index in self.order.iter() {
            let route = &self.routes[index];
            let Some(params) = match_template(route.template, &request.path) else { continue };
            if route.method == method {
                request.params = params;
                request.strict_query = self.strict_query;
                return Ok((index, request));
            }
            if method == "HEAD" && route.method == "GET" && head_as_get.is_none() {
                head_as_get = Some((index, params));
            }
            if !allowed.contains(&route.method) {
                allowed.push(route.method);
            }
        }
        if let Some((index, params)) = head_as_get {
            request.params = params;
            request.strict_query = self.strict_query;
            return Ok((index, request));
        }
        if allowed.is_empty() {
            return Err(Problem::not_found(&format!("`{}`", request.path)));
        }
        Err(Problem::new(405, "MethodNotAllowed", format!("`{}` does not take {method}.", request.path))
            .with_header("allow", allowed.join(", ")))
    }

    /// The answer to a request (`None`: drop the connection).
    pub async fn answer(&self, request: Received) -> Option<HttpResponse> {
        if self.any {
            return (self.dispatch)(usize::MAX, request).await;
        }
        match self.route(request) {
            Ok((index, request)) => (self.dispatch)(index, request).await,
            Err(problem) => Some(problem.response(self.shape)),
        }
    }

    /// Serves connections from `listener` until the future is dropped (the connections
    /// it accepted go on).
    pub async fn serve(self, listener: ::tokio::net::TcpListener) {
        self.serve_until(listener, ::std::future::pending()).await;
    }

    /// Serves connections from `listener` until `stop` completes; then every connection
    /// it accepted is closed too.
    pub async fn serve_until(self, listener: ::tokio::net::TcpListener, stop: impl Future<Output = ()>) {
        let (_open, closed) = ::tokio::sync::watch::channel(());
        let accepting = async {
            loop {
                if let Ok((stream, _)) = listener.accept().await {
                    ::tokio::spawn(connection(stream, self.clone(), closed.clone()));
                }
            }
        };
        ::tokio::select! {
            _ = stop => {}
            _ = accepting => {}
        }
    }

    /// Serves on `127.0.0.1` at a port of the system's choosing, on the current Tokio
    /// runtime, until the [`Running`] is dropped.
    pub async fn start(self) -> ::std::io::Result<Running> {
        self.start_at(::std::net::SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Serves at `address` until the [`Running`] is dropped (its connections with it).
    pub async fn start_at(self, address: ::std::net::SocketAddr) -> ::std::io::Result<Running> {
        let listener = ::tokio::net::TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let base = self.base;
        let (stop, stopped) = ::tokio::sync::oneshot::channel::<()>();
        ::tokio::spawn(self.serve_until(listener, async {
            let _ = stopped.await;
        }));
        Ok(Running { address, base, stop: Some(stop) })
    }
}

/// A server that runs until dropped.
#[derive(Debug)]
pub struct Running {
    address: ::std::net::SocketAddr,
    base: &'static str,
    stop: Option<::tokio::sync::oneshot::Sender<()>>,
}

impl Running {
    /// Its address.
    pub fn address(&self) -> ::std::net::SocketAddr {
        self.address
    }

    /// Its URL with the routes' base path (`http://127.0.0.1:PORT/v1.0`): a client's base URL.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.address, self.base)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Why a connection is dropped without an answer.
#[derive(Debug)]
struct Dropped;

impl ::std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("the connection is dropped")
    }
}

impl ::std::error::Error for Dropped {}

type Written = ::http::Response<::http_body_util::Full<::hyper::body::Bytes>>;

async fn connection(stream: ::tokio::net::TcpStream, router: Router, mut closed: ::tokio::sync::watch::Receiver<()>) {
    let service = ::hyper::service::service_fn(move |request| {
        let router = router.clone();
        async move { answer(&router, request).await }
    });
    let mut builder = ::hyper::server::conn::http1::Builder::new();
    builder.max_buf_size(MAX_HEAD);
    let serving = builder.serve_connection(::hyper_util::rt::TokioIo::new(stream), service);
    ::tokio::select! {
        _ = closed.changed() => {}
        _ = serving => {}
    }
}

async fn answer(router: &Router, request: ::http::Request<::hyper::body::Incoming>) -> Result<Written, Dropped> {
    let (head, body) = request.into_parts();
    let head_size = head.uri.to_string().len()
        + head.headers.iter().map(|(name, value)| name.as_str().len() + value.len() + 4).sum::<usize>();
    if head_size > MAX_HEAD {
        let problem = Problem::new(
            431,
            "RequestHeaderFieldsTooLarge",
            format!("The request's head is longer than {MAX_HEAD} bytes."),
        );
        return Ok(written(problem.response(router.shape)));
    }
    let body = match ::http_body_util::Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(error) => {
            let problem = if error.downcast_ref::<::http_body_util::LengthLimitError>().is_some() {
                Problem::new(413, "RequestEntityTooLarge", format!("The body is longer than {MAX_BODY} bytes."))
            } else {
                Problem::new(400, "BadRequest", format!("The request's body could not be read: {error}."))
            };
            return Ok(written(problem.response(router.shape)));
        }
    };
    let target = head.uri.path_and_query().map_or_else(|| head.uri.to_string(), |p| p.as_str().to_owned());
    let request = Received::new(head.method, &target, head.headers, body);
    router.answer(request).await.map(written).ok_or(Dropped)
}

fn written(response: HttpResponse) -> Written {
    let (parts, body) = response.into_parts();
    ::http::Response::from_parts(parts, ::http_body_util::Full::new(::hyper::body::Bytes::from(body)))
}
