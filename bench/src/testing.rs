//! 8. What a test pays per call: one typed mocked call (`Mock`, feature `testing`: the
//!    client's whole path but the network), one call to the fake service (`FakeGraph`,
//!    feature `fake`: HTTP over 127.0.0.1, routing, state) and one to the generic fake of
//!    the description (`server::fake()`), medians in microseconds.

use graph_sync::fake::FakeGraph;
use graph_sync::models::SynchronizationJob;
use graph_sync::operations::{ServicePrincipalSynchronizationCreateJob, ServicePrincipalSynchronizationGetJob};
use graph_sync::runtime::testing::Mock;
use std::time::{Duration, Instant};

const CALLS: usize = 2000;

/// Prints the section.
pub fn cost() {
    println!("\n## 8. One call in a test, median µs over {CALLS} calls (GET a job, decoded)\n");
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            println!("no tokio runtime: {e}");
            return;
        }
    };
    runtime.block_on(async {
        println!("| target | median µs | p90 µs |");
        println!("|---|---:|---:|");
        match mocked().await {
            Ok(times) => row("typed mock (`Mock`)", times),
            Err(e) => println!("| typed mock | failed: {e} | |"),
        }
        match faked().await {
            Ok(times) => row("fake service (`FakeGraph`, 127.0.0.1)", times),
            Err(e) => println!("| fake service | failed: {e} | |"),
        }
        match generic().await {
            Ok(times) => row("generic fake of the description (`server::fake()`, 127.0.0.1)", times),
            Err(e) => println!("| generic fake | failed: {e} | |"),
        }
    });
}

fn row(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times.get(((times.len() as f64) * q) as usize).copied().unwrap_or_default();
    let us = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1e6);
    println!("| {label} | {} | {} |", us(at(0.5)), us(at(0.9)));
}

async fn mocked() -> Result<Vec<Duration>, Box<dyn std::error::Error>> {
    let mock = Mock::new();
    let job =
        SynchronizationJob { id: Some("job-1".into()), template_id: Some("BoxOutDelta".into()), ..Default::default() };
    mock.on_any::<ServicePrincipalSynchronizationGetJob>().answer(job);
    let client = mock.client().build()?;
    timed(|| async { client.send(&ServicePrincipalSynchronizationGetJob::new("sp", "job-1")).await.map(|_| ()) }).await
}

async fn faked() -> Result<Vec<Duration>, Box<dyn std::error::Error>> {
    let fake = FakeGraph::start().await?;
    let client = fake.client().build()?;
    let created = client
        .service_principals()
        .by_service_principal_id("sp")
        .synchronization()
        .jobs()
        .post(SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() })
        .send()
        .await?;
    let id = created.id.unwrap_or_default();
    timed(|| async { client.send(&ServicePrincipalSynchronizationGetJob::new("sp", &id)).await.map(|_| ()) }).await
}

/// The same call to the generic fake every generated crate has (feature `fake`): routed
/// by the description's templates, read as the typed operation, state kept by path.
async fn generic() -> Result<Vec<Duration>, Box<dyn std::error::Error>> {
    let fake = graph_sync::server::fake();
    let running = fake.start().await?;
    let client = graph_sync::Client::builder().base_url(running.url()).bearer_token("t").build()?;
    let job = SynchronizationJob { template_id: Some("BoxOutDelta".into()), ..Default::default() };
    let created = client.send(&ServicePrincipalSynchronizationCreateJob::new("sp", job)).await?;
    let id = created.id.unwrap_or_default();
    timed(|| async { client.send(&ServicePrincipalSynchronizationGetJob::new("sp", &id)).await.map(|_| ()) }).await
}

async fn timed<F, Fut>(call: F) -> Result<Vec<Duration>, Box<dyn std::error::Error>>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), graph_sync::Error>>,
{
    for _ in 0..100 {
        call().await?;
    }
    let mut times = Vec::with_capacity(CALLS);
    for _ in 0..CALLS {
        let started = Instant::now();
        call().await?;
        times.push(started.elapsed());
    }
    Ok(times)
}

/// 9. The command line (`generated`, feature `cli`): the binary's size, `--help`, and one
///    call to the fake service over 127.0.0.1, whole process, medians of 30 runs.
pub fn cli(root: &std::path::Path) {
    println!("\n## 9. The command line: size, `--help`, one call (whole process, median of 30)\n");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let built = std::process::Command::new(cargo)
        .args(["build", "-q", "--release", "-p", "graph-sync", "--features", "cli", "--bin", "graph-sync"])
        .current_dir(root)
        .status();
    if !built.is_ok_and(|s| s.success()) {
        println!("the command line did not build");
        return;
    }
    let binary = root.join("target/release/graph-sync");
    let size = std::fs::metadata(&binary).map(|m| m.len()).unwrap_or_default();
    // The workspace's release profile keeps line tables; what ships is stripped.
    let stripped_copy = std::env::temp_dir().join("bench-graph-sync-stripped");
    let stripped = std::fs::copy(&binary, &stripped_copy)
        .ok()
        .filter(|_| std::process::Command::new("strip").arg(&stripped_copy).status().is_ok_and(|s| s.success()))
        .and_then(|_| std::fs::metadata(&stripped_copy).ok())
        .map(|m| format!("{:.1} MiB", m.len() as f64 / 1048576.0))
        .unwrap_or_else(|| "no strip".to_owned());
    let _ = std::fs::remove_file(&stripped_copy);
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            println!("no tokio runtime: {e}");
            return;
        }
    };
    let help = median_runs(&binary, &["--help".to_owned()], &[]);
    let call = runtime.block_on(async {
        let fake = FakeGraph::start().await.ok()?;
        fake.add_job("sp", "job", "BoxOutDelta");
        let args: Vec<String> = [
            "service-principals",
            "synchronization",
            "jobs",
            "get",
            "--service-principal-id",
            "sp",
            "--synchronization-job-id",
            "job",
            "--base-url",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain([format!("{}/v1.0", fake.origin())])
        .collect();
        let token = fake.token().to_owned();
        // The server runs on this runtime: the runs go on a thread of their own.
        let binary = binary.clone();
        let handle = std::thread::spawn(move || median_runs(&binary, &args, &[("GRAPH_TOKEN", token.as_str())]));
        loop {
            if handle.is_finished() {
                break handle.join().ok().flatten();
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    let ms = |d: Option<Duration>| d.map_or("failed".to_owned(), |d| format!("{:.1} ms", d.as_secs_f64() * 1000.0));
    println!("| binary (release, line tables) | stripped | `--help` | one call (GET a job, printed) |");
    println!("|---:|---:|---:|---:|");
    println!("| {:.1} MiB | {stripped} | {} | {} |", size as f64 / 1048576.0, ms(help), ms(call));
}

/// The median time of 30 runs of `binary` (none if a run fails).
fn median_runs(binary: &std::path::Path, args: &[String], env: &[(&str, &str)]) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let ok = std::process::Command::new(binary)
            .args(args)
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return None;
        }
        times.push(started.elapsed());
    }
    times.sort();
    times.get(times.len() / 2).copied()
}
