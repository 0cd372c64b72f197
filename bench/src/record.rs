//! The figures of the last recorded run (`bench/figures.tsv`, committed), printed beside
//! this run's, so that a change which makes the output dearer to compile shows in its own
//! review. `--record` writes this run's figures over them (the commit and date with them).
//!
//! The file is one figure a line, `key<TAB>value<TAB>where taken` (the commit and its
//! date); keys name a section and a row (`constructs/everything/check s`). A run records
//! the figures it took and keeps the others as they were.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// The recorded figures, and this run's, by key.
pub struct Record {
    /// Each recorded figure and where it was taken.
    previous: BTreeMap<String, (f64, String)>,
    current: Mutex<BTreeMap<String, f64>>,
}

fn path() -> PathBuf {
    super::root().join("bench/figures.tsv")
}

impl Record {
    /// The recorded figures (none when the file is absent or unreadable).
    pub fn load() -> Record {
        let text = std::fs::read_to_string(path()).unwrap_or_default();
        let previous = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cells = l.split('\t');
                let key = cells.next()?;
                let value = cells.next()?.trim().parse::<f64>().ok()?;
                Some((key.to_owned(), (value, cells.next().unwrap_or("?").to_owned())))
            })
            .collect();
        Record { previous, current: Mutex::new(BTreeMap::new()) }
    }

    /// Where the recorded figures whose keys start with `section` were taken.
    pub fn heading(&self, section: &str) -> String {
        let mut places: Vec<&str> =
            self.previous.iter().filter(|(k, _)| k.starts_with(section)).map(|(_, (_, at))| at.as_str()).collect();
        places.sort_unstable();
        places.dedup();
        if places.is_empty() {
            "none recorded".to_owned()
        } else {
            format!("recorded at {}", places.join(", "))
        }
    }

    /// Notes `value` under `key`, and gives it with the recorded one beside it:
    /// `4.12 (was 5.03, -18%)`.
    pub fn figure(&self, key: &str, value: f64, decimals: usize) -> String {
        if let Ok(mut current) = self.current.lock() {
            current.insert(key.to_owned(), value);
        }
        match self.previous.get(key).map(|(was, _)| *was) {
            Some(was) if was != 0.0 => {
                let change = (value - was) / was * 100.0;
                format!("{value:.decimals$} (was {was:.decimals$}, {change:+.0}%)")
            }
            Some(was) => format!("{value:.decimals$} (was {was:.decimals$})"),
            None => format!("{value:.decimals$}"),
        }
    }

    /// With `--record`: writes this run's figures, marked with the commit and its date,
    /// and keeps the ones it did not take as they were.
    pub fn save_if_asked(&self) {
        if !std::env::args().any(|a| a == "--record") {
            return;
        }
        let Ok(current) = self.current.lock() else { return };
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .args(args)
                .current_dir(super::root())
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_default()
        };
        let at = format!("{} ({})", git(&["rev-parse", "--short", "HEAD"]), git(&["log", "-1", "--format=%cs"]));
        let mut all = self.previous.clone();
        all.extend(current.iter().map(|(k, v)| (k.clone(), (*v, at.clone()))));
        let mut text =
            String::from("# figure\tvalue\ttaken at (`cargo run --release -p bench -- --record` retakes them)\n");
        for (key, (value, at)) in &all {
            text.push_str(&format!("{key}\t{value:.3}\t{at}\n"));
        }
        match std::fs::write(path(), text) {
            Ok(()) => println!("\nrecorded {} figures in bench/figures.tsv", current.len()),
            Err(e) => println!("\ncould not record the figures in bench/figures.tsv: {e}"),
        }
    }
}
