use std::process::ExitCode;

fn main() -> ExitCode {
    calldeck::cli::main()
}
