"""War windows (helpers.periods) and dyadic contacts (helpers.contacts) on small frames, and the
real tables' agreement with the events they are read from."""

import pandas as pd
import pytest

from helpers import contacts, data, periods

PERIODS = pd.DataFrame(
    {
        "period_id": ["war-2025-06", "war-2026", "bad"],
        "label": ["June war", "2026 war", "Bad"],
        "start": ["2025-06-13", "2026-02-28", "2025-06-24"],
        "end": ["2025-06-24", "2026-04-08", "2025-06-13"],
        "precision": ["day"] * 3,
        "start_event_id": ["E1", "E3", None],
        "end_event_id": ["E2", "E4", None],
        "source_ids": ["a", "b", "c"],
        "note": [None] * 3,
    }
)
EVENTS = pd.DataFrame(
    {
        "event_id": ["E1", "E2", "E3", "E4", "E5"],
        "date": ["2025-06-13", "2025-06-24", "2026-02-28", "2026-04", "2025-06-14"],
        "date_precision": ["day", "day", "day", "month", "day"],
        "event": ["s", "c", "s2", "c2", "Putin and Trump spoke."],
        "event_type": ["military_action", "agreement", "military_action", "agreement", "meeting"],
        "actors_iso3": ["ISR;IRN", "ISR;IRN;USA", "USA;IRN", "USA;IRN", "RUS;USA;ISR"],
        "source_ids": ["a1", "a2", "b1", "b2", "x;y"],
    }
)


def test_window_is_the_row_both_ends_inclusive():
    assert periods.window("war-2025-06", PERIODS) == (pd.Timestamp("2025-06-13"), pd.Timestamp("2025-06-24"))
    assert periods.label("war-2026", PERIODS) == "2026 war"
    with pytest.raises(KeyError, match="unknown period 'war-1812'"):
        periods.window("war-1812", PERIODS)
    with pytest.raises(ValueError, match="end 2025-06-13 before start"):
        periods.window("bad", PERIODS)


def test_check_bounds_finds_an_end_that_is_not_its_event_day():
    assert periods.check_bounds(PERIODS.iloc[:1], EVENTS) == []
    problems = periods.check_bounds(PERIODS.iloc[:2], EVENTS)
    assert len(problems) == 1 and "war-2026, column end" in problems[0] and "E4" in problems[0]


def test_wars_table_counts_days_inclusively():
    table = periods.wars(
        PERIODS.iloc[:2].assign(end=["2025-06-24", "2026-04-08"]),
        EVENTS.assign(date=["2025-06-13", "2025-06-24", "2026-02-28", "2026-04-08", "2025-06-14"]),
    )
    assert table["days (both ends included)"].tolist() == [12, 40]
    assert table["from"].tolist() == ["13 Jun 2025", "28 Feb 2026"] and table["starts with"].tolist() == ["s", "s2"]


def test_real_war_windows_match_their_bounding_events():
    assert periods.check_bounds(data.load("periods"), data.load("events")) == []
    assert periods.window("war-2025-06") == (pd.Timestamp("2025-06-13"), pd.Timestamp("2025-06-24"))


CONTACTS = pd.DataFrame(
    {
        "contact_id": ["C1", "C2"],
        "event_id": ["E5", "E5"],
        "date": ["2025-06-14", "2025-06-14"],
        "date_precision": ["day", "day"],
        "state_iso3": ["RUS", "RUS"],
        "counterpart_iso3": ["USA", "ISR"],
        "source_ids": ["x", "z"],
    }
)


def test_check_against_events_names_row_and_column():
    problems = contacts.check_against_events(CONTACTS, EVENTS)
    assert problems == ["data/contacts.csv, row 2 (C2), column source_ids: ['z'] not among the event's sources"]
    wrong = CONTACTS.assign(event_id=["E1", "E5"], date=["2025-06-13", "2025-06-01"])
    found = contacts.check_against_events(wrong, EVENTS)
    assert any("row 1 (C1), column event_id: E1 is a military_action" in p for p in found)
    assert any("row 1 (C1), column counterpart_iso3: USA is not among" in p for p in found)
    assert any("row 2 (C2), column date: 2025-06-01" in p for p in found)


def test_per_year_counts_by_counterpart_with_zero_years():
    table = contacts.per_year(CONTACTS, ["ISR", "IRN"], since=2024, names={"RUS": "Russia", "ISR": "Israel"})
    assert table.columns.tolist() == ["Russia–Israel", "Russia–IRN"]
    assert table.index.tolist() == [2024, 2025] and table["Russia–Israel"].tolist() == [0, 1]
    assert table["Russia–IRN"].tolist() == [0, 0]


def test_between_uses_inclusive_ends():
    assert contacts.between(CONTACTS, "2025-06-14", "2025-06-14")["contact_id"].tolist() == ["C1", "C2"]
    assert contacts.between(CONTACTS, "2025-06-15", "2025-06-30").empty
    assert contacts.between(CONTACTS, "2025-06-01", "2025-06-13").empty


def test_real_contacts_agree_with_their_events_and_a_call_about_israel_is_not_with_israel():
    table, events = data.load("contacts"), data.load("events")
    assert contacts.check_against_events(table, events) == []
    e143 = table[table["event_id"] == "E143"]
    assert e143["counterpart_iso3"].tolist() == ["USA"]  # Putin–Trump call about Israel and Iran
    assert sorted(table.loc[table["event_id"] == "E141", "counterpart_iso3"]) == ["IRN", "ISR"]
