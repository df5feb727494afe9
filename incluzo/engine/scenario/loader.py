"""YAML scenario files to a frozen Scenario, collecting every problem with its location and a hint."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import field
from functools import cache
from pathlib import Path, PureWindowsPath
from typing import Any

from incluzo.engine.play import position
from incluzo.engine.scenario import conditions
from incluzo.engine.scenario.model import (
    END,
    HINT_LEVELS,
    MAX_MINUTES,
    POLL_MARKS,
    POLL_OPTIONS,
    RECOGNITIONS,
    TONES,
    Card,
    Choice,
    Ending,
    Poll,
    PollOption,
    QuadrantModel,
    Scenario,
    available_models,
    load_model,
)
from incluzo.engine.scenario.problems import Phrase, Problem, ScenarioError, Severity, Suggester, capped, said
from incluzo.engine.scenario.text import EMPTY, Text
from incluzo.engine.scenario.yamlsource import (
    DEFAULT_LIMITS,
    Limits,
    compose,
    decode,
    describe_character,
    read_file,
    shown,
    unsafe_character,
)
from incluzo.lazy import yaml

FORMAT = 1
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
MAX_CARDS = 200
MAX_TEXTS = 2_000
MAX_TEXT_LENGTH = 5_000
MAX_ID_LENGTH = 64
MAX_DIGITS = 20  # characters in a whole number, before it is read
MAX_TIMER = 3_600
MAX_LEVEL = 1_000

NULL = "tag:yaml.org,2002:null"

# key -> required. The order is the order keys are documented in.
SCENARIO_KEYS = {
    "format": True,
    "id": True,
    "title": True,
    "language": True,
    "translations": False,
    "description": False,
    "author": False,
    "notes": False,
    "reflect": False,
    "hints": False,
    "minutes": False,
    "model": False,
    "budget": True,
    "position": False,
    "desired": False,
    "cards": True,
    "endings": False,
}
CARD_KEYS = {
    "id": True,
    "title": True,
    "text": True,
    "notes": False,
    "reflect": False,
    "image": False,
    "timer": False,
    "when": False,
    "choices": False,
    "cost": False,
    "move": False,
    "next": False,
    "poll": False,
}
POLL_KEYS = {"question": True, "options": True, "marks": False}
OPTION_KEYS = {"id": True, "label": True, "quadrant": False}
CHOICE_KEYS = {
    "id": True,
    "label": True,
    "cost": True,
    "move": False,
    "recognition": True,
    "outcome": True,
    "when": False,
    "next": False,
}
ENDING_KEYS = {"id": True, "when": False, "tone": False, "title": True, "text": True}


MAP, LIST = said("problem.type.map"), said("problem.type.list")
WHOLE, TEXT = said("problem.type.whole_number"), said("problem.type.text")


@cache
def _constructor() -> yaml.constructor.SafeConstructor:
    """PyYAML's own reading of an int (made on first use: yaml loads when first used)."""
    return yaml.constructor.SafeConstructor()


def _kind(node: yaml.Node) -> Phrase | str:
    if isinstance(node, yaml.MappingNode):
        return MAP
    if isinstance(node, yaml.SequenceNode):
        return LIST
    if node.tag == NULL:
        return said("problem.type.nothing")
    return f"'{node.value}'"


