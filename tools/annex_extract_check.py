#!/usr/bin/env python3
"""Check policies/pro-a-interim-cdi/annexe.yaml against the source text of the accord.

The annex table of the source lost its column separators, so annexe.yaml was written by
reading.  This script checks that reading against the text:

* 221 rows, 197 distinct RNCP codes, 24 rows excluded from the extension ("(1)");
* every row's source line carries its code, level and "(1)" marker;
* every non-null title occurs verbatim on its source line (or, for wrapped cells, in
  that line joined with the code-less lines just above it);
* the rest of the row's text is exactly the row's new left-hand cells (sector,
  sub-sector, occupation, right-aligned), and the cells it does not show are inherited
  from the row above (merged cells);
* the (code, level, excluded) sequence equals the one extracted by regex from the file.

It also prints, for review, the distinct (sector, sub_sector) pairs, the occupations per
sub-sector, and the source inconsistencies that are kept as written (codes listed more
than once, codes listed under several titles).

Usage: python3 tools/annex_extract_check.py [annexe.yaml [source.txt]]
Needs python3 and pyyaml only.
"""

from __future__ import annotations

import re
import sys
from collections import OrderedDict, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
POLICY_DIR = ROOT / "policies" / "pro-a-interim-cdi"
DEFAULT_ANNEX = POLICY_DIR / "annexe.yaml"
DEFAULT_SOURCE = POLICY_DIR / "sources" / "accord-2021-01-22-pro-a-interim-cdi.txt"

CODE_RE = re.compile(r"RNCP(\d+) \((niveau (\d)|sans niveau)\)( \(1\))?")
EXPECTED_ROWS = 221
EXPECTED_DISTINCT = 197
EXPECTED_EXCLUDED = 24
ROW_KEYS = {
    "sector", "sub_sector", "occupation", "title", "rncp", "level",
    "excluded_from_extension", "source_line",
}
CELLS = ("sector", "sub_sector", "occupation")


class CheckError(Exception):
    pass


def fail(msg: str) -> None:
    raise CheckError(msg)


def triple(m: re.Match) -> tuple[str, int | None, bool]:
    level = int(m.group(3)) if m.group(3) else None
    return "RNCP" + m.group(1), level, m.group(4) is not None


def check(annex_path: Path, source_path: Path) -> dict:
    doc = yaml.safe_load(annex_path.read_text(encoding="utf-8"))
    raw_lines = source_path.read_text(encoding="utf-8").split("\n")
    lines = [ln.strip() for ln in raw_lines]  # the source indents every line

    if not isinstance(doc, dict):
        fail("annexe.yaml: top level is not a mapping")
    if doc.get("kind") != "annex" or doc.get("article") != "annexe":
        fail("annexe.yaml: kind/article must be annex/annexe")
    rows = doc.get("rows")
    if not isinstance(rows, list):
        fail("annexe.yaml: rows is not a list")

    # --- counts -----------------------------------------------------------------
    codes = [r.get("rncp") for r in rows]
    n_rows = len(rows)
    n_distinct = len(set(codes))
    n_excluded = sum(1 for r in rows if r.get("excluded_from_extension") is True)
    if n_rows != EXPECTED_ROWS:
        fail(f"{n_rows} rows, expected {EXPECTED_ROWS}")
    if n_distinct != EXPECTED_DISTINCT:
        fail(f"{n_distinct} distinct codes, expected {EXPECTED_DISTINCT}")
    if n_excluded != EXPECTED_EXCLUDED:
        fail(f"{n_excluded} excluded rows, expected {EXPECTED_EXCLUDED}")

    # --- sequence of (code, level, excluded) vs. the whole file ----------------------
    text = "\n".join(raw_lines)
    from_text = [triple(m) for m in CODE_RE.finditer(text)]
    from_yaml = [(r["rncp"], r["level"], r["excluded_from_extension"]) for r in rows]
    if from_text != from_yaml:
        for i, (a, b) in enumerate(zip(from_text, from_yaml)):
            if a != b:
                fail(f"sequence differs at row {i}: source {a} vs yaml {b}")
        fail(f"sequence lengths differ: source {len(from_text)} vs yaml {len(from_yaml)}")

    # --- row by row -------------------------------------------------------------------
    prev_line = None
    prev_cells = None
    for idx, r in enumerate(rows):
        where = f"row {idx} (source line {r.get('source_line')}, {r.get('rncp')})"
        if set(r) != ROW_KEYS:
            fail(f"{where}: keys {sorted(r)} != {sorted(ROW_KEYS)}")
        for k in CELLS:
            v = r[k]
            if not isinstance(v, str) or not v or v != v.strip():
                fail(f"{where}: {k} must be a non-empty trimmed string, got {v!r}")
        t = r["title"]
        if t is not None and (not isinstance(t, str) or not t or t != t.strip()):
            fail(f"{where}: title must be null or a non-empty trimmed string")
        if t is not None and t.endswith("(1)"):
            fail(f"{where}: title keeps the (1) marker")
        lv = r["level"]
        if lv is not None and (type(lv) is not int or not 3 <= lv <= 7):
            fail(f"{where}: level {lv!r} not an integer 3..7 or null")
        if type(r["excluded_from_extension"]) is not bool:
            fail(f"{where}: excluded_from_extension must be a boolean")
        sl = r["source_line"]
        if type(sl) is not int or not 1 <= sl <= len(lines):
            fail(f"{where}: bad source_line")
        if prev_line is not None and sl <= prev_line:
            fail(f"{where}: rows are not in source order")

        line = lines[sl - 1]
        # the code, level and marker are on that line, and end it
        ms = list(CODE_RE.finditer(line))
        if len(ms) != 1 or ms[0].end() != len(line):
            fail(f"{where}: source line does not end with exactly one code: {line!r}")
        m = ms[0]
        if triple(m) != (r["rncp"], r["level"], r["excluded_from_extension"]):
            fail(f"{where}: source line has {triple(m)}")

        # code-less lines between the previous code line and this one = wrapped cells
        start = (prev_line if prev_line is not None else sl - 1)
        wraps = [lines[k] for k in range(start, sl - 1) if lines[k]]
        if prev_line is None:
            wraps = []
        body = line[: m.start()]
        joined = " ".join(wraps) + body

        # title occurs verbatim on the line (or the line with the wrapped lines above)
        if t is not None:
            if t not in line and t not in joined and t not in " ".join(wraps + [line]):
                fail(f"{where}: title {t!r} not found on the source line")
        # split off the title (with its optional " (1)") from the end of the row text
        rest = joined
        if t is not None:
            tails = [t + " (1)", t] if r["excluded_from_extension"] else [t]
            for tail in tails:
                if rest.endswith(tail):
                    rest = rest[: -len(tail)]
                    break
            else:
                fail(f"{where}: row text does not end with the title: {joined!r}")
        elif rest.endswith(" (1)"):
            rest = rest[:-4]

        # what is left is exactly the row's new left cells; the others are inherited
        cells = [r[k] for k in CELLS]
        ok = False
        for k in range(0, 4):  # k = number of new (right-aligned) cells on this row
            if "".join(cells[3 - k:]) != rest:
                continue
            if k < 3 and (prev_cells is None or cells[: 3 - k] != prev_cells[: 3 - k]):
                continue
            ok = True
            break
        if not ok:
            fail(f"{where}: cells {cells} do not match row text {rest!r} "
                 f"(inherited from {prev_cells})")
        prev_line = sl
        prev_cells = cells

    return {"rows": n_rows, "distinct": n_distinct, "excluded": n_excluded,
            "null_titles": sum(1 for r in rows if r["title"] is None)}


