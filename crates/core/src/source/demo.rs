//! The demo account, compiled into the binary from `assets/demo/`.

use super::{LoadError, Loaded, file::parse_gaad};

const CURRENT: &[u8] = include_bytes!("../../../../assets/demo/acme-prod.json");
const EARLIER: &[u8] = include_bytes!("../../../../assets/demo/acme-prod-30-days-earlier.json");

/// The demo account as it is now.
pub fn current() -> Result<Loaded, LoadError> {
    let origin = "demo:acme-prod";
    Ok(Loaded {
        origin: origin.into(),
        snapshot: parse_gaad(CURRENT, origin)?,
    })
}

/// The same account 30 days earlier, for drift.
pub fn earlier() -> Result<Loaded, LoadError> {
    let origin = "demo:acme-prod-30-days-earlier";
    Ok(Loaded {
        origin: origin.into(),
        snapshot: parse_gaad(EARLIER, origin)?,
    })
}