def key_text(node: yaml.Node) -> str:
    """A map key as text; a list or map used as a key (`? [a, b]`) is named, never printed whole."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return (
        "(a map (key: value))" if isinstance(node, yaml.MappingNode) else "(a list (- ...))"
    )  # a key path's words


@dataclasses.dataclass
class Reader:
    """Walks the node tree, building values and collecting problems; never stops at the first."""

    source: str
    model: QuadrantModel
    language: str = "nl"
    problems: list[Problem] = field(default_factory=list)
    texts: list[tuple[Text, yaml.Node, str]] = field(default_factory=list)
    suggest: Suggester = field(default_factory=Suggester)  # "did you mean", within a budget per file

    def report(
        self,
        node: yaml.Node | None,
        path: str,
        code: str,
        hint: str | None = None,
        hint_params: dict[str, Any] | None = None,
        severity: Severity = Severity.ERROR,
        column_offset: int = 0,
        **params: Any,
    ) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(
            Problem(
                code,
                self.source,
                line,
                column + column_offset,
                path,
                params,
                hint,
                hint_params or {},
                severity,
            )
        )

    def wrong_type(self, node: yaml.Node, path: str, expected: Phrase, hint: str | None = None) -> None:
        self.report(node, path, "INC007", hint, expected=expected, found=_kind(node))

    def mapping(self, node: yaml.Node, path: str, keys: dict[str, bool]) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.wrong_type(node, path, MAP)
            return None
        found: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        suggested: set[str] = set()  # a misspelt required key is reported once, as the misspelling
        for key_node, value_node in node.value:
            key = key_text(key_node)
            key_path = f"{path}.{key}" if path else key
            if key in found:
                self.report(key_node, key_path, "INC005", "remove_duplicate", key=key, first=first_line[key])
                continue
            if key not in keys:
                close = self.suggest(key, keys)
                if close:
                    suggested.add(close)
                    self.report(key_node, key_path, "INC004", "did_you_mean", {"suggestion": close}, key=key)
                else:
                    self.report(
                        key_node, key_path, "INC004", "allowed", {"allowed": ", ".join(keys)}, key=key
                    )
                continue
            found[key] = value_node
            first_line[key] = key_node.start_mark.line + 1
        for key, required in keys.items():
            if required and key not in found and key not in suggested:
                self.report(node, path, "INC006", key=key)
        return found

    def sequence(self, node: yaml.Node, path: str) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.wrong_type(node, path, LIST)
        return []

    def scalar(self, node: yaml.Node, path: str, expected: Phrase) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag != NULL:
            value = str(node.value)
            self.untrusted(node, path, value)
            return value
        self.wrong_type(node, path, expected)
        return None

    def untrusted(self, node: yaml.Node, path: str, value: str) -> None:
        """Files travel by e-mail: bound each string, refuse characters that hide or reorder text."""
        if len(value) > MAX_TEXT_LENGTH:
            self.report(
                node,
                path,
                "INC017",
                "limit",
                reason=said("problem.reason.characters", count=len(value), most=MAX_TEXT_LENGTH),
            )
        index = unsafe_character(value)
        if index is not None:
            self.report(
                node, path, "INC021", "unsafe_character", char=describe_character(value[index]), at=index + 1
            )

    def integer(self, node: yaml.Node, path: str, low: int, high: int, hint: str | None = None) -> int | None:
        value = self.scalar(node, path, WHOLE)
        if value is None:
            return None
        if node.tag != "tag:yaml.org,2002:int":
            self.wrong_type(node, path, WHOLE, hint)
            return None
        assert isinstance(node, yaml.ScalarNode)
        if len(value) > MAX_DIGITS:
            self.report(
                node,
                path,
                "INC013",
                hint,
                value=value[:MAX_DIGITS] + "...",
                range=said("problem.range", low=low, high=high),
            )
            return None
        try:  # an explicit `!!int abc` carries the int tag without being a number
            number = _constructor().construct_yaml_int(node)
        except (ValueError, TypeError, IndexError):
            self.wrong_type(node, path, WHOLE)
            return None
        if not low <= number <= high:
            self.report(
                node, path, "INC013", hint, value=number, range=said("problem.range", low=low, high=high)
            )
            return None
        return int(number)

    def ident(self, node: yaml.Node, path: str) -> str | None:
        value = self.scalar(node, path, said("problem.type.id"))
        if value is not None and (len(value) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(value)):
            odd = next(
                (c for c in value if not (c.isascii() and (c.islower() or c.isdigit() or c == "-"))), ""
            )
            hint, params = ("id_character", {"char": describe_character(odd)}) if odd else ("id_form", {})
            self.report(node, path, "INC009", hint, params, value=shown(value))
            return None
        return value

    def unique_id(
        self, fields: dict[str, yaml.Node], path: str, kind: str, first_line: dict[str, int]
    ) -> str | None:
        """The `id` of a map, reported when missing, malformed or already in `first_line` (then updated)."""
        if "id" not in fields:
            return None
        value = self.ident(fields["id"], f"{path}.id")
        if value is None:
            return None
        line = fields["id"].start_mark.line + 1
        if value in first_line:
            self.report(
                fields["id"],
                f"{path}.id",
                "INC010",
                "unique_id",
                kind=kind,
                value=value,
                first=first_line[value],
            )
        else:
            first_line[value] = line
        return value

    def choose(self, node: yaml.Node, path: str, allowed: Sequence[str]) -> str | None:
        value = self.scalar(node, path, said("problem.type.one_of", allowed=", ".join(allowed)))
        if value is not None and value not in allowed:
            close = self.suggest(value, allowed)
            if close:
                self.report(node, path, "INC008", "did_you_mean", {"suggestion": close}, value=value)
            else:
                self.report(node, path, "INC008", "allowed", {"allowed": ", ".join(allowed)}, value=value)
            return None
        return value

    def text(self, node: yaml.Node | None, path: str) -> Text:
        if node is None:
            return EMPTY
        if isinstance(node, yaml.ScalarNode) and node.tag != NULL:
            result = Text(((self.language, self.scalar(node, path, TEXT) or ""),))
        elif isinstance(node, yaml.MappingNode):
            values: list[tuple[str, str]] = []
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                lang = key_text(key_node)
                if lang in seen:
                    self.report(
                        key_node, f"{path}.{lang}", "INC005", "remove_duplicate", key=lang, first=seen[lang]
                    )
                    continue
                seen[lang] = key_node.start_mark.line + 1
                if not LANGUAGE_PATTERN.fullmatch(lang):
                    self.report(key_node, f"{path}.{lang}", "INC008", "text_form", value=lang)
                    continue
                value = self.scalar(value_node, f"{path}.{lang}", TEXT)
                if value is not None:
                    values.append((lang, value))
            result = Text(tuple(values))
        else:
            self.wrong_type(node, path, TEXT, "text_form")
            return EMPTY
        self.texts.append((result, node, path))
        return result

    def texts_list(self, node: yaml.Node | None, path: str) -> tuple[Text, ...]:
        if node is None:
            return ()
        return tuple(self.text(item, f"{path}[{i}]") for i, item in enumerate(self.sequence(node, path)))

    def per_id(
        self, node: yaml.Node | None, path: str, ids: Sequence[str], low: int, high: int, what: str
    ) -> dict[str, int]:
        """A map of meter or quadrant ids to whole numbers."""
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.wrong_type(node, path, said(f"problem.type.map_of_{what}"))
            return {}
        result: dict[str, int] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_text(key_node)
            key_path = f"{path}.{key}"
            if key not in ids:
                close = self.suggest(key, ids)
                hint, params = (
                    ("did_you_mean", {"suggestion": close})
                    if close
                    else ("allowed", {"allowed": ", ".join(ids)})
                )
                self.report(key_node, key_path, "INC011", hint, params, kind=what.rstrip("s"), value=key)
                continue
            if key in first_line:
                self.report(key_node, key_path, "INC005", "remove_duplicate", key=key, first=first_line[key])
                continue
            first_line[key] = key_node.start_mark.line + 1
            number = self.integer(value_node, key_path, low, high)
            if number is not None:
                result[key] = number
        return result

    def image(self, node: yaml.Node, path: str) -> str | None:
        """A picture's path, relative and inside the scenario's folder (symlinks: checks.image_problems)."""
        value = self.scalar(node, path, said("problem.type.file_path"))
        parsed = PureWindowsPath(value or "")  # splits on both '/' and '\\'
        if value is not None and (parsed.drive or parsed.root or ".." in parsed.parts):
            self.report(node, path, "INC022", "inside_folder", value=value)
            return None
        return value

    def quadrant_points(self, node: yaml.Node | None, path: str) -> tuple[int, ...] | None:
        ids = self.model.quadrant_ids
        points = self.per_id(node, path, ids, 0, 100, "quadrants")
        if node is None or not points:
            return None
        values = tuple(points.get(q, 0) for q in ids)
        if sum(values) != 100:
            self.report(node, path, "INC012", "position_sum", total=sum(values))
            return None
        return position.from_points(values)


def load_text(
    text: str,
    source: str = "<string>",
    *,
    limits: Limits = DEFAULT_LIMITS,
    content_hash: str | None = None,
    base: Path | None = None,
) -> Scenario:
    """Load a scenario from YAML text. Raises ScenarioError with every problem found."""
    del base  # images are checked by `incluzo check`, relative to the file
    root = compose(text, source, limits)
    digest = content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _build(root, source, digest)


def load_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Scenario:
    """Load a scenario file. Raises ScenarioError with every problem found."""
    path = Path(path)
    return load_bytes(read_file(path, limits), str(path), limits=limits)


def load_bytes(data: bytes, source: str, *, limits: Limits = DEFAULT_LIMITS) -> Scenario:
    """Load a scenario from a file's bytes (`source` names the file). Raises ScenarioError."""
    text = decode(data, source, limits)
    return load_text(text, source, limits=limits, content_hash=hashlib.sha256(data).hexdigest())


