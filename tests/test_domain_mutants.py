"""Edges of the shared domain rules that a mutation run showed no other test pinned.

Each test names the rule it guards; the frames are small and hand-made. The mutation run that
found these gaps is described in the README's "Testing" section.
"""

import pandas as pd
import pytest

from helpers import contacts, countries, dates, periods
from helpers import events as E


def _ev(rows):
    """rows: (id, date, precision, type, actors[, note])"""
    return pd.DataFrame(
        [
            {
                "event_id": r[0],
                "date": r[1],
                "date_precision": r[2],
                "event": f"text of {r[0]}",
                "event_type": r[3],
                "actors_iso3": r[4],
                "source_ids": f"s{r[0]}",
                "note": r[5] if len(r) > 5 else None,
            }
            for r in rows
        ]
    )


# --------------------------------------------------------------------------- periods

PERIODS = pd.DataFrame(
    {
        "period_id": ["war-2025-06", "war-2026", "one-day"],
        "label": ["June war", "2026 war", "One day"],
        "start": ["2025-06-13", "2026-02-28", "2025-06-20"],
        "end": ["2025-06-24", "2026-04-08", "2025-06-20"],
        "precision": ["day"] * 3,
        "start_event_id": ["E1", "E3", "E1"],
        "end_event_id": ["E2", "E4", "E1"],
        "source_ids": ["a", "b", "c"],
        "note": [None] * 3,
    }
)
BOUNDS = _ev(
    [
        ("E1", "2025-06-13", "day", "military_action", "ISR;IRN"),
        ("E2", "2025-06-24", "day", "agreement", "ISR;IRN"),
        ("E3", "2026-02-28", "day", "military_action", "USA;IRN"),
        ("E4", "2026-04-08", "day", "agreement", "USA;IRN"),
    ]
)


def test_a_one_day_period_is_a_window_of_one_day():
    assert periods.window("one-day", PERIODS) == (pd.Timestamp("2025-06-20"), pd.Timestamp("2025-06-20"))


def test_check_bounds_flags_a_wrong_day_and_a_coarse_event_separately():
    assert periods.check_bounds(PERIODS.iloc[:2], BOUNDS) == []
    wrong_day = BOUNDS.assign(date=["2025-06-12", "2025-06-24", "2026-02-28", "2026-04-08"])
    problems = periods.check_bounds(PERIODS.iloc[:2], wrong_day)  # precision right, day wrong
    assert problems == [
        "data/periods.csv, period war-2025-06, column start: 2025-06-13 but event E1 is dated 2025-06-12 (day)"
    ]
    coarse = BOUNDS.assign(date_precision=["day", "day", "day", "month"])  # day right, precision coarse
    problems = periods.check_bounds(PERIODS.iloc[:2], coarse)
    assert len(problems) == 1 and "war-2026, column end" in problems[0] and "(month)" in problems[0]


def test_wars_table_has_every_column_a_reader_sees():
    table = periods.wars(PERIODS, BOUNDS)
    assert table.to_dict("records") == [
        {
            "window": "June war",
            "from": "13 Jun 2025",
            "to": "24 Jun 2025",
            "days (both ends included)": 12,
            "starts with": "text of E1",
            "ends with": "text of E2",
            "source_ids": "a",
        },
        {
            "window": "2026 war",
            "from": "28 Feb 2026",
            "to": "8 Apr 2026",
            "days (both ends included)": 40,
            "starts with": "text of E3",
            "ends with": "text of E4",
            "source_ids": "b",
        },
    ]
    assert table.attrs["file"] == "data/periods.csv"
    assert list(periods.wars(PERIODS)) == ["window", "from", "to", "days (both ends included)", "source_ids"]


# --------------------------------------------------------------------------- contacts

CONTACTS = pd.DataFrame(
    {
        "contact_id": ["C1", "C2", "C3", "C4", "C5"],
        "event_id": ["E5", "E5", "E6", "E7", "E8"],
        "date": ["2023-03", "2025-06-14", "2025-06-30", "2025-07-01", "2024-05-01"],
        "date_precision": ["month", "day", "day", "day", "day"],
        "state_iso3": ["RUS", "RUS", "IRN", "RUS", "IRN"],
        "counterpart_iso3": ["USA", "ISR", "RUS", "USA", "USA"],
        "source_ids": ["x", "x;y", "z", "w", "v"],
    }
)


