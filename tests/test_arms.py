"""Arms transfers (SIPRI TIV and deals) and the sanctions trace (OFAC) — on small hand-made
frames with exact expected values, and on the real tables."""

import pandas as pd
import pytest

from helpers import arms, data


def _tiv():
    rows = [
        # supplier, recipient, year, category, tiv
        ("RUS", "IRN", 1999, "all", 100.0),
        ("RUS", "IRN", 2001, "Aircraft", 10.0),
        ("RUS", "IRN", 2001, "Missiles", 5.5),
        ("RUS", "IRN", 2003, "Missiles", 4.0),
        ("IRN", "RUS", 2002, "Missiles", 120.0),
        ("IRN", "RUS", 2003, "Aircraft", 3.0),
        ("RUS", "CHN", 2001, "Ships", 999.0),
    ]
    return pd.DataFrame(rows, columns=["supplier_iso3", "recipient_iso3", "year", "armament_category", "tiv_millions"])


def test_tiv_by_year_sums_categories_and_fills_zero():
    t = arms.tiv_by_year(_tiv(), [("RUS", "IRN"), ("IRN", "RUS")], 1999, 2003)
    assert list(t.columns) == ["Russia → Iran", "Iran → Russia"]
    assert t["Russia → Iran"].tolist() == [100.0, 0.0, 15.5, 0.0, 4.0]
    assert t["Iran → Russia"].tolist() == [0.0, 0.0, 0.0, 120.0, 3.0]


def test_tiv_totals_by_dyad_and_period():
    t = arms.tiv_totals(_tiv(), [("RUS", "IRN"), ("IRN", "RUS")], [(1999, 2000), (2001, 2003)])
    assert t.loc["Russia → Iran"].tolist() == [100.0, 19.5]
    assert t.loc["Iran → Russia"].tolist() == [0.0, 123.0]


def test_tiv_by_category_uses_categorised_years_only():
    c = arms.tiv_by_category(_tiv(), ("RUS", "IRN"), 1999, 2003)
    assert list(c.index) == [2000, 2001, 2002, 2003]
    assert list(c.columns) == ["Aircraft", "Missiles"]
    assert c.loc[2001].tolist() == [10.0, 5.5]
    assert c.loc[2002].tolist() == [0.0, 0.0]


def test_deals_marks_uncertain_values():
    d = pd.DataFrame(
        {
            "deal_id": ["d1", "d2", "d3"],
            "supplier_iso3": ["IRN", "IRN", "RUS"],
            "recipient_iso3": ["RUS", "RUS", "IRN"],
            "order_year": pd.array([2021, 2022, 2022], dtype="Int64"),
            "order_year_uncertain": [False, True, False],
            "number_ordered": pd.array([pd.NA, 20, 1], dtype="Int64"),
            "number_ordered_uncertain": [False, True, False],
            "weapon_designation": ["A", "B", "C"],
            "weapon_description": ["SSM", "UAV", "x"],
            "number_delivered": pd.array([100, 20, pd.NA], dtype="Int64"),
            "number_delivered_uncertain": [True, False, False],
            "delivery_years": ["2022;2023", "2022", None],
            "tiv_delivered_millions": pd.array([20.0, 3.0, pd.NA], dtype="Float64"),
            "comments": ["c", None, None],
        }
    )
    t = arms.deals(d, ("IRN", "RUS"))
    assert list(t.columns) == [
        "order year",
        "weapon",
        "number ordered",
        "number delivered",
        "delivery years",
        "TIV delivered (millions)",
        "SIPRI comment",
    ]
    assert t["order year"].tolist() == ["2022?", "2021"]
    assert t["number ordered"].tolist() == ["20?", "—"]
    assert t["number delivered"].tolist() == ["20", "100?"]
    assert t["delivery years"].tolist() == ["2022", "2022, 2023"]
    assert t["weapon"].tolist() == ["B (UAV)", "A (SSM)"]
    assert t["SIPRI comment"].tolist() == ["", "c"]
    assert len(arms.deals(d, ("IRN", "RUS"), since=2022)) == 1
    assert arms.deals(d, ("IRN", "RUS"), newest_first=False)["weapon"].tolist() == ["A (SSM)", "B (UAV)"]


def _nexus():
    return pd.DataFrame(
        {
            "name": ["B", "A", "C", "D"],
            "sdn_type": ["entity", "entity", "individual", "entity"],
            "iran_programs": ["IFSR", "IFSR;IRGC", "IFSR", None],
            "russia_programs": ["RUSSIA-EO14024", "RUSSIA-EO14024", None, "RUSSIA-EO14024"],
            "nexus_kind": [
                "both-programs",
                "both-programs",
                "iran-program-russia-remarks",
                "russia-program-iran-remarks",
            ],
        }
    )


def test_nexus_by_kind_counts_with_totals():
    t = arms.nexus_by_kind(_nexus())
    assert list(t.columns) == ["entity", "individual", "total"]
    assert t.loc[arms.NEXUS_KINDS["both-programs"]].tolist() == [2, 0, 2]
    assert t.loc["All entries"].tolist() == [3, 1, 4]


def test_nexus_entries_and_programs():
    e = arms.nexus_entries(_nexus())
    assert e["name"].tolist() == ["A", "B", "C", "D"]
    assert e.loc[0, "Iran-related programs"] == "IFSR, IRGC"
    assert e.loc[2, "Russia-related programs"] == "—"
    counts = pd.DataFrame(
        {
            "program": ["X", "Y", "Z", "W"],
            "program_group": ["iran", "russia", "other", "iran"],
            "sdn_entries": [10, 20, 5, 7],
            "nexus_entries": [3, 3, 0, 5],
            "both_programs_entries": [1, 3, 0, 2],
        }
    )
    p = arms.nexus_programs(counts)
    assert p["program"].tolist() == ["W", "X", "Y"]


def test_real_tables_sum_consistently():
    tiv = data.load("arms_tiv")
    by_year = arms.tiv_by_year(tiv, [("RUS", "IRN")], 1950, 2023)
    sub = tiv[(tiv["supplier_iso3"] == "RUS") & (tiv["recipient_iso3"] == "IRN")]
    assert by_year["Russia → Iran"].sum() == pytest.approx(float(sub["tiv_millions"].sum()))
    nexus = data.load("sanctions_nexus")
    assert arms.nexus_by_kind(nexus).loc["All entries", "total"] == len(nexus)
