//! The character databases behind `unicodedata`: Unicode 14.0.0 (what
//! CPython 3.11 ships) and the 3.2.0 one of `ucd_3_2_0` (IDNA,
//! `stringprep`). They are read from `ucd.zlib`, which
//! `tools/unicode/gen_unicodedata.py` writes from CPython 3.11's own
//! `unicodedata` (the format is described there), on first use, and kept
//! for the life of the process.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

/// The compressed database text.
static BLOB: &[u8] = include_bytes!("ucd.zlib");

/// The properties one code point has in one database.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Props {
    /// Indices into [`Database::labels`].
    pub category: u16,
    pub bidirectional: u16,
    pub east_asian_width: u16,
    pub combining: u8,
    pub mirrored: bool,
}

/// The numeric values of a character (`decimal`, `digit`, `numeric`).
#[derive(Clone, Copy)]
pub struct Numeric {
    pub decimal: Option<i64>,
    pub digit: Option<i64>,
    pub numeric: Option<f64>,
}

/// One Unicode character database.
pub struct Database {
    pub version: String,
    /// The property labels (`"Lu"`, `"ON"`, `"W"`, …), by index.
    labels: Vec<String>,
    /// Runs of equal properties: where each starts, and its properties.
    run_starts: Vec<u32>,
    runs: Vec<Props>,
    numeric: HashMap<u32, Numeric>,
    /// The decomposition field, as `decomposition()` returns it.
    decomposition: HashMap<u32, String>,
    /// One level of decomposition, parsed: canonical ones (no `<tag>`)
    /// and all (for the compatibility forms).
    pub canonical: HashMap<u32, Vec<u32>>,
    pub compatibility: HashMap<u32, Vec<u32>>,
    /// The primary composites, by the pair they compose from.
    pub composition: HashMap<(u32, u32), u32>,
}

/// Character names, shared by the databases.
pub struct Names {
    by_code: HashMap<u32, String>,
    by_name: HashMap<String, u32>,
    /// Names made as `PREFIX-<hex>` over ranges of code points.
    pub ranges: Vec<(String, u32, u32)>,
    pub aliases: HashMap<String, u32>,
    pub sequences: HashMap<String, Vec<u32>>,
}

/// Both databases and the names.
pub struct Ucd {
    pub current: Database,
    pub v3_2: Database,
    pub names: Names,
}

/// The databases, read on first use.
pub fn ucd() -> &'static Ucd {
    static UCD: OnceLock<Ucd> = OnceLock::new();
    UCD.get_or_init(|| {
        let mut text = String::new();
        // The blob is part of the binary and was written by the
        // generator: reading it cannot fail short of a build error, which
        // the unit test below catches.
        let _ = flate2::read::ZlibDecoder::new(BLOB).read_to_string(&mut text);
        parse(&text)
    })
}

fn hex(s: &str) -> u32 {
    u32::from_str_radix(s, 16).unwrap_or(0)
}

fn parse(text: &str) -> Ucd {
    let mut databases = Vec::new();
    let mut names = Names {
        by_code: HashMap::new(),
        by_name: HashMap::new(),
        ranges: Vec::new(),
        aliases: HashMap::new(),
        sequences: HashMap::new(),
    };
    let mut section = "";
    for line in text.lines() {
        if let Some(version) = line.strip_prefix("@db ") {
            databases.push(Database::new(version));
            continue;
        }
        if let Some(name) = line.strip_prefix('@') {
            section = name;
            continue;
        }
        match section {
            "names" => {
                if let Some((cp, name)) = line.split_once(' ') {
                    names.by_code.insert(hex(cp), name.to_string());
                    names.by_name.insert(name.to_string(), hex(cp));
                }
            }
            "rangenames" => {
                let mut parts = line.rsplitn(3, ' ');
                if let (Some(end), Some(start), Some(prefix)) =
                    (parts.next(), parts.next(), parts.next())
                {
                    names
                        .ranges
                        .push((prefix.to_string(), hex(start), hex(end)));
                }
            }
            "aliases" => {
                if let Some((alias, cp)) = line.split_once(';') {
                    names.aliases.insert(alias.to_string(), hex(cp));
                }
            }
            "sequences" => {
                if let Some((name, cps)) = line.split_once(';') {
                    let seq = cps.split(' ').map(hex).collect();
                    names.sequences.insert(name.to_string(), seq);
                }
            }
            _ => {
                if let Some(db) = databases.last_mut() {
                    db.add(section, line);
                }
            }
        }
    }
    let v3_2 = databases.pop().unwrap_or_else(|| Database::new("3.2.0"));
    let current = databases.pop().unwrap_or_else(|| Database::new("14.0.0"));
    Ucd {
        current,
        v3_2,
        names,
    }
}

