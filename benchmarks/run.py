"""Run every benchmark module beside this file (bench_*.py) and print one JSON object.

Each module has `run() -> dict` and reports its own figures with the targets they are held to.
Usage: python benchmarks/run.py [NAME ...] [--choicescript DIR]   (names without the bench_ prefix;
default: all). `--choicescript` is a ChoiceScript checkout for `peers` (skipped without one).
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def modules() -> dict[str, Path]:
    return {path.stem.removeprefix("bench_"): path for path in sorted(HERE.glob("bench_*.py"))}


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Run benchmarks and print one JSON object.")
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--choicescript", metavar="DIR", help="a ChoiceScript checkout, for `peers`")
    args = parser.parse_args(argv)
    options = {"choicescript_dir": args.choicescript}
    found = modules()
    wanted = args.names or list(found)
    unknown = [name for name in wanted if name not in found]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(found)}", file=sys.stderr)
        return 2
    results: dict[str, Any] = {}
    for name in wanted:
        module = load(found[name])
        accepted = inspect.signature(module.run).parameters
        results[name] = module.run(**{k: v for k, v in options.items() if k in accepted})
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
