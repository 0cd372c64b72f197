//! 8. What a test pays per call: one typed mocked call (`Mock`, feature `testing`: the
//!    client's whole path but the network) and one call to the fake service (`FakeGraph`,
//!    feature `fake`: HTTP over 127.0.0.1, routing, state), medians in microseconds.

use generated::fake::FakeGraph;
use generated::models::SynchronizationJob;
use generated::operations::ServicePrincipalSynchronizationGetJob;
use generated::runtime::testing::Mock;
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

async fn timed<F, Fut>(call: F) -> Result<Vec<Duration>, Box<dyn std::error::Error>>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), generated::Error>>,
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
