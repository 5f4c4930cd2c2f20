"""Load and validate every table of the collection.

The catalogue ``data/datapackage.json`` (a Frictionless Data Package) is the single source of
truth for each table: its description, unit, provenance, licence and schema. :func:`load`
checks a table against it and returns a tidy pandas frame, or raises
:class:`DataValidationError` naming the file, the row and the column of every problem.

Checks, in order:

1. the file exists, is not empty and is valid UTF-8 (a wrong encoding names the row and column);
2. every record is one physical line: a field holding a line break (nearly always a quote left
   open, which would swallow the following rows) is refused, naming where the quote opened; a
   blank line is allowed only at the end of the file;
3. the header has exactly the catalogue's columns, in order (missing and extra columns named);
4. the Table Schema rules of every field: type (integers and numbers in plain ASCII notation,
   finite unless the field says ``"x-nonfinite": true``; ``true``/``false`` booleans; ISO dates),
   ``required``, ``unique``, ``enum``, ``minimum``/``maximum``, ``pattern``,
   ``minLength``/``maxLength`` and the primary key (a duplicate names both rows);
5. dates are real calendar dates between :data:`EARLIEST_DATE` and today, in ``date`` columns,
   in partial-date columns (``x-date-precision``) and in text columns whose pattern is a date;
6. the project's own keys in the schema, which Frictionless does not know:
   ``x-list`` (a ``;``-separated list without blanks or repeated items), ``x-refs`` (values must
   exist in another table, e.g. the source registry), ``x-iso3`` (ISO3 codes or allowed actor
   codes) and ``x-date-precision`` (a date of day, month or year precision matching a precision
   column);
7. the cross-field rules of :data:`RULES` (e.g. a relation is not a self-tie, the first delivery
   is not after the last, identical votes do not exceed votes cast).

Rows are numbered one way throughout: row 1 is the first data row, on line 2 of the file.

The checks are plain Python (fast enough for every notebook kernel); the Frictionless library is
used only as a second opinion by the build and the tests (:func:`frictionless_report`), once per
content of the data folder. Loaded frames are cached on the content of the files they depend on,
so an edited table or catalogue takes effect at the next :func:`load`. For the project's own
data folder the checked frame is also kept on disk (``_build/frames/``, keyed on that content,
on the checking code and on the day), so that the next kernel reading the same content gets the
frame that passed every check without running them again.

No row is dropped or coerced: the frame has exactly the file's rows; a value that does not fit
its type is an error, never ``NaN``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from . import countries, dates
from .paths import REPO_ROOT, data_dir

CATALOGUE = "datapackage.json"
_MAX_LISTED = 25

#: The earliest date any table may hold (ATOP's coverage starts in 1815). The latest is today:
#: every date in the collection records something that has happened.
EARLIEST_DATE = date(1815, 1, 1)

_INT64 = (-(2**63), 2**63 - 1)


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
        super().__init__(f"{self.file}: {len(self.problems)} problem(s) against data/{CATALOGUE}:\n{shown}{tail}")


class UnknownTableError(KeyError):
    """A table name that is not in the catalogue."""


# --------------------------------------------------------------------------- catalogue

_CATALOGUES: dict[str, tuple[str, dict[str, Any]]] = {}


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _catalogue_entry(folder: Path) -> tuple[str, dict[str, Any]]:
    """(content hash, parsed catalogue); re-read whenever the file's content changes."""
    path = folder / CATALOGUE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(path, [Problem(None, None, "catalogue not found")]) from None
    key = _digest(raw)
    cached = _CATALOGUES.get(str(path))
    if cached and cached[0] == key:
        return cached
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(path, [Problem(None, None, f"not valid JSON: {exc}")]) from None
    _CATALOGUES[str(path)] = (key, parsed)
    return key, parsed


def catalogue(folder: Path | None = None) -> dict[str, Any]:
    """The parsed ``datapackage.json`` of ``folder`` (default: the project's data folder).

    Cached on the file's content: an edit takes effect at the next call."""
    return _catalogue_entry(Path(folder) if folder else data_dir())[1]


def table_names(folder: Path | None = None) -> list[str]:
    """The names of all tables in the catalogue, in catalogue order."""
    return [r["name"] for r in catalogue(folder)["resources"]]


