//! What the fake service holds: per service principal its templates, jobs (with their
//! schemas and lifecycle) and secrets; per application its templates. The lifecycle follows
//! the start-job page: start runs a job that never ran, resumes a paused one from where it
//! paused, clears a quarantine; a start while the job runs is answered and counted.

use super::seed;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime};

/// One request as the fake received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The method.
    pub method: String,
    /// The request target: path and query, as sent (`/v1.0/servicePrincipals/…?…`).
    pub target: String,
    /// The operation of our spec the route is (`POST /servicePrincipals/{servicePrincipal-id}/…`),
    /// empty when the request reached no route or a documented route of none of ours.
    pub operation: String,
    /// The headers, `authorization` shown as `Bearer <redacted>`.
    pub headers: Vec<(String, String)>,
    /// The body, as text (lossy for bytes that are no UTF-8).
    pub body: String,
    /// The step's id when the request came as a step of a `$batch` (which is recorded too).
    pub batch_step: Option<String>,
    /// The status the fake answered (0: the connection was dropped).
    pub status: u16,
}

/// Where a job is in its lifecycle.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Phase {
    /// Created and never started (`schedule.state` `Disabled`, `status.code` `NotConfigured`).
    NeverRun,
    /// Running; `remaining` of its current cycle was left when it (re)started at `since`.
    Running { since: Instant, remaining: Duration },
    /// Paused with `remaining` of its cycle left.
    Paused { remaining: Duration },
    /// In quarantine with `remaining` of its cycle left.
    Quarantined { remaining: Duration, reason: String, began: Instant },
    /// Active between two cycles: the next begins `at` (the schedule's interval after the
    /// last one completed).
    Scheduled { at: Instant },
}

/// A job as the fake holds it.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// The job as created (and patched), without the members the lifecycle writes.
    pub(crate) value: Map<String, Value>,
    pub(crate) phase: Phase,
    /// The job's schema (`GET`/`PUT …/schema`).
    pub(crate) schema: Value,
    /// The schema it was created with (`DELETE …/schema` goes back to it).
    pub(crate) default_schema: Value,
    /// Starts received while the job was running.
    pub(crate) starts_while_running: usize,
    /// The `resetScope` of the last restart, as it came.
    pub(crate) reset_scope: Option<String>,
    /// Cycles completed so far.
    pub(crate) cycles: u32,
    /// When the first and last cycle completed.
    pub(crate) steady: Option<(Instant, Instant)>,
    /// When the current (or last) cycle began.
    pub(crate) cycle_began: Option<Instant>,
    /// The bytes of the last bulk upload.
    pub(crate) bulk_upload: Vec<u8>,
    /// Each bulk upload: when it came and its SCIM operations (logged once processed).
    pub(crate) uploads: Vec<(Instant, Vec<Value>)>,
    /// How many of its next cycles fail.
    pub(crate) failing: u32,
    /// Complete failures in a row (`countSuccessiveCompleteFailures`).
    pub(crate) successive_failures: u32,
    /// The last cycle, when it failed: when it began and ended.
    pub(crate) last_failure: Option<(Instant, Instant)>,
}

/// An owner of templates: a service principal or an application.
#[derive(Debug, Clone, Default)]
pub(crate) struct Principal {
    /// Templates in order, each with its schema.
    pub(crate) templates: Vec<(Map<String, Value>, Value)>,
    /// Jobs in creation order.
    pub(crate) jobs: Vec<Job>,
    /// Secrets (`{key, value}`), in the order first set.
    pub(crate) secrets: Vec<Value>,
}

/// Everything the fake holds.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) origin: String,
    pub(crate) page_size: usize,
    pub(crate) cycle_time: Duration,
    /// How long after a cycle completes a running job begins the next (none: one cycle
    /// per start or restart).
    pub(crate) schedule: Option<Duration>,
    principals: BTreeMap<String, Principal>,
    /// `appId` → service principal id (`/servicePrincipals(appId='…')`).
    pub(crate) app_ids: BTreeMap<String, String>,
    /// The wall clock at `started`, to write timestamps.
    clock: (SystemTime, Instant),
}

impl State {
    pub(crate) fn new(origin: String) -> State {
        State {
            origin,
            page_size: 100,
            cycle_time: Duration::from_millis(50),
            schedule: None,
            principals: BTreeMap::new(),
            app_ids: BTreeMap::new(),
            clock: (SystemTime::now(), Instant::now()),
        }
    }

    /// An instant as Graph writes a date-time (seven fractional digits, UTC).
    pub(crate) fn timestamp(&self, at: Instant) -> String {
        date_time(self.clock.0 + at.saturating_duration_since(self.clock.1))
    }

