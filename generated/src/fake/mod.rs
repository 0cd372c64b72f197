//! A fake Microsoft Graph synchronization service for tests (feature `fake`): a real HTTP
//! server on 127.0.0.1, on a port of its own, started and stopped by the test, holding no
//! global state.
//!
//! It is built from the facts of the reference pages (`specs/facts.<version>.yaml`): it
//! answers only the documented method + path pairs of both versions (`/v1.0` and `/beta`)
//! with the documented status, and anything else as the service does, 404 with its body
//! (so a job schema update sent as PATCH, as Microsoft's published description says, is a
//! 404 here as there). It keeps state per service principal and follows the pages' rules:
//!
//! - templates are seeded (`BoxOutDelta` among them); creating a job from one answers as
//!   the create-job page shows (`schedule.state` `Disabled`, `interval`
//!   `P10675199DT2H48M5.4775807S`, `status.code` `NotConfigured`, year-1 timestamps);
//! - start runs a job that never ran, resumes a paused one, clears a quarantine, and a
//!   start while the job runs is answered and counted ([`FakeGraph::starts_while_running`]),
//!   since the start page warns against calling it continuously; pause, restart (its
//!   `resetScope` recorded), a quarantine the test injects; a running job completes its
//!   first cycle after [`FakeGraph::cycle_time`] (time compressed: milliseconds);
//! - secrets (PUT, and GET through the synchronization object), the job schema (GET and PUT
//!   round trip), validateCredentials, provisionOnDemand (the steps packed as JSON text in
//!   a key/value pair, as the page's example), bulkUpload (202 with a `Location`), `$batch`,
//!   lists paged with `@odata.nextLink` ([`FakeGraph::page_size`]), `$count`;
//! - faults the test injects: 429 with `Retry-After`, 5XX, latency, a garbage body, a
//!   dropped connection;
//! - the bearer token is required and checked; every request is recorded;
//! - a Microsoft Entra token endpoint, `POST /{tenant}/oauth2/v2.0/token` (point
//!   `AZURE_AUTHORITY_HOST` at [`FakeGraph::origin`]): the client-credentials grant with
//!   [`FakeGraph::client_secret`] gets the token, for 3599 s; the requests are counted
//!   ([`FakeGraph::token_requests`]), not recorded with Graph's.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = graph_sync::fake::FakeGraph::start().await?;
//! let client = fake.client().build()?;
//! let job = client
//!     .service_principals()
//!     .by_service_principal_id("sp")
//!     .synchronization()
//!     .jobs()
//!     .post(graph_sync::models::SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() })
//!     .send()
//!     .await?;
//! # Ok(()) }
//! ```

mod dispatch;
mod routes;
mod seed;
mod server;
mod sign_in;
mod state;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use state::Logged;

/// The fake service; see the module's documentation. Stopped when dropped.
pub struct FakeGraph {
    shared: Arc<Shared>,
    origin: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// What the server's tasks share with the test.
pub(crate) struct Shared {
    pub(crate) state: Mutex<state::State>,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) log: Mutex<Vec<Logged>>,
    pub(crate) token: String,
    /// The client secret the token endpoint accepts.
    pub(crate) client_secret: String,
    /// How many token requests came.
    pub(crate) token_requests: AtomicUsize,
}

/// Faults the test has asked for, taken by the next requests in turn.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    /// The faults of the next requests, in order.
    pub(crate) next: VecDeque<Fault>,
    /// A wait before every answer.
    pub(crate) latency: Duration,
}

/// One injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// 429 with this `Retry-After` (seconds).
    Throttle(u64),
    /// This status (a 5XX) with Graph's error body.
    Fail(u16),
    /// 200 with a body that is no JSON.
    Garble,
    /// No answer: the connection is closed.
    Drop,
}

impl Faults {
    /// The fault of the next request, if any.
    pub(crate) fn take(&mut self) -> Option<Fault> {
        self.next.pop_front()
    }
}

