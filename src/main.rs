fn main() -> std::process::ExitCode {
    policy_lint::cli::run()
}
