"""Packaging beyond what pyproject.toml can say: the repository's top-level data folders
(assets/, scenarios/, questionnaires/) ship inside the package as incluzo.assets, incluzo.scenarios
and incluzo.questionnaires, found at run time by incluzo/shipped.py."""

from setuptools import find_namespace_packages, setup

SHIPPED = {f"incluzo.{name}": name for name in ("assets", "scenarios", "questionnaires")}

setup(
    packages=[*find_namespace_packages(include=["incluzo", "incluzo.*"]), *SHIPPED],
    package_dir=SHIPPED,
    package_data={
        "incluzo": ["**/*.yaml", "phones/static/*"],  # every YAML inside the package; the phone pages
        "incluzo.assets": ["fonts/*.ttf", "fonts/*.txt"],
        "incluzo.scenarios": ["*.yaml", "**/*.png", "**/*.jpg", "**/*.jpeg"],
        "incluzo.questionnaires": ["*.yaml"],
    },
)
