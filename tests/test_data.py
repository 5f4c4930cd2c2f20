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


# ----------------------------------------------------------------- nothing lost, nothing bent


def _raw_lines(folder, table):
    path = folder / data.resource(table, folder)["path"]
    return path, path.read_text(encoding="utf-8").splitlines()


def test_every_unclosed_quote_is_refused_where_it_opened(copy):
    """Open a quote at the start of every field of a table and never close it: each variant is
    refused naming the row and column where the quote opened; none loads with fewer rows."""
    folder, _ = copy
    path, lines = _raw_lines(folder, "treaty_milestones")
    header = lines[0].split(",")
    n = len(data.load("treaty_milestones", folder))
    cases = 0
    for line_no in range(2, len(lines) + 1):
        cells = next(csv.reader([lines[line_no - 1]]))
        for ci, column in enumerate(header):
            broken = list(cells)
            broken[ci] = '"' + cells[ci].replace('"', '""')  # no closing quote
            text = lines[: line_no - 1] + [",".join(broken)] + lines[line_no:]
            path.write_text("\n".join(text) + "\n", encoding="utf-8")
            try:
                frame = data.load("treaty_milestones", folder)
            except DataValidationError as err:
                assert err.problems[0].row == line_no - 1, err
                assert err.problems[0].column == column, err
                assert "unclosed quote" in str(err)
            else:  # pragma: no cover - would be silent loss
                assert len(frame) == n
            cases += 1
    assert cases == (len(lines) - 1) * len(header)


def test_a_field_holding_a_line_break_is_refused(copy):
    folder, edit = copy
    edit("treaty_milestones", _set(3, "note", "first line\nsecond line"))
    _fails(folder, "treaty_milestones", "row 3 (line 4), column 'note'", "unclosed quote", "line break")


def test_a_trailing_blank_line_is_accepted_and_an_inner_one_refused(copy):
    folder, _ = copy
    path, lines = _raw_lines(folder, "treaties")
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    assert len(data.load("treaties", folder)) == len(lines) - 1
    path.write_text("\n".join(lines[:3] + [""] + lines[3:]) + "\n", encoding="utf-8")
    _fails(folder, "treaties", "row 3 (line 4)", "blank line inside the table")


def test_crlf_line_endings_load_the_same(copy):
    folder, _ = copy
    path, lines = _raw_lines(folder, "treaties")
    before = data.load("treaties", folder)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    pd.testing.assert_frame_equal(data.load("treaties", folder), before)


@pytest.mark.parametrize(
    "table, column, value, fragment",
    [
        ("trade_statements", "value_usd_bn", "Infinity", "not a finite number"),
        ("trade_statements", "value_usd_bn", "-inf", "not a finite number"),
        ("trade_statements", "value_usd_bn", "NaN", "not a finite number"),
        ("trade_statements", "value_usd_bn", "1e400", "too large"),
        ("trade_statements", "value_usd_bn", "1_000", "not a number"),
        ("trade_statements", "value_usd_bn", "١٢", "not a number"),
        ("trade_statements", "year", "２０２４", "not an integer"),
        ("trade_statements", "year", "2,024", "not an integer"),
        ("arms_deals", "number_ordered", "99999999999999999999999", "beyond 64 bits"),
        ("arms_deals", "order_year_uncertain", "yes", "not a boolean"),
        ("treaties", "signed", "2263-01-01", "date in the future"),
        ("treaties", "signed", "2205-01-17", "date in the future"),
        ("treaties", "signed", "1700-01-01", "before 1815-01-01"),
        ("treaties", "signed", "2025-02-30", "not a calendar date"),
        ("sources", "date", "2025-02-30", "day is out of range"),
        ("sources", "date", "2026-99-99", "month must be in 1..12"),
        ("sources", "accessed", "2205-01-17", "date in the future"),
        ("events", "date", "2205", "date in the future"),
        ("atop_treaty_codes", "member_entry", "1896-13", "month must be in 1..12"),
    ],
)
def test_bad_numbers_and_dates_name_file_row_and_column(copy, table, column, value, fragment):
    folder, edit = copy
    if table == "events":
        edit(table, _set(2, "date_precision", "year"))
    edit(table, _set(2, column, value))
    _fails(folder, table, f"{table}.csv", f"row 2 (line 3), column '{column}'", fragment)


