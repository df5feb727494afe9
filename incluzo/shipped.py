"""Where the files incluzo ships are found: fonts, scenarios, questionnaires.

The repository keeps them in its top-level folders `assets/`, `scenarios/` and `questionnaires/`.
A wheel (`pip install .`, `pipx install .`) carries them inside the package as `incluzo/assets`,
`incluzo/scenarios` and `incluzo/questionnaires` (setup.py maps those folders there); a source
checkout or an editable install reads the top-level folders themselves.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
SHIPPED_FOLDERS = ("assets", "scenarios", "questionnaires")


def folder(name: str) -> Path:
    """The shipped folder `name` (one of SHIPPED_FOLDERS): the installed package's, else the checkout's."""
    if name not in SHIPPED_FOLDERS:
        raise ValueError(f"not a shipped folder: {name}")
    packaged = Path(str(resources.files("incluzo") / name))
    return packaged if packaged.is_dir() else CHECKOUT / name


def checkout() -> Path | None:
    """The source repository incluzo runs from, or None when it runs from an installed wheel."""
    installed = Path(str(resources.files("incluzo") / "assets")).is_dir()
    return None if installed or not (CHECKOUT / "pyproject.toml").is_file() else CHECKOUT


ASSETS = folder("assets")
SCENARIOS = folder("scenarios")
QUESTIONNAIRES = folder("questionnaires")