def resource(name: str, folder: Path | None = None) -> dict[str, Any]:
    """The catalogue entry of table ``name``."""
    for res in catalogue(folder)["resources"]:
        if res["name"] == name:
            return res
    raise UnknownTableError(f"no table {name!r} in data/{CATALOGUE}; known tables: {', '.join(table_names(folder))}")


def _refs(res: dict[str, Any]) -> list[str]:
    """The tables that the checks of ``res`` read (``x-refs`` and :data:`RULES`)."""
    tables = [f["x-refs"].partition(".")[0] for f in res["schema"]["fields"] if f.get("x-refs")]
    tables += [t for rule in RULES.get(res["name"], []) for t in rule.reads]
    return sorted(set(tables) - {res["name"]})


def fingerprint(name: str, folder: Path | None = None) -> str:
    """A hash of everything table ``name``'s checks depend on: the catalogue, its file and the
    files of the tables it refers to (recursively)."""
    folder = Path(folder) if folder else data_dir()
    cat_key, _ = _catalogue_entry(folder)
    h = hashlib.sha256(cat_key.encode())
    seen: set[str] = set()
    todo = [name]
    while todo:
        table = todo.pop()
        if table in seen:
            continue
        seen.add(table)
        res = resource(table, folder)
        path = folder / res["path"]
        h.update(table.encode() + b"\0" + (path.read_bytes() if path.exists() else b"<missing>"))
        todo.extend(_refs(res))
    return h.hexdigest()


# --------------------------------------------------------------------------- loading

_FRAMES: dict[tuple[str, str], tuple[str, pd.DataFrame]] = {}


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Validate table ``name`` against the catalogue and return it as a typed frame.

    ``frame.attrs`` carries the file path and the catalogue entry, so a notebook can show
    where a number came from. The frame is cached on the content of the files it depends on
    (a fresh copy is returned each time).
    """
    folder = Path(folder) if folder else data_dir()
    res = resource(name, folder)
    key = fingerprint(name, folder)
    cached = _FRAMES.get((str(folder), name))
    if cached is None or cached[0] != key:
        frame = _read_checked_frame(name, folder, key)
        if frame is None:
            table = _checked(name, folder)
            frame = _to_frame(res, table.rows, folder / res["path"])
            frame.attrs["table"] = name
            frame.attrs["file"] = f"data/{res['path']}"
            frame.attrs["title"] = res.get("title", name)
            _write_checked_frame(name, folder, key, frame)
        _FRAMES[(str(folder), name)] = (key, frame)
        cached = _FRAMES[(str(folder), name)]
    frame = cached[1].copy(deep=True)
    frame.attrs = dict(cached[1].attrs)
    return frame


#: Where checked frames of the project's own data folder are kept between kernels.
FRAME_CACHE = REPO_ROOT / "_build" / "frames"
_CODE_KEY: list[str] = []


def _cache_applies(folder: Path) -> bool:
    """Only the project's own data folder is cached on disk (not test copies or other folders)."""
    return folder.resolve() == (REPO_ROOT / "data").resolve()


def _code_key() -> str:
    """What else a check's verdict depends on: the checking code and the library versions."""
    if not _CODE_KEY:
        import country_converter

        h = hashlib.sha256()
        for module in (__file__, countries.__file__):
            h.update(Path(module).read_bytes())
        versions = (pd.__version__, country_converter.__version__, sys.version_info[:2])
        h.update(repr(versions).encode())
        _CODE_KEY.append(h.hexdigest())
    return _CODE_KEY[0]


def _frame_file(name: str, folder: Path, key: str) -> Path | None:
    if not _cache_applies(folder):
        return None
    full = hashlib.sha256(f"{key}\0{_code_key()}\0{_today().isoformat()}".encode()).hexdigest()
    return FRAME_CACHE / f"{name}-{full[:24]}.pickle"


def _read_checked_frame(name: str, folder: Path, key: str) -> pd.DataFrame | None:
    """The frame that passed every check for exactly this content, code and day, if kept."""
    path = _frame_file(name, folder, key)
    if path is None or not path.exists():
        return None
    try:
        frame = pickle.loads(path.read_bytes())
    except Exception:  # an unreadable or partial file is only a missed shortcut
        return None
    return frame if isinstance(frame, pd.DataFrame) and frame.attrs.get("table") == name else None


