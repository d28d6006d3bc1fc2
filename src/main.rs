//! The `dossier` command. The command line is defined and run by the library (`dossier::cli`),
//! so that its completions and man page come from the same definitions.

/// mimalloc: rendering threads allocate and free many strings, and glibc's allocator slows
/// down as the heap grows (a quarter of the CPU of a 30,000-group build in its `malloc`,
/// `free` and `malloc_consolidate`); see docs/benchmarks-history.md for the time gained and the memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dossier::cli::main()
}
