"""The two-date claims ledger: rubric rules, evidence keys, publication cut-off."""

import pandas as pd
import pytest

from helpers import data, ledger, periods


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
    # only the verdicts held at each date: empty rows and columns are dropped, in display order
    assert shift.shape == (2, 2)
    assert shift.index.tolist() == ["supported", "pending"]
    assert shift.columns.tolist() == ["supported", "contradicted"]
    assert shift.to_numpy().tolist() == [[1, 0], [0, 1]]
    assert (shift.index.name, shift.columns.name) == ("at publication", "at the horizon")


def two_claims():
    parts = pd.concat(
        [
            part(),
            part(part_id="A01b", kind="forecast", verdict_at_publication="pending", verdict_at_horizon="contradicted"),
            part(
                part_id="A01c",
                kind="interpretation",
                checkability="not checkable in principle",
                verdict_at_publication="not checkable in principle",
                verdict_at_horizon="not checkable in principle",
            ),
            part(part_id="A02a", claim_id="A02", verdict_at_publication="partly supported"),
            part(
                part_id="A03a",
                claim_id="A03",
                kind="opinion",
                checkability="not checkable in principle",
                verdict_at_publication="not checkable in principle",
                verdict_at_horizon="not checkable in principle",
            ),
        ]
    )
    claims = pd.DataFrame({"claim_id": ["A01", "A02", "A03"], "claim": ["one", "two", "three"]})
    return parts, claims


def test_by_claim_puts_each_claims_parts_and_both_verdicts_on_one_row():
    parts, claims = two_claims()
    t = ledger.by_claim(parts, claims)
    assert t.columns.tolist() == ["claim_id", "claim", "parts", "at publication", "at the horizon"]
    assert t["claim_id"].tolist() == ["A01", "A02", "A03"] and t["parts"].tolist() == [3, 1, 1]
    assert t.loc[0, "at publication"] == ("A01a: supported; A01b: pending; A01c: not checkable in principle")
    assert t.loc[1, "at the horizon"] == "A02a: supported"
    assert t.loc[2, "claim"] == "three"


def test_claim_status_takes_the_weakest_checkable_verdict_and_counts_claims_at_both_dates():
    parts, _ = two_claims()
    assert ledger.claim_status(parts, "verdict_at_publication").to_dict() == {
        "A01": "pending",
        "A02": "partly supported",
        "A03": "no checkable part",
    }
    assert ledger.claim_status(parts, "verdict_at_horizon").to_dict() == {
        "A01": "contradicted",
        "A02": "supported",
        "A03": "no checkable part",
    }
    table = ledger.claim_counts(parts)
    assert table.index.tolist() == [
        "supported",
        "pending",
        "partly supported",
        "contradicted",
        "no checkable part",
    ]
    assert table["at publication"].tolist() == [0, 1, 1, 0, 1]
    assert table["at the horizon"].tolist() == [1, 0, 0, 1, 1]
    assert ledger.summary(parts) == {
        "parts": 5,
        "parts that cannot be settled": 2,
        "parts contradicted at the horizon": 1,
        "claims": 3,
        "claims without a checkable part": 1,
        "claims with a checkable part": 2,
        "of these, every checkable part supported at the horizon": 1,
    }
    with pytest.raises(ValueError, match="claim A01, column verdict_at_horizon"):
        ledger.claim_status(part(verdict_at_horizon="not covered by our data"), "verdict_at_horizon")


def test_recode_sets_an_alternative_coding_and_keeps_the_rubric():
    parts, _ = two_claims()
    alt = ledger.recode(
        parts,
        "A01b",
        checkability="not checkable in principle",
        verdict_at_publication="not checkable in principle",
        verdict_at_horizon="not checkable in principle",
    )
    assert ledger.claim_status(alt, "verdict_at_horizon")["A01"] == "supported"
    assert parts.loc[parts["part_id"] == "A01b", "checkability"].item() == "checkable"  # the original is untouched
    with pytest.raises(ValueError, match="no claim part"):
        ledger.recode(parts, "A09z", kind="fact")
    with pytest.raises(ValueError, match="no column"):
        ledger.recode(parts, "A01b", colour="red")
    with pytest.raises(ValueError, match="pending"):
        ledger.recode(parts, "A01b", verdict_at_publication="supported")


