//! Unicode normalization (UAX #15) over one of the databases: full
//! decomposition (canonical, or compatibility too), canonical ordering of
//! combining marks, and canonical composition, with Hangul syllables
//! decomposed and composed by rule — what `unicodedata.normalize` and
//! `is_normalized` compute.

use super::data::{
    Database, HANGUL_FIRST, HANGUL_LAST, L_BASE, L_COUNT, N_COUNT, T_BASE, T_COUNT, V_BASE, V_COUNT,
};

/// The four normalization forms.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Nfc,
    Nfkc,
    Nfd,
    Nfkd,
}

impl Form {
    /// The form named `name` (`"NFC"`, …).
    pub fn parse(name: &str) -> Option<Form> {
        Some(match name {
            "NFC" => Form::Nfc,
            "NFKC" => Form::Nfkc,
            "NFD" => Form::Nfd,
            "NFKD" => Form::Nfkd,
            _ => return None,
        })
    }

    fn compatibility(self) -> bool {
        matches!(self, Form::Nfkc | Form::Nfkd)
    }

    fn composes(self) -> bool {
        matches!(self, Form::Nfc | Form::Nfkc)
    }
}

/// `text` in normalization form `form`, decomposed and composed by
/// `db` and ordered by `classes`' combining classes (the current
/// database's even for 3.2, as CPython orders them).
pub fn normalize(db: &Database, classes: &Database, form: Form, text: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    for &cp in text {
        decompose(db, cp, form.compatibility(), &mut out);
    }
    reorder(classes, &mut out);
    if form.composes() {
        compose(db, classes, &mut out);
    }
    out
}

/// Appends the full decomposition of `cp` to `out`.
fn decompose(db: &Database, cp: u32, compatibility: bool, out: &mut Vec<u32>) {
    if (HANGUL_FIRST..=HANGUL_LAST).contains(&cp) {
        let s = cp - HANGUL_FIRST;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if !s.is_multiple_of(T_COUNT) {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    let table = if compatibility {
        &db.compatibility
    } else {
        &db.canonical
    };
    match table.get(&cp) {
        // Decompositions are at most a few levels deep (the data is
        // acyclic), so recursion is bounded.
        Some(parts) => {
            for &p in parts {
                decompose(db, p, compatibility, out);
            }
        }
        None => out.push(cp),
    }
}

/// Canonical ordering: each run of combining marks sorted, stably, by
/// combining class.
fn reorder(db: &Database, text: &mut [u32]) {
    let mut i = 0;
    while i < text.len() {
        if db.combining(text[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && db.combining(text[i]) != 0 {
            i += 1;
        }
        text[start..i].sort_by_key(|&c| db.combining(c));
    }
}

/// The primary composite of `a` followed by `b`, if there is one.
fn composite(db: &Database, a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(HANGUL_FIRST + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (HANGUL_FIRST..=HANGUL_LAST).contains(&a)
        && (a - HANGUL_FIRST).is_multiple_of(T_COUNT)
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return Some(a + (b - T_BASE));
    }
    db.composition.get(&(a, b)).copied()
}

/// Canonical composition of decomposed, ordered `text`, in place: each
/// character that is not blocked from the last starter and composes with
/// it replaces the starter.
fn compose(db: &Database, classes: &Database, text: &mut Vec<u32>) {
    let mut out: Vec<u32> = Vec::with_capacity(text.len());
    let mut starter: Option<usize> = None;
    let mut last_class = 0u8;
    for &cp in text.iter() {
        let class = classes.combining(cp);
        if let Some(s) = starter {
            let adjacent = out.len() == s + 1;
            if adjacent || (last_class != 0 && last_class < class) {
                if let Some(c) = composite(db, out[s], cp) {
                    out[s] = c;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
        }
        last_class = class;
        out.push(cp);
    }
    *text = out;
}