def _write_checked_frame(name: str, folder: Path, key: str, frame: pd.DataFrame) -> None:
    """Keep a checked frame for the next kernel (best effort: a read-only checkout just skips it)."""
    path = _frame_file(name, folder, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)  # atomic: a kernel running beside this one never reads half a file
    except OSError:
        pass


def validate(name: str, folder: Path | None = None) -> list[list[str]]:
    """Run every check on table ``name``; return its data rows as strings, or raise."""
    return _checked(name, Path(folder) if folder else data_dir()).rows


@dataclass
class _Table:
    rows: list[list[str]]
    values: dict[str, list[Any]]  # column -> typed values (None for a missing value)


_CHECKED: dict[tuple[str, str], tuple[str, _Table]] = {}


def _checked(name: str, folder: Path) -> _Table:
    key = fingerprint(name, folder)
    cached = _CHECKED.get((str(folder), name))
    if cached and cached[0] == key:
        return cached[1]
    table = _run_checks(name, folder)
    _CHECKED[(str(folder), name)] = (key, table)
    return table


def _run_checks(name: str, folder: Path) -> _Table:
    res = resource(name, folder)
    path = folder / res["path"]
    fields = res["schema"]["fields"]
    text = _read_text(path)
    header, rows = _parse(text, path)
    _check_header(path, header, [f["name"] for f in fields])
    if not rows:
        raise DataValidationError(path, [Problem(None, None, "the file has a header but no data rows")])
    values, problems = _check_schema(res, rows)
    if problems:
        raise DataValidationError(path, problems)
    problems = _check_custom(res, rows, values, folder)
    if not problems:
        problems = _check_rules(res["name"], values, folder)
    if problems:
        raise DataValidationError(path, problems)
    return _Table(rows, values)


def _read_text(path: Path) -> str:
    if not path.exists():
        raise DataValidationError(path, [Problem(None, None, "file not found")])
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is an encoding artefact, not data
    if not raw.strip():
        raise DataValidationError(path, [Problem(None, None, "the file is empty (no header row)")])
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
                    f"byte {raw[exc.start : exc.start + 1]!r} is not valid UTF-8 "
                    "(wrong encoding: save the file as UTF-8)",
                )
            ],
        ) from None


_LINE_END = re.compile(r"\r?\n")


def _lines(text: str) -> list[str]:
    """The physical lines of ``text`` (``\\n`` or ``\\r\\n`` end a line; no other character
    does, unlike :meth:`str.splitlines`). A carriage return anywhere else is refused by
    :func:`_parse`, naming its row and column."""
    return _LINE_END.split(text)


def _carriage_return_problem(line: str, row_no: int | None, header: list[str] | None) -> Problem:
    """A bare carriage return inside a line: name the field that holds it."""
    mark = "\x00"
    try:
        record = next(csv.reader([line.replace("\r", mark)]))
    except (csv.Error, StopIteration):
        record = []
    index = next((i for i, cell in enumerate(record) if mark in cell), None)
    column = header[index] if header is not None and index is not None and index < len(header) else None
    return Problem(row_no, column, "carriage return (line break) inside a field: one record per line")


