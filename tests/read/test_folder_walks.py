"""A folder walk reads only the folder it was given; every input named on the command line is bounded.

Hostile dossier folders built here: a link to `/`, links to files and folders
outside, links that stay inside (followed), and inputs that never end
(`/dev/zero`, a pipe) named directly. Each gets one exact answer.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from proa_policy.read import inputs
from proa_policy.engine.batch import load_unit, units

from ..conftest import dossier

OUT_OF_FOLDER = "lien symbolique hors du répertoire : non suivi"
NOT_REGULAR = "pas un fichier ordinaire (tube nommé, socket ou périphérique)"


def answers(*paths: str) -> list[tuple[str, str | None, str | None]]:
    """(source, dossier id, error message) of every answer, in order."""
    out = []
    for unit in units(paths):
        for loaded in load_unit(unit):
            ident = loaded.document.get("id") if isinstance(loaded.document, dict) else None
            out.append((loaded.source, ident, loaded.error.message if loaded.error else None))
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "dossiers"
    root.mkdir()
    (root / "a.json").write_text(json.dumps(dossier(id="INSIDE-A"), default=str), encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.json").write_text(
        json.dumps(dossier(id="SECRET-OUTSIDE"), default=str), encoding="utf-8"
    )
    return root


def test_a_link_to_root_is_reported_not_followed(folder):
    (folder / "x").symlink_to("/")
    got = answers(str(folder))
    assert got == [(str(folder / "a.json"), "INSIDE-A", None), (str(folder / "x"), None, OUT_OF_FOLDER)]


def test_links_to_files_and_folders_outside_are_reported(folder, tmp_path):
    (folder / "b.json").symlink_to(tmp_path / "outside" / "secret.json")
    (folder / "c").symlink_to(tmp_path / "outside")
    (folder / "d.json").symlink_to("../outside/secret.json")
    got = answers(str(folder))
    assert [g[0] for g in got] == [str(folder / n) for n in ("a.json", "b.json", "c", "d.json")]
    assert all(g[2] == OUT_OF_FOLDER for g in got[1:])
    assert "SECRET-OUTSIDE" not in repr(got)


def test_links_that_stay_inside_are_followed(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "e.json").write_text(json.dumps(dossier(id="INSIDE-E"), default=str), encoding="utf-8")
    (folder / "alias").symlink_to("sub")
    (folder / "f.json").symlink_to("sub/e.json")
    got = answers(str(folder))
    assert [(Path(s).relative_to(folder).as_posix(), i, e) for s, i, e in got] == [
        ("a.json", "INSIDE-A", None),
        ("alias/e.json", "INSIDE-E", None),
        ("f.json", "INSIDE-E", None),
    ]


def test_a_link_to_dev_zero_in_a_folder_is_not_read(folder):
    (folder / "z.jsonl").symlink_to("/dev/zero")
    assert answers(str(folder))[1] == (str(folder / "z.jsonl"), None, OUT_OF_FOLDER)


@pytest.mark.parametrize("name", ["x.jsonl", "x.json", "x.yaml"])
def test_dev_zero_named_on_the_command_line_is_refused(tmp_path, name):
    (tmp_path / name).symlink_to("/dev/zero")
    assert answers(str(tmp_path / name)) == [(str(tmp_path / name), None, NOT_REGULAR)]


def test_a_pipe_without_writer_named_on_the_command_line_ends(tmp_path):
    os.mkfifo(tmp_path / "p.json")
    assert answers(str(tmp_path / "p.json")) == [(str(tmp_path / "p.json"), None, "fichier vide")]


def _feed(fifo: Path, chunk: bytes):
    """A writer on `fifo` that writes `chunk` until told to stop; the returned function stops it.

    The test holds the pipe open (O_RDWR) from the start, so the reader always
    finds a writer there; closing it at the end breaks the writer's pipe.
    """
    keep = os.open(fifo, os.O_RDWR)
    stop = threading.Event()

    def write() -> None:
        with open(fifo, "wb", buffering=0) as pipe:
            try:
                while not stop.is_set():
                    pipe.write(chunk)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()

    def finish() -> None:
        stop.set()
        os.close(keep)
        writer.join(timeout=30)
        assert not writer.is_alive()

    return finish


def test_a_pipe_named_on_the_command_line_is_read_within_its_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 1000)
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    finish = _feed(fifo, b" " * 4096)
    try:
        got = answers(str(fifo))
    finally:
        finish()
    assert got == [(str(fifo), None, "fichier trop volumineux (limite 1000 octets)")]


def test_a_json_lines_pipe_without_newlines_ends(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_LINE_BYTES", 100)
    monkeypatch.setattr(inputs, "MAX_SKIP_BYTES", 10_000)
    fifo = tmp_path / "p.jsonl"
    os.mkfifo(fifo)
    finish = _feed(fifo, b"0" * 4096)
    try:
        got = answers(str(fifo))
    finally:
        finish()
    assert got == [(str(fifo), None, "fichier illisible : ligne sans fin (plus de 10000 octets)")]


@pytest.mark.parametrize("fmt", ["sarif", "junit", "markdown", "jsonl"])
def test_no_report_shows_what_lies_outside_the_folder(folder, tmp_path, fmt):
    """The issue's attack: `x -> /` (here, a folder of other dossiers) put other files' ids into reports."""
    from click.testing import CliRunner

    from proa_policy.cli import main

    (folder / "x").symlink_to(tmp_path / "outside")
    result = CliRunner().invoke(main, ["evaluate", str(folder), "--format", fmt])
    assert result.exit_code == 2
    assert "SECRET-OUTSIDE" not in result.output and "INSIDE-A" in result.output
