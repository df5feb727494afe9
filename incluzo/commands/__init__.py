"""Subcommands of `incluzo`: each module has add_parser(subparsers) and sets args.run."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from incluzo.engine.scenario.model import Scenario


def default_language(fallback: str = "en") -> str:
    """INCLUZO_LANG, else the system locale when incluzo has a catalog for it, else `fallback`.

    The game's screens fall back to Dutch (the audience's language); command-line tools to English.
    """
    from incluzo.i18n import languages

    explicit = os.environ.get("INCLUZO_LANG")
    if explicit in languages():
        return explicit
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return locale[:2] if locale[:2] in languages() else fallback


def load_or_report(path: str, lang: str) -> Scenario | None:
    """The scenario, or None after printing every problem of the file to stderr (like `check`)."""
    from incluzo.engine.scenario.loader import load_file
    from incluzo.engine.scenario.problems import ScenarioError

    try:
        return load_file(path)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.format(lang), file=sys.stderr)
        return None