def read_head(
    reader: Reader, root: yaml.Node, keys: dict[str, bool], what: Phrase, hint: str
) -> tuple[dict[str, yaml.Node], tuple[str, ...]]:
    """The top-level map; check its format, set the reader's model and language, return the translations.

    Shared by every YAML file incluzo reads (scenarios, questionnaires), so all read alike.
    """
    if not isinstance(root, yaml.MappingNode):
        reason = said("problem.reason.not_a_map", what=what, found=_kind(root))
        reader.report(root, "", "INC003", hint, reason=reason)
        raise ScenarioError(reader.problems)
    found = reader.mapping(root, "", keys) or {}
    if "format" in found:
        fmt = reader.scalar(found["format"], "format", said("problem.type.format"))
        if fmt is not None and fmt != str(FORMAT):
            reader.report(found["format"], "format", "INC019", "format_version", value=fmt)
            raise ScenarioError(reader.problems)
    if "model" in found:
        model_id = reader.choose(found["model"], "model", available_models())
        if model_id:
            reader.model = load_model(model_id)
    if "language" in found:
        reader.language = (
            reader.scalar(found["language"], "language", said("problem.type.language_like")) or "nl"
        )
    translations: tuple[str, ...] = ()
    if "translations" in found:
        items = reader.sequence(found["translations"], "translations")
        translations = tuple(
            v
            for i, item in enumerate(items)
            if (v := reader.scalar(item, f"translations[{i}]", said("problem.type.language")))
        )
    return found, translations