def test_publication_cutoff_is_the_day_before_the_wars_last_day():
    frame = pd.DataFrame(
        {
            "period_id": ["war-2025-06"],
            "label": ["w"],
            "start": ["2025-06-13"],
            "end": ["2025-06-24"],
            "precision": ["day"],
        }
    )
    assert ledger.publication_cutoff(frame) == pd.Timestamp("2025-06-23")
    frame.loc[0, "end"] = "2025-07-01"
    assert ledger.publication_cutoff(frame) == pd.Timestamp("2025-06-30")


@pytest.mark.parametrize(
    "end,days,months,within",
    [
        ("2025-06-23", 157, 5.2, True),
        ("2025-06-13", 147, 4.8, False),
        ("2025-06-17", 151, 5.0, True),  # the window's first day: five calendar months
        ("2025-06-16", 150, 4.9, False),
        ("2025-08-17", 212, 7.0, True),
        ("2025-08-18", 213, 7.0, False),
    ],
)
def test_interval_counts_days_months_and_the_rubrics_half_year_window(end, days, months, within):
    got = ledger.interval("2025-01-17", end)
    assert (got["days"], got["months"], got["within"]) == (days, months, within)
    assert (got["earliest"], got["latest"]) == (pd.Timestamp("2025-06-17"), pd.Timestamp("2025-08-17"))


def test_interval_refuses_an_end_before_its_start():
    with pytest.raises(ValueError, match="before start"):
        ledger.interval("2025-06-23", "2025-01-17")


# --- the committed ledger ------------------------------------------------------------------


def test_the_committed_ledger_follows_the_rubric_and_every_key_exists():
    parts, claims = data.load("claim_parts"), data.load("claims")
    ledger.check_parts(parts, claims["claim_id"])
    keys = ledger.resolve_keys(parts, data.load)
    assert keys["found"].all(), keys[~keys["found"]]


def test_the_committed_publication_verdicts_use_no_later_event():
    parts, events = data.load("claim_parts"), data.load("events")
    last_day = periods.window("war-2025-06")[1]
    cutoff = last_day - pd.Timedelta(days=1)
    assert ledger.publication_cutoff() == cutoff
    assert ledger.dated_after(parts, events, cutoff.strftime("%Y-%m-%d")).empty
    # the ceasefire that ends the war falls after the cut-off: keyed at publication, it is caught
    ceasefire = events.loc[events["date"] == last_day.strftime("%Y-%m-%d"), "event_id"].tolist()
    assert ceasefire, "no event on the war's last day"
    keyed = part(keys_at_publication=";".join(f"events:{e}" for e in ceasefire))
    assert ledger.dated_after(keyed, events, cutoff.strftime("%Y-%m-%d"))["key"].tolist() == [
        f"events:{e}" for e in ceasefire
    ]


def test_the_a19a_interval_is_counted_from_the_signature_to_the_writing_date_and_to_the_war():
    parts, events = data.load("claim_parts"), data.load("events")
    signed = pd.Timestamp(data.load("treaties").set_index("treaty_id").at["rus-irn-2025", "signed"])
    assert signed == pd.Timestamp(events.set_index("event_id").at["E127", "date"])
    to_writing = ledger.interval(signed, ledger.publication_cutoff())
    to_war = ledger.interval(signed, periods.window("war-2025-06")[0])
    assert (to_writing["days"], to_writing["months"], to_writing["within"]) == (157, 5.2, True)
    assert (to_war["days"], to_war["months"], to_war["within"]) == (147, 4.8, False)
    a19a = parts.set_index("part_id").loc["A19a"]
    assert a19a["verdict_at_publication"] == a19a["verdict_at_horizon"] == "supported"
    for got in (to_writing, to_war):  # the reasoning states the computed intervals
        assert f"{got['days']} days, {got['months']} months" in a19a["reasoning"]
    assert "4.8 months) it falls four days short" in a19a["reasoning"]


