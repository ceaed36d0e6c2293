//! Prints the GAAD of the accounts a fuzz input of the `account` target
//! builds: `cargo run -p rolecall-testkit --example fuzz_account FILE`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

fn main() {
    let path = std::env::args().nth(1).expect("usage: fuzz_account FILE");
    let data = std::fs::read(&path).expect("the input reads");
    for gaad in rolecall_testkit::fuzz::account_gaad(&data) {
        println!("{}", serde_json::to_string_pretty(&gaad).expect("JSON"));
    }
}