    /// A service principal (`sp:<id>`) or application (`app:<id>`), made on first use with
    /// its templates seeded: the fake has every principal a test names.
    pub(crate) fn principal(&mut self, key: &str) -> &mut Principal {
        self.principals.entry(key.to_owned()).or_insert_with(|| {
            let application_id = uuid::Uuid::new_v4().to_string();
            let templates = seed::TEMPLATES
                .iter()
                .map(|(id, tag)| {
                    let value = match seed::template(id, tag, &application_id) {
                        Value::Object(map) => map,
                        _ => Map::new(),
                    };
                    (value, seed::schema(id, tag))
                })
                .collect();
            Principal { templates, ..Principal::default() }
        })
    }

    /// Moves every running job's cycle forward to `now`.
    /// Completes the cycles that have run to their end by `now`, and with a schedule
    /// begins each next one when it is due (at most [`CYCLES_PER_READ`] steps per job and
    /// read, the rest on the next read).
    pub(crate) fn settle(&mut self, now: Instant) {
        let (schedule, cycle_time) = (self.schedule, self.cycle_time);
        for principal in self.principals.values_mut() {
            for job in &mut principal.jobs {
                for _ in 0..CYCLES_PER_READ {
                    match job.phase {
                        Phase::Scheduled { at } if now >= at => {
                            job.cycle_began = Some(at);
                            job.phase = Phase::Running { since: at, remaining: cycle_time };
                        }
                        Phase::Running { since, remaining }
                            if !remaining.is_zero() && now.saturating_duration_since(since) >= remaining =>
                        {
                            let done = since + remaining;
                            job.complete_cycle(done);
                            job.phase = match schedule {
                                Some(interval) => Phase::Scheduled { at: done + interval },
                                None => Phase::Running { since: done, remaining: Duration::ZERO },
                            };
                        }
                        _ => break,
                    }
                }
            }
        }
    }

    pub(crate) fn fail_cycles(&mut self, service_principal: &str, id: &str, count: u32) -> bool {
        self.job(service_principal, id).map(|job| job.failing = count).is_some()
    }

    pub(crate) fn job(&mut self, service_principal: &str, id: &str) -> Option<&mut Job> {
        self.settle(Instant::now());
        self.principals.get_mut(&format!("sp:{service_principal}"))?.jobs.iter_mut().find(|j| job_id(j) == id)
    }

    /// A job as `GET …/jobs/{id}` answers it.
    pub(crate) fn job_value(&mut self, service_principal: &str, id: &str) -> Option<Value> {
        let now = Instant::now();
        self.settle(now);
        let job = self.principals.get(&format!("sp:{service_principal}"))?.jobs.iter().find(|j| job_id(j) == id)?;
        Some(self.render(job))
    }

