//! The first typed call, with no credentials and no network beyond 127.0.0.1: starts the
//! fake synchronization service, creates a job from the `BoxOutDelta` template as the
//! create-job page does, starts it as the start-job page says (a job is created disabled;
//! start it once, never while it runs), waits for its first cycle, and prints the job.
//!
//! ```sh
//! cargo run -p graph-sync --example quickstart --features fake
//! ```
//!
//! Against Microsoft Graph, the only change is the client:
//! `graph_sync::Client::builder().bearer_token(token).build()?` (or `.credential(…)` with
//! the feature `azure-identity`); see `list_and_start.rs`.

use graph_sync::fake::FakeGraph;
use graph_sync::lifecycle::{start_as_documented, wait_until, Until};
use graph_sync::models::SynchronizationJob;
use graph_sync::runtime::Wait;
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fake = FakeGraph::start().await?;
    let client = fake.client().build()?;
    let service_principal = "2a3b4c5d-0000-4000-8000-000000000001";

    // POST /servicePrincipals/{id}/synchronization/jobs
    let template = SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() };
    let created = client
        .service_principals()
        .by_service_principal_id(service_principal)
        .synchronization()
        .jobs()
        .post(template)
        .send()
        .await?;
    let job_id = created.id.clone().unwrap_or_default();
    println!("created job {job_id} from {:?}", created.template_id);

    // POST …/jobs/{id}/start, only when the job's state allows it.
    let started = start_as_documented(&client, service_principal, &job_id).await?;
    println!("start: {started:?}");

    // GET …/jobs/{id} until its first cycle completed.
    let wait = Wait::within(Duration::from_secs(10)).every(Duration::from_millis(20));
    let job: SynchronizationJob = wait_until(&client, service_principal, &job_id, Until::SteadyState, &wait).await?;
    println!("{job:#?}");
    let status = job.status.unwrap_or_default();
    let last_run = status.last_execution.and_then(|run| run.state);
    println!("job {job_id}: {:?}, first cycle {last_run:?}", status.code);
    Ok(())
}
