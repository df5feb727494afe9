"""Scenario YAML written by code: the commented skeleton of `incluzo new`, and synthetic scenarios of
any size (seeded) for benchmarks and tests."""

from __future__ import annotations

import random
import re
from string import Template

SCHEMA_LINE = "# yaml-language-server: $$schema=$schema\n"

SKELETON = Template("""\
# Een nieuw scenario voor incluzo. / A new scenario for incluzo.
# Regels met # zijn uitleg; het spel leest ze niet. / Lines starting with # explain; the game skips them.
# Controleer na elke wijziging / Check after every change:  incluzo check $file
# Speel het / Play it:                                      incluzo play $file
# Alle sleutels / Every key: docs/scenario-format.md. Uitleg bij meldingen / What messages mean:
# docs/check-codes.md.

format: 1                     # versie van het formaat, altijd 1 / format version, always 1
id: $id                       # kleine letters, cijfers en '-' / lowercase letters, digits and '-'
title:                        # elke tekst: één string, of per taal / every text: one string, or per language
  nl: $title_nl
  en: $title_en
language: nl                  # hoofdtaal / main language
translations: [en]            # andere talen die elke tekst ook heeft / other languages every text also has
description:                  # op het startscherm / on the start screen
  nl: >
    Beschrijf in een paar zinnen de situatie waar het team voor staat.
  en: >
    Describe in a few sentences the situation the team faces.
author: Jouw naam / Your name  # optioneel / optional
notes:                        # voor de begeleider (optioneel) / for the facilitator (optional)
  nl: Waar wil je dat de groep over praat? Wat is de valkuil?
  en: What do you want the group to talk about? What is the pitfall?
reflect:                      # vragen voor de nabespreking (optioneel) / debrief questions (optional)
  - nl: Welke keuze schuurde het meest, en wat gaven jullie ermee op?
    en: Which choice chafed most, and what did you give up with it?
hints: direction              # hulp bij solo spel: none | direction | exact / solo hints
minutes: 20                   # speelduur in minuten, op het startscherm (optioneel) / play length, optional
# model: concurrerende-waarden  # het 2x2-model (standaard) / the 2x2 model (default)
budget:                       # de drie meters bij de start (>= 0) / the three meters at the start (>= 0)
  kwaliteit: 4
  toegankelijkheid: 4
  betaalbaarheid: 4
position:                     # startpositie, samen 100 (standaard 25 elk) / start position, sums to 100
  specialisme: 25
  maatwerk: 25
  professionalisering: 25
  leergemeenschap: 25
desired:                      # gewenste positie voor de nabespreking (optioneel) / desired, for the debrief
  specialisme: 15
  maatwerk: 20
  professionalisering: 35
  leergemeenschap: 30

cards:                        # kaarten spelen in deze volgorde / cards play in this order
  - id: drukte-in-de-klas
    title:
      nl: Drukte in de klas
      en: A busy classroom
    text:                     # de situatie / the situation
      nl: >
        Een leerling raakt in de drukke klas snel overprikkeld. De leerkracht vraagt hulp.
      en: >
        A pupil is quickly overwhelmed in the busy classroom. The teacher asks for help.
    notes:                    # alleen voor de begeleider (optioneel) / facilitator only (optional)
      nl: Vraag door wie er met elke keuze ontlast wordt.
      en: Ask who is relieved by each choice.
    # image: images/klas.png  # plaatje in de map van het scenario / picture in the scenario's folder
    # timer: 120              # bedenktijd in seconden (optioneel) / time to decide in seconds (optional)
    # when: ...               # de kaart speelt alleen als dit geldt / the card plays only when this holds
    choices:                  # 2 tot 4 keuzes / 2 to 4 choices
      - id: aparte-werkplek
        label:
          nl: Een aparte werkplek buiten de klas
          en: A separate workplace outside the classroom
        cost: {kwaliteit: 0, toegankelijkheid: 2, betaalbaarheid: 2}  # negatief: terug / negative: gives back
        move: {maatwerk: 10}  # punten naar dit kwadrant / points toward this quadrant
        recognition: affirmatief   # affirmatief | transformatief
        next: na-zes-weken    # ga naar deze kaart (of 'end') / go to this card (or 'end')
        outcome:              # wat er gebeurt / what happens
          nl: Rust voor de leerling, maar buiten de groep.
          en: Calm for the pupil, but outside the group.
      - id: strategieen-met-de-klas
        label:
          nl: Strategieën leren, samen met de klas
          en: Learn strategies together with the class
        cost: {kwaliteit: 2, toegankelijkheid: 0, betaalbaarheid: 0}  # kwaliteit: ruimte van het team
        move: {professionalisering: 10}
        recognition: transformatief
        outcome:
          nl: Het schuurt soms, maar de hele klas leert mee.
          en: It chafes at times, but the whole class learns along.
      - id: specialist-inschakelen
        label:
          nl: Een specialist inschakelen
          en: Call in a specialist
        cost: {kwaliteit: 0, toegankelijkheid: 3, betaalbaarheid: 3}
        move: {specialisme: 10}
        recognition: affirmatief
        outcome:
          nl: Er komt een wachtlijst; de specialist kijkt over drie maanden.
          en: There is a waiting list; the specialist will look in three months.

  - id: bezuiniging           # zonder keuzes: een gebeurtenis / without choices: an event
    title:
      nl: De gemeente bezuinigt
      en: The municipality cuts back
    text:
      nl: Er komt minder geld voor ondersteuning.
      en: There is less money for support.
    cost: {betaalbaarheid: 1}  # gaat er direct af (niet onder 0) / taken at once (never below 0)
    # move en next kunnen hier ook / move and next work here too

  # Een peiling vraagt de zaal iets en verandert niets. / A poll asks the room and changes nothing.
  # - id: opp-in-de-praktijk
  #   title: {nl: Het OPP in de praktijk, en: The OPP in practice}
  #   text: {nl: Stem met je hand., en: Vote with your hand.}
  #   poll:
  #     question: {nl: Hoe ervaren jullie het OPP?, en: How do you experience the OPP?}
  #     marks: letters          # letters (A-F) of/or numbers (1-6)
  #     options:                # 2 tot 6 opties / 2 to 6 options
  #       - id: verplicht-document
  #         label: {nl: Een verplicht document, en: A required document}
  #         quadrant: specialisme   # optioneel: kleur van dit kwadrant / optional: this quadrant's colour
  #       - id: leerplan
  #         label: {nl: Een leerplan voor het team, en: A learning plan for the team}

  - id: na-zes-weken
    title:
      nl: Na zes weken
      en: After six weeks
    text:
      nl: De ib'er vraagt wat er nu nodig is.
      en: The SENCO asks what is needed now.
    reflect:                  # vragen na de uitkomst (optioneel) / questions after the outcome (optional)
      - nl: Wie heeft er het meest van geleerd?
        en: Who learned most from it?
    choices:
      - id: team-leert-door
        label:
          nl: Het team leert door met de aanpak
          en: The team goes on learning with the approach
        cost: {kwaliteit: 2, toegankelijkheid: 0, betaalbaarheid: 1}
        move: {professionalisering: 10}
        recognition: transformatief
        outcome:
          nl: De aanpak wordt van het hele team.
          en: The approach becomes the whole team's.
      - id: extra-begeleiding
        label:
          nl: Extra begeleiding voor deze leerling
          en: Extra support for this pupil
        cost: {kwaliteit: 0, toegankelijkheid: 2, betaalbaarheid: 2}
        move: {maatwerk: 10}
        recognition: affirmatief
        outcome:
          nl: De leerling krijgt een vast uur per week met een begeleider.
          en: The pupil gets a fixed hour a week with a coach.
      - id: ouders-en-wijk
        label:
          nl: Samen met ouders en de wijk
          en: Together with parents and the neighbourhood
        cost: {kwaliteit: 1, toegankelijkheid: 1, betaalbaarheid: 1}
        move: {leergemeenschap: 10}
        recognition: transformatief
        when: chosen strategieen-met-de-klas  # alleen aangeboden als dit geldt / only offered when this holds
        outcome:
          nl: Ouders en de buurtcoach doen mee; het kost overleg.
          en: Parents and the neighbourhood coach join in; it takes meetings.
      - id: hele-school-leert
        label:
          nl: De hele school leert mee op een studiedag
          en: The whole school learns along on a study day
        cost: {kwaliteit: 3, toegankelijkheid: 0, betaalbaarheid: 1}
        move: {leergemeenschap: 15}
        recognition: transformatief
        outcome:
          nl: Collega's delen wat werkt; de studiedag kost een invaller.
          en: Colleagues share what works; the study day costs a supply teacher.

endings:                      # het eerste einde dat geldt / the first ending that holds
  # tone: good | mixed | hard (optioneel / optional). 'incluzo check --strict' wil dat een team dat steeds
  # affirmatief kiest, en een dat steeds transformatief kiest, allebei goed en hard kunnen eindigen: geen
  # juist antwoord. / wants a team that always chooses affirmatief, and one that always chooses
  # transformatief, each able to end well and badly: no right answer. See docs/authoring.md.
  - id: budget-op
    when: exhausted           # geen keuze meer te betalen / no choice could be paid for
    tone: hard
    title:
      nl: Het budget is op
      en: The budget has run out
    text:
      nl: Bij de laatste kaart was geen keuze meer te betalen. Waar ging het budget heen?
      en: On the last card no choice could be paid for. Where did the budget go?
  - id: team-op
    when: kwaliteit == 0
    tone: hard
    title:
      nl: Het team is op
      en: The team has run dry
    text:
      nl: De aanpak hielp, maar het team heeft geen ruimte meer over. De volgende vraag komt te vroeg.
      en: The approach helped, but the team has no room left. The next question comes too soon.
  - id: samen-sterk
    when: leergemeenschap >= 30 and transformatief >= 2
    tone: good
    title:
      nl: Samen sterker
      en: Stronger together
    text:
      nl: Klas, ouders en wijk dragen de aanpak samen.
      en: Class, parents and neighbourhood carry the approach together.
  - id: rust-op-maat
    when: chosen extra-begeleiding
    tone: good
    title:
      nl: Rust op maat
      en: Calm, tailored
    text:
      nl: >
        Voor deze leerling, nu, werkten de aparte plek en het vaste uur.
        Wanneer gaat hij weer mee in de groep?
      en: >
        For this pupil, now, the separate place and the fixed hour worked.
        When does he rejoin the group?
  - id: andere-weg            # zonder 'when' geldt altijd / without 'when' it always holds
    tone: mixed
    title:
      nl: Een andere weg
      en: Another way
    text:
      nl: De leerling is geholpen. Wat heeft het team ervan geleerd?
      en: The pupil has been helped. What did the team learn from it?
""")