def close(reader: Reader, root: yaml.Node, translations: Sequence[str]) -> tuple[Problem, ...]:
    """Last checks over all texts; raise every problem when one is an error, else return the warnings."""
    _check_translations(reader, translations)
    if len(reader.texts) > MAX_TEXTS:
        reader.report(
            root,
            "",
            "INC017",
            "limit",
            reason=said("problem.reason.texts", count=len(reader.texts), most=MAX_TEXTS),
        )
    unique = {p.format(): p for p in reader.problems}.values()  # a node read twice is reported once
    problems = capped(sorted(unique, key=lambda p: (p.line, p.column)))
    if any(p.severity is Severity.ERROR for p in problems):
        raise ScenarioError(problems)
    return tuple(problems)


def _build(root: yaml.Node, source: str, digest: str) -> Scenario:
    reader = Reader(source, load_model())
    keys, translations = read_head(reader, root, SCENARIO_KEYS, said("problem.type.scenario"), "start_with")
    model = reader.model
    budget_map = reader.per_id(keys.get("budget"), "budget", model.meter_ids, 0, MAX_LEVEL, "meters")
    if "budget" in keys:
        for meter in model.meter_ids:
            if (
                meter not in budget_map
                and isinstance(keys["budget"], yaml.MappingNode)
                and not any(key_text(k) == meter for k, _ in keys["budget"].value)
            ):
                reader.report(keys["budget"], "budget", "INC006", key=meter)
    cards_nodes = reader.sequence(keys["cards"], "cards") if "cards" in keys else []
    if len(cards_nodes) > MAX_CARDS:
        reader.report(
            keys["cards"],
            "cards",
            "INC017",
            "limit",
            reason=said("problem.reason.cards", count=len(cards_nodes), most=MAX_CARDS),
        )
        raise ScenarioError(reader.problems)
    if "cards" in keys and not cards_nodes and isinstance(keys["cards"], yaml.SequenceNode):
        reader.report(keys["cards"], "cards", "INC003", reason=said("problem.reason.no_cards"))

    vocabulary, card_maps = _vocabulary(reader, cards_nodes)
    cards = tuple(
        card
        for i, (node, fields) in enumerate(card_maps)
        if (card := _card(reader, node, fields, f"cards[{i}]", vocabulary)) is not None
    )
    endings = _endings(reader, keys.get("endings"), vocabulary)
    scenario_id = reader.ident(keys["id"], "id") if "id" in keys else None
    hints = reader.choose(keys["hints"], "hints", HINT_LEVELS) if "hints" in keys else "none"
    minutes = (
        reader.integer(keys["minutes"], "minutes", 1, MAX_MINUTES, "minutes") if "minutes" in keys else None
    )
    author = reader.scalar(keys["author"], "author", said("problem.type.name")) if "author" in keys else ""
    start = reader.quadrant_points(keys.get("position"), "position")
    desired = reader.quadrant_points(keys.get("desired"), "desired")
    title = reader.text(keys.get("title"), "title")
    description = reader.text(keys.get("description"), "description")
    notes = reader.text(keys.get("notes"), "notes")
    reflect = reader.texts_list(keys.get("reflect"), "reflect")
    warnings = close(reader, root, translations)
    return Scenario(
        id=scenario_id or "",
        title=title,
        language=reader.language,
        translations=translations,
        budget=tuple(budget_map[m] for m in model.meter_ids),
        position=start or position.even(len(model.quadrants)),
        desired=desired,
        cards=cards,
        model=model,
        description=description,
        author=author or "",
        notes=notes,
        reflect=reflect,
        hints=hints or "none",
        minutes=minutes,
        endings=endings,
        source=source,
        content_hash=digest,
        warnings=warnings,
    )


