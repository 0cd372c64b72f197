//! A synchronization job's lifecycle as the reference pages describe it (feature
//! `client`), hand-written over the generated operations, for v1.0 here and for beta in
//! `graph_sync::beta::lifecycle`:
//!
//! - [`start_as_documented`]: start only a job that never ran, is paused or is in
//!   quarantine (the start-job page), saying which; a running job is left alone;
//! - [`wait_until`]: wait for a steady state, a quarantine, failures, a completed cycle or
//!   a condition of yours, at a jittered, bounded interval within a deadline (the
//!   runtime's [`crate::runtime::Wait`]);
//! - [`provision_on_demand`]: the answer's steps decoded from the pair's JSON text
//!   ([`OnDemand`]);
//! - [`edit_mapping`]: change one attribute mapping and PUT the schema back with nothing
//!   else touched ([`MappingEdit`]).
//!
//! What is general lives in the runtime of every generated crate: answers with their
//! headers (`Client::send_with_headers`), `202 Accepted` answers and following their
//! `Location` (`Client::follow`), waiting (`runtime::wait`), credentials redacted in
//! `Debug` (`format: password`).

mod jobs;
pub(crate) mod mapping;
mod on_demand;

pub(crate) use jobs::for_version;
pub use mapping::{EditError, MappingEdit};
pub use on_demand::{
    Identity, ModifiedProperty, OnDemand, OnDemandResult, ProvisioningOutcome, ProvisioningStep, StatusInfo,
};

for_version!(crate);
