//! Typed requests and models for the Microsoft Graph synchronization API,
//! generated at build time from `specs/synchronization.v1.0.yaml` (and, with the
//! `beta` feature, `specs/synchronization.beta.yaml` as `graph_sync::beta`).
//!
//! Every operation is a type in [`operations`] that implements [`Operation`]: it
//! builds an `http::Request` and decodes the `http::Response`, so it works with any
//! HTTP client. Models live in [`models`]; they keep properties they do not know,
//! so a read-modify-write round trip loses nothing. Each operation also carries the
//! permissions Microsoft documents for it, as [`Operation::PERMISSIONS`].
//!
//! With the `client` feature (on by default), `Client` sends operations itself:
//! bearer token, retries of 429/503/504 honouring `Retry-After`, `@odata.nextLink`
//! paging, national clouds (`Cloud`), timeouts and a `client-request-id` on every
//! request. See `examples/list_and_start.rs`.
//!
//! Create a synchronization job, then start it:
//!
//! ```
//! use graph_sync::models::SynchronizationJob;
//! use graph_sync::operations::{ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationJobStart};
//! use graph_sync::Operation;
//!
//! # fn main() -> Result<(), graph_sync::Error> {
//! let job = SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() };
//! let create = ServicePrincipalSynchronizationCreateJob::new("{servicePrincipal-id}", job);
//! let request = create.to_http(graph_sync::DEFAULT_BASE_URL)?;
//! assert_eq!(request.body(), br#"{"templateId":"BoxOutDelta"}"#);
//!
//! // Send `request` with any HTTP client; decode the answer with `from_http`:
//! let answer = http::Response::builder()
//!     .status(201)
//!     .body(br#"{"id":"job-1","templateId":"BoxOutDelta"}"#.to_vec())
//!     .expect("a valid response");
//! let created = ServicePrincipalSynchronizationCreateJob::from_http(answer)?;
//!
//! let start = ServicePrincipalSynchronizationJobStart::new("{servicePrincipal-id}", created.id.unwrap_or_default());
//! let request = start.to_http(graph_sync::DEFAULT_BASE_URL)?;
//! assert!(request.uri().path().ends_with("/jobs/job-1/start"));
//! assert_eq!(
//!     ServicePrincipalSynchronizationJobStart::PERMISSIONS.application.least,
//!     ["Application.ReadWrite.OwnedBy"]
//! );
//! # Ok(())
//! # }
//! ```
//!
//! Clear a property in an update: `set_null` takes the member as a constant of the model,
//! so the body says `null` for it, a value for what is set, and nothing for the rest.
//!
//! ```
//! # #[cfg(feature = "beta")] {
//! use graph_sync::beta::models::SynchronizationJob;
//! use graph_sync::beta::operations::ServicePrincipalSynchronizationUpdateJob;
//! use graph_sync::Operation;
//!
//! let mut job = SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() };
//! job.set_null(SynchronizationJob::SCHEDULE);
//! let update = ServicePrincipalSynchronizationUpdateJob::new("{servicePrincipal-id}", "{job-id}", job);
//! let request = update.to_http("https://graph.microsoft.com/beta").expect("a request");
//! assert_eq!(request.body(), br#"{"schedule":null,"templateId":"BoxOutDelta"}"#);
//! # }
//! ```
//!
//! A misspelt member does not compile:
//!
//! ```compile_fail,E0599
//! use graph_sync::models::SynchronizationJob;
//! let mut job = SynchronizationJob::default();
//! job.set_null(SynchronizationJob::SCHEDULES);
//! ```
//!
//! Nor does another model's member:
//!
//! ```compile_fail,E0308
//! use graph_sync::models::{SynchronizationJob, SynchronizationSchedule};
//! let mut job = SynchronizationJob::default();
//! job.set_null(SynchronizationSchedule::INTERVAL);
//! ```
//!
//! while the right one does:
//!
//! ```
//! use graph_sync::models::SynchronizationJob;
//! let mut job = SynchronizationJob::default();
//! job.set_null(SynchronizationJob::SCHEDULE);
//! assert!(job.is_null(SynchronizationJob::SCHEDULE));
//! ```

include!(concat!(env!("OUT_DIR"), "/synchronization_v1_0.rs"));

/// The beta version of the API (`specs/synchronization.beta.yaml`), sharing the runtime above.
#[cfg(feature = "beta")]
pub mod beta {
    include!(concat!(env!("OUT_DIR"), "/synchronization_beta.rs"));

    /// The lifecycle helpers of [`crate::lifecycle`] over beta's models and operations.
    #[cfg(feature = "client")]
    pub mod lifecycle {
        crate::lifecycle::for_version!(crate::beta);
    }
}

#[cfg(feature = "client")]
pub mod lifecycle;

#[cfg(feature = "fake")]
pub mod fake;
