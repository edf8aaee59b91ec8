//! Native types given states no constructor makes (through
//! `__setstate__` and the pickle "backdoor" of their constructors, as a
//! hostile pickle would): Taipan must answer with an empty iterator, a
//! Python exception or a value, never a panic. CPython 3.11 itself
//! crashes on some of these, so they cannot be differential program
//! tests; the assertions are on the process ending normally and on the
//! behaviour Taipan documents (an impossible state stops the iterator).

use std::process::Command;

fn run(code: &str) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .args(["-c", code])
        .output()
        .expect("taipan runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn combinatoric_iterators_stop_on_impossible_states() {
    let code = r#"
import itertools as it
cases = [
    (it.permutations, ("", 2), ((), (1, 1))),
    (it.permutations, ("ab", 3), ((0, 1), (9, 9, 9))),
    (it.combinations, ("ab", 3), (0, 1, 2)),
    (it.combinations_with_replacement, ("", 2), (0, 0)),
    (it.product, ("", "a"), (0, 0)),
]
for cls, args, state in cases:
    o = cls(*args)
    o.__setstate__(state)
    print(list(o))
"#;
    let (out, err, code) = run(code);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out, "[]\n".repeat(5), "stderr: {err}");
}

#[test]
fn datetime_backdoor_states_give_values_or_errors() {
    let code = r#"
from datetime import date, datetime, time, timedelta
odd = [date(b"\x00\x00\x01\x01"), date(b"\x07\xd0\x02\x35"),
       datetime(b"\x07\xd0\x0c\x1f\xff\xff\xff\xff\xff\xff"), time(b"\x17\xff\xff\xff\xff\xff")]
for d in odd:
    for f in ("isoformat", "ctime", "toordinal", "isocalendar", "weekday", "timetuple", "__hash__", "__reduce__"):
        try:
            getattr(d, f)()
        except (ValueError, OverflowError, AttributeError, TypeError):
            pass
    for op in (lambda: d + timedelta(days=1), lambda: d - timedelta(days=10**6), lambda: repr(d), lambda: d == d):
        try:
            op()
        except (OverflowError, TypeError):
            pass
print("ok")
"#;
    let (out, err, code) = run(code);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out.trim(), "ok", "stderr: {err}");
}
