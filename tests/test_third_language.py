"""A third language is a catalog file and nothing else: with a fake catalog whose every message is the
English one in «», a scenario error, a save recovered after damage and a rebase that stops are said in it
entirely (each piece of words comes from the catalog, nested phrases too; nothing falls through to English
or to the default Dutch)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from scenario_text import SMALL, load, played

from incluzo import i18n, persistence
from incluzo.engine.logs import savelog, workshoplog
from incluzo.engine.play import teams
from incluzo.engine.play.phases import Mode
from incluzo.engine.play.session import Advance, Choose, Start
from incluzo.engine.play.teams import TeamPlay
from incluzo.engine.scenario.loader import load_text
from incluzo.engine.scenario.problems import ScenarioError


@pytest.fixture(autouse=True)
def third_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped catalogs and 'xx': en.yaml with every message wrapped in «»."""
    data = yaml.safe_load(i18n.folder().joinpath("en.yaml").read_text("utf-8"))
    data["language"].update(name="Test", key="x")
    data["messages"] = {key: f"«{text}»" for key, text in data["messages"].items()}
    fake = i18n.read_catalog("xx", yaml.safe_dump(data, allow_unicode=True))
    shipped_languages, read = i18n.languages(), i18n.read_language
    monkeypatch.setattr(i18n, "languages", lambda: (*shipped_languages, "xx"))
    monkeypatch.setattr(i18n, "read_language", lambda lang: fake if lang == "xx" else read(lang))


def test_the_fake_language_is_offered_like_any_other() -> None:
    assert i18n.languages()[-1] == "xx" and i18n.message("key.help", "xx") == "«Help»"


def test_a_scenario_error_is_said_in_it_located_with_its_hint() -> None:
    text = SMALL.replace("kwaliteit: 4,", "kwaliteit: {a: 1},", 1).replace(
        "recognition: affirmatief", "recognition: afirmatief", 1
    )
    with pytest.raises(ScenarioError) as caught:
        load_text(text, "klein.yaml")
    said = [p.format("xx") for p in caught.value.problems]
    assert said == [
        "klein.yaml:5:21: error: budget.kwaliteit: «expected «a whole number», found «a map (key: value)»»",
        "klein.yaml:15:22: error: cards[0].choices[0].recognition: «'afirmatief' is not allowed here» "
        "(«did you mean 'affirmatief'?»)",
    ]


def test_a_yaml_syntax_error_and_an_unreadable_file_are_said_in_it() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_text("format: 1\nid: x\n\ttitle: y\n", "tab.yaml")
    assert caught.value.problems[0].message("xx") == (
        "«this is not valid YAML: «this line is indented with a tab; YAML indents with spaces only»»"
    )
    with pytest.raises(ScenarioError) as caught:
        load_text("", "leeg.yaml")
    assert caught.value.problems[0].format("xx") == (
        "leeg.yaml:1:1: error: ««the file is empty»» («a scenario starts with 'format: 1' and has at least "
        "'id', 'title', 'language', 'budget' and 'cards'; 'incluzo new NAME' writes one to start from»)"
    )


def test_a_save_recovered_after_damage_says_so_in_it(tmp_path: Path) -> None:
    _, log = played(Start(), Choose("werkplek"), Advance())
    file = persistence.SaveFile.create(savelog.SaveLog(log.header, log.entries[:-1]), tmp_path)
    file.append(log.entries[-1])  # an autosave holds all three records
    file.path.write_bytes(b"\x00" * 100)  # the log itself is overwritten
    restored = persistence.restore(file.path)
    assert restored.damage is not None
    assert restored.damage.text("xx") == (
        f"«The save is damaged ({file.path}:1:1: error: «cannot read the save: "
        "«the file is binary, not text»» («incluzo writes its saves as UTF-8 itself; another program has "
        f"changed this file»)). The game continues from the autosave {restored.read_from.name}, "
        "after step 3.»"
    )


def test_a_resumed_game_that_no_longer_fits_says_why_in_it() -> None:
    _, log = played(Start(), Choose("werkplek"), Advance(), Advance(), Choose("doorgaan"), Advance())
    renamed = load(SMALL.replace("id: doorgaan", "id: verder"))
    told = [p.text("xx") for p in savelog.replay(renamed, log).warnings()]
    assert told == [
        "«The scenario has changed since this session was saved.»",
        "«Step 5 no longer fits: «card 'evaluatie' no longer offers choice 'doorgaan'». "
        "The session continues after step 4; 1 later step was dropped.»",
    ]


def test_a_rebase_that_stops_says_why_in_it_in_both_modes() -> None:
    _, log = played(Start(), Choose("werkplek"))
    dearer = load(SMALL.replace("betaalbaarheid: 2}", "betaalbaarheid: 9}", 1))
    group = savelog.rebase(dearer, log)
    # the meter is named as the scenario names it (its own text: no xx version, so its own language)
    assert group.misfit is not None and group.misfit.reason.text("xx") == (
        "«choice 'werkplek' on card 'drukte' is no longer affordable: "
        "«not enough betaalbaarheid: 9 needed, 4 left»»"
    )
    made = teams.make_teams(("Uilen", "Vossen"))
    assert isinstance(made, tuple)
    play = teams.begin(load(), made)
    team_log = savelog.new_log(load(), seed=0, mode=Mode.TEAMS.save_name, teams=("Uilen", "Vossen"))
    result, entry = workshoplog.perform(load(), play, teams.Pick(1, "werkplek"))
    assert isinstance(result, TeamPlay) and entry is not None
    renamed = load(SMALL.replace("id: werkplek", "id: eigen-plek"))
    rebased = workshoplog.rebase(renamed, team_log.appended(entry))
    assert rebased.misfit is not None
    assert rebased.misfit.reason.text("xx") == "««there is no choice 'werkplek' on this card»»"
