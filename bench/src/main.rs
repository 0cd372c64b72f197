//! The generator's performance figures, printed (not asserted): run
//! `cargo run --release -p bench` (add `--cold` for a cold `cargo build -p graph-sync`,
//! `--serde-only` for section 5 alone, `--graph` for section 6, `--graph-only` for
//! sections 6 and 5, `--graph-generation` for the generation part of section 6 alone).
//!
//! 1. in-process generation time split by stage, medians;
//! 2. whole-process time and peak memory of the release CLI (`/usr/bin/time`), medians;
//! 3. lines and bytes emitted, per operation and per model;
//! 4. `cargo check` of each generated crate after a touch, dependencies built;
//! 5. serde throughput of the generated models on a page of 100 synchronization jobs,
//!    against hand-written `#[derive]` structs of the same shape;
//! 6. with `--graph`: the whole of Microsoft Graph v1.0 (38 modules) as one crate, side by
//!    side with the 38 modules as 38 crates (generation, `cargo check`, one feature);
//! 7. the Applications module as OpenAPI 3.0 and mechanically as 3.1: what reading 3.1
//!    costs per megabyte (`--versions` for this section alone);
//! 8. one call in a test: through the typed mock and to the fake service (`--testing`);
//! 9. the command line: binary size, `--help`, one call, whole process (`--cli`);
//! 10. what each construct of the output costs rustc, Applications cut down (`--constructs`);
//! 11. streams: items per second from a 10 MB answer, events against JSON lines (`--streams`).
//!
//! Sections 4, 6 and 10 print each figure beside the one recorded in `bench/figures.tsv`
//! (`--record` writes this run's there): see `record.rs`.

mod baseline;
mod constructs;
mod crates;
mod graph;
mod page;
mod record;
mod streams;
mod testing;
mod versions;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

struct Spec {
    label: &'static str,
    path: PathBuf,
    runs: usize,
}

fn specs() -> Vec<Spec> {
    let shared = root().join("../shared/graph-openapi");
    let mut out = vec![Spec {
        label: "ours: synchronization v1.0",
        path: root().join("specs/synchronization.v1.0.yaml"),
        runs: 21,
    }];
    for (label, file, runs) in [
        ("Microsoft: synchronization v1.0", "synchronization.v1.0.yaml", 21),
        ("Microsoft: synchronization beta", "synchronization.beta.yaml", 21),
        ("Microsoft: Applications v1.0", "applications.v1.0.yaml", 7),
    ] {
        let path = shared.join(file);
        if path.exists() {
            out.push(Spec { label, path, runs });
        } else {
            eprintln!("notice: {} is absent; skipped", path.display());
        }
    }
    out
}

fn main() {
    // Run by cargo as its rustc wrapper (section 6's table per crate): that, and nothing else.
    crates::wrap_if_asked();
    let cold = std::env::args().any(|a| a == "--cold");
    if std::env::args().any(|a| a == "--serde-only") {
        page::throughput();
        return;
    }
    if std::env::args().any(|a| a == "--streams") {
        streams::throughput();
        return;
    }
    if std::env::args().any(|a| a == "--de-loop") {
        // For a profiler: deserializes the page with nulls and unknown members, nothing else.
        page::deserialize_loop(3000);
        return;
    }
    if std::env::args().any(|a| a == "--graph-generation") {
        if let Some(generator) = build_generator() {
            graph::generation_only(&root(), &generator);
        }
        return;
    }
    if std::env::args().any(|a| a == "--versions-split") {
        versions::split(&root());
        return;
    }
    if std::env::args().any(|a| a == "--versions") {
        versions::cost(&root());
        return;
    }
    if std::env::args().any(|a| a == "--testing") {
        testing::cost();
        return;
    }
    if std::env::args().any(|a| a == "--cli") {
        testing::cli(&root());
        return;
    }
    let record = record::Record::load();
    if std::env::args().any(|a| a == "--constructs") {
        if let Some(generator) = build_generator() {
            constructs::cost(&root(), &generator, &record);
        }
        record.save_if_asked();
        return;
    }
    if std::env::args().any(|a| a == "--graph-only") {
        if let Some(generator) = build_generator() {
            graph::whole_graph(&root(), &generator, &record);
        }
        page::throughput();
        record.save_if_asked();
        return;
    }
    let specs = specs();
    stage_split(&specs);
    let generator = build_generator();
    whole_process(&specs, generator.as_deref());
    output_size(&specs);
    check_times(&specs, generator.as_deref(), &record);
    if cold {
        cold_build();
    }
    page::throughput();
    streams::throughput();
    versions::cost(&root());
    testing::cost();
    testing::cli(&root());
    if let Some(generator) = generator.as_deref() {
        constructs::cost(&root(), generator, &record);
    }
    if std::env::args().any(|a| a == "--graph") {
        if let Some(generator) = generator.as_deref() {
            graph::whole_graph(&root(), generator, &record);
        }
    }
    record.save_if_asked();
}

/// 1. In-process, per stage.
fn stage_split(specs: &[Spec]) {
    println!("\n## 1. In-process generation, median ms per stage (models and operations render on two threads)\n");
    println!("| spec | load | validate | lower | emit | format | package | total |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for spec in specs {
        let Ok(text) = std::fs::read_to_string(&spec.path) else { continue };
        let mut stages: [Vec<Duration>; 7] = Default::default();
        for _ in 0..spec.runs {
            let started = Instant::now();
            let Ok(generated) = wiretype::generate(&text) else {
                println!("| {} | failed to generate |", spec.label);
                break;
            };
            let packaging = Instant::now();
            let files = wiretype::emit::package::standalone(&generated.rendered, "bench-crate");
            let package = packaging.elapsed();
            let total = started.elapsed();
            std::hint::black_box(files.map(|f| f.len()).unwrap_or_default());
            let t = generated.timings;
            for (slot, value) in stages.iter_mut().zip([t.load, t.validate, t.lower, t.emit, t.format, package, total])
            {
                slot.push(value);
            }
        }
        let cells: Vec<String> = stages.into_iter().map(|v| ms(median(v))).collect();
        println!("| {} | {} |", spec.label, cells.join(" | "));
    }
}