    /// A job with its schedule and status as its lifecycle has them now.
    pub(crate) fn render(&self, job: &Job) -> Value {
        let mut value = job.value.clone();
        let never = "0001-01-01T00:00:00Z";
        let (schedule_state, code) = match &job.phase {
            Phase::NeverRun => ("Disabled", "NotConfigured"),
            Phase::Running { .. } | Phase::Scheduled { .. } => ("Active", "Active"),
            Phase::Paused { .. } => ("Paused", "Paused"),
            Phase::Quarantined { .. } => ("Active", "Quarantine"),
        };
        let schedule = value.entry("schedule").or_insert_with(|| json!({}));
        if let Value::Object(schedule) = schedule {
            schedule.entry("expiration").or_insert(Value::Null);
            schedule.entry("interval").or_insert_with(|| json!("P10675199DT2H48M5.4775807S"));
            schedule.insert("state".into(), json!(schedule_state));
        }
        let execution = |state: &str, began: Instant, ended: Option<Instant>| {
            json!({
                "activityIdentifier": format!("{}.{}", job_id(job), job.cycles),
                "countEntitled": 3, "countEntitledForProvisioning": 3, "countEscrowed": 0, "countEscrowedRaw": 0,
                "countExported": 3, "countExports": 3, "countImported": 3, "countImportedDeltas": 0,
                "countImportedReferenceDeltas": 0, "error": null, "state": state,
                "timeBegan": self.timestamp(began),
                "timeEnded": ended.map_or_else(|| never.to_owned(), |t| self.timestamp(t)),
            })
        };
        let running = matches!(&job.phase, Phase::Running { remaining, .. } if *remaining > Duration::ZERO);
        let last_execution = match (job.cycle_began, job.steady, running, job.last_failure) {
            (Some(began), _, true, _) => execution("Started", began, None),
            (_, _, false, Some((began, ended))) => {
                let mut failed = execution("Failed", began, Some(ended));
                failed["error"] = json!({
                    "code": "SynchronizationCycleFailed",
                    "message": "The cycle failed, as the test asked (FakeGraph::fail_cycles).",
                    "tenantActionable": true,
                });
                failed
            }
            (_, Some((_, last)), false, None) => execution("Succeeded", job.cycle_began.unwrap_or(last), Some(last)),
            _ => Value::Null,
        };
        let last_successful = job.steady.map_or(Value::Null, |(_, last)| execution("Succeeded", last, Some(last)));
        let quarantine = match &job.phase {
            Phase::Quarantined { reason, began, .. } => json!({
                "currentBegan": self.timestamp(*began),
                "nextAttempt": self.timestamp(*began + Duration::from_secs(3600)),
                "reason": reason,
                "seriesBegan": self.timestamp(*began),
                "seriesCount": 1,
                "error": {"code": "Quarantined", "message": "The job was put in quarantine by the test.", "tenantActionable": true},
            }),
            _ => Value::Null,
        };
        let status = json!({
            "code": code,
            "countSuccessiveCompleteFailures": job.successive_failures,
            "escrowsPruned": false,
            "synchronizedEntryCountByType": if job.cycles > 0 { json!([{"key": "User to User", "value": 3}]) } else { json!([]) },
            "lastExecution": last_execution,
            "lastSuccessfulExecution": last_successful.clone(),
            "lastSuccessfulExecutionWithExports": last_successful,
            "steadyStateFirstAchievedTime": job.steady.map_or_else(|| never.to_owned(), |(first, _)| self.timestamp(first)),
            "steadyStateLastAchievedTime": job.steady.map_or_else(|| never.to_owned(), |(_, last)| self.timestamp(last)),
            "quarantine": quarantine,
            "troubleshootingUrl": null,
        });
        value.insert("status".into(), status);
        Value::Object(value)
    }

    /// Adds a job with this id from one of the principal's templates (false when the
    /// template is none of them or the id is taken).
    pub(crate) fn add_job(&mut self, service_principal: &str, id: &str, template_id: &str) -> bool {
        let principal = self.principal(&format!("sp:{service_principal}"));
        let Some((_, schema)) =
            principal.templates.iter().find(|(t, _)| t.get("id").and_then(Value::as_str) == Some(template_id))
        else {
            return false;
        };
        if principal.jobs.iter().any(|j| job_id(j) == id) {
            return false;
        }
        let mut job = Job::new(template_id, schema.clone(), Map::new());
        job.value.insert("id".into(), json!(id));
        if let Some(schema) = job.schema.as_object_mut() {
            schema.insert("id".into(), json!(id));
        }
        job.default_schema = job.schema.clone();
        principal.jobs.push(job);
        true
    }

    /// Puts a job in quarantine; false when there is no such job.
    pub(crate) fn quarantine(&mut self, service_principal: &str, id: &str, reason: &str) -> bool {
        let now = Instant::now();
        let Some(job) = self.job(service_principal, id) else { return false };
        let remaining = job.remaining(now);
        job.phase = Phase::Quarantined { remaining, reason: reason.to_owned(), began: now };
        true
    }

    /// The provisioning logs (`GET /auditLogs/provisioning`) of the bulk uploads processed by
    /// now (a cycle after each came), of one job or of all: one entry per SCIM operation.
    pub(crate) fn provisioning_logs(&self, job: Option<&str>, now: Instant) -> Vec<Value> {
        let mut out = Vec::new();
        for principal in self.principals.values() {
            for held in principal.jobs.iter().filter(|j| job.is_none_or(|id| job_id(j) == id)) {
                for (at, operations) in &held.uploads {
                    if now.saturating_duration_since(*at) < self.cycle_time {
                        continue;
                    }
                    for (n, operation) in operations.iter().enumerate() {
                        let method = operation.get("method").and_then(Value::as_str).unwrap_or("POST");
                        let action = match method.to_ascii_uppercase().as_str() {
                            "POST" => "create",
                            "DELETE" => "delete",
                            _ => "update",
                        };
                        let source = operation
                            .get("bulkId")
                            .or_else(|| operation.get("data").and_then(|d| d.get("externalId")))
                            .cloned()
                            .unwrap_or(Value::Null);
                        out.push(json!({
                            "id": format!("{}.{n}", job_id(held)),
                            "activityDateTime": self.timestamp(*at + self.cycle_time),
                            "jobId": job_id(held),
                            "changeId": uuid::Uuid::new_v4().to_string(),
                            "provisioningAction": action,
                            "provisioningStatusInfo": {"status": "success", "errorInformation": null},
                            "sourceIdentity": {"id": source, "identityType": "User"},
                        }));
                    }
                }
            }
        }
        out
    }