def test_per_year_default_years_run_from_the_first_to_the_last_contact():
    table = contacts.per_year(CONTACTS, ["USA", "ISR"])
    assert table.index.name == "year"
    assert table.index.tolist() == [2023, 2024, 2025]
    assert table.to_dict("list") == {"RUS–USA": [1, 0, 1], "RUS–ISR": [0, 0, 1]}  # Iran's rows are not Russia's
    assert contacts.per_year(CONTACTS, ["RUS"], state="IRN").to_dict("list") == {"IRN–RUS": [1]}
    assert contacts.per_year(CONTACTS, ["USA"], until=2026)["RUS–USA"].tolist() == [1, 0, 1, 0]


def test_between_keeps_only_the_state_and_a_month_overlapping_the_window():
    assert contacts.between(CONTACTS, "2025-06-14", "2025-07-01")["contact_id"].tolist() == ["C2", "C4"]
    assert contacts.between(CONTACTS, "2025-06-14", "2025-07-01", state="IRN")["contact_id"].tolist() == ["C3"]
    assert contacts.between(CONTACTS, "2023-03-31", "2023-03-31")["contact_id"].tolist() == ["C1"]
    assert contacts.between(CONTACTS, "2023-02-01", "2023-03-01")["contact_id"].tolist() == ["C1"]


def test_check_against_events_accepts_a_contact_citing_one_of_several_sources():
    ev = _ev([("E5", "2025-06-14", "day", "meeting", "RUS;USA;ISR")]).assign(source_ids="x;y")
    ok = CONTACTS.iloc[1:2].assign(counterpart_iso3="USA")
    assert contacts.check_against_events(ok, ev) == []
    wrong = ok.assign(state_iso3="IRN", date_precision="month", date="2025-06")
    assert contacts.check_against_events(wrong, ev) == [
        "data/contacts.csv, row 1 (C2), column date: 2025-06 but the event is dated 2025-06-14",
        "data/contacts.csv, row 1 (C2), column state_iso3: IRN is not among the event's actors",
    ]


# --------------------------------------------------------------------------- events


def test_lane_names_are_the_legend_readers_see():
    assert E.LANES == (
        "Strikes (military action)",
        "Russia: words (statements)",
        "Russia: contacts (calls, meetings)",
        "Russia: acts (UN votes, agreements, decisions)",
        "Russia: material help (deliveries, economic, military)",
        "Others: words, talks, ceasefires, reports",
    )
    assert E.RUSSIAN == E.LANES[1:5]


@pytest.mark.parametrize("cell", [None, float("nan"), pd.NA, ""])
def test_an_event_without_actors_is_an_error(cell):
    with pytest.raises(ValueError, match="without actors"):
        E.actors(cell)


def test_actor_filter_needs_every_code():
    ev = _ev([("A", "2025-01-01", "day", "statement", "RUS;IRN"), ("B", "2025-01-02", "day", "statement", "RUS;CHN")])
    assert E.with_actors(ev, "RUS", "IRN")["event_id"].tolist() == ["A"]
    assert E.with_actors(ev, "RUS")["event_id"].tolist() == ["A", "B"]
    assert not E.has_all("RUS;IRN", "IRN", "ISR")


def test_in_window_adds_first_last_fit_and_a_fresh_index():
    ev = _ev(
        [
            ("B", "2025-06-13", "day", "statement", "RUS;IRN"),
            ("A", "2025-06-13", "day", "statement", "RUS;IRN"),
            ("C", "2025-06-24", "day", "statement", "RUS;IRN"),
        ]
    ).set_axis([10, 11, 12])
    ev.attrs["file"] = "data/events.csv"
    out = E.in_window(ev, "2025-06-13", "2025-06-24")
    assert list(out) == list(ev) + ["first", "last", "fit"]
    assert out.index.tolist() == [0, 1, 2] and out["event_id"].tolist() == ["A", "B", "C"]  # date, then id
    assert out["fit"].tolist() == ["inside"] * 3 and out.attrs["file"] == "data/events.csv"


def test_classify_reads_the_unconfirmed_flag_and_names_the_series():
    ev = _ev(
        [
            ("A", "2025-01-01", "day", "delivery", "RUS;IRN", "[unconfirmed] Confirmed by no government"),
            ("B", "2025-01-02", "day", "delivery", "RUS;IRN", "confirmed later"),
            ("C", "2025-01-03", "day", "delivery", "RUS;IRN", "A later delivery remained unconfirmed"),
        ]
    )
    lanes = E.classify(ev)
    assert lanes.name == "lane" and lanes.tolist() == [E.OTHERS, E.RUS_HELP, E.RUS_HELP]
    assert E.classify(ev.drop(columns="note")).tolist() == [E.RUS_HELP] * 3


