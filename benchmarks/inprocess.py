"""Section 1: the rules in process, side by side with the hand-written reference and the Rego peers.

Every implementation judges the same generated valid dossiers in interleaved passes; they must agree on
every verdict, failing-rule set, funding ceiling and art. 6 warning, else the run stops with exit code 1.
What each one is given is what its API takes: the hand-written rules and the already-validated entry
point take the exact-decimal document (`jsontext.load_json`), the public `evaluate` takes what
`json.loads` returns (floats: it normalises and validates them itself), the peers take the JSON text
(regorus) or the `json.loads` value (OPA's bridge, which encodes it as JSON again).
"""

from __future__ import annotations

import cProfile
import io
import json
import re
from decimal import Decimal
from typing import Any, Callable

import generate
import peers
import reference
from common import ROOT, interleaved, median_ratio, record, say, target
from proa_policy.read.jsontext import load_json
from proa_policy.engine.policyset import load_policies

WARNING_RULE = "art6.funding_within_ceiling"


def decide_valid(policies: Any) -> Callable[[Any], Any]:
    """The entry point for a document already validated: the public one when the engine has it."""
    public = getattr(policies, "decide_valid", None)
    if public is not None:
        return public
    private = policies._decide  # before the public entry point: the rules without schema validation
    return lambda document: private(document, None, "fr", False)


def expected(document: dict[str, Any]) -> tuple[str, frozenset[str], Decimal, bool]:
    verdict, failing, ceiling = reference.decide(document)
    return verdict, failing, ceiling, reference.funding_warning(document, ceiling)


def ours(decision: Any) -> tuple[str, frozenset[str], Decimal, bool]:
    failing = frozenset(v.rule for v in decision.violations)
    return (decision.verdict, failing, decision.funding.get("ceiling_eur"),
            any(w.rule == WARNING_RULE for w in decision.warnings))