def review(annex_path: Path) -> None:
    rows = yaml.safe_load(annex_path.read_text(encoding="utf-8"))["rows"]
    print("\n== (sector, sub_sector) pairs ==")
    pairs = OrderedDict()
    occ = OrderedDict()
    for r in rows:
        key = (r["sector"], r["sub_sector"])
        pairs[key] = pairs.get(key, 0) + 1
        occ.setdefault(key, OrderedDict())
        occ[key][r["occupation"]] = occ[key].get(r["occupation"], 0) + 1
    for (s, ss), n in pairs.items():
        print(f"  {s} / {ss}: {n} rows")
    print("\n== occupations per sub-sector ==")
    for (s, ss), d in occ.items():
        print(f"  {s} / {ss}")
        for o, n in d.items():
            print(f"    - {o} ({n})")

    print("\n== source inconsistencies kept as written ==")
    by_code = defaultdict(list)
    for r in rows:
        by_code[r["rncp"]].append(r)
    for code, rs in by_code.items():
        if len(rs) < 2:
            continue
        titles = sorted({r["title"] for r in rs if r["title"] is not None})
        occs = sorted({r["occupation"] for r in rs})
        lines = [r["source_line"] for r in rs]
        flag = " [SEVERAL TITLES]" if len(titles) > 1 else ""
        print(f"  {code} x{len(rs)} lines {lines}{flag}")
        print(f"      titles: {titles}")
        print(f"      occupations: {occs}")
    by_title = defaultdict(set)
    for r in rows:
        if r["title"] is not None:
            by_title[r["title"]].add(r["rncp"])
    for t, cs in by_title.items():
        if len(cs) > 1:
            print(f"  title {t!r} under several codes: {sorted(cs)}")
    for r in rows:
        if r["title"] is None:
            print(f"  line {r['source_line']}: {r['rncp']} has no title in the source")


def main(argv: list[str]) -> int:
    annex = Path(argv[1]) if len(argv) > 1 else DEFAULT_ANNEX
    source = Path(argv[2]) if len(argv) > 2 else DEFAULT_SOURCE
    try:
        counts = check(annex, source)
    except CheckError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    print(f"OK: {counts['rows']} rows, {counts['distinct']} distinct RNCP codes, "
          f"{counts['excluded']} excluded from extension, {counts['null_titles']} row(s) without title")
    review(annex)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