def _vocabulary(
    reader: Reader, nodes: list[yaml.Node]
) -> tuple[conditions.Vocabulary, list[tuple[yaml.Node, dict[str, yaml.Node]]]]:
    """First pass over the cards: their ids and choice ids, so conditions and `next` can refer ahead."""
    card_maps: list[tuple[yaml.Node, dict[str, yaml.Node]]] = []
    choices: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    for i, node in enumerate(nodes):
        fields = reader.mapping(node, f"cards[{i}]", CARD_KEYS)
        if fields is None:
            continue
        card_maps.append((node, fields))
        card_id = reader.ident(fields["id"], f"cards[{i}].id") if "id" in fields else None
        if card_id is None:
            continue
        if card_id == END:
            reader.report(fields["id"], f"cards[{i}].id", "INC008", "unique_id", value=END)
        elif card_id in first_line:
            reader.report(
                fields["id"],
                f"cards[{i}].id",
                "INC010",
                "unique_id",
                kind="card",
                value=card_id,
                first=first_line[card_id],
            )
            continue
        first_line[card_id] = fields["id"].start_mark.line + 1
        ids: list[str] = []
        choices_node = fields.get("choices")
        if isinstance(choices_node, yaml.SequenceNode):
            for choice in choices_node.value:
                if isinstance(choice, yaml.MappingNode):
                    ids += [
                        str(v.value)
                        for k, v in choice.value
                        if key_text(k) == "id" and isinstance(v, yaml.ScalarNode)
                    ]
        choices[card_id] = ids
    vocabulary = conditions.Vocabulary(
        reader.model.meter_ids, reader.model.quadrant_ids, tuple(choices), choices, reader.suggest
    )
    return vocabulary, card_maps


def _condition(
    reader: Reader, node: yaml.Node | None, path: str, vocabulary: conditions.Vocabulary
) -> conditions.Condition | None:
    if node is None:
        return None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    texts: list[str] = []
    for i, item in enumerate(items):
        item_path = f"{path}[{i}]" if isinstance(node, yaml.SequenceNode) else path
        value = reader.scalar(item, item_path, said("problem.type.condition"))
        if value is None:
            return None
        texts.append(value)
    condition, issues = conditions.parse(texts, vocabulary)
    for index, issue in issues:
        item = items[index]
        plain = isinstance(item, yaml.ScalarNode) and not item.style  # None (PyYAML) or '' (libyaml)
        offset = issue.offset if plain else 0
        quote = 1 if isinstance(item, yaml.ScalarNode) and item.style in ("'", '"') else 0
        item_path = f"{path}[{index}]" if isinstance(node, yaml.SequenceNode) else path
        reader.report(
            item,
            item_path,
            issue.code,
            issue.hint,
            issue.hint_params,
            column_offset=offset + quote * (issue.offset > 0),
            **issue.params,
        )
    return condition


