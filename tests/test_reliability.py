"""The confidence mark of tables and charts (helpers.reliability, helpers.labels, the ledger's
evidence strength) on hand-made frames."""

import pandas as pd
import pytest

from helpers import labels, ledger, reliability

REGISTRY = pd.DataFrame({"source_id": ["wire-a", "repost-b", "repost-c"], "confidence": ["high", "low", "low"]})


def test_a_row_is_low_only_when_every_source_is_low():
    frame = pd.DataFrame(
        {"event_id": ["E1", "E2", "E3", "E4"], "source_ids": ["repost-b", "repost-b;repost-c", "wire-a;repost-b", ""]}
    )
    assert reliability.confidence(frame, REGISTRY).tolist() == ["low", "low", "high", "—"]
    marked = reliability.with_confidence(frame, REGISTRY)
    assert list(marked.columns) == ["event_id", "confidence", "source_ids"]
    with pytest.raises(KeyError, match="source_ids"):
        reliability.confidence(frame.drop(columns="source_ids"), REGISTRY)


def _loader(tables):
    return lambda name: tables[name]


def test_ledger_marks_a_verdict_by_the_rows_behind_it():
    events = pd.DataFrame(
        {
            "event_id": ["E1", "E2"],
            "date": ["2025-01-01", "2025-02-01"],
            "event": ["a", "b"],
            "source_ids": ["repost-b", "wire-a"],
        }
    )
    trade = pd.DataFrame({"partner_iso3": ["IRN"], "flow": ["exports"], "year": [2022]})  # a dataset: no source_ids
    parts = pd.DataFrame(
        {
            "part_id": ["P1", "P2", "P3", "P4", "P5"],
            "keys_at_horizon": [
                "events:E1",
                "events:E1;events:E2",
                "events:E2",
                "",
                "sources:repost-c;russia_trade:IRN|exports|2022",
            ],
        }
    )
    load = _loader({"events": events, "sources": REGISTRY, "russia_trade": trade})
    out = ledger.evidence_confidence(parts, load)
    assert out["confidence"].tolist() == ["low", "mixed", "", "", "mixed"]
    assert out["low rows"].tolist() == [1, 1, 0, 0, 1]
    missing = parts.assign(keys_at_horizon=["events:E9"] * 5)
    with pytest.raises(ValueError, match="events:E9 is not a row"):
        ledger.evidence_confidence(missing, load)


def test_spread_labels_keeps_a_gap_and_dodge_sets_close_markers_apart():
    pos = labels.spread_labels({"a": 78.0, "b": 78.1, "c": 91.0}, min_gap=6.5)
    assert pos["b"] - pos["a"] >= 6.5 - 1e-9 and pos["c"] == 91.0
    off = labels.dodge({"a": 78.0, "b": 78.1, "c": 91.0, "d": 84.3, "e": 84.9}, min_gap=2.5, step=0.4)
    assert off["c"] == 0 and off["a"] == pytest.approx(-0.2) and off["b"] == pytest.approx(0.2)
    assert off["d"] == pytest.approx(-0.2) and off["e"] == pytest.approx(0.2)


# --- the charts draw what the marks say ----------------------------------------------------


def test_contacts_chart_fades_low_confidence_contacts_and_marks_the_part_year(shown_figures):
    from helpers import balancing as bl

    table = pd.DataFrame({"Russia–Israel": [3, 1], "Russia–Iran": [2, 4]}, index=pd.Index([2025, 2026], name="year"))
    low = pd.DataFrame({"Russia–Israel": [1, 0], "Russia–Iran": [0, 3]}, index=table.index)
    bl.plot_meetings(table, "t", "s", "a" * 40, low=low, partial={2026: "to 15 Jun"})
    ax = shown_figures[0].axes[0]
    faded = sorted(round(p.get_height()) for p in ax.patches if p.get_alpha() == pytest.approx(0.35))
    assert faded == [0, 0, 1, 3]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2025", "2026\n(to 15 Jun)"]
    assert any("low-confidence" in t.get_text() for t in ax.get_legend().get_texts())


def test_network_fades_only_the_low_confidence_ties(shown_figures):
    from helpers import networks as nw

    rel = pd.DataFrame(
        {
            "relation_id": ["R1", "R2", "R3"],
            "period": ["2023"] * 3,
            "a_iso3": ["IRN", "IRN", "ISR"],
            "b_iso3": ["RUS", "ISR", "RUS"],
            "sign": [1, -1, 0],
            "tie": ["a", "b", "c"],
            "source_ids": ["x", "y", "z"],
        }
    )
    graphs = nw.build_periods(rel)
    pos = nw.fixed_layout(graphs, order=("RUS", "IRN", "ISR"))
    nw.plot_networks(graphs, pos, "t", "s", "a" * 40, subtitle="sub", low_confidence={"R2"})
    ax = shown_figures[0].axes[0]
    edges = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2]
    assert sorted(round(ln.get_alpha() or 1.0, 2) for ln in edges) == [reliability.ALPHA, 1.0, 1.0]
    names = {t.get_text() for t in ax.texts}
    assert {"Russia", "Iran", "Israel"} <= names and not names & {"RUS", "IRN", "ISR"}  # plain names, no codes


def test_trade_chart_fades_the_statements_that_rest_only_on_low_confidence_sources(shown_figures):
    from helpers import balancing as bl
    from helpers import data

    statements = data.load("trade_statements")
    stated = bl.stated_trade(statements, ("IRN", "ISR"))
    imf = bl.imf_trade(data.load("russia_trade"), ("IRN", "ISR"))
    bl.plot_trade(imf, stated, "t", "s", "a" * 40, until=2025)
    ax = shown_figures[0].axes[0]
    faded = sum(len(c.get_offsets()) for c in ax.collections if c.get_alpha() == pytest.approx(0.35))
    assert faded == int((reliability.confidence(stated) == "low").sum()) > 0


def test_strongest_mark_per_key_is_low_only_when_every_row_is_low():
    frame = pd.DataFrame(
        {"key": ["a", "a", "b", "c"], "source_ids": ["repost-b", "wire-a;repost-c", "repost-b;repost-c", ""]}
    )
    assert reliability.strongest(frame, "key", registry=REGISTRY) == {"a": "high", "b": "low", "c": "—"}
    assert reliability.only_low(frame, "key", registry=REGISTRY) == {"b"}
