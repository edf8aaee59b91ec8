//! Golden tests of `taipan --dis`: the disassembly of each program in
//! tests/dis/ must equal the committed NAME.dis (regenerate with
//! `cargo run -- --dis tests/dis/NAME.py > tests/dis/NAME.dis` after an
//! intended compiler change, and review the diff).

use std::path::Path;
use std::process::Command;

#[test]
fn dis_output_matches_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis");
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/dis")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for py in entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
    {
        let name = py
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
            .args(["--dis", &format!("tests/dis/{name}")])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("taipan runs");
        let want = std::fs::read_to_string(py.with_extension("dis")).expect("golden");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{name}");
        count += 1;
    }
    assert!(count >= 4);
}

/// Runs `taipan --dis --adaptive` on `file` (relative to the crate) and
/// returns what it printed: the program's output, then the disassembly
/// as the interpreter specialised it.
fn adaptive_dis(file: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .args(["--dis", "--adaptive", file])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("taipan runs");
    assert!(
        out.status.success(),
        "{file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Golden tests of `taipan --dis --adaptive`: each program in
/// tests/dis/adaptive/ runs, then its code is printed with the forms the
/// interpreter specialised it to; the result must equal the committed
/// NAME.dis (regenerate with `cargo run --release -- --dis --adaptive
/// tests/dis/adaptive/NAME.py > tests/dis/adaptive/NAME.dis` after an
/// intended change, and review the diff).
#[test]
fn adaptive_dis_output_matches_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis/adaptive");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/dis/adaptive")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 2);
    for py in entries {
        let name = py
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let got = adaptive_dis(&format!("tests/dis/adaptive/{name}"));
        let want = std::fs::read_to_string(py.with_extension("dis")).expect("golden");
        assert_eq!(got, want, "{name}");
    }
}

/// The opcode names that start with `family` in the disassembly of the
/// code object named `func`, in order.
fn form_in(dis: &str, func: &str, family: &str) -> Vec<String> {
    let header = format!("Disassembly of <code object {func}, ");
    let Some(start) = dis.find(&header) else {
        panic!("no code object {func} in:\n{dis}");
    };
    dis[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("Disassembly of"))
        .flat_map(|l| l.split_whitespace())
        .filter(|w| w.starts_with(family))
        .map(str::to_string)
        .collect()
}

/// Writes `source` to a fresh file in a temporary directory and returns
/// its `--dis --adaptive` output.
fn adaptive_dis_of(name: &str, source: &str) -> String {
    let dir = std::env::temp_dir().join(format!("taipan-adaptive-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{name}.py"));
    std::fs::write(&file, source).expect("write program");
    let out = adaptive_dis(file.to_str().expect("utf-8 path"));
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// A specialised instruction whose guard keeps failing goes back to its
/// generic form (after 53 misses), and specialises again for what it
/// sees after its back-off; the results stay right throughout.
#[test]
fn specialised_forms_despecialise_and_respecialise() {
    let program = |int_calls: usize, str_calls: usize| {
        format!(
            "def add(a, b):\n    return a + b\n\n\
             r = []\n\
             for i in range({int_calls}):\n    r.append(add(i, 1))\n\
             for i in range({str_calls}):\n    r.append(add('a', str(i)))\n\
             print(len(r), r[:2], r[-1:])\n"
        )
    };
    // Ints only: `+` on ints.
    let dis = adaptive_dis_of("ints", &program(100, 0));
    assert!(dis.starts_with("100 [1, 2] [100]\n"), "{dis}");
    assert_eq!(form_in(&dis, "add", "BINARY_OP"), ["BINARY_OP_ADD_INT"]);
    // A few strs: misses, still specialised for ints.
    let dis = adaptive_dis_of("few", &program(100, 10));
    assert!(dis.starts_with("110 [1, 2] ['a9']\n"), "{dis}");
    assert_eq!(form_in(&dis, "add", "BINARY_OP"), ["BINARY_OP_ADD_INT"]);
    // 54 misses: back to the generic form, backing off.
    let dis = adaptive_dis_of("deopt", &program(100, 60));
    assert_eq!(form_in(&dis, "add", "BINARY_OP"), ["BINARY_OP"]);
    // Past the back-off: specialised for strs.
    let dis = adaptive_dis_of("respecialise", &program(100, 200));
    assert!(dis.starts_with("300 [1, 2] ['a199']\n"), "{dis}");
    assert_eq!(form_in(&dis, "add", "BINARY_OP"), ["BINARY_OP_ADD_UNICODE"]);
}

/// Attribute sites that see several classes do not stay specialised for
/// one; sites that see one class do.
#[test]
fn polymorphic_attribute_sites_stay_generic() {
    let source = "\
class A:
    def __init__(self):
        self.v = 1

class B:
    def __init__(self):
        self.w = 0
        self.v = 2

def get(o):
    return o.v

def get_a(o):
    return o.v

s = 0
for i in range(500):
    s += get(A() if i % 2 else B())
    s += get_a(A())
print(s)
";
    let dis = adaptive_dis_of("poly", source);
    assert!(dis.starts_with("1250\n"), "{dis}");
    assert_eq!(form_in(&dis, "get", "LOAD_ATTR"), ["LOAD_ATTR"]);
    assert_eq!(
        form_in(&dis, "get_a", "LOAD_ATTR"),
        ["LOAD_ATTR_INSTANCE_VALUE"]
    );
}

/// What CPython 3.11 compiles tests/dis/calls.py to, instruction by
/// instruction (opcode and argument as `dis` shows it, `CACHE` entries
/// and jump targets left out: offsets differ), against what `taipan --dis`
/// prints for it: a call reads as `python3 -m dis` prints it.
const DIS_COMPARE: &str = r#"
import dis, re, subprocess, sys

def cpython(code, out):
    for ins in dis.get_instructions(code):
        if ins.opname == "CACHE":
            continue
        rep = ins.argrepr
        if ins.opname == "KW_NAMES" or rep.startswith("to "):
            rep = ""
        out.append((ins.opname, re.sub(r" at 0x[0-9a-f]+", "", rep)))
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            cpython(c, out)
    return out

path, taipan = sys.argv[1], sys.argv[2]
want = cpython(compile(open(path).read(), path, "exec"), [])
text = subprocess.run([taipan, "--dis", path], capture_output=True, text=True).stdout
got = []
for line in text.splitlines():
    m = re.match(r"^\s*(\d+)?\s+(>>)?\s*\d+ ([A-Z_]+)(?:\s+\d+(?: \((.*)\))?)?\s*$", line)
    if m:
        rep = m.group(4) or ""
        if m.group(3) == "KW_NAMES" or rep.startswith("to "):
            rep = ""
        got.append((m.group(3), rep))
for i, (w, g) in enumerate(zip(want, got)):
    if w != g:
        print("instruction", i, "CPython", w, "Taipan", g)
        break
else:
    print("same" if len(want) == len(got) else "lengths %d %d" % (len(want), len(got)))
"#;

#[test]
fn call_shapes_read_as_cpython() {
    let out = Command::new("python3")
        .arg("-c")
        .arg(DIS_COMPARE)
        .arg("tests/dis/calls.py")
        .arg(env!("CARGO_BIN_EXE_taipan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.trim(),
        "same",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
