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
                "timing: {label:<24} {:>8.2} ms",
                (now - self.last).as_secs_f64() * 1000.0
            );
            self.last = now;
        }
    }
}
