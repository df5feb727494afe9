"""Issue 12, attack by attack: each test reproduces a way a file or an argument could hang, exhaust,
crash or corrupt incluzo, and asserts a located error or the right behaviour instead, never a
traceback. Hangs are caught by running the attack in a thread with a generous time limit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from scenario_text import SMALL

from incluzo import cli, persistence, savelock
from incluzo.app import App
from incluzo.engine import files
from incluzo.engine.analysis.checks import check_file
from incluzo.engine.logs import savelog
from incluzo.engine.play.session import Advance, Choose, Session, Start
from incluzo.engine.questionnaire import answers
from incluzo.engine.questionnaire import themes as questionnaire
from incluzo.engine.scenario.loader import load_file, load_text
from incluzo.engine.scenario.problems import MAX_PROBLEMS, MAX_SUGGESTIONS, Phrase, ScenarioError, echo
from incluzo.scenes.kit.input import Key
from incluzo.scenes.screens import export
from incluzo.scenes.screens.director import Director
from incluzo.scenes.screens.start import entries, find_scenarios

ROOT = Path(__file__).resolve().parent.parent
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero exist on POSIX only")
LIMIT = 20.0  # seconds: generous, only to turn a hang into a failure


def within(action: Callable[[], Any], seconds: float = LIMIT) -> Any:
    """Run `action` in a thread; fail (instead of hanging the suite) when it does not end in time."""
    found: list[Any] = []

    def run() -> None:
        try:
            found.append(("value", action()))
        except BaseException as error:
            found.append(("error", error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert found, f"still running after {seconds} s"
    kind, value = found[0]
    if kind == "error":
        raise value
    return value


def special(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    return path


def scenario_error(path: Path) -> str:
    with pytest.raises(ScenarioError) as caught:
        within(lambda: load_file(path))
    return caught.value.problems[0].format()


# --- 1. special files -----------------------------------------------------------------------------

REASONS = {"fifo": "a pipe (FIFO)", "zero": "a device", "folder": "a folder"}


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_a_special_file_is_refused_by_every_reader_at_once(tmp_path: Path, kind: str) -> None:
    reason = f"this is {REASONS[kind]}, not a regular file"
    scenario = special(tmp_path, kind, "s.yaml")
    assert scenario_error(scenario) == f"{scenario}:1:1: error: cannot read the file: {reason}"
    found, problems = within(lambda: check_file(scenario))
    assert found is None and reason in problems[0].format()
    with pytest.raises(ScenarioError, match="not a regular file"):
        within(lambda: questionnaire.load_file(scenario))
    table = special(tmp_path, kind, "a.csv")
    themes = questionnaire.load_file(ROOT / "tests" / "fixtures" / "zeven-themas.yaml")
    with pytest.raises(ScenarioError, match="not a regular file"):
        within(lambda: answers.read_file(table, themes))
    save = special(tmp_path, kind, "x.jsonl")
    parsed = within(lambda: persistence.read_leniently(save))
    assert (
        parsed.log is None and parsed.problem.format() == f"{save}:1:1: error: cannot read the save: {reason}"
    )


@POSIX
def test_a_fifo_among_saves_scenarios_and_logs_hangs_nothing(tmp_path: Path, capsys: Any) -> None:
    saves = persistence.saves_dir()
    saves.mkdir(parents=True)
    os.mkfifo(saves / "klein-20260101-000000.jsonl")
    assert within(lambda: persistence.find_unfinished()) is None
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "klein.yaml").write_text(SMALL, "utf-8")
    os.mkfifo(folder / "pijp.yaml")
    listed = within(lambda: entries(find_scenarios(folder), "en"))
    assert [e.title for e in listed] == ["Klein scenario", "pijp"]
    assert "not a regular file" in listed[1].error
    assert within(lambda: cli.main(["report", str(saves), "--out", str(tmp_path / "out")])) == 1
    assert "geen gewoon bestand (een map, apparaat of pijp); overgeslagen" in capsys.readouterr().err


def test_reading_stops_one_byte_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 2000)
    with pytest.raises(files.TooLarge) as caught:
        files.read_limited(path, 1000)
    reason = caught.value.reason
    assert isinstance(reason, Phrase) and reason.text("en") == "2,000 bytes; at most 1,000"
    assert reason.text("nl") == "2,000 bytes; hoogstens 1,000"
    assert files.read_limited(path, 2000) == b"#" * 2000


# --- 2. suggestions and many problems ---------------------------------------------------------------


def many_references(cards: int, unknown: int) -> str:
    """A legal-looking scenario of `cards` cards of 4 choices and `unknown` misspelt `chosen` refs."""
    out = [
        "format: 1",
        "id: veel",
        "title: Veel",
        "language: nl",
        "budget: {kwaliteit: 10, toegankelijkheid: 10, betaalbaarheid: 10}",
        "cards:",
    ]
    made = 0
    for c in range(cards):
        out += [f"  - id: kaart-nummer-{c}", f"    title: Kaart {c}", f"    text: Tekst {c}"]
        if made < unknown:
            refs = " or ".join(f"chosen keuze-nummer-{c}-x{made + k}" for k in range(4))
            out.append(f"    when: {refs}")
            made += 4
        out.append("    choices:")
        for k in range(4):
            out += [
                f"      - id: keuze-nummer-{c}-{k}",
                f"        label: Keuze {k}",
                "        cost: {kwaliteit: 1, toegankelijkheid: 0, betaalbaarheid: 0}",
                "        move: {maatwerk: 1}",
                "        recognition: affirmatief",
                "        outcome: Uitkomst",
            ]
    return "\n".join(out) + "\n"


def test_hundreds_of_unknown_references_are_checked_at_once(tmp_path: Path) -> None:
    path = tmp_path / "veel.yaml"
    path.write_text(many_references(120, 160), "utf-8")  # 40 conditions of 4 unknown choices
    with pytest.raises(ScenarioError) as caught:
        within(lambda: load_file(path))  # a hang fails; speed is measured in benchmarks/
    problems = caught.value.problems
    assert all(p.code == "INC011" for p in problems) and len(problems) == 160
    assert "(did you mean 'keuze-nummer-0-" in problems[0].format()
    assert sum(p.hint == "did_you_mean" for p in problems) == MAX_SUGGESTIONS  # then no more searches


def test_a_file_reports_at_most_200_problems_and_counts_the_rest() -> None:
    keys = "\n".join(f"onbekend-{n}: 1" for n in range(500))
    with pytest.raises(ScenarioError) as caught:
        within(lambda: load_text(SMALL + keys, "s.yaml"))
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert (
        problems[-1]
        .format()
        .endswith("error: 300 more problems are not shown (fix these first, then check again)")
    )


# --- 3. resume onto the file given; the save's source path is untrusted ----------------------------


def unfinished_save(scenario_file: Path) -> Path:
    """A session with a decision in it, saved as the game saves it, from `scenario_file`."""
    app = App.opened(scenario=scenario_file)
    app.step([], 10.0)
    app.step([Key("return")], 0.0)
    app.step([], 10.0)
    app.step([Key("a")], 0.0)
    assert app.game is not None and app.game.save is not None
    savelock.release(app.game.save.path)  # the game is closed
    return app.game.save.path


def with_source(save: Path, source: str) -> None:
    log = savelog.read(save.read_bytes())
    header = savelog.SaveLog(msgspec.structs.replace(log.header, source=source), log.entries)
    save.write_text(header.text(), "utf-8")


def test_a_moved_scenario_resumes_onto_the_file_given(tmp_path: Path) -> None:
    first = tmp_path / "klein.yaml"
    first.write_text(SMALL, "utf-8")
    save = unfinished_save(first)
    moved = tmp_path / "elders.yaml"
    first.rename(moved)
    _, resumed = persistence.resume(save, load_file(moved))
    assert len(resumed.state.game.decisions) == 1
    with pytest.raises(savelog.SaveError, match=r"the scenario file this save names \('.*'\) cannot be used"):
        persistence.resume(save)  # the header's path is gone: say so, and how to go on


@pytest.mark.parametrize("source", ["/etc/passwd", "/dev/zero", "fifo", "other"])
def test_a_tampered_source_path_is_refused_briefly(tmp_path: Path, source: str) -> None:
    scenario = tmp_path / "klein.yaml"
    scenario.write_text(SMALL, "utf-8")
    save = unfinished_save(scenario)
    if source == "fifo" and os.name == "posix":
        os.mkfifo(tmp_path / "fifo.yaml")
        source = str(tmp_path / "fifo.yaml")
    if source == "other":
        (tmp_path / "ander.yaml").write_text(SMALL.replace("id: klein", "id: ander"), "utf-8")
        source = str(tmp_path / "ander.yaml")
    with_source(save, source)
    with pytest.raises(savelog.SaveError) as caught:
        within(lambda: persistence.resume(save))
    message = caught.value.problem.format()
    assert len(message) < 400 and "root:" not in message
    assert caught.value.problem.code in ("SAV013", "SAV014")
    assert message.endswith("(give the scenario file: incluzo play FILE --resume)")


# --- 4. one save, two instances -----------------------------------------------------------------------

HOLD = "import sys, time; from pathlib import Path; from incluzo import savelock; "
HOLD += "savelock.hold(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)"


def test_a_save_open_in_another_process_is_refused_and_not_offered(tmp_path: Path) -> None:
    scenario = tmp_path / "klein.yaml"
    scenario.write_text(SMALL, "utf-8")
    save = unfinished_save(scenario)
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(save)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        assert savelock.in_use(save)
        assert persistence.find_unfinished() is None  # a second instance starts a new session
        with pytest.raises(savelog.SaveError) as caught:
            persistence.restore(save)
        assert caught.value.problem.format().endswith(
            "error: this session is open in another incluzo (close the other window first, "
            "or start a new session)"
        )
    finally:
        other.kill()
        other.wait()
    assert not savelock.in_use(save) and persistence.find_unfinished() == save


def test_a_new_save_is_taken_before_its_first_record_and_not_offered_before_that(tmp_path: Path) -> None:
    """A new session is locked when its first record is written (not at creation, which keeps the lock
    out of the first frame); until then it holds no decision, so it is never offered for resume."""
    scenario = load_text(SMALL, "klein.yaml")
    file = persistence.start(scenario, mode="solo", source="klein.yaml")
    assert persistence.find_unfinished() is None
    _, entry = savelog.perform(Session(scenario), Start())
    assert entry is not None
    file.append(entry)
    check = "import sys; from pathlib import Path; from incluzo import savelock; "
    check += "print(savelock.in_use(Path(sys.argv[1])))"
    other = subprocess.run([sys.executable, "-c", check, str(file.path)], capture_output=True, text=True)
    assert other.stdout.strip() == "True", other.stderr
    savelock.release(file.path)


# --- 5. an early damaged record does not hide an intact autosave -----------------------------------


def test_a_damaged_first_decision_still_finds_the_session_in_its_autosave(tmp_path: Path) -> None:
    scenario = load_text(SMALL, "klein.yaml")
    file = persistence.start(scenario, mode="solo", source="klein.yaml")
    session = Session(scenario)
    for step in (Start(), Choose("werkplek"), Advance(), Advance()):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        file.append(entry)
    savelock.release(file.path)
    data = file.path.read_bytes()
    at = data.index(b'"choose"') + 3
    file.path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])  # a flipped byte in the first choice
    assert persistence.find_unfinished() == file.path
    restored = persistence.restore(file.path)
    assert len(restored.log.entries) == 4 and ".autosave-" in restored.read_from.name


# --- 6 and 7. tags and lone surrogates ---------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", '""', "0b", "+", "0x", "0o9", "3.5", "-"])
def test_an_int_tag_on_a_non_number_is_a_located_error(value: str) -> None:
    text = SMALL.replace("kwaliteit: 4,", f"kwaliteit: !!int {value},", 1)
    with pytest.raises(ScenarioError) as caught:
        load_text(text, "s.yaml")
    assert (
        caught.value.problems[0]
        .format()
        .startswith("s.yaml:5:21: error: budget.kwaliteit: expected a whole number, found '")
    )


def test_a_lone_surrogate_is_refused_at_load_time() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_text(SMALL.replace("title: Klein scenario", 'title: "Klein \\ud83d"'), "s.yaml")
    assert (
        caught.value.problems[0]
        .format()
        .startswith(
            "s.yaml:3:8: error: title: character U+D83D (a lone surrogate) is not allowed in a text "
            "(character 7)"
        )
    )


# --- 11 and 13. the debrief export ---------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> ![b](http://x.invalid/b.png) <img src=x onerror=alert(1)> a|b"


def test_markdown_from_content_is_literal_text() -> None:
    escaped = export.md(HOSTILE + "\n# kop\n- lijst\n12. nummer")
    assert re.search(r"(?<!\\)[<>\[\]|!]", escaped) is None  # every tag, link, image and cell escaped
    assert "\n\\# kop\n\\- lijst\n12\\. nummer" in escaped
    assert escaped.startswith("\\<script\\>alert(1)\\</script\\> \\!\\[b\\](http://x.invalid/b.png)")
    assert export.cell("een\nregel | twee") == "een regel \\| twee"


def test_a_long_hostile_title_exports_under_a_short_name(tmp_path: Path) -> None:
    text = SMALL.replace("title: Klein scenario", f"title: '{'Lang ' * 800}{HOSTILE}'", 1)
    scenario_file = tmp_path / "klein.yaml"
    scenario_file.write_text(text, "utf-8")
    app = App.opened(scenario=scenario_file)
    while app.scene.name != "debrief":
        app.step([], 10.0)
        view = getattr(app.scene, "view", None)
        app.step([Key(view.choices[0].letter.lower() if getattr(view, "choices", None) else "return")], 0.0)
    assert isinstance(app.game, Director)
    png, md = app.game.export()  # E in the game
    assert len(png.name) < 100 and md.exists() and png.exists()
    written = md.read_text("utf-8")
    assert "<script>" not in written and "![b]" not in written and "a\\|b" in written


# --- 12. every echoed value is bounded and escaped ------------------------------------------------------


def test_echo_escapes_terminal_controls_and_bounds_length() -> None:
    assert echo("a\x1b]0;titel\x07b\u202ec\n") == "a\\u001b]0;titel\\u0007b\\u202ec\\u000a"
    assert len(echo("x" * 900_000)) == 200 and echo("\ud83d") == "\\ud83d"


def test_check_never_prints_raw_escapes_or_huge_values(tmp_path: Path, capsys: Any) -> None:
    escape = tmp_path / "escape.yaml"
    escape.write_text(SMALL.replace("language: nl", 'language: "\\e]0;pwned\\a\\e[2J"'), "utf-8")
    complex_key = tmp_path / "complex.yaml"
    complex_key.write_text(SMALL + "? [" + ", ".join(["x" * 50] * 1500) + "]\n: 1\n", "utf-8")
    huge = tmp_path / "huge.yaml"
    huge.write_text(SMALL.replace("language: nl", f"language: {'q' * 900_000}"), "utf-8")
    assert cli.main(["check", "--no-fit", str(escape), str(complex_key), str(huge)]) == 1
    out = capsys.readouterr()
    printed = out.out + out.err
    assert "\x1b" not in printed and "\x07" not in printed
    assert len(printed) < 20_000, len(printed)
    assert "unknown key '(a list (- ...))'" in printed


def test_profile_escapes_a_team_name(tmp_path: Path, capsys: Any) -> None:
    source = (ROOT / "tests" / "fixtures" / "antwoorden.csv").read_text("utf-8")
    assert ",Rood," in source
    path = tmp_path / "a.csv"
    path.write_text(source.replace(",Rood,", ",\u202eTeam\x07\x1b[2J,"), "utf-8")
    assert cli.main(["profile", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\u202e" not in printed and "\\u202eTeam\\u0007\\u001b[2J" in printed


# --- 14. the data folder -----------------------------------------------------------------------------


def test_a_data_folder_that_is_a_file_still_gets_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    a_file = tmp_path / "passwd"
    a_file.write_text("root:x:0:0\n", "utf-8")
    monkeypatch.setenv("INCLUZO_HOME", str(a_file))

    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    parser = cli.build_parser()
    args = parser.parse_args(["check", str(ROOT / "scenarios" / "opening.yaml")])
    args.run = broken
    monkeypatch.setattr(cli, "build_parser", lambda *_, **__: _Fixed(args))
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    log = Path(err.split("The details are in ", 1)[1].split("; please", 1)[0])
    assert "RuntimeError: a bug" in log.read_text("utf-8")


class _Fixed:
    def __init__(self, args: object) -> None:
        self.args = args

    def parse_args(self, argv: object) -> object:
        return self.args


def test_a_wrongly_typed_hyphenation_cache_falls_back(private_data_dir: Path) -> None:
    script = (
        "from incluzo.scenes.kit import text, theme; "
        "style = text.Style('regular', 24, theme.INK); "
        "print(len(text.wrap('ondersteuningsbehoeften ' * 20, style, 120, 'nl')))"  # narrower than the word
    )
    env = {**os.environ, "INCLUZO_HOME": str(private_data_dir)}
    first = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert first.returncode == 0, first.stderr
    caches = list((private_data_dir / "cache").glob("hyphenation-*.json"))
    assert caches
    for cache in caches:
        cache.write_text(json.dumps({"patterns": {"a": 5}, "maxlen": "x"}), "utf-8")
    again = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


# --- 15. arguments -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["simulate", "SCENARIO", "--runs", "5", "--png", "/nonexistent/dir/x.png"],
            "cannot use '/nonexistent/dir",
        ),
        (
            ["play", "SCENARIO", "--headless", "--choices", "a", "--screenshots", "/etc/passwd/x"],
            "cannot use",
        ),
        (["report", "--out", "/etc/passwd"], "cannot use '/etc/passwd'"),
        (["play", "SCENARIO", "--headless", "--size", "100000x100000"], "the largest size is 7680x4320"),
    ],
)
def test_an_unusable_argument_is_a_message(
    tmp_path: Path, argv: list[str], message: str, capsys: Any
) -> None:
    scenario = str(ROOT / "scenarios" / "te-veel-prikkels.yaml")
    argv = [scenario if a == "SCENARIO" else a for a in argv]
    if argv[0] == "report":  # a session to report on
        scenario_file = tmp_path / "klein.yaml"
        scenario_file.write_text(SMALL, "utf-8")
        unfinished_save(scenario_file)
    try:
        code = cli.main(argv)
    except SystemExit as stop:  # argparse's own refusal
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert code != 0 and message in err and "something went wrong" not in err, err


# --- 16. resume reads only what it needs -----------------------------------------------------------------


def test_finding_the_unfinished_session_reads_only_the_ends_of_finished_logs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = load_text(SMALL, "klein.yaml")
    open_one = persistence.start(scenario, mode="solo", source="klein.yaml")
    session = Session(scenario)
    for step in (Start(), Choose("werkplek")):
        _, entry = savelog.perform(session, step)
        assert entry is not None
        open_one.append(entry)
    savelock.release(open_one.path)
    padding = [savelog.ChooseEntry(savelog.Id("werkplek"), savelog.Id("drukte"))] * 5000
    for number in range(persistence.SCAN - 1):  # newer, big and finished
        log = savelog.new_log(scenario, seed=number, mode="solo", source="klein.yaml")
        path = persistence.saves_dir() / f"klein-2099{number:04d}.jsonl"
        path.write_text(savelog.SaveLog(log.header, (*padding, savelog.FinishedEntry(None))).text(), "utf-8")
        os.utime(path, ns=(time.time_ns() + number + 1, time.time_ns() + number + 1))
    parsed: list[str] = []
    original = savelog.parse

    def counting(data: bytes, source: str = "<save>") -> savelog.Parsed:
        parsed.append(source)
        return original(data, source)

    monkeypatch.setattr(savelog, "parse", counting)
    assert persistence.find_unfinished() == open_one.path
    assert parsed == [str(open_one.path)]