def rules_in_process(n: int, passes: int, peer_n: int, profile: bool) -> None:
    say(f"\n## 1. The rules in process ({n:,} generated valid dossiers, "
        f"median of {passes} interleaved passes, CPU time)")
    texts = [generate.dumps(d) for d in generate.dossiers(n)]
    exact = [load_json(t) for t in texts]  # Decimal numbers, as `proa-policy evaluate` reads a file
    plain = [json.loads(t) for t in texts]  # floats, what an embedding program has
    policies = load_policies()
    valid = decide_valid(policies)
    evaluate = policies.evaluate
    fns = {
        "hand-written": reference.decide,
        "public": evaluate,
        "valid": valid,
        "to_dict": lambda d: evaluate(d).to_dict(),
    }
    inputs = {"hand-written": exact, "public": plain, "valid": exact, "to_dict": plain}
    times, results = interleaved(fns, inputs, passes)
    _check_agreement(exact, results["public"], results["valid"])

    us = 1e6 / n
    med = {name: sorted(t)[len(t) // 2] * us for name, t in times.items()}
    public_ratio = median_ratio(times["public"], times["hand-written"])
    valid_ratio = median_ratio(times["valid"], times["hand-written"])
    to_dict_extra = median_ratio(times["to_dict"], times["public"]) - 1
    record("in process", "hand-written (benchmarks/reference.py)", f"{med['hand-written']:.1f} µs/dossier")
    record("in process", "`load_policies().evaluate(d)` (public, validation included)",
           f"{med['public']:.1f} µs/dossier, {public_ratio:.1f}× hand-written")
    label = "`decide_valid`" if hasattr(policies, "decide_valid") else "`_decide` (private)"
    record("in process", f"{label}: a document already validated",
           f"{med['valid']:.1f} µs/dossier, {valid_ratio:.1f}× hand-written")
    record("in process", "`evaluate(d).to_dict()`",
           f"{med['to_dict']:.1f} µs/dossier, +{to_dict_extra:.0%} over `evaluate`")
    target("public `evaluate` ≤ 3× hand-written (moonshot 2×)", f"{public_ratio:.1f}×",
           public_ratio <= 3)
    target(f"already-validated document ({label}) ≤ 2× hand-written", f"{valid_ratio:.1f}×",
           valid_ratio <= 2)
    target("`to_dict()` adds ≤ 30 %", f"{to_dict_extra * 100:.1f} %", to_dict_extra <= 0.30)

    compare_peers(policies, texts[:peer_n], plain[:peer_n], exact[:peer_n], passes, texts, plain, exact)
    if profile:
        say(f"\n  cProfile of one pass of the public `evaluate` over {n:,} dossiers, top 12 by tottime:")
        profiler = cProfile.Profile()
        profiler.enable()
        for d in plain:
            evaluate(d)
        profiler.disable()
        print_profile(profiler, 12)


def _check_agreement(exact: list[Any], public: list[Any], valid: list[Any]) -> None:
    verdicts: dict[str, int] = {}
    wrong = []
    for document, by_public, by_valid in zip(exact, public, valid):
        want = expected(document)
        verdicts[want[0]] = verdicts.get(want[0], 0) + 1
        if ours(by_public) != want or ours(by_valid) != want:
            wrong.append((document, want, ours(by_public), ours(by_valid)))
    say("  verdicts: " + ", ".join(f"{count:,} {verdict}" for verdict, count in sorted(verdicts.items())))
    if wrong:
        say(f"  DISAGREE on {len(wrong):,}/{len(exact):,} dossiers; the first 5:")
        for document, want, by_public, by_valid in wrong[:5]:
            say(f"    hand-written: {want}\n    evaluate:     {by_public}\n    valid:        {by_valid}")
            say(f"    dossier: {generate.dumps(document)}")
        raise SystemExit(1)
    say(f"  agree on {len(exact):,}/{len(exact):,} (verdict, failing rules, ceiling, art. 6 warning)")


def compare_peers(policies: Any, texts: list[str], plain: list[Any], exact: list[Any], passes: int,
                  all_texts: list[str], all_plain: list[Any], all_exact: list[Any]) -> None:
    """OPA and regorus on the first dossiers (they are slow), timed beside the hand-written rules;
    their agreement is checked on every dossier."""
    say(f"\n  Peers: benchmarks/rego/proa.rego on {len(texts):,} of the dossiers "
        f"(agreement on all {len(all_texts):,})")
    found, missing = peers.load_peers(peers.rego_data(policies))
    for sentence in missing:
        say(f"  {sentence}: skipped")
    for name in ("OPA", "regorus"):
        if not any(p.name.startswith(name) for p in found):
            target(f"{name} measured in the same run (ratio to hand-written)", "n/a (not installed)", None)
    for peer in found:
        wrong = [(t, got, want) for t, v, d in zip(all_texts, all_plain, all_exact)
                 if (got := _peer_outcome(peer, t, v)) != (want := _peer_expected(d))]
        if wrong:
            say(f"  {peer.name} DISAGREES on {len(wrong):,}/{len(all_texts):,}; the first 3:")
            for text, got, want in wrong[:3]:
                say(f"    {peer.name}: {got}\n    hand-written: {want}\n    dossier: {text}")
            raise SystemExit(1)
        judge = peer.judge
        fns = {"hand-written": reference.decide, peer.name: lambda i: judge(texts[i], plain[i])}
        times, _ = interleaved(fns, {"hand-written": exact, peer.name: range(len(texts))}, passes,
                               keep=False)
        ratio = median_ratio(times[peer.name], times["hand-written"])
        us = sorted(times[peer.name])[passes // 2] * 1e6 / len(texts)
        total = len(all_texts)
        record("peers", f"{peer.name}, {peer.package} {peer.version}",
               f"{us:,.0f} µs/dossier, {ratio:,.0f}× hand-written; agrees on {total:,}/{total:,}")
        short = peer.name.split(" ")[0]
        target(f"{short} measured in the same run (ratio to hand-written)", f"{ratio:,.0f}×", None)


def _peer_outcome(peer: peers.Peer, text: str, value: Any) -> Any:
    try:
        return peers.outcome(peer.judge(text, value))
    except Exception as exc:  # an evaluation error is a disagreement, shown as such
        return f"error: {type(exc).__name__}: {str(exc)[:200]}"


def _peer_expected(document: dict[str, Any]) -> peers.Outcome:
    verdict, failing, ceiling, warned = expected(document)
    return verdict, failing, frozenset({WARNING_RULE} if warned else ()), int(ceiling * 100)


def print_profile(profiler: cProfile.Profile, top: int) -> None:
    import pstats

    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    head = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    for line in lines[head:]:
        if line.strip():
            line = line.replace(str(ROOT) + "/", "")
            say("    " + re.sub(r"/\S*/(site-packages|lib/python3\.\d+)/", "", line))
