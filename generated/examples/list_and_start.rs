//! Lists the synchronization jobs of a service principal and starts one.
//!
//! ```sh
//! export GRAPH_TOKEN=...          # an access token with Synchronization.ReadWrite.All
//! cargo run -p graph-sync --example list_and_start -- <servicePrincipal-id> [<job-id>]
//!
//! # or sign in as an application with a client secret, through Azure identity:
//! export AZURE_TENANT_ID=... AZURE_CLIENT_ID=... AZURE_CLIENT_SECRET=...
//! cargo run -p graph-sync --features azure-identity --example list_and_start -- <servicePrincipal-id>
//! ```
//!
//! `GRAPH_BASE_URL` (for example `http://127.0.0.1:8080/v1.0`) sends the requests
//! elsewhere; the tests run [`run`] against a local server that way.

use graph_sync::runtime::ClientBuilder;
use graph_sync::runtime::Error;
use graph_sync::{Client, Cloud};

/// Lists every job (following `@odata.nextLink`), prints one line per job, and starts
/// `start` (or the first job, when `start` is `None` and a job exists). Returns the
/// listed job ids and the job started.
pub async fn run(
    client: &Client,
    service_principal: &str,
    start: Option<&str>,
) -> Result<(Vec<String>, Option<String>), Error> {
    let jobs = client.service_principals().by_service_principal_id(service_principal).synchronization().jobs();
    let mut pages = jobs.clone().get().pages();
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
        jobs.by_synchronization_job_id(job.as_str()).start().post().send().await?;
        println!("started {job}");
    }
    Ok((ids, target))
}

/// Signs `builder` in from the environment (`var` reads it): a token in `GRAPH_TOKEN`, else
/// (feature `azure-identity`) an application's client secret in `AZURE_TENANT_ID`,
/// `AZURE_CLIENT_ID` and `AZURE_CLIENT_SECRET`, through Azure identity: the client then asks
/// for tokens for its cloud's scope and reuses them until shortly before they expire.
pub fn sign_in(builder: ClientBuilder, var: impl Fn(&str) -> Option<String>) -> Result<ClientBuilder, String> {
    if let Some(token) = var("GRAPH_TOKEN") {
        return Ok(builder.bearer_token(token));
    }
    let secret = (var("AZURE_TENANT_ID"), var("AZURE_CLIENT_ID"), var("AZURE_CLIENT_SECRET"));
    let (Some(tenant), Some(client_id), Some(secret)) = secret else {
        return Err("set GRAPH_TOKEN to an access token, or AZURE_TENANT_ID, AZURE_CLIENT_ID and \
                    AZURE_CLIENT_SECRET to sign in as an application"
            .to_owned());
    };
    client_secret(builder, &tenant, client_id, secret)
}

#[cfg(feature = "azure-identity")]
fn client_secret(
    builder: ClientBuilder,
    tenant: &str,
    client_id: String,
    secret: String,
) -> Result<ClientBuilder, String> {
    use azure_identity::{ClientSecretCredential, ClientSecretCredentialOptions};
    // Token requests go to the cloud's sign-in authority through the client's own HTTP stack.
    let options =
        ClientSecretCredentialOptions { client_options: graph_sync::runtime::azure::credential_options(Cloud::Global) };
    let credential = ClientSecretCredential::new(tenant, client_id, secret.into(), Some(options))
        .map_err(|e| format!("the client secret credential: {e}"))?;
    Ok(builder.credential(credential))
}

#[cfg(not(feature = "azure-identity"))]
fn client_secret(_: ClientBuilder, _: &str, _: String, _: String) -> Result<ClientBuilder, String> {
    Err("signing in with a client secret needs the `azure-identity` feature (cargo run --features azure-identity ...)"
        .to_owned())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(service_principal), start) = (args.next(), args.next()) else {
        eprintln!("usage: list_and_start <servicePrincipal-id> [<job-id>]   (sign-in from the environment)");
        return std::process::ExitCode::from(2);
    };
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut builder = match sign_in(Client::builder().cloud(Cloud::Global), var) {
        Ok(builder) => builder,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    if let Some(base) = var("GRAPH_BASE_URL") {
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
