//! `taipan-jit`: translates Taipan stack bytecode into native code with
//! Cranelift.
//!
//! The crate depends only on `taipan-bytecode` and Cranelift, never on the
//! runtime: the runtime hands it helper addresses and layout facts (see
//! DESIGN.md). The translator itself arrives with the vertical-slice issue;
//! today the crate proves the toolchain works by building an ISA for the
//! host and for AArch64 (cross-compilation without execution).

use cranelift_codegen::isa::{self, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use std::str::FromStr;
use target_lexicon::Triple;

/// Builds the Cranelift target ISA for the machine we are running on.
pub fn host_isa() -> Result<OwnedTargetIsa, String> {
    let builder = cranelift_native::builder().map_err(|e| e.to_string())?;
    builder
        .finish(optimizing_flags()?)
        .map_err(|e| e.to_string())
}

/// Builds a Cranelift target ISA for any triple Cranelift was built for
/// (x86-64 and AArch64 here), so code can be verified for a foreign target.
pub fn isa_for_triple(triple: &str) -> Result<OwnedTargetIsa, String> {
    let triple = Triple::from_str(triple).map_err(|e| e.to_string())?;
    let builder = isa::lookup(triple).map_err(|e| e.to_string())?;
    builder
        .finish(optimizing_flags()?)
        .map_err(|e| e.to_string())
}

/// The shared flags of every Taipan compilation: speed-optimised, verified.
fn optimizing_flags() -> Result<settings::Flags, String> {
    let mut flags = settings::builder();
    flags.set("opt_level", "speed").map_err(|e| e.to_string())?;
    flags
        .set("enable_verifier", "true")
        .map_err(|e| e.to_string())?;
    Ok(settings::Flags::new(flags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_isa_builds() {
        let isa = host_isa().expect("host ISA");
        assert_eq!(isa.triple().architecture, Triple::host().architecture);
    }

    #[test]
    fn aarch64_isa_builds() {
        let isa = isa_for_triple("aarch64-unknown-linux-gnu").expect("aarch64 ISA");
        assert_eq!(isa.name(), "aarch64");
    }
}
