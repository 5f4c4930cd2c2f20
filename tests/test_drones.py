"""Drone launches: monthly series, partial months, the real-Shahed share and event annotations —
on small hand-made frames with exact expected values, and on the real table."""

import math

import matplotlib.pyplot as plt
import pandas as pd

from helpers import data, style
from helpers import drones as dr


def _drones():
    """Three months of 2025 (the first partial), then one of 2026 with a real-Shahed split."""
    return pd.DataFrame({
        "month": ["2025-10", "2025-11", "2025-12", "2026-01"],
        "days_with_reports": pd.array([3, 30, 31, 31], dtype="Int64"),
        "launched": pd.array([900, 100, 200, 400], dtype="Int64"),
        "destroyed": pd.array([800, 90, 150, 300], dtype="Int64"),
        "not_reach_goal": pd.array([pd.NA, pd.NA, 10, 0], dtype="Int64"),
        "launched_other_posts": pd.array([0, 0, 0, 0], dtype="Int64"),
        "launched_mixed_rows": pd.array([0, 0, 0, 0], dtype="Int64"),
        "is_shahed": pd.array([pd.NA, pd.NA, pd.NA, 150], dtype="Int64"),
        "launched_with_is_shahed": pd.array([pd.NA, pd.NA, 0, 300], dtype="Int64"),
        "partial_month": pd.array([True, False, False, False], dtype="boolean"),
    })


def test_monthly_adds_dates_and_real_share():
    m = dr.monthly(_drones().iloc[::-1])
    assert m["month"].tolist() == ["2025-10", "2025-11", "2025-12", "2026-01"]
    assert m["when"].iloc[0] == pd.Timestamp("2025-10-01")
    assert math.isnan(m["real_share"].iloc[2])  # a split with no reporting posts is not a zero share
    assert m["real_share"].iloc[3] == 0.5  # 150 of the 300 in reporting posts, not of all 400


def test_partial_month_is_kept_but_not_a_peak():
    assert len(dr.monthly(_drones())) == 4
    assert dr.full_months(_drones())["month"].tolist() == ["2025-11", "2025-12", "2026-01"]
    assert dr.peak_month(_drones())["month"] == "2026-01"  # 900 in the partial month is left out


def test_by_year_counts_complete_months():
    y = dr.by_year(_drones())
    assert y["year"].tolist() == [2025, 2026]
    assert y["launched"].tolist() == [1200, 400]
    assert y["months"].tolist() == [3, 1]
    assert y["complete months"].tolist() == [2, 1]
    assert y["mean per complete month"].tolist() == [150.0, 400.0]
    assert y["complete year"].tolist() == [False, False]


def test_real_share_table_and_first_split():
    t = dr.real_share_table(_drones())
    assert t["month"].tolist() == ["2025-12", "2026-01", "all months with a split"]
    last = t.iloc[-1]
    assert (last["launched (all posts)"], last["launched (posts giving the split)"], last["real Shaheds (those posts)"]) == (600, 300, 150)
    assert last["real share (%)"] == 50.0
    assert dr.first_split_month(_drones()) == "2026-01"


def test_annotations_filter_and_number_events():
    ev = pd.DataFrame({
        "event_id": ["E1", "E2", "E3", "E4"],
        "date": ["2023-06-09", "2023", "2025-07", "2021-01-01"],
        "date_precision": ["day", "year", "month", "day"],
        "event": ["Alabuga factory", "alabuga plan", "Other thing", "Alabuga early"],
        "domain": ["arms", "arms", "arms", "sanctions"],
    })
    a = dr.annotations(ev, "Alabuga", start="2022-09-01")
    assert a["event_id"].tolist() == ["E2", "E1"]  # a year-only date sorts at 1 January
    assert a["label"].tolist() == [1, 2]


def test_plot_monthly_in_house_style(monkeypatch):
    shown = []
    monkeypatch.setattr(style, "show", lambda fig, alt: shown.append(style.check(fig)) or plt.close(fig))
    dr.plot_monthly(_drones(), None, "T", "Source: x.", "monthly bars of drones launched")
    assert shown == [[]]


def test_real_table_partial_months_and_split():
    d = data.load("drone_launches_monthly")
    m = dr.monthly(d)
    assert m["partial_month"].astype(bool).tolist() == [True] + [False] * (len(m) - 2) + [True]
    assert dr.first_split_month(d) == "2025-07"
    share = dr.real_share_table(d)["real share (%)"].dropna()
    assert ((share > 0) & (share <= 100)).all()
