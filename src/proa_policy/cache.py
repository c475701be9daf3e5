"""A cache of validated policy sets, so that every CI call does not re-parse and re-validate them.

The key is a SHA-256 of everything the loaded set depends on: the package
version and the source of the modules that build it, the policy schema, the
folder as displayed, and the name and bytes of every policy file. Change one byte and the key changes: the cache can be
stale only if that hash collides. Entries are pickles, read only from a
directory that belongs to the current user and that nobody else may write
(a pickle from someone else would be code). `PROA_POLICY_NO_CACHE=1` turns
the cache off; `PROA_POLICY_CACHE_DIR` moves it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any

from .resources import schema_path
from .source import display_path

VERSION = "1"


def _code_digest() -> bytes:
    """The source of the modules that build the cached objects (read once, when this module loads)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for module in ("model.py", "loader.py", "documents.py", "cache.py"):
        try:
            digest.update((package / module).read_bytes())
        except OSError:
            digest.update(module.encode())
    return digest.digest()


_CODE = _code_digest()


def directory() -> Path | None:
    if os.environ.get("PROA_POLICY_NO_CACHE"):
        return None
    configured = os.environ.get("PROA_POLICY_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "proa-policy"


def key(root: Path, files: list[Path]) -> str | None:
    from . import __version__

    digest = hashlib.sha256(f"{VERSION}\0{__version__}\0{display_path(root)}\0".encode())
    try:
        digest.update(schema_path("policy.schema.json").read_bytes())
        digest.update(_CODE)  # an edit to the code that builds the cached objects is a new key
        inside = root.resolve()
        for path in files:
            if not path.resolve().is_relative_to(inside):
                return None  # a link out of the set: never read here, the loader refuses it
            digest.update(b"\0" + path.name.encode() + b"\0")
            digest.update(path.read_bytes())
    except OSError:
        return None  # let the real reader report it
    return digest.hexdigest()


def _trusted(folder: Path) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(entry: str | None) -> Any:
    folder = directory()
    if entry is None or folder is None or not _trusted(folder):
        return None
    try:
        with open(folder / f"{entry}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, truncated or foreign entry is a miss
        return None


def put(entry: str | None, value: Any) -> None:
    folder = directory()
    if entry is None or folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(folder):
            return
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / f"{entry}.pickle")
    except Exception:  # a read-only home or a full disk must not stop an evaluation
        return