def _next(reader: Reader, node: yaml.Node | None, path: str, vocabulary: conditions.Vocabulary) -> str | None:
    if node is None:
        return None
    target = reader.scalar(node, path, said("problem.type.card_or_end"))
    if target is None:
        return None
    if target != END and target not in vocabulary.cards:
        close = reader.suggest(target, [*vocabulary.cards, END])
        hint, params = ("did_you_mean", {"suggestion": close}) if close else (None, {})
        reader.report(node, path, "INC011", hint, params, kind="card", value=target)
    return target


def _card(
    reader: Reader,
    node: yaml.Node,
    fields: dict[str, yaml.Node],
    path: str,
    vocabulary: conditions.Vocabulary,
) -> Card | None:
    model = reader.model
    choice_nodes = reader.sequence(fields["choices"], f"{path}.choices") if "choices" in fields else []
    if (
        "choices" in fields
        and len(choice_nodes) not in (2, 3, 4)
        and isinstance(fields["choices"], yaml.SequenceNode)
    ):
        reader.report(
            fields["choices"], f"{path}.choices", "INC014", "choices_count", count=len(choice_nodes)
        )
    choices: list[Choice] = []
    seen_ids: dict[str, int] = {}
    for i, choice_node in enumerate(choice_nodes):
        choice = _choice(reader, choice_node, f"{path}.choices[{i}]", vocabulary)
        if choice is None:
            continue
        if choice.id in seen_ids:
            reader.report(
                choice_node,
                f"{path}.choices[{i}].id",
                "INC010",
                "unique_id",
                kind="choice",
                value=choice.id,
                first=seen_ids[choice.id],
            )
        seen_ids[choice.id] = choice.line
        choices.append(choice)
    for key in ("cost", "move", "next"):
        if key in fields and choice_nodes:
            reader.report(
                fields[key],
                f"{path}.{key}",
                "INC004",
                "allowed",
                {"allowed": "cost, move and next on the choices"},
                key=key,
            )
    cost = reader.per_id(fields.get("cost"), f"{path}.cost", model.meter_ids, -MAX_LEVEL, MAX_LEVEL, "meters")
    move = reader.per_id(fields.get("move"), f"{path}.move", model.quadrant_ids, 1, 100, "quadrants")
    timer = reader.integer(fields["timer"], f"{path}.timer", 10, MAX_TIMER) if "timer" in fields else None
    image = reader.image(fields["image"], f"{path}.image") if "image" in fields else None
    poll = _poll(reader, fields, f"{path}.poll") if "poll" in fields else None
    card_id = reader.ident(fields["id"], f"{path}.id") if "id" in fields else None
    card = Card(
        id=card_id or "",
        title=reader.text(fields.get("title"), f"{path}.title"),
        text=reader.text(fields.get("text"), f"{path}.text"),
        choices=tuple(choices),
        notes=reader.text(fields.get("notes"), f"{path}.notes"),
        reflect=reader.texts_list(fields.get("reflect"), f"{path}.reflect"),
        image=image,
        timer=timer,
        when=_condition(reader, fields.get("when"), f"{path}.when", vocabulary),
        cost=tuple(cost.get(m, 0) for m in model.meter_ids),
        move=tuple(move.get(q, 0) for q in model.quadrant_ids),
        next=_next(reader, fields.get("next"), f"{path}.next", vocabulary) if not choice_nodes else None,
        poll=poll,
        line=node.start_mark.line + 1,
    )
    return card if card_id else None


