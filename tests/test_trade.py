"""Trade: COW and IMF turnover, statements kept one per claimant, and the merged series — on
small hand-made frames with exact expected values, and on the real tables."""

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import data, reliability, style
from helpers import trade as tr


def _cow():
    rows = [
        ("RUS", "IRN", 2013, 1000),
        ("IRN", "RUS", 2013, 500),
        ("RUS", "IRN", 2014, 2000),
        ("IRN", "RUS", 2014, None),
        ("RUS", "CHN", 2014, 9000),
    ]
    f = pd.DataFrame(rows, columns=["exporter_iso3", "importer_iso3", "year", "flow_usd_millions"])
    f["flow_usd_millions"] = f["flow_usd_millions"].astype("Int64")
    return f


def _imf():
    rows = [
        ("IRN", 2021, "exports", 3000.0, "imf-a"),
        ("IRN", 2021, "imports", 1000.0, "imf-b"),
        ("IRN", 2022, "exports", 1500.0, "imf-a"),
        ("IRN", 2022, "imports", 500.0, "imf-a"),
        ("IRN", 2023, "exports", 1200.0, "imf-a"),
        ("CHN", 2022, "exports", 70000.0, "imf-a"),
    ]
    f = pd.DataFrame(rows, columns=["partner_iso3", "year", "flow", "value_usd_millions", "release"])
    f["value_usd_millions"] = f["value_usd_millions"].astype("Float64")
    return f


def _statements():
    rows = [
        # id, partner, year, period, value, measure, claimant, role, sources, note
        ("TS001", "IRN", 2022, "full_year", 4.6, "turnover", "Speaker", "legislator", "s1", "Preliminary"),
        ("TS002", "IRN", 2022, "full_year", 5.0, "turnover", "Minister", "government", "s2", "about five"),
        ("TS003", "IRN", 2022, "full_year", 5.0, "turnover", "Agency", "news_agency", "s3", None),
        ("TS004", "IRN", 2023, "full_year", 4.0, "turnover", "Kremlin", "government", "s4", "surpassed USD4 billion"),
        ("TS005", "IRN", 2023, "ir-year", 1.7, "exports_rus", "Iran TPO", "trade_official", "s5", None),
        ("TS006", "IRN", 2023, "ir-year", 0.9, "imports_rus", "Iran TPO", "trade_official", "s5;s6", None),
        ("TS007", "IRN", 2023, "ir-8m", 1.8, "turnover", "Iran customs", "customs_agency", "s7", None),
        ("TS008", "IRN", 2024, "full_year", None, "turnover", "President", "head_of_state", "s8", "GROWTH ONLY: +13%"),
        ("TS009", "CHN", 2022, "full_year", 190.0, "turnover", "GAC", "customs_agency", "s9", None),
    ]
    f = pd.DataFrame(
        rows,
        columns=[
            "statement_id",
            "partner_iso3",
            "year",
            "period",
            "value_usd_bn",
            "measure",
            "claimant",
            "claimant_role",
            "source_ids",
            "note",
        ],
    )
    f["value_usd_bn"] = f["value_usd_bn"].astype("Float64")
    return f


def test_cow_flows_in_billions_without_half_totals():
    c = tr.cow_flows(_cow(), "IRN")
    assert c.loc[2013].tolist() == [1.0, 0.5, 1.5]
    assert c.loc[2014, "exports"] == 2.0
    assert math.isnan(c.loc[2014, "turnover"])


def test_imf_flows_turnover_only_with_both_flows():
    f = tr.imf_flows(_imf(), "IRN")
    assert f.loc[2021, "turnover"] == 4.0
    assert f.loc[2022, "turnover"] == 2.0
    assert f.loc[2023, "exports"] == 1.2 and math.isnan(f.loc[2023, "turnover"])
    # The IMF marks its figures from 2022 on as estimates: 2021 reported, 2022 and 2023 estimated.
    assert f.loc[[2021, 2022, 2023], "estimated"].tolist() == [False, True, True]


