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
fn timed(command: &mut Command) -> Option<(f64, f64)> {
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
fn touch_sources(dir: &Path) {
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

pub fn whole_graph(root: &Path, generator: &Path) {
    let modules_dir = root.join("../shared/graph-openapi/v1.0");
    let Ok(entries) = std::fs::read_dir(&modules_dir) else {
        eprintln!("notice: {} is absent; section 6 skipped", modules_dir.display());
        return;
    };
    let mut modules: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "yml")).collect();
    modules.sort();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let work = root.join("target/bench/graph");
    let target = work.join("target");
    println!("\n## 6. The whole of Microsoft Graph v1.0 ({} modules): one crate against 38\n", modules.len());

    // 6a. Generation: one run for all modules (a run to warm up, then the median of five:
    // the first run after other work pays up to a second more of system time for page
    // faults), and 38 runs.
    let whole = work.join("whole");
    let mut runs = Vec::new();
    for run in 0..6 {
        let mut c = Command::new(generator);
        c.args(["--quiet", "generate"]).arg(&modules_dir).arg("--out").arg(&whole).args(["--crate-name", "graph"]);
        let measured = timed(&mut c);
        if run > 0 {
            runs.extend(measured);
        }
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (gen_wall, gen_peak) = runs.get(runs.len() / 2).copied().unwrap_or_default();
    let (mut sep_wall, mut sep_peak) = (0.0f64, 0.0f64);
    let separate = work.join("separate");
    for module in &modules {
        let name = module.file_stem().map(|s| s.to_string_lossy().to_lowercase().replace('.', "-")).unwrap_or_default();
        let mut c = Command::new(generator);
        c.args(["--quiet", "generate"])
            .arg(module)
            .arg("--out")
            .arg(separate.join(&name))
            .arg("--crate-name")
            .arg(&name);
        if let Some((wall, peak)) = timed(&mut c) {
            sep_wall += wall;
            sep_peak = sep_peak.max(peak);
        }
    }
    println!("| generation | one crate (38 at once) | 38 crates (38 runs) | target | met |");
    println!("|---|---:|---:|---:|---|");
    println!(
        "| wall s | {gen_wall:.2} | {sep_wall:.2} (sum) | {GENERATE_SECONDS:.0} | {} |",
        ok(gen_wall, GENERATE_SECONDS)
    );
    println!(
        "| peak MiB | {gen_peak:.0} | {sep_peak:.0} (largest) | {GENERATE_MIB:.0} | {} |",
        ok(gen_peak, GENERATE_MIB)
    );

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
    let _ = check(&whole, &["--features", "full"]);
    touch_sources(&whole);
    let full = check_with(&whole, &["--features", "full"], false);
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
        "| wall s | {full_wall:.1} | {crates_wall:.1} (sum) | less than the 38 crates | {} |",
        if full.is_some() && full_wall < crates_wall { "yes" } else { "no" }
    );
    println!(
        "| rustc peak MiB | {full_peak:.0} | {crates_peak:.0} (largest) | {RUSTC_PEAK_MIB:.0} | {} |",
        ok(full_peak, RUSTC_PEAK_MIB)
    );

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