def _parse(text: str, path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows; every record must be exactly one physical line."""
    lines = _lines(text)
    while lines and lines[-1] == "":  # blank lines at the end (editors add one) carry no data
        lines.pop()
    header: list[str] | None = None
    rows: list[list[str]] = []
    problems: list[Problem] = []
    for line_no, line in enumerate(lines, start=1):
        row_no = line_no - 1 if line_no > 1 else None
        if line == "":
            problems.append(Problem(row_no, None, "blank line inside the table (a row without any cell)"))
            continue
        if "\r" in line:
            problems.append(_carriage_return_problem(line, row_no, header))
            continue
        try:
            records = list(csv.reader([line], strict=True))
        except csv.Error as exc:
            problems.append(_quote_problem(line, line_no, header, exc))
            continue
        record = records[0] if records else []
        if header is None:
            header = record
        else:
            rows.append(record)
    if problems:
        raise DataValidationError(path, problems)
    assert header is not None
    # A guard against silent loss: as many records as physical lines, no more, no fewer.
    if len(rows) + 1 != len(lines):  # pragma: no cover - the loop above makes this impossible
        raise DataValidationError(path, [Problem(None, None, f"{len(rows) + 1} records but {len(lines)} lines")])
    return header, rows


def _quote_problem(line: str, line_no: int, header: list[str] | None, exc: csv.Error) -> Problem:
    """A malformed line: find the field where the offending quote opened."""
    column_index, field_start, i = 0, True, 0
    opened: tuple[int, int] | None = None  # (column index, character) of the open quote
    bad: tuple[int, int] | None = None
    while i < len(line):
        ch = line[i]
        if opened is not None:
            if ch == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    i += 2
                    continue
                if i + 1 < len(line) and line[i + 1] != ",":  # closes, then text: quote not closed here
                    bad = opened
                    break
                opened = None
            i += 1
            continue
        if ch == '"' and field_start:
            opened = (column_index, i + 1)
        elif ch == ",":
            column_index += 1
            field_start = True
            i += 1
            continue
        field_start = False
        i += 1
    if bad is None and opened is not None:
        bad = opened
    if bad is not None:
        column_index = bad[0]
        message = (
            f"unclosed quote: the quote opened at character {bad[1]} of line {line_no} is not "
            "closed at the end of its field (a field may not hold a line break; close the quote "
            "and double any quote inside it)"
        )
    else:
        message = f'malformed CSV ({exc}): a quote inside a field must be doubled ("")'
    column = header[column_index] if header is not None and 0 <= column_index < len(header) else None
    return Problem(line_no - 1 if line_no > 1 else None, column, message)


def _check_header(path: Path, header: list[str], expected: list[str]) -> None:
    problems = [Problem(None, c, "missing column") for c in expected if c not in header]
    problems += [Problem(None, c, "extra column not in the catalogue") for c in header if c not in expected]
    dupes = sorted({c for c in header if header.count(c) > 1})
    problems += [Problem(None, c, "column appears more than once") for c in dupes]
    if not problems and header != expected:
        problems.append(Problem(None, None, f"columns are out of order: expected {expected}, found {header}"))
    if problems:
        raise DataValidationError(path, problems)


# --------------------------------------------------------------------------- Table Schema checks

_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_NONFINITE = {
    "nan": math.nan,
    "inf": math.inf,
    "+inf": math.inf,
    "-inf": -math.inf,
    "infinity": math.inf,
    "+infinity": math.inf,
    "-infinity": -math.inf,
}
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
#: Text columns whose pattern is one of these hold a (partial) date and get date checks too.
_DATE_PATTERNS = {r"^\d{4}-\d{2}-\d{2}$", r"^\d{4}(-\d{2}(-\d{2})?)?$"}


class _TypeProblem(ValueError):
    pass


def _cast(field: dict[str, Any], value: str) -> Any:
    kind = field.get("type", "string")
    if kind == "string":
        return value
    if kind == "integer":
        if not _INTEGER.fullmatch(value):
            raise _TypeProblem("not an integer (plain ASCII digits, no separators or decimals)")
        integer = int(value)
        if not _INT64[0] <= integer <= _INT64[1]:
            raise _TypeProblem("integer too large (beyond 64 bits)")
        return integer
    if kind == "number":
        if _NUMBER.fullmatch(value):
            number = float(value)
            if math.isinf(number):
                raise _TypeProblem("number too large (beyond floating point)")
            return number
        if value.lower() in _NONFINITE:
            if field.get("x-nonfinite"):
                return _NONFINITE[value.lower()]
            raise _TypeProblem("not a finite number (NaN and infinity are not allowed here)")
        raise _TypeProblem("not a number (plain ASCII notation such as 12.5 or 1e3, no separators)")
    if kind == "boolean":
        true = field.get("trueValues", _TRUE)
        false = field.get("falseValues", _FALSE)
        if value in true:
            return True
        if value in false:
            return False
        raise _TypeProblem(f"not a boolean ({'/'.join(true)} or {'/'.join(false)})")
    if kind == "date":
        match = _ISO_DATE.fullmatch(value)
        if not match:
            raise _TypeProblem("not a date (YYYY-MM-DD)")
        try:
            day = date(*(int(p) for p in match.groups()))
        except ValueError as exc:
            raise _TypeProblem(f"not a calendar date ({exc})") from None
        bound = _date_bound_problem(day, day)
        if bound:
            raise _TypeProblem(bound)
        return day
    raise _TypeProblem(f"type {kind!r} is not supported by the loader")


def _constraint_problems(field: dict[str, Any], raw: str, value: Any) -> list[str]:
    cons = field.get("constraints", {})
    out = []
    if "enum" in cons and value not in cons["enum"]:
        out.append(f"not one of the allowed values {cons['enum']}")
    if "minimum" in cons and value < cons["minimum"]:
        out.append(f"below the minimum {cons['minimum']}")
    if "maximum" in cons and value > cons["maximum"]:
        out.append(f"above the maximum {cons['maximum']}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        out.append(f"does not match the pattern {cons['pattern']!r}")
    if "minLength" in cons and len(raw) < cons["minLength"]:
        out.append(f"shorter than {cons['minLength']} characters")
    if "maxLength" in cons and len(raw) > cons["maxLength"]:
        out.append(f"longer than {cons['maxLength']} characters")
    return out


def _check_schema(res: dict[str, Any], rows: list[list[str]]) -> tuple[dict[str, list[Any]], list[Problem]]:
    """Types, constraints and the primary key; the typed values of every column."""
    fields = res["schema"]["fields"]
    n = len(fields)
    problems: list[Problem] = []
    for ri, row in enumerate(rows, start=1):
        if len(row) < n:
            problems.append(
                Problem(ri, fields[len(row)]["name"], f"missing-cell: the row has {len(row)} cells, the header {n}")
            )
        elif len(row) > n:
            problems.append(Problem(ri, None, f"extra-cell: the row has {len(row)} cells, the header {n}"))
    if problems:
        return {}, problems
    values: dict[str, list[Any]] = {}
    for fi, field in enumerate(fields):
        name = field["name"]
        cons = field.get("constraints", {})
        column: list[Any] = []
        seen: dict[Any, int] = {}
        for ri, row in enumerate(rows, start=1):
            raw = row[fi]
            if raw == "":
                column.append(None)
                if cons.get("required"):
                    problems.append(Problem(ri, name, "constraint-error: a value is required"))
                continue
            try:
                value = _cast(field, raw)
            except _TypeProblem as exc:
                problems.append(Problem(ri, name, f"type-error (value {raw!r}): {exc}"))
                column.append(None)
                continue
            column.append(value)
            for msg in _constraint_problems(field, raw, value):
                problems.append(Problem(ri, name, f"constraint-error (value {raw!r}): {msg}"))
            if cons.get("unique"):
                if value in seen:
                    problems.append(
                        Problem(ri, name, f"constraint-error (value {raw!r}): not unique, also in row {seen[value]}")
                    )
                else:
                    seen[value] = ri
        values[name] = column
    key = res["schema"].get("primaryKey")
    key = [key] if isinstance(key, str) else list(key or [])
    names = [f["name"] for f in fields]
    unique_single = len(key) == 1 and fields[names.index(key[0])].get("constraints", {}).get("unique")
    if key and not unique_single:  # a unique single-column key is checked above
        first: dict[tuple, int] = {}
        for ri, row in enumerate(rows, start=1):
            kv = tuple(values[k][ri - 1] for k in key)
            if any(v is None for v in kv):
                if any(row[names.index(k)] == "" for k in key):
                    problems.append(Problem(ri, "+".join(key), "primary-key: a key column is empty"))
            elif kv in first:
                problems.append(
                    Problem(ri, "+".join(key), f"primary-key: {dict(zip(key, kv))} repeats the key of row {first[kv]}")
                )
            else:
                first[kv] = ri
    return values, problems


# --------------------------------------------------------------------------- dates

#: The forms of a partial date are the domain's (:data:`helpers.dates.PRECISIONS`), matched with ASCII
#: digits only; the loader computes spans with ``datetime.date`` rather than ``pandas.Period`` so that a
#: date beyond pandas' range (after 2262) gets the loader's named error, not an overflow.
_PARTIAL = {kind: re.compile(pattern, re.ASCII) for kind, (_freq, pattern) in dates.PRECISIONS.items()}


def _today() -> date:
    """Today in UTC: the day the checks (and the kept frames' cache key) depend on."""
    return datetime.now(UTC).date()


#: How far past today in UTC a date may lie. Local dates run up to one day ahead of UTC (the
#: furthest time zone, UTC+14, e.g. Kiribati's Line Islands), so a contributor who records a
#: source accessed "today" in local time must not be told the date is in the future. The latest
#: allowed date moves with :func:`_today`, so the day in the cache key still covers the verdict.
DAYS_AHEAD_OF_UTC = 1


def _latest_date() -> date:
    """The latest date the loader accepts: today in UTC plus :data:`DAYS_AHEAD_OF_UTC`."""
    return _today() + timedelta(days=DAYS_AHEAD_OF_UTC)


def _date_bound_problem(first: date, last: date) -> str | None:
    if last < EARLIEST_DATE:
        return f"date before {EARLIEST_DATE.isoformat()} (the earliest the collection records)"
    latest = _latest_date()
    if first > latest:
        return f"date in the future (after {latest.isoformat()}, the date in the time zone furthest ahead of UTC)"
    return None


def partial_date_span(value: str, precision: str | None = None) -> tuple[date, date]:
    """The first and last day of a date of day, month or year precision (``2025``,
    ``2025-06``, ``2025-06-13``); ``precision`` (if given) must match. Raises ``ValueError``."""
    kinds = [precision] if precision else ["day", "month", "year"]
    for kind in kinds:
        pattern = _PARTIAL.get(kind)
        if pattern is None:
            raise ValueError(f"unknown date precision {kind!r}")
        if not pattern.fullmatch(value):
            continue
        parts = [int(p) for p in value.split("-")]
        if kind == "year":
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if kind == "month":
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
        day = date(*parts)
        return day, day
    need = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
    if precision:
        raise ValueError(f"precision {precision!r} needs {need[precision]}")
    raise ValueError("needs YYYY, YYYY-MM or YYYY-MM-DD")


def _date_problem(value: str, precision: str | None) -> str | None:
    try:
        first, last = partial_date_span(value, precision)
    except ValueError as exc:
        return f"bad date {value!r}: {exc}"
    bound = _date_bound_problem(first, last)
    return f"bad date {value!r}: {bound}" if bound else None


# --------------------------------------------------------------------------- custom checks


def _ref_values(ref: str, folder: Path) -> set[str]:
    table, _, column = ref.partition(".")
    column = column or {"sources": "source_id"}.get(table, "")
    res = resource(table, folder)
    if table == "sources":  # the registry is checked on its own; here only its ids matter
        rows = _parse(_read_text(folder / res["path"]), folder / res["path"])[1]
    else:
        rows = _checked(table, folder).rows
    names = [f["name"] for f in res["schema"]["fields"]]
    idx = names.index(column)
    return {r[idx] for r in rows if len(r) > idx}


def _check_custom(
    res: dict[str, Any], rows: list[list[str]], values: dict[str, list[Any]], folder: Path
) -> list[Problem]:
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    problems: list[Problem] = []
    refs_cache: dict[str, set[str]] = {}
    for fi, field in enumerate(fields):
        sep = field.get("x-list")
        ref = field.get("x-refs")
        iso3 = field.get("x-iso3")
        precision_col = field.get("x-date-precision")
        date_text = field.get("type", "string") == "string" and (
            field.get("constraints", {}).get("pattern") in _DATE_PATTERNS
        )
        if not (sep or ref or iso3 or precision_col or date_text):
            continue
        if ref and ref not in refs_cache:
            refs_cache[ref] = _ref_values(ref, folder)
        for ri, row in enumerate(rows, start=1):
            value = row[fi]
            if value == "":
                continue
            items = value.split(sep) if sep else [value]
            if sep and any(i.strip() != i or i == "" for i in items):
                problems.append(
                    Problem(ri, field["name"], f"malformed list {value!r}: items separated by {sep!r}, no blanks")
                )
                continue
            if sep and len(set(items)) != len(items):
                repeated = sorted({i for i in items if items.count(i) > 1})
                problems.append(Problem(ri, field["name"], f"list {value!r} repeats {repeated}"))
            if ref:
                unknown = [i for i in items if i not in refs_cache[ref]]
                if unknown:
                    problems.append(Problem(ri, field["name"], f"unknown id(s) {unknown} (not in {ref})"))
            if iso3:
                bad = [i for i in items if not countries.is_valid_actor(i)]
                if bad:
                    problems.append(
                        Problem(
                            ri, field["name"], f"unknown country code(s) {bad} (ISO3 or an allowed actor code expected)"
                        )
                    )
            if precision_col or date_text:
                precision = row[names.index(precision_col)] if precision_col else None
                msg = _date_problem(value, precision)
                if msg:
                    problems.append(Problem(ri, field["name"], msg))
    return problems


# --------------------------------------------------------------------------- cross-field rules


@dataclass(frozen=True)
class Rule:
    """A rule across the fields of one table (or across tables, naming them in ``reads``).

    ``check(values, folder)`` gets the typed columns and yields ``(row, column, message)``."""

    description: str
    check: Callable[[dict[str, list[Any]], Path], Iterable[tuple[int, str | None, str]]]
    reads: tuple[str, ...] = ()


def _rows(values: dict[str, list[Any]]) -> Iterable[tuple[int, dict[str, Any]]]:
    names = list(values)
    n = len(values[names[0]]) if names else 0
    for i in range(n):
        yield i + 1, {k: values[k][i] for k in names}


def _ordered(a: str, b: str, message: str):
    def check(values, _folder):
        for ri, r in _rows(values):
            if r[a] is not None and r[b] is not None and r[a] > r[b]:
                yield ri, b, message.format(a=r[a], b=r[b])

    return check


def _no_self_tie(values, _folder):
    for ri, r in _rows(values):
        if r["a_iso3"] == r["b_iso3"]:
            yield ri, "b_iso3", f"a relation of {r['a_iso3']} with itself"


def _one_coding_per_pair(values, _folder):
    first: dict[tuple, int] = {}
    for ri, r in _rows(values):
        pair = (r["period"], *sorted((r["a_iso3"], r["b_iso3"])))
        if pair in first:
            yield (
                ri,
                "b_iso3",
                (f"the pair {pair[1]}–{pair[2]} in period {pair[0]} is already coded in row {first[pair]}"),
            )
        else:
            first[pair] = ri


def _year_is_session_plus_1945(values, _folder):
    for ri, r in _rows(values):
        if r["year"] != r["session"] + 1945:
            yield ri, "year", f"year {r['year']} is not session {r['session']} + 1945"


def _agreement_is_share(values, _folder):
    for ri, r in _rows(values):
        share = r["n_identical"] / r["n_both_voted"]
        if abs(r["agreement"] - share) > 1e-4:
            yield ri, "agreement", (f"agreement {r['agreement']} is not n_identical/n_both_voted = {share:.4f}")


def _milestone_not_before_signature(values, folder):
    treaties = _checked("treaties", folder).values
    signed = dict(zip(treaties["treaty_id"], treaties["signed"]))
    for ri, r in _rows(values):
        day = signed.get(r["treaty_id"])
        if day is None or r["date"] is None:
            continue
        try:
            _, last = partial_date_span(r["date"], r["date_precision"])
        except ValueError:
            continue
        if last < day:
            yield ri, "date", f"{r['milestone']} on {r['date']}, before the treaty was signed ({day})"


def _documented_articles_cite(values, _folder):
    for ri, r in _rows(values):
        documented = r["status"] == "documented"
        if documented and not r["source_ids"]:
            yield ri, "source_ids", "a documented article cites no source"
        if not documented and r["source_ids"]:
            yield ri, "source_ids", f"an article with status {r['status']!r} cites sources"


#: Cross-field rules, by table.
RULES: dict[str, list[Rule]] = {
    "relations": [
        Rule("a relation links two different states", _no_self_tie),
        Rule("one coding per pair of states and period", _one_coding_per_pair),
    ],
    "arms_deals": [
        Rule(
            "the first delivery is not after the last",
            _ordered("first_delivery_year", "last_delivery_year", "first delivery {a} after the last delivery {b}"),
        ),
        Rule(
            "no delivery before the order",
            _ordered("order_year", "first_delivery_year", "first delivery {b} before the order year {a}"),
        ),
    ],
    "unga_agreement_history": [
        Rule(
            "identical votes do not exceed votes cast by both",
            _ordered("n_identical", "n_both_voted", "{a} identical votes but only {b} cast by both"),
        ),
        Rule("the agreement is the share of identical votes", _agreement_is_share),
        Rule("a session's year is its number + 1945", _year_is_session_plus_1945),
    ],
    "unga_ideal_points": [
        Rule("a session's year is its number + 1945", _year_is_session_plus_1945),
    ],
    "drone_launches_monthly": [
        Rule(
            "no more drones destroyed than launched",
            _ordered("destroyed", "launched", "{a} destroyed but {b} launched"),
        ),
    ],
    "treaty_milestones": [
        Rule("no milestone before the treaty's signature", _milestone_not_before_signature, reads=("treaties",)),
    ],
    "treaty_articles": [
        Rule("a documented article cites a source, an undocumented one none", _documented_articles_cite),
    ],
    "treaties": [
        Rule(
            "entry into force is not before signature",
            _ordered("signed", "entered_into_force", "in force {b} before signature {a}"),
        ),
    ],
}


def _check_rules(name: str, values: dict[str, list[Any]], folder: Path) -> list[Problem]:
    problems = []
    for rule in RULES.get(name, []):
        for row, column, message in rule.check(values, folder):
            problems.append(Problem(row, column, f"{message} (rule: {rule.description})"))
    return problems


# --------------------------------------------------------------------------- second opinion


def _frictionless_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without the project's own ``x-`` keys."""
    clean = {k: v for k, v in schema.items() if not k.startswith("x-")}
    clean["fields"] = [{k: v for k, v in f.items() if not k.startswith("x-")} for f in schema["fields"]]
    return clean


def frictionless_report(name: str, folder: Path | None = None) -> list[Problem]:
    """Frictionless's own findings on table ``name`` (empty when it agrees the table is valid).

    Imports the Frictionless library (slow: several seconds); the build and the tests call it
    once per content of the data folder, notebooks never."""
    from frictionless import Resource, Schema

    folder = Path(folder) if folder else data_dir()
    res = resource(name, folder)
    path = folder / res["path"]
    schema = Schema.from_descriptor(_frictionless_schema(res["schema"]))
    resource_ = Resource(path=path.name, basepath=str(path.parent), schema=schema, format="csv", encoding="utf-8")
    report = resource_.validate()
    problems: list[Problem] = []
    for task in report.tasks:
        for err in task.errors:
            row_number = getattr(err, "row_number", None)
            problems.append(
                Problem(row_number - 1 if row_number else None, getattr(err, "field_name", None), _message(err))
            )
    for err in report.errors:
        problems.append(Problem(None, None, _message(err)))
    return problems


def _message(err: Any) -> str:
    kind = getattr(err, "type", "error")
    note = getattr(err, "note", "") or getattr(err, "message", "")
    cell = getattr(err, "cell", None)
    value = f" (value {cell!r})" if cell not in (None, "") else ""
    return f"{kind}{value}: {note}"


def data_fingerprint(folder: Path | None = None) -> str:
    """A hash of the catalogue and every table file (what a full validation depends on)."""
    folder = Path(folder) if folder else data_dir()
    h = hashlib.sha256(_catalogue_entry(folder)[0].encode())
    for name in table_names(folder):
        path = folder / resource(name, folder)["path"]
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"<missing>"))
    return h.hexdigest()


