"""Each notebook's header states where its series stop, and the statement follows the data."""

import json

import pandas as pd
import pytest

from helpers import coverage
from helpers.paths import NOTEBOOK_DIR


@pytest.mark.parametrize("notebook", sorted(coverage.NOTEBOOKS))
def test_header_states_the_coverage_computed_from_the_data(notebook):
    nb = json.loads((NOTEBOOK_DIR / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    stated = [line for line in first.splitlines() if line.startswith("**Coverage:**")]
    assert stated, f"{notebook}: the header has no **Coverage:** line"
    assert stated[0] == coverage.header(notebook), (
        f"{notebook}: the header says {stated[0]!r} but the data give {coverage.header(notebook)!r}"
    )


def test_events_end_at_the_latest_day_not_a_later_month():
    f = pd.DataFrame({"date": ["2026-06-15", "2026-06", "2025-01-02"], "date_precision": ["day", "month", "day"]})
    assert coverage._events(f) == "15 Jun 2026"


def test_events_end_at_the_latest_counted_day_and_say_so_when_later_rows_are_not_counted():
    f = pd.DataFrame(
        {
            "date": ["2026-06-15", "2026-04-25"],
            "date_precision": ["day", "day"],
            "source_ids": ["forlancer-2026-04-12-putin-pezeshkian", "tass-2025-04-08-rudenko"],
        }
    )
    assert coverage._events(f) == "25 Apr 2026" + coverage.LATER_NOT_COUNTED
    assert coverage._events(f.iloc[[1]]) == "25 Apr 2026"


def test_drones_flag_a_partial_last_month():
    f = pd.DataFrame({"month": ["2026-03", "2026-04"], "partial_month": [False, True]})
    assert coverage._drones(f) == "Apr 2026 (partial month)"
    assert coverage._drones(f.assign(partial_month=[False, False])) == "Apr 2026"


def test_line_and_unknown_series():
    assert coverage.line(["sipri"]).startswith("SIPRI deliveries to ")
    with pytest.raises(KeyError, match="unknown series"):
        coverage.end("tea_leaves")


def test_stated_trade_totals_end_with_the_last_level_and_say_which_years_have_growth_only():
    low = "thetower-2015-10-hotline"  # a registered low-confidence source: its rows are not counted
    f = pd.DataFrame(
        {
            "year": [2023, 2024, 2025, 2026],
            "value_usd_bn": [4.2, 4.8, None, None],
            "source_ids": ["sipri-atdb-2025-01-03"] * 3 + [low],
        }
    )
    assert coverage._statements(f.iloc[:2]) == "2024"
    assert coverage._statements(f.iloc[:3]) == "2024 (growth rates only for 2025)"
    assert coverage._statements(f) == "2024 (growth rates only for 2025)"  # the 2026 row is not counted
    f.loc[3, "source_ids"] = "sipri-atdb-2025-01-03"
    assert coverage._statements(f) == "2024 (growth rates only for 2025–2026)"
    f.loc[1, "source_ids"] = low  # the only 2024 level is not counted: the levels end in 2023
    assert coverage._statements(f) == "2023 (growth rates only for 2025–2026)"
    with pytest.raises(ValueError, match="no counted statement"):
        coverage._statements(f.iloc[2:])


def test_dated_series_end_at_the_latest_date_as_precise_as_it_is_given():
    f = pd.DataFrame({"date": ["2024-08-27", "2024-11", "2023-04-24"], "date_precision": ["day", "month", "day"]})
    assert coverage._dated(f) == "Nov 2024"
    assert coverage._dated(f.iloc[[0, 2]]) == "27 Aug 2024"


def test_imf_flows_say_where_each_flow_and_turnover_end():
    f = pd.DataFrame({"flow": ["exports", "exports", "imports"], "year": [2022, 2023, 2022]})
    assert coverage.imf_flows(f) == "IMF trade statistics: exports to 2023, imports and turnover to 2022"
    assert coverage.imf_flows(f.assign(year=[2021, 2022, 2023])) == (
        "IMF trade statistics: imports to 2023, exports and turnover to 2022"
    )
    assert coverage.imf_flows(f.assign(year=[2021, 2022, 2022])) == "IMF trade statistics to 2022"
    with pytest.raises(ValueError, match="exports and imports"):
        coverage.imf_flows(f.assign(flow=["exports", "exports", "re-exports"]))


def test_year_span_and_snapshot_day():
    assert coverage.year_span("corridor volumes", pd.Series([2024, 2023, 2024])) == "corridor volumes 2023–2024"
    assert coverage.year_span("x", pd.Series([2024])) == "x 2024"
    res = {"name": "t", "sources": [{"title": "a"}, {"version": "snapshot of 3 May 2024 (14,965 entries)"}]}
    assert coverage.snapshot_day(res) == "3 May 2024"
    with pytest.raises(ValueError, match="t: the catalogue gives no"):
        coverage.snapshot_day({"name": "t", "sources": [{"version": "5.1"}]})


def test_notebook_01_and_02_headers_name_every_series_they_use():
    assert {"sanctions_nexus", "imf_flows", "trade_composition", "corridor"} <= set(coverage.NOTEBOOKS["01_drivers"])
    assert "atop" in coverage.NOTEBOOKS["02_treaty_terms"] and "atop" in coverage.NOTEBOOKS["06_alliance_network"]
    assert coverage.line(["atop"]).startswith("ATOP 5.1 alliance obligations (dyad-years) to ")  # one label in both
    assert coverage.line(["trade_composition"]).startswith("trade composition to ")
