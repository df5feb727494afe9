"""Protocol views of every phone page, with the deck's own words (te-veel-prikkels, opening, Welke bril?)
in both languages: what FakeRoom shows the pages in the page tests and the screenshots."""

from __future__ import annotations

from msgspec.structs import replace

from incluzo.phones.protocol import (
    Bril,
    Choice,
    Cost,
    Desk,
    Meter,
    Poll,
    PollBar,
    Reveal,
    Round,
    TeamBadge,
    Theme,
    View,
    Welcome,
)

TOKEN = "T" * 43
RULE = {
    "nl": "Elke telefoon van het team stemt; de meeste stemmen worden de keuze van het team.",
    "en": "Every phone of the team votes; the most votes become the team's choice.",
}


def words(lang: str, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def teams(lang: str, *, done: tuple[int, ...] = ()) -> tuple[TeamBadge, ...]:
    names = (
        ("Rood", "Red", "#EE6677", "triangle", 3),
        ("De Zonnebloemen van groep 5", "The Sunflowers of groep 5", "#4477AA", "circle", 2),
        ("Groen", "Green", "#228833", "star", 0),
    )
    return tuple(
        TeamBadge(n, words(lang, nl, en), colour, symbol, phones, n in done)
        for n, (nl, en, colour, symbol, phones) in enumerate(names, 1)
    )


def welcome(team: int | None = 1, role: str = "player") -> Welcome:
    return Welcome(TOKEN, role, team, 2)  # type: ignore[arg-type]


def view(lang: str, stage: str, team: int | None = 1, **parts: object) -> View:
    title = words(lang, "Te veel prikkels", "Too much stimulation")
    return View(stage, title, lang, teams(lang), team, **parts)  # type: ignore[arg-type]


def letter(lang: str, symbol: str) -> str:
    """A meter's letter as the game sends it: only in the scenario's own language (Dutch)."""
    return symbol if lang == "nl" else ""


def meters(lang: str) -> tuple[Meter, ...]:
    return (
        Meter(words(lang, "Kwaliteit", "Quality"), letter(lang, "K"), 7, 7),
        Meter(words(lang, "Toegankelijkheid", "Access"), letter(lang, "T"), 6, 6),
        Meter(words(lang, "Betaalbaarheid", "Affordability"), letter(lang, "B"), 1, 7),
    )


def costs(lang: str, k: int, t: int, b: int) -> tuple[Cost, ...]:
    return (
        Cost(words(lang, "Kwaliteit", "Quality"), letter(lang, "K"), k),
        Cost(words(lang, "Toegankelijkheid", "Access"), letter(lang, "T"), t),
        Cost(words(lang, "Betaalbaarheid", "Affordability"), letter(lang, "B"), b),
    )


def round_view(lang: str, *, voted: str | None = None, plays: bool = True, running: bool = True) -> View:
    choices = (
        Choice(
            "aparte-werkplek",
            "A",
            words(
                lang,
                "Een prikkelarme werkplek buiten de klas, met toezicht",
                "A low-stimulus workplace outside the classroom, with supervision",
            ),
            costs(lang, 0, 1, 3),
            False,
            words(lang, "Betaalbaarheid: nodig 3, over 1", "Affordability: needs 3, 1 left"),
        ),
        Choice(
            "strategieen-met-klas",
            "B",
            words(
                lang,
                "Sem leert met leerkracht en klas strategieën om met drukte om te gaan",
                "Sem learns strategies for busy moments together with teacher and class",
            ),
            costs(lang, 3, 0, 1),
        ),
        Choice(
            "sensorisch-traject",
            "C",
            words(
                lang,
                "Een extern sensorisch traject bij een ergotherapeut",
                "An external sensory trajectory with an occupational therapist",
            ),
            costs(lang, 0, 3, 2),
        ),
    )
    card = Round(
        words(lang, "Drukte in groep 5", "Bustle in groep 5"),
        words(
            lang,
            "Na de pauze en bij groepswerk raakt Sem overprikkeld: hij houdt zijn handen voor zijn oren, "
            "kruipt onder zijn tafel of loopt de klas uit. Zijn ouders vragen om een rustige plek.",
            "After break and during group work Sem gets overstimulated: he covers his ears, crawls under "
            "his desk or walks out of the classroom. His parents ask for a quiet place.",
        ),
        choices,
        meters(lang),
        plays,
        voted,
        2 if voted else 1,
        voted is not None,
        95,
        running,
        2,
        7,
        RULE[lang],
        words(lang, "Kaart 2 \u00b7 nog 3-5", "Card 2 \u00b7 3-5 to go"),
    )
    return view(lang, "round", ask="round-1", round=card)


def poll_view(lang: str, *, voted: str | None = None, open_: bool = True) -> View:
    options = (
        PollBar("altijd", "A", words(lang, "Ja, bij elke leerling", "Yes, for every pupil"), 5, 50),
        PollBar("soms", "B", words(lang, "Soms, bij een verwijzing", "Sometimes, with a referral"), 3, 30),
        PollBar("nooit", "C", words(lang, "Nee, nooit", "No, never"), 2, 20),
    )
    question = words(
        lang,
        "Wordt het OPP bij jullie samen met ouders en leerling geschreven?",
        "Is the OPP written together with parents and pupil where you work?",
    )
    return view(lang, "poll", ask="poll-1", poll=Poll(question, options, 10, voted, open_))


def bril_view(lang: str, *, done: bool = False, team: int | None = 1) -> View:
    themes = (
        Theme(
            "opp",
            words(lang, "Het ontwikkelingsperspectief (OPP)", "The development perspective plan (OPP)"),
            words(lang, "Welke rol heeft het OPP bij jullie?", "What role does the OPP play for you?"),
            (
                words(
                    lang,
                    "Het OPP is een ontwikkeldocument. We leggen erin vast waar de leerling afwijkt van de "
                    "doelen, en welke specialistische inzet er eventueel nodig is.",
                    "The OPP is a development document. It records where the pupil deviates from the "
                    "goals, and what specialist support may be needed.",
                ),
                words(
                    lang,
                    "Het OPP is een afstemmingsinstrument. In overleg met leerling, ouders en specialisten "
                    "bepalen we wat de leerling nodig heeft.",
                    "The OPP is an instrument for alignment. Together with the pupil, parents and "
                    "specialists we decide what the pupil needs.",
                ),
                words(
                    lang,
                    "Het OPP helpt leraren hun handelen te verbeteren.",
                    "The OPP helps teachers improve what they do.",
                ),
                words(
                    lang,
                    "Het OPP is van het team rond de leerling: we leren er samen van.",
                    "The OPP belongs to the team around the pupil: we learn from it together.",
                ),
            ),
        ),
        Theme(
            "basis",
            words(lang, "Basisondersteuning", "Basic support"),
            "",
            ("A", "B", "C", "D"),
        ),
    )
    quadrants = ("Specialisme", "Individueel maatwerk", "Professionalisering", "Leergemeenschap")
    return view(lang, "bril", team, ask="welke-bril", bril=Bril(words(lang, "Welke bril?", "Which lens?"),
                quadrants, themes, 10, done, 4))  # fmt: skip


def reveal_view(lang: str) -> View:
    picks = (
        (1, words(lang, "B: Sem leert strategieën met de klas", "B: Sem learns strategies with the class")),
        (2, None),
        (3, words(lang, "C: Een extern sensorisch traject", "C: An external sensory trajectory")),
    )
    return view(lang, "reveal", reveal=Reveal(words(lang, "Drukte in groep 5", "Bustle in groep 5"), picks))


def desk_view(lang: str, *, paused: bool = False) -> View:
    notes = words(
        lang,
        "Vraag na de keuze: welke bril zetten jullie op, zorg en behoeften (bevestigen) of leren en "
        "relaties (ontwikkelen)?",
        "After choosing, ask: which lens did you use, care and needs (affirming) or learning and "
        "relationships (developing)?",
    )
    base = round_view(lang)
    desk = Desk(paused, 80, notes, ("pause", "more-time", "less-time", "reveal", "skip"))
    return replace(base, team=None, teams=teams(lang, done=(2,)), desk=desk)


def desk_reveal_view(lang: str) -> View:
    """The facilitator's device after the reveal: every team's choice, and 'next'."""
    return replace(reveal_view(lang), team=None, desk=Desk(False, 0, "", ("pause", "next")))