def check_all(folder: Path | None = None, stamp_dir: Path | None = None) -> str:
    """Validate every table with the loader and with Frictionless; raise on the first failure.

    With ``stamp_dir``, a passing run leaves ``validated-<hash>`` there and the next call with
    the same content returns at once (validate once per content)."""
    folder = Path(folder) if folder else data_dir()
    key = data_fingerprint(folder)
    stamp = Path(stamp_dir) / f"validated-{key[:16]}" if stamp_dir else None
    if stamp is not None and stamp.exists():
        return key
    for name in table_names(folder):
        validate(name, folder)
        extra = frictionless_report(name, folder)
        if extra:
            raise DataValidationError(folder / resource(name, folder)["path"], extra)
    if stamp is not None:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        for old in stamp.parent.glob("validated-*"):
            old.unlink()
        stamp.touch()
    return key


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
            true = frozenset(field.get("trueValues", _TRUE))
            frame[col] = raw.map(lambda v, true=true: pd.NA if pd.isna(v) else v in true).astype("boolean")
        elif kind == "date":
            frame[col] = pd.to_datetime(raw, format="%Y-%m-%d", errors="raise")
        else:
            frame[col] = raw.astype("string")
    if len(frame) != len(rows):  # pragma: no cover - a guard against silent loss
        raise DataValidationError(path, [Problem(None, None, "row count changed while typing")])
    return frame


def blank(value: object) -> bool:
    """True for an empty cell: missing (``None``, ``NaN``, ``NA``) or only white space."""
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


def split_list(value: Any, sep: str = ";") -> list[str]:
    """The items of a ``;``-separated list cell (empty cell: empty list)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return []
    return str(value).split(sep)
