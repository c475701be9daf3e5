"""The cache of loaded policy sets: used when nothing changed, never when a byte changed."""

from __future__ import annotations

import os
import shutil

import pytest

from proa_policy import cache, load_policies
from proa_policy.loader import read_policy_document

from .conftest import POLICIES, dossier


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.delenv("PROA_POLICY_NO_CACHE", raising=False)
    monkeypatch.setenv("PROA_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    return target


def test_second_load_comes_from_the_cache(cached, tmp_path, monkeypatch):
    first = read_policy_document(cached)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    import proa_policy.loader as loader

    monkeypatch.setattr(loader, "_read", lambda root: pytest.fail("read again despite a valid cache entry"))
    again = read_policy_document(cached)
    assert again == first


def test_any_change_to_a_file_invalidates_it(cached):
    before = load_policies(cached)
    article = cached / "article-06.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("value: 17\n", "value: 18\n"), encoding="utf-8")
    after = load_policies(cached)
    assert before.evaluate(dossier()).funding["ceiling_eur"] == 6800
    assert after.evaluate(dossier()).funding["ceiling_eur"] == 7200


def test_a_broken_set_is_never_cached(cached, tmp_path):
    (cached / "article-02.yaml").write_text("kind: article\n", encoding="utf-8")
    from proa_policy import PolicyError

    with pytest.raises(PolicyError):
        read_policy_document(cached)
    assert not list((tmp_path / "cache").glob("*.pickle"))


def test_a_cache_others_can_write_is_ignored(cached, tmp_path):
    read_policy_document(cached)
    os.chmod(tmp_path / "cache", 0o777)
    assert cache.get(cache.key(cached, sorted(cached.glob("*.yaml")))) is None


def test_corrupt_entries_are_misses(cached, tmp_path):
    read_policy_document(cached)
    for entry in (tmp_path / "cache").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert read_policy_document(cached).manifest.id == "pro-a-interim-cdi"