def test_a_file_holding_only_a_byte_order_mark_is_empty(copy):
    folder, _ = copy
    (folder / "events.csv").write_bytes(b"\xef\xbb\xbf")
    _fails(folder, "events", "events.csv", "the file is empty")


def _swap_rows(table_rows, **cells):
    def fn(rows):
        for (row_no, column), value in cells.items():
            rows[row_no][_col(rows, column)] = value
        return rows

    return fn


@pytest.mark.parametrize(
    "table, edits, fragments",
    [
        (
            "relations",
            lambda rows: _set(1, "b_iso3", rows[1][_col(rows, "a_iso3")])(rows),
            ["row 1 (line 2), column 'b_iso3'", "with itself"],
        ),
        (
            "relations",
            lambda rows: rows[:2] + [[f"R{999}"] + rows[1][1:]] + rows[2:],
            ["row 2 (line 3), column 'b_iso3'", "already coded in row 1"],
        ),
        (
            "arms_deals",
            lambda rows: _set(1, "first_delivery_year", "2023")(_set(1, "last_delivery_year", "2000")(rows)),
            ["row 1 (line 2), column 'last_delivery_year'", "after the last delivery"],
        ),
        (
            "unga_agreement_history",
            lambda rows: _set(1, "n_identical", str(int(rows[1][_col(rows, "n_both_voted")]) + 1))(rows),
            ["row 1 (line 2), column 'n_both_voted'", "identical votes but only"],
        ),
        (
            "drone_launches_monthly",
            lambda rows: _set(4, "destroyed", str(int(rows[4][_col(rows, "launched")]) + 1))(rows),
            ["row 4 (line 5), column 'launched'", "destroyed but"],
        ),
        (
            "unga_ideal_points",
            lambda rows: _set(2, "year", str(int(rows[2][_col(rows, "year")]) + 1))(rows),
            ["row 2 (line 3), column 'year'", "+ 1945"],
        ),
        (
            "treaty_milestones",
            lambda rows: _set(2, "date_precision", "day")(_set(2, "date", "1900-01-01")(rows)),
            ["row 2 (line 3), column 'date'", "before the treaty was signed"],
        ),
        (
            "events",
            lambda rows: _set(
                1,
                "source_ids",
                rows[1][_col(rows, "source_ids")].split(";")[0] + ";" + rows[1][_col(rows, "source_ids")].split(";")[0],
            )(rows),
            ["row 1 (line 2), column 'source_ids'", "repeats"],
        ),
        (
            "treaty_articles",
            lambda rows: _set(
                next(i for i, r in enumerate(rows) if r[_col(rows, "status")] == "documented"), "source_ids", ""
            )(rows),
            ["column 'source_ids'", "a documented article cites no source"],
        ),
        (
            "arms_deals",
            lambda rows: _set(1, "first_delivery_year", "1950")(
                _set(1, "last_delivery_year", "1950")(
                    _set(1, "delivery_years", "1950")(_set(1, "order_year", "1960")(rows))
                )
            ),
            ["row 1 (line 2), column 'first_delivery_year'", "before the order year"],
        ),
        (
            "unga_agreement_history",
            _set(3, "agreement", "0.0123"),
            ["row 3 (line 4), column 'agreement'", "is not n_identical/n_both_voted"],
        ),
        (
            "treaties",
            lambda rows: _set(2, "entered_into_force", "1990-01-01")(rows),
            ["row 2 (line 3), column 'entered_into_force'", "before signature"],
        ),
    ],
    ids=[
        "self-tie",
        "duplicate-pair",
        "first-after-last-delivery",
        "identical-above-cast",
        "destroyed-above-launched",
        "year-not-session-plus-1945",
        "milestone-1900",
        "duplicate-source-id",
        "documented-without-source",
        "delivery-before-order",
        "agreement-not-the-share",
        "in-force-before-signature",
    ],
)
def test_cross_field_rules(copy, table, edits, fragments):
    folder, edit = copy
    edit(table, edits)
    _fails(folder, table, f"{table}.csv", *fragments)


