//! Phase timings for profiling, printed to stderr when `DOSSIER_TIMINGS` is set. Costs nothing
//! otherwise; figures belong in `BENCHMARKS.md`, never in tests.

use std::time::Instant;

pub struct Clock {
    enabled: bool,
    last: Instant,
}

impl Clock {
    pub fn start() -> Clock {
        Clock {
            enabled: std::env::var_os("DOSSIER_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    /// Prints the time since the previous lap under `label`.
    pub fn lap(&mut self, label: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!(
                "timing: {label:<24} {:>8.2} ms {:>8} MB resident",
                (now - self.last).as_secs_f64() * 1000.0,
                resident_mb().map_or("?".to_string(), |mb| mb.to_string())
            );
            self.last = now;
        }
    }
}

/// The process's resident memory, where the system tells it (Linux).
fn resident_mb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}
