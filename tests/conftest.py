"""Shared fixtures: the shipped policy set (loaded once) and a valid, eligible dossier to vary."""

from __future__ import annotations

import copy
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from proa_policy import PolicySet, load_policies

# Tests read policy files for real; tests/policy/test_cache.py turns the cache on where it is the subject.
os.environ.setdefault("PROA_POLICY_NO_CACHE", "1")
os.environ.setdefault("PROA_POLICY_CACHE_DIR", tempfile.mkdtemp(prefix="proa-policy-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies" / "pro-a-interim-cdi"

settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=400, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BASE: dict[str, Any] = {
    "id": "2024-ETT-0042",
    "employer": {"kind": "ETT", "territory": "metropole"},
    "employee": {
        "birth_date": "1985-04-02",
        "contract": "cdi_interimaire",
        "upper_secondary_completed": True,
        "vocational_diploma": True,
        "job_seeker_over_one_year": False,
        "social_minima_or_cui": False,
    },
    "pro_a": {
        "purpose": "reconversion",
        "pathway": "training",
        "certification": {"kind": "rncp", "rncp": "RNCP34860"},
        "start_date": "2022-01-10",
        "end_date": "2022-12-09",
        "total_hours": 1600,
        "training_hours": 400,
        "training_time": "working_time",
        "contract_amendment": {"signed": True, "filed_with_akto": True},
        "tutor_designated": True,
        "remuneration": {
            "maintained_monthly": Decimal("1900.00"),
            "mission_reference_monthly": Decimal("1850.00"),
            "guaranteed_minimum_monthly": Decimal("1766.92"),
        },
    },
    "funding": {"requested_amount": 6800},
}


def dossier(**changes: Any) -> dict[str, Any]:
    """The base dossier with changes given as `pro_a__end_date="2022-07-09"`; a value of `...` deletes the
    field."""
    out = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        node = out
        for part in parents:
            node = node[part]
        if value is ...:
            node.pop(leaf, None)
        else:
            node[leaf] = value
    return out


@pytest.fixture(scope="session")
def policies() -> PolicySet:
    return load_policies()


def failing(decision: Any) -> set[str]:
    return {v.rule for v in decision.violations}


def edited_set(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the shipped policy set with one passage of one file replaced (which must be there)."""
    import shutil

    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer contains {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return target
