"""Lines of at most 110 characters in every Python module of src/ (the developers' guide)."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "proa_policy"
LIMIT = 110


def test_every_line_of_the_package_fits_in_110_characters():
    long = [f"{path.relative_to(SRC)}:{number}: {len(line)} characters"
            for path in sorted(SRC.rglob("*.py"))
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if len(line) > LIMIT]
    assert long == []