def _poll(reader: Reader, card: dict[str, yaml.Node], path: str) -> Poll | None:
    """A card's `poll:` (question, 2-6 options); a poll card has no choices, cost or move."""
    card_path = path.removesuffix(".poll")
    for key in ("choices", "cost", "move"):
        if key in card:
            reader.report(card[key], f"{card_path}.{key}", "INC102", "poll_only", key=key)
    fields = reader.mapping(card["poll"], path, POLL_KEYS)
    if fields is None:
        return None
    items = reader.sequence(fields["options"], f"{path}.options") if "options" in fields else []
    fewest, most = POLL_OPTIONS
    if isinstance(fields.get("options"), yaml.SequenceNode) and not fewest <= len(items) <= most:
        reader.report(fields["options"], f"{path}.options", "INC101", "poll_options", count=len(items))
    options: list[PollOption] = []
    first_line: dict[str, int] = {}
    for i, item in enumerate(items):
        option_path = f"{path}.options[{i}]"
        option = reader.mapping(item, option_path, OPTION_KEYS)
        if option is None:
            continue
        option_id = reader.unique_id(option, option_path, "option", first_line)
        quadrant = option.get("quadrant")
        options.append(
            PollOption(
                option_id or "",
                reader.text(option.get("label"), f"{option_path}.label"),
                reader.choose(quadrant, f"{option_path}.quadrant", reader.model.quadrant_ids)
                if quadrant
                else None,
            )
        )
    marks = reader.choose(fields["marks"], f"{path}.marks", POLL_MARKS) if "marks" in fields else None
    return Poll(reader.text(fields.get("question"), f"{path}.question"), tuple(options), marks or "letters")


def _choice(reader: Reader, node: yaml.Node, path: str, vocabulary: conditions.Vocabulary) -> Choice | None:
    fields = reader.mapping(node, path, CHOICE_KEYS)
    if fields is None:
        return None
    model = reader.model
    get: Callable[[str], yaml.Node | None] = fields.get
    choice_id = reader.ident(fields["id"], f"{path}.id") if "id" in fields else None
    cost = reader.per_id(get("cost"), f"{path}.cost", model.meter_ids, -MAX_LEVEL, MAX_LEVEL, "meters")
    move = reader.per_id(get("move"), f"{path}.move", model.quadrant_ids, 1, 100, "quadrants")
    recognition = (
        reader.choose(fields["recognition"], f"{path}.recognition", RECOGNITIONS)
        if "recognition" in fields
        else None
    )
    choice = Choice(
        id=choice_id or "",
        label=reader.text(get("label"), f"{path}.label"),
        cost=tuple(cost.get(m, 0) for m in model.meter_ids),
        move=tuple(move.get(q, 0) for q in model.quadrant_ids),
        recognition=recognition or "",
        outcome=reader.text(get("outcome"), f"{path}.outcome"),
        when=_condition(reader, get("when"), f"{path}.when", vocabulary),
        next=_next(reader, get("next"), f"{path}.next", vocabulary),
        line=node.start_mark.line + 1,
    )
    return choice if choice_id else None


def _endings(reader: Reader, node: yaml.Node | None, vocabulary: conditions.Vocabulary) -> tuple[Ending, ...]:
    endings: list[Ending] = []
    first_line: dict[str, int] = {}
    for i, item in enumerate(reader.sequence(node, "endings") if node is not None else []):
        path = f"endings[{i}]"
        fields = reader.mapping(item, path, ENDING_KEYS)
        if fields is None:
            continue
        ending_id = reader.ident(fields["id"], f"{path}.id") if "id" in fields else None
        if ending_id in first_line:
            reader.report(
                fields["id"],
                f"{path}.id",
                "INC010",
                "unique_id",
                kind="ending",
                value=ending_id,
                first=first_line[ending_id or ""],
            )
        if ending_id:
            first_line[ending_id] = item.start_mark.line + 1
        ending = Ending(
            ending_id or "",
            reader.text(fields.get("title"), f"{path}.title"),
            reader.text(fields.get("text"), f"{path}.text"),
            _condition(reader, fields.get("when"), f"{path}.when", vocabulary),
            item.start_mark.line + 1,
            reader.choose(fields["tone"], f"{path}.tone", TONES) if "tone" in fields else None,
        )
        endings.append(ending)
    return tuple(endings)


def _check_translations(reader: Reader, translations: Sequence[str]) -> None:
    """The main language is required in every text; a missing translation is a warning (it falls back)."""
    for text, node, path in reader.texts:
        for language in (reader.language, *translations):
            if text.values and language not in text.languages:
                severity = Severity.ERROR if language == reader.language else Severity.WARNING
                reader.report(
                    node,
                    path,
                    "INC016",
                    "add_translation",
                    {"language": language},
                    severity=severity,
                    language=language,
                )