def test_statement_points_keep_every_claimant_and_sum_flows():
    s = tr.statement_points(_statements(), "IRN")
    assert s["statement_id"].tolist() == ["TS001", "TS002", "TS003", "TS004", "TS005+TS006"]
    assert s.loc[s["year"] == 2022, "value_usd_bn"].tolist() == [4.6, 5.0, 5.0]  # duplicates kept
    derived = s.iloc[-1]
    assert derived["value_usd_bn"] == pytest.approx(2.6)
    assert derived["derived"] and derived["period"] == "ir-year"
    assert derived["source_ids"] == "s5;s6"
    assert s["lower_bound"].tolist() == [False, False, False, True, False]
    assert "TS005+TS006" not in tr.statement_points(_statements(), "IRN", combine_flows=False)["statement_id"].tolist()
    assert tr.statement_points(_statements(), "IRN", periods=("ir-8m",))["statement_id"].tolist() == ["TS007"]


def test_growth_only_statements_are_listed_not_plotted():
    g = tr.growth_only(_statements(), "IRN")
    assert g["statement_id"].tolist() == ["TS008"]
    assert "TS008" not in tr.statement_points(_statements(), "IRN")["statement_id"].tolist()


def test_trade_series_merges_statistics_and_statements():
    s = tr.trade_series(_imf(), _cow(), _statements(), "IRN")
    assert s.attrs["partner"] == "IRN"
    stats = s[s["kind"] == "statistics"]
    assert stats[["series", "year", "value_usd_bn"]].values.tolist() == [
        ["COW", 2013, 1.5],
        ["IMF DOTS", 2021, 4.0],
        ["IMF DOTS", 2022, 2.0],
    ]
    assert stats.loc[stats["series"] == "IMF DOTS", "source_ids"].iloc[0] == "imf-a;imf-b"
    st = s[s["kind"] == "statement"]
    assert st["series"].tolist() == ["Speaker", "Minister", "Agency", "Kremlin", "Iran TPO"]
    assert len(s) == 3 + 5


def test_statements_vs_statistics_and_claim_range():
    s = tr.trade_series(_imf(), _cow(), _statements(), "IRN")
    t = tr.statements_vs_statistics(s)
    row = t[t["claimant"] == "Speaker"].iloc[0]
    assert row["IMF DOTS turnover (US$ bn)"] == 2.0 and row["stated ÷ IMF"] == pytest.approx(2.3)
    assert t.loc[t["claimant"] == "Kremlin", "lower bound"].item() == "yes"
    assert t.loc[t["claimant"].str.startswith("Iran TPO"), "period"].item() == "Iranian year (from 21 March)"
    assert math.isnan(t.loc[t["claimant"] == "Kremlin", "IMF DOTS turnover (US$ bn)"].item())
    assert tr.claim_range(s, 2022) == {"low": 4.6, "high": 5.0, "n": 3}
    # 2022 is an IMF estimate (from 2022 on); 2023 has no IMF turnover (imports missing).
    assert t.loc[t["claimant"] == "Speaker", "IMF figure"].item() == "estimate"
    assert t.loc[t["claimant"] == "Kremlin", "IMF figure"].item() == "none"


def test_a_2021_statement_is_set_against_a_reported_imf_figure():
    extra = pd.DataFrame(
        [("TS010", "IRN", 2021, "full_year", 4.0, "turnover", "Minister", "government", "s10", None)],
        columns=_statements().columns,
    ).astype({"value_usd_bn": "Float64"})
    s = tr.trade_series(_imf(), _cow(), pd.concat([_statements(), extra], ignore_index=True), "IRN")
    t = tr.statements_vs_statistics(s)
    row = t[t["year"] == 2021].iloc[0]
    # IMF 2021: exports 3000 + imports 1000 = US$4.0 bn, reported (before 2022); 4.0 / 4.0 = 1.
    assert row["IMF figure"] == "reported"
    assert row["IMF DOTS turnover (US$ bn)"] == 4.0 and row["stated ÷ IMF"] == pytest.approx(1.0)


def test_plots_in_house_style(monkeypatch):
    shown = []
    monkeypatch.setattr(style, "show", lambda fig, alt: shown.append(style.check(fig)) or plt.close(fig))
    s = tr.trade_series(_imf(), _cow(), _statements(), "IRN")
    tr.plot_partner(s, "T", "Source: x.", "trade of Russia with Iran over time")
    tr.plot_scale(
        {"IRN": s, "CHN": tr.trade_series(_imf(), _cow(), _statements(), "CHN")},
        "T",
        "Source: x.",
        "trade of Russia with two partners, log scale",
    )
    assert shown == [[], []]


