//! Section 6, the whole of Microsoft Graph v1.0 (`--graph`): its 38 module descriptions generated
//! as one crate (a small workspace, a feature per module), side by side with the 38
//! modules generated and checked as 38 separate crates. Slow (a quarter of an hour on two
//! cores), so only on request.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Targets from the issue, printed beside the figures.
const GENERATE_SECONDS: f64 = 4.0;
const GENERATE_MIB: f64 = 1024.0;
const RUSTC_PEAK_MIB: f64 = 4096.0;

/// Wall seconds and peak resident MiB of a command (`/usr/bin/time`: for cargo, the peak
/// is its largest child's, that is the largest rustc's).
pub(crate) fn timed(command: &mut Command) -> Option<(f64, f64)> {
    let time = Path::new("/usr/bin/time");
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
    let mut wrapped = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M"]).arg(program).args(args);
        c
    } else {
        let mut c = Command::new(program);
        c.args(args);
        c
    };
    if let Some(dir) = command.get_current_dir() {
        wrapped.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            wrapped.env(key, value);
        }
    }
    let started = Instant::now();
    let output = wrapped.output().ok()?;
    let wall = started.elapsed().as_secs_f64();
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr).lines().rev().take(20).collect::<Vec<_>>().join("\n"));
        return None;
    }
    let kib = String::from_utf8_lossy(&output.stderr).lines().last().and_then(|l| l.trim().parse::<f64>().ok());
    Some((wall, kib.map_or(0.0, |k| k / 1024.0)))
}

/// Makes every `.rs` file under `dir` newer than its build (cargo compares mtimes).
pub(crate) fn touch_sources(dir: &Path) {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "target") {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(text) = std::fs::read(&path) {
                    let _ = std::fs::write(&path, text);
                }
            }
        }
    }
}

fn ok(value: f64, target: f64) -> &'static str {
    if value <= target {
        "yes"
    } else {
        "no"
    }
}

pub fn whole_graph(root: &Path, generator: &Path, record: &super::record::Record) {
    let Some((modules_dir, modules)) = graph_modules(root) else { return };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let work = root.join("target/bench/graph");
    let target = work.join("target");
    println!("\n## 6. The whole of Microsoft Graph v1.0 ({} modules): one crate against 38\n", modules.len());
    let (whole, separate) = generation(generator, &modules_dir, &modules, &work);

    // 6b. cargo check of everything, dependencies from crates.io built first; then every
    // crate of ours checked again from scratch (sources touched, incremental caches not
    // used: a touch alone lets rustc reuse nearly everything).
    let check_with = |dir: &Path, args: &[&str], incremental: bool| -> Option<(f64, f64)> {
        let mut c = Command::new(&cargo);
        c.arg("check").arg("-q").args(args).current_dir(dir).env("CARGO_TARGET_DIR", &target);
        if !incremental {
            c.env("CARGO_INCREMENTAL", "0");
        }
        timed(&mut c)
    };
    let check = |dir: &Path, args: &[&str]| check_with(dir, args, true);
    // rustc crate by crate: which crate takes how long, and which one the build waits for
    // (the dependencies are built through the same wrapper, which cargo may fingerprint).
    let wrapped = |subcommand: &str, name: &str| {
        let mut c = Command::new(&cargo);
        c.arg(subcommand).args(["-q", "--features", "full"]).current_dir(&whole).env("CARGO_TARGET_DIR", &target);
        c.env("CARGO_INCREMENTAL", "0");
        let log = super::crates::wrap(&mut c, name);
        let started = super::crates::started();
        let measured = timed(&mut c);
        let runs = log.map(|log| super::crates::runs(&log, started)).unwrap_or_default();
        (measured, runs)
    };
    let _ = wrapped("check", "graph-check-dependencies");
    touch_sources(&whole);
    let (full, runs) = wrapped("check", "graph-check");
    println!("`cargo check --features full` from scratch (dependencies built), rustc crate by crate:");
    super::crates::print(&runs, "graph");
    // A user builds: the same as a debug build, dependencies built first.
    let _ = wrapped("build", "graph-build-dependencies");
    touch_sources(&whole);
    let (build, runs) = wrapped("build", "graph-build");
    println!("\n`cargo build --features full` (debug) from scratch (dependencies built), rustc crate by crate:");
    super::crates::print(&runs, "graph");
    if let Some((wall, peak)) = build {
        println!(
            "\nDebug build: {} wall, rustc peak {peak:.0} MiB.",
            record.figure("graph/full/build from scratch s", wall, 1)
        );
    }
    let (mut crates_wall, mut crates_peak) = (0.0f64, 0.0f64);
    let mut checked = 0;
    for module in &modules {
        let name = module.file_stem().map(|s| s.to_string_lossy().to_lowercase().replace('.', "-")).unwrap_or_default();
        let dir = separate.join(&name);
        let _ = check(&dir, &[]);
        touch_sources(&dir);
        if let Some((wall, peak)) = check_with(&dir, &[], false) {
            crates_wall += wall;
            crates_peak = crates_peak.max(peak);
            checked += 1;
        }
    }
    let (full_wall, full_peak) = full.unwrap_or_default();
    println!("\n| `cargo check` from scratch (dependencies built) | one crate `--features full` | {checked} crates, one after another | target | met |");
    println!("|---|---:|---:|---:|---|");
    println!(
        "| wall s | {} | {crates_wall:.1} (sum) | less than the 38 crates | {} |",
        record.figure("graph/full/check from scratch s", full_wall, 1),
        if full.is_some() && full_wall < crates_wall { "yes" } else { "no" }
    );
    println!(
        "| rustc peak MiB | {} | {crates_peak:.0} (largest) | {RUSTC_PEAK_MIB:.0} | {} |",
        record.figure("graph/full/rustc MiB", full_peak, 0),
        ok(full_peak, RUSTC_PEAK_MIB)
    );
    println!("\n(beside each figure of the one crate, the one {})", record.heading("graph/"));

    // 6c. One module: the whole-Graph crate with only `applications`, against the
    // Applications module's own crate.
    let one = ["--no-default-features", "--features", "applications,client"];
    let _ = check(&whole, &one);
    touch_sources(&whole);
    let feature = check(&whole, &one).unwrap_or_default();
    let apps = separate.join("applications");
    touch_sources(&apps);
    let alone = check(&apps, &[]).unwrap_or_default();
    println!("\n| `cargo check` of Applications, every source touched | one crate `--features applications` | the Applications crate | met (no slower) |");
    println!("|---|---:|---:|---|");
    println!("| wall s | {:.2} | {:.2} | {} |", feature.0, alone.0, if feature.0 <= alone.0 { "yes" } else { "no" });
    println!("| rustc peak MiB | {:.0} | {:.0} | |", feature.1, alone.1);
}