impl Database {
    fn new(version: &str) -> Database {
        Database {
            version: version.to_string(),
            labels: Vec::new(),
            run_starts: Vec::new(),
            runs: Vec::new(),
            numeric: HashMap::new(),
            decomposition: HashMap::new(),
            canonical: HashMap::new(),
            compatibility: HashMap::new(),
            composition: HashMap::new(),
        }
    }

    fn label(&mut self, s: &str) -> u16 {
        match self.labels.iter().position(|l| l == s) {
            Some(i) => i as u16,
            None => {
                self.labels.push(s.to_string());
                (self.labels.len() - 1) as u16
            }
        }
    }

    /// Takes one line of `section`.
    fn add(&mut self, section: &str, line: &str) {
        let mut fields = line.split(' ');
        let cp = hex(fields.next().unwrap_or(""));
        match section {
            "props" => {
                let f: Vec<&str> = fields.collect();
                if f.len() == 5 {
                    let bidi = if f[1] == "-" { "" } else { f[1] };
                    let props = Props {
                        category: self.label(f[0]),
                        bidirectional: self.label(bidi),
                        combining: f[2].parse().unwrap_or(0),
                        east_asian_width: self.label(f[3]),
                        mirrored: f[4] == "1",
                    };
                    self.run_starts.push(cp);
                    self.runs.push(props);
                }
            }
            "numeric" => {
                let f: Vec<&str> = fields.collect();
                if f.len() == 3 {
                    self.numeric.insert(
                        cp,
                        Numeric {
                            decimal: f[0].parse().ok(),
                            digit: f[1].parse().ok(),
                            numeric: f[2].parse().ok(),
                        },
                    );
                }
            }
            "decomp" => {
                let field = line.split_once(' ').map_or("", |(_, d)| d);
                let parts: Vec<&str> = field.split(' ').collect();
                let tagged = parts.first().is_some_and(|p| p.starts_with('<'));
                let cps: Vec<u32> = parts
                    .iter()
                    .filter(|p| !p.starts_with('<'))
                    .map(|p| hex(p))
                    .collect();
                if !tagged {
                    self.canonical.insert(cp, cps.clone());
                }
                self.compatibility.insert(cp, cps);
                self.decomposition.insert(cp, field.to_string());
            }
            "composite" => {
                if let Some(pair) = self.canonical.get(&cp) {
                    if let [a, b] = pair[..] {
                        self.composition.insert((a, b), cp);
                    }
                }
            }
            "nfdfix" => {
                // A 3.2 decomposition that NFD corrects (CPython's
                // `normalization_3_2_0`).
                let cps: Vec<u32> = fields.map(hex).collect();
                self.canonical.insert(cp, cps.clone());
                self.compatibility.insert(cp, cps);
            }
            _ => {}
        }
    }

    /// The properties of `cp`.
    pub fn props(&self, cp: u32) -> Props {
        let i = self.run_starts.partition_point(|&s| s <= cp);
        self.runs.get(i.wrapping_sub(1)).copied().unwrap_or(Props {
            category: 0,
            bidirectional: 0,
            east_asian_width: 0,
            combining: 0,
            mirrored: false,
        })
    }

    /// The text of label `i`.
    pub fn label_text(&self, i: u16) -> &str {
        self.labels.get(usize::from(i)).map_or("", String::as_str)
    }

    /// The canonical combining class of `cp`.
    pub fn combining(&self, cp: u32) -> u8 {
        self.props(cp).combining
    }

    /// The numeric values of `cp`, if it has any.
    pub fn numeric(&self, cp: u32) -> Option<Numeric> {
        self.numeric.get(&cp).copied()
    }

    /// The decomposition field of `cp` (empty when it has none).
    pub fn decomposition(&self, cp: u32) -> &str {
        self.decomposition.get(&cp).map_or("", String::as_str)
    }

    /// Whether `cp` is assigned in this database (3.2 names only what
    /// 3.2 assigned).
    pub fn assigned(&self, cp: u32) -> bool {
        self.label_text(self.props(cp).category) != "Cn"
    }
}

