"""No module imports another module's private name (`from x import _y`): what is shared is public."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "incluzo"


def test_no_private_name_is_imported_across_modules() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("incluzo"):
                private = [
                    a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")
                ]
                found += [f"{path.relative_to(PACKAGE)}: {node.module}.{name}" for name in private]
    assert found == []
