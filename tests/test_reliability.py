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


def test_contacts_chart_draws_only_counted_contacts_and_states_how_many_it_left_out(shown_figures):
    from helpers import balancing as bl

    table = pd.DataFrame({"Russia–Israel": [3, 1], "Russia–Iran": [2, 4]}, index=pd.Index([2025, 2026], name="year"))
    low = pd.DataFrame({"Russia–Israel": [1, 0], "Russia–Iran": [0, 3]}, index=table.index)
    bl.plot_meetings(table, "t", "s", "a" * 40, low=low, partial={2026: "to 15 Jun"})
    ax = shown_figures[0].axes[0]
    heights = sorted(round(p.get_height()) for p in ax.patches if p.get_height() > 0)
    assert heights == [1, 2, 3, 4]  # the counted contacts only: nothing stacked on top for the left-out ones
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2025", "2026\n(to 15 Jun)"]
    hatched = sorted((round(p.get_x() + p.get_width() / 2), bool(p.get_hatch())) for p in ax.patches)
    # hatching marks the part year only (as on the other bar charts), never a counterpart
    assert hatched == [(2025, False), (2025, False), (2026, True), (2026, True)]
    assert "hatched" in ax.get_xlabel()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Not counted: 4 contacts that rest only on low-confidence sources." in legend


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


# --- the rule of use: shown, never counted, computed from or annotated -------------------------

LOW_ID, HIGH_ID = "forlancer-2026-04-12-putin-pezeshkian", "tass-2025-04-18-lavrov-araghchi"  # registry rows


def test_registry_grades_the_two_ids_the_rule_tests_use():
    from helpers import data

    level = data.load("sources").set_index("source_id")["confidence"]
    assert level[LOW_ID] == "low" and level[HIGH_ID] == "high"


def test_split_keeps_rows_with_one_stronger_source_and_shows_the_rest_only():
    frame = pd.DataFrame(
        {"id": ["a", "b", "c", "d"], "source_ids": ["repost-b", "wire-a;repost-b", "", "repost-b;repost-c"]}
    )
    frame.attrs["file"] = "data/x.csv"
    usable, shown = reliability.split(frame, REGISTRY)
    assert usable["id"].tolist() == ["b", "c"] and shown["id"].tolist() == ["a", "d"]
    assert usable.attrs["file"] == shown.attrs["file"] == "data/x.csv"
    assert reliability.usable(frame, REGISTRY)["id"].tolist() == ["b", "c"]
    assert reliability.shown_only(frame, REGISTRY)["id"].tolist() == ["a", "d"]
    bare = frame.drop(columns="source_ids")  # nothing to judge: every row usable
    assert reliability.usable(bare, REGISTRY)["id"].tolist() == ["a", "b", "c", "d"]


def test_not_counted_sentence():
    assert reliability.not_counted(0, "event") == ""
    assert reliability.not_counted(1, "event") == "Not counted: 1 event that rests only on low-confidence sources."
    assert reliability.not_counted(3, "contact") == "Not counted: 3 contacts that rest only on low-confidence sources."
    with pytest.raises(ValueError, match="negative"):
        reliability.not_counted(-1)


