"""Where the project's files are.

The data folder is ``<repo>/data`` (the package is installed in editable mode from the
repository). ``HELPERS_DATA_DIR`` overrides it, which the tests use for corrupted copies.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SRC_DIR = REPO_ROOT / "src"
NOTEBOOK_DIR = REPO_ROOT / "notebooks"


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the tables."""
    override = os.environ.get("HELPERS_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "data"
