"""A survey export as it comes: the form incluzo prints (`profile --form`) and the way back from a
Microsoft Forms or Google Forms export of it, with rows that a form could not stop.

tests/fixtures/forms holds one export of each tool for the shipped "Welke bril?" (2 themes), six
respondents: four valid, row 5 with an OPP (current) that sums to 9, row 6 with an unanswered grid row.
  google-forms-welke-bril.csv     "Download responses (.csv)": commas, every field quoted, CRLF,
                                  Tijdstempel ("2026/11/12 9:03:22 a.m. CET"), E-mailadres, Team last
  microsoft-forms-welke-bril.csv  the Excel export saved by Dutch Excel as CSV UTF-8: a byte-order mark,
                                  semicolons, CRLF, Id;Begintijd;Tijd van voltooien;E-mail;Naam;Tijdstip
                                  van laatste wijziging ("12-11-2026 09:03:14"), Team first
Both head a grid column `Question [Row]`: `Het ontwikkelingsperspectief (OPP) - huidige situatie
[Situatie A]`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testsupport import ROOT

from incluzo.cli import main
from incluzo.engine.questionnaire import forms, themes
from incluzo.engine.questionnaire.answers import read_file

FORMS = ROOT / "tests" / "fixtures" / "forms"
SHIPPED = ROOT / "questionnaires" / "welke-bril.yaml"
SEVEN = ROOT / "tests" / "fixtures" / "zeven-themas.yaml"
EXPORTS = ("google-forms-welke-bril.csv", "microsoft-forms-welke-bril.csv")
VALID = [  # the four valid respondents, in the shipped file's column order, and their teams
    ("Rood", "4,3,2,1,5,3,1,1,1,2,4,3,2,2,3,3"),
    ("Rood", "10,0,0,0,6,4,0,0,0,0,5,5,0,2,4,4"),
    ("Blauw", "2,2,3,3,3,3,2,2,2,2,3,3,2,3,3,2"),
    ("Blauw", "3,3,3,1,4,2,2,2,1,3,3,3,1,2,4,3"),
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["profile", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("export", EXPORTS)
def test_a_forms_export_is_scored_as_it_is_and_each_refused_row_is_named(
    export: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FORMS / export
    code, out, err = run(capsys, str(path), "--json", "--lang", "en")
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{path}:6:") and lines[0].endswith(
        "warning: row 5, opp.huidig: the points sum to 9, not 10 "
        "(distribute exactly 10 points over the four situations)"
    )
    assert (
        lines[1].startswith(f"{path}:7:")
        and "warning: row 6, basisondersteuning.gewenst.leergemeenschap" in lines[1]
    )
    assert "an empty cell" in lines[1]
    assert lines[2] == "4 of 6 respondents counted; 2 rows left out"
    assert "@" not in out + err  # e-mail addresses are never printed
    # the same four respondents, written by hand in incluzo's own column names, score the same
    own = tmp_path / "eigen.csv"
    header = ",".join(["team", *themes.load_file(SHIPPED).columns()])
    own.write_text("\n".join([header, *(f"{t},{v}" for t, v in VALID)]) + "\n", encoding="utf-8")
    mine = json.loads(run(capsys, str(own), "--json", "--lang", "en")[1])
    assert mine["profiles"] == json.loads(out)["profiles"]
    rows = json.loads(out)["rows"]
    assert (rows["read"], rows["counted"]) == (6, 4)
    assert [(r["line"], r["where"]) for r in rows["left_out"]] == [
        (6, "row 5, opp.huidig"),
        (7, "row 6, basisondersteuning.gewenst.leergemeenschap"),
    ]
    groups = json.loads(out)["profiles"]
    assert [(g["group"], g["respondents"]) for g in groups] == [("Everyone", 4), ("Rood", 2), ("Blauw", 2)]


@pytest.mark.parametrize("export", EXPORTS)
def test_strict_keeps_refusing_the_whole_file(export: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(FORMS / export), "--strict", "--lang", "nl")
    assert code == 1 and out == ""
    assert [line.split(": ", 2)[1] for line in err.splitlines()] == ["error", "error"]
    assert "de punten tellen op tot 9, niet 10" in err


def test_a_file_where_no_row_counts_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = (FORMS / EXPORTS[0]).read_text(encoding="utf-8").splitlines()
    path = tmp_path / "alles-fout.csv"
    path.write_text("\n".join([lines[0], lines[5], lines[6]]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, str(path), "--lang", "en")
    assert code == 1
    assert err.splitlines()[-1] == f"{path}:1:1: error: no row could be counted"


@pytest.mark.parametrize("themes_file", [SHIPPED, SEVEN])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "header",
    ["{q} [{r}]", "{q}.{r}", "3. {q} [{r}]", "  {q}  [ {r} ] "],
    ids=["google-and-microsoft", "question-dot-row", "numbered", "spaced"],
)
def test_every_question_the_form_prints_is_recognised_in_its_export(
    themes_file: Path, lang: str, header: str
) -> None:
    questionnaire = themes.load_file(themes_file)
    headers = [
        header.format(q=question.title, r=row)
        for question in forms.form_questions(questionnaire, lang)
        for row in question.rows
    ]
    assert [forms.column_for(h, questionnaire) for h in headers] == list(questionnaire.columns())


@pytest.mark.parametrize(
    "header",
    ["Tijdstempel", "E-mailadres", "Begintijd", "Naam", "Opmerkingen [Situatie A]", "OPP [Situatie A]"],
)
def test_other_columns_are_not_taken_for_answers(header: str) -> None:
    assert forms.column_for(header, themes.load_file(SHIPPED)) is None


def test_the_form_text_lists_every_question_with_its_rows_and_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--form", "--lang", "nl")
    assert code == 0
    titles = [line for line in out.splitlines() if line.startswith("Vraag ")]
    assert titles == [
        "Vraag 1: Het ontwikkelingsperspectief (OPP) - huidige situatie",
        "Vraag 2: Basisondersteuning - huidige situatie",
        "Vraag 3: Het ontwikkelingsperspectief (OPP) - gewenste situatie",
        "Vraag 4: Basisondersteuning - gewenste situatie",
    ]
    assert out.count("  Rijen: Situatie A, Situatie B, Situatie C, Situatie D") == 4
    assert out.count("  Kolommen: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10") == 4
    assert all(len(line) <= 100 for line in out.splitlines())


def test_form_and_a_file_together_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--form", str(FORMS / EXPORTS[0]))
    assert code == 2 and "either FILE.csv or --form" in err


def test_the_library_reads_a_forms_export_leniently_or_strictly() -> None:
    questionnaire = themes.load_file(SHIPPED)
    found = read_file(FORMS / EXPORTS[1], questionnaire)
    assert (len(found.responses), found.rows, len(found.refused)) == (4, 6, 2)
    assert found.teams == ("Rood", "Rood", "Blauw", "Blauw")


def test_a_question_retitled_in_the_form_is_named_as_the_form_should_head_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FORMS / EXPORTS[0]).read_text(encoding="utf-8")
    path = tmp_path / "hernoemd.csv"
    path.write_text(text.replace("Basisondersteuning - huidige situatie [Situatie B]", "Onderwijs [B]"))
    code, out, err = run(capsys, str(path), "--lang", "en")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:1:1: error: basisondersteuning.huidig.maatwerk: column 'Basisondersteuning - huidige "
        "situatie [Situatie B]' is missing "
        "(title the form's questions as `incluzo profile --form` prints them)"
    ]
    path.write_text(
        text.replace("Basisondersteuning - huidige situatie [Situatie B]", "Basisondersteuning [Situatie B]")
    )
    assert "(did you mean 'Basisondersteuning [Situatie B]'?)" in run(capsys, str(path), "--lang", "en")[2]


def test_a_refused_row_is_told_in_dutch_with_a_dutch_reason(capsys: pytest.CaptureFixture[str]) -> None:
    path = FORMS / EXPORTS[1]
    code, _, err = run(capsys, str(path), "--lang", "nl")
    assert code == 0
    assert err.splitlines()[1:] == [
        f"{path}:7:91: warning: row 6, basisondersteuning.gewenst.leergemeenschap: "
        "verwacht een heel getal van 0 tot en met 10, de cel is leeg",
        "4 van 6 respondenten geteld; 2 rijen weggelaten",
    ]


def test_columns_headed_by_the_row_alone_are_taken_in_the_forms_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # some exports head a Likert statement's column by the statement only: `Situatie A` four times
    lines = (FORMS / EXPORTS[1]).read_bytes().decode("utf-8-sig").splitlines()
    cells = lines[0].split(";")
    cells = [cell.rsplit("[", 1)[1].rstrip("]") if "[" in cell else cell for cell in cells]
    assert cells.count("Situatie A") == 4
    path = tmp_path / "alleen-rijen.csv"
    path.write_text("\n".join([";".join(cells), *lines[1:]]) + "\n", encoding="utf-8")
    by_row = run(capsys, str(path), "--json", "--lang", "en")
    by_question = run(capsys, str(FORMS / EXPORTS[1]), "--json", "--lang", "en")
    assert by_row[0] == 0 and json.loads(by_row[1]) == json.loads(by_question[1])
    # out of order (a row missing), they are not guessed at: the columns are missing
    path.write_text("\n".join([";".join(c for c in cells if c != "Situatie D"), *lines[1:]]) + "\n")
    code, _, err = run(capsys, str(path), "--lang", "en")
    assert code == 1 and "column 'opp.huidig.specialisme' is missing" in err