def test_real_tables_keep_every_valued_statement():
    ts = data.load("trade_statements")
    s = tr.trade_series(data.load("russia_trade"), data.load("cow_trade"), ts, "IRN")
    full = ts[
        (ts["partner_iso3"] == "IRN")
        & (ts["period"] == "full_year")
        & ts["value_usd_bn"].notna()
        & (ts["measure"] == "turnover")
    ]
    assert set(full["statement_id"]) <= set(s["statement_id"].dropna())


def test_plotted_statements_resolve_summed_ids_and_keep_attrs():
    st = _statements()
    st.attrs["file"] = "data/trade_statements.csv"
    s = tr.trade_series(_imf(), _cow(), st, "IRN")
    used = tr.plotted_statements(st, s)
    assert used["statement_id"].tolist() == ["TS001", "TS002", "TS003", "TS004", "TS005", "TS006"]
    assert used.attrs["file"] == "data/trade_statements.csv"


def test_one_lower_bound_rule_for_notebooks_01_and_04():
    from helpers import statements

    notes = pd.Series(["Trade exceeded $5bn", "surpassed 4", "a lower bound", "exceededly", None, "about 4"])
    assert statements.lower_bound(notes).tolist() == [True, True, True, False, False, False]


def test_partner_chart_greys_low_confidence_statements_and_keeps_the_legend_off_the_data(monkeypatch):
    from helpers import events as ev_rules

    kept = []

    def keep(fig, alt):
        ax = fig.axes[0]
        legend = ax.get_legend()
        kept.append(
            {
                "labels": [t.get_text() for t in legend.get_texts()],
                "anchor_y": legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted()).y0,
                "edges": [c.get_edgecolors() for c in ax.collections],
            }
        )
        plt.close(fig)

    monkeypatch.setattr(style, "show", keep)
    s = tr.trade_series(_imf(), _cow(), _statements(), "IRN")
    st = s[s["kind"] == "statement"]
    monkeypatch.setattr(
        ev_rules, "low_confidence", lambda frame, column="source_ids": pd.Series(True, index=frame.index)
    )
    tr.plot_partner(s, "T", "Source: x.", "trade of Russia with Iran over time")
    got = kept[-1]
    assert any("low-confidence" in label for label in got["labels"])
    assert got["anchor_y"] < 0  # the legend sits under the axes, not over the markers
    grey = pytest.approx(list(plt.matplotlib.colors.to_rgba(reliability.COLOUR)))
    marker_edges = [list(e[0]) for e in got["edges"] if len(e)][-len(set(st["claimant_role"])) :]
    assert all(e == grey for e in marker_edges)


def test_composition_table_formats_figures_units_and_confidence(monkeypatch):
    registry = pd.DataFrame({"source_id": ["ok", "weak"], "confidence": ["high", "low"]})
    real_load = data.load
    monkeypatch.setattr(data, "load", lambda name, *a, **k: registry if name == "sources" else real_load(name, *a, **k))
    comp = pd.DataFrame(
        {
            "row_id": ["TC02", "TC05", "TC01"],
            "period_start": ["2023-03", "2022-03", "2023-03"],
            "period_end": ["2024-02", "2023-02", "2024-02"],
            "flow": ["exports_rus", "imports_rus", "turnover"],
            "item": ["wheat", "fruit", "all goods"],
            "measure": ["volume", "growth", "value"],
            "value": pd.array([4.5, 10.0, 1500.0], dtype="Float64"),
            "value_high": pd.array([None, 20.0, None], dtype="Float64"),
            "unit": ["million tonnes", "percent", "USD millions"],
            "claimant": ["A", "B", "C"],
            "source_ids": ["ok", "weak", "ok;weak"],
        }
    )
    out = tr.composition_table(comp)
    # In period order, then by row id; a growth range gets a plus sign; the strongest source sets the mark.
    assert out.values.tolist() == [
        ["2022-03 to 2023-02", "low", "Iran → Russia", "fruit", "growth", "+10–20 %", "B"],
        ["2023-03 to 2024-02", "high", "turnover", "all goods", "value", "1500 US$ m", "C"],
        ["2023-03 to 2024-02", "high", "Russia → Iran", "wheat", "volume", "4.5 Mt", "A"],
    ]
