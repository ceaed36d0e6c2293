//! Writes a big GAAD file made of copies of a real one (every user, group,
//! role and customer managed policy repeated with unique names; the AWS
//! managed policies once), pretty-printed as the AWS CLI writes it. For
//! measuring how rolecall copes with files of hundreds of megabytes:
//!
//! ```text
//! cargo run --release --example copies_account -- 2800 OUT.json \
//!     [tests/fixtures/gaad/cloudsplaining-test-authz-details.json]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::io::Write;

const DEFAULT_SOURCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/gaad/cloudsplaining-test-authz-details.json"
);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: copies_account COPIES OUT.json [SOURCE.json]");
        std::process::exit(2);
    };
    let count: usize = count.parse().expect("COPIES is a number");
    let source = args.get(2).map(String::as_str).unwrap_or(DEFAULT_SOURCE);
    let gaad: serde_json::Value =
        serde_json::from_slice(&std::fs::read(source).expect("SOURCE reads"))
            .expect("SOURCE is JSON");
    let big = rolecall_testkit::copies::copies(&gaad, count);
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).expect("OUT can be created"));
    serde_json::to_writer_pretty(&mut file, &big).unwrap();
    file.write_all(b"\n").unwrap();
    file.flush().unwrap();
}