def scenario_id(name: str) -> str:
    """A valid scenario id from a name or file name: 'Mijn Scenario.yaml' -> 'mijn-scenario'."""
    stem = re.sub(r"\.ya?ml$", "", name.strip(), flags=re.IGNORECASE)
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug if slug[:1].isalpha() else f"scenario-{slug}".rstrip("-")


def skeleton(name: str, file: str = "SCENARIO.yaml", schema: str | None = None) -> str:
    """The commented starting scenario; `schema` (a path or URL) adds the line editors use for completion."""
    ident = scenario_id(name)
    title = ident.replace("-", " ").capitalize()
    head = Template(SCHEMA_LINE).substitute(schema=schema) if schema else ""
    return head + SKELETON.substitute(id=ident, title_nl=title, title_en=title, file=file)


QUADRANTS = ("specialisme", "maatwerk", "professionalisering", "leergemeenschap")
METERS = ("kwaliteit", "toegankelijkheid", "betaalbaarheid")


def synthetic(
    cards: int = 20, choices: int = 3, seed: int = 0, *, budget: int | None = None, varied: bool = False
) -> str:
    """A generated scenario: `cards` choice cards with `choices` choices each (costs 0-3, one move each).

    The default budget lets most random games reach the end and some run out. `varied` adds what
    real scenarios use: event cards, `next` jumps, and conditions on meters, quadrants, the tally,
    chosen choices and seen cards, on cards, choices and endings.
    """
    rng = random.Random(seed)
    level = budget if budget is not None else max(3, cards * 19 // 10)  # about a fifth of games run out
    lines = [
        "format: 1",
        f"id: synthetic-{cards}x{choices}",
        "title: Synthetic",
        "language: nl",
        "budget:",
        *(f"  {m}: {level}" for m in METERS),
        "cards:",
    ]
    ids = [f"kaart-{i}" for i in range(cards)]
    with_choices: list[str] = []  # the choice cards so far, which `chosen` may name
    for i, card in enumerate(ids):
        lines += [f"  - id: {card}", f"    title: Kaart {i}", f"    text: Situatie {i}."]
        if varied and rng.random() < 0.2 and i:
            lines.append(f"    when: {_condition(rng, ids[:i], with_choices, choices)}")
        if varied and rng.random() < 0.15:
            cost = rng.randint(0, 2)
            lines += [
                f"    cost: {{{rng.choice(METERS)}: {cost}}}",
                f"    move: {{{rng.choice(QUADRANTS)}: {rng.randint(1, 10)}}}",
            ]
            if rng.random() < 0.3 and i + 2 < cards:
                lines.append(f"    next: {ids[rng.randint(i + 2, cards - 1)]}")
            continue
        lines.append("    choices:")
        with_choices.append(card)
        for j in range(choices):
            costs = ", ".join(f"{m}: {rng.randint(0, 3)}" for m in METERS)
            recognition = "transformatief" if j % 2 else "affirmatief"
            lines += [
                f"      - id: keuze-{j}",
                f"        label: Keuze {j}",
                f"        cost: {{{costs}}}",
                f"        move: {{{QUADRANTS[(i + j) % 4]}: {rng.randint(5, 15)}}}",
                f"        recognition: {recognition}",
                f"        outcome: Uitkomst {j}.",
            ]
            if varied and j and rng.random() < 0.15:
                lines.append(f"        when: {_condition(rng, ids[:i], with_choices, choices)}")
            if varied and rng.random() < 0.1 and i + 2 < cards:
                lines.append(f"        next: {rng.choice([*ids[i + 2 :], 'end'])}")
    endings: list[tuple[str, str | None]] = [
        ("sterk", "professionalisering >= 30 or leergemeenschap >= 30"),
        ("anders", None),
    ]
    if varied:
        together = _condition(rng, ids, with_choices, choices)
        endings[:0] = [("op", "exhausted and kwaliteit == 0"), ("samen", together)]
    return "\n".join([*lines, *_endings(endings)]) + "\n"


def _endings(endings: list[tuple[str, str | None]]) -> list[str]:
    """The `endings:` lines of generated scenarios: (id, condition or None)."""
    lines = ["endings:"]
    for ending, when in endings:
        lines += [
            f"  - id: {ending}",
            *([f"    when: {when}"] if when else []),
            f"    title: {ending}",
            f"    text: Einde {ending}.",
        ]
    return lines


def _condition(rng: random.Random, cards: list[str], with_choices: list[str], choices: int) -> str:
    """A random condition over the facts a game keeps, naming only these cards and their choices."""
    pick = rng.randrange(6)
    if pick == 0 or not cards:
        return f"{rng.choice(METERS)} >= {rng.randint(1, 6)}"
    if pick == 1:
        return f"{rng.choice(QUADRANTS)} > {rng.randint(20, 35)}"
    if pick == 2:
        return f"transformatief >= {rng.randint(1, 3)}"
    if pick == 3 and with_choices:
        return f"chosen {rng.choice(with_choices)}.keuze-{rng.randrange(choices)}"
    if pick in (3, 4):
        return f"not seen {rng.choice(cards)}"
    return f"affirmatief < {rng.randint(1, 4)} or {rng.choice(METERS)} > {rng.randint(2, 8)}"


def branching(
    cards: int = 20, seed: int = 0, *, choices: tuple[int, int] = (3, 4), budget: int | None = None
) -> str:
    """A generated branching scenario (seeded) for the scaling benchmark and the soundness tests.

    Every card has 3-4 choices with random costs 0-3; most choices jump ahead with `next` (to one of the
    next few cards, or `end` near the end), so games take different paths; a quarter of the cards and
    some choices play only `when` an earlier choice was made; endings ask about choices and meters (not
    the position: that is what the scaling benchmark measures).
    """
    rng = random.Random(seed)
    level = budget if budget is not None else 4 + cards  # some games run out, most do not
    lines = [
        "format: 1",
        f"id: branching-{cards}",
        "title: Branching",
        "language: nl",
        "budget:",
        *(f"  {m}: {level}" for m in METERS),
        "cards:",
    ]
    ids = [f"kaart-{i}" for i in range(cards)]
    made: list[str] = []  # `card.choice` of the earlier cards, which conditions may name
    for i, card in enumerate(ids):
        lines += [f"  - id: {card}", f"    title: Kaart {i}", f"    text: Situatie {i}."]
        if made and i > 1 and rng.random() < 0.25:
            lines.append(f"    when: {_chosen(rng, made)}")
        lines.append("    choices:")
        count = rng.randint(*choices)
        for j in range(count):
            costs = ", ".join(f"{m}: {rng.randint(0, 3)}" for m in METERS)
            lines += [
                f"      - id: keuze-{j}",
                f"        label: Keuze {j}",
                f"        cost: {{{costs}}}",
                f"        move: {{{QUADRANTS[(i + j) % 4]}: {rng.randint(5, 15)}}}",
                f"        recognition: {'transformatief' if j % 2 else 'affirmatief'}",
                f"        outcome: Uitkomst {j}.",
            ]
            if j and made and rng.random() < 0.15:
                lines.append(f"        when: {_chosen(rng, made)}")
            if rng.random() < 0.6 and i + 1 < cards:
                target = rng.randint(i + 1, min(i + 4, cards - 1))
                lines.append(
                    f"        next: {'end' if i > cards - 4 and rng.random() < 0.3 else ids[target]}"
                )
        made += [f"{card}.keuze-{j}" for j in range(count)]
    endings: list[tuple[str, str | None]] = [
        ("budget-op", "exhausted"),
        ("samen", f"{_chosen(rng, made)} and {rng.choice(METERS)} >= 2"),
        ("zuinig", f"{rng.choice(METERS)} >= {level // 3}"),
        ("anders", None),
    ]
    return "\n".join([*lines, *_endings(endings)]) + "\n"


def _chosen(rng: random.Random, made: list[str]) -> str:
    """A condition on one of the last choices made (recent ones, so it can still hold)."""
    first = rng.choice(made[-12:])
    if rng.random() < 0.3:
        return f"chosen {first} or not chosen {rng.choice(made[-12:])}"
    return f"chosen {first}"


HEAD = ("format: 1", "language: nl", "budget: {kwaliteit: 9, toegankelijkheid: 9, betaalbaarheid: 9}")


def when_chain(cards: int = 200, seed: int = 0, words: int = 40) -> str:
    """Cards that each play only `when` a choice on the card before was (or was not) made, for free:
    the long `when` chains of issue 12 (200 cards of 40 words are about 80 KB)."""
    rng = random.Random(seed)
    lines = [*HEAD, f"id: when-chain-{cards}", "title: When chain", "cards:"]
    for i in range(cards):
        lines += [f"  - id: kaart-{i}", f"    title: Kaart {i}", f"    text: {_words(rng, words)}"]
        if i:
            negation = "not " if rng.random() < 0.5 else ""
            lines.append(f"    when: {negation}chosen kaart-{i - 1}.keuze-{rng.randrange(2)}")
        lines.append("    choices:")
        for j in range(2):
            move = QUADRANTS[(i + j) % 4]
            lines += [
                f"      - id: keuze-{j}",
                f"        label: Keuze {j} {_words(rng, 4)}",
                "        cost: {kwaliteit: 0}",
                f"        move: {{{move}: 5}}",
                f"        recognition: {'transformatief' if j else 'affirmatief'}",
                "        outcome: Gedaan.",
            ]
    lines += ["endings:", "  - id: einde", "    title: Einde", "    text: Klaar."]
    return "\n".join(lines) + "\n"


def dense_next(cards: int = 80, seed: int = 0) -> str:
    """Cards whose choices all jump ahead with `next` to any later card: many different sets of cards
    seen, the dense `next` graphs of issue 12."""
    rng = random.Random(seed)
    lines = [*HEAD, f"id: dense-next-{cards}", "title: Dense next", "cards:"]
    for i in range(cards):
        lines += [f"  - id: kaart-{i}", f"    title: Kaart {i}", "    text: Situatie.", "    choices:"]
        for j in range(4):
            target = f"kaart-{rng.randint(i + 1, cards - 1)}" if i + 1 < cards else "end"
            lines += [
                f"      - id: keuze-{j}",
                f"        label: Keuze {j}",
                f"        cost: {{kwaliteit: {rng.randint(0, 1)}}}",
                f"        move: {{{QUADRANTS[j]}: 5}}",
                f"        recognition: {'transformatief' if j % 2 else 'affirmatief'}",
                f"        next: {target}",
                "        outcome: Gedaan.",
            ]
    lines += ["endings:", "  - id: einde", "    title: Einde", "    text: Klaar."]
    return "\n".join(lines) + "\n"


def _words(rng: random.Random, count: int = 30) -> str:
    """Filler text of `count` Dutch words."""
    words = ("de", "leerling", "school", "ouders", "team", "ondersteuning", "plan", "klas", "zorg", "tijd")
    return " ".join(rng.choice(words) for _ in range(count)) + "."
