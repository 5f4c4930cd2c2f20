"""Property-based tests of the loader (hypothesis; seeded and bounded): whatever value lands in
any column of any table, and whatever structural damage a file suffers, the loader either
returns every row with the value intact or refuses with an error naming the file and the row
(and column) — it never returns fewer rows and never bends a value."""

from __future__ import annotations

import contextlib
import csv
import io
import math
import shutil
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import data
from helpers.data import DataValidationError
from helpers.paths import data_dir

#: Seeded (derandomize) and bounded: a fixed number of examples, no per-example deadline
#: (the machine may be busy); the whole module runs in well under a minute.
BOUNDED = settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TABLES = data.table_names()
NASTY = [
    "",
    " ",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "1e400",
    "1_000",
    "١٢",
    "２",
    "0x1F",
    "1,5",
    "TRUE",
    "yes",
    "2025-02-30",
    "2026-99-99",
    "2263-01-01",
    "1700-01-01",
    "9999999999999999999999",
    '"',
    '""',
    "a\nb",
    "a\rb",
    "é",
    "\ufeff",
    "null",
    "NA",
    "-0",
    "+3",
    ".5",
    "5.",
    "1e-3",
    "2025",
    "2025-06",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    copy = tmp_path_factory.mktemp("prop") / "data"
    shutil.copytree(data_dir(), copy, ignore=shutil.ignore_patterns("staging", "provenance"))
    return copy


def _path(folder, table):
    return folder / data.resource(table, folder)["path"]


def _value_strategy(field):
    kind = field.get("type", "string")
    cons = field.get("constraints", {})
    options = [st.sampled_from(NASTY), st.text(max_size=12)]
    if "enum" in cons:
        options.append(st.sampled_from([str(v) for v in cons["enum"]]))
    if kind == "integer":
        options += [
            st.integers().map(str),
            st.integers(min_value=cons.get("minimum", -10), max_value=cons.get("maximum", 3000)).map(str),
        ]
    elif kind == "number":
        options += [st.floats(allow_nan=True, allow_infinity=True).map(repr), st.floats(0, 1000).map(str)]
    elif kind == "boolean":
        options.append(st.sampled_from(["true", "false", "True", "FALSE", "1", "0"]))
    elif kind == "date":
        options.append(st.dates(min_value=date(1, 1, 1)).map(date.isoformat))
    return st.one_of(options)


def _read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@contextlib.contextmanager
def _rows_written(path, rows):
    """Write ``rows`` over the table at ``path`` for the block, then restore its original bytes."""
    original = path.read_bytes()
    try:
        _write_rows(path, rows)
        yield
    finally:
        path.write_bytes(original)


def _typed_equal(field, raw, value):
    kind = field.get("type", "string")
    if raw == "":
        return value is pd.NA or value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)
    if kind == "string":
        return value == raw
    if kind == "integer":
        return int(value) == int(raw)
    if kind == "number":
        return math.isclose(float(value), float(raw), rel_tol=1e-15) and math.isfinite(float(value))
    if kind == "boolean":
        return bool(value) == (raw in field.get("trueValues", ["true", "True", "TRUE", "1"]))
    if kind == "date":
        return pd.Timestamp(value) == pd.Timestamp(raw)
    raise AssertionError(kind)


@BOUNDED
@given(st.data())
def test_any_value_in_any_cell_loads_intact_or_is_refused_by_row_and_column(folder, draw):
    table = draw.draw(st.sampled_from(TABLES), label="table")
    path = _path(folder, table)
    rows = _read_rows(path)
    fields = data.resource(table, folder)["schema"]["fields"]
    row_no = draw.draw(st.integers(1, len(rows) - 1), label="row")
    ci = draw.draw(st.integers(0, len(fields) - 1), label="column")
    value = draw.draw(_value_strategy(fields[ci]), label="value")
    rows[row_no][ci] = value
    with _rows_written(path, rows):
        try:
            frame = data.load(table, folder)
        except DataValidationError as err:
            assert err.file.endswith(path.name)
            named = [p for p in err.problems if p.row == row_no or f"row {row_no}" in p.message]
            assert named, f"no problem names row {row_no}: {err}"
            assert any(p.column is not None for p in named), str(err)
        else:
            assert len(frame) == len(rows) - 1, "a row was lost"
            assert _typed_equal(fields[ci], value, frame.iloc[row_no - 1, ci]), (value, frame.iloc[row_no - 1, ci])


_DAMAGE = st.sampled_from(
    ["drop-quote", "add-quote", "newline", "truncate", "cut-line", "duplicate-line", "blank-line", "crlf", "bom", "tab"]
)


@BOUNDED
@given(st.data())
def test_structural_damage_never_loses_a_row_silently(folder, draw):
    table = draw.draw(st.sampled_from(TABLES), label="table")
    path = _path(folder, table)
    original = path.read_bytes()
    text = original.decode("utf-8")
    kind = draw.draw(_DAMAGE, label="damage")
    pos = draw.draw(st.integers(0, len(text) - 1), label="position")
    if kind == "drop-quote" and '"' in text:
        quotes = [i for i, c in enumerate(text) if c == '"']
        i = quotes[pos % len(quotes)]
        text = text[:i] + text[i + 1 :]
    elif kind == "add-quote":
        text = text[:pos] + '"' + text[pos:]
    elif kind == "newline":
        text = text[:pos] + "\n" + text[pos:]
    elif kind == "truncate":
        text = text[:pos]
    elif kind in ("cut-line", "duplicate-line", "blank-line"):
        lines = text.split("\n")
        k = 1 + pos % max(1, len(lines) - 2)
        lines = (
            lines[:k] + lines[k + 1 :]
            if kind == "cut-line"
            else lines[:k] + [lines[k]] + lines[k:]
            if kind == "duplicate-line"
            else lines[:k] + [""] + lines[k:]
        )
        text = "\n".join(lines)
    elif kind == "crlf":
        text = text.replace("\n", "\r\n")
    elif kind == "bom":
        text = "\ufeff" + text
    elif kind == "tab":
        text = text[:pos] + "\t" + text[pos:]
    try:
        path.write_bytes(text.encode("utf-8"))
        physical = [line for line in text.replace("\r\n", "\n").split("\n")]
        while physical and physical[-1] == "":
            physical.pop()
        try:
            frame = data.load(table, folder)
        except DataValidationError as err:
            assert err.file.endswith(path.name)
            assert err.problems and str(err.problems[0])
        else:
            assert len(frame) == len(physical) - 1, f"{kind}: {len(frame)} rows from {len(physical) - 1} lines"
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize(
    ("table", "row_no", "ci", "value"),
    [
        ("unga_votes_2025", 1, 5, "\r0"),  # found by the property test above: a bare CR in the last cell
        ("sources", 1, 0, "\r"),  # a CR alone in the first cell
        ("events", 3, 3, "two\rlines"),  # a CR inside a quoted free-text field
        ("events", 3, 3, "two\nlines"),  # a line feed inside a quoted free-text field
    ],
)
def test_a_line_break_inside_a_cell_is_refused_by_row_and_column(folder, table, row_no, ci, value):
    path = _path(folder, table)
    rows = _read_rows(path)
    rows[row_no][ci] = value
    with _rows_written(path, rows), pytest.raises(DataValidationError) as info:
        data.load(table, folder)
    named = [p for p in info.value.problems if p.row == row_no]
    assert named and all(p.column == rows[0][ci] for p in named), str(info.value)