impl FakeGraph {
    /// Starts the service on a free port of 127.0.0.1 (on the current tokio runtime).
    pub async fn start() -> std::io::Result<FakeGraph> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let origin = format!("http://{}", listener.local_addr()?);
        let shared = Arc::new(Shared {
            state: Mutex::new(state::State::new(origin.clone())),
            faults: Mutex::new(Faults::default()),
            log: Mutex::new(Vec::new()),
            token: format!("fake-token-{}", uuid::Uuid::new_v4().simple()),
            client_secret: format!("fake-secret-{}", uuid::Uuid::new_v4().simple()),
            token_requests: AtomicUsize::new(0),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel();
        tokio::spawn(server::serve(listener, shared.clone(), stopped));
        Ok(FakeGraph { shared, origin, stop: Some(stop) })
    }

    /// The server's origin (`http://127.0.0.1:<port>`); v1.0 is under `/v1.0`, beta under `/beta`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The bearer token the service accepts.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// The client secret its token endpoint accepts (any tenant, any client id).
    pub fn client_secret(&self) -> &str {
        &self.shared.client_secret
    }

    /// How many token requests its token endpoint received, refused ones included.
    pub fn token_requests(&self) -> usize {
        self.shared.token_requests.load(Ordering::SeqCst)
    }

    /// A client builder for this service: its origin (each operation keeps its version's
    /// path) and its token.
    pub fn client(&self) -> crate::runtime::ClientBuilder {
        crate::Client::builder().origin(&self.origin).bearer_token(&self.shared.token)
    }

    /// The next `count` requests are answered 429 with `Retry-After: seconds`.
    pub fn throttle_next(&self, count: usize, seconds: u64) {
        self.faults(|f| f.next.extend(std::iter::repeat_n(Fault::Throttle(seconds), count)));
    }

    /// The next `count` requests are answered with `status` (a 5XX) and Graph's error body.
    pub fn fail_next(&self, count: usize, status: u16) {
        self.faults(|f| f.next.extend(std::iter::repeat_n(Fault::Fail(status), count)));
    }

    /// The next `count` requests are answered 200 with a body that is no JSON.
    pub fn garble_next(&self, count: usize) {
        self.faults(|f| f.next.extend(std::iter::repeat_n(Fault::Garble, count)));
    }

    /// The next `count` requests get no answer: their connection is closed.
    pub fn drop_next(&self, count: usize) {
        self.faults(|f| f.next.extend(std::iter::repeat_n(Fault::Drop, count)));
    }

    /// Every answer waits this long first.
    pub fn latency(&self, wait: Duration) {
        self.faults(|f| f.latency = wait);
    }

    fn faults(&self, change: impl FnOnce(&mut Faults)) {
        if let Ok(mut faults) = self.shared.faults.lock() {
            change(&mut faults);
        }
    }

    fn state<T>(&self, read: impl FnOnce(&mut state::State) -> T) -> Option<T> {
        self.shared.state.lock().ok().map(|mut s| read(&mut s))
    }

    /// Lists answer at most `size` items a page, with `@odata.nextLink` to the rest.
    pub fn page_size(&self, size: usize) {
        self.state(|s| s.page_size = size.max(1));
    }

    /// How long a running job takes to complete a cycle (reach its steady state).
    pub fn cycle_time(&self, time: Duration) {
        self.state(|s| s.cycle_time = time);
    }

    /// Runs jobs cycle after cycle, as the service's schedule does: a running job begins
    /// its next cycle `interval` after one completes (the service's interval is typically
    /// 40 minutes; here as short as a test needs). `None` (the default): a job runs one
    /// cycle per start or restart and then stays active.
    pub fn schedule(&self, interval: Option<Duration>) {
        self.state(|s| s.schedule = interval);
    }

    /// The job's next `count` cycles fail: each ends `Failed` (`lastExecution.state`, with
    /// an error) and counts in `status.countSuccessiveCompleteFailures`, which a cycle that
    /// succeeds sets back to 0; a failed cycle reaches no steady state. False when there is
    /// no such job.
    pub fn fail_cycles(&self, service_principal: &str, job: &str, count: u32) -> bool {
        self.state(|s| s.fail_cycles(service_principal, job, count)).unwrap_or(false)
    }

    /// Adds a job with this id, created from one of the seeded templates (`BoxOutDelta`, …),
    /// as if a client had created it: false when the template is unknown or the id taken.
    pub fn add_job(&self, service_principal: &str, job: &str, template_id: &str) -> bool {
        self.state(|s| s.add_job(service_principal, job, template_id)).unwrap_or(false)
    }

    /// Puts a job in quarantine (as the service does when it meets too many errors).
    pub fn quarantine(&self, service_principal: &str, job: &str, reason: &str) -> bool {
        self.state(|s| s.quarantine(service_principal, job, reason)).unwrap_or(false)
    }

    /// Makes `/servicePrincipals(appId='{app_id}')` address the service principal `id`.
    pub fn app_id(&self, service_principal: &str, app_id: &str) {
        self.state(|s| s.app_ids.insert(app_id.to_owned(), service_principal.to_owned()));
    }

    /// How many times a job was started while it was running.
    pub fn starts_while_running(&self, service_principal: &str, job: &str) -> usize {
        self.state(|s| s.job(service_principal, job).map_or(0, |j| j.starts_while_running)).unwrap_or(0)
    }

    /// The `resetScope` of a job's last restart, as it came.
    pub fn last_reset_scope(&self, service_principal: &str, job: &str) -> Option<String> {
        self.state(|s| s.job(service_principal, job).and_then(|j| j.reset_scope.clone())).flatten()
    }

    /// A job as the service holds it.
    pub fn job(&self, service_principal: &str, job: &str) -> Option<serde_json::Value> {
        self.state(|s| s.job_value(service_principal, job)).flatten()
    }

    /// A job's schema as the service holds it.
    pub fn schema(&self, service_principal: &str, job: &str) -> Option<serde_json::Value> {
        self.state(|s| s.job(service_principal, job).map(|j| j.schema.clone())).flatten()
    }

    /// The secrets of a service principal as the service holds them.
    pub fn secrets(&self, service_principal: &str) -> Vec<serde_json::Value> {
        self.state(|s| s.secrets(service_principal)).unwrap_or_default()
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<Logged> {
        self.shared.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for FakeGraph {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl std::fmt::Debug for FakeGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeGraph")
            .field("origin", &self.origin)
            .field("token", &"<redacted>")
            .field("client_secret", &"<redacted>")
            .finish()
    }
}
