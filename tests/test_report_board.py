"""`incluzo report` as a board reads it: each session once, Dutch by default, what a board asks, and no
content that can run as a formula, markup or script (issue 12 items 9, 10, 11).

The logs are built from tests/fixtures/logs (played on tests/fixtures/rapport-proef.yaml); see
test_report_cli.py for what each holds.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from testsupport import ROOT

from incluzo.cli import main
from incluzo.commands.reportout import md_text, safe_cell

FIXTURES = ROOT / "tests" / "fixtures"
LOGS = FIXTURES / "logs"
HOSTILE_TEAMS = ["=cmd|' /C calc'!A0", "<script>alert(1)</script>", "+1+1", "@SUM(1)", "-2+3", "\tTab"]


def rows(path: Path, delimiter: str = ";") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def saves(folder: Path) -> Path:
    """A saves folder as the game leaves it: two sessions, each log with its three autosave copies."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in (
        ("rapport-proef-20261112-140312", "solo-1"),
        ("rapport-proef-20261112-153000", "team-1"),
    ):
        lines = (LOGS / f"{source}.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / f"{name}.jsonl").write_text("".join(lines), encoding="utf-8")
        for slot, keep in ((1, len(lines) - 2), (2, len(lines) - 1), (3, len(lines))):
            (folder / f"{name}.autosave-{slot}.jsonl").write_text("".join(lines[:keep]), encoding="utf-8")
    return folder


def report(out: Path, *args: str) -> int:
    return main(["report", *args, "--scenarios", str(FIXTURES), "--out", str(out)])


def test_a_session_counts_once_over_a_folder_and_over_a_glob(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = saves(tmp_path / "saves")
    assert report(tmp_path / "folder", str(folder)) == 0
    globbed = sorted(str(p) for p in folder.glob("*.jsonl"))  # what the shell makes of saves/*.jsonl
    assert len(globbed) == 8
    assert report(tmp_path / "glob", *globbed) == 0
    for name in ("sessions.csv", "choices.csv", "polls.csv", "positions.csv", "recognition.csv"):
        assert rows(tmp_path / "folder" / name) == rows(tmp_path / "glob" / name), name
    sessions = rows(tmp_path / "glob" / "sessions.csv")
    assert [r[0] for r in sessions[1:]] == ["2026-11-12 14:03", "2026-11-12 15:30", "2026-11-12 15:30"]
    assert [r[4] for r in sessions[1:]] == ["", "Uilen", "Vossen"]
    assert rows(tmp_path / "glob" / "polls.csv")[1] == ["rapport-proef", "peiling", "verplicht", "12", "2"]
    summary = (tmp_path / "glob" / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Rapport van de sessies\n\n2 sessies, 3 spellen; 8 bestanden gelezen.\n")


def test_a_damaged_log_is_read_from_its_longest_good_copy_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = saves(tmp_path / "saves")
    log = folder / "rapport-proef-20261112-140312.jsonl"
    log.write_text(log.read_text(encoding="utf-8")[:300] + "{kapot\n", encoding="utf-8")
    assert report(tmp_path / "out", str(folder), "--lang", "en") == 0
    err = capsys.readouterr().err
    assert "read from the copy rapport-proef-20261112-140312.autosave-3.jsonl" in err
    assert len(rows(tmp_path / "out" / "sessions.csv", ",")) == 4


def test_the_report_is_dutch_by_default_with_csv_that_dutch_excel_opens_in_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("INCLUZO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert report(tmp_path / "out", str(LOGS)) == 0
    raw = (tmp_path / "out" / "positions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfscenario;quadrant;games;start;end;shift;desired\r\n")
    assert rows(tmp_path / "out" / "positions.csv")[2] == [
        "rapport-proef",
        "maatwerk",
        "5",
        "25,00",
        "27,67",
        "+2,67",
        "20,00",
    ]
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "## Sessies" in summary and "### Bereikte eindes" in summary


def test_an_english_report_may_still_ask_for_the_dutch_csv_dialect(tmp_path: Path) -> None:
    assert report(tmp_path / "out", str(LOGS), "--lang", "en", "--csv-dialect", "excel-nl") == 0
    assert rows(tmp_path / "out" / "times.csv")[2] == [
        "rapport-proef",
        "drukte",
        "3",
        "93,3",
        "65,0",
        "120,0",
    ]
    assert "# Report of the sessions" in (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")


def test_the_report_answers_a_boards_questions(tmp_path: Path) -> None:
    assert report(tmp_path / "out", str(LOGS), "--lang", "en", "--csv-dialect", "excel") == 0
    out = tmp_path / "out"
    assert rows(out / "endings.csv", ",")[1:] == [
        ["rapport-proef", "incluzo:einde", "4", "5", "80.00"],
        ["rapport-proef", "", "1", "5", "20.00"],
    ]
    budget = rows(out / "budget.csv", ",")
    assert budget[0] == ["scenario", "meter", "games", "budget", "spent_mean", "spent_least", "spent_most"]
    assert [r[1] for r in budget[1:]] == ["kwaliteit", "toegankelijkheid", "betaalbaarheid"]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    for heading in (
        "## Sessions",
        "### Endings reached",
        "### Budget spent per meter",
        "### Affirmative and transformative",
        "### Polls",
    ):
        assert heading in summary
    assert "| End of the scenario | 4 | 80.00 |" in summary
    assert "| Quadrant | Start | End | Shift | Desired | Still to go |" in summary
    assert "| 3. Professional development | 25.00 | 24.66 | -0.34 | 40.00 | +15.34 |" in summary
    assert "| not finished | 1 | 20.00 |" in summary
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 2  # the kites and the pooled profile, embedded
    assert "http://" not in page and "https://" not in page and "<script" not in page


def hostile_logs(folder: Path) -> Path:
    """A team game whose team names are formulas and markup, and profile records that are broken."""
    folder.mkdir()
    lines = (LOGS / "team-1.jsonl").read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["teams"] = HOSTILE_TEAMS[:6]
    good = {"type": "profile", "respondents": 2, "current": ["40", "30", "20", "10"]}
    good["desired"] = ["10", "20", "40", "30"]
    records = [
        {**good, "label": "<img src=x onerror=alert(1)> ![b](http://beacon.example/p.png) a|b"},
        {**good, "label": "# Nep-kop\n## ook"},
        {**good, "current": ["40", "30", "30"], "label": "drie waarden"},
        {**good, "current": ["1" + "0" * 400, "0", "0", "0"], "label": "te groot"},
        {**good, "respondents": -3, "label": "negatief"},
        {"type": "deliberation", "card": "drukte", "ms": -5000},
    ]
    text = [json.dumps(header), *lines[1:3], *(json.dumps(r) for r in records), *lines[3:]]
    (folder / "vijandig.jsonl").write_text("\n".join(text) + "\n", encoding="utf-8")
    shutil.copy(LOGS / "solo-2.jsonl", folder / "solo-2.jsonl")
    return folder


def test_hostile_content_is_neutralised_and_bad_records_are_skipped_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = hostile_logs(tmp_path / "logs")
    out = tmp_path / "out"
    assert report(out, str(folder), "--lang", "en") == 0
    err = capsys.readouterr().err
    log = folder / "vijandig.jsonl"
    assert f"{log}:6: record skipped: 3 values, the model has 4 quadrants" in err
    assert f"{log}:7: record skipped: a score outside 0 to 100" in err
    assert f"{log}:8: record skipped: -3 respondents; expected 1 to 100,000" in err
    assert f"{log}:9: record skipped: a time of -5,000 ms; expected 0 to 86,400,000" in err
    sessions = rows(out / "sessions.csv", ",")
    teams = [r[4] for r in sessions[1:] if r[1].endswith("vijandig.jsonl")]
    assert teams == ["'=cmd|' /C calc'!A0", "<script>alert(1)</script>", "'+1+1", "'@SUM(1)", "'-2+3", "Tab"]
    labels = {r[1] for r in rows(out / "profiles.csv", ",")[1:]}
    assert "<img src=x onerror=alert(1)> ![b](http://beacon.example/p.png) a|b" in labels
    assert not labels & {"drie waarden", "te groot", "negatief"}
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "<script" not in summary and "<img" not in summary and "![b]" not in summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary
    assert "a\\|b" in summary
    assert not any(line.startswith("# Nep") or line.startswith("## ook") for line in summary.splitlines())
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-1,16", "-1,16"),
        ("+2.67", "+2.67"),
        ("Uilen", "Uilen"),
    ],
)
def test_a_cell_that_could_be_a_formula_gets_an_apostrophe_and_a_number_stays_a_number(
    cell: str, safe: str
) -> None:
    assert safe_cell(cell) == safe


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("![b](http://e/p.png)", "!\\[b\\](http://e/p.png)"),
        ("# kop", "\\# kop"),
        ("a|b", "a\\|b"),
        ("## twee\nregel", "\\## twee regel"),
    ],
)
def test_markdown_shows_text_as_text(text: str, shown: str) -> None:
    assert md_text(text) == shown


def test_a_session_named_only_by_its_autosave_copies_is_read_from_the_longest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = saves(tmp_path / "saves")
    copies = sorted(str(p) for p in folder.glob("rapport-proef-20261112-140312.autosave-*.jsonl"))
    assert report(tmp_path / "out", *copies, "--lang", "en") == 0
    sessions = rows(tmp_path / "out" / "sessions.csv", ",")
    assert len(sessions) == 2 and sessions[1][1].endswith("autosave-3.jsonl")
    assert sessions[1][5:7] == ["3", "incluzo:einde"]


def test_each_session_is_read_once_and_its_copies_only_when_it_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incluzo.commands import reportlogs

    reads: list[str] = []
    real = reportlogs.read_save

    def counted(path: Path) -> object:
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(reportlogs, "read_save", counted)
    folder = saves(tmp_path / "saves")
    assert report(tmp_path / "out", str(folder), "--lang", "en") == 0
    assert sorted(reads) == ["rapport-proef-20261112-140312.jsonl", "rapport-proef-20261112-153000.jsonl"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_device_among_the_logs_is_skipped_not_waited_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = saves(tmp_path / "saves")
    os.mkfifo(folder / "pijp.jsonl")
    (folder / "nul.jsonl").symlink_to("/dev/zero")
    outcome: list[int] = []

    def work() -> None:
        outcome.append(report(tmp_path / "out", str(folder), "--lang", "en"))

    worker = threading.Thread(target=work, daemon=True)  # a hang must not keep pytest alive
    worker.start()
    worker.join(timeout=120)  # only to stop a hang
    assert outcome == [0]
    err = capsys.readouterr().err
    for name in ("pijp.jsonl", "nul.jsonl"):
        assert f"{folder / name}: not a regular file (a folder, device or pipe); skipped" in err
    assert len(rows(tmp_path / "out" / "sessions.csv", ",")) == 4
