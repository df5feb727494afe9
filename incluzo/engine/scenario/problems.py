"""Problems found in a scenario: located, coded, and told in the facilitator's language."""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# code: (English template, Dutch template). Codes are stable: docs/check-codes.md lists them.
MESSAGES: dict[str, tuple[str, str]] = {
    "INC001": ("cannot read the file: {reason}", "kan het bestand niet lezen: {reason}"),
    "INC002": ("this is not valid YAML: {reason}", "dit is geen geldige YAML: {reason}"),
    "INC003": ("{reason}", "{reason}"),
    "INC004": ("unknown key '{key}'", "onbekende sleutel '{key}'"),
    "INC005": (
        "key '{key}' appears twice in this map (first on line {first})",
        "sleutel '{key}' staat twee keer in deze map (eerst op regel {first})",
    ),
    "INC006": ("missing required key '{key}'", "verplichte sleutel '{key}' ontbreekt"),
    "INC007": ("expected {expected}, found {found}", "verwacht {expected}, gevonden {found}"),
    "INC008": ("'{value}' is not allowed here", "'{value}' is hier niet toegestaan"),
    "INC009": ("'{value}' is not a valid id", "'{value}' is geen geldige id"),
    "INC010": (
        "{kind} id '{value}' is used twice (first on line {first})",
        "{kind}-id '{value}' komt twee keer voor (eerst op regel {first})",
    ),
    "INC011": ("unknown {kind} '{value}'", "onbekende {kind} '{value}'"),
    "INC012": ("the quadrants sum to {total}, not 100", "de kwadranten tellen op tot {total}, niet 100"),
    "INC013": ("{value} is out of range: {range}", "{value} valt buiten het bereik: {range}"),
    "INC014": (
        "a card has 2 to 4 choices, this one has {count}",
        "een kaart heeft 2 tot 4 keuzes, deze heeft er {count}",
    ),
    "INC015": ("cannot read this condition: {reason}", "kan deze voorwaarde niet lezen: {reason}"),
    "INC016": ("this text has no {language} version", "deze tekst heeft geen versie in het {language}"),
    "INC017": ("too large: {reason}", "te groot: {reason}"),
    "INC018": (
        "YAML anchors and aliases (&, *) are not allowed in a scenario",
        "YAML-ankers en -verwijzingen (&, *) zijn niet toegestaan in een scenario",
    ),
    "INC019": (
        "format {value} is not known to this version of incluzo",
        "formaat {value} kent deze versie van incluzo niet",
    ),
    "INC020": (
        "choice '{value}' exists on several cards: say which",
        "keuze '{value}' staat op meerdere kaarten: zeg welke",
    ),
    "INC021": (
        "character {char} is not allowed in a text (character {at})",
        "teken {char} is niet toegestaan in een tekst (teken {at})",
    ),
    "INC022": (
        "'{value}' leads outside the scenario's folder",
        "'{value}' wijst buiten de map van het scenario",
    ),
    # INC050-INC051: the tone check, whether a pure policy is a right answer (engine/analysis/tone.py).
    "INC050": (
        "a team that chooses {recognition} whenever it can reaches no good ending (it reaches: {endings})",
        "een team dat waar het kan {recognition} kiest, haalt geen goed einde (het haalt: {endings})",
    ),
    "INC051": (
        "a team that chooses {recognition} whenever it can never fails: no hard ending is reachable "
        "(it reaches: {endings})",
        "een team dat waar het kan {recognition} kiest, mislukt nooit: geen hard einde is bereikbaar "
        "(het haalt: {endings})",
    ),
    # INC1xx: polls, the "Welke bril?" questionnaire and its CSV answers (docs/questionnaire.md).
    "INC101": (
        "a poll has 2 to 6 options, this one has {count}",
        "een peiling heeft 2 tot 6 opties, deze heeft er {count}",
    ),
    "INC102": ("a poll card cannot have '{key}'", "een peilingkaart kan geen '{key}' hebben"),
    "INC103": ("the points sum to {total}, not {points}", "de punten tellen op tot {total}, niet {points}"),
    "INC104": ("column '{column}' is missing", "kolom '{column}' ontbreekt"),
    "INC105": (
        "expected a whole number from 0 to {points}, found '{value}'",
        "verwacht een heel getal van 0 tot en met {points}, gevonden '{value}'",
    ),
    "INC106": (
        "expected a whole number from 0 to {points}, found an empty cell",
        "verwacht een heel getal van 0 tot en met {points}, de cel is leeg",
    ),
    # INC030-INC049: what `incluzo check` finds by playing every reachable game (engine/analysis/explore.py).
    "INC030": (
        "card '{card}' is never reached: its condition never holds in any game",
        "kaart '{card}' wordt nooit bereikt: de voorwaarde geldt in geen enkel spel",
    ),
    "INC031": (
        "card '{card}' is never reached: none of its choices is ever offered",
        "kaart '{card}' wordt nooit bereikt: geen van de keuzes wordt ooit aangeboden",
    ),
    "INC032": (
        "card '{card}' is never reached: every game jumps past it or ends before it",
        "kaart '{card}' wordt nooit bereikt: elk spel springt eroverheen of eindigt ervoor",
    ),
    "INC033": (
        "choice '{choice}' is never offered: its condition never holds when the card is shown",
        "keuze '{choice}' wordt nooit aangeboden: de voorwaarde geldt nooit als de kaart getoond wordt",
    ),
    "INC034": (
        "choice '{choice}' is offered but never affordable",
        "keuze '{choice}' wordt aangeboden maar is nooit te betalen",
    ),
    "INC035": (
        "ending '{ending}' is never reached: whenever it holds, an earlier ending ({earlier}) "
        "closes the game",
        "einde '{ending}' wordt nooit bereikt: steeds als het geldt, sluit een eerder einde ({earlier}) "
        "het spel af",
    ),
    "INC036": (
        "ending '{ending}' is never reached: its condition never holds when a game ends",
        "einde '{ending}' wordt nooit bereikt: de voorwaarde geldt nooit als een spel eindigt",
    ),
    "INC037": (
        "ending '{ending}' is never reached: the budget never runs out",
        "einde '{ending}' wordt nooit bereikt: het budget raakt nooit op",
    ),
    "INC038": (
        "the budget can run out on card '{card}' (no choice affordable) and no ending uses 'exhausted'",
        "het budget kan opraken bij kaart '{card}' (geen keuze te betalen) en geen einde gebruikt "
        "'exhausted'",
    ),
    "INC039": (
        "choice '{choice}' is no better buy than '{other}': it costs at least as much on every meter "
        "and moves toward the same quadrants",
        "keuze '{choice}' is nooit een betere koop dan '{other}': hij kost op elke meter minstens "
        "evenveel en schuift naar dezelfde kwadranten",
    ),
    "INC040": (
        "the budget never limits a transformative team: the path {route} affords every "
        "transformative choice it meets",
        "het budget beperkt een transformatief team nooit: het pad {route} kan elke "
        "transformatieve keuze betalen",
    ),
    "INC041": (
        "meter '{meter}' never runs low: no choice is ever short of it (lowest level {lowest} of {start})",
        "meter '{meter}' raakt nooit krap: geen keuze komt er ooit te kort "
        "(laagste stand {lowest} van {start})",
    ),
    "INC042": (
        "meter '{meter}' runs out before the end of every game",
        "meter '{meter}' raakt in elk spel op voor het einde",
    ),
    "INC043": (
        "every game runs out of budget before the end",
        "elk spel raakt door het budget heen voor het einde",
    ),
    "INC044": ("image '{image}' does not exist", "afbeelding '{image}' bestaat niet"),
    "INC045": (
        "this text does not fit on the big screen at 1280x720 ({detail})",
        "deze tekst past niet op het grote scherm van 1280x720 ({detail})",
    ),
    "INC046": (
        "the analysis stopped after {states} game states; not checked: {checks}",
        "de analyse stopte na {states} spelsituaties; niet gecontroleerd: {checks}",
    ),
    # INC049: a condition decided on exact points that the screen shows rounded (engine/analysis/rounding.py)
    "INC049": (
        "'{comparison}' in {kind} '{name}' is decided on exact points, the screen shows whole ones: "
        "{route} {quadrant} is {exact}, shown as {shown}, and the condition {verdict}",
        "'{comparison}' bij {kind} '{name}' wordt beslist op exacte punten, het scherm toont hele: "
        "{route} is {quadrant} {exact}, getoond als {shown}, en de voorwaarde {verdict}",
    ),
    "INC047": (
        "{count} more problems are not shown (fix these first, then check again)",
        "nog {count} problemen worden niet getoond (los deze eerst op en controleer opnieuw)",
    ),
}

