"""Load and validate every table of the collection.

The catalogue ``data/datapackage.json`` (a Frictionless Data Package) is the single source of
truth for each table: its description, unit, provenance, licence and schema. :func:`load`
checks a table against it and returns a tidy pandas frame, or raises
:class:`DataValidationError` naming the file, the row and the column of every problem.

Checks, in order:

1. the file exists, is not empty and is valid UTF-8 (a wrong encoding names the row and column);
2. the header has exactly the catalogue's columns, in order (missing and extra columns named);
3. Frictionless validates types, required values, enums, ranges, patterns and the primary key
   (duplicate keys are named with both rows);
4. the project's own keys in the schema, which Frictionless does not know:
   ``x-list`` (a ``;``-separated list), ``x-refs`` (values must exist in another table, e.g. the
   source registry), ``x-iso3`` (values must be ISO3 codes or allowed actor codes) and
   ``x-date-precision`` (a date of day, month or year precision that must match a precision
   column and be a real calendar date).

No row is dropped or coerced: the frame has exactly the file's rows; a value that does not fit
its type is an error, never ``NaN``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import countries
from .paths import data_dir

CATALOGUE = "datapackage.json"
_MAX_LISTED = 25


@dataclass(frozen=True)
class Problem:
    """One problem in a table: a data row (1 = first row after the header) and a column."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row} (line {self.row + 1})")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return (", ".join(where) + ": " if where else "") + self.message


class DataValidationError(ValueError):
    """A table does not match its catalogue entry. ``problems`` lists every finding."""

    def __init__(self, file: Path | str, problems: list[Problem]):
        self.file = str(file)
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:_MAX_LISTED])
        more = len(self.problems) - _MAX_LISTED
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"{self.file}: {len(self.problems)} problem(s) against data/{CATALOGUE}:\n{shown}{tail}"
        )


class UnknownTableError(KeyError):
    """A table name that is not in the catalogue."""


# --------------------------------------------------------------------------- catalogue


def catalogue(folder: Path | None = None) -> dict[str, Any]:
    """The parsed ``datapackage.json`` of ``folder`` (default: the project's data folder)."""
    folder = Path(folder) if folder else data_dir()
    return _read_catalogue(str(folder / CATALOGUE))


