"""How fast `incluzo report` reads big legal logs, and that the cost grows linearly with the files given.

Issue 12 (item 16) found one 4.98 MB log taking 10.45 s and a folder of 50 not finished in 300 s. Each
log here is a legal team game near the save limits (20,000 records, 5 MB): rounds picked, revealed and
undone, and profile records with long labels, on tests/fixtures/rapport-proef.yaml. A folder of 1, 5
and 25 such logs (each with its three autosave copies, which must not count) is reported; the time per
megabyte should stay flat. CPU time is the judged figure (it stays true when other work shares the
machine). Run alone: `python benchmarks/bench_report.py`.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from incluzo.cli import main
from incluzo.engine.logs import savelog

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
FOLDERS = (1, 5, 25)
TARGET_SECONDS_PER_MB = 1.0  # CPU seconds per megabyte of session logs read


def big_log(number: int) -> str:
    """A legal team log just under the save limits (records and bytes)."""
    header = (FIXTURES / "logs" / "team-1.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    lines = list(header)
    label = "Werkgroep " + "ondersteuning " * 60
    profile = {
        "type": "profile",
        "respondents": 4,
        "current": ["40", "30", "20", "10"],
        "desired": ["10", "20", "40", "30"],
        "questionnaire": "welke-bril",
    }
    round_ = [
        '{"type":"team-pick","team":1,"choice":"werkplek","card":"drukte"}',
        '{"type":"team-pick","team":2,"choice":"strategie","card":"drukte"}',
        '{"type":"team-reveal","card":"drukte","ms":120000,"counts":null}',
        '{"type":"team-undo","team":null}',
    ]
    step = 0
    while len(lines) < savelog.MAX_RECORDS - 10:
        lines += round_
        lines.append(json.dumps({**profile, "label": f"{label}{number}-{step}"}))
        step += 1
        if sum(len(line) + 1 for line in lines) > savelog.MAX_BYTES - 2_000:
            break
    while sum(len(line) + 1 for line in lines) > savelog.MAX_BYTES:
        lines.pop()
    return "\n".join(lines) + "\n"


def folder_of(root: Path, count: int, text: str) -> Path:
    folder = root / f"logs-{count}"
    folder.mkdir()
    for number in range(count):
        name = f"rapport-proef-20261112-{100000 + number}"
        (folder / f"{name}.jsonl").write_text(text, encoding="utf-8")
        for slot in (1, 2, 3):
            (folder / f"{name}.autosave-{slot}.jsonl").write_text(text, encoding="utf-8")
    return folder


def timed(folder: Path, out: Path) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stderr(io.StringIO()):
        code = main(["report", str(folder), "--scenarios", str(FIXTURES), "--out", str(out)])
    assert code == 0
    return time.perf_counter() - wall, time.process_time() - cpu


def run() -> dict[str, Any]:
    """The measurements as JSON-able data (for benchmarks/run.py)."""
    text = big_log(0)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for count in FOLDERS:
            wall, cpu = timed(folder_of(root, count, text), root / f"out-{count}")
            sessions = (root / f"out-{count}" / "sessions.csv").read_text(encoding="utf-8-sig")
            rows.append(
                {
                    "logs": count,
                    "files": 4 * count,
                    "sessions_counted": sum(1 for line in sessions.splitlines()[1:] if line) // 2,
                    "megabytes": round(count * megabytes, 2),
                    "wall_seconds": round(wall, 2),
                    "cpu_seconds": round(cpu, 2),
                    "cpu_seconds_per_mb": round(cpu / (count * megabytes), 3),
                }
            )
    worst = max(row["cpu_seconds_per_mb"] for row in rows)
    return {
        "name": "report",
        "log": f"a legal team game of {megabytes:.2f} MB ({text.count(chr(10)):,} records)",
        "folders": rows,
        "target_cpu_seconds_per_mb": TARGET_SECONDS_PER_MB,
        "meets_target": worst <= TARGET_SECONDS_PER_MB,
        "linear": max(r["cpu_seconds_per_mb"] for r in rows)
        <= 1.5 * min(r["cpu_seconds_per_mb"] for r in rows),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
