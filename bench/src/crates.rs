//! rustc, crate by crate: the bench binary is its own `RUSTC_WRAPPER`. Run by cargo with
//! `BENCH_RUSTC_LOG` set, it runs the rustc it is given under `/usr/bin/time` and appends
//! one line per crate to that file (name, start and end, user and system CPU seconds, peak
//! resident KiB), so that a build of many crates says which crate took how long, when it
//! started (what it waited for) and how much memory it took.

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// The environment variable that makes this binary a rustc wrapper, and names its log.
const LOG: &str = "BENCH_RUSTC_LOG";

/// One rustc run.
#[derive(Debug, Clone)]
pub struct Run {
    pub krate: String,
    /// Seconds since the build started.
    pub start: f64,
    pub wall: f64,
    pub cpu: f64,
    pub peak_mib: f64,
}

fn now() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}

/// When cargo runs this binary as its rustc wrapper: runs rustc, logs it, and exits with
/// its status. Returns (and the bench goes on) otherwise.
pub fn wrap_if_asked() {
    let Some(log) = std::env::var_os(LOG) else { return };
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let Some((rustc, rest)) = args.split_first() else { return };
    let krate = rest
        .iter()
        .zip(rest.iter().skip(1))
        .find(|(flag, _)| *flag == "--crate-name")
        .map_or_else(|| "(rustc)".to_owned(), |(_, name)| name.to_string_lossy().into_owned());
    let measures = std::env::temp_dir().join(format!("bench-rustc-{}.time", std::process::id()));
    let time = Path::new("/usr/bin/time");
    let started = now();
    let status = if time.exists() {
        Command::new(time).arg("-f").arg("%M %U %S").arg("-o").arg(&measures).arg(rustc).args(rest).status()
    } else {
        Command::new(rustc).args(rest).status()
    };
    let ended = now();
    let measured = std::fs::read_to_string(&measures).unwrap_or_default();
    let _ = std::fs::remove_file(&measures);
    let numbers: Vec<f64> =
        measured.lines().last().unwrap_or_default().split(' ').filter_map(|n| n.parse().ok()).collect();
    let (kib, user, system) = match numbers.as_slice() {
        [kib, user, system] => (*kib, *user, *system),
        _ => (0.0, 0.0, 0.0),
    };
    // cargo's probes (`rustc -vV`, `--print`) are not crates.
    if krate != "(rustc)" && krate != "___" {
        use std::io::Write as _;
        let line = format!("{krate} {started:.3} {ended:.3} {:.2} {kib}\n", user + system);
        if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(&log) {
            let _ = file.write_all(line.as_bytes());
        }
    }
    std::process::exit(match status {
        Ok(s) => s.code().unwrap_or(1),
        Err(e) => {
            eprintln!("bench: cannot run {}: {e}", rustc.to_string_lossy());
            1
        }
    });
}

/// Makes `command` (a cargo build) run its rustc through this binary; returns the log
/// to read with [`runs`] afterwards.
pub fn wrap(command: &mut Command, name: &str) -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let log = std::env::temp_dir().join(format!("bench-{name}-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    command.env("RUSTC_WRAPPER", exe).env(LOG, &log);
    Some(log)
}

/// The runs a wrapped build logged, in the order they started, timed from `started` (the
/// build's start, seconds since the epoch).
pub fn runs(log: &Path, started: f64) -> Vec<Run> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let _ = std::fs::remove_file(log);
    let mut runs: Vec<Run> = text
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            let [krate, start, end, cpu, kib] = fields.as_slice() else { return None };
            let (start, end): (f64, f64) = (start.parse().ok()?, end.parse().ok()?);
            Some(Run {
                krate: (*krate).to_owned(),
                start: start - started,
                wall: end - start,
                cpu: cpu.parse().ok()?,
                peak_mib: kib.parse::<f64>().ok()? / 1024.0,
            })
        })
        .collect();
    runs.sort_by(|a, b| a.start.total_cmp(&b.start));
    runs
}

/// Seconds since the epoch, for [`runs`].
pub fn started() -> f64 {
    now()
}

/// Prints the crates whose names start with `prefix` (the generated ones), then the
/// totals and the crate that ended last.
pub fn print(runs: &[Run], prefix: &str) {
    println!("\n| crate | starts at s | wall s | rustc CPU s | rustc peak MiB |");
    println!("|---|---:|---:|---:|---:|");
    let ours: Vec<&Run> = runs.iter().filter(|r| r.krate.starts_with(prefix)).collect();
    for run in &ours {
        println!("| {} | {:.1} | {:.1} | {:.1} | {:.0} |", run.krate, run.start, run.wall, run.cpu, run.peak_mib);
    }
    let cpu: f64 = ours.iter().map(|r| r.cpu).sum();
    let peak = ours.iter().map(|r| r.peak_mib).fold(0.0f64, f64::max);
    let last = ours.iter().max_by(|a, b| (a.start + a.wall).total_cmp(&(b.start + b.wall)));
    println!("| {} crates | | | {cpu:.1} (sum) | {peak:.0} (largest) |", ours.len());
    if let Some(last) = last {
        println!("\nThe last to end: {} ({:.1} s to {:.1} s).", last.krate, last.start, last.start + last.wall);
    }
}
