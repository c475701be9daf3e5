"""Reading a file someone else named: never outside its folder, a link, a pipe or a device, never unbounded.

`read_inside(root, path, limit)` is the one way a policy set's own files
(policy files, `tests/*.yaml`, a test case's `path:`) are read: the path is
taken relative to the set's folder and must stay in it; every component is
opened with `O_NOFOLLOW` from the folder's descriptor (no link anywhere on the
way, and no race between a check and the open); the file is opened
`O_NONBLOCK` (a named pipe cannot block) and checked with `fstat` on the
descriptor: a regular file of at most `limit` bytes, read up to `limit + 1`.

`open_input(path)` is for a dossier file named on the command line: the same
non-blocking open and `fstat`; a regular file or a pipe is read (a pipe up
to its bound only), a device or a socket is refused.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)

OUTSIDE, LINK, NOT_REGULAR, TOO_LARGE, MISSING, UNREADABLE = (
    "outside", "link", "not_regular", "too_large", "missing", "unreadable")

MESSAGES = {
    OUTSIDE: "outside the policy set's folder: not read",
    LINK: "a symbolic link: not followed",
    NOT_REGULAR: "not a regular file (a pipe, a socket or a device): not read",
    TOO_LARGE: "too large (limit {limit} bytes)",
    MISSING: "no such file",
    UNREADABLE: "cannot read: {detail}",
}


class Refused(Exception):
    """Why a file was not read: `reason` is one of the constants above; `str()` says it in English."""

    def __init__(self, reason: str, detail: str = "", limit: int = 0):
        super().__init__(MESSAGES[reason].format(limit=limit, detail=detail))
        self.reason, self.detail, self.limit = reason, detail, limit


def inside_parts(root: Path, path: Path) -> list[str]:
    """The components of `path` relative to `root`, taken lexically; Refused(OUTSIDE) when it leaves it."""
    base = os.path.abspath(root)
    target = os.path.normpath(os.path.abspath(path))
    relative = os.path.relpath(target, base)
    outside = relative in (os.curdir, os.pardir) or relative.startswith(os.pardir + os.sep)
    if outside or os.path.isabs(relative):
        raise Refused(OUTSIDE)
    return relative.split(os.sep)


def _refusal(exc: OSError, nofollow: bool = True) -> Refused:
    if nofollow and exc.errno in (errno.ELOOP, errno.EMLINK):
        return Refused(LINK)
    if exc.errno == errno.ENOENT:
        return Refused(MISSING)
    if exc.errno == errno.ENOTDIR:
        return Refused(LINK, exc.strerror or "")  # a component that is a file or a link to one
    return Refused(UNREADABLE, exc.strerror or str(exc))


def _read_bounded(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_inside(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of `path` (absolute, or relative to the working folder), which must be inside `root`."""
    parts = inside_parts(root, path)
    try:
        folder = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    except OSError as exc:
        raise _refusal(exc) from None
    try:
        for part in parts[:-1]:
            try:
                inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=folder)
            except OSError as exc:
                raise _refusal(exc) from None
            os.close(folder)
            folder = inner
        try:
            fd = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder)
        except OSError as exc:
            raise _refusal(exc) from None
    finally:
        os.close(folder)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(NOT_REGULAR)
        if info.st_size > limit:
            raise Refused(TOO_LARGE, limit=limit)
        data = _read_bounded(fd, limit)
        if len(data) > limit:
            raise Refused(TOO_LARGE, limit=limit)
        return data
    except OSError as exc:
        raise _refusal(exc) from None
    finally:
        os.close(fd)


def open_input(path: str) -> tuple[BinaryIO, bool]:
    """A dossier file named by the user, opened without blocking: (binary handle, is a regular file).

    A pipe is returned in blocking mode, to be read within its bound; a device
    or a socket is Refused(NOT_REGULAR) (`/dev/zero` would stream for ever).
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise
        raise _refusal(exc, nofollow=False) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", path)
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise Refused(NOT_REGULAR)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), stat.S_ISREG(mode)
    except BaseException:
        os.close(fd)
        raise
