//! Finding CPython 3.11's standard library (`Lib/`) at run time, which
//! Taipan runs as its own library (DESIGN.md "Standard library"): the
//! directory given by `--stdlib DIR` or `TAIPAN_STDLIB`, else the one
//! beside the `python3.11` on `PATH`, else the usual install locations.
//! Nothing is started to find it: a candidate is accepted when its files
//! say it is a 3.11 library.

use std::path::{Path, PathBuf};

/// The usual places a 3.11 `Lib/` is installed.
const USUAL_LOCATIONS: &[&str] = &[
    "/usr/lib/python3.11",
    "/usr/local/lib/python3.11",
    "/opt/homebrew/lib/python3.11",
    "/usr/lib64/python3.11",
];

/// What a missing library costs: how to install one (in the message of the
/// ImportError of a library module).
pub const INSTALL_HINT: &str = "Taipan runs CPython 3.11's standard library and found none: \
     install one (Debian/Ubuntu: apt-get install -y libpython3.11-stdlib) \
     or name it with --stdlib DIR or TAIPAN_STDLIB";

/// Whether `dir` holds CPython 3.11's library: `os.py`, the `tomllib`
/// package (new in 3.11) and `asynchat.py` (gone in 3.12).
pub fn is_stdlib_311(dir: &Path) -> bool {
    dir.join("os.py").is_file()
        && dir.join("tomllib").join("__init__.py").is_file()
        && dir.join("asynchat.py").is_file()
}

/// The library directory: `explicit` (from `--stdlib` or `TAIPAN_STDLIB`)
/// when given — an error when it is not a 3.11 library — else the first
/// 3.11 library found beside `python3.11` on `path_var` or in the usual
/// locations, else None.
pub fn find(
    explicit: Option<&Path>,
    path_var: Option<&std::ffi::OsStr>,
) -> Result<Option<PathBuf>, String> {
    if let Some(dir) = explicit {
        return if is_stdlib_311(dir) {
            Ok(Some(dir.to_path_buf()))
        } else {
            Err(format!(
                "{} is not CPython 3.11's standard library (no os.py, tomllib/ and asynchat.py there)",
                dir.display()
            ))
        };
    }
    let beside_binary = path_var
        .into_iter()
        .flat_map(std::env::split_paths)
        .filter_map(|bin| std::fs::canonicalize(bin.join("python3.11")).ok())
        .filter_map(|exe| Some(exe.parent()?.parent()?.join("lib").join("python3.11")));
    let usual = USUAL_LOCATIONS.iter().map(PathBuf::from);
    Ok(beside_binary.chain(usual).find(|d| is_stdlib_311(d)))
}

/// Whether `name` (dotted or not) is a module of CPython 3.11's standard
/// library, by its top-level package (CPython's
/// `sys.stdlib_module_names`).
pub fn is_stdlib_module(name: &str) -> bool {
    let top = name.split('.').next().unwrap_or(name);
    STDLIB_MODULE_NAMES.binary_search(&top).is_ok()
}

/// CPython 3.11's `sys.stdlib_module_names`, sorted.
pub const STDLIB_MODULE_NAMES: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bootsubprocess",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_crypt",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_io",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_msi",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydecimal",
    "_pyio",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_symtable",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_zoneinfo",
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_are_sorted_for_binary_search() {
        assert!(STDLIB_MODULE_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stdlib_module("os.path"));
        assert!(is_stdlib_module("re"));
        assert!(!is_stdlib_module("numpy"));
    }

    #[test]
    fn an_explicit_directory_must_be_a_311_library() {
        let dir = std::env::temp_dir();
        assert!(find(Some(&dir), None).is_err());
    }
}
