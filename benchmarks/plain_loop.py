"""The plain loop the CLI is measured against: `json.loads` + the hand-written rules + `json.dumps`.

    python benchmarks/plain_loop.py dossiers.jsonl > decisions.jsonl

One JSON line in, one JSON line out, nothing else: no validation, no messages, no error handling, numbers
read as exact decimals as the CLI reads them. What the CLI's `evaluate --format jsonl` must stay within
2× of (issue 16).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference import decide  # noqa: E402


def main(path: str) -> None:
    loads, dumps, write = json.loads, json.dumps, sys.stdout.write
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            dossier = loads(line, parse_float=Decimal)
            verdict, failing, ceiling = decide(dossier)
            write(dumps({"id": dossier.get("id"), "verdict": verdict, "violations": sorted(failing),
                         "ceiling_eur": str(ceiling)}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
