#!/usr/bin/env python3
"""Writes src/modules/unicodedata/ucd.zlib, the character database behind
Taipan's native `unicodedata` module, from CPython 3.11's own
`unicodedata` (Unicode 14.0.0, and its `ucd_3_2_0`): CPython is the
reference, so its answers are the data.

Run it with CPython 3.11:  python3 tools/unicode/gen_unicodedata.py

The output is zlib-compressed text in sections, one per database
(`@db 14.0.0`, then `@db 3.2.0`), each with lines of
  @props     start-hex category bidi combining eaw mirrored   (a run of equal
             records starts at start-hex and lasts until the next line)
  @numeric   cp-hex decimal digit numeric        ('-' when there is none)
  @decomp    cp-hex decomposition
  @composite cp-hex                              (primary composites: a
             canonical pair that NFC composes back to cp)
  @nfdfix    cp-hex cp-hex ...                   (what NFD makes of cp where
             that is not its decomposition's: 3.2's corrections)
and, once (names are shared; a 3.2 database names only what 3.2 assigned):
  @names     cp-hex name                         (names not made by rule)
  @rangenames prefix start-hex end-hex          (PREFIX-<hex of cp>)
  @aliases   alias;cp-hex
  @sequences name;cp-hex cp-hex ...
Name aliases and named sequences cannot be listed through `unicodedata`:
candidates come from a NameAliases.txt / NamedSequences.txt of any later
Unicode version (found in the cargo registry, or given with --aliases and
--sequences), and only those CPython's `lookup` accepts are kept.
"""

import argparse
import glob
import os
import re
import sys
import unicodedata
import zlib

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "modules",
                   "unicodedata", "ucd.zlib")


def fnum(x):
    return "-" if x is None else repr(x)


def database(db, out):
    out.append("@db " + db.unidata_version)
    out.append("@props")
    last = None
    for cp in range(0x110000):
        c = chr(cp)
        rec = (db.category(c), db.bidirectional(c) or "-", str(db.combining(c)),
               db.east_asian_width(c), str(db.mirrored(c)))
        if rec != last:
            out.append("%X %s" % (cp, " ".join(rec)))
            last = rec
    out.append("@numeric")
    for cp in range(0x110000):
        c = chr(cp)
        n = db.numeric(c, None)
        d = db.digit(c, None)
        dec = db.decimal(c, None)
        if n is not None or d is not None or dec is not None:
            out.append("%X %s %s %s" % (cp, fnum(dec), fnum(d), fnum(n)))
    out.append("@decomp")
    composites = []
    for cp in range(0x110000):
        c = chr(cp)
        d = db.decomposition(c)
        if d:
            out.append("%X %s" % (cp, d))
            parts = d.split()
            if len(parts) == 2 and not parts[0].startswith("<"):
                pair = "".join(chr(int(p, 16)) for p in parts)
                if db.normalize("NFC", pair) == c:
                    composites.append(cp)
    out.append("@composite")
    out.extend("%X" % cp for cp in composites)
    out.append("@nfdfix")
    for cp in range(0x110000):
        parts = db.decomposition(chr(cp)).split()
        if len(parts) == 1 and not parts[0].startswith("<"):
            nfd = db.normalize("NFD", chr(cp))
            if nfd != db.normalize("NFD", chr(int(parts[0], 16))):
                out.append("%X %s" % (cp, " ".join("%X" % ord(x) for x in nfd)))


def candidates(path_arg, filename):
    if path_arg:
        return [path_arg]
    home = os.path.expanduser("~/.cargo/registry/src")
    return sorted(glob.glob(os.path.join(home, "*", "*", "**", filename),
                            recursive=True))


def names(out, alias_file, sequence_file):
    u = unicodedata
    out.append("@names")
    ranges = {}
    for cp in range(0x110000):
        if HANGUL_FIRST <= cp <= HANGUL_LAST:
            continue
        n = u.name(chr(cp), None)
        if n is None:
            continue
        m = re.fullmatch(r"(.*)-([0-9A-F]{4,6})", n)
        if m and int(m.group(2), 16) == cp:
            runs = ranges.setdefault(m.group(1), [])
            if runs and runs[-1][1] == cp - 1:
                runs[-1][1] = cp
            else:
                runs.append([cp, cp])
            continue
        out.append("%X %s" % (cp, n))
    out.append("@rangenames")
    for prefix, runs in sorted(ranges.items()):
        for a, b in runs:
            out.append("%s %X %X" % (prefix, a, b))
    out.append("@aliases")
    seen = set()
    for path in candidates(alias_file, "NameAliases.txt")[:1]:
        for line in open(path, encoding="utf-8"):
            line = line.split("#")[0].strip()
            if not line:
                continue
            cp, alias, _kind = line.split(";")
            try:
                ok = u.lookup(alias) == chr(int(cp, 16))
            except KeyError:
                ok = False
            if ok and alias not in seen and u.name(chr(int(cp, 16)), None) != alias:
                seen.add(alias)
                out.append("%s;%s" % (alias, cp))
    out.append("@sequences")
    for path in candidates(sequence_file, "NamedSequences.txt")[:1]:
        for line in open(path, encoding="utf-8"):
            line = line.split("#")[0].strip()
            if not line:
                continue
            name, cps = line.split(";")
            seq = "".join(chr(int(x, 16)) for x in cps.split())
            try:
                ok = u.lookup(name) == seq
            except KeyError:
                ok = False
            if ok:
                out.append("%s;%s" % (name, cps.strip()))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--aliases", help="a NameAliases.txt")
    p.add_argument("--sequences", help="a NamedSequences.txt")
    p.add_argument("--out", default=OUT)
    args = p.parse_args()
    if unicodedata.unidata_version != "14.0.0":
        sys.exit("needs CPython 3.11 (Unicode 14.0.0), this is %s"
                 % unicodedata.unidata_version)
    out = []
    database(unicodedata, out)
    database(unicodedata.ucd_3_2_0, out)
    names(out, args.aliases, args.sequences)
    text = ("\n".join(out) + "\n").encode("utf-8")
    with open(args.out, "wb") as f:
        f.write(zlib.compress(text, 9))
    print("%s: %d bytes (%d uncompressed)" % (args.out, len(zlib.compress(text, 9)), len(text)))


if __name__ == "__main__":
    main()
