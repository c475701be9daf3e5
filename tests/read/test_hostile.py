"""Issue 6 §1: every hostile input gets an answer — a decision or a located error — and nothing crashes.

The corpus is `tests/hostile/`: one file per case, and `cases.yaml` saying what
`proa-policy evaluate FILE --format json` must answer for each (verdict, a
substring of the error message with its JSON pointer and line, exit code).
Inputs that are too big to keep or are not plain files (50 MB, 100,000-deep
nesting, links, a named pipe, an unreadable file) are written here at run time
under the same rules (`GENERATED`).

Most runs go through click's `CliRunner` with the policy set loaded once; the
ones a regression could turn into a crash of the interpreter itself (a C stack
overflow) or that need real signals and pipes run `proa-policy` as a process.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from click.testing import CliRunner

from proa_policy.cli import common, main
from proa_policy.read.values import MAX_DEPTH, MAX_NUMBER_CHARS
from proa_policy.read.inputs import MAX_FILE_BYTES, MAX_LINE_BYTES

from ..conftest import ROOT

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
GOOD_LINE = json.dumps(json.loads((HOSTILE / "good-eligible.json").read_text(encoding="utf-8")))
PROA_POLICY = shutil.which("proa-policy")


# --- inputs written at run time -------------------------------------------------------------------

def _big(path: Path) -> Path:
    with open(path, "wb") as handle:  # sparse: 50 MB on paper, nothing on disk, refused unread
        handle.truncate(50 * 1024 * 1024)
    return path


def _text(content: str) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        path.write_text(content, encoding="utf-8")
        return path
    return write


def _long_line(path: Path) -> Path:
    path.write_text('{"id": "' + "x" * (2 * MAX_LINE_BYTES) + '"}\n' + GOOD_LINE + "\n", encoding="utf-8")
    return path


def _symlink_loop(path: Path) -> Path:
    """A folder whose sub-folder links back to it, and a file linking to itself: each real file is read
    once."""
    path.mkdir()
    (path / "a.json").write_text(GOOD_LINE, encoding="utf-8")
    (path / "sub").mkdir()
    (path / "sub" / "b.json").write_text(GOOD_LINE, encoding="utf-8")
    (path / "sub" / "up").symlink_to("..", target_is_directory=True)
    (path / "self.json").symlink_to("self.json")
    return path


def _dangling(path: Path) -> Path:
    path.symlink_to(path.parent / "does-not-exist.json")
    return path


def _fifo_in_folder(path: Path) -> Path:
    """A named pipe would block a reader for ever: found in a folder, it is reported, not opened."""
    path.mkdir()
    os.mkfifo(path / "pipe.json")
    return path


def _link_out_of_folder(path: Path) -> Path:
    """A folder holding `x -> /` and a link to a dossier beside it: neither is followed (issue 11)."""
    path.mkdir()
    (path / "a.json").write_text(GOOD_LINE, encoding="utf-8")
    (path.parent / "beside.json").write_text(GOOD_LINE, encoding="utf-8")
    (path / "b.json").symlink_to(path.parent / "beside.json")
    (path / "x").symlink_to("/")
    return path


def _fifo_named(path: Path) -> Path:
    """A named pipe given on the command line, no writer: read without waiting, it is empty."""
    os.mkfifo(path)
    return path


def _unreadable(path: Path) -> Path:
    """A file that cannot be read. chmod 000 stops everyone but root (CI runs as root), so as root the file
    is a link to /proc/self/mem, which even root cannot read from offset 0 (EIO)."""
    if os.geteuid() != 0:
        path.write_text(GOOD_LINE, encoding="utf-8")
        path.chmod(0)
    else:
        if not Path("/proc/self/mem").exists():
            pytest.skip("no unreadable file can be made here (root, and no /proc)")
        path.symlink_to("/proc/self/mem")
    return path


def _folder_named_json(path: Path) -> Path:
    path.mkdir()
    return path


def _non_utf8_name(path: Path) -> Path:
    raw = os.fsencode(path.parent) + b"/bad-\xff-name.json"
    with open(raw, "wb") as handle:
        handle.write(GOOD_LINE.encode())
    return Path(os.fsdecode(raw))


def _deep(opening: str, closing: str = "", depth: int = 100_000) -> Callable[[Path], Path]:
    return _text(opening * depth + closing * depth + "\n")


UNREADABLE = (
    "fichier illisible : Permission denied" if os.geteuid() != 0 else "fichier illisible : Input/output error"
)

OUT = "lien symbolique hors du répertoire : non suivi"
#: name → (writer, expected records as in cases.yaml, exit code, needs a real process)
GENERATED: dict[str, tuple[Callable[[Path], Path], list[dict[str, Any]], int, bool]] = {
    "big-50mb.json": (
        _big,
        [
            {
                "verdict": "invalid",
                "message": f"fichier trop volumineux (52428800 octets ; limite {MAX_FILE_BYTES} octets)",
            }
        ],
        2,
        False,
    ),
    "depth-100000.json": (
        _deep("["),
        [{"verdict": "invalid", "message": f"imbrication de plus de {MAX_DEPTH} niveaux"}],
        2,
        True,
    ),
    "depth-100000-objects.json": (
        _deep('{"a":', "}"),
        [{"verdict": "invalid", "message": f"imbrication de plus de {MAX_DEPTH} niveaux"}],
        2,
        True,
    ),
    "depth-100000-flow.yaml": (
        _deep("[", "]"),
        [{"verdict": "invalid", "message": f"imbrication de plus de {MAX_DEPTH} niveaux", "line": 1}],
        2,
        True,
    ),
    "depth-100000-mappings.yaml": (
        _deep("{a: ", "}"),
        [{"verdict": "invalid", "message": f"imbrication de plus de {MAX_DEPTH} niveaux", "line": 1}],
        2,
        True,
    ),
    "depth-100000-block.yaml": (
        _text("- " * 100_000 + "x\n"),
        [{"verdict": "invalid", "message": f"imbrication de plus de {MAX_DEPTH} niveaux", "line": 1}],
        2,
        True,
    ),
    "depth-100000-line.jsonl": (
        _text(GOOD_LINE + "\n" + "[" * 100_000 + "]" * 100_000 + "\n" + GOOD_LINE + "\n"),
        [
            {"verdict": "eligible"},
            {"verdict": "invalid", "message": "imbrication de plus de", "line": 2},
            {"verdict": "eligible"},
        ],
        2,
        True,
    ),
    "digits-10000.yaml": (
        _text("total_hours: " + "7" * 10_000 + "\n"),
        [{"verdict": "invalid", "message": f"nombre de plus de {MAX_NUMBER_CHARS} caractères", "line": 1}],
        2,
        False,
    ),
    "long-line.jsonl": (
        _long_line,
        [
            {
                "verdict": "invalid",
                "message": f"ligne trop longue (limite {MAX_LINE_BYTES} octets)",
                "line": 1,
            },
            {"verdict": "eligible"},
        ],
        2,
        False,
    ),
    "symlink-loop": (
        _symlink_loop,
        [
            {"verdict": "eligible"},
            {"verdict": "invalid", "message": "fichier illisible : Too many levels of symbolic links"},
            {"verdict": "eligible"},
        ],
        2,
        False,
    ),
    "dangling-link.json": (
        _dangling,
        [{"verdict": "invalid", "message": "fichier illisible : No such file or directory"}],
        2,
        False,
    ),
    "pipe-folder": (
        _fifo_in_folder,
        [{"verdict": "invalid", "message": "pas un fichier ordinaire"}],
        2,
        False,
    ),
    "unreadable.json": (_unreadable, [{"verdict": "invalid", "message": UNREADABLE}], 2, False),
    "folder.json": (
        _folder_named_json,
        [{"verdict": "invalid", "message": "aucun dossier dans ce répertoire"}],
        2,
        False,
    ),
    "missing.json": (lambda path: path, [{"verdict": "invalid", "message": "fichier introuvable"}], 2, False),
    "name-too-long": (
        lambda path: path.with_name("n" * 5000 + ".json"),
        [{"verdict": "invalid", "message": "fichier illisible : File name too long"}],
        2,
        False,
    ),
    "non-utf8-name": (_non_utf8_name, [{"verdict": "eligible"}], 0, False),
    "link-out-of-folder": (
        _link_out_of_folder,
        [{"verdict": "eligible"}, *[{"verdict": "invalid", "message": OUT}] * 2],
        2,
        False,
    ),
    "dev-zero.jsonl": (
        lambda path: (path.symlink_to("/dev/zero"), path)[1],
        [{"verdict": "invalid", "message": "pas un fichier ordinaire"}],
        2,
        False,
    ),
    "pipe-named.json": (_fifo_named, [{"verdict": "invalid", "message": "fichier vide"}], 2, False),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    return {name: writer(root / name) for name, (writer, *_rest) in GENERATED.items()}


# --- running the command ---------------------------------------------------------------------------

class Run:
    def __init__(self, code: int, stdout: str, stderr: str):
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def records(self, fmt: str = "json") -> list[dict[str, Any]]:
        if fmt == "json":
            return json.loads(self.stdout)
        return [json.loads(line) for line in self.stdout.splitlines()]


@pytest.fixture(scope="module")
def evaluate(policies: Any) -> Callable[..., Run]:
    """`proa-policy evaluate ARGS` in process, the shipped policy set loaded once for the whole module."""
    runner = CliRunner()

    def run(*args: str, fmt: str = "json", input: bytes | None = None) -> Run:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(common, "load_policies", lambda path=None: policies, raising=False)
            result = runner.invoke(main, ["evaluate", *args, "--format", fmt], input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a crash: show it with its traceback
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def process(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    if PROA_POLICY is None:
        pytest.skip("the proa-policy entry point is not installed")
    return subprocess.run([PROA_POLICY, *args], capture_output=True, text=True, timeout=60, **kwargs)


def check_record(record: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    assert record["verdict"] == expected["verdict"], (where, record["errors"] or record["violations"])
    if "message" not in expected:
        if expected["verdict"] == "invalid":
            assert record["errors"], where
        return
    matching = [e for e in record["errors"] if expected["message"] in e["message"]]
    assert matching, (where, expected["message"], [e["message"][:200] for e in record["errors"]])
    if "pointer" in expected:
        assert any(e["pointer"] == expected["pointer"] for e in matching), (where, matching)
    if "line" in expected:
        assert any(e.get("line") == expected["line"] for e in matching), (
            where,
            [(e["message"][:80], e.get("line")) for e in matching],
        )
    if "column" in expected:
        columns = [e.get("column") for e in matching]
        assert expected["column"] in columns, (where, columns)


def expected_records(case: dict[str, Any]) -> list[dict[str, Any]]:
    if "records" in case:
        return case["records"]
    return [{k: case[k] for k in ("verdict", "message", "pointer", "line") if k in case}]


def no_traceback(*streams: str) -> None:
    for stream in streams:
        assert "Traceback" not in stream, stream[-2000:]


# --- the corpus ------------------------------------------------------------------------------------

def test_corpus_is_complete() -> None:
    files = {p.name for p in HOSTILE.iterdir()} - {"cases.yaml"}
    listed = [c["file"] for c in CASES]
    assert len(listed) == len(set(listed)), "a file is listed twice in cases.yaml"
    assert files == set(listed), (files ^ set(listed))
    assert len(CASES) + len(GENERATED) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_hostile_file(case: dict[str, Any], evaluate: Callable[..., Run]) -> None:
    path = HOSTILE / case["file"]
    run = evaluate(str(path))
    no_traceback(run.stdout, run.stderr)
    assert run.code == case["exit"], (run.code, run.stdout[-1500:], run.stderr)
    expected = expected_records(case)
    records = run.records() if expected else []
    assert len(records) == len(expected)
    for number, (record, want) in enumerate(zip(records, expected), 1):
        source = str(path) if "records" not in case else record["source"]
        assert source.startswith(str(path)), record["source"]  # every answer names its file (and line)
        check_record(record, want, f"{case['file']} #{number}")
    if not expected:
        assert "aucun dossier" in run.stderr


@pytest.mark.parametrize("case", [c for c in CASES if c.get("verdict") == "invalid"], ids=lambda c: c["file"])
def test_hostile_file_text_report(case: dict[str, Any], evaluate: Callable[..., Run]) -> None:
    """The text report names the file, then the message (with pointer and line when known)."""
    path = HOSTILE / case["file"]
    run = evaluate(str(path), fmt="text")
    no_traceback(run.stdout, run.stderr)
    assert run.code == 2
    first, *rest = run.stdout.splitlines()
    assert first.startswith(str(path)) and "INVALIDE" in first, first
    assert any(case["message"] in line for line in rest), (case["message"], rest[:5])
    if "line" in case:
        assert any(f"ligne {case['line']}," in line for line in rest if case["message"] in line), rest[:5]


def test_unsafe_yaml_tags_did_not_run(evaluate: Callable[..., Run]) -> None:
    marker = Path("/tmp/proa-policy-pwned")
    marker.unlink(missing_ok=True)
    run = evaluate(*(str(HOSTILE / c["file"]) for c in CASES if "python" in c["file"]))
    assert run.code == 2 and not marker.exists()


@pytest.mark.parametrize("name", [n for n, spec in GENERATED.items() if not spec[3]])
def test_generated(name: str, generated: dict[str, Path], evaluate: Callable[..., Run]) -> None:
    _, expected, code, _ = GENERATED[name]
    run = evaluate(str(generated[name]), fmt="jsonl")
    no_traceback(run.stdout, run.stderr)
    records = run.records("jsonl")
    assert [r["verdict"] for r in records] == [e["verdict"] for e in expected], records
    for record, want in zip(records, expected):
        check_record(record, want, name)
        record["source"].encode("utf-8")  # printable even when the file name is not UTF-8
    assert run.code == code


def test_generated_in_a_real_process(generated: dict[str, Path]) -> None:
    """Deep nesting once overflowed libyaml's C stack (a segmentation fault): only a separate process can
    fail cleanly if it comes back."""
    names = [n for n, spec in GENERATED.items() if spec[3]]
    result = process("evaluate", *(str(generated[n]) for n in names), "--format", "jsonl")
    no_traceback(result.stdout, result.stderr)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    expected = [e for n in names for e in GENERATED[n][1]]
    assert len(records) == len(expected)
    for record, want in zip(records, expected):
        check_record(record, want, record["source"])


def test_json_lines_encoding_error_is_located_in_its_line(evaluate: Callable[..., Run]) -> None:
    records = evaluate(str(HOSTILE / "lines-latin1.jsonl"), fmt="jsonl").records("jsonl")
    assert records[1]["errors"][0]["message"] == "la ligne n'est pas en UTF-8 (octet 10 de la ligne)"


def test_stdin_hostile(evaluate: Callable[..., Run]) -> None:
    run = evaluate("-", input=(HOSTILE / "binary-garbage.json").read_bytes())
    no_traceback(run.stdout, run.stderr)
    [record] = run.records()
    assert record["source"] == "-" and record["verdict"] == "invalid" and run.code == 2
    assert "n'est pas en UTF-8" in record["errors"][0]["message"]


# --- everything at once ------------------------------------------------------------------------------

def test_batch_every_input_gets_an_answer(generated: dict[str, Path], evaluate: Callable[..., Run]) -> None:
    """All hostile inputs and a few good dossiers in one call: one record per input, in order, and the good
    ones are judged as if they were alone."""
    goods = sorted((ROOT / "examples" / "dossiers").glob("eligible-*"))[:4]
    inputs: list[tuple[str, list[dict[str, Any]]]] = [(str(goods[0]), [{"verdict": "eligible"}])]
    for case in CASES:
        inputs.append((str(HOSTILE / case["file"]), expected_records(case)))
        if len(inputs) % 30 == 0:
            inputs.append((str(goods[len(inputs) // 30 % len(goods)]), [{"verdict": "eligible"}]))
    for name, (_, expected, _, in_process) in GENERATED.items():
        if not in_process:
            inputs.append((str(generated[name]), expected))
    inputs.append((str(goods[-1]), [{"verdict": "eligible"}]))
    run = evaluate(*(path for path, _ in inputs), fmt="jsonl")
    no_traceback(run.stdout, run.stderr)
    records = run.records("jsonl")
    expected = [want for _, wants in inputs for want in wants]
    assert len(records) == len(expected) == sum(len(w) for _, w in inputs)
    assert len(records) >= len(CASES) + len(GENERATED)
    for record, want in zip(records, expected):
        check_record(record, want, record["source"])
    good_sources = {str(g) for g in goods}
    judged = [r for r in records if r["source"] in good_sources]
    assert len(judged) == sum(path in good_sources for path, _ in inputs)
    assert all(r["verdict"] == "eligible" and r["computed"] for r in judged)
    assert run.code == 2


def test_batch_folder(evaluate: Callable[..., Run]) -> None:
    """The corpus folder itself, walked: one record per dossier file (cases.yaml excluded), the same
    answers."""
    run = evaluate(str(HOSTILE), "--exclude", "cases.yaml", fmt="jsonl")
    no_traceback(run.stdout, run.stderr)
    records = run.records("jsonl")
    by_case = {str(HOSTILE / c["file"]): expected_records(c) for c in CASES}
    assert len(records) == sum(len(v) for v in by_case.values())
    seen: dict[str, int] = {}
    for record in records:
        path = (
            record["source"] if record["source"] in by_case else record["source"].rsplit(":", 1)[0]
        )  # `file:line`
        index = seen.get(path, 0)
        seen[path] = index + 1
        check_record(record, by_case[path][index], record["source"])
    assert run.code == 2


# --- interrupted and failing output -------------------------------------------------------------------

@pytest.fixture(scope="module")
def many_lines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lines") / "many.jsonl"
    path.write_text((GOOD_LINE + "\n") * 3000, encoding="utf-8")
    return path


def test_sigpipe_head(many_lines: Path) -> None:
    """`proa-policy evaluate … | head -1`: the reader goes away; no traceback, no hang."""
    if PROA_POLICY is None:
        pytest.skip("the proa-policy entry point is not installed")
    producer = subprocess.Popen([PROA_POLICY, "evaluate", str(many_lines), "--format", "jsonl"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None and producer.stderr is not None
    first = producer.stdout.readline()
    producer.stdout.close()  # what `head -1` does after its line
    stderr = producer.stderr.read().decode("utf-8", "replace")
    code = producer.wait(timeout=60)
    assert json.loads(first)["verdict"] == "eligible"
    no_traceback(stderr)
    assert "Exception ignored" not in stderr, stderr
    assert code != 0  # it did not finish: it must not say "all eligible"


def test_sigpipe_shell_pipeline(many_lines: Path) -> None:
    if PROA_POLICY is None or shutil.which("head") is None:
        pytest.skip("needs proa-policy and head")
    result = subprocess.run(f"'{PROA_POLICY}' evaluate '{many_lines}' --format jsonl | head -1",
                            shell=True, capture_output=True, text=True, timeout=60)
    assert len(result.stdout.splitlines()) == 1
    no_traceback(result.stderr)


def _group_members(group: int) -> list[int]:
    """The pids still alive in process group `group` (from /proc)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_sigint(tmp_path: Path, jobs: int) -> None:
    """Ctrl-C mid-batch, with or without workers: `interrompu`, exit 130, no traceback, no process left.

    Deterministic: the input is a named pipe that the test keeps open, so the
    batch cannot finish before the signal; the signal is sent to the whole
    process group (as a terminal's Ctrl-C is) only once the first decisions
    have been written, the readiness marker. The timeout only detects a hang.
    """
    if PROA_POLICY is None or not Path("/proc/self/stat").exists():
        pytest.skip("needs the proa-policy entry point and /proc")
    fifo = tmp_path / "endless.jsonl"
    os.mkfifo(fifo)
    command = [PROA_POLICY, "evaluate", str(fifo), "--format", "jsonl", "--jobs", str(jobs)]
    producer = subprocess.Popen(command,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert producer.stdout is not None
    stop = threading.Event()

    def feed() -> None:  # the input never ends while the batch runs
        try:
            with open(fifo, "w", encoding="utf-8") as pipe:
                while not stop.is_set():
                    pipe.write(GOOD_LINE + "\n")
        except (BrokenPipeError, OSError):
            pass  # the batch has ended: nobody reads the pipe any more

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    # a hang detector, not a timing condition: a batch that never writes is killed, and the test fails
    watchdog = threading.Timer(120, lambda: producer.poll() is None and os.killpg(producer.pid, 9))
    watchdog.start()
    try:
        assert json.loads(producer.stdout.readline())["verdict"] == "eligible"  # evaluation has started
        os.killpg(producer.pid, signal.SIGINT)
        _, stderr = producer.communicate(timeout=60)
    finally:
        watchdog.cancel()
        stop.set()
        if producer.poll() is None:
            os.killpg(producer.pid, signal.SIGKILL)
        feeder.join(timeout=60)
    text = stderr.decode("utf-8", "replace")
    no_traceback(text)
    assert "KeyboardInterrupt" not in text and text.strip().endswith("interrompu"), text
    assert producer.returncode == 130
    assert _group_members(producer.pid) == []


def test_output_device_full() -> None:
    """Writing the report fails (disk full): a one-line message and exit 2, not a traceback."""
    if not Path("/dev/full").exists() or PROA_POLICY is None:
        pytest.skip("needs /dev/full and proa-policy")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [PROA_POLICY, "evaluate", str(HOSTILE / "good-eligible.json"), "--format", "jsonl"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    no_traceback(result.stderr)
    assert result.returncode == 2 and "No space left on device" in result.stderr
