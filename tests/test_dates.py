"""Partial dates (helpers.dates): parse, span, format — at the edges of each precision."""

import pandas as pd
import pytest

from helpers import dates


def test_parse_gives_a_period_of_the_precision():
    assert dates.parse("2025-06-13", "day") == pd.Period("2025-06-13", "D")
    assert dates.parse("2025-06", "month") == pd.Period("2025-06", "M")
    assert dates.parse("2025", "year") == pd.Period("2025", "Y")


@pytest.mark.parametrize(
    "value, precision",
    [
        ("2025-06", "day"),
        ("2025-06-13", "month"),
        ("2025-06", "year"),
        ("2025-02-30", "day"),
        ("2025-13", "month"),
        ("", "day"),
        (None, "day"),
    ],
)
def test_parse_refuses_a_value_that_does_not_match_its_precision(value, precision):
    with pytest.raises(ValueError, match=repr(value) if value else "date"):
        dates.parse(value, precision)


def test_parse_refuses_an_unknown_precision():
    with pytest.raises(ValueError, match="unknown date precision 'week'"):
        dates.parse("2025", "week")


def test_span_of_day_month_year_including_leap_february():
    assert dates.span("2025-06-13", "day") == (pd.Timestamp("2025-06-13"), pd.Timestamp("2025-06-13"))
    assert dates.span("2026-02", "month") == (pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-28"))
    assert dates.span("2024-02", "month") == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29"))
    assert dates.span("2025", "year") == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    assert dates.start_of("2025-07", "month") == pd.Timestamp("2025-07-01")


def test_spans_and_starts_keep_the_frame_index():
    frame = pd.DataFrame({"date": ["2025", "2025-06-13"], "date_precision": ["year", "day"]}, index=[7, 3])
    out = dates.spans(frame)
    assert out.index.tolist() == [7, 3]
    assert out.loc[7, "last"] == pd.Timestamp("2025-12-31")
    assert dates.starts(frame).tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-06-13")]


def test_fmt_writes_each_precision_once():
    assert dates.fmt("2025-10-02") == "2 Oct 2025"
    assert dates.fmt("2025-07") == "Jul 2025"
    assert dates.fmt("2025") == "2025"
    assert dates.fmt("2025-07", "month") == "Jul 2025"
    assert dates.fmt(pd.Timestamp("2026-04-08")) == "8 Apr 2026"
    assert dates.fmt(pd.Period("2026-03", "M")) == "Mar 2026"
    with pytest.raises(ValueError):
        dates.fmt("2025-07", "day")


def test_fmt_range_within_a_month_across_months_and_years():
    assert dates.fmt_range("2025-06-13", "2025-06-24") == "13–24 Jun 2025"
    assert dates.fmt_range("2026-02-28", "2026-04-08") == "28 Feb – 8 Apr 2026"
    assert dates.fmt_range("2025-12-30", "2026-01-02") == "30 Dec 2025 – 2 Jan 2026"
    assert dates.fmt_range("2025-06-13", "2025-06-13") == "13 Jun 2025"
    with pytest.raises(ValueError, match="before it starts"):
        dates.fmt_range("2025-06-24", "2025-06-13")


def test_day_is_the_default_precision_and_starts_are_named_when():
    assert dates.parse("2025-06-13") == pd.Period("2025-06-13", "D")
    with pytest.raises(ValueError):
        dates.parse("2025-06")
    frame = pd.DataFrame({"date": ["2025-06"], "date_precision": ["month"]})
    assert dates.starts(frame).name == "when"


def test_one_window_rule_places_a_span_before_after_inside_or_overlapping():
    from helpers import dates as D

    start, end = "2025-06-13", "2025-06-24"
    day = lambda s: pd.Timestamp(s)  # noqa: E731
    assert D.placement(day("2025-06-12"), day("2025-06-12"), start, end) == D.BEFORE
    assert D.placement(day("2025-06-25"), day("2025-06-25"), start, end) == D.AFTER
    assert D.placement(day("2025-06-13"), day("2025-06-13"), start, end) == D.INSIDE  # first day counts
    assert D.placement(day("2025-06-24"), day("2025-06-24"), start, end) == D.INSIDE  # last day counts
    june = D.span("2025-06", "month")
    assert D.placement(*june, start, end) == D.OVERLAPS  # a month straddling the window
    spans = pd.DataFrame(
        {"first": [day("2025-06-01"), day("2025-06-14")], "last": [day("2025-06-05"), day("2025-06-30")]}
    )
    got = D.placement(spans["first"], spans["last"], start, end)
    assert got.tolist() == [D.BEFORE, D.OVERLAPS]
    with pytest.raises(ValueError, match="before it starts"):
        D.placement(day("2025-06-14"), day("2025-06-14"), end, start)
    assert [D.precision_of(t) for t in ("2025", "2025-06", "2025-06-13")] == ["year", "month", "day"]