@lru_cache(maxsize=8)
def _read_catalogue(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def table_names(folder: Path | None = None) -> list[str]:
    """The names of all tables in the catalogue, in catalogue order."""
    return [r["name"] for r in catalogue(folder)["resources"]]


def resource(name: str, folder: Path | None = None) -> dict[str, Any]:
    """The catalogue entry of table ``name``."""
    for res in catalogue(folder)["resources"]:
        if res["name"] == name:
            return res
    raise UnknownTableError(
        f"no table {name!r} in data/{CATALOGUE}; known tables: {', '.join(table_names(folder))}"
    )


# --------------------------------------------------------------------------- loading


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Validate table ``name`` against the catalogue and return it as a typed frame.

    ``frame.attrs`` carries the file path and the catalogue entry, so a notebook can show
    where a number came from.
    """
    folder = Path(folder) if folder else data_dir()
    res = resource(name, folder)
    path = folder / res["path"]
    rows = validate(name, folder)
    frame = _to_frame(res, rows, path)
    frame.attrs["table"] = name
    frame.attrs["file"] = f"data/{res['path']}"
    frame.attrs["title"] = res.get("title", name)
    return frame


def validate(name: str, folder: Path | None = None) -> list[list[str]]:
    """Run every check on table ``name``; return its data rows as strings, or raise."""
    folder = Path(folder) if folder else data_dir()
    res = resource(name, folder)
    path = folder / res["path"]
    fields = res["schema"]["fields"]
    text = _read_text(path)
    header, rows = _parse(text, path)
    _check_header(path, header, [f["name"] for f in fields])
    if not rows:
        raise DataValidationError(path, [Problem(None, None, "the file has a header but no data rows")])
    _check_frictionless(path, res)
    problems = _check_custom(res, rows, folder)
    if problems:
        raise DataValidationError(path, problems)
    return rows


def _read_text(path: Path) -> str:
    if not path.exists():
        raise DataValidationError(path, [Problem(None, None, "file not found")])
    raw = path.read_bytes()
    if not raw.strip():
        raise DataValidationError(path, [Problem(None, None, "the file is empty (no header row)")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is an encoding artefact, not data
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line_no = raw.count(b"\n", 0, exc.start) + 1
        prefix = raw[line_start : exc.start].decode("utf-8", errors="replace")
        header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", errors="replace")]))
        col_index = len(next(csv.reader([prefix]), [""])) - 1
        column = header[col_index] if 0 <= col_index < len(header) else None
        raise DataValidationError(
            path,
            [
                Problem(
                    line_no - 1 if line_no > 1 else None,
                    column,
                    f"byte {raw[exc.start:exc.start + 1]!r} is not valid UTF-8 "
                    "(wrong encoding: save the file as UTF-8)",
                )
            ],
        ) from None


def _parse(text: str, path: Path) -> tuple[list[str], list[list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise DataValidationError(path, [Problem(reader.line_num - 1, None, f"malformed CSV: {exc}")]) from None
    header, rows = records[0], records[1:]
    return header, rows


def _check_header(path: Path, header: list[str], expected: list[str]) -> None:
    problems = [Problem(None, c, "missing column") for c in expected if c not in header]
    problems += [Problem(None, c, "extra column not in the catalogue") for c in header if c not in expected]
    dupes = sorted({c for c in header if header.count(c) > 1})
    problems += [Problem(None, c, "column appears more than once") for c in dupes]
    if not problems and header != expected:
        problems.append(
            Problem(None, None, f"columns are out of order: expected {expected}, found {header}")
        )
    if problems:
        raise DataValidationError(path, problems)


def _frictionless_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without the project's own ``x-`` keys."""
    clean = {k: v for k, v in schema.items() if not k.startswith("x-")}
    clean["fields"] = [{k: v for k, v in f.items() if not k.startswith("x-")} for f in schema["fields"]]
    return clean


def _check_frictionless(path: Path, res: dict[str, Any]) -> None:
    from frictionless import Resource, Schema

    schema = Schema.from_descriptor(_frictionless_schema(res["schema"]))
    resource_ = Resource(
        path=path.name, basepath=str(path.parent), schema=schema, format="csv", encoding="utf-8"
    )
    report = resource_.validate()
    problems: list[Problem] = []
    for task in report.tasks:
        for err in task.errors:
            row_number = getattr(err, "row_number", None)
            problems.append(
                Problem(
                    row_number - 1 if row_number else None,
                    getattr(err, "field_name", None) or _field_of(err, res),
                    _message(err),
                )
            )
    for err in report.errors:
        problems.append(Problem(None, None, _message(err)))
    if problems:
        raise DataValidationError(path, problems)


def _field_of(err: Any, res: dict[str, Any]) -> str | None:
    number = getattr(err, "field_number", None)
    fields = res["schema"]["fields"]
    if number and 1 <= number <= len(fields):
        return fields[number - 1]["name"]
    return None


def _message(err: Any) -> str:
    kind = getattr(err, "type", "error")
    note = getattr(err, "note", "") or getattr(err, "message", "")
    cell = getattr(err, "cell", None)
    value = f" (value {cell!r})" if cell not in (None, "") else ""
    return f"{kind}{value}: {note}"


# --------------------------------------------------------------------------- custom checks

_DATE_PATTERNS = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}


def _ref_values(ref: str, folder: Path) -> set[str]:
    table, _, column = ref.partition(".")
    column = column or {"sources": "source_id"}.get(table, "")
    res = resource(table, folder)
    rows = validate(table, folder) if table != "sources" else _parse(_read_text(folder / res["path"]), folder / res["path"])[1]
    names = [f["name"] for f in res["schema"]["fields"]]
    idx = names.index(column)
    return {r[idx] for r in rows if len(r) > idx}


