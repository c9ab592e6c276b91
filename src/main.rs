//! The `dossier` program: a subcommand runs headless ([`dossier::cli`]);
//! without one, the desktop app opens the paths given.

use clap::Parser;
use dossier::cli::{self, Cli};

/// Exit codes: a subcommand's own (0, or 1 when an input failed), 2 when it
/// could not run at all.
fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => match cli::run(command) {
            Ok(code) => std::process::ExitCode::from(code as u8),
            Err(e) => {
                eprintln!("dossier: {e:#}");
                std::process::ExitCode::from(2)
            }
        },
        None => launch_gui(args.paths),
    }
}

/// Opens the desktop app on `paths`.
#[cfg(feature = "gui")]
fn launch_gui(paths: Vec<std::path::PathBuf>) -> std::process::ExitCode {
    #[cfg(windows)]
    close_own_console();
    match dossier::ui::run_native(paths) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// A build without the GUI can only say so.
#[cfg(not(feature = "gui"))]
fn launch_gui(_paths: Vec<std::path::PathBuf>) -> std::process::ExitCode {
    eprintln!(
        "dossier: this build has no GUI (built without the `gui` feature); use a subcommand, see --help"
    );
    std::process::ExitCode::from(2)
}

/// Dossier is a console program so that `dossier annotate` in a terminal
/// prints, returns its exit code and is waited for. Started from Explorer,
/// Windows gives it a console window of its own, which would sit behind the
/// app for as long as it runs: let go of it when this process is the only
/// one attached. A terminal's console is shared and stays.
#[cfg(all(windows, feature = "gui"))]
fn close_own_console() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        fn FreeConsole() -> i32;
    }
    let mut ids = [0u32; 2];
    // SAFETY: `ids` has room for the count passed; the call only writes
    // process ids into it.
    let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    if attached == 1 {
        // SAFETY: no handle to the console is held past this point; later
        // writes to stdout/stderr fail quietly, as they do for any GUI app.
        unsafe { FreeConsole() };
    }
}
