//! The baseline: plain `#[derive(Deserialize, Serialize)]` structs of the same shape as
//! the generated models, written the way a hand-written client would. They drop unknown
//! properties and `null`s; the generated models keep both, and the bench shows the cost.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(rename = "@odata.nextLink", skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    pub value: Vec<Job>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synchronization_job_settings: Option<Vec<KeyValuePair>>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    pub expiration: Option<DateTime<Utc>>,
    pub interval: Option<String>,
    pub state: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub code: Option<String>,
    pub count_successive_complete_failures: Option<i64>,
    pub escrows_pruned: Option<bool>,
    pub last_execution: Option<TaskExecution>,
    pub last_successful_execution: Option<TaskExecution>,
    pub last_successful_execution_with_exports: Option<TaskExecution>,
    pub progress: Option<Vec<Progress>>,
    pub quarantine: Option<Quarantine>,
    pub steady_state_first_achieved_time: Option<DateTime<Utc>>,
    pub steady_state_last_achieved_time: Option<DateTime<Utc>>,
    pub synchronized_entry_count_by_type: Option<Vec<StringKeyLongValuePair>>,
    pub troubleshooting_url: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskExecution {
    pub activity_identifier: Option<String>,
    pub count_entitled: Option<i64>,
    pub count_entitled_for_provisioning: Option<i64>,
    pub count_escrowed: Option<i64>,
    pub count_escrowed_raw: Option<i64>,
    pub count_exported: Option<i64>,
    pub count_exports: Option<i64>,
    pub count_imported: Option<i64>,
    pub count_imported_deltas: Option<i64>,
    pub count_imported_reference_deltas: Option<i64>,
    pub error: Option<SyncError>,
    pub state: Option<String>,
    pub time_began: Option<DateTime<Utc>>,
    pub time_ended: Option<DateTime<Utc>>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub completed_units: Option<i64>,
    pub progress_observation_date_time: Option<DateTime<Utc>>,
    pub total_units: Option<i64>,
    pub units: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quarantine {
    pub current_began: Option<DateTime<Utc>>,
    pub error: Option<SyncError>,
    pub next_attempt: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    pub series_began: Option<DateTime<Utc>>,
    pub series_count: Option<i64>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncError {
    pub code: Option<String>,
    pub message: Option<String>,
    pub tenant_actionable: Option<bool>,
}

#[derive(Deserialize, Serialize)]
pub struct KeyValuePair {
    pub name: Option<String>,
    pub value: Option<String>,
}

#[derive(Deserialize, Serialize)]
pub struct StringKeyLongValuePair {
    pub key: Option<String>,
    pub value: Option<i64>,
}