    /// The secrets of a service principal.
    pub(crate) fn secrets(&mut self, service_principal: &str) -> Vec<Value> {
        self.principals.get(&format!("sp:{service_principal}")).map(|p| p.secrets.clone()).unwrap_or_default()
    }
}

/// A wall-clock time as Graph writes a date-time (seven fractional digits, UTC).
pub(crate) fn date_time(at: SystemTime) -> String {
    let at = chrono::DateTime::<chrono::Utc>::from(at);
    format!("{}.{:07}Z", at.format("%Y-%m-%dT%H:%M:%S"), chrono::Timelike::nanosecond(&at) / 100)
}

/// The most steps (a cycle completed, the next begun) a scheduled job takes in one read:
/// a zero or tiny cycle time and interval cannot make a read loop for long; the rest are
/// taken on the next read.
const CYCLES_PER_READ: usize = 10_000;

/// A job's id.
pub(crate) fn job_id(job: &Job) -> &str {
    job.value.get("id").and_then(Value::as_str).unwrap_or_default()
}

impl Job {
    /// A new job from a template, as the create-job page shows it.
    pub(crate) fn new(template_id: &str, schema: Value, body: Map<String, Value>) -> Job {
        let id = format!("{template_id}.{}.{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
        let mut value = Map::new();
        value.insert("id".into(), json!(id));
        value.insert("templateId".into(), json!(template_id));
        for (key, member) in body {
            if key != "id" && key != "status" {
                value.insert(key, member);
            }
        }
        let mut schema = schema;
        if let Some(object) = schema.as_object_mut() {
            object.insert("id".into(), json!(id));
        }
        Job {
            value,
            phase: Phase::NeverRun,
            default_schema: schema.clone(),
            schema,
            starts_while_running: 0,
            reset_scope: None,
            cycles: 0,
            steady: None,
            cycle_began: None,
            bulk_upload: Vec::new(),
            uploads: Vec::new(),
            failing: 0,
            successive_failures: 0,
            last_failure: None,
        }
    }

    /// A cycle ends at `done`: it fails when the test asked for failures (counted in a
    /// row), else it succeeds and reaches the steady state.
    fn complete_cycle(&mut self, done: Instant) {
        self.cycles += 1;
        if self.failing > 0 {
            self.failing -= 1;
            self.successive_failures += 1;
            self.last_failure = Some((self.cycle_began.unwrap_or(done), done));
        } else {
            self.successive_failures = 0;
            self.last_failure = None;
            self.steady = Some((self.steady.map_or(done, |(first, _)| first), done));
        }
    }

    /// What is left of the current cycle at `now`.
    pub(crate) fn remaining(&self, now: Instant) -> Duration {
        match &self.phase {
            Phase::NeverRun | Phase::Scheduled { .. } => Duration::ZERO,
            Phase::Running { since, remaining } => remaining.saturating_sub(now.saturating_duration_since(*since)),
            Phase::Paused { remaining } | Phase::Quarantined { remaining, .. } => *remaining,
        }
    }

    /// Start, as the start-job page says: run a job that never ran, resume a paused one,
    /// clear a quarantine; a start while running changes nothing and is counted.
    pub(crate) fn start(&mut self, now: Instant, cycle_time: Duration) {
        self.phase = match &self.phase {
            Phase::NeverRun => {
                self.cycle_began = Some(now);
                Phase::Running { since: now, remaining: cycle_time }
            }
            Phase::Running { .. } | Phase::Scheduled { .. } => {
                self.starts_while_running += 1;
                return;
            }
            Phase::Paused { remaining } | Phase::Quarantined { remaining, .. } => {
                Phase::Running { since: now, remaining: *remaining }
            }
        };
    }

    /// Pause: the cycle stops where it is.
    pub(crate) fn pause(&mut self, now: Instant) {
        if matches!(self.phase, Phase::Running { .. } | Phase::Quarantined { .. } | Phase::Scheduled { .. }) {
            self.phase = Phase::Paused { remaining: self.remaining(now) };
        }
    }

    /// Restart: a new cycle from the start (reprocessing everything), a quarantine cleared.
    pub(crate) fn restart(&mut self, now: Instant, cycle_time: Duration, reset_scope: Option<String>) {
        self.reset_scope = reset_scope;
        self.cycle_began = Some(now);
        self.phase = Phase::Running { since: now, remaining: cycle_time };
    }
}
