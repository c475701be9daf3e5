"""A cache of validated policy sets, so that every CI call does not re-parse and re-validate them.

The key is a SHA-256 of everything the loaded set depends on: the package
version, the source of every module of the package, the policy schema, the
folder (its resolved path, and as displayed), and the name and bytes of every
policy file. Change one
byte and the key changes: the cache can be stale only if that hash collides.

An entry is plain JSON data — the policy model's dataclasses written as
tagged values and rebuilt only from a fixed list of model classes — so
nothing in it can run when it is read. Because an entry decides which rules
apply, it is still read only from a folder that belongs to the current user
and that nobody else may write, and the opened file itself is checked
(`O_NOFOLLOW`, then `fstat` on the descriptor: a regular file, owned by the
user, writable by nobody else, within the size bound). The folder keeps at
most `MAX_ENTRIES` entries and `MAX_BYTES` bytes (the oldest go first); sets
read from temporary folders (`diff git:REV`, `check --base`, patches) are
never cached. `PROA_POLICY_NO_CACHE=1` turns the cache off;
`PROA_POLICY_CACHE_DIR` moves it (default `$XDG_CACHE_HOME/proa-policy`, or
`~/.cache/proa-policy`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import stat
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from proa_policy.policy import model
from proa_policy.resources import schema_path
from proa_policy.source import SourceSpan, display_path

VERSION = "2"
SUFFIX = ".json"
MAX_ENTRIES = 32
MAX_BYTES = 32 * 1024 * 1024
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_KEYED_FILE_BYTES = 16 * 1024 * 1024  # a policy file larger than this is not cached (the loader judges it)

#: The only classes an entry can rebuild: the policy model's own dataclasses.
CLASSES: dict[str, type] = {
    cls.__name__: cls for cls in (SourceSpan, *vars(model).values())
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
    and cls.__module__ in (model.__name__, SourceSpan.__module__)
}


def _code_digest() -> bytes:
    """Every module of the package (read once, when this module loads): any edit to the code is a new key."""
    package = Path(__file__).resolve().parent.parent  # proa_policy/
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0")
        try:
            digest.update(module.read_bytes())
        except OSError:
            pass
    return digest.digest()


_CODE = _code_digest()
_BYPASSED = 0


@contextlib.contextmanager
def bypassed() -> Iterator[None]:
    """No entry read or written while this is open (a temporary folder's set would only fill the cache)."""
    global _BYPASSED
    _BYPASSED += 1
    try:
        yield
    finally:
        _BYPASSED -= 1


def directory() -> Path | None:
    if os.environ.get("PROA_POLICY_NO_CACHE") or _BYPASSED:
        return None
    configured = os.environ.get("PROA_POLICY_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "proa-policy"


def key(root: Path, files: list[Path]) -> str | None:
    from proa_policy import __version__

    digest = hashlib.sha256(f"{VERSION}\0{__version__}\0{display_path(root)}\0".encode())
    try:
        digest.update(schema_path("policy.schema.json").read_bytes())
        digest.update(_CODE)
        inside = root.resolve()
        # the folder itself, not only as displayed: two checkouts of the same set, each shown relative to
        # its own working directory, are two entries (a document names its root and files)
        digest.update(os.fsencode(inside) + b"\0")
        for path in files:
            if not path.resolve().is_relative_to(inside):
                return None  # a link out of the set: never read here, the loader refuses it
            info = path.stat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_KEYED_FILE_BYTES:
                return None
            digest.update(b"\0" + path.name.encode() + b"\0")
            digest.update(path.read_bytes())
    except OSError:
        return None  # let the real reader report it
    return digest.hexdigest()


# --- plain data: the model as tagged JSON ------------------------------------

def encode(value: Any) -> Any:
    """A model object as JSON-ready data; TypeError for anything that is not plain model data."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if type(value) is dt.date:
        return {"$D": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": [encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"$f": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$m": [[encode(k), encode(v)] for k, v in value.items()]}
    name = type(value).__name__
    if CLASSES.get(name) is type(value):
        return {"$c": name, "v": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"not plain model data: {name}")


def _tagged(data: dict[str, Any]) -> Any:
    """One JSON object of an entry, its members already decoded (`json.loads`' object_hook)."""
    if len(data) == 2 and "$c" in data:
        cls = CLASSES.get(data["$c"]) if isinstance(data["$c"], str) else None
        if cls is None or not isinstance(data.get("v"), dict):
            raise ValueError("unknown class in entry")
        return cls(**data["v"])
    if len(data) != 1:
        if all(not key.startswith("$") for key in data):
            return data  # the fields of a class, decoded before the class itself
        raise ValueError("not an entry")
    (tag, inner), = data.items()
    if tag == "$d" and isinstance(inner, str):
        return Decimal(inner)
    if tag == "$D" and isinstance(inner, str):
        return dt.date.fromisoformat(inner)
    if tag == "$t" and isinstance(inner, list):
        return tuple(inner)
    if tag == "$f" and isinstance(inner, list):
        return frozenset(inner)
    if tag == "$m" and isinstance(inner, list):
        return {k: v for k, v in inner}
    if not tag.startswith("$"):
        return data  # a class with a single field
    raise ValueError("unknown tag in entry")


def loads(data: bytes | str) -> Any:
    """The inverse of `encode` after `json.dumps`; ValueError or TypeError for anything else (a miss)."""
    return json.loads(data, object_hook=_tagged)


# --- entries -----------------------------------------------------------------

def _trusted(info: os.stat_result, kind: int) -> bool:
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_IFMT(info.st_mode) == kind and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder_ok(folder: Path) -> bool:
    try:
        return _trusted(folder.stat(), stat.S_IFDIR)
    except OSError:
        return False


def _read_entry(path: Path) -> bytes | None:
    """The entry's bytes if the opened file itself is one we wrote: regular, ours, writable by us alone."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not _trusted(info, stat.S_IFREG) or info.st_size > MAX_ENTRY_BYTES:
            return None
        return handle.read(MAX_ENTRY_BYTES + 1)


def get(entry: str | None) -> Any:
    folder = directory()
    if entry is None or folder is None or not _folder_ok(folder):
        return None
    data = _read_entry(folder / f"{entry}{SUFFIX}")
    if data is None or len(data) > MAX_ENTRY_BYTES:
        return None
    try:
        return loads(data)
    except (ValueError, TypeError, RecursionError, ArithmeticError):  # a truncated or foreign entry is a miss
        return None


def put(entry: str | None, value: Any) -> None:
    folder = directory()
    if entry is None or folder is None:
        return
    try:
        data = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if len(data) > MAX_ENTRY_BYTES:
            return
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _folder_ok(folder):
            return
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, folder / f"{entry}{SUFFIX}")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        evict(folder)
    except (OSError, TypeError, ValueError, RecursionError):  # a read-only home, a full disk: the run goes on
        return


def evict(folder: Path) -> None:
    """Keep the newest entries within MAX_ENTRIES and MAX_BYTES; entries of older versions (pickles) go."""
    entries = []
    for item in os.scandir(folder):
        if item.name.endswith(".pickle"):
            with contextlib.suppress(OSError):
                os.unlink(item.path)
        elif item.name.endswith(SUFFIX) and item.is_file(follow_symlinks=False):
            info = item.stat(follow_symlinks=False)
            entries.append((info.st_mtime_ns, info.st_size, item.path))
    entries.sort(reverse=True)
    total = 0
    for index, (_, size, path) in enumerate(entries):
        total += size
        if index >= MAX_ENTRIES or total > MAX_BYTES:
            with contextlib.suppress(OSError):
                os.unlink(path)
