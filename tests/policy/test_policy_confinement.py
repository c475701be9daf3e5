"""A policy set reads only itself: its files, its `tests/` and a case's `path:` stay inside its folder.

Hostile policy sets built here, each with one way out — an absolute or `../`
`path:`, a link under `tests/`, `tests/` itself a link, `/dev/zero`, a named
pipe, a file beyond the size bound — and the exact problem each must give.
Nothing outside the set is read, so nothing of it (a key name, a value) can
appear in a message.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import proa_policy
from proa_policy.errors import PolicyError
from proa_policy.read.safefile import Refused, read_inside
from proa_policy.authoring.cases import load_cases

from ..conftest import POLICIES

SECRET_KEY = "aws_secret_access_key"


@pytest.fixture
def policy_set(tmp_path: Path) -> Path:
    root = tmp_path / "set"
    shutil.copytree(POLICIES, root, ignore=shutil.ignore_patterns("sources"))
    (tmp_path / "secret.json").write_text(f'{{"{SECRET_KEY}": "hunter2"}}', encoding="utf-8")
    return root


def case_file(root: Path, path: str) -> Path:
    target = root / "tests" / "hostile.yaml"
    target.write_text(
        f'kind: tests\narticle: "2"\ncases:\n  - name: "dehors"\n    path: "{path}"\n'
        "    expect: {verdict: eligible}\n",
        encoding="utf-8",
    )
    return target


def problems(root: Path) -> list[str]:
    _, found = load_cases(root)
    return [f"{p.span}: {p.message}" for p in found]


@pytest.mark.parametrize(
    "path", ["../../secret.json", "/etc/passwd", "../../../../../../etc/passwd", "sub/../../../secret.json"]
)
def test_a_case_path_outside_the_set_is_refused_unread(policy_set, tmp_path, path):
    case_file(policy_set, path)
    found = problems(policy_set)
    assert len(found) == 1
    assert found[0].endswith(f"path `{path}`: outside the policy set's folder: not read"), found
    assert SECRET_KEY not in found[0] and "hunter2" not in found[0]


def test_a_case_path_inside_the_set_is_read(policy_set):
    (policy_set / "tests" / "data").mkdir()
    (policy_set / "tests" / "data" / "d.json").write_text('{"id": "INSIDE"}', encoding="utf-8")
    case_file(policy_set, "data/d.json")
    cases, found = load_cases(policy_set, "hostile")
    assert not found and cases[0].dossier == {"id": "INSIDE"}


def test_a_link_under_tests_is_not_followed(policy_set, tmp_path):
    (policy_set / "tests" / "leak.json").symlink_to(tmp_path / "secret.json")
    case_file(policy_set, "leak.json")
    (found,) = problems(policy_set)
    assert found.endswith("path `leak.json`: a symbolic link: not followed")
    assert SECRET_KEY not in found


def test_a_test_file_that_is_a_link_is_not_followed(policy_set, tmp_path):
    (tmp_path / "outside.yaml").write_text(f"kind: tests\n{SECRET_KEY}: 1\n", encoding="utf-8")
    (policy_set / "tests" / "zz.yaml").symlink_to(tmp_path / "outside.yaml")
    (found,) = problems(policy_set)
    assert found.endswith("zz.yaml: a symbolic link: not followed") and SECRET_KEY not in found


def test_tests_folder_that_is_a_link_is_not_followed(policy_set, tmp_path):
    shutil.move(policy_set / "tests", tmp_path / "elsewhere")
    (policy_set / "tests").symlink_to(tmp_path / "elsewhere")
    found = problems(policy_set)
    assert found and all(f.endswith("a symbolic link: not followed") for f in found)


def test_dev_zero_is_refused_without_reading_it(policy_set):
    (policy_set / "tests" / "zero.json").symlink_to("/dev/zero")
    case_file(policy_set, "zero.json")
    (found,) = problems(policy_set)
    assert found.endswith("path `zero.json`: a symbolic link: not followed")
    with pytest.raises(Refused) as refused:
        read_inside(Path("/dev"), Path("/dev/zero"), 10)
    assert refused.value.reason == "not_regular"


def test_a_named_pipe_is_refused_without_blocking(policy_set):
    os.mkfifo(policy_set / "tests" / "pipe.json")
    case_file(policy_set, "pipe.json")
    (found,) = problems(policy_set)
    assert found.endswith("path `pipe.json`: not a regular file (a pipe, a socket or a device): not read")


def test_a_named_pipe_as_bases_file_is_refused(policy_set):
    (policy_set / "tests" / "bases.yaml").unlink()
    os.mkfifo(policy_set / "tests" / "bases.yaml")
    found = problems(policy_set)
    assert any(
        f.endswith("bases.yaml: not a regular file (a pipe, a socket or a device): not read") for f in found
    )


def test_a_file_beyond_the_bound_is_refused(policy_set, monkeypatch):
    import proa_policy.authoring.cases as testing

    monkeypatch.setattr(testing, "MAX_FILE_BYTES", 500)
    (policy_set / "tests" / "big.json").write_text('{"id": "' + "x" * 1000 + '"}', encoding="utf-8")
    case_file(policy_set, "big.json")
    found = problems(policy_set)
    assert any(f.endswith("path `big.json`: too large (limit 500 bytes)") for f in found)


def test_a_policy_file_that_is_a_pipe_is_named_not_skipped(policy_set):
    os.mkfifo(policy_set / "article-99.yaml")
    with pytest.raises(PolicyError) as raised:
        proa_policy.load_policies(policy_set)
    assert "article-99.yaml: not a regular file (a pipe, a socket or a device): not read" in str(raised.value)


def test_a_policy_file_linked_to_dev_zero_is_refused(policy_set):
    (policy_set / "article-99.yaml").symlink_to("/dev/zero")
    with pytest.raises(PolicyError) as raised:
        proa_policy.load_policies(policy_set)
    assert "article-99.yaml" in str(raised.value)
