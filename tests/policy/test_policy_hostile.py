"""Issue 6 §2: policy files are code under review.

A copy of the shipped policy set is broken in one way or several at once;
`load_policies` must raise one `PolicyError` listing every problem as
`file:line: message`. And no policy content can run code, read a file other
than the policy files, or open a connection: an audit hook (PEP 578) watches
every load of a hostile set, on top of `socket.socket` and `builtins.open`
being replaced for the duration.
"""

from __future__ import annotations

import builtins
import os
import re
import shutil
import socket
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import proa_policy
from proa_policy import PolicyError
from proa_policy.resources import schema_path

from ..conftest import POLICIES

MARKER = "/tmp/proa-policy-policy-pwned"


# --- breaking a copy of the policy set ---------------------------------------------------------------

def replace(root: Path, file: str, old: str, new: str) -> int:
    """Replace the first `old` by `new` in `file`; return the line where `new` starts (1-based)."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


#: name → inject(root) returning (file, line, message substring); each changes a different place
Breakage = Callable[[Path], tuple[str, int, str]]


def duplicate_key(root: Path) -> tuple[str, int, str]:
    line = replace(root, "article-10.yaml", 'title: "Suivi', 'title: "Suivi (bis)"\ntitle: "Suivi')
    return "article-10.yaml", line + 1, "duplicate key `title`"


def python_tag(root: Path) -> tuple[str, int, str]:
    line = replace(
        root, "article-11.yaml", "title:", f'pwn: !!python/object/apply:os.system ["touch {MARKER}"]\ntitle:'
    )
    return (
        "article-11.yaml",
        line,
        "YAML tag `tag:yaml.org,2002:python/object/apply:os.system` is not accepted",
    )


def missing_citation(root: Path) -> tuple[str, int, str]:
    citation = (
        '        citation: "Accord du 22 janvier 2021, art. 4, al. 2 : « sans pouvoir être inférieure à 150'
        ' heures »"\n'
    )
    line = replace(root, "article-04.yaml", citation, "")
    return "article-04.yaml", line - 2, "'citation' is required"  # the value item, two lines up


def date_not_a_date(root: Path) -> tuple[str, int, str]:
    line = replace(root, "article-08.yaml", "value: 2021-05-12", "value: 2021-02-30")
    return "article-08.yaml", line - 1, "`2021-02-30` is not a date"


def unknown_function(root: Path) -> tuple[str, int, str]:
    line = replace(root, "article-05.yaml", '"dossier.pro_a.contract_amendment.signed"',
                   '"frobnicate(dossier.pro_a.contract_amendment.signed)"')
    return "article-05.yaml", line, "unknown function `frobnicate`"


def unknown_operator(root: Path) -> tuple[str, int, str]:
    line = replace(
        root,
        "article-05.yaml",
        '"dossier.pro_a.tutor_designated"',
        '"dossier.pro_a.tutor_designated <=> true"',
    )
    return "article-05.yaml", line, "rule `art5.tutor`, condition: unexpected"


def missing_parameter(root: Path) -> tuple[str, int, str]:
    line = replace(root, "article-08.yaml", '>= param.entry_into_force"', '>= param.no_such_parameter"')
    return "article-08.yaml", line, "unknown parameter `no_such_parameter`"


def missing_computed(root: Path) -> tuple[str, int, str]:
    line = replace(root, "article-06.yaml", '<= computed.funding_ceiling_eur"', '<= computed.no_such_value"')
    return "article-06.yaml", line, "unknown computed value `no_such_value`"


def cycle(root: Path) -> tuple[str, int, str]:
    replace(
        root,
        "article-04.yaml",
        'expr: "add_days(anniversary(dossier.pro_a.start_date, param.max_duration_months), -1)"',
        'expr: "add_days(computed.earliest_end_date, 1)"',
    )
    line = replace(
        root,
        "article-04.yaml",
        'expr: "add_days(anniversary(dossier.pro_a.start_date, param.min_duration_months), -1)"',
        'expr: "add_days(computed.latest_end_date, -1)"',
    )
    return "article-04.yaml", line, "computed values form a cycle"


def type_error(root: Path) -> tuple[str, int, str]:
    line = replace(root, "article-07.yaml", "condition: \"dossier.employer.kind in ['ETT', 'ETTI']\"",
                   'condition: "dossier.pro_a.start_date > 5"')
    return "article-07.yaml", line, "cannot compare a date with a number"


READ_STAGE: dict[str, Breakage] = {
    "duplicate key": duplicate_key, "python tag": python_tag, "parameter without citation": missing_citation,
    "date that is not a date": date_not_a_date,
}
COMPILE_STAGE: dict[str, Breakage] = {
    "unknown function": unknown_function,
    "unknown operator": unknown_operator,
    "missing parameter": missing_parameter,
    "missing computed value": missing_computed,
    "cycle": cycle,
    "date compared with a number": type_error,
}


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(POLICIES, root, ignore=shutil.ignore_patterns("tests", "sources"))  # only *.yaml are read
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        proa_policy.load_policies(root)
    return [str(p) for p in caught.value.problems]


def assert_reported(
    problems: list[str], root: Path, file: str, line: int | tuple[int, ...], message: str
) -> None:
    """One problem says `file:line[:column]: …message…` (at one of the lines, when several are right)."""
    lines = "|".join(str(n) for n in ((line,) if isinstance(line, int) else line))
    pattern = re.compile(re.escape(str(root / file)) + rf":({lines})(:\d+)?: .*" + re.escape(message))
    assert any(pattern.match(p) for p in problems), (f"{file}:{line}: {message}", problems)


@pytest.mark.parametrize("name", [*READ_STAGE, *COMPILE_STAGE])
def test_each_problem_alone(name: str, policy_copy: Path) -> None:
    inject = {**READ_STAGE, **COMPILE_STAGE}[name]
    file, line, message = inject(policy_copy)
    assert_reported(problems_of(policy_copy), policy_copy, file, line, message)


def test_read_problems_all_together(policy_copy: Path) -> None:
    expected = [inject(policy_copy) for inject in READ_STAGE.values()]
    problems = problems_of(policy_copy)
    for file, line, message in expected:
        assert_reported(problems, policy_copy, file, line, message)


def test_compile_problems_all_together(policy_copy: Path) -> None:
    expected = [inject(policy_copy) for inject in COMPILE_STAGE.values()]
    problems = problems_of(policy_copy)
    for file, line, message in expected:
        assert_reported(problems, policy_copy, file, line, message)


def test_every_problem_together(policy_copy: Path) -> None:
    expected = [inject(policy_copy) for inject in (*READ_STAGE.values(), *COMPILE_STAGE.values())]
    problems = problems_of(policy_copy)
    for file, line, message in expected:
        assert_reported(problems, policy_copy, file, line, message)


# --- nothing runs, nothing is read, nothing connects ---------------------------------------------------

FORBIDDEN_EVENTS = ("os.system", "subprocess.", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "socket.",
                    "exec", "compile", "ctypes.", "urllib.", "http.", "ftplib.", "smtplib.", "os.remove",
                    "os.rename", "os.mkdir", "shutil.", "os.chmod", "os.symlink", "import")
_recording: list[list[tuple[str, tuple[Any, ...]]]] = []
_warm: list[bool] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recording and (event == "open" or event.startswith(FORBIDDEN_EVENTS)):
        _recording[-1].append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed: it only records inside `watch`


def watch(root: Path, cache: Path | None = None) -> tuple[Any, list[str]]:
    """Load `root` with every file opening, socket, process and `exec` recorded; return (result, offences).

    The cache of validated sets (cache.py) is off unless `cache` names its folder, which may then be used.
    """
    if not _warm:  # lazy imports are not the hostile set's doing
        proa_policy.load_policies(POLICIES)
        _warm.append(True)
    events: list[tuple[str, tuple[Any, ...]]] = []
    opened: list[str] = []
    real_open = builtins.open

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def no_socket(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a policy load created a socket")

    allowed = (os.path.realpath(root) + os.sep, os.path.realpath(schema_path("x").parent) + os.sep,
               *([os.path.realpath(cache) + os.sep] if cache else []))
    _recording.append(events)
    try:
        with pytest.MonkeyPatch.context() as patch:
            if cache is None:
                patch.setenv("PROA_POLICY_NO_CACHE", "1")
            else:
                patch.delenv("PROA_POLICY_NO_CACHE", raising=False)
                patch.setenv("PROA_POLICY_CACHE_DIR", str(cache))
            patch.setattr(builtins, "open", spy_open)
            patch.setattr(socket, "socket", no_socket)
            try:
                result: Any = proa_policy.load_policies(root)
            except PolicyError as exc:
                result = exc
    finally:
        _recording.remove(events)
    def inside(path: Any, folders: tuple[str, ...]) -> bool:
        real = os.path.realpath(path) + os.sep
        return real.startswith(folders)

    offences = [f"open {path}" for path in opened if not inside(path, allowed)]
    for event, args in events:
        if event == "open":
            if isinstance(args[0], int):
                continue  # `os.fdopen` of a descriptor already opened (and recorded) by path
            if isinstance(args[0], str) and _one_component(args[0]):
                continue  # safefile.read_inside: one name opened from a folder's descriptor, from the root
            if not isinstance(args[0], (str, bytes, os.PathLike)) or not inside(args[0], allowed):
                offences.append(f"open {args[0]!r}")
        elif cache is not None and event in ("os.mkdir", "os.rename") and all(
                inside(a, allowed[-1:]) for a in args if isinstance(a, (str, os.PathLike))):
            continue  # the cache writing its own entry
        else:
            offences.append(f"{event} {args!r:.200}")
    return result, offences


def _one_component(name: str) -> bool:
    return bool(name) and os.sep not in name and name not in (os.curdir, os.pardir)


CODE_IN_CONDITIONS = [
    "open('/etc/passwd')",
    "__import__('os').system('touch " + MARKER + "')",
    "eval('1 + 1') == 2",
    "exec('import os')",
    "compile('1', 'x', 'eval')",
    "getattr(dossier, 'pro_a')",
    "globals()",
    "dossier.__class__",
    "dossier.pro_a.start_date.__class__.__mro__",
    "().__class__.__bases__[0].__subclasses__()",
    "[c for c in ()]",
    "lambda: 1",
    "dossier.pro_a.total_hours.__add__(1) > 0",
    "__builtins__",
    "import os",
    "dossier.pro_a.total_hours; import os",
    "f'{dossier}'",
    "socket.create_connection(('example.com', 80))",
    "urlopen('http://example.com')",
    "'%s' % dossier",
]


@pytest.mark.parametrize("condition", CODE_IN_CONDITIONS)
def test_code_in_a_condition_fails_at_load(condition: str, policy_copy: Path) -> None:
    line = replace(policy_copy, "article-05.yaml", '"dossier.pro_a.tutor_designated"', repr_yaml(condition))
    result, offences = watch(policy_copy)
    assert isinstance(result, PolicyError), condition
    assert_reported(
        [str(p) for p in result.problems],
        policy_copy,
        "article-05.yaml",
        line,
        "rule `art5.tutor`, condition",
    )
    assert not offences, offences
    assert not Path(MARKER).exists()


def repr_yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_code_in_a_message_placeholder_or_computed_value(policy_copy: Path) -> None:
    message_line = replace(
        policy_copy,
        "article-05.yaml",
        "fr: \"l'avenant au contrat de travail qui met en place la Pro-A n'est pas signé\"",
        "fr: \"{__import__('os').system('touch " + MARKER + "')} {open('/etc/passwd').read()}\"",
    )
    computed_line = replace(
        policy_copy,
        "article-06.yaml",
        'expr: "round_half_up(param.hourly_rate_eur * dossier.pro_a.training_hours, 2)"',
        "expr: \"open('/etc/passwd')\"",
    )
    result, offences = watch(policy_copy)
    assert isinstance(result, PolicyError)
    problems = [str(p) for p in result.problems]
    # a placeholder is reported at its rule (line of `- id:`), or better at the message itself
    rule_line = (policy_copy / "article-05.yaml").read_text(encoding="utf-8").splitlines().index(
        "  - id: art5.amendment_signed"
    ) + 1
    assert_reported(problems, policy_copy, "article-05.yaml", (rule_line, message_line),
                    "rule `art5.amendment_signed`, message, placeholder `{__import__('os')")
    assert_reported(problems, policy_copy, "article-05.yaml", (rule_line, message_line),
                    "rule `art5.amendment_signed`, message, placeholder `{open('/etc/passwd').read()}`")
    assert_reported(problems, policy_copy, "article-06.yaml", computed_line, "computed `funding_ceiling_eur`")
    assert not offences, offences
    assert not Path(MARKER).exists()


@pytest.mark.parametrize("tag", [
    f'!!python/object/apply:os.system ["touch {MARKER}"]',
    "!!python/object/apply:builtins.open [\"/etc/passwd\"]",
    "!!python/object/new:socket.socket []",
    "!!python/name:os.system ''",
    "!!python/module:os ''",
    f'!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {MARKER}"]',
])
def test_yaml_python_tags_are_refused(tag: str, policy_copy: Path) -> None:
    line = replace(policy_copy, "article-10.yaml", "title:", f"pwn: {tag}\ntitle:")
    result, offences = watch(policy_copy)
    assert isinstance(result, PolicyError)
    assert_reported(
        [str(p) for p in result.problems], policy_copy, "article-10.yaml", line, "is not accepted"
    )
    assert not offences, offences
    assert not Path(MARKER).exists()


def test_tag_directive_cannot_smuggle_python(policy_copy: Path) -> None:
    path = policy_copy / "article-10.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title:", f'pwn: !!object/apply:os.system ["touch {MARKER}"]\ntitle:', 1
    )
    path.write_text("%TAG !! tag:yaml.org,2002:python/\n---\n" + text, encoding="utf-8")
    result, offences = watch(policy_copy)
    assert isinstance(result, PolicyError) and "python/object/apply:os.system` is not accepted" in str(result)
    assert not offences and not Path(MARKER).exists()


def test_alias_bomb_in_a_policy_file(policy_copy: Path) -> None:
    bomb = "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    path = policy_copy / "article-10.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + 'a: &a ["lol", "lol", "lol"]\n' + bomb, encoding="utf-8"
    )
    result, offences = watch(policy_copy)
    assert isinstance(result, PolicyError) and "YAML aliases (`*name`) are not accepted" in str(result)
    assert not offences


def test_a_valid_set_reads_only_its_own_files(policy_copy: Path) -> None:
    result, offences = watch(policy_copy)
    assert isinstance(result, proa_policy.PolicySet)
    assert not offences, offences


def test_the_cache_touches_only_its_folder(policy_copy: Path, tmp_path: Path) -> None:
    """With the cache on, a load writes its entry and the next one reads it back: nothing else is touched."""
    for _ in range(2):
        result, offences = watch(policy_copy, cache=tmp_path / "cache")
        assert isinstance(result, proa_policy.PolicySet)
        assert not offences, offences
    assert list((tmp_path / "cache").glob("*.json"))


def test_a_link_out_of_the_set_is_not_followed(policy_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("api_key: hunter2\n", encoding="utf-8")
    (policy_copy / "article-99.yaml").symlink_to(secret)
    result, offences = watch(policy_copy)
    assert isinstance(result, PolicyError) and "symbolic link out of the policy folder" in str(result)
    assert not offences, offences
    assert "api_key" not in str(result) and "hunter2" not in str(result)
