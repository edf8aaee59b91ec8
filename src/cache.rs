//! The compiled-code cache (DESIGN.md decision 8): imported modules are
//! compiled once into `__pycache__/NAME.taipan-VER.pyc` next to their
//! source. A cache file is used only if its header names the source's
//! current mtime and size and the code verifies; otherwise it is ignored
//! and rewritten. Writes go to a temporary file renamed into place, so a
//! reader never sees half a file. When `__pycache__` cannot be written
//! (a system-wide library such as `/usr/lib/python3.11`), the file goes to
//! a per-user cache directory instead, mirroring the source's path as
//! CPython's `PYTHONPYCACHEPREFIX` does: `$XDG_CACHE_HOME/taipan` or
//! `~/.cache/taipan`, then the source's absolute directory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use taipan_bytecode::code::CodeObject;
use taipan_bytecode::marshal::{self, SourceStamp};

/// Where the cache file of `source` lives.
pub fn cache_path(source: &Path) -> PathBuf {
    let dir = source
        .parent()
        .unwrap_or(Path::new("."))
        .join("__pycache__");
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(
        "{stem}.taipan-{}.pyc",
        taipan_bytecode::FORMAT_VERSION
    ))
}

/// Where the cache file of `source` lives when its `__pycache__` cannot
/// be written: the per-user cache directory, then the source's absolute
/// directory, then the file name. None without a home directory.
pub fn user_cache_path(source: &Path) -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?).join(".cache"),
    };
    let source = std::path::absolute(source).ok()?;
    let dir = source.parent()?;
    let relative: PathBuf = dir
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    Some(
        base.join("taipan")
            .join(relative)
            .join(cache_path(Path::new(source.file_name()?)).file_name()?),
    )
}

fn stamp_of(meta: &std::fs::Metadata) -> SourceStamp {
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    SourceStamp {
        mtime_ns,
        size: meta.len(),
    }
}

/// How a module's code was obtained (for tests and `--verbose` output).
#[derive(Debug, PartialEq, Eq)]
pub enum Origin {
    /// Read from a fresh, valid cache file.
    Cache,
    /// Compiled from source (and the cache written, if possible).
    Compiled,
}

/// Loads the code of the module at `source`: from its cache file when
/// fresh and valid, else by compiling (then rewriting the cache when
/// `write`: `-B` reads caches but writes none, as in CPython). Returns
/// the code and, when compiled, the source text. Errors are rendered
/// SyntaxErrors or I/O messages.
/// `accept` sees the text of freshly compiled code first (the importer
/// issues the compiler's warnings there): when it refuses the code (a
/// warning turned into an error), nothing is cached and the result is
/// an empty error.
pub fn load_or_compile(
    source: &Path,
    write: bool,
    accept: &mut dyn FnMut(&str) -> bool,
) -> Result<(Arc<CodeObject>, Option<String>), String> {
    load_checked(source, write, accept).map(|(c, t, _)| (c, t))
}

/// [`load_or_compile`] accepting all code, also saying where the code
/// came from.
pub fn load_with_origin(
    source: &Path,
    write: bool,
) -> Result<(Arc<CodeObject>, Option<String>, Origin), String> {
    load_checked(source, write, &mut |_| true)
}

fn load_checked(
    source: &Path,
    write: bool,
    accept: &mut dyn FnMut(&str) -> bool,
) -> Result<(Arc<CodeObject>, Option<String>, Origin), String> {
    let filename = source.to_string_lossy().into_owned();
    let meta =
        std::fs::metadata(source).map_err(|e| format!("can't open file '{filename}': {e}"))?;
    let stamp = stamp_of(&meta);
    let cpath = cache_path(source);
    let fallback = || user_cache_path(source);
    let fresh = |path: &Path| {
        let data = std::fs::read(path).ok()?;
        let (s, code) = marshal::load(&data).ok()?;
        (s == stamp && code.filename == filename).then_some(code)
    };
    if let Some(code) = fresh(&cpath).or_else(|| fallback().and_then(|p| fresh(&p))) {
        return Ok((Arc::new(code), None, Origin::Cache));
    }
    let bytes = std::fs::read(source).map_err(|e| format!("can't open file '{filename}': {e}"))?;
    let (code, text) = crate::compiler::compile_source(&bytes, &filename)
        .map_err(|(e, text)| e.render(&filename, &text))?;
    if !accept(&text) {
        return Err(String::new());
    }
    if write {
        let data = marshal::dump(&code, stamp);
        if !write_atomically(&cpath, &data) {
            if let Some(path) = fallback() {
                write_atomically(&path, &data);
            }
        }
    }
    Ok((code, Some(text), Origin::Compiled))
}

/// Writes `data` to `path` through a temporary file and a rename; false
/// when that fails (a read-only directory): the cache is an optimisation.
fn write_atomically(path: &Path, data: &[u8]) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    if std::fs::write(&tmp, data).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return false;
    }
    if std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return false;
    }
    true
}
