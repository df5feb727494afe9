"""Every key, bound once (as Textual's BINDINGS): its keycap, the keys that press it, what it asks for,
its footer label and its line in the help.

A scene lists the bindings it offers (`Scene.bindings`); its key handling and its footer come from
that list, the help overlay from `GROUP_HELP` / `TEAM_HELP`, and the key tables in docs/playing.md are
generated from the same two lists (`python -m incluzo.scenes.kit.keydocs` rewrites them; a test compares).
A binding whose action depends on the screen (which choice, which team) is declared without one and
bound with `to()` where the screen knows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from incluzo.i18n import catalog_for, languages
from incluzo.scenes.actions import (
    Action,
    AddTime,
    AskFinish,
    AskHome,
    AskQuit,
    AskSkip,
    Back,
    BackToNow,
    Close,
    EndTime,
    Export,
    Help,
    Home,
    Menu,
    OpenMap,
    OpenQuestionnaire,
    Pause,
    Reload,
    ShowNotes,
    ShowPhones,
    StartFrom,
    ToggleFullscreen,
    TogglePhones,
    TogglePresenter,
    ToggleTimer,
    Turn,
    Undo,
)
from incluzo.scenes.teams.actions import TIME_STEP


class Local:
    """A request a screen answers itself (pick a row, switch the tips): it never leaves the scene."""


Request = Action | Local


@dataclass
class FooterKey:
    """A key as the footer (or the team bar) shows it: keycap, label, what a tap does, target name."""

    key: str
    label: str
    action: Request
    name: str


class Binding(Struct, frozen=True):
    cap: str  # on the keycap in the footer: "H"
    keys: tuple[str, ...]  # pygame's names of the keys that press it ("h", "f1"); () if the screen maps them
    action: Request | None  # what it asks for; None where the screen decides (see `to`)
    label: str = ""  # message key of its footer label; "" keeps it out of the footer
    help: str = ""  # message key of its line in the help and in docs/playing.md; "" leaves it out
    name: str = ""  # the footer button's name (tests click it)
    help_cap: str = ""  # the keys as the help lists them, when they are more than the cap ("H  F1")
    params: tuple[tuple[str, Any], ...] = ()  # what the footer label and the help line fill in
    per_language: bool = False  # listed with every catalog's key (a new language adds its own)

    def to(self, action: Request, *keys: str) -> Binding:
        """This binding asking for `action` (the screen's state decides which), on `keys` if given."""
        return replace(self, action=action, keys=keys or self.keys)

    def footer_key(self, say: Callable[..., str], **params: Any) -> FooterKey:
        """The footer button, its label filled in with `params`."""
        assert self.action is not None, f"binding {self.cap} has no action on this screen"
        label = say(self.label, **dict(self.params), **params) if self.label else ""
        return FooterKey(self.cap, label, self.action, self.name)

    def for_letters(self, letters: Sequence[str]) -> Binding:
        """This key for the choices a card shows: "A-C" and "Choose A to C" on a card of three, "A" and
        "Choose A" on a card of one (its help fills in first, last and count)."""
        cap, count = letter_range(letters), len(letters)
        params = (("first", letters[0]), ("last", letters[-1]), ("count", count))
        return replace(self, cap=cap, help_cap=f"{cap}  {'1' if count == 1 else f'1-{count}'}", params=params)

    def help_words(self, say: Callable[..., str]) -> str:
        """Its line in the help (and in the presenter view's key list)."""
        return say(self.help, **dict(self.params))

    def labelled(self, label: str, **params: Any) -> Binding:
        """This key with another footer label (the main button says what Enter does here)."""
        return replace(self, label=label, params=tuple(params.items()))

    @property
    def listed_cap(self) -> str:
        if self.per_language:
            return "  ".join(catalog_for(lang).key.upper() for lang in languages())
        return self.help_cap or self.cap


def letter_range(letters: Sequence[str]) -> str:
    """The choices' letters as a keycap says them: "A-C", or "A" alone."""
    return letters[0] if len(letters) == 1 else f"{letters[0]}-{letters[-1]}"


def keymap(bindings: Iterable[Binding]) -> dict[str, Request]:
    """Key name to action; the first binding of a key wins, so a screen's own come before the global ones."""
    found: dict[str, Request] = {}
    for binding in bindings:
        if binding.action is not None:
            for key in binding.keys:
                found.setdefault(key, binding.action)
    return found


# --- every screen ------------------------------------------------------------------------------------
MAP = Binding("M", ("m",), OpenMap(), "key.map", "help.map", "map")
HELP = Binding("H", ("h", "f1"), Help(), "key.help", "help.help", "help", "H  F1")
PAUSE = Binding("P", ("p",), Pause(), help="help.pause")
MENU = Binding("Esc", ("escape",), Menu(), "key.menu", "help.menu", "menu")
FULLSCREEN = Binding("F11", ("f11",), ToggleFullscreen(), help="help.full")
RELOAD = Binding("F5", ("f5",), Reload(), help="help.reload")
PAGES = Binding(
    "PgDn", ("page down", "right"), Turn(1), help="help.pages", name="page-down", help_cap="PgUp PgDn"
)
PAGE_UP = Binding("PgUp", ("page up", "left"), Turn(-1), name="page-up")
MORE = Binding("Enter", ("return", "space"), Turn(1), "key.more", name="next-page")  # a long text: read on
NEXT = Binding("Enter", ("return", "space"), None, "key.next", "help.next", "next")
PRESENTER = Binding("F2", ("f2",), TogglePresenter(), help="help.presenter", name="presenter")
GLOBAL = (MAP, HELP, PAUSE, MENU, FULLSCREEN, RELOAD, PRESENTER)
AGAIN = Binding("R", ("r",), None)  # the crash page: back into the saved game
CRASH_SKIP = Binding("K", ("k",), None)  # the same crash again: past the card it stood on
CRASH_HOME = Binding("S", ("s",), None)  # the same crash again: to the start screen

# --- the Esc menu and a question (the question's keys are the catalog's yes_key and no_key) ----------------
MENU_RESUME = Binding("Esc", ("escape",), Close(), "menu.resume")
MENU_HELP = Binding("H", ("h",), Help(), "key.help")
MENU_HOME = Binding("S", ("s",), AskHome(), "menu.home")
MENU_QUIT = Binding("Q", ("q",), AskQuit(), "menu.quit")
MENU_PHONES = Binding("O", ("o",), ShowPhones(), "start.phones")  # while the phones are on
YES = Binding("J", (), None, "confirm.yes")
NO = Binding("N", (), None, "confirm.no")

# --- one group and solo ------------------------------------------------------------------------------
CHOOSE = Binding("A-D", (), None, help="help.choose", help_cap="A-D  1-4").for_letters("ABCD")
UNDO = Binding("Backspace", ("backspace",), Undo(), help="help.back")
SKIP = Binding("K", ("k",), AskSkip(), help="help.skip")
NOTES = Binding("N", ("n",), ShowNotes(), help="help.notes")
END = Binding("X", ("x",), AskFinish(), help="help.end")
EXPORT = Binding("E", ("e",), Export(), "key.export", "help.export", "export")
START_PICK = Binding("1-9", (), None, help="help.start_pick")
START_MODE = Binding("T  S", ("t", "s"), None, help="help.start_mode")
START_LANGUAGE = Binding("N", (), None, help="help.start_lang", per_language=True)
QUESTIONNAIRE = Binding(
    "W", ("w",), OpenQuestionnaire(), "start.questionnaire", "help.start_questionnaire", "questionnaire"
)
PHONES = Binding("O", ("o",), TogglePhones(), "start.phones", "help.start_phones", "phones")
DESK_PIN = Binding("B", ("b",), None)  # the phones' join dialog: the facilitator's PIN for a few seconds
ROOM_PROFILE = Binding("R", ("r",), None)  # the phones' join dialog: the profile of the sheets sent
FROM_SCRATCH = Binding("X", ("x",), StartFrom(None))  # start scenarios without the questionnaire's profile
QUIT = Binding("Esc", ("escape",), AskQuit(), "key.quit", "", "quit")
COUNT = Binding("0-9", (), None, help="help.count", help_cap="0-9  + \u2212")
TIPS = Binding("I", ("i",), None, "", "help.tips", "hints")
RETRY = Binding("R", ("r",), Undo(), "practice.retry", "help.retry", "retry")
REPLAY = Binding("R", ("r",), None, "practice.replay", "", "replay")
PROFILE_EXPORT = Binding("E", ("e",), None, "key.export", "", "export")
RAISE = Binding("+", ("+", "="), None)  # one more (the profile's threshold)
LOWER = Binding("\u2212", ("-",), None)
PROFILE_GROUP = Binding("0-6", (), None)  # the profile: everyone's (0) or a team's (its number)

GROUP_HELP = (
    CHOOSE,
    NEXT,
    UNDO,
    SKIP,
    NOTES,
    END,
    PAGES,
    MAP,
    HELP,
    PAUSE,
    MENU,
    FULLSCREEN,
    RELOAD,
    EXPORT,
    START_PICK,
    START_MODE,
    START_LANGUAGE,
    QUESTIONNAIRE,
    PHONES,
    COUNT,
    TIPS,
    RETRY,
    PRESENTER,
)

# --- competing teams: the facilitator's bar -------------------------------------------------------------
TEAM_SELECT = Binding("1-6", (), None, help="team.help.select")
TEAM_PICK = Binding("A-D", (), None, help="team.help.pick", help_cap="A-D  1-4")
TEAM_REVEAL = Binding("Enter", ("return", "space"), None, "team.key.reveal", "team.help.reveal", "next")
TEAM_PAUSE = Binding("P", ("p",), Pause(), "team.key.pause", "help.pause", "bar-pause")
TEAM_TIME = Binding(
    "+ \u2212",
    ("+",),
    AddTime(TIME_STEP),
    "team.key.time",
    "team.help.time",
    "bar-time",
    "+  \u2212",
    (("seconds", TIME_STEP),),
)
TEAM_LESS_TIME = Binding("\u2212", ("-",), AddTime(-TIME_STEP))
TEAM_CLOCK = Binding("T", ("t",), ToggleTimer(), help="team.help.clock")
TEAM_TIME_UP = Binding("S", ("s",), EndTime(), "team.key.time_up", "team.help.time_up", "bar-time-up")
TEAM_NOTES = Binding("N", ("n",), ShowNotes(), "team.key.notes", "team.help.notes", "bar-notes")
TEAM_SKIP = Binding("K", ("k",), AskSkip(), "team.key.skip", "team.help.skip", "bar-skip")
TEAM_UNDO = Binding("U", ("u",), None, "team.key.undo", "team.help.undo", "bar-undo")
TEAM_UNDO_ROUND = Binding("U", ("u",), None, "team.key.undo_round", "", "bar-undo")
TEAM_UNDO_TEAM = Binding(
    "1-6 U", (), None, "team.key.undo_team", "team.help.undo_team", "bar-undo-team", "1-6  U"
)
TEAM_BACK = Binding("Backspace", ("backspace",), Back(), "team.key.back", "team.help.back", "bar-back")
TEAM_BACK_MORE = Binding("Backspace", ("backspace",), Back(), "team.key.back_more", "", "bar-back")
TEAM_NOW = Binding("Enter", ("return", "space"), BackToNow(), "team.key.now", "", "bar-now")
TEAM_END = Binding("X", ("x",), AskFinish(), "team.key.end", "team.help.end", "bar-end")
TEAM_EXPORT = Binding("E", ("e",), Export(), "key.export", "team.help.export", "bar-export")
TEAM_MAP = Binding("M", ("m",), OpenMap(), "key.map", "team.help.map", "map")
TEAM_GLOBAL = (TEAM_MAP, HELP, PAUSE, MENU, FULLSCREEN, RELOAD, PRESENTER)

TEAM_HELP = (
    TEAM_SELECT,
    TEAM_PICK,
    TEAM_REVEAL,
    TEAM_TIME,
    TEAM_CLOCK,
    TEAM_TIME_UP,
    TEAM_NOTES,
    TEAM_SKIP,
    TEAM_UNDO,
    TEAM_UNDO_TEAM,
    TEAM_BACK,
    TEAM_END,
    TEAM_EXPORT,
    RELOAD,
    TEAM_MAP,
    PAUSE,
    HELP,
    PAGES,
    MENU,
    FULLSCREEN,
    PRESENTER,
)

# --- the team set-up screen ------------------------------------------------------------------------------
SETUP_ADD = Binding("Tab", ("tab",), None, "team.setup.add", "", "add")
SETUP_HELP = Binding("F1", ("f1",), Help(), "key.help", "", "help")
SETUP_BACK = Binding("Esc", ("escape",), Home(), "team.setup.back", "", "back")
