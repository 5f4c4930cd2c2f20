"""Turn public data releases into the focused extracts in ``data/``.

Run by hand when a release changes, never at test or build time::

    python -m helpers.extract <name> RELEASE_PATH [RELEASE_PATH ...]

Each extractor keeps only the rows and columns the notebooks need, converts country names and
codes to ISO3, and writes ``data/<table>.csv`` plus ``data/provenance/<table>.json`` (the
release it came from, its publisher and version, the SHA-256 of every input file and the
command that made it). The catalogue entry for the table lives in ``data/datapackage.json``.

Extractors register themselves with :func:`register` in their own modules
(``sipri``, ``atop``, ``unga``, ``ukraine``, ``imf``, ``ofac`` …).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

EXTRACTORS: dict[str, Callable[..., object]] = {}


def register(name: str):
    """Decorator: make ``func(*release_paths, out_dir=None)`` available as ``name`` on the command line."""

    def wrap(func):
        if name in EXTRACTORS:
            raise ValueError(f"extractor {name!r} registered twice")
        EXTRACTORS[name] = func
        return func

    return wrap


def load_all() -> dict[str, Callable[..., object]]:
    """Import every extractor module so that all extractors are registered."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_") and info.name != "common":
            importlib.import_module(f"{__name__}.{info.name}")
    return EXTRACTORS