/// The modules of Graph v1.0 under `../shared` (sorted), or `None` with a notice.
fn graph_modules(root: &Path) -> Option<(PathBuf, Vec<PathBuf>)> {
    let modules_dir = root.join("../shared/graph-openapi/v1.0");
    let Ok(entries) = std::fs::read_dir(&modules_dir) else {
        eprintln!("notice: {} is absent; section 6 skipped", modules_dir.display());
        return None;
    };
    let mut modules: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "yml")).collect();
    modules.sort();
    Some((modules_dir, modules))
}

/// Section 6a alone (`--graph-generation`): a minute, where the whole section takes the
/// better part of an hour.
pub fn generation_only(root: &Path, generator: &Path) {
    let Some((modules_dir, modules)) = graph_modules(root) else { return };
    println!(
        "\n## 6a. The whole of Microsoft Graph v1.0 ({} modules): generation, one crate against 38\n",
        modules.len()
    );
    let _ = generation(generator, &modules_dir, &modules, &root.join("target/bench/graph"));
}

/// 6a. Generation: one run for all modules and 38 runs, one module each, in alternation
/// (a run to warm up, then five rounds; the medians, and the fastest and slowest round:
/// the machine is shared and its speed drifts, so the two sides are measured in the same
/// minutes). Prints the table, returns where the crates are.
fn generation(generator: &Path, modules_dir: &Path, modules: &[PathBuf], work: &Path) -> (PathBuf, PathBuf) {
    let whole = work.join("whole");
    let separate = work.join("separate");
    let generate_whole = || {
        let mut c = Command::new(generator);
        c.args(["--quiet", "generate"]).arg(modules_dir).arg("--out").arg(&whole).args(["--crate-name", "graph"]);
        timed(&mut c)
    };
    let generate_each = || {
        let (mut wall, mut peak) = (0.0f64, 0.0f64);
        for module in modules {
            let name =
                module.file_stem().map(|s| s.to_string_lossy().to_lowercase().replace('.', "-")).unwrap_or_default();
            let mut c = Command::new(generator);
            c.args(["--quiet", "generate"])
                .arg(module)
                .arg("--out")
                .arg(separate.join(&name))
                .arg("--crate-name")
                .arg(&name);
            let (w, p) = timed(&mut c)?;
            wall += w;
            peak = peak.max(p);
        }
        Some((wall, peak))
    };
    let _ = generate_whole();
    let (mut one, mut each) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        one.extend(generate_whole());
        each.extend(generate_each());
    }
    let sorted = |mut runs: Vec<(f64, f64)>| {
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        runs
    };
    let (one, each) = (sorted(one), sorted(each));
    let median = |runs: &[(f64, f64)]| runs.get(runs.len() / 2).copied().unwrap_or_default();
    let range = |runs: &[(f64, f64)]| {
        format!("{:.2}-{:.2}", runs.first().map_or(0.0, |r| r.0), runs.last().map_or(0.0, |r| r.0))
    };
    let ((gen_wall, gen_peak), (sep_wall, sep_peak)) = (median(&one), median(&each));
    let peak_of = |runs: &[(f64, f64)]| runs.iter().map(|r| r.1).fold(0.0f64, f64::max);
    println!("| generation (median of 5 rounds, in alternation) | one crate (38 at once) | 38 crates (38 runs) | target | met |");
    println!("|---|---:|---:|---:|---|");
    println!(
        "| wall s | {gen_wall:.2} ({}) | {sep_wall:.2} sum ({}) | {GENERATE_SECONDS:.0} | {} |",
        range(&one),
        range(&each),
        ok(gen_wall, GENERATE_SECONDS)
    );
    println!(
        "| peak MiB | {:.0} | {:.0} (largest run) | {GENERATE_MIB:.0} | {} |",
        peak_of(&one).max(gen_peak),
        peak_of(&each).max(sep_peak),
        ok(peak_of(&one), GENERATE_MIB)
    );
    println!("\none crate / 38 runs, wall: {:.2}", gen_wall / sep_wall.max(f64::MIN_POSITIVE));
    (whole, separate)
}
