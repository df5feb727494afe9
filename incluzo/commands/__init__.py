"""Subcommands of `incluzo`: each module has add_parser(subparsers) and sets args.run."""

from __future__ import annotations

import os


def default_language() -> str:
    """INCLUZO_LANG, else Dutch when the system locale is Dutch, else English."""
    explicit = os.environ.get("INCLUZO_LANG")
    if explicit in ("nl", "en"):
        return explicit
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "nl" if locale.startswith("nl") else "en"
