"""What every extractor shares: reading releases defensively, hashing inputs, and writing an
extract with its provenance — validated against the catalogue before anything is replaced.

A release copy that is cut short (a download interrupted mid-row, a workbook missing its end), or
that differs from the copy recorded for the same release version, is refused with a clear
message; so is an extract that would not pass the loader's checks, or one with fewer rows than
the extract it replaces (set ``HELPERS_EXTRACT_ALLOW_FEWER_ROWS=1`` when a release really
shrank). A read-only ``data/`` gets a message, not a traceback.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from ..paths import data_dir


class ReleaseFormatError(ValueError):
    """A release file does not have the layout an extractor expects (names file, row, column)."""


class ExtractRefusedError(ValueError):
    """An extract was not written: it fails the catalogue's checks, it would lose rows, or the
    release copy differs from the one recorded for the same release version."""


class ExtractWriteError(OSError):
    """The output folder cannot be written (read-only ``data/``, permissions)."""


def _check_not_truncated(path: Path) -> None:
    """A CSV whose last line stops short of the header's number of fields was cut off."""
    raw = Path(path).read_bytes()
    if not raw or raw.endswith((b"\n", b"\r")):
        return
    text = raw.decode("utf-8", errors="replace")
    lines = text.splitlines()
    if len(lines) < 2:
        return
    header = next(csv.reader([lines[0]]), [])
    try:
        last = next(csv.reader([lines[-1]]), [])
    except csv.Error:
        last = []
    if len(last) < len(header) or lines[-1].count('"') % 2:
        raise ReleaseFormatError(
            f"{path}: the file ends in the middle of a row (line {len(lines)} has {len(last)} of "
            f"{len(header)} fields and no line break): a truncated copy? Download the release again."
        )


def read_release_csv(path: Path, **kwargs: Any) -> pd.DataFrame:
    """Read a release CSV with pandas; a file pandas cannot parse, or one cut off mid-row, is a
    :class:`ReleaseFormatError` naming the file."""
    _check_not_truncated(path)
    try:
        return pd.read_csv(path, **kwargs)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ReleaseFormatError(f"{path}: cannot be read as CSV ({exc})") from None


def read_release_excel(path: Path, **kwargs: Any) -> Any:
    """Read a release workbook with pandas; a truncated or malformed ``.xlsx`` is a
    :class:`ReleaseFormatError` naming the file."""
    try:
        return pd.read_excel(path, **kwargs)
    except (ValueError, OSError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        raise ReleaseFormatError(
            f"{path}: cannot be read as an Excel workbook ({type(exc).__name__}: {exc}); "
            "a truncated or damaged copy? Download the release again."
        ) from None


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


def _catalogue_folder(out_dir: Path) -> Path:
    return out_dir if (out_dir / "datapackage.json").exists() else data_dir()


def validate_extract(table: str, csv_text: str, out_dir: Path) -> None:
    """Check ``csv_text`` as table ``table`` with the loader (every catalogue check), beside the
    other tables of ``out_dir`` (or of ``data/``), without touching either folder."""
    from .. import data

    source = _catalogue_folder(out_dir)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(source / "datapackage.json", folder / "datapackage.json")
        for path in source.glob("*.csv"):
            shutil.copy(path, folder / path.name)
        try:
            res = data.resource(table, folder)
        except data.UnknownTableError:
            raise ExtractRefusedError(f"{table}: not in {source / 'datapackage.json'}; catalogue it first") from None
        (folder / res["path"]).write_text(csv_text, encoding="utf-8")
        try:
            data.validate(table, folder)
        except data.DataValidationError as exc:
            raise ExtractRefusedError(
                f"the extract {table} was not written: it fails the catalogue's checks.\n{exc}"
            ) from None


def _check_against_recorded(
    table: str, rows: int, releases: list[Path], release: dict[str, Any], out_dir: Path
) -> None:
    recorded_path = out_dir / "provenance" / f"{table}.json"
    if not recorded_path.exists():
        return
    recorded = json.loads(recorded_path.read_text(encoding="utf-8"))
    same_release = {k: recorded.get("release", {}).get(k) for k in ("publisher", "title", "version")} == {
        k: release.get(k) for k in ("publisher", "title", "version")
    }
    if same_release:
        known = {i["file"]: i["sha256"] for i in recorded.get("inputs", [])}
        for path in releases:
            expected = known.get(Path(path).name)
            if expected and expected != sha256(Path(path)):
                raise ExtractRefusedError(
                    f"{path}: differs from the copy recorded for {release.get('title')!r} version "
                    f"{release.get('version')!r} (sha256 {expected[:12]}…, now {sha256(Path(path))[:12]}…, "
                    f"{Path(path).stat().st_size} bytes): a truncated or altered copy? Use the original "
                    "download, or record the new release version in the extractor."
                )
    if rows < int(recorded.get("rows", 0)) and os.environ.get("HELPERS_EXTRACT_ALLOW_FEWER_ROWS") != "1":
        raise ExtractRefusedError(
            f"the extract {table} would have {rows} rows, fewer than the {recorded['rows']} it replaces: "
            "a truncated release? If the release really shrank, run again with "
            "HELPERS_EXTRACT_ALLOW_FEWER_ROWS=1."
        )


def _write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as fh:
            fh.write(text)
        os.replace(fh.name, path)
    except PermissionError as exc:
        raise ExtractWriteError(
            f"cannot write {path}: the folder {path.parent} is read-only ({exc.strerror}). Make it "
            "writable, or write elsewhere with --out-dir."
        ) from None
    except OSError as exc:
        if exc.errno == 30:  # EROFS: read-only file system
            raise ExtractWriteError(
                f"cannot write {path}: {path.parent} is on a read-only file system. Write elsewhere with --out-dir."
            ) from None
        raise


def write_extract(
    frame: pd.DataFrame,
    table: str,
    releases: list[Path],
    release: dict[str, Any],
    command: str,
    notes: str = "",
    out_dir: Path | None = None,
) -> Path:
    """Validate, then write ``<out_dir>/<table>.csv`` and ``<out_dir>/provenance/<table>.json``.

    ``release`` names the original publication: ``publisher``, ``title``, ``version``, ``url``,
    ``obtained_from`` (where the copy came from) and ``licence``. Nothing time-dependent is
    written, so re-running on the same release gives identical files. Nothing is replaced unless
    the new extract passes every catalogue check (:func:`validate_extract`), the release copy
    matches the one recorded for the same version, and no rows are lost.
    """
    out_dir = Path(out_dir) if out_dir else data_dir()
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    text = buf.getvalue()
    validate_extract(table, text, out_dir)
    _check_against_recorded(table, len(frame), releases, release, out_dir)
    csv_path = out_dir / f"{table}.csv"
    provenance = {
        "table": table,
        "release": release,
        "inputs": [{"file": Path(p).name, "sha256": sha256(Path(p))} for p in releases],
        "command": command,
        "rows": len(frame),
        "columns": list(frame.columns),
        "notes": notes,
    }
    _write_atomically(csv_path, text)
    _write_atomically(
        out_dir / "provenance" / f"{table}.json", json.dumps(provenance, indent=2, ensure_ascii=False) + "\n"
    )
    return csv_path
