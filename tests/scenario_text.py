"""Inline scenarios for tests: a small valid one to start from, a way to vary it, and a game played on it."""

from __future__ import annotations

import textwrap

from incluzo.engine.logs import savelog
from incluzo.engine.play.session import Session
from incluzo.engine.scenario import loader
from incluzo.engine.scenario.model import Scenario

SMALL = """\
format: 1
id: klein
title: Klein scenario
language: nl
budget: {kwaliteit: 4, toegankelijkheid: 4, betaalbaarheid: 4}
cards:
  - id: drukte
    title: Drukte in de klas
    text: Een leerling raakt overprikkeld.
    choices:
      - id: werkplek
        label: Aparte werkplek
        cost: {kwaliteit: 1, toegankelijkheid: 0, betaalbaarheid: 2}
        move: {maatwerk: 10}
        recognition: affirmatief
        outcome: Rust, maar buiten de groep.
      - id: strategie
        label: Strategieën met de klas
        cost: {kwaliteit: 3, toegankelijkheid: 0, betaalbaarheid: 0}
        move: {professionalisering: 10}
        recognition: transformatief
        outcome: Het schuurt, maar de klas leert mee.
  - id: bezuiniging
    title: Bezuiniging
    text: De gemeente bezuinigt.
    cost: {betaalbaarheid: 1}
  - id: evaluatie
    title: Evaluatie
    text: Na zes weken.
    choices:
      - id: doorgaan
        label: Doorgaan
        cost: {kwaliteit: 1, toegankelijkheid: 1, betaalbaarheid: 0}
        move: {leergemeenschap: 5}
        recognition: transformatief
        outcome: Samen verder.
      - id: specialist
        label: Specialist erbij
        cost: {kwaliteit: 0, toegankelijkheid: 2, betaalbaarheid: 3}
        move: {specialisme: 15}
        recognition: affirmatief
        outcome: Een expert kijkt mee.
"""


def load(text: str = SMALL, source: str = "test.yaml") -> Scenario:
    return loader.load_text(textwrap.dedent(text), source)


def played(*steps: savelog.Step, scenario: Scenario | None = None) -> tuple[Session, savelog.SaveLog]:
    """Steps taken live on `scenario` (SMALL by default) and logged, as the game does."""
    scenario = scenario or load()
    session = Session(scenario)
    log = savelog.new_log(scenario, seed=0, mode="team")
    for step in steps:
        refusal, entry = savelog.perform(session, step)
        assert refusal is None and entry is not None, refusal
        log = log.appended(entry)
    return session, log