def _events(*rows):
    cols = ["event_id", "date", "date_precision", "event", "domain", "event_type", "actors_iso3", "source_ids", "note"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_low_only_events_are_not_counted_by_lane_year_or_war_window():
    from helpers import events as ev_rules
    from helpers import timeline

    ev = _events(
        ("E1", "2026-03-01", "day", "a", "diplomacy", "statement", "RUS;IRN", HIGH_ID, ""),
        ("E2", "2026-03-02", "day", "b", "diplomacy", "statement", "RUS;IRN", LOW_ID, ""),
        ("E3", "2026-03-03", "day", "c", "diplomacy", "meeting", "RUS;IRN", LOW_ID, ""),
        ("E4", "2025-03-03", "day", "d", "military", "meeting", "RUS;IRN", f"{LOW_ID};{HIGH_ID}", ""),
    )
    counts = ev_rules.conduct_by_window(ev, {"w": ("2026-03-01", "2026-03-31")}).iloc[0]
    assert counts[ev_rules.RUS_WORDS] == 1 and counts[ev_rules.RUS_CONTACTS] == 0 and counts["Russian events"] == 1
    assert counts[ev_rules.NOT_COUNTED] == 2  # and the table says what it left out
    per = timeline.per_year(ev)
    assert per.loc[2026].sum() == 1 and per.loc[2025].sum() == 1
    summary = timeline.lane_summary(ev).set_index("lane")
    assert summary.loc["All lanes", "events"] == 2 and summary.loc["All lanes", "not counted (low confidence)"] == 2


def test_per_year_chart_states_the_events_it_left_out_and_draws_no_text_from_them(shown_figures):
    from helpers import timeline

    ev = _events(
        ("E1", "2025-03-01", "day", "kept", "diplomacy", "statement", "RUS;IRN", HIGH_ID, ""),
        ("E2", "2025-05-02", "day", "left out", "diplomacy", "statement", "RUS;IRN", LOW_ID, ""),
    )
    timeline.plot_per_year(ev, "t", "s", "a" * 40, through="2025-12-31")
    ax = shown_figures[0].axes[0]
    assert sum(p.get_height() for p in ax.patches) == 1
    assert "Not counted: 1 event that rests only on low-confidence sources." in [
        t.get_text() for t in ax.get_legend().get_texts()
    ]
    timeline.plot_timeline(ev, "t", "s", "a" * 40)
    ax = shown_figures[1].axes[0]
    assert not any("left out" in t.get_text() for t in ax.texts)
    assert reliability.NOT_COUNTED in [t.get_text() for t in ax.get_legend().get_texts()]


def test_low_only_contacts_are_not_counted():
    from helpers import contacts as contact_rules

    base = {"date_precision": "day", "state_iso3": "RUS", "level": "leader", "channel": "call", "note": ""}
    contacts = pd.DataFrame(
        [
            {**base, "contact_id": "C1", "date": "2026-04-01", "counterpart_iso3": "IRN", "source_ids": HIGH_ID},
            {**base, "contact_id": "C2", "date": "2026-04-12", "counterpart_iso3": "IRN", "source_ids": LOW_ID},
            {**base, "contact_id": "C3", "date": "2025-04-12", "counterpart_iso3": "ISR", "source_ids": LOW_ID},
        ]
    )
    counted = contact_rules.per_year(contacts, ["IRN", "ISR"], since=2025, until=2026)
    left_out = contact_rules.per_year(contacts, ["IRN", "ISR"], since=2025, until=2026, not_counted=True)
    assert counted.to_dict() == {"RUS–IRN": {2025: 0, 2026: 1}, "RUS–ISR": {2025: 0, 2026: 0}}
    assert int(left_out.to_numpy().sum()) == 2


def test_low_only_trade_statements_feed_no_range_or_ratio():
    from helpers import trade

    rows = [
        ("TS1", 2022, 4.9, HIGH_ID),
        ("TS2", 2022, 4.6, LOW_ID),
        ("TS3", 2022, 5.0, f"{LOW_ID};{HIGH_ID}"),
    ]
    statements = pd.DataFrame(
        [
            {
                "statement_id": i,
                "partner_iso3": "IRN",
                "year": y,
                "period": "full_year",
                "value_usd_bn": v,
                "measure": "turnover",
                "claimant": i,
                "claimant_role": "government",
                "source_ids": s,
                "note": "",
            }
            for i, y, v, s in rows
        ]
    )
    imf = pd.DataFrame(
        {
            "partner_iso3": ["IRN", "IRN"],
            "year": [2022, 2022],
            "flow": ["exports", "imports"],
            "value_usd_millions": [2000.0, 500.0],
            "release": ["imf-x", "imf-x"],
        }
    )
    cow = pd.DataFrame(columns=["exporter_iso3", "importer_iso3", "year", "flow_usd_millions"])
    series = trade.trade_series(imf, cow, statements, "IRN")
    assert trade.claim_range(series, 2022) == {"low": 4.9, "high": 5.0, "n": 2}
    ratios = trade.statements_vs_statistics(series)
    assert "TS2" not in set(ratios["claimant"]) and len(ratios) == 2


def test_no_chart_annotation_in_the_collection_rests_only_on_low_confidence_rows():
    """The event pins of notebook 01 and the contact and trade counts of notebook 04, on the real
    tables: a row that rests only on low-confidence sources is neither pinned nor counted."""
    from helpers import balancing as bl
    from helpers import data, drones, trade

    events, contacts = data.load("events"), data.load("contacts")
    launches = data.load("drone_launches_monthly")
    marks = drones.event_marks(events, "Alabuga", start=launches["month"].min())
    assert reliability.shown_only(marks).empty, "an Alabuga pin rests only on low-confidence sources"
    counted = bl.contacts_per_year(contacts, ("ISR", "IRN"), since=2015, until=2026)
    left_out = bl.contacts_per_year(contacts, ("ISR", "IRN"), since=2015, until=2026, only_low=True)
    usable = reliability.usable(contacts)
    in_range = usable[
        (usable["state_iso3"] == "RUS")
        & usable["counterpart_iso3"].isin(["ISR", "IRN"])
        & usable["date"].str[:4].astype(int).between(2015, 2026)
    ]
    assert int(counted.to_numpy().sum()) == len(in_range)
    assert int(left_out.to_numpy().sum()) == int(
        reliability.is_low(contacts)[contacts["counterpart_iso3"].isin(["ISR", "IRN"])].sum()
    )
    statements = data.load("trade_statements")
    series = trade.trade_series(data.load("russia_trade"), data.load("cow_trade"), statements, "IRN")
    weak = set(reliability.shown_only(series)["statement_id"].dropna())
    ratios = trade.statements_vs_statistics(series)
    assert weak, "the real table has statements that rest only on low-confidence sources"
    assert (
        len(ratios)
        == len(reliability.usable(series[series["kind"] == "statement"]))
        < (series["kind"] == "statement").sum()
    )
