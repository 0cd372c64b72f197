//! 5. Serde throughput on a realistic page of 100 synchronization jobs.

use std::time::{Duration, Instant};

/// A page as Graph returns it: status with executions and progress, a schedule with a
/// duration, settings, a quarantine on some jobs, and properties the spec does not know.
pub fn page_json() -> String {
    page()
}

/// The same page without `null`s and unknown properties: what the baseline can represent.
pub fn plain_page_json() -> String {
    let mut value: serde_json::Value = serde_json::from_str(&page()).unwrap_or_default();
    strip(&mut value);
    value.to_string()
}

fn strip(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|k, v| !v.is_null() && k != "contoso.futureProperty");
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

fn page() -> String {
    let execution = |state: &str| {
        serde_json::json!({
            "activityIdentifier": "3e3d0b5c-6a43-4a0b-9d0e-5a7e1f0b2c11",
            "countEntitled": 1204, "countEntitledForProvisioning": 1180, "countEscrowed": 3,
            "countEscrowedRaw": 5, "countExported": 96, "countExports": 101, "countImported": 1204,
            "countImportedDeltas": 12, "countImportedReferenceDeltas": 4,
            "error": null, "state": state,
            "timeBegan": "2026-11-20T08:00:00Z", "timeEnded": "2026-11-20T08:04:31Z"
        })
    };
    let jobs: Vec<serde_json::Value> = (0..100)
        .map(|i| {
            serde_json::json!({
                "id": format!("AD2AADProvisioning.{i:032x}"),
                "templateId": "AD2AADProvisioning",
                "schedule": {"expiration": null, "interval": "PT40M", "state": "Active"},
                "status": {
                    "code": if i % 7 == 0 { "Quarantine" } else { "Active" },
                    "countSuccessiveCompleteFailures": i % 3,
                    "escrowsPruned": false,
                    "lastExecution": execution("Succeeded"),
                    "lastSuccessfulExecution": execution("Succeeded"),
                    "lastSuccessfulExecutionWithExports": execution("SucceededWithWarnings"),
                    "progress": [
                        {"completedUnits": 40, "totalUnits": 100, "units": "percent",
                         "progressObservationDateTime": "2026-11-20T08:02:00Z"}
                    ],
                    "quarantine": if i % 7 == 0 {
                        serde_json::json!({
                            "currentBegan": "2026-11-19T22:00:00Z", "nextAttempt": "2026-11-20T10:00:00Z",
                            "reason": "EncounteredQuarantineException", "seriesBegan": "2026-11-19T22:00:00Z",
                            "seriesCount": 2,
                            "error": {"code": "AzureDirectoryB2BManagementPolicyCheckFailure",
                                      "message": "The policy check failed.", "tenantActionable": true}
                        })
                    } else {
                        serde_json::Value::Null
                    },
                    "steadyStateFirstAchievedTime": "0001-01-01T00:00:00Z",
                    "steadyStateLastAchievedTime": "2026-11-20T08:04:31Z",
                    "synchronizedEntryCountByType": [
                        {"key": "user to user", "value": 1100 + i}, {"key": "group to group", "value": 80}
                    ],
                    "troubleshootingUrl": null
                },
                "synchronizationJobSettings": [
                    {"name": "QuarantineTooManyDeletesThreshold", "value": "500"},
                    {"name": "Domain", "value": "{\"DomainFQDN\":\"contoso.com\"}"}
                ],
                "contoso.futureProperty": {"added": "later", "n": i}
            })
        })
        .collect();
    serde_json::json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('s')/synchronization/jobs",
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/servicePrincipals/s/synchronization/jobs?$skiptoken=X",
        "value": jobs
    })
    .to_string()
}

fn rate(bytes: usize, iterations: u32, elapsed: Duration) -> f64 {
    bytes as f64 * f64::from(iterations) / elapsed.as_secs_f64() / (1024.0 * 1024.0)
}

/// `(deserialize MiB/s of input, serialize MiB/s of output, output bytes, lossless)`.
fn measure<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str, iterations: u32) -> (f64, f64, usize, bool) {
    let Ok(page) = serde_json::from_str::<T>(json) else { return (0.0, 0.0, 0, false) };
    let written = serde_json::to_string(&page).map(|s| s.len()).unwrap_or(0);
    let started = Instant::now();
    for _ in 0..iterations {
        let parsed: Result<T, _> = serde_json::from_str(std::hint::black_box(json));
        std::hint::black_box(parsed.is_ok());
    }
    let de = rate(json.len(), iterations, started.elapsed());
    let started = Instant::now();
    for _ in 0..iterations {
        std::hint::black_box(serde_json::to_string(std::hint::black_box(&page)).map(|s| s.len()).unwrap_or(0));
    }
    let ser = rate(written, iterations, started.elapsed());
    let lossless = serde_json::to_value(&page).ok() == serde_json::from_str::<serde_json::Value>(json).ok();
    (de, ser, written, lossless)
}

/// Deserializes the page as Graph sends it `iterations` times (for a profiler).
pub fn deserialize_loop(iterations: u32) {
    let json = page_json();
    for _ in 0..iterations {
        let parsed: Result<graph_sync::models::SynchronizationJobCollectionResponse, _> =
            serde_json::from_str(std::hint::black_box(&json));
        std::hint::black_box(parsed.is_ok());
    }
}

pub fn throughput() {
    compare("page of 100 jobs as Graph sends it (nulls, an unknown property per job)", &page_json());
    compare("the same page without nulls and unknown properties", &plain_page_json());
}

fn compare(title: &str, json: &str) {
    let json = json.to_owned();
    let iterations = 300;
    // Measure in alternation and keep the best of seven rounds: the machine is shared.
    let mut generated = (0.0f64, 0.0f64, 0, false);
    let mut baseline = (0.0f64, 0.0f64, 0, false);
    for _ in 0..7 {
        let g = measure::<graph_sync::models::SynchronizationJobCollectionResponse>(&json, iterations);
        let b = measure::<super::baseline::Page>(&json, iterations);
        generated = (generated.0.max(g.0), generated.1.max(g.1), g.2, g.3);
        baseline = (baseline.0.max(b.0), baseline.1.max(b.1), b.2, b.3);
    }
    println!("\n## 5. Serde throughput: {title} ({} KiB), MiB/s (best of 7 x {iterations})\n", json.len() / 1024);
    println!("| models | deserialize (MiB/s read) | serialize (MiB/s written) | bytes written | page re-serialized unchanged |");
    println!("|---|---:|---:|---:|---|");
    println!("| generated (lossless) | {:.0} | {:.0} | {} | {} |", generated.0, generated.1, generated.2, generated.3);
    println!(
        "| hand-written derive (baseline) | {:.0} | {:.0} | {} | {} |",
        baseline.0, baseline.1, baseline.2, baseline.3
    );
    println!(
        "\nratio generated/baseline: deserialize {:.2}, serialize {:.2}",
        generated.0 / baseline.0.max(f64::MIN_POSITIVE),
        generated.1 / baseline.1.max(f64::MIN_POSITIVE)
    );
}