/// The first and last Hangul syllables, and the jamo the algorithmic
/// names and decompositions are made of (Unicode §3.12).
pub const HANGUL_FIRST: u32 = 0xAC00;
pub const HANGUL_LAST: u32 = 0xD7A3;
pub const L_BASE: u32 = 0x1100;
pub const V_BASE: u32 = 0x1161;
pub const T_BASE: u32 = 0x11A7;
pub const L_COUNT: u32 = 19;
pub const V_COUNT: u32 = 21;
pub const T_COUNT: u32 = 28;
pub const N_COUNT: u32 = V_COUNT * T_COUNT;
const JAMO_L: [&str; 19] = [
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P",
    "H",
];
const JAMO_V: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE",
    "WI", "YU", "EU", "YI", "I",
];
const JAMO_T: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M",
    "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];

/// The CJK unified ideographs' prefix, whose names are looked up
/// case-sensitively with 4 or 5 hex digits, as CPython does.
const CJK_UNIFIED: &str = "CJK UNIFIED IDEOGRAPH";

impl Names {
    /// The name of `cp`, if it has one.
    pub fn name(&self, cp: u32) -> Option<String> {
        if (HANGUL_FIRST..=HANGUL_LAST).contains(&cp) {
            let s = cp - HANGUL_FIRST;
            let (l, v, t) = (s / N_COUNT, (s % N_COUNT) / T_COUNT, s % T_COUNT);
            return Some(format!(
                "HANGUL SYLLABLE {}{}{}",
                JAMO_L[l as usize], JAMO_V[v as usize], JAMO_T[t as usize]
            ));
        }
        if let Some(n) = self.by_code.get(&cp) {
            return Some(n.clone());
        }
        self.ranges
            .iter()
            .find(|(_, a, b)| (*a..=*b).contains(&cp))
            .map(|(prefix, _, _)| format!("{prefix}-{cp:04X}"))
    }

    /// The code point named `name` (not an alias or a sequence).
    pub fn code(&self, name: &str) -> Option<u32> {
        if let Some(rest) = name.strip_prefix("HANGUL SYLLABLE ") {
            return hangul_code(rest);
        }
        if let Some(digits) = name
            .strip_prefix(CJK_UNIFIED)
            .and_then(|r| r.strip_prefix('-'))
        {
            let upper_hex = digits
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b));
            if !(4..=5).contains(&digits.len()) || !upper_hex {
                return None;
            }
            let cp = hex(digits);
            return self
                .ranges
                .iter()
                .any(|(p, a, b)| p == CJK_UNIFIED && (*a..=*b).contains(&cp))
                .then_some(cp);
        }
        let upper = name.to_ascii_uppercase();
        if let Some(&cp) = self.by_name.get(&upper) {
            return Some(cp);
        }
        for (prefix, a, b) in &self.ranges {
            if prefix == CJK_UNIFIED {
                continue;
            }
            if let Some(digits) = upper
                .strip_prefix(prefix.as_str())
                .and_then(|r| r.strip_prefix('-'))
            {
                let cp = u32::from_str_radix(digits, 16).ok()?;
                if (*a..=*b).contains(&cp) && format!("{cp:04X}") == digits {
                    return Some(cp);
                }
            }
        }
        None
    }
}

/// The syllable whose jamo short names are `rest` (longest match first,
/// as CPython's `find_syllable`).
fn hangul_code(rest: &str) -> Option<u32> {
    fn longest(s: &str, table: &[&str]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, j) in table.iter().enumerate() {
            if s.starts_with(j) && best.is_none_or(|(_, len)| j.len() > len) {
                best = Some((i, j.len()));
            }
        }
        best
    }
    let (l, n1) = longest(rest, &JAMO_L)?;
    let (v, n2) = longest(&rest[n1..], &JAMO_V)?;
    let (t, n3) = longest(&rest[n1 + n2..], &JAMO_T)?;
    if n1 + n2 + n3 != rest.len() {
        return None;
    }
    Some(HANGUL_FIRST + (l as u32 * V_COUNT + v as u32) * T_COUNT + t as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blob_reads_into_both_databases() {
        let u = ucd();
        assert_eq!(u.current.version, "14.0.0");
        assert_eq!(u.v3_2.version, "3.2.0");
        assert_eq!(u.current.label_text(u.current.props(0x41).category), "Lu");
        assert_eq!(
            u.names.name(0x41).as_deref(),
            Some("LATIN CAPITAL LETTER A")
        );
        assert_eq!(u.names.code("HANGUL SYLLABLE GAG"), Some(0xAC01));
        assert_eq!(u.names.name(0xAC01).as_deref(), Some("HANGUL SYLLABLE GAG"));
    }
}
