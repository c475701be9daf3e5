"""The annex as data, checked against the accord's text kept in the repository."""

from __future__ import annotations

import re

import pytest

from proa_policy.policy.loader import read_policy_document

from ..conftest import POLICIES

SOURCE = POLICIES / "sources" / "accord-2021-01-22-pro-a-interim-cdi.txt"
ROW = re.compile(r"RNCP(\d+) \((?:niveau (\d)|sans niveau)\)( \(1\))?")


@pytest.fixture(scope="module")
def annex():
    return read_policy_document(POLICIES).annex


@pytest.fixture(scope="module")
def source_triples():
    text = SOURCE.read_text(encoding="utf-8")
    return [
        (f"RNCP{m.group(1)}", int(m.group(2)) if m.group(2) else None, bool(m.group(3)))
        for m in ROW.finditer(text)
    ]


def test_counts_recomputed_from_the_source(annex, source_triples):
    assert len(source_triples) == 221
    assert len({code for code, _, _ in source_triples}) == 197
    assert sum(excluded for _, _, excluded in source_triples) == 24
    assert len(annex.rows) == 221
    assert len(annex.codes) == 197
    assert sum(r.excluded_from_extension for r in annex.rows) == 24


def test_code_level_exclusion_triples_match_the_source_in_order(annex, source_triples):
    assert [(r.rncp, r.level, r.excluded_from_extension) for r in annex.rows] == source_triples


def test_each_row_points_at_its_source_line(annex):
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    for row in annex.rows:
        line = lines[row.source_line - 1]
        assert row.rncp + " (" in line
        if row.title:
            # the title is on the line, unless its cell wraps over the lines above
            window = " ".join(l.strip() for l in lines[row.source_line - 3: row.source_line])
            assert row.title in line or row.title in window, row


def test_row_with_only_a_code_is_kept_as_written(annex):
    row = next(r for r in annex.rows if r.rncp == "RNCP17989" and r.occupation == "Responsable logistique")
    assert row.title is None


def test_every_row_has_its_cells(annex):
    for row in annex.rows:
        assert row.sector and row.sub_sector and row.occupation
        assert row.level is None or 3 <= row.level <= 7


def test_extended_codes_are_those_with_a_row_not_marked_1(annex):
    assert "RNCP4018" in annex.codes and "RNCP4018" not in annex.extended_codes
    assert "RNCP34860" in annex.extended_codes
    assert len(annex.extended_codes) == len({r.rncp for r in annex.rows if not r.excluded_from_extension})