def test_lane_counts_count_days_only_for_day_precision_events():
    ev = _ev(
        [
            ("A", "2025-06-13", "day", "statement", "RUS;IRN"),
            ("B", "2025-06-13", "day", "statement", "RUS;IRN"),
            ("C", "2025-06-14", "day", "statement", "RUS;IRN"),
            ("M", "2025-06", "month", "statement", "RUS;IRN"),
        ]
    )
    counts = E.lane_counts(E.in_window(ev, "2025-06-01", "2025-06-30"), [E.RUS_WORDS, E.STRIKES])
    assert counts.to_dict("records") == [
        {"lane": E.RUS_WORDS, "events": 4, "days with an event": 2},
        {"lane": E.STRIKES, "events": 0, "days with an event": 0},
    ]


def test_conduct_tables_per_window():
    ev = _ev(
        [
            ("A", "2025-06-13", "day", "agreement", "RUS;IRN"),
            ("B", "2025-07-01", "day", "delivery", "RUS;IRN"),
            ("S", "2025-06-14", "day", "statement", "RUS;IRN"),
        ]
    )
    windows: dict[str, tuple[object, object]] = {
        "June": ("2025-06-01", "2025-06-30"),
        "July": ("2025-07-01", "2025-07-31"),
    }
    table = E.conduct_by_window(ev, windows)
    assert table["window"].tolist() == ["June", "July"] and table["to"].tolist() == ["30 Jun 2025", "31 Jul 2025"]
    listed = E.conduct_list(ev, windows)
    assert listed.index.tolist() == [0, 1] and listed["window"].tolist() == ["June", "July"]
    assert listed.to_dict("records")[1] == {
        "window": "July",
        "event_id": "B",
        "date": "1 Jul 2025",
        "lane": E.RUS_HELP,
        "event": "text of B",
        "source_ids": "sB",
    }
    assert listed.attrs["file"] == "data/events.csv"
    empty = E.conduct_list(ev, {})
    assert empty.empty and list(empty) == ["window", "event_id", "date", "lane", "event", "source_ids"]
    assert empty.attrs["file"] == "data/events.csv"


# --------------------------------------------------------------------------- countries


def test_one_name_and_one_code_convert_alone():
    assert countries.names_to_iso3(["Iran"]) == ["IRN"]
    assert countries.cow_to_iso3([365]) == ["RUS"]


def test_conversion_errors_list_every_bad_value():
    with pytest.raises(countries.UnknownCountryError, match=r"2 value\(s\) from regex to ISO3: 'Atlantis', 'Lemuria'"):
        countries.names_to_iso3(["Lemuria", "Iran", "Atlantis"])
    with pytest.raises(countries.UnknownCountryError, match=r"'A\* ', 'B\*'$"):
        countries.names_to_iso3(["B*", "Iran", "A* "])
    with pytest.raises(countries.UnknownCountryError, match=r"COW code\(s\) \[255, 1000\] are not verified"):
        countries.cow_to_iso3([1000, 255, 365])


def test_every_non_state_actor_in_the_events_table_is_valid_and_keeps_its_code():
    from helpers import data

    used = {a for cell in data.load("events")["actors_iso3"] for a in E.actors(cell)} - countries.iso3_codes()
    assert used and used <= set(countries.NON_STATE_ACTORS)
    for code in used:
        assert countries.is_valid_actor(code) and countries.name(code) == code
    assert countries.NAMES["IRN"] == "Iran" and countries.NAMES.get("XXX") is None


# --------------------------------------------------------------------------- dates


def test_fmt_reads_the_precision_from_the_text_and_refuses_other_lengths():
    assert dates.fmt(" 2025-07-02 ") == "2 Jul 2025"
    assert dates.fmt(pd.Period("2025", "Y")) == "2025"
    with pytest.raises(ValueError):
        dates.fmt("2025-7")


