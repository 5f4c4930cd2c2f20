"""The claims ledger: cross-table, ledger, evidence resolution, reference checks, what changed —
on small hand-made frames (exact values) and on the real tables."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import claims as cl
from helpers import data, style

TITLES = {"events": "Dated events", "arms_tiv": "Arms deliveries"}


def _claims():
    return pd.DataFrame(
        {
            "claim_id": ["A01", "A02", "A03", "A04", "A05"],
            "section": ["Genesis", "Genesis", "Treaty", "Israel", "Israel"],
            "claim": ["c1", "c2", "c3", "c4", "c5"],
            "quote": ["q1", "q2", "q3", "q4", "q5"],
            "kind": ["interpretation", "fact", "fact", "forecast", "fact"],
            "verdict": ["not checkable", "supported", "partly supported", "contradicted", "outdated"],
            "evidence": ["e1", "see E002", "e3", "E003 then E004", "e5"],
            "evidence_tables": ["events", "events;arms_tiv", "arms_tiv", "events", "events"],
            "event_ids": [None, "E002;E001", None, "E003;E004", "E001"],
            "source_ids": ["x", "x;a", "x;b", "x;c", "x;d"],
            "note": [None, None, None, None, "overtaken by events"],
        }
    )


def _events():
    return pd.DataFrame(
        {
            "event_id": ["E001", "E002", "E003", "E004"],
            "date": ["2015-09", "2025-01-17", "2025-06-13", "2025-06-24"],
            "date_precision": ["month", "day", "day", "day"],
            "event": ["ev1", "ev2", "ev3", "ev4"],
            "source_ids": ["s1", "s2", "s3", "s4;s5"],
        }
    )


# --------------------------------------------------------------------------- counts


def test_verdicts_by_kind_exact():
    table = cl.verdicts_by_kind(_claims())
    assert list(table.index) == ["fact", "interpretation", "forecast", "opinion", "All"]
    assert list(table.columns) == list(cl.VERDICTS) + ["All"]
    assert table.loc["fact"].tolist() == [1, 1, 0, 1, 0, 3]
    assert table.loc["interpretation", "not checkable"] == 1
    assert table.loc["forecast", "contradicted"] == 1
    assert table.loc["opinion"].sum() == 0
    assert table.loc["All", "All"] == 5
    assert cl.verdicts_by_kind(_claims(), totals=False).shape == (4, 5)


def test_verdicts_by_kind_rejects_unknown_values():
    bad = _claims()
    bad.loc[0, "verdict"] = "true"
    with pytest.raises(ValueError, match="true"):
        cl.verdicts_by_kind(bad)


def test_support_rate_with_and_without_partly():
    assert cl.support_rate(_claims()) == pytest.approx(1 / 3)
    assert cl.support_rate(_claims(), count_partly=True) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="opinion"):
        cl.support_rate(_claims(), kind="opinion")


def test_sections_in_order_of_first_appearance():
    assert cl.sections(_claims().iloc[::-1]) == ["Genesis", "Treaty", "Israel"]


# --------------------------------------------------------------------------- ledger and evidence


def test_ledger_columns_filter_and_quotes():
    out = cl.ledger(_claims(), verdicts=["supported", "outdated"])
    assert out["id"].tolist() == ["A02", "A05"]
    assert list(out.columns) == ["id", "section", "kind", "claim", "the explainer's words", "verdict", "evidence"]
    assert out.loc[0, "the explainer's words"] == "“q2”"
    assert "note" in cl.ledger(_claims(), with_note=True).columns
    assert cl.ledger(_claims(), kinds=["fact"])["id"].tolist() == ["A02", "A03", "A05"]
    with pytest.raises(ValueError, match="unknown verdict"):
        cl.ledger(_claims(), verdicts=["maybe"])


def test_evidence_for_resolves_events_in_date_order_then_tables():
    out = cl.evidence_for("A02", _claims(), _events(), titles=TITLES)
    assert out["evidence"].tolist() == ["E001", "E002", "table events", "table arms_tiv"]
    assert out["date"].tolist() == ["Sep 2015", "17 Jan 2025", "", ""]
    assert out["what"].tolist() == ["ev1", "ev2", "Dated events", "Arms deliveries"]


def test_evidence_for_unknown_table_raises_a_clear_error():
    claims = _claims()
    claims.loc[1, "evidence_tables"] = "events;arms_tv"
    with pytest.raises(data.UnknownTableError, match="no table 'arms_tv'.*known tables: events, arms_tiv"):
        cl.evidence_for("A02", claims, _events(), titles=TITLES)


def test_evidence_for_unknown_claim_or_event():
    with pytest.raises(KeyError, match="A99"):
        cl.evidence_for("A99", _claims(), _events(), titles=TITLES)
    claims = _claims()
    claims.loc[1, "event_ids"] = "E009"
    with pytest.raises(cl.UnknownReferenceError, match="E009"):
        cl.evidence_for("A02", claims, _events(), titles=TITLES)


def test_check_references_counts_and_names_every_problem():
    assert cl.check_references(_claims(), _events(), TITLES) == 11
    bad = _claims()
    bad.loc[2, "evidence_tables"] = "arms_tiv;nowhere"
    bad.loc[3, "event_ids"] = "E003;E404"
    with pytest.raises(cl.UnknownReferenceError) as err:
        cl.check_references(bad, _events(), TITLES)
    msg = str(err.value)
    assert "A03: table 'nowhere' is not in the catalogue" in msg
    assert "A04: event E404 is not in the events table" in msg
    assert "A04: E004 is named in the text but not listed in event_ids" in msg


def test_mentioned_events():
    assert cl.mentioned_events("E158, then E203 and E158 again; not E12 or XE1234") == ["E158", "E203"]
    assert cl.mentioned_events(None) == []


# --------------------------------------------------------------------------- what changed


def test_evidence_events_and_latest():
    cited = cl.evidence_events(_claims(), _events())
    assert cited[["claim_id", "event_id"]].values.tolist() == [
        ["A02", "E002"], ["A02", "E001"], ["A04", "E003"], ["A04", "E004"], ["A05", "E001"]]
    assert cited.loc[1, "when"] == pd.Timestamp("2015-09-01")
    assert cl.latest_event_date(_claims(), _events()) == "2025-06-24"


def test_since_lists_only_later_events():
    out = cl.since(_claims(), _events(), "2025-06-13")
    assert out["id"].tolist() == ["A04"]
    assert out.loc[0, "events since"] == 1
    assert out.loc[0, "what happened since"] == "E004 (24 Jun 2025): ev4"
    assert cl.since(_claims(), _events(), "2026-01-01").empty


def test_overtaken_keeps_outdated_and_contradicted():
    out = cl.overtaken(_claims())
    assert out["id"].tolist() == ["A04", "A05"]
    assert out.loc[1, "what changed / caveat"] == "overtaken by events"


def test_plots_draw_finished_charts(monkeypatch):
    shown = []
    monkeypatch.setattr(style, "show", lambda fig, alt: (shown.append(style.check(fig)), plt.close(fig)))
    style.use()
    table = cl.verdicts_by_kind(_claims())
    cl.plot_verdicts_by_kind(table, "T", "Source: test.", "alt text that is long enough to pass")
    cl.plot_claims_by_section(_claims(), "T", "Source: test.", "alt text that is long enough to pass")
    cl.plot_evidence_timeline(_claims(), _events(), "2025-06-13", "T", "Source: test.",
                              "alt text that is long enough to pass", start="2020-01-01")
    assert shown == [[], [], []]


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real():
    return data.load("claims"), data.load("events")


def test_real_ledger_has_24_claims_in_order(real):
    claims, _ = real
    assert len(claims) == 24
    assert claims["claim_id"].tolist() == [f"A{i:02d}" for i in range(1, 25)]
    assert (claims["assessed_as_of"] == pd.Timestamp("2026-11-27")).all()


def test_real_evidence_tables_are_catalogued_and_events_exist(real):
    claims, events = real
    names = set(data.table_names())
    for value in claims["evidence_tables"]:
        assert set(data.split_list(value)) <= names, value
    assert cl.check_references(claims, events, names) > 24


def test_real_every_claim_cites_the_explainer_first(real):
    claims, _ = real
    assert claims["source_ids"].str.startswith("ighmc-nd-russia-iran-alliance").all()


def test_real_quotes_are_short_and_verdicts_fit_kinds(real):
    claims, _ = real
    assert (claims["quote"].str.split().str.len() <= 30).all()
    table = cl.verdicts_by_kind(claims)
    assert table.loc["All", "All"] == 24
    # interpretations and opinions are never 'supported' or 'contradicted' by data
    assert table.loc[["interpretation", "opinion"], ["supported", "contradicted"]].to_numpy().sum() == 0
    # every claim that is not 'supported' says why, in its note
    assert claims.loc[claims["verdict"] != "supported", "note"].notna().all()
