"""Loaders: every table validates; corrupted copies of real tables fail with a clear message
naming the file, the row and the column; nothing is dropped or coerced."""

import csv
import shutil

import pandas as pd
import pytest

from helpers import data
from helpers.data import DataValidationError
from helpers.paths import data_dir

DATA = data_dir()


def test_every_catalogued_table_loads_with_all_its_rows():
    for name in data.table_names():
        frame = data.load(name)
        res = data.resource(name)
        with open(DATA / res["path"], encoding="utf-8", newline="") as fh:
            n_rows = sum(1 for _ in csv.reader(fh)) - 1
        assert len(frame) == n_rows, name
        assert list(frame.columns) == [f["name"] for f in res["schema"]["fields"]], name


def test_every_table_file_is_catalogued():
    listed = {data.resource(n)["path"] for n in data.table_names()}
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert on_disk == listed


def test_unknown_table():
    with pytest.raises(data.UnknownTableError, match="no table 'nope'"):
        data.load("nope")


# ----------------------------------------------------------------- corrupted copies of real tables


@pytest.fixture
def copy(tmp_path):
    """A copy of the data folder; returns (folder, edit) where edit(table, fn) rewrites a table's rows."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("staging", "provenance"))

    def edit(table, fn):
        path = folder / data.resource(table, folder)["path"]
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        rows = fn(rows)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
        return path

    return folder, edit


def _col(rows, name):
    return rows[0].index(name)


def _set(row_no, column, value):
    """Edit: set data row ``row_no`` (1-based) of ``column`` to ``value``."""
    def fn(rows):
        rows[row_no][_col(rows, column)] = value
        return rows
    return fn


def _fails(folder, table, *fragments):
    with pytest.raises(DataValidationError) as info:
        data.load(table, folder)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    return info.value


def test_missing_column(copy):
    folder, edit = copy
    edit("events", lambda rows: [r[:-1] for r in rows])
    _fails(folder, "events", "events.csv", "column 'note': missing column")


def test_extra_column(copy):
    folder, edit = copy
    edit("events", lambda rows: [r + (["extra"] if i == 0 else ["x"]) for i, r in enumerate(rows)])
    _fails(folder, "events", "events.csv", "column 'extra': extra column")


def test_columns_out_of_order(copy):
    folder, edit = copy
    edit("sources", lambda rows: [[r[1], r[0]] + r[2:] for r in rows])
    _fails(folder, "sources", "sources.csv", "columns are out of order")


def test_bad_calendar_date(copy):
    folder, edit = copy
    edit("events", lambda rows: _set(3, "date_precision", "day")(_set(3, "date", "2025-02-30")(rows)))
    _fails(folder, "events", "events.csv", "row 3 (line 4), column 'date'", "bad date '2025-02-30'")


def test_date_that_does_not_match_its_precision(copy):
    folder, edit = copy
    edit("events", lambda rows: _set(2, "date_precision", "day")(_set(2, "date", "2025-02")(rows)))
    _fails(folder, "events", "row 2 (line 3), column 'date'", "needs YYYY-MM-DD")


def test_value_outside_the_allowed_values(copy):
    folder, edit = copy
    edit("events", _set(5, "domain", "astrology"))
    _fails(folder, "events", "row 5 (line 6), column 'domain'", "constraint-error", "'astrology'")


def test_duplicate_key(copy):
    folder, edit = copy
    def dup(rows):
        rows[4][0] = rows[3][0]
        return rows
    _ = edit("events", dup)
    _fails(folder, "events", "row 4 (line 5), column 'event_id'", "not unique, also in row 3")


def test_unknown_source_id(copy):
    folder, edit = copy
    edit("events", _set(7, "source_ids", "no-such-source-2099"))
    _fails(folder, "events", "row 7 (line 8), column 'source_ids'", "unknown id(s) ['no-such-source-2099']")


def test_unknown_country_code(copy):
    folder, edit = copy
    edit("events", _set(1, "actors_iso3", "RUS;XYZ"))
    _fails(folder, "events", "row 1 (line 2), column 'actors_iso3'", "unknown country code(s) ['XYZ']")


def test_malformed_list(copy):
    folder, edit = copy
    edit("events", _set(1, "actors_iso3", "RUS; IRN"))
    _fails(folder, "events", "column 'actors_iso3'", "malformed list")


def test_missing_required_value(copy):
    folder, edit = copy
    edit("sources", _set(2, "publisher", ""))
    _fails(folder, "sources", "row 2 (line 3), column 'publisher'", "constraint-error")


def test_pattern_violation(copy):
    folder, edit = copy
    edit("sources", _set(1, "source_id", "Not An Id"))
    _fails(folder, "sources", "row 1 (line 2), column 'source_id'", "pattern")


def test_short_row(copy):
    folder, edit = copy
    def cut(rows):
        rows[2] = rows[2][:3]
        return rows
    edit("events", cut)
    _fails(folder, "events", "row 2 (line 3)", "missing-cell")


def test_empty_file(copy):
    folder, _ = copy
    (folder / "events.csv").write_text("", encoding="utf-8")
    _fails(folder, "events", "events.csv", "the file is empty")


def test_header_only(copy):
    folder, edit = copy
    edit("events", lambda rows: rows[:1])
    _fails(folder, "events", "header but no data rows")


def test_wrong_encoding(copy):
    folder, edit = copy
    path = edit("events", _set(6, "note", "Ré"))
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    _fails(folder, "events", "events.csv", "row 6 (line 7), column 'note'", "not valid UTF-8")


def test_missing_file(copy):
    folder, _ = copy
    (folder / "events.csv").unlink()
    _fails(folder, "events", "file not found")


def test_no_silent_coercion_of_na_strings(copy):
    """'NA' (Namibia) or 'null' stay strings; nothing becomes NaN behind the reader's back."""
    folder, edit = copy
    edit("events", _set(1, "note", "NA"))
    frame = data.load("events", folder)
    assert frame.loc[0, "note"] == "NA"


