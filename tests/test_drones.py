"""Drone launches: monthly series, partial months, the real-Shahed share and event annotations —
on small hand-made frames with exact expected values, and on the real table."""

import csv
import math
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import data, reliability, style
from helpers import drones as dr


def _drones():
    """Three months of 2025 (the first partial), then one of 2026 with a real-Shahed split."""
    return pd.DataFrame(
        {
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
        }
    )


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
    assert (
        last["launched (all posts)"],
        last["launched (posts giving the split)"],
        last["real Shaheds (those posts)"],
    ) == (600, 300, 150)
    assert last["real share (%)"] == 50.0
    assert dr.first_split_month(_drones()) == "2026-01"


def test_annotations_filter_and_number_events():
    ev = pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4", "E5"],
            "date": ["2023-06-09", "2023", "2025-07", "2021-01-01", "2022-09-01"],
            "date_precision": ["day", "year", "month", "day", "day"],
            "event": ["Alabuga factory", "alabuga plan", "Other thing", "Alabuga early", "Alabuga on the start day"],
            "domain": ["arms", "arms", "arms", "sanctions", "arms"],
        }
    )
    a = dr.event_marks(ev, "Alabuga", start="2022-09-01")
    # E5 falls exactly on the start day and is kept (inclusive); a year-only date sorts at 1 January.
    assert a["event_id"].tolist() == ["E5", "E2", "E1"]
    assert a["label"].tolist() == [1, 2, 3]
    # The end day is inclusive too: E1 (9 June 2023) is kept, E2 (1 January 2023) and E5 before it.
    assert dr.event_marks(ev, "Alabuga", start="2022-09-01", end="2023-06-09")["event_id"].tolist() == [
        "E5",
        "E2",
        "E1",
    ]
    assert dr.event_marks(ev, "Alabuga", start="2022-09-01", end="2023-06-08")["event_id"].tolist() == ["E5", "E2"]


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


# ---- reporting days, thin months, counting rules and published totals ----


def test_coverage_flags_thin_months_at_the_edge():
    d = _drones()
    d["days_with_reports"] = pd.array([9, 10, 0, 31], dtype="Int64")
    c = dr.coverage(d)
    assert c["thin"].tolist() == [True, False, True, False]
    assert c["days_in_month"].tolist() == [31, 30, 31, 31]
    assert c.loc[0, "launched_per_reporting_day"] == 100.0
    assert math.isnan(c.loc[2, "launched_per_reporting_day"])  # no reporting day: no rate, not zero
    assert dr.coverage(d, thin_days=9)["thin"].tolist() == [False, False, True, False]


def test_thin_months_lists_only_thin_months():
    d = _drones()
    d["days_with_reports"] = pd.array([3, 30, 31, 5], dtype="Int64")
    assert dr.thin_months(d)["month"].tolist() == ["2025-10", "2026-01"]


def test_year_table_and_growth_per_reporting_day():
    t = dr.year_table(_drones()).set_index("year")
    assert t.loc[2025, "launched"] == 1200 and t.loc[2025, "reporting days"] == 64
    assert t.loc[2025, "thin months"] == 1 and t.loc[2025, "complete months"] == 2
    g = dr.growth(_drones(), 2025, 2026)
    assert g["launched"] == pytest.approx(400 / 1200)
    assert g["per reporting day"] == pytest.approx((400 / 31) / (1200 / 64))


def _daily():
    # an overnight attack on New Year's Eve: ends 2025-01-01, starts 2024-12-31
    return pd.DataFrame(
        {
            "day": ["2024-06-30", "2024-12-31", "2025-01-01"],
            "launched_by_end": [10, 0, 111],
            "launched_by_start": [10, 111, 0],
            "mixed_by_end": [5, 0, 0],
            "mixed_by_start": [5, 0, 0],
            "rows_by_end": [1, 0, 1],
        }
    )


def test_totals_by_rule_move_the_new_year_night():
    t = dr.totals_by_rule(_daily())
    end, start, end_mixed = (t[label] for label, _, _ in dr.RULES[:3])
    assert end.to_dict() == {2024: 10, 2025: 111}
    assert start.to_dict() == {2024: 121, 2025: 0}
    assert end_mixed.to_dict() == {2024: 15, 2025: 111}
    with pytest.raises(ValueError, match="by_end"):
        dr.daily_rule(_daily(), "by_middle", False)


def test_against_published_sums_inclusive_days_and_flags_comparability():
    pub = pd.DataFrame(
        {
            "claimant": ["A", "B"],
            "stated": ["2025-01-01", "2025-01-01"],
            "period_start": ["2024-06-30", "2024-01-01"],
            "period_end": ["2025-01-01", "2025-01-01"],
            "what": ["Shahed drones", "drones of all types"],
            "value": [100, 200],
            "qualifier": ["exact", "over"],
            "source_ids": ["x", "y"],
        }
    )
    out = dr.against_published(_daily(), pub)
    assert out["tallies, by end"].tolist() == [121, 121]
    assert out["tallies, by start"].tolist() == [121, 121]
    assert out["tallies ÷ published"].tolist() == [pytest.approx(1.21), pytest.approx(0.605)]
    # the first starts on the tallies' first day (comparable); the second counts all drone types and
    # starts before the tallies
    assert out["comparable"].tolist() == [True, False]


def test_real_tables_reconcile_the_two_2024_totals():
    t = dr.totals_by_rule(data.load("drone_launches_daily"))
    # Expected sums read straight from the CSV with the standard library (no pandas, no helpers).
    sums: dict[tuple[str, str], int] = {}
    with (Path(__file__).resolve().parents[1] / "data" / "drone_launches_daily.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            for col in ("launched_by_end", "launched_by_start", "mixed_by_end"):
                key = (row["day"][:4], col)
                sums[key] = sums.get(key, 0) + int(row[col])
    assert t.loc[2024, dr.RULES[0][0]] == sums["2024", "launched_by_end"]
    assert t.loc[2024, dr.RULES[1][0]] == sums["2024", "launched_by_start"]
    assert sums["2024", "launched_by_end"] != sums["2024", "launched_by_start"]  # the two totals differ
    assert t.loc[2023, dr.RULES[2][0]] - t.loc[2023, dr.RULES[0][0]] == sums["2023", "mixed_by_end"] == 16


def test_pins_of_low_confidence_events_are_grey_italic_and_the_legend_sits_above_the_bars(monkeypatch):
    kept = []

    def keep(fig, alt):
        ax = fig.axes[0]
        legend = ax.get_legend()
        kept.append(
            {
                "pins": {t.get_text(): (t.get_fontstyle(), t.get_color()) for t in ax.texts},
                "labels": [t.get_text() for t in legend.get_texts()],
                "anchor_y": legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted()).y0,
            }
        )
        plt.close(fig)

    monkeypatch.setattr(style, "show", keep)
    real = data.load("events")
    marks = dr.event_marks(real, "Alabuga")
    assert marks["low"].dtype == bool and "confidence" in marks
    marks.loc[marks.index[0], "low"] = True
    dr.plot_monthly(_drones(), marks, "T", "Source: x.", "monthly bars of drones launched")
    got = kept[-1]
    assert got["pins"]["1"] == ("italic", reliability.COLOUR)
    assert got["pins"]["2"][0] == "normal"
    assert dr.LOW_CONFIDENCE_LABEL in got["labels"]
    assert got["anchor_y"] >= 1.0  # above the panel, never over the bars