def test_every_cross_field_rule_is_pinned_by_a_test():
    rules = [(t, r.description) for t, rs in data.RULES.items() for r in rs]
    assert len(rules) == 12, "a new rule needs a case in test_cross_field_rules"
    assert {t for t, _ in rules} >= {
        "relations",
        "arms_deals",
        "unga_agreement_history",
        "drone_launches_monthly",
        "unga_ideal_points",
        "treaty_milestones",
        "treaty_articles",
    }


def test_edits_take_effect_without_a_restart(copy):
    """The frame and catalogue caches are keyed on the files' content."""
    folder, edit = copy
    before = data.load("treaties", folder)
    edit("treaties", _set(1, "name", "Edited name"))
    assert data.load("treaties", folder).loc[0, "name"] == "Edited name" != before.loc[0, "name"]
    cat = folder / "datapackage.json"
    cat.write_text(cat.read_text(encoding="utf-8").replace('"Treaties', '"Edited treaties', 1), encoding="utf-8")
    assert data.catalogue(folder) != data.catalogue()
    loaded = data.load("treaties", folder)
    loaded.loc[0, "name"] = "changed by the caller"
    assert data.load("treaties", folder).loc[0, "name"] == "Edited name", "callers get a copy"


def test_frictionless_agrees_that_every_table_is_valid():
    """The plain-Python checks are the loader; Frictionless gives a second opinion, once per
    content of the data folder (the stamp is shared with ``make build``)."""
    from helpers.paths import REPO_ROOT

    stamps = REPO_ROOT / "_build" / "validated"
    key = data.check_all(stamp_dir=stamps)
    assert (stamps / f"validated-{key[:16]}").exists()
    assert data.check_all(stamp_dir=stamps) == key


def test_frictionless_finds_what_the_loader_finds(copy):
    folder, edit = copy
    edit("events", _set(5, "domain", "astrology"))
    assert any(p.row == 5 and p.column == "domain" for p in data.frictionless_report("events", folder))
    _fails(folder, "events", "row 5 (line 6), column 'domain'")


