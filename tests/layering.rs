//! The root crate's layers (DESIGN.md "Root crate layout",
//! docs/architecture.md): `object` ← `types` ⇄ `protocol` ← `vm` ← `jit`
//! and `modules`. A file may name (`crate::LAYER`) only its own layer and
//! those to its left; this test fails on any path that points right
//! (outside a file's `#[cfg(test)]` part). What a lower layer needs from
//! a higher one it reaches through a table the higher one fills
//! (`object::upcalls`, `vm::Natives`, `vm::Tier`).
//!
//! One name is exempt: `crate::vm::Vm`, the interpreter state that every
//! operation takes as its context (CPython's thread state).

use std::collections::BTreeSet;
use std::path::Path;

/// Layers and their rank: a file may import layers of rank ≤ its own.
const LAYERS: &[(&str, u8)] = &[
    ("object", 0),
    ("types", 1),
    ("protocol", 1),
    ("vm", 2),
    ("jit", 3),
    ("modules", 3),
    ("embed", 4),
];

fn rank(layer: &str) -> Option<u8> {
    LAYERS.iter().find(|(n, _)| *n == layer).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `FILE -> LAYER` for every file that names a layer to its right
/// (outside its `#[cfg(test)]` part).
fn back_edges(root: &Path) -> BTreeSet<String> {
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges = BTreeSet::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let first = rel["src/".len()..]
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs");
        let Some(own) = rank(first) else { continue };
        let text = std::fs::read_to_string(&file).expect("source readable");
        let text = text.split("#[cfg(test)]").next().unwrap();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let rest = &text[at + "crate::".len() + name.len()..];
            let context_type = name == "vm"
                && rest.starts_with("::Vm")
                && !rest["::Vm".len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
            if rank(&name).is_some_and(|r| r > own) && !context_type {
                edges.insert(format!("{rel} -> {name}"));
            }
        }
    }
    edges
}

#[test]
fn imports_flow_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = back_edges(root);
    assert!(
        found.is_empty(),
        "imports against the layer order (docs/architecture.md): {found:#?}"
    );
}

#[test]
fn the_layers_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (layer, _) in LAYERS {
        assert!(
            root.join(layer).is_dir() || root.join(format!("{layer}.rs")).is_file(),
            "src/{layer} is missing"
        );
    }
}
