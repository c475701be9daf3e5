"""Lines of at most 110 characters in every Python module of src/ (the developers' guide)."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "proa_policy"
LIMIT = 110

# Until the speed work lands (issue 16, team p1): these modules are being rewritten and keep their long lines
# for now. The coordinator removes this exemption when that work is merged.
EXEMPT = {
    "engine/policyset.py", "engine/decision.py", "engine/batch.py", "engine/workers.py",
    "dossier/fastschema.py", "dossier/schema.py", "expr/compiler.py", "expr/functions.py",
    "report/jsonout.py", "report/formats.py", "cli.py",
}


def test_every_line_of_the_package_fits_in_110_characters():
    long = [f"{path.relative_to(SRC)}:{number}: {len(line)} characters"
            for path in sorted(SRC.rglob("*.py")) if path.relative_to(SRC).as_posix() not in EXEMPT
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if len(line) > LIMIT]
    assert long == []


def test_the_exemptions_name_real_modules():
    assert all((SRC / name).is_file() for name in EXEMPT)
