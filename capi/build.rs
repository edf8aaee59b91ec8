//! Compiles the C API's variadic functions (`src/varargs.c`) and exports
//! them from `libtaipan.so`: rustc's export list for a cdylib names only
//! Rust functions, so a second version script (`exports.map`) adds them.

fn main() {
    println!("cargo:rerun-if-changed=src/varargs.c");
    println!("cargo:rerun-if-changed=exports.map");
    println!("cargo:rerun-if-changed=../include/taipan.h");
    cc::Build::new()
        .file("src/varargs.c")
        .include("../include")
        .flag_if_supported("-fvisibility=default")
        .warnings(true)
        // (Nothing in Rust calls them: keep every one in the library.)
        .link_lib_modifier("+whole-archive")
        .compile("taipan_varargs");
    let map =
        std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("exports.map");
    println!(
        "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
        map.display()
    );
}
