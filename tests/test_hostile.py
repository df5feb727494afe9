"""Hostile and broken files: each gives one clear located error, and nothing else escapes.

Scenario files travel by e-mail between facilitators and saves live on disks that fail: both are
untrusted input. Every case names the exact message a facilitator would read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from scenario_text import SMALL

from incluzo import persistence
from incluzo.engine.analysis.checks import check_file
from incluzo.engine.logs import savelog
from incluzo.engine.scenario.loader import load_file
from incluzo.engine.scenario.problems import ScenarioError

# A generous limit that only stops a hang (a parser loop, a 50 MB read); speed is measured in benchmarks/.
pytestmark = pytest.mark.timeout(60)

SCENARIO = SMALL.encode("utf-8")
UTF8_HINT = "(save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8))"
LIMIT_HINT = "(split the scenario or shorten the text)"
UNSAFE_HINT = "(remove it: control characters and direction overrides hide or reorder text on screen)"
ID_HINT = "cannot be in an id: use lowercase letters a-z, digits and '-')"
FOLDER_HINT = "(write a path inside the scenario's folder, like images/klas.png)"


def only_error(tmp_path: Path, data: bytes) -> str:
    """Load `data` as a scenario file; its one problem, as `check` prints it (folder left out)."""
    path = tmp_path / "s.yaml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    assert len(caught.value.problems) == 1, caught.value
    return caught.value.problems[0].format().removeprefix(f"{tmp_path}/")


def replaced(old: str, new: str) -> bytes:
    assert old in SMALL
    return SMALL.replace(old, new, 1).encode("utf-8")


TEXT = "Een leerling raakt overprikkeld."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"",
            "s.yaml:1:1: error: the file is empty (a scenario starts with 'format: 1' and has at least 'id', "
            "'title', 'language', 'budget' and 'cards'; 'incluzo new NAME' writes one to start from)",
        ),
        (
            bytes(range(256)) * 4,
            f"s.yaml:1:1: error: cannot read the file: the file is binary, not text {UTF8_HINT}",
        ),
        (
            SMALL.encode("utf-16"),
            f"s.yaml:1:1: error: cannot read the file: the file is UTF-16, not UTF-8 {UTF8_HINT}",
        ),
        (
            SMALL.replace("Strategieën", "Strategieën").encode("latin-1"),
            "s.yaml:18:25: error: cannot read the file: byte 0xeb is not UTF-8 (Latin-1 or "
            f"Windows text?) {UTF8_HINT}",
        ),
        (
            SCENARIO.replace(b"  - id: drukte", b"\t- id: drukte"),
            "s.yaml:7:1: error: this is not valid YAML: this line is indented with a tab; YAML "
            "indents with spaces only",
        ),
        (
            replaced("language: nl\n", "language: nl\nlanguage: en\n"),
            "s.yaml:5:1: error: language: key 'language' appears twice in this map (first on line "
            "4) (keep one of the two)",
        ),
        (
            b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b '
            b"[*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            b"c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
            "s.yaml:1:4: error: YAML anchors and aliases (&, *) are not allowed in a scenario "
            "(write the text out again where it is needed)",
        ),
        (
            b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
            f"s.yaml:1:23: error: too large: nested more than 20 levels deep {LIMIT_HINT}",
        ),
        (
            replaced("kwaliteit: 4,", "kwaliteit: 1e309,"),
            "s.yaml:5:21: error: budget.kwaliteit: expected a whole number, found '1e309'",
        ),
        (
            replaced("kwaliteit: 4,", "kwaliteit: .nan,"),
            "s.yaml:5:21: error: budget.kwaliteit: expected a whole number, found '.nan'",
        ),
        (
            replaced("kwaliteit: 4,", "kwaliteit: -3,"),
            "s.yaml:5:21: error: budget.kwaliteit: -3 is out of range: 0 to 1000",
        ),
        (
            replaced("kwaliteit: 4,", "kwaliteit: 2.5,"),
            "s.yaml:5:21: error: budget.kwaliteit: expected a whole number, found '2.5'",
        ),
        (
            replaced("kwaliteit: 4,", "kwaliteit: " + "9" * 5000 + ","),
            "s.yaml:5:21: error: budget.kwaliteit: 99999999999999999999... is out of range: 0 to 1000",
        ),
        (
            replaced(TEXT, "x" * 6000),
            f"s.yaml:9:11: error: cards[0].text: too large: 6,000 characters; at most 5,000 {LIMIT_HINT}",
        ),
        (
            replaced(TEXT, '"Een leerling\\braakt"'),
            "s.yaml:9:11: error: cards[0].text: character U+0008 (a control character) is not "
            "allowed in a text "
            f"(character 13) {UNSAFE_HINT}",
        ),
        (
            replaced(TEXT, "Een \x07 leerling"),
            "s.yaml:9:15: error: this is not valid YAML: character U+0007 is not allowed in YAML "
            "text (check the "
            "indentation and that every ':' in a text is inside quotes or after '>')",
        ),
        (
            replaced(TEXT, "Een leerling \u202eraakt"),
            "s.yaml:9:11: error: cards[0].text: character U+202E (RIGHT-TO-LEFT OVERRIDE) is not "
            "allowed in a text "
            f"(character 14) {UNSAFE_HINT}",
        ),
        (
            replaced(TEXT, "Een \u2067leerling"),
            "s.yaml:9:11: error: cards[0].text: character U+2067 (RIGHT-TO-LEFT ISOLATE) is not "
            "allowed in a text "
            f"(character 5) {UNSAFE_HINT}",
        ),
        (
            replaced("id: drukte\n", "id: Drukte\n"),
            "s.yaml:7:9: error: cards[0].id: 'Drukte' is not a valid id (U+0044 (LATIN CAPITAL "
            f"LETTER D) {ID_HINT}",
        ),
        (
            replaced("id: drukte\n", "id: drukt\u0435\n"),
            "s.yaml:7:9: error: cards[0].id: 'drukt\\u0435' is not a valid id (U+0435 (CYRILLIC "
            f"SMALL LETTER IE) {ID_HINT}",
        ),
        (
            replaced("id: drukte\n", 'id: "drukte\\n"\n'),
            "s.yaml:7:9: error: cards[0].id: 'drukte\\n' is not a valid id (U+000A (a control "
            f"character) {ID_HINT}",
        ),
        (
            replaced("    text: Na zes weken.\n", "    text: Na zes weken.\n    image: ../../etc/passwd\n"),
            "s.yaml:30:12: error: cards[2].image: '../../etc/passwd' leads outside the scenario's "
            f"folder {FOLDER_HINT}",
        ),
        (
            replaced("    text: Na zes weken.\n", "    text: Na zes weken.\n    image: /etc/passwd\n"),
            "s.yaml:30:12: error: cards[2].image: '/etc/passwd' leads outside the scenario's "
            f"folder {FOLDER_HINT}",
        ),
        (
            replaced("    text: Na zes weken.\n", "    text: Na zes weken.\n    image: 'C:\\beeld.png'\n"),
            "s.yaml:30:12: error: cards[2].image: 'C:\\beeld.png' leads outside the scenario's "
            f"folder {FOLDER_HINT}",
        ),
        (
            replaced(
                "    text: Na zes weken.\n",
                "    text: Na zes weken.\n    when: '" + "(" * 40 + "true" + ")" * 40 + "'\n",
            ),
            "s.yaml:30:12: error: cards[2].when: cannot read this condition: nested more than 32 levels deep "
            "(e.g. 'betaalbaarheid >= 2 and not chosen aparte-werkplek')",
        ),
        (
            replaced(
                "    text: Na zes weken.\n", "    text: Na zes weken.\n    when: '" + "not " * 40 + "true'\n"
            ),
            "s.yaml:30:12: error: cards[2].when: cannot read this condition: nested more than 32 levels deep "
            "(e.g. 'betaalbaarheid >= 2 and not chosen aparte-werkplek')",
        ),
        (
            replaced(
                "    text: Na zes weken.\n",
                "    text: Na zes weken.\n    when: kwaliteit > " + "9" * 4400 + "\n",
            ),
            "s.yaml:30:23: error: cards[2].when: cannot read this condition: a number has at most 9 digits "
            "(e.g. 'betaalbaarheid >= 2 and not chosen aparte-werkplek')",
        ),
    ],
    ids=[
        "empty",
        "binary",
        "utf16-bom",
        "latin1",
        "tabs",
        "duplicate-key",
        "billion-laughs",
        "nesting-10000",
        "1e309",
        "nan",
        "negative-budget",
        "fractional-budget",
        "huge-integer",
        "long-text",
        "escaped-control",
        "raw-control",
        "rtl-override",
        "rtl-isolate",
        "id-case",
        "id-lookalike",
        "id-newline",
        "image-dotdot",
        "image-absolute",
        "image-drive",
        "condition-parens",
        "condition-nots",
        "condition-number",
    ],
)
def test_a_hostile_scenario_gives_one_located_error(tmp_path: Path, data: bytes, message: str) -> None:
    assert only_error(tmp_path, data) == message


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SCENARIO)
    assert load_file(path).id == "klein"


def test_tabs_inside_a_text_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(replaced(TEXT, '"Een\\tleerling"'))
    assert load_file(path).cards[0].text.get("nl") == "Een\tleerling"


def test_a_50_mb_scenario_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    assert caught.value.problems[0].format() == (
        f"{path}:1:1: error: too large: the file is 50,000,000 bytes; at most 1,000,000 {LIMIT_HINT}"
    )


@pytest.mark.skipif(os.name != "posix", reason="symlinks need POSIX")
def test_an_image_symlink_out_of_the_folder_is_reported_by_check(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "klas.png").symlink_to("/etc/passwd")
    path = tmp_path / "s.yaml"
    path.write_bytes(
        replaced("    text: Na zes weken.\n", "    text: Na zes weken.\n    image: images/klas.png\n")
    )
    _, problems = check_file(path)
    escaped = [p for p in problems if p.code == "INC022"]
    assert [p.message() for p in escaped] == ["'images/klas.png' leads outside the scenario's folder"]
    assert escaped[0].line >= 1


# --- saves ----------------------------------------------------------------------------------------

HEADER = {
    "type": "header",
    "format": 1,
    "incluzo": "0.1.0",
    "scenario": "klein",
    "content_hash": "ab",
    "seed": 1,
    "mode": "solo",
}
RAW_HEADER = json.dumps(HEADER)
SAVE_UTF8_HINT = "(incluzo writes its saves as UTF-8 itself; another program has changed this file)"


def header_with(**fields: object) -> bytes:
    return (json.dumps({**HEADER, **fields}, ensure_ascii=False) + "\n").encode("utf-8")


def save_error(data: bytes) -> str:
    """Read `data` as a save strictly; its one problem, as printed."""
    with pytest.raises(savelog.SaveError) as caught:
        savelog.read(data, "s.jsonl")
    return caught.value.problem.format()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "s.jsonl:1:1: error: the save is empty"),
        (
            bytes(range(256)) * 4,
            f"s.jsonl:1:1: error: cannot read the save: the file is binary, not text {SAVE_UTF8_HINT}",
        ),
        (
            (RAW_HEADER + "\n").encode("utf-16"),
            f"s.jsonl:1:1: error: cannot read the save: the file is UTF-16, not UTF-8 {SAVE_UTF8_HINT}",
        ),
        (
            header_with(teams=["Café"]).replace("Café".encode(), "Café".encode("latin-1")),
            "s.jsonl:1:137: error: cannot read the save: byte 0xe9 is not UTF-8 (Latin-1 or Windows text?) "
            f"{SAVE_UTF8_HINT}",
        ),
        (
            b'{"type": "header", "seed": 1, "seed": 2}\n',
            "s.jsonl:1:1: error: seed: field 'seed' appears twice in this record",
        ),
        (b"[" * 10_000 + b"]" * 10_000 + b"\n", "s.jsonl:1:1: error: too large: nested too deep"),
        (
            header_with(seed=1).replace(b'"seed": 1', b'"seed": 1e309'),
            "s.jsonl:1:1: error: expected a finite number, found 1e309",
        ),
        (
            header_with(seed=1).replace(b'"seed": 1', b'"seed": NaN'),
            "s.jsonl:1:1: error: expected a number, found NaN",
        ),
        (
            header_with(seed=-1).replace(b'"seed": -1', b'"seed": ' + b"9" * 5000),
            "s.jsonl:1:1: error: too large: a number of 5,000 digits; at most 18",
        ),
        (header_with(seed=2.5), "s.jsonl:1:1: error: seed: expected a whole number, found 2.5"),
        (
            header_with(teams=["x" * 6000]),
            "s.jsonl:1:1: error: teams[0]: too large: 6,000 characters; at most 5,000",
        ),
        (
            header_with(teams=["Team \u202eA"]),
            "s.jsonl:1:1: error: teams[0]: character U+202E (RIGHT-TO-LEFT OVERRIDE) is not "
            "allowed in a text",
        ),
        (
            header_with(teams=["Team\x07A"]),
            "s.jsonl:1:1: error: teams[0]: character U+0007 (a control character) is not allowed in a text",
        ),
        (header_with(scenario="Klein"), "s.jsonl:1:1: error: scenario: 'Klein' is not a valid id"),
        (header_with(scenario="kl\u0435in"), "s.jsonl:1:1: error: scenario: 'kl\\u0435in' is not a valid id"),
        (header_with(format=1, extra=True), "s.jsonl:1:1: error: extra: unknown field 'extra'"),
        (header_with(format=0), "s.jsonl:1:1: error: format: expected save format 1 to 1, found 0"),
        (
            b'{"type": "start"}\n',
            "s.jsonl:1:1: error: type: the first record must be the header, not 'start'",
        ),
        (header_with() + b'{"type": "choose"}\n', "s.jsonl:2:1: error: choice: missing field 'choice'"),
        (
            header_with() + b'{"type": "vote", "n": 1}\n',
            "s.jsonl:2:1: error: type: unknown record type 'vote' (known types: header, start, "
            "choose, advance, undo, "
            "finished",
        ),
        (
            header_with() + b'{"type": "start"}\n{"type": "cho',
            "s.jsonl:3:10: error: this line is not valid JSON: Unterminated string starting at",
        ),
        (
            header_with() + b"\x00\x01\x02\n",
            f"s.jsonl:2:1: error: cannot read the save: the file is binary, not text {SAVE_UTF8_HINT}",
        ),
    ],
    ids=[
        "empty",
        "binary",
        "utf16-bom",
        "latin1",
        "duplicate-key",
        "nesting-10000",
        "1e309",
        "nan",
        "huge-integer",
        "fractional-seed",
        "long-text",
        "rtl-override",
        "control",
        "id-case",
        "id-lookalike",
        "unknown-field",
        "format-0",
        "no-header",
        "missing-field",
        "unknown-type",
        "truncated",
        "binary-line",
    ],
)
def test_a_hostile_save_gives_one_located_error(data: bytes, message: str) -> None:
    assert save_error(data).startswith(message)


def test_a_save_from_a_newer_incluzo_is_refused_with_its_version() -> None:
    assert save_error(header_with(format=2, incluzo="0.9.0", future="x")) == (
        "s.jsonl:1:1: error: format: this save was written by incluzo 0.9.0 in save format 2; this incluzo "
        "(0.1.0) reads save format 1 (update incluzo to open it)"
    )


def test_a_save_with_a_bom_and_tabs_is_read() -> None:
    log = savelog.read(b"\xef\xbb\xbf" + header_with(teams=["A\tB"]) + b'\t{"type":\t"start"}\n')
    assert (log.header.teams, log.entries) == (("A\tB",), (savelog.StartEntry(),))


def test_a_50_mb_save_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    with pytest.raises(savelog.SaveError) as caught:
        persistence.restore(path)
    assert (
        caught.value.problem.format() == f"{path}:1:1: error: too large: 50,000,000 bytes; at most 5,000,000"
    )