def test_loader_does_not_import_the_validation_stack():
    import subprocess
    import sys

    code = (
        "import sys; from helpers import data\n"
        "[data.load(n) for n in data.table_names()]\n"
        "heavy = [m for m in ('frictionless', 'jsonschema', 'rfc3987_syntax') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_data_files_use_one_line_ending():
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path.suffix in (".csv", ".json"):
            assert b"\r" not in path.read_bytes(), f"{path.name} has CR line endings (use LF only)"


# ----------------------------------------------------------------- checked frames kept between kernels


@pytest.fixture
def kept(copy, tmp_path, monkeypatch):
    """The copy, with checked frames kept on disk under tmp_path as for the project's own folder."""
    monkeypatch.setattr(data, "FRAME_CACHE", tmp_path / "frames")
    monkeypatch.setattr(data, "_cache_applies", lambda folder: True)
    return copy


def _forget_in_memory(monkeypatch):
    """As in a fresh kernel: nothing cached in memory."""
    monkeypatch.setattr(data, "_FRAMES", {})
    monkeypatch.setattr(data, "_CHECKED", {})


def _no_checks(*args):
    raise AssertionError("the checks ran")


def test_only_the_project_data_folder_is_kept_on_disk(tmp_path):
    assert data._cache_applies(DATA)
    assert not data._cache_applies(tmp_path)


def test_a_kept_frame_is_the_checked_frame_and_skips_the_checks(kept, monkeypatch):
    folder, _ = kept
    first = data.load("events", folder)
    assert len(list(data.FRAME_CACHE.glob("events-*.pickle"))) == 1
    _forget_in_memory(monkeypatch)
    monkeypatch.setattr(data, "_run_checks", _no_checks)
    again = data.load("events", folder)
    pd.testing.assert_frame_equal(again, first)
    assert again.attrs == first.attrs


def test_changed_content_is_checked_again_despite_a_kept_frame(kept, monkeypatch):
    folder, edit = kept
    data.load("events", folder)
    _forget_in_memory(monkeypatch)
    edit("events", _set(3, "date", "2025-02-30"))
    _fails(folder, "events", "events.csv", "row 3", "date")
    assert len(list(data.FRAME_CACHE.glob("events-*.pickle"))) == 1, "a failed check keeps nothing"


def test_a_referenced_table_changed_is_checked_again(kept, monkeypatch):
    folder, edit = kept
    data.load("events", folder)
    _forget_in_memory(monkeypatch)
    edit("sources", lambda rows: rows[:1])  # events cite sources that are now gone
    with pytest.raises(DataValidationError):
        data.load("events", folder)


def test_a_damaged_kept_frame_is_ignored_and_replaced(kept, monkeypatch):
    folder, _ = kept
    first = data.load("events", folder)
    (kept_file,) = data.FRAME_CACHE.glob("events-*.pickle")
    kept_file.write_bytes(b"not a pickle")
    _forget_in_memory(monkeypatch)
    pd.testing.assert_frame_equal(data.load("events", folder), first)
    assert kept_file.read_bytes().startswith(b"\x80"), "rewritten as a pickle"


def test_kept_frames_are_keyed_on_the_day_and_the_code(kept, monkeypatch):
    import datetime

    folder, _ = kept
    key = data.fingerprint("events", folder)
    today = data._frame_file("events", folder, key)
    real_today = data._today
    monkeypatch.setattr(data, "_today", lambda: datetime.date(2031, 1, 1))
    assert data._frame_file("events", folder, key) != today
    monkeypatch.setattr(data, "_today", real_today)
    assert data._frame_file("events", folder, key) == today
    monkeypatch.setattr(data, "_CODE_KEY", ["other code"])
    assert data._frame_file("events", folder, key) != today


# ----------------------------------------------------------------- dates ahead of UTC


def _clock(monkeypatch, utc):
    """Stop the loader's clock at the aware datetime ``utc`` (``datetime.now(tz)`` answers from it)."""
    import datetime as dt

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return utc.astimezone(tz)

    monkeypatch.setattr(data, "datetime", Frozen)


@pytest.mark.parametrize(
    "table, column, precision",
    [("sources", "accessed", None), ("events", "date", "day")],
)
def test_a_date_one_day_ahead_of_utc_passes_and_two_days_fail(copy, monkeypatch, table, column, precision):
    import datetime as dt

    # 23:30 UTC on 1 March 2030 is already 2 March at UTC+14 (13:30 the next day), the furthest zone ahead.
    _clock(monkeypatch, dt.datetime(2030, 3, 1, 23, 30, tzinfo=dt.UTC))
    assert data._today() == dt.date(2030, 3, 1)
    folder, edit = copy
    if precision:
        edit(table, _set(2, "date_precision", precision))
    edit(table, _set(2, column, "2030-03-02"))  # tomorrow in UTC: a local date somewhere
    assert str(data.load(table, folder).loc[1, column])[:10] == "2030-03-02"
    edit(table, _set(2, column, "2030-03-03"))  # the day after tomorrow: no time zone is there yet
    _fails(folder, table, f"{table}.csv", f"row 2 (line 3), column '{column}'", "date in the future (after 2030-03-02")


def test_a_kept_frame_is_checked_again_when_the_utc_day_changes(kept, monkeypatch):
    import datetime as dt

    folder, edit = kept
    edit("sources", _set(2, "accessed", "2030-03-02"))
    _clock(monkeypatch, dt.datetime(2030, 3, 1, 12, 0, tzinfo=dt.UTC))
    data.load("sources", folder)  # tomorrow in UTC: passes, and the checked frame is kept
    _forget_in_memory(monkeypatch)
    _clock(monkeypatch, dt.datetime(2030, 2, 28, 12, 0, tzinfo=dt.UTC))  # a day earlier: now two days ahead
    _fails(folder, "sources", "sources.csv", "column 'accessed'", "date in the future")


def test_blank_is_true_for_missing_or_white_space_cells_only():
    import math

    for empty in (None, float("nan"), math.nan, pd.NA, pd.NaT, "", "  ", "\t"):
        assert data.blank(empty), repr(empty)
    for filled in ("x", " x ", 0, 0.0, False, "NaN text"):
        assert not data.blank(filled), repr(filled)