def test_the_documented_non_state_actors_are_the_ones_accepted():
    import re

    from helpers.paths import REPO_ROOT

    line = next(
        ln
        for ln in (REPO_ROOT / "docs" / "DATA_CONVENTIONS.md").read_text(encoding="utf-8").splitlines()
        if "Non-state actors allowed in actor lists" in ln
    )
    documented = set(re.findall(r"`([A-Z0-9]+)`", line))
    assert documented == set(countries.NON_STATE_ACTORS)
    assert all(countries.is_valid_actor(code) for code in documented)


# --------------------------------------------------------------------------- whole error messages
# An error names what is wrong in full: the tests compare the whole text, not a fragment.


def _message(call, *args):
    with pytest.raises((ValueError, KeyError)) as info:
        call(*args)
    return info.value.args[0]


def test_error_messages_of_the_date_and_window_rules_are_whole():
    assert _message(periods.window, "war-1812", PERIODS) == (
        "unknown period 'war-1812' (data/periods.csv has ['one-day', 'war-2025-06', 'war-2026'])"
    )
    reversed_ = PERIODS.assign(end=["2025-06-12", "2026-04-08", "2025-06-20"])
    assert _message(periods.window, "war-2025-06", reversed_) == (
        "data/periods.csv, period 'war-2025-06': end 2025-06-12 before start 2025-06-13"
    )
    assert _message(dates.parse, "2025", "week") == "unknown date precision 'week'; use one of ['day', 'month', 'year']"
    assert _message(dates.parse, "2025-06", "day") == "date '2025-06' does not have the form of precision 'day'"
    assert _message(dates.parse, "2025-02-30", "day") == "date '2025-02-30' is not a calendar date"
    assert _message(dates.fmt_range, "2025-06-24", "2025-06-13") == (
        "a range cannot end (2025-06-13) before it starts (2025-06-24)"
    )
    assert _message(E.in_window, BOUNDS, "2025-06-24", "2025-06-13") == (
        "window ends (2025-06-13) before it starts (2025-06-24)"
    )
    assert _message(E.lane_of, "RUS;IRN", "tweet") == "unknown event type 'tweet'"
    assert _message(E.actors, "") == "an event without actors (actors_iso3 is empty)"


def test_error_messages_of_contacts_and_countries_are_whole():
    ev = _ev([("E1", "2025-06-13", "day", "military_action", "RUS;USA")])
    row = CONTACTS.iloc[3:4].assign(event_id="E1", date="2025-06-13", source_ids="sE1")
    assert contacts.check_against_events(row, ev) == [
        "data/contacts.csv, row 1 (C4), column event_id: E1 is a military_action, not a meeting or call"
    ]
    assert _message(countries.name, "XXX") == "no country name for code 'XXX'"
    assert _message(countries.cow_to_iso3, [255]) == (
        "COW code(s) [255] are not verified against names for conversion "
        "(add them to helpers.countries.VERIFIED_COW with their names and rerun the tests)"
    )
    assert _message(countries.names_to_iso3, ["Houthi rebels (Yemen)*"]) == (
        "non-state actors (SIPRI marks them with '*') have no ISO3 code: 'Houthi rebels (Yemen)*'"
    )
    assert _message(countries.names_to_iso3, ["Atlantis"]) == (
        "country_converter could not convert 1 value(s) from regex to ISO3: 'Atlantis'"
    )


def test_span_and_start_of_read_a_day_by_default():
    day = pd.Timestamp("2025-06-13")
    assert dates.span("2025-06-13") == (day, day) and dates.start_of("2025-06-13") == day
    frame = pd.DataFrame({"when": ["2025-06"], "precision": ["month"]})
    assert dates.spans(frame, "when", "precision")["last"].tolist() == [pd.Timestamp("2025-06-30")]


def test_day_counts_list_lanes_in_legend_order_before_days():
    ev = _ev(
        [
            ("S", "2025-06-13", "day", "military_action", "ISR;IRN"),
            ("W", "2025-06-12", "day", "statement", "RUS;IRN"),
        ]
    )
    counts = E.day_counts(E.in_window(ev, "2025-06-01", "2025-06-30"))
    assert counts["lane"].tolist() == [E.STRIKES, E.RUS_WORDS]  # Strikes first, though a day later


def test_every_verified_cow_code_converts():
    codes = [2, 365, 369, 370, 630, 652, 666, 710, 731]
    assert countries.cow_to_iso3(codes) == ["USA", "RUS", "UKR", "BLR", "IRN", "SYR", "ISR", "CHN", "PRK"]