HINTS: dict[str, tuple[str, str]] = {
    "clear_of_rounding": (
        "move the threshold clear of the values games reach, or compare with a number the shown "
        "value cannot round to (e.g. '> 24' rather than '>= 25')",
        "leg de grens verder van de waarden die spellen bereiken, of vergelijk met een getal waar de "
        "getoonde waarde niet op kan afronden (bijv. '> 24' in plaats van '>= 25')",
    ),
    "unsafe_character": (
        "remove it: control characters and direction overrides hide or reorder text on screen",
        "haal het weg: stuurtekens en richtingswissels verbergen tekst of "
        "zetten hem in een andere volgorde op het scherm",
    ),
    "id_character": (
        "{char} cannot be in an id: use lowercase letters a-z, digits and '-'",
        "{char} kan niet in een id: gebruik kleine letters a-z, cijfers en '-'",
    ),
    "inside_folder": (
        "write a path inside the scenario's folder, like images/klas.png",
        "schrijf een pad binnen de map van het scenario, zoals images/klas.png",
    ),
    "did_you_mean": ("did you mean '{suggestion}'?", "bedoelde je '{suggestion}'?"),
    "allowed": ("allowed: {allowed}", "toegestaan: {allowed}"),
    "id_form": (
        "use lowercase letters, digits and '-', starting with a letter, e.g. 'drukte-in-de-klas'",
        "gebruik kleine letters, cijfers en '-', beginnend met een letter, bijv. 'drukte-in-de-klas'",
    ),
    "utf8": (
        "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
        "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering' > UTF-8)",
    ),
    "yaml_syntax": (
        "check the indentation and that every ':' in a text is inside quotes or after '>'",
        "controleer het inspringen en of elke ':' in een tekst tussen aanhalingstekens of na '>' staat",
    ),
    "start_with": (
        "a scenario starts with 'format: 1' and has at least 'id', 'title', 'language', 'budget' "
        "and 'cards'; 'incluzo new NAME' writes one to start from",
        "een scenario begint met 'format: 1' en heeft ten minste 'id', 'title', 'language', "
        "'budget' en 'cards'; 'incluzo new NAAM' schrijft er een om mee te beginnen",
    ),
    "remove_duplicate": ("keep one of the two", "houd er één van de twee"),
    "unique_id": ("give each one its own id", "geef elk een eigen id"),
    "text_form": (
        "write one string, or a map per language like {{nl: ..., en: ...}}",
        "schrijf één tekst, of per taal een map zoals {{nl: ..., en: ...}}",
    ),
    "position_sum": (
        "change the numbers so they add up to exactly 100",
        "pas de getallen aan zodat ze samen precies 100 zijn",
    ),
    "choices_count": (
        "add a choice, or remove 'choices' to make it an event card",
        "voeg een keuze toe, of haal 'choices' weg voor een gebeurteniskaart",
    ),
    "condition": (
        "e.g. 'betaalbaarheid >= 2 and not chosen aparte-werkplek'",
        "bijv. 'betaalbaarheid >= 2 and not chosen aparte-werkplek'",
    ),
    "qualified_choice": ("write 'chosen {options}'", "schrijf 'chosen {options}'"),
    "add_translation": ("add '{language}: ...' to this text", "voeg '{language}: ...' toe aan deze tekst"),
    "no_aliases": (
        "write the text out again where it is needed",
        "schrijf de tekst opnieuw uit waar hij nodig is",
    ),
    "format_version": (
        "this incluzo reads format 1; update incluzo or write 'format: 1'",
        "deze incluzo leest formaat 1; werk incluzo bij of schrijf 'format: 1'",
    ),
    "minutes": (
        "about how long one game takes, in whole minutes, e.g. 'minutes: 10'",
        "ongeveer hoe lang één spel duurt, in hele minuten, bijv. 'minutes: 10'",
    ),
    "limit": ("split the scenario or shorten the text", "splits het scenario of kort de tekst in"),
    "poll_options": ("give the poll 2 to 6 options", "geef de peiling 2 tot 6 opties"),
    "poll_only": (
        "a poll changes nothing: put choices, costs and moves on a card of their own",
        "een peiling verandert niets: zet keuzes, kosten en verschuivingen op een eigen kaart",
    ),
    "points_sum": (
        "distribute exactly {points} points over the four situations",
        "verdeel precies {points} punten over de vier situaties",
    ),
    "columns": (
        "the first row names the columns, like '{example}' (see docs/questionnaire.md)",
        "de eerste rij noemt de kolommen, zoals '{example}' (zie docs/questionnaire.md)",
    ),
    "form_columns": (
        "title the form's questions as `incluzo profile --form` prints them",
        "geef de vragen van het formulier de titels die `incluzo profile --form` geeft",
    ),
    "questionnaire_start": (
        "a questionnaire starts with 'format: 1' and has 'id', 'title', 'language' and 'themes' "
        "(see docs/questionnaire.md)",
        "een vragenlijst begint met 'format: 1' en heeft 'id', 'title', 'language' en 'themes' "
        "(zie docs/questionnaire.md)",
    ),
    "loosen_when": ("change its 'when', or remove it", "pas de 'when' aan, of haal hem weg"),
    "offer_a_choice": (
        "let the 'when' of at least one choice hold, or give one choice no 'when'",
        "laat de 'when' van minstens één keuze gelden, of geef één keuze geen 'when'",
    ),
    "reach_card": (
        "check the 'next' of the choices before it, and its own 'when'",
        "controleer de 'next' van de keuzes ervoor, en de eigen 'when'",
    ),
    "lower_cost": (
        "lower its cost; the most ever left when it is offered: {left}",
        "verlaag de kosten; het meeste dat er ooit over is als hij wordt aangeboden: {left}",
    ),
    "order_endings": (
        "move it up the list of endings, or make the earlier ending stricter",
        "zet het hoger in de lijst van eindes, of maak het eerdere einde strenger",
    ),
    "budget_lasts": (
        "fine if the budget is meant to last; otherwise raise costs or lower the budget",
        "prima als het budget bedoeld is om te volstaan; anders kosten omhoog of budget omlaag",
    ),
    "add_exhausted_ending": (
        "add an ending with 'when: exhausted', or lower the costs; it happens e.g. after: {route}",
        "voeg een einde toe met 'when: exhausted', of verlaag de kosten; het gebeurt bijv. na: {route}",
    ),
    "make_trade_off": (
        "make it cheaper on one meter, or let it move toward another quadrant, "
        "so choosing it gives up something",
        "maak hem op één meter goedkoper, of laat hem naar een ander kwadrant schuiven, "
        "zodat kiezen iets kost",
    ),
    "tighten_budget": (
        "lower the budget or raise the costs of transformative choices, so no path can afford everything",
        "verlaag het budget of verhoog de kosten van transformatieve keuzes, "
        "zodat geen pad alles kan betalen",
    ),
    "weigh_meter": (
        "lower its start level or raise its costs, so it weighs in the choices",
        "verlaag de beginstand of verhoog de kosten, zodat de meter meeweegt in de keuzes",
    ),
    "ease_meter": (
        "raise its start level or lower its costs",
        "verhoog de beginstand of verlaag de kosten",
    ),
    "ease_budget": (
        "raise the start levels or lower the costs, so at least one path reaches an ending",
        "verhoog de beginstanden of verlaag de kosten, zodat minstens één pad een einde haalt",
    ),
    "image_place": (
        "put the picture in the scenario's folder (e.g. images/) and write its path relative to the file",
        "zet de afbeelding in de map van het scenario (bijv. images/) en schrijf het pad vanaf het bestand",
    ),
    "shorten_text": (
        "shorten the text, or move details to 'notes'",
        "kort de tekst in, of zet details in 'notes'",
    ),
    "tone_good": (
        "let this route succeed somewhere (for this pupil, now), or give a reachable ending 'tone: good'",
        "laat deze route ergens slagen (voor deze leerling, nu), of geef een bereikbaar einde 'tone: good'",
    ),
    "tone_hard": (
        "let this route fail somewhere (it chafes too much, the bill arrives), "
        "or give a reachable ending 'tone: hard'",
        "laat deze route ergens mislukken (het schuurt te veel, de rekening komt), "
        "of geef een bereikbaar einde 'tone: hard'",
    ),
    "split_scenario": (
        "split the scenario, or use fewer conditions on the position",
        "splits het scenario, of gebruik minder voorwaarden op de positie",
    ),
}