def test_qualifiers_without_a_yardstick_are_parts_of_their_own():
    """The rubric's examples of qualifiers without a yardstick never sit inside a checkable part."""
    parts = data.load("claim_parts")
    words = ("crucial", "valuable", "not rapidly", "surge", "likely")
    assert all(w in ledger.RUBRIC["qualifiers"] for w in words)
    checkable = parts[parts["checkability"] == "checkable"]
    inside = [
        (pid, w) for pid, q in zip(checkable["part_id"], checkable["qualifier"].fillna("")) for w in words if w in q
    ]
    assert inside == []
    own = parts.set_index("part_id")
    assert own.at["A01c", "qualifier"] == "surge" and own.at["A15c", "qualifier"] == "likely"
    assert own.at["A01c", "checkability"] == own.at["A15c", "checkability"] == "not checkable in principle"


def test_a18a_rests_on_the_foreign_ministrys_june_2025_warning():
    parts, claims = data.load("claim_parts"), data.load("claims")
    a18a = parts.set_index("part_id").loc["A18a"]
    keys = ledger.parse_keys(a18a["keys_at_publication"])
    assert ("events", "E148") in keys and ("sources", "scmp-2025-06-ryabkov-warning") in keys
    registry = data.load("sources").set_index("source_id")
    assert "nuclear calamity" in registry.at["scmp-2025-06-ryabkov-warning", "title"]
    assert "scmp-2025-06-ryabkov-warning" in claims.set_index("claim_id").at["A18", "source_ids"]
    assert "Foreign Ministry warning" not in claims.set_index("claim_id").at["A18", "note"]
    assert a18a["verdict_at_publication"] == "supported"


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


def test_claims_say_what_the_explainer_says_and_restatements_say_what_changed():
    """Each claim keeps the words of its quote where the earlier wording said more or other; each such row's note
    records the change, and the overstated words are gone from claims and parts."""
    claims, parts = data.load("claims").set_index("claim_id"), data.load("claim_parts")
    kept = {  # claim: the explainer's words the claim must carry
        "A01": "confluence of geopolitical circumstances",
        "A02": "not rapidly",
        "A03": "a powerful catalyst for their deepening partnership",
        "A04": "a crucial corridor to the Middle East and South Asia",
        "A05": "particularly in drone warfare",
        "A06": "following talks in the Kremlin",
        "A08": "a framework for long-term collaboration across various sectors",
        "A10": "does not mean the establishment of a military alliance with Iran or mutual military assistance",
        "A17": "pursuing potential arms sales to the Gulf states",
        "A20": "would not be won based on military might",
    }
    for cid, words in kept.items():
        assert words in claims.at[cid, "claim"], cid
        assert "Restated on 29 November 2026" in claims.at[cid, "note"], cid
    assert "only half a year" in claims.at["A19", "claim"]  # restated earlier: its part A19a's note says so
    gone = (
        "driven mainly",
        "slowly",
        "the catalyst for",
        "Friday",
        "technological sectors",
        "about half",
        "hard power",
    )
    text = " ".join(claims["claim"]) + " " + " ".join(parts["part"])
    assert [w for w in gone if w in text] == []
    own = parts.set_index("part_id")
    assert (
        own.at["A02b", "qualifier"] == "not rapidly" and own.at["A02b", "checkability"] == "not checkable in principle"
    )
    for pid in ("A02b", "A03b", "A05a", "A06a", "A08b", "A10a", "A17a", "A20a"):
        assert "Restated on 29 November 2026" in own.at[pid, "note"], pid
