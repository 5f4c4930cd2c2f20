"""The two-date claims ledger: rubric rules, evidence keys, publication cut-off."""

import pandas as pd
import pytest

from helpers import data, ledger


def part(**kw):
    base = {
        "part_id": "A01a",
        "claim_id": "A01",
        "part": "p",
        "kind": "fact",
        "qualifier": "",
        "checkability": "checkable",
        "verdict_at_publication": "supported",
        "verdict_at_horizon": "supported",
        "keys_at_publication": "events:E1",
        "keys_at_horizon": "events:E1",
        "reasoning": "r",
        "note": "",
    }
    base.update(kw)
    return pd.DataFrame([base])


def test_a_well_formed_part_passes():
    ledger.check_parts(part(), ["A01"])


@pytest.mark.parametrize(
    "change,message",
    [
        ({"part_id": "A02a"}, "must start with its claim id"),
        ({"checkability": "not covered by our data"}, "must carry that verdict at both dates"),
        ({"kind": "opinion"}, "not checkable in principle"),
        ({"verdict_at_publication": "outdated"}, "horizon verdict"),
        (
            {"verdict_at_publication": "contradicted", "verdict_at_horizon": "outdated"},
            "needs a \\(partly\\) supported",
        ),
        ({"kind": "forecast"}, "pending"),
        ({"verdict_at_publication": "pending"}, "pending"),
        ({"keys_at_horizon": ""}, "needs evidence keys"),
        ({"checkability": "maybe"}, "column checkability"),
    ],
)
def test_rubric_breaches_are_named(change, message):
    with pytest.raises(ValueError, match=message):
        ledger.check_parts(part(**change), ["A01"])


@pytest.mark.parametrize("earlier", ["supported", "partly supported"])
def test_outdated_follows_a_supported_or_partly_supported_verdict_as_the_rubric_says(earlier):
    ledger.check_parts(part(verdict_at_publication=earlier, verdict_at_horizon="outdated"), ["A01"])
    assert "supported or partly supported at publication" in ledger.RUBRIC["verdicts"]


def test_a_claim_without_parts_is_refused():
    with pytest.raises(ValueError, match="no part for claim"):
        ledger.check_parts(part(), ["A01", "A02"])


def test_keys_parse_and_bad_keys_are_named():
    assert ledger.parse_keys("events:E1;russia_trade:IRN|imports|2022") == [
        ("events", "E1"),
        ("russia_trade", "IRN|imports|2022"),
    ]
    assert ledger.parse_keys("") == [] and ledger.parse_keys(None) == []
    with pytest.raises(ValueError, match="table:key"):
        ledger.parse_keys("E127")


def test_resolve_keys_finds_rows_and_flags_missing_ones():
    tables = {
        "events": pd.DataFrame({"event_id": ["E1"]}),
        "russia_trade": pd.DataFrame({"partner_iso3": ["IRN"], "flow": ["imports"], "year": [2022]}),
    }
    p = part(keys_at_publication="events:E1;events:E9", keys_at_horizon="russia_trade:IRN|imports|2022")
    r = ledger.resolve_keys(p, tables.__getitem__)
    assert r["found"].tolist() == [True, False, True]
    with pytest.raises(ValueError, match="cannot be keyed"):
        ledger.resolve_keys(part(keys_at_horizon="claims:A01"), tables.__getitem__)


def test_publication_evidence_after_the_cutoff_is_caught_at_the_edge():
    events = pd.DataFrame({"event_id": ["E1", "E2", "E3"], "date": ["2025-06-24", "2025-06-25", "2025-06"]})
    assert ledger.dated_after(part(keys_at_publication="events:E1"), events, "2025-06-24").empty
    assert ledger.dated_after(part(keys_at_publication="events:E2"), events, "2025-06-24")["key"].tolist() == [
        "events:E2"
    ]
    assert ledger.dated_after(part(keys_at_publication="events:E3"), events, "2025-06-24").empty  # month starts before


def test_verdict_shift_and_changed_list_the_moves():
    p = pd.concat(
        [
            part(),
            part(part_id="A01b", kind="forecast", verdict_at_publication="pending", verdict_at_horizon="contradicted"),
        ]
    )
    assert ledger.changed(p)["part_id"].tolist() == ["A01b"]
    shift = ledger.verdict_shift(p)
    assert shift.loc["pending", "contradicted"] == 1 and shift.loc["supported", "supported"] == 1


# --- the committed ledger ------------------------------------------------------------------


def test_the_committed_ledger_follows_the_rubric_and_every_key_exists():
    parts, claims = data.load("claim_parts"), data.load("claims")
    ledger.check_parts(parts, claims["claim_id"])
    keys = ledger.resolve_keys(parts, data.load)
    assert keys["found"].all(), keys[~keys["found"]]


def test_the_committed_publication_verdicts_use_no_later_event():
    parts, events = data.load("claim_parts"), data.load("events")
    assert ledger.dated_after(parts, events, "2025-06-24").empty


def test_compound_claims_named_in_review_are_split():
    parts = data.load("claim_parts")
    n = parts.groupby("claim_id").size()
    assert n["A09"] >= 3 and n["A22"] >= 2 and n["A16"] >= 2
    a17 = parts[parts["claim_id"] == "A17"].iloc[0]
    assert "relations:R072" in a17["keys_at_horizon"] and "Saudi Arabia" in a17["reasoning"]


def test_evidence_rows_resolve_each_key_to_what_the_row_says():
    parts = data.load("claim_parts")
    rows = ledger.evidence_rows(parts, "A16b", data.load)
    assert rows["key"].tolist()[0] == "E123" and "Assad" in rows["what the row says"].iloc[0]
    trade = ledger.evidence_rows(parts, "A22a", data.load)
    assert "no level given" in trade.loc[trade["key"] == "TS030", "what the row says"].iloc[0]
    with pytest.raises(ValueError, match="no claim part"):
        ledger.evidence_rows(parts, "A99z", data.load)
    # states, treaties and obligations by their readers' names, not by codes and ids
    treaty = ledger.evidence_rows(parts, "A09b", data.load)
    said = treaty.loc[treaty["table"] == "treaty_provisions", "what the row says"].tolist()
    assert said and all(not s.startswith(("rus-", "sun-")) for s in said)
    assert any(s.startswith("Russia–North Korea 2024: Defence") for s in said)


def test_counts_text_names_every_verdict_held_at_either_date_with_both_counts():
    parts = pd.concat(
        [
            part(),
            part(part_id="A01b", verdict_at_publication="partly supported", verdict_at_horizon="outdated"),
            part(part_id="A01c", kind="forecast", verdict_at_publication="pending", verdict_at_horizon="contradicted"),
        ]
    )
    assert ledger.counts_text(parts) == (
        "supported: 1 and 1; partly supported: 1 and 0; contradicted: 0 and 1; outdated: 0 and 1; pending: 1 and 0"
    )


def test_an_atop_row_can_be_evidence_and_is_described_by_its_codes():
    from helpers import data

    parts = pd.DataFrame({"part_id": ["X1"], "keys_at_horizon": ["atop_treaty_codes:4980|0|RUS"]})
    rows = ledger.evidence_rows(parts, "X1", data.load)
    assert rows.loc[0, "date"] == "2001-07-16"
    assert "defense 0" in rows.loc[0, "what the row says"] and "China" in rows.loc[0, "what the row says"]
    bad = pd.DataFrame({"part_id": ["X1"], "keys_at_horizon": ["atop_treaty_codes:4980|0|XXX"]})
    with pytest.raises(ValueError, match="not a row of atop_treaty_codes"):
        ledger.evidence_rows(bad, "X1", data.load)