/// The release CLI, built by cargo (fast when it is up to date).
fn build_generator() -> Option<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo).args(["build", "-q", "--release", "-p", "wiretype"]).current_dir(root()).status();
    let binary = root().join("target/release/wiretype");
    match status {
        Ok(s) if s.success() && binary.exists() => Some(binary),
        _ => {
            eprintln!("notice: could not build the release generator; whole-process figures skipped");
            None
        }
    }
}

/// 2. The whole CLI process: wall time and peak resident memory.
fn whole_process(specs: &[Spec], generator: Option<&Path>) {
    let Some(generator) = generator else { return };
    let time = Path::new("/usr/bin/time");
    println!("\n## 2. Whole process (`wiretype generate --out`), medians\n");
    println!("| spec | wall ms | peak MiB |");
    println!("|---|---:|---:|");
    for spec in specs {
        let out = root().join("target/bench/process");
        let mut walls = Vec::new();
        let mut peaks = Vec::new();
        for _ in 0..spec.runs.min(11) {
            let mut command = if time.exists() {
                let mut c = Command::new(time);
                c.args(["-f", "%M"]).arg(generator);
                c
            } else {
                Command::new(generator)
            };
            command.args(["--quiet", "generate"]).arg(&spec.path).arg("--out").arg(&out);
            let started = Instant::now();
            let Ok(output) = command.output() else { break };
            walls.push(started.elapsed());
            let stderr = String::from_utf8_lossy(&output.stderr);
            if let Some(kib) = stderr.lines().last().and_then(|l| l.trim().parse::<u64>().ok()) {
                peaks.push(kib);
            }
        }
        peaks.sort_unstable();
        let peak = peaks.get(peaks.len() / 2).map_or("n/a".to_owned(), |k| format!("{:.1}", *k as f64 / 1024.0));
        println!("| {} | {} | {peak} |", spec.label, ms(median(walls)));
    }
}

/// 3. Output size.
fn output_size(specs: &[Spec]) {
    println!("\n## 3. Emitted code (standalone crate, runtime excluded)\n");
    println!("| spec | operations | models | lines | bytes | lines/operation | lines/model |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for spec in specs {
        let Ok(text) = std::fs::read_to_string(&spec.path) else { continue };
        let Ok(generated) = wiretype::generate(&text) else { continue };
        let (ops, model_count) = (generated.api.operations.len(), generated.api.models.len());
        let lines = |s: &str| s.lines().count();
        let r = &generated.rendered;
        let models: String = r.models.iter().map(|m| m.all()).collect();
        let operations = r.operations.all();
        let total_lines = lines(&models) + lines(&operations);
        let total_bytes = models.len() + operations.len();
        println!(
            "| {} | {ops} | {model_count} | {total_lines} | {total_bytes} | {:.0} | {:.0} |",
            spec.label,
            lines(&operations) as f64 / ops.max(1) as f64,
            lines(&models) as f64 / generated.api.models.len().max(1) as f64
        );
    }
}

/// Section 4, `cargo check` of each generated crate: once to build dependencies, then after a
/// touch of `src/lib.rs` (the figure).
fn check_times(specs: &[Spec], generator: Option<&Path>, record: &record::Record) {
    let Some(generator) = generator else { return };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("\n## 4. `cargo check` of the generated crate after `touch src/lib.rs` (dependencies built)\n");
    println!("Beside each figure, the one {}.\n", record.heading("check/"));
    println!("| spec | check s |");
    println!("|---|---:|");
    for spec in specs {
        let name = spec.label.replace([' ', ':', '.'], "-").to_lowercase();
        let dir = root().join("target/bench/crates").join(&name);
        let generated =
            Command::new(generator).args(["--quiet", "generate"]).arg(&spec.path).arg("--out").arg(&dir).status();
        if !matches!(generated, Ok(s) if s.success()) {
            println!("| {} | generation failed |", spec.label);
            continue;
        }
        let check = || {
            Command::new(&cargo)
                .args(["check", "-q"])
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", root().join("target/bench/target"))
                .status()
        };
        if !matches!(check(), Ok(s) if s.success()) {
            println!("| {} | does not compile |", spec.label);
            continue;
        }
        let lib = dir.join("src/lib.rs");
        let _ = std::fs::read_to_string(&lib).map(|text| std::fs::write(&lib, text));
        let started = Instant::now();
        let ok = matches!(check(), Ok(s) if s.success());
        let seconds = record.figure(&format!("check/{}/check s", spec.label), started.elapsed().as_secs_f64(), 2);
        println!("| {} | {seconds}{} |", spec.label, if ok { "" } else { " (failed)" });
    }
}

/// 4b. A cold `cargo build -p graph-sync` on an empty target directory, generator and
/// its build dependencies included.
fn cold_build() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = root().join("target/bench/cold");
    let _ = std::fs::remove_dir_all(&target);
    let started = Instant::now();
    let status = Command::new(cargo)
        .args(["build", "-q", "-p", "graph-sync"])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", &target)
        .status();
    println!(
        "\n## 4b. Cold `cargo build -p graph-sync` (empty target dir): {:.1} s{}",
        started.elapsed().as_secs_f64(),
        if matches!(status, Ok(s) if s.success()) { "" } else { " (failed)" }
    );
}
