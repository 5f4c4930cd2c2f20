"""Drivers, indicators and constraints (data/drivers.csv): overview, evidence, roles — on small
hand-made frames with exact expected values, and on the real table."""

import pandas as pd
import pytest

from helpers import data
from helpers import drivers as dv


def _events():
    return pd.DataFrame(
        {
            "event_id": ["E001", "E002", "E003"],
            "date": ["2023-07-04", "2024-12", "2015"],
            "date_precision": ["day", "month", "year"],
            "event": ["joins the SCO", "EAEU observer", "an old one"],
            "source_ids": ["a", "b", "c"],
        }
    )


def _drivers():
    return pd.DataFrame(
        {
            "factor_id": ["C01", "D01", "I01"],
            "factor": ["Mistrust", "Institutions", "Votes"],
            "role": ["constraint", "driver", "indicator"],
            "capital": ["both", "Tehran", "both"],
            "mechanism": ["m", "m", "m"],
            "evidence_events": ["E003", "E002;E001", None],
            "evidence_tables": [None, None, "unga_votes_2025;unga_ideal_points"],
            "note": [None, None, None],
        }
    )


def test_evidence_ids_and_unknown_factor():
    assert dv.evidence_ids(_drivers(), "D01") == ["E002", "E001"]
    assert dv.evidence_ids(_drivers(), "I01") == []
    with pytest.raises(KeyError, match="X99"):
        dv.evidence_ids(_drivers(), "X99")


def test_overview_orders_roles_and_spans_years():
    o = dv.overview(_drivers(), _events())
    assert o["role"].tolist() == ["driver", "indicator", "constraint"]
    assert o.loc[0, "dated events"] == 2 and o.loc[0, "from – to"] == "2023–2024"
    assert o.loc[1, "from – to"] == "" and o.loc[1, "tables"] == "unga_votes_2025, unga_ideal_points"
    assert o.loc[2, "from – to"] == "2015–2015"


def test_evidence_in_date_order_with_precise_dates():
    e = dv.evidence(_drivers(), _events(), ["D01", "C01"])
    assert e["event_id"].tolist() == ["E003", "E001", "E002"]
    assert e["date"].tolist() == ["2015", "4 Jul 2023", "Dec 2024"]
    assert e["factor"].tolist() == ["Mistrust", "Institutions", "Institutions"]


def test_evidence_names_an_unknown_or_repeated_event_id():
    with pytest.raises(KeyError, match="E003"):
        dv.evidence(_drivers(), _events().iloc[:2], ["C01"])
    twice = pd.concat([_events(), _events().iloc[[1]]], ignore_index=True)
    with pytest.raises(ValueError, match="event_id E002 appears more than once"):
        dv.overview(_drivers(), twice)
    with pytest.raises(KeyError, match="X99"):
        dv.evidence(_drivers(), _events(), ["X99"])


def test_by_role_counts_factors_per_capital():
    t = dv.by_role(_drivers())
    assert t.loc["Tehran", "driver"] == 1 and t.loc["both", "constraint"] == 1
    assert t.loc["Moscow"].sum() == 0


def test_synthesis_orders_by_role_then_factor_id_and_keeps_the_texts():
    extra = pd.DataFrame({"factor_id": ["D00"], "factor": ["Sanctions"], "role": ["driver"], "capital": ["Moscow"]})
    drivers = pd.concat([_drivers(), extra], ignore_index=True)
    measured = {
        "C01": ("ev c", "lim c"),
        "I01": ("ev i", "lim i"),
        "D01": ("ev d1", "lim d1"),
        "D00": ("ev d0", "lim d0"),
    }
    out = dv.synthesis(drivers, measured)
    # Roles in the order driver, indicator, constraint; within a role by factor id (D00 before D01).
    assert out.values.tolist() == [
        ["Sanctions", "driver", "Moscow", "ev d0", "lim d0"],
        ["Institutions", "driver", "Tehran", "ev d1", "lim d1"],
        ["Votes", "indicator", "both", "ev i", "lim i"],
        ["Mistrust", "constraint", "both", "ev c", "lim c"],
    ]
    assert out.columns.tolist() == ["factor", "role", "capital", "strongest measured evidence", "limit"]
    assert dv.synthesis(drivers, {"I01": ("e", "l")})["factor"].tolist() == ["Votes"]  # only the factors asked for
    with pytest.raises(KeyError, match="X99"):
        dv.synthesis(drivers, {"X99": ("e", "l")})


def test_real_table_has_every_role_and_both_capitals_motives():
    f = data.load("drivers")
    assert set(f["role"]) == set(dv.ROLES)
    assert {"Moscow", "Tehran"} <= set(f.loc[f["role"] == "driver", "capital"])
    # UN votes and sanctions listings are indicators, never drivers
    assert set(f.loc[f["factor"].str.contains("UN General Assembly|sanctions listings"), "role"]) == {"indicator"}
    ev = data.load("events")
    assert len(dv.evidence(f, ev, f["factor_id"].tolist())) > 50


def test_veto_driver_shows_the_record_against_it():
    # Iran's veto motive rests on Russia's votes, so its evidence lists the votes that cut against it
    # too: Russia voted for Resolutions 1737 (23 Dec 2006) and 1929 (9 Jun 2010) and abstained on
    # the 11 Mar 2026 resolution condemning Iran; Iran's S-400 statement (E329) sits under D08.
    f, ev = data.load("drivers"), data.load("events")
    veto = dv.evidence(f, ev, ["D09"])
    assert {"E015", "E020", "E224", "E242", "E304"} <= set(veto["event_id"])
    assert veto["event_id"].tolist()[:2] == ["E015", "E020"]  # the oldest votes come first
    assert veto["date"].tolist()[:2] == ["23 Dec 2006", "9 Jun 2010"]
    assert "E329" in dv.evidence_ids(f, "D08")