def test_error_lists_every_problem(copy):
    folder, edit = copy
    edit("events", lambda rows: _set(1, "domain", "x")(_set(2, "domain", "y")(rows)))
    err = _fails(folder, "events", "2 problem(s)")
    assert [p.row for p in err.problems] == [1, 2]


def test_split_list():
    assert data.split_list("a;b") == ["a", "b"]
    assert data.split_list("") == [] and data.split_list(pd.NA) == []


def test_wrong_type(copy):
    folder, edit = copy
    edit("trade_statements", _set(3, "year", "twenty-twenty"))
    _fails(folder, "trade_statements", "trade_statements.csv", "row 3 (line 4), column 'year'", "type-error")


def test_value_out_of_range(copy):
    folder, edit = copy
    edit("trade_statements", _set(2, "year", "1850"))
    _fails(folder, "trade_statements", "row 2 (line 3), column 'year'", "constraint-error", "minimum")


def test_negative_number_out_of_range(copy):
    folder, edit = copy
    edit("trade_statements", _set(1, "value_usd_bn", "-4.2"))
    _fails(folder, "trade_statements", "row 1 (line 2), column 'value_usd_bn'", "minimum")


def test_bad_iso_date_in_a_date_column(copy):
    folder, edit = copy
    edit("treaties", _set(1, "signed", "17/01/2025"))
    _fails(folder, "treaties", "treaties.csv", "row 1 (line 2), column 'signed'", "type-error")


def test_unknown_reference_to_another_table(copy):
    folder, edit = copy
    edit("treaty_provisions", _set(4, "treaty_id", "rus-xyz-2030"))
    _fails(folder, "treaty_provisions", "row 4 (line 5), column 'treaty_id'", "not in treaties.treaty_id")


def test_numbers_are_typed_not_text():
    trade = data.load("trade_statements")
    assert str(trade["year"].dtype) == "Int64" and str(trade["value_usd_bn"].dtype) == "Float64"
    assert str(data.load("treaties")["signed"].dtype).startswith("datetime64")
