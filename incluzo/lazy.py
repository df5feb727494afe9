"""Libraries loaded when first used, not when imported: a start that finds its scenario, word catalog and
hyphenation patterns parsed in the data folder (scenariocache, parsecache) never loads PyYAML or pyphen
(some 20 ms of the first frame on a slow machine). Import them from here, never directly: a plain
`import yaml` anywhere would load it at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import lazy_loader

if TYPE_CHECKING:
    import pyphen as pyphen
    import yaml as yaml
else:
    pyphen = lazy_loader.load("pyphen")
    yaml = lazy_loader.load("yaml")