def _check_custom(res: dict[str, Any], rows: list[list[str]], folder: Path) -> list[Problem]:
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    problems: list[Problem] = []
    refs_cache: dict[str, set[str]] = {}
    for fi, field in enumerate(fields):
        sep = field.get("x-list")
        ref = field.get("x-refs")
        iso3 = field.get("x-iso3")
        precision_col = field.get("x-date-precision")
        if not (sep or ref or iso3 or precision_col):
            continue
        if ref and ref not in refs_cache:
            refs_cache[ref] = _ref_values(ref, folder)
        for ri, row in enumerate(rows, start=1):
            value = row[fi] if fi < len(row) else ""
            if value == "":
                continue
            items = value.split(sep) if sep else [value]
            if sep and any(i.strip() != i or i == "" for i in items):
                problems.append(Problem(ri, field["name"], f"malformed list {value!r}: items separated by {sep!r}, no blanks"))
                continue
            if ref:
                unknown = [i for i in items if i not in refs_cache[ref]]
                if unknown:
                    problems.append(Problem(ri, field["name"], f"unknown id(s) {unknown} (not in {ref})"))
            if iso3:
                bad = [i for i in items if not countries.is_valid_actor(i)]
                if bad:
                    problems.append(Problem(ri, field["name"], f"unknown country code(s) {bad} (ISO3 or an allowed actor code expected)"))
            if precision_col:
                precision = row[names.index(precision_col)]
                msg = _date_problem(value, precision)
                if msg:
                    problems.append(Problem(ri, field["name"], msg))
    return problems


def _date_problem(value: str, precision: str) -> str | None:
    pattern = _DATE_PATTERNS.get(precision)
    if pattern is None:
        return f"unknown date precision {precision!r}"
    match = pattern.match(value)
    if not match:
        return f"bad date {value!r}: precision {precision!r} needs {'YYYY-MM-DD' if precision == 'day' else 'YYYY-MM' if precision == 'month' else 'YYYY'}"
    parts = [int(p) for p in match.groups()] + [1] * (3 - len(match.groups()))
    try:
        date(*parts)
    except ValueError as exc:
        return f"bad date {value!r}: {exc}"
    return None


# --------------------------------------------------------------------------- typing


def _to_frame(res: dict[str, Any], rows: list[list[str]], path: Path) -> pd.DataFrame:
    fields = res["schema"]["fields"]
    frame = pd.DataFrame(rows, columns=[f["name"] for f in fields], dtype="string")
    for field in fields:
        col = field["name"]
        raw = frame[col].mask(frame[col] == "")
        kind = field.get("type", "string")
        if kind == "integer":
            frame[col] = pd.to_numeric(raw, errors="raise").astype("Int64")
        elif kind == "number":
            frame[col] = pd.to_numeric(raw, errors="raise").astype("Float64")
        elif kind == "boolean":
            true = set(field.get("trueValues", ["true", "True", "TRUE", "1"]))
            frame[col] = raw.map(lambda v: pd.NA if pd.isna(v) else v in true).astype("boolean")
        elif kind == "date":
            frame[col] = pd.to_datetime(raw, format="%Y-%m-%d", errors="raise")
        else:
            frame[col] = raw.astype("string")
    if len(frame) != len(rows):  # pragma: no cover - a guard against silent loss
        raise DataValidationError(path, [Problem(None, None, "row count changed while typing")])
    return frame


def split_list(value: Any, sep: str = ";") -> list[str]:
    """The items of a ``;``-separated list cell (empty cell: empty list)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return []
    return str(value).split(sep)


# --------------------------------------------------------------------------- one loader per table


def _loader(name: str):
    def load_table(folder: Path | None = None) -> pd.DataFrame:
        return load(name, folder)

    load_table.__name__ = f"load_{name}"
    load_table.__doc__ = f"The validated ``{name}`` table (see its entry in ``data/{CATALOGUE}``)."
    return load_table


load_sources = _loader("sources")
load_events = _loader("events")
load_claims = _loader("claims")
load_treaties = _loader("treaties")
load_treaty_milestones = _loader("treaty_milestones")
load_treaty_provisions = _loader("treaty_provisions")
load_treaty_articles = _loader("treaty_articles")
load_relations = _loader("relations")
load_trade_statements = _loader("trade_statements")
load_arms_deals = _loader("arms_deals")
load_arms_tiv = _loader("arms_tiv")
load_drone_launches_monthly = _loader("drone_launches_monthly")
load_unga_ideal_points = _loader("unga_ideal_points")
load_unga_votes_2025 = _loader("unga_votes_2025")
load_unga_agreement_history = _loader("unga_agreement_history")
load_atop_dyad_years = _loader("atop_dyad_years")
load_atop_treaty_codes = _loader("atop_treaty_codes")
load_russia_trade = _loader("russia_trade")
load_cow_trade = _loader("cow_trade")
load_sanctions_nexus = _loader("sanctions_nexus")
load_sanctions_program_counts = _loader("sanctions_program_counts")
