//! Lists the synchronization jobs of a service principal and starts one.
//!
//! ```sh
//! export GRAPH_TOKEN=...          # an access token with Synchronization.ReadWrite.All
//! cargo run -p generated --example list_and_start -- <servicePrincipal-id> [<job-id>]
//! ```
//!
//! `GRAPH_BASE_URL` (for example `http://127.0.0.1:8080/v1.0`) sends the requests
//! elsewhere; the tests run [`run`] against a local server that way.

use generated::operations::{ServicePrincipalSynchronizationJobStart, ServicePrincipalSynchronizationListJob};
use generated::runtime::Error;
use generated::{Client, Cloud};

/// Lists every job (following `@odata.nextLink`), prints one line per job, and starts
/// `start` (or the first job, when `start` is `None` and a job exists). Returns the
/// listed job ids and the job started.
pub async fn run(
    client: &Client,
    service_principal: &str,
    start: Option<&str>,
) -> Result<(Vec<String>, Option<String>), Error> {
    let list = ServicePrincipalSynchronizationListJob::new(service_principal);
    let mut pages = client.pages(&list);
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        for job in page?.value.unwrap_or_default() {
            let state =
                job.status.as_ref().and_then(|s| s.code.as_ref()).map_or("unknown".to_owned(), ToString::to_string);
            let id = job.id.unwrap_or_default();
            println!("{id}\t{}\t{state}", job.template_id.unwrap_or_default());
            ids.push(id);
        }
    }
    let target = start.map(str::to_owned).or_else(|| ids.first().cloned());
    if let Some(job) = &target {
        client.send(&ServicePrincipalSynchronizationJobStart::new(service_principal, job.as_str())).await?;
        println!("started {job}");
    }
    Ok((ids, target))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(service_principal), start) = (args.next(), args.next()) else {
        eprintln!("usage: list_and_start <servicePrincipal-id> [<job-id>]   (token in GRAPH_TOKEN)");
        return std::process::ExitCode::from(2);
    };
    let Ok(token) = std::env::var("GRAPH_TOKEN") else {
        eprintln!("set GRAPH_TOKEN to an access token");
        return std::process::ExitCode::from(2);
    };
    let mut builder = Client::builder().cloud(Cloud::Global).bearer_token(token);
    if let Ok(base) = std::env::var("GRAPH_BASE_URL") {
        builder = builder.base_url(base);
    }
    let result = match builder.build() {
        Ok(client) => run(&client, &service_principal, start.as_deref()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
