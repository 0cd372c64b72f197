//! The per-version half of the lifecycle helpers: the same code over each version's
//! models and operations (`for_version!(crate)` for v1.0, `for_version!(crate::beta)`).

/// Writes the helpers for the version whose models and operations live under `$root`.
macro_rules! for_version {
    ($($root:ident)::+) => {
        use $($root)::+::models::{
            StringKeyStringValuePair, SynchronizationJob, SynchronizationScheduleState, SynchronizationStatus,
            SynchronizationStatusCode, SynchronizationTaskExecution,
            ServicePrincipalSynchronizationJobProvisionOnDemandRequest,
            ServicePrincipalSynchronizationJobSchemaParseExpressionRequest,
        };
        use $($root)::+::operations::{
            ServicePrincipalSynchronizationGetJob, ServicePrincipalSynchronizationJobGetSchema,
            ServicePrincipalSynchronizationJobPostBulkUpload,
            ServicePrincipalSynchronizationJobProvisionOnDemand, ServicePrincipalSynchronizationJobSchemaParseExpression,
            ServicePrincipalSynchronizationJobStart, ServicePrincipalSynchronizationJobUpdateSchema,
        };
        use $crate::runtime::{Client, Error, Wait, WaitError};

        /// What [`start_as_documented`] did.
        #[derive(Debug, Clone, PartialEq)]
        pub enum StartOutcome {
            /// The job had never run (`NotConfigured` or `NotRun`; created disabled): started.
            Started,
            /// The job was paused: started, which resumes it where it paused.
            Resumed,
            /// The job was in quarantine: started, which clears the quarantine.
            QuarantineCleared,
            /// Start was not called: the job is running (the start page warns against
            /// calling start continuously while it runs) or its status is one the page
            /// gives no rule for. The status read is kept.
            NotStarted(Box<SynchronizationStatus>),
        }

        /// Starts a job as the start-job page says: reads its status and calls start only
        /// for a job that never ran (a new job is created disabled), is paused (start
        /// resumes it) or is in quarantine (start clears it); for a job that is running,
        /// returns what it found without calling start.
        pub async fn start_as_documented(
            client: &Client,
            service_principal: &str,
            job: &str,
        ) -> Result<StartOutcome, Error> {
            let found = client.send(&ServicePrincipalSynchronizationGetJob::new(service_principal, job)).await?;
            let status = found.status.unwrap_or_default();
            let disabled = found.schedule.and_then(|s| s.state) == Some(SynchronizationScheduleState::Disabled);
            let outcome = match status.code {
                Some(SynchronizationStatusCode::Paused) => StartOutcome::Resumed,
                Some(SynchronizationStatusCode::Quarantine) => StartOutcome::QuarantineCleared,
                Some(SynchronizationStatusCode::NotConfigured | SynchronizationStatusCode::NotRun) => StartOutcome::Started,
                Some(SynchronizationStatusCode::Active) => return Ok(StartOutcome::NotStarted(Box::new(status))),
                // No code, or one the page does not know: only a disabled schedule says never started.
                _ if disabled => StartOutcome::Started,
                _ => return Ok(StartOutcome::NotStarted(Box::new(status))),
            };
            client.send(&ServicePrincipalSynchronizationJobStart::new(service_principal, job)).await?;
            Ok(outcome)
        }

        /// What [`wait_until`] waits for.
        pub enum Until {
            /// The job has reached a steady state at some time (`steadyStateLastAchievedTime`
            /// later than year 1, the value of a job that never did). This is "ever
            /// reached", as the service reports it, not "the current cycle is done": after a
            /// restart (or while a job runs cycle after cycle) it holds at once, from the
            /// cycle before. To wait for the cycle that is running, use
            /// [`Until::CycleCompleted`].
            SteadyState,
            /// The job is in quarantine.
            Quarantined,
            /// At least this many complete failures in a row
            /// (`countSuccessiveCompleteFailures`, which a successful cycle sets back to 0).
            Failures(i64),
            /// A cycle completed after the first read: `lastExecution` ended, and is not
            /// the execution the first read saw.
            CycleCompleted,
            /// A condition of the caller's on the status.
            Status(Box<dyn FnMut(&SynchronizationStatus) -> bool + Send>),
        }

        impl std::fmt::Debug for Until {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Until::SteadyState => f.write_str("SteadyState"),
                    Until::Quarantined => f.write_str("Quarantined"),
                    Until::Failures(n) => write!(f, "Failures({n})"),
                    Until::CycleCompleted => f.write_str("CycleCompleted"),
                    Until::Status(_) => f.write_str("Status(<condition>)"),
                }
            }
        }

        fn after_year_one(time: &Option<$crate::runtime::Timestamp>) -> bool {
            time.as_ref().and_then(|t| t.value()).is_some_and(|t| chrono::Datelike::year(&t) > 1)
        }

        /// An execution that ended, as (when it ended, its id).
        fn ended(execution: &Option<SynchronizationTaskExecution>) -> Option<(String, Option<String>)> {
            let execution = execution.as_ref()?;
            after_year_one(&execution.time_ended).then(|| {
                let ended = execution.time_ended.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_default();
                (ended, execution.activity_identifier.clone())
            })
        }

        /// Reads the job until `until` holds, pacing as `wait` says (jittered, growing
        /// intervals; a throttled read waits its `Retry-After`; a total deadline). Returns
        /// the job as last read; on timeout the error keeps the last job read. Dropping
        /// the future stops the wait.
        pub async fn wait_until(
            client: &Client,
            service_principal: &str,
            job: &str,
            mut until: Until,
            wait: &Wait,
        ) -> Result<SynchronizationJob, WaitError<SynchronizationJob>> {
            let get = ServicePrincipalSynchronizationGetJob::new(service_principal, job);
            let mut first: Option<Option<(String, Option<String>)>> = None;
            let done = move |job: &SynchronizationJob| {
                let status = job.status.clone().unwrap_or_default();
                match &mut until {
                    Until::SteadyState => after_year_one(&status.steady_state_last_achieved_time),
                    Until::Quarantined => status.code == Some(SynchronizationStatusCode::Quarantine),
                    Until::Failures(n) => status.count_successive_complete_failures.unwrap_or(0) >= *n,
                    Until::CycleCompleted => {
                        let now = ended(&status.last_execution);
                        match &first {
                            None => {
                                first = Some(now);
                                false
                            }
                            Some(seen) => now.is_some() && now != *seen,
                        }
                    }
                    Until::Status(condition) => condition(&status),
                }
            };
            $crate::runtime::wait::until(wait, None, || client.send(&get), done).await
        }

        /// Provisions objects on demand and reads the answer for real ([`OnDemand`](crate::lifecycle::OnDemand): the
        /// result and the steps decoded from the pair's JSON text, the text kept).
        pub async fn provision_on_demand(
            client: &Client,
            service_principal: &str,
            job: &str,
            request: ServicePrincipalSynchronizationJobProvisionOnDemandRequest,
        ) -> Result<$crate::lifecycle::OnDemand, Error> {
            let operation = ServicePrincipalSynchronizationJobProvisionOnDemand::new(service_principal, job, request);
            let pair: StringKeyStringValuePair = client.send(&operation).await?;
            Ok($crate::lifecycle::OnDemand::read(pair.key.as_deref(), pair.value.as_deref()))
        }

        /// Follows a bulk upload's `202 Accepted` to the provisioning logs its `Location`
        /// names, until they show the upload processed; returns the log entries.
        pub async fn follow_bulk_upload(
            client: &Client,
            accepted: &$crate::runtime::Accepted,
            wait: &Wait,
        ) -> Result<Vec<serde_json::Value>, WaitError<$crate::runtime::HttpResponse>> {
            fn entries(answer: &$crate::runtime::HttpResponse) -> Vec<serde_json::Value> {
                serde_json::from_slice::<serde_json::Value>(answer.body())
                    .ok()
                    .and_then(|logs| logs.get("value").and_then(serde_json::Value::as_array).cloned())
                    .unwrap_or_default()
            }
            let answer = client
                .follow::<ServicePrincipalSynchronizationJobPostBulkUpload>(accepted, wait, |a| !entries(a).is_empty())
                .await?;
            Ok(entries(&answer))
        }

        /// What [`edit_mapping`] changed: the attribute mapping before and after, as JSON.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Edited {
            /// The mapping as it was.
            pub before: serde_json::Value,
            /// The mapping as written.
            pub after: serde_json::Value,
        }

        /// Changes one attribute mapping of a job's schema: reads the schema, finds the
        /// mapping, checks a new expression with parseExpression (unless asked not to),
        /// changes only what `edit` asks, and PUTs the whole schema back (the one write).
        /// Everything else in the schema (member order, unknown members, explicit nulls)
        /// goes back exactly as it came.
        pub async fn edit_mapping(
            client: &Client,
            service_principal: &str,
            job: &str,
            edit: &$crate::lifecycle::MappingEdit,
        ) -> Result<Edited, $crate::lifecycle::EditError> {
            if edit.expression.is_none() && edit.flow_behavior.is_none() && edit.matching_priority.is_none() {
                return Err($crate::lifecycle::EditError::NothingToChange);
            }
            // Read and written as text (through the operations, so that a mock answers them
            // by their rules): the schema goes back as it came, byte for byte (numbers,
            // escapes, member order), but for the one mapping, found in its JSON by names.
            let read = ServicePrincipalSynchronizationJobGetSchema::new(service_principal, job);
            let answer = client.send_raw(&read).await?;
            let text = std::str::from_utf8(answer.body())
                .map_err(|e| $crate::lifecycle::EditError::Unreadable(format!("it is no text: {e}")))?;
            let mut schema: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| $crate::lifecycle::EditError::Unreadable(format!("it is no JSON: {e}")))?;
            let parsed = match (&edit.expression, edit.check_expression) {
                (Some(expression), true) => {
                    let body = ServicePrincipalSynchronizationJobSchemaParseExpressionRequest {
                        expression: Some(expression.clone()),
                        ..Default::default()
                    };
                    let check = ServicePrincipalSynchronizationJobSchemaParseExpression::new(service_principal, job, body);
                    let answer = client.send(&check).await?;
                    if answer.parsing_succeeded != Some(true) {
                        let message = answer.error.and_then(|e| e.message);
                        return Err($crate::lifecycle::EditError::ExpressionRejected { expression: expression.clone(), message });
                    }
                    answer.parsed_expression.map(|source| serde_json::to_value(source)).transpose().map_err(|e| {
                        $crate::lifecycle::EditError::Unreadable(format!("the parsed expression does not serialize: {e}"))
                    })?
                }
                _ => None,
            };
            let (mapping, place) = $crate::lifecycle::mapping::find(&mut schema, edit)?;
            let before = serde_json::Value::Object(mapping.clone());
            $crate::lifecycle::mapping::change(mapping, edit, parsed);
            let after = serde_json::Value::Object(mapping.clone());
            let body = $crate::lifecycle::mapping::replace(text, place, &after)
                .map_err(|e| $crate::lifecycle::EditError::Unreadable(e.to_string()))?;
            // The operation carries the schema's typed reading (what a mock's rule or a
            // recorded request shows); the bytes sent are the edited text as it is.
            let typed = serde_json::from_str(&body).map_err(|e| {
                $crate::lifecycle::EditError::Unreadable(format!("the edited schema is no synchronization schema: {e}"))
            })?;
            let write = ServicePrincipalSynchronizationJobUpdateSchema::new(service_principal, job, typed);
            let body = body.into_bytes();
            client.send_raw_body(&write, body).await?;
            Ok(Edited { before, after })
        }
    };
}

pub(crate) use for_version;
