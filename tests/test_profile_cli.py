"""`incluzo profile`: survey answers (CSV) in, exact OCAI profiles out, mistakes named by row and column."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest
from testsupport import ROOT

from incluzo.cli import main

FIXTURES = ROOT / "tests" / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["profile", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_worked_example_comes_out_exactly_from_an_excel_style_csv(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # semicolons, a BOM, CRLF line ends and an ignored time stamp column, as a Dutch spreadsheet writes
    code, out, _ = run(
        capsys,
        str(FIXTURES / "voorbeeld-zeven-themas.csv"),
        "--themes",
        str(FIXTURES / "zeven-themas.yaml"),
        "--lang",
        "nl",
    )
    assert code == 0
    assert out.splitlines()[2:7] == [
        "kwadrant                  huidig   gewenst   verschil",
        "1 Specialisme              34,29     12,86     -21,43 *",
        "2 Individueel maatwerk     32,86     22,86     -10,00 *",
        "3 Professionalisering      21,43     34,29     +12,86 *",
        "4 Leergemeenschap          11,43     30,00     +18,57 *",
    ]


def test_json_gives_every_group_with_exact_fractions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(FIXTURES / "antwoorden.csv"), "--json", "--lang", "en")
    assert code == 0
    found = json.loads(out)
    assert found["questionnaire"] == "welke-bril" and found["threshold"]["exact"] == "10"
    assert [(p["group"], p["respondents"]) for p in found["profiles"]] == [
        ("Everyone", 3),
        ("Rood", 2),
        ("Blauw", 1),
    ]
    everyone = {q["id"]: q for q in found["profiles"][0]["quadrants"]}
    assert [everyone[q]["current"]["exact"] for q in everyone] == ["50", "25", "40/3", "35/3"]
    assert [everyone[q]["desired"]["exact"] for q in everyone] == ["35/3", "55/3", "110/3", "100/3"]
    assert [everyone[q]["meaningful"] for q in everyone] == [True, False, True, True]
    rood = found["profiles"][1]["quadrants"][1]
    assert (rood["difference"]["exact"], rood["meaningful"]) == ("-10", True)


def test_a_higher_threshold_leaves_a_difference_of_exactly_ten_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, str(FIXTURES / "antwoorden.csv"), "--json", "--threshold", "10.5")
    rood = json.loads(out)["profiles"][1]["quadrants"][1]
    assert code == 0 and (rood["difference"]["exact"], rood["meaningful"]) == ("-10", False)


def test_a_bad_value_and_a_row_that_does_not_sum_to_ten_are_named_by_row_and_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "antwoorden-fout.csv"
    code, out, err = run(capsys, str(path), "--lang", "en", "--strict")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{path}:3:11: error: row 2, opp.huidig.maatwerk: expected a whole number from 0 to 10, found 'elf'",
        f"{path}:4:33: error: row 3, basisondersteuning.gewenst: the points sum to 9, not 10 "
        "(distribute exactly 10 points over the four situations)",
    ]
    code, out, err = run(capsys, str(path), "--lang", "en")
    assert code == 0 and out.startswith("Which lens?: Everyone, 1 respondent")
    assert err.splitlines() == [
        f"{path}:3:11: warning: row 2, opp.huidig.maatwerk: "
        "expected a whole number from 0 to 10, found 'elf'",
        f"{path}:4:33: warning: row 3, basisondersteuning.gewenst: the points sum to 9, not 10 "
        "(distribute exactly 10 points over the four situations)",
        "1 of 3 respondents counted; 2 rows left out",
    ]


def test_a_misspelt_column_is_pointed_at_with_the_name_it_should_have(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "kolom-fout.csv"
    code, _, err = run(capsys, str(path), "--lang", "nl")
    assert code == 1
    assert err.splitlines() == [
        f"{path}:1:40: error: opp.huidig.maatwerk: kolom 'opp.huidig.maatwerk' ontbreekt "
        "(bedoelde je 'opp.huidig.maatwrk'?)"
    ]


def test_an_answers_file_with_only_a_header_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "leeg.csv"
    path.write_text((FIXTURES / "antwoorden.csv").read_text(encoding="utf-8").splitlines()[0] + "\n")
    code, _, err = run(capsys, str(path), "--lang", "en")
    assert code == 1 and err.strip() == f"{path}:1:1: error: the file has a header but no answers"


def test_the_png_holds_the_two_kites_at_the_chart_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "profiel.png"
    code, _, err = run(capsys, str(FIXTURES / "antwoorden.csv"), "--png", str(out), "--lang", "en")
    assert code == 0 and str(out) in err
    image = pygame.image.load(str(out))
    assert image.get_size() == (1400, 1050)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_png_notes_use_only_glyphs_the_chart_font_has(lang: str) -> None:
    from incluzo.commands.profile import chart_notes
    from incluzo.engine.questionnaire import answers
    from incluzo.engine.questionnaire import themes as questionnaire
    from incluzo.scenes.kit.text import font

    themes = questionnaire.load_file(ROOT / "questionnaires" / "welke-bril.yaml")
    found = answers.read_file(FIXTURES / "antwoorden.csv", themes)
    view = questionnaire.present(themes, questionnaire.result(found.responses), lang)
    notes = chart_notes(view, lang)
    regular = font("regular", 40)
    missing = regular.metrics("\u4e00")[0]  # the box drawn for a character the font lacks
    assert {c for c in "".join(notes) if regular.metrics(c)[0] == missing} == set()
    assert not any("*" in note for note in notes)  # the chart frames quadrants, it draws no star


def test_the_heat_map_title_wraps_and_says_numbers_in_the_readers_language() -> None:
    from incluzo.commands.kites import SIZE, heatmap_title
    from incluzo.scenes.kit import theme
    from incluzo.scenes.kit.text import Style, width_of, wrap

    dutch = heatmap_title("De basisnorm komt eraan", 10_000, "nl", "random")
    assert dutch == "De basisnorm komt eraan: waar 10.000 spellen eindigden (strategie random)"
    assert "10,000 games" in heatmap_title("The base norm", 10_000, "en", "random")
    metrics = theme.Metrics(*SIZE)
    heading = Style("bold", metrics.title, theme.ACCENT)
    lines = wrap(dutch, heading, SIZE[0] - 2 * metrics.margin, "nl")
    assert len(lines) == 2 and all(width_of(line, heading) <= SIZE[0] - 2 * metrics.margin for line in lines)


def test_simulate_says_its_numbers_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = sorted((ROOT / "scenarios").glob("*.yaml"))[0]
    image = tmp_path / "warmte.png"
    code = main(["simulate", str(scenario), "--runs", "1000", "--png", str(image), "--lang", "nl"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("1.000 spellen van ")
    shares = [line.split()[-1] for line in out.splitlines() if line.endswith("%") and line.startswith("  ")]
    assert shares and all("," in share and "." not in share for share in shares)  # 30,8%, never 30.8%
    picture = pygame.image.load(str(image))
    legend = [tuple(picture.get_at((x, y))) for x in range(1000, 1100) for y in range(150, 350)]
    assert len(set(legend)) > 10  # the legend is drawn beside the map