KINDS: dict[str, tuple[str, str]] = {
    "card": ("card", "kaart"),
    "choice": ("choice", "keuze"),
    "ending": ("ending", "einde"),
    "name": ("name", "naam"),
    "meter": ("meter", "meter"),
    "quadrant": ("quadrant", "kwadrant"),
    "option": ("option", "optie"),
    "theme": ("theme", "thema"),
    "column": ("column", "kolom"),
}


ECHO_WIDTH = 200  # characters of an untrusted value a message shows at most
# What a terminal or a screen must never receive raw from a file: control characters (ESC starts a
# terminal sequence, BEL rings), line and paragraph separators, zero-width and direction marks and
# overrides, the BOM, and lone surrogates (which cannot even be encoded).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def echo(value: object, width: int = ECHO_WIDTH) -> str:
    """An untrusted value as a message or a terminal may show it: every hidden or control character
    escaped as \\uXXXX, and at most `width` characters (cut with '...'). The one function every echoed
    value passes through (`Problem` applies it to all its parameters, its file and its key path)."""
    text = value if isinstance(value, str) else str(value)
    head = _HIDDEN.sub(_escape, text[: width + 1])
    if len(head) <= width and len(text) <= width:
        return head
    cut = head[: width - 3]
    # never end inside an escape, which would show as a broken sequence
    broken = cut.rfind("\\u", max(0, len(cut) - 5))
    if broken != -1 and len(cut) - broken < 6:
        cut = cut[:broken]
    return cut + "..."


