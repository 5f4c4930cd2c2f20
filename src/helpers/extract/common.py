"""What every extractor shares: hashing inputs and writing an extract with its provenance."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..paths import data_dir


class ReleaseFormatError(ValueError):
    """A release file does not have the layout an extractor expects (names file, row, column)."""


def read_release_csv(path: Path, **kwargs: Any) -> pd.DataFrame:
    """Read a release CSV with pandas; a file pandas cannot parse is a :class:`ReleaseFormatError`
    naming the file."""
    try:
        return pd.read_csv(path, **kwargs)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ReleaseFormatError(f"{path}: cannot be read as CSV ({exc})") from None


def command(name: str, releases: list[Path]) -> str:
    """The command line that makes extract ``name`` from ``releases`` (file names only, no local paths)."""
    return " ".join(["python -m helpers.extract", name, *(Path(p).name for p in releases)])


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def require_columns(frame: pd.DataFrame, columns: list[str], path: Path) -> None:
    """Raise :class:`ReleaseFormatError` naming the release file and any missing column."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReleaseFormatError(f"{path}: missing column(s) {missing}; found {list(frame.columns)}")


def write_extract(
    frame: pd.DataFrame,
    table: str,
    releases: list[Path],
    release: dict[str, Any],
    command: str,
    notes: str = "",
    out_dir: Path | None = None,
) -> Path:
    """Write ``<out_dir>/<table>.csv`` and ``<out_dir>/provenance/<table>.json``.

    ``release`` names the original publication: ``publisher``, ``title``, ``version``, ``url``,
    ``obtained_from`` (where the copy came from) and ``licence``. Nothing time-dependent is
    written, so re-running on the same release gives identical files.
    """
    out_dir = Path(out_dir) if out_dir else data_dir()
    (out_dir / "provenance").mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"{table}.csv"
    frame.to_csv(csv_path, index=False, lineterminator="\n")
    provenance = {
        "table": table,
        "release": release,
        "inputs": [{"file": Path(p).name, "sha256": sha256(Path(p))} for p in releases],
        "command": command,
        "rows": int(len(frame)),
        "columns": list(frame.columns),
        "notes": notes,
    }
    with open(out_dir / "provenance" / f"{table}.json", "w", encoding="utf-8") as fh:
        json.dump(provenance, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return csv_path
