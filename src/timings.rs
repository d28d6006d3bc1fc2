//! Phase timings for profiling, printed to stderr when `DOSSIER_TIMINGS` is set or `--verbose`
//! is given. Costs nothing otherwise; figures belong in `BENCHMARKS.md`, never in tests.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Prints the timings from now on (`--verbose`), whatever the environment.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

pub(crate) struct Clock {
    enabled: bool,
    last: Instant,
    last_cpu: Option<u64>,
}

impl Clock {
    pub(crate) fn start() -> Clock {
        let enabled =
            ENABLED.load(Ordering::Relaxed) || std::env::var_os("DOSSIER_TIMINGS").is_some();
        Clock {
            enabled,
            last: Instant::now(),
            last_cpu: enabled.then(cpu_ms).flatten(),
        }
    }

    /// Prints the time since the previous lap under `label`.
    pub(crate) fn lap(&mut self, label: &str) {
        if self.enabled {
            let now = Instant::now();
            let cpu = cpu_ms();
            let mb = |kb: Option<u64>| kb.map_or("?".to_string(), |kb| (kb / 1024).to_string());
            let cpu_spent = match (cpu, self.last_cpu) {
                (Some(now), Some(last)) => (now - last).to_string(),
                _ => "?".to_string(),
            };
            eprintln!(
                "timing: {label:<24} {:>8.2} ms {:>6} ms CPU {:>6} MB resident, {:>6} MB peak",
                (now - self.last).as_secs_f64() * 1000.0,
                cpu_spent,
                mb(status_kb("VmRSS:")),
                mb(status_kb("VmHWM:")),
            );
            self.last = now;
            self.last_cpu = cpu;
        }
    }
}

/// The CPU time (user and system, all threads) of the process so far in milliseconds, to the
/// kernel's tick (10 ms), where the system tells it (Linux).
#[expect(
    clippy::disallowed_methods,
    reason = "the process's own figures in /proc, not the site"
)]
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces: the fields counted start after its closing parenthesis.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    // utime and stime are the 14th and 15th fields, the 12th and 13th after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks * 10)
}

/// A figure of the process's memory in kB (`VmRSS:` resident, `VmHWM:` its peak so far),
/// where the system tells it (Linux).
#[expect(
    clippy::disallowed_methods,
    reason = "the process's own figures in /proc, not the site"
)]
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}