def echoed(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters with every text value passed through `echo` (numbers stay numbers for formatting)."""
    return {k: v if isinstance(v, int | float) else echo(v) for k, v in params.items()}


@dataclass(frozen=True)
class Words:
    """A message parameter in both languages, shown in the language of the message around it."""

    en: str
    nl: str

    def __str__(self) -> str:
        return self.en


def _render(table: Mapping[str, tuple[str, str]], key: str, params: Mapping[str, Any], lang: str) -> str:
    english, dutch = table[key]
    values = {k: (v.nl if lang == "nl" else v.en) if isinstance(v, Words) else v for k, v in params.items()}
    values = echoed(values)
    if "kind" in values and values["kind"] in KINDS:
        values["kind"] = KINDS[values["kind"]][lang == "nl"]
    return (dutch if lang == "nl" else english).format(**values)


@dataclass(frozen=True)
class Problem:
    """One located finding in a scenario file."""

    code: str
    source: str
    line: int
    column: int
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    hint: str | None = None
    hint_params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def message(self, lang: str = "en") -> str:
        return _render(MESSAGES, self.code, self.params, lang)

    def hint_text(self, lang: str = "en") -> str | None:
        return _render(HINTS, self.hint, self.hint_params, lang) if self.hint else None

    def format(self, lang: str = "en", *, with_code: bool = False) -> str:
        """`file:line:col: severity: key.path: message (hint)`, like a compiler; `with_code` writes
        the severity as `error[INC011]`, the code docs/check-codes.md is indexed by."""
        where = f"{echo(self.path)}: " if self.path else ""
        hint = self.hint_text(lang)
        tail = f" ({hint})" if hint else ""
        severity = f"{self.severity.value}[{self.code}]" if with_code else self.severity.value
        source = echo(self.source, 2 * ECHO_WIDTH)
        return f"{source}:{self.line}:{self.column}: {severity}: {where}{self.message(lang)}{tail}"

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "file": echo(self.source, 2 * ECHO_WIDTH),
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "path": echo(self.path),
            "message": self.message(lang),
            "hint": self.hint_text(lang),
        }


def capped(problems: Sequence[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems, and then one INC047 (at the first left out) saying how many more."""
    if len(problems) <= MAX_PROBLEMS:
        return list(problems)
    first = problems[MAX_PROBLEMS]
    more = Problem(
        "INC047", first.source, first.line, first.column, "", {"count": len(problems) - MAX_PROBLEMS}
    )
    return [*problems[:MAX_PROBLEMS], more]


class ScenarioError(Exception):
    """A scenario that cannot be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


MAX_PROBLEMS = 200  # problems one file reports at most; then one INC047 says how many more there are
MAX_SUGGESTIONS = 20  # "did you mean" hints per file; later misspellings get none (bounds `check`)
SUGGEST_LENGTH = 64  # longer words (and options) are no misspelt id and get no suggestion
_SHORTLIST = 8  # options compared in full, of those whose cheap upper bound is highest


def suggest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest option to a misspelt word, if one is close enough.

    Like `difflib.get_close_matches(word, options, 1, cutoff)`, but linear in the options: each gets
    difflib's cheap upper bounds, and only a short list of the most promising the full (quadratic)
    ratio, so a file of thousands of ids and hundreds of misspellings is still checked at once.
    """
    if not word or len(word) > SUGGEST_LENGTH:
        return None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounds: list[tuple[float, str]] = []
    for option in options:
        if len(option) > SUGGEST_LENGTH:
            continue
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= cutoff and (bound := matcher.quick_ratio()) >= cutoff:
            bounds.append((bound, option))
    best: tuple[float, str] | None = None
    for _, option in heapq.nlargest(_SHORTLIST, bounds):
        matcher.set_seq1(option)
        score = (matcher.ratio(), option)
        if score[0] >= cutoff and (best is None or score > best):
            best = score
    return best[1] if best else None


@dataclass
class Suggester:
    """`suggest` with a budget: one per file read, so the hints cost at most MAX_SUGGESTIONS searches."""

    left: int = MAX_SUGGESTIONS

    def __call__(self, word: str, options: Iterable[str]) -> str | None:
        if self.left <= 0:
            return None
        self.left -= 1
        return suggest(word, options)
