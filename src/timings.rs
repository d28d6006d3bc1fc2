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
            let mb = |kb: Option<u64>| kb.map_or("?".to_string(), |kb| (kb / 1024).to_string());
            eprintln!(
                "timing: {label:<24} {:>8.2} ms {:>6} MB resident, {:>6} MB peak",
                (now - self.last).as_secs_f64() * 1000.0,
                mb(status_kb("VmRSS:")),
                mb(status_kb("VmHWM:")),
            );
            self.last = now;
        }
    }
}

/// A figure of the process's memory in kB (`VmRSS:` resident, `VmHWM:` its peak so far),
/// where the system tells it (Linux).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}
