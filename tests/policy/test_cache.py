"""The cache of loaded policy sets: used when nothing changed, never when a byte changed."""

from __future__ import annotations

import os
import shutil

import pytest

from proa_policy.policy import cache
from proa_policy import load_policies
from proa_policy.policy.loader import read_policy_document

from ..conftest import POLICIES, dossier


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.delenv("PROA_POLICY_NO_CACHE", raising=False)
    monkeypatch.setenv("PROA_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    return target


def test_second_load_comes_from_the_cache(cached, tmp_path, monkeypatch):
    first = read_policy_document(cached)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    import proa_policy.policy.loader as loader

    monkeypatch.setattr(loader, "_read", lambda root: pytest.fail("read again despite a valid cache entry"))
    again = read_policy_document(cached)
    assert again == first


def test_two_checkouts_of_the_same_set_are_two_entries(cached, tmp_path, monkeypatch):
    """Each shown relative to its own working directory, the same bytes: each keeps its own root."""
    for checkout in ("one", "two"):
        shutil.copytree(cached, tmp_path / checkout / "set")
    documents = []
    for checkout in ("one", "two"):
        monkeypatch.chdir(tmp_path / checkout)
        documents.append(read_policy_document(tmp_path / checkout / "set"))
    roots = [os.path.realpath(os.path.join(tmp_path / c, d.root)) for c, d in zip(("one", "two"), documents)]
    assert roots == [os.path.realpath(tmp_path / c / "set") for c in ("one", "two")]
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_any_change_to_a_file_invalidates_it(cached):
    before = load_policies(cached)
    article = cached / "article-06.yaml"
    article.write_text(
        article.read_text(encoding="utf-8").replace("value: 17\n", "value: 18\n"), encoding="utf-8"
    )
    after = load_policies(cached)
    assert before.evaluate(dossier()).funding["ceiling_eur"] == 6800
    assert after.evaluate(dossier()).funding["ceiling_eur"] == 7200


def test_a_broken_set_is_never_cached(cached, tmp_path):
    (cached / "article-02.yaml").write_text("kind: article\n", encoding="utf-8")
    from proa_policy import PolicyError

    with pytest.raises(PolicyError):
        read_policy_document(cached)
    assert not list((tmp_path / "cache").glob("*.json"))


def test_a_cache_others_can_write_is_ignored(cached, tmp_path):
    read_policy_document(cached)
    os.chmod(tmp_path / "cache", 0o777)
    assert cache.get(cache.key(cached, sorted(cached.glob("*.yaml")))) is None


def test_corrupt_entries_are_misses(cached, tmp_path):
    read_policy_document(cached)
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_bytes(b"not an entry")
    assert read_policy_document(cached).manifest.id == "pro-a-interim-cdi"


# --- what an entry can and cannot do (issue « Safe on an untrusted pull request », class 9) ---

def _entries(tmp_path):
    return list((tmp_path / "cache").glob("*.json"))


def test_an_entry_is_plain_data_that_round_trips(cached):
    document = read_policy_document(cached)
    import json

    assert cache.loads(json.dumps(cache.encode(document))) == document


def test_a_pickle_planted_as_an_entry_never_runs(cached, tmp_path):
    import pickle

    read_policy_document(cached)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for entry in _entries(tmp_path):
        entry.write_bytes(pickle.dumps(Payload()))
    assert read_policy_document(cached).manifest.id == "pro-a-interim-cdi"
    assert not marker.exists()


def test_an_entry_naming_a_class_outside_the_model_is_a_miss():
    assert cache.CLASSES["Rule"].__module__ == "proa_policy.policy.model"
    with pytest.raises(ValueError):
        cache.loads('{"$c": "Popen", "v": {"args": ["sh"]}}')
    with pytest.raises(ValueError):
        cache.loads('{"$x": []}')
    with pytest.raises(TypeError):
        cache.loads('{"$c": "Rule", "v": {"no_such_field": 1}}')


def test_an_entry_owned_by_someone_else_is_a_miss(cached, tmp_path):
    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    document = read_policy_document(cached)
    (entry,) = _entries(tmp_path)
    name = entry.name.removesuffix(".json")
    assert cache.get(name) == document
    os.chown(entry, 12345, 12345)
    assert cache.get(name) is None


def test_an_entry_others_can_write_is_a_miss(cached, tmp_path):
    read_policy_document(cached)
    (entry,) = _entries(tmp_path)
    os.chmod(entry, 0o666)
    assert cache.get(entry.name.removesuffix(".json")) is None


def test_a_symlinked_entry_is_a_miss(cached, tmp_path):
    read_policy_document(cached)
    (entry,) = _entries(tmp_path)
    real = tmp_path / "elsewhere.json"
    entry.rename(real)
    entry.symlink_to(real)
    assert cache.get(entry.name.removesuffix(".json")) is None


def test_a_fifo_entry_is_a_miss_without_blocking(cached, tmp_path):
    read_policy_document(cached)
    (entry,) = _entries(tmp_path)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    assert cache.get(entry.name.removesuffix(".json")) is None


def test_the_cache_is_bounded_oldest_first(tmp_path, monkeypatch):
    monkeypatch.delenv("PROA_POLICY_NO_CACHE", raising=False)
    monkeypatch.setenv("PROA_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    (tmp_path / "cache").mkdir(mode=0o700)
    (tmp_path / "cache" / "old.pickle").write_bytes(b"x")
    for index in range(5):
        cache.put(f"k{index}", ("value", index))
        os.utime(tmp_path / "cache" / f"k{index}.json", ns=(index * 10**9, index * 10**9))
    cache.put("k5", ("value", 5))
    names = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert names == ["k3.json", "k4.json", "k5.json"]


def test_the_key_covers_every_module_of_the_package():
    """No hand-kept list: the digest is over every `.py` file under the package."""
    import hashlib
    from pathlib import Path

    package = Path(cache.__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0" + module.read_bytes())
    assert cache._code_digest() == digest.digest() and "policyset.py" in {
        p.name for p in package.rglob("*.py")
    }
