//! Arbitrary `policy-lint.toml` text: parsed and resolved, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lint::config::{self, Layer, Origin};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(builtin) = Layer::builtin() else { return };
    if let Ok(layer) = Layer::parse(Origin::CommandLine, text.to_owned()) {
        let _ = config::resolve(&[builtin, layer]);
    }
});
