use clap::Parser;
use dossier::cli::{self, Cli};

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

#[cfg(feature = "gui")]
fn launch_gui(paths: Vec<std::path::PathBuf>) -> std::process::ExitCode {
    match dossier::ui::run_native(paths) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn launch_gui(_paths: Vec<std::path::PathBuf>) -> std::process::ExitCode {
    eprintln!(
        "dossier: this build has no GUI (built without the `gui` feature); use a subcommand, see --help"
    );
    std::process::ExitCode::from(2)
}
