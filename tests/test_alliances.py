"""The three-layer alliance network (helpers.alliances) on hand-made frames, plus real-data checks."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers import alliances as al
from helpers import data
from helpers import partners as pt
from helpers import treaties as tr

# --------------------------------------------------------------------------- strongest obligation


def test_strongest_obligation_takes_the_highest_yes():
    r = al.strongest_obligation({4: "no", 3: "yes", 2: "yes", 1: "no"})
    assert r == {"level": 3, "ceiling": 3, "open_above": False, "status": "neutrality"}  # COW order: 3 = neutrality


def test_unknown_above_the_highest_yes_is_flagged_not_read_as_no():
    r = al.strongest_obligation({4: "unknown", 3: "unknown", 2: "yes", 1: "yes"})
    assert r == {"level": 2, "ceiling": 4, "open_above": True, "status": "non-aggression"}  # COW order: 2


def test_no_yes_but_an_unknown_stays_unknown_and_all_no_is_none():
    assert al.strongest_obligation({4: "no", 3: "unknown", 2: "no", 1: "no"})["status"] == al.UNKNOWN
    assert al.strongest_obligation({4: "no", 3: "no", 2: "no", 1: "no"}) == {
        "level": 0,
        "ceiling": 0,
        "open_above": False,
        "status": "none",
    }
    # 'not coded' rungs count as neither yes nor unknown
    rungs = {4: "not coded", 3: "no", 2: "no", 1: "yes"}
    assert al.strongest_obligation(rungs)["status"] == "consultation"  # level 1 of the Correlates of War order
    assert al.strongest_obligation(rungs, al.LEVELS)["status"] == "non-aggression"  # level 1 of the variant


def _atop(rows):
    cols = ["year", "state_iso3", "partner_iso3", "defense", "offense", "neutral", "nonagg", "consul"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


def test_atop_years_flags_and_missing_dyad_years():
    atop = _atop(
        [(2017, "RUS", "AAA", 0, 0, 1, 1, 1), (2018, "RUS", "AAA", 1, 0, 0, 1, 0), (2018, "RUS", "BBB", 0, 1, 0, 0, 0)]
    )
    out = al.atop_years(atop, partners=("AAA", "BBB"), first=2017, last=2018).set_index(["partner", "year"])
    # neutrality, non-aggression and consultation flagged: the COW order puts neutrality highest ...
    assert out.loc[("AAA", 2017), "status"] == "neutrality" and out.loc[("AAA", 2017), "level"] == 3
    variant = al.atop_years(atop, partners=("AAA",), first=2017, last=2017, order=al.LADDER)
    assert variant["status"].tolist() == ["consultation"]  # ... the variant ladder consultation
    assert out.loc[("AAA", 2018), "status"] == "defence"
    assert out.loc[("BBB", 2017), "status"] == "none"  # no ATOP row: no alliance in force
    assert out.loc[("BBB", 2017), "basis"] == "no ATOP alliance in force"
    assert out.loc[("BBB", 2018), "status"] == "none"  # offense alone is not a rung of the ladder
    assert set(out["source"]) == {"ATOP 5.1"}
    with pytest.raises(ValueError, match="ends in 2018"):
        al.atop_years(atop, last=2019)
    twice = _atop([(2017, "RUS", "AAA", 0, 0, 1, 1, 1), (2017, "RUS", "AAA", 1, 0, 0, 1, 0)])
    with pytest.raises(ValueError, match="partner AAA, year 2017 appears more than once"):
        al.atop_years(twice, partners=("AAA",), first=2017, last=2017)


def _treaty_frames():
    treaties = pd.DataFrame(
        {
            "treaty_id": ["aaa-old-2001", "aaa-new-2025", "bbb-2024", "ccc-multi-1992"],
            "parties_iso3": ["RUS;AAA", "RUS;AAA", "RUS;BBB", "RUS;CCC;DDD"],
            "signed": pd.to_datetime(["2001-01-01", "2025-01-17", "2024-06-01", "1992-05-15"]),
            "entered_into_force": pd.to_datetime(["2002-01-01", "2025-10-02", "2024-12-04", "1994-01-01"]),
        }
    )
    rows = [
        ("aaa-old-2001", "defense", "unknown"),
        ("aaa-old-2001", "consultation", "unknown"),
        ("aaa-old-2001", "neutrality", "yes"),
        ("aaa-old-2001", "nonaggression", "yes"),
        ("aaa-new-2025", "defense", "no"),
        ("aaa-new-2025", "consultation", "yes"),
        ("aaa-new-2025", "neutrality", "yes"),
        ("aaa-new-2025", "nonaggression", "unknown"),
        ("bbb-2024", "defense", "yes"),
        ("ccc-multi-1992", "defense", "yes"),
    ]
    provisions = pd.DataFrame(rows, columns=["treaty_id", "obligation", "present"])
    milestones = pd.DataFrame(
        {"treaty_id": ["bbb-2024"], "milestone": ["expired"], "date": ["2025-03"], "date_precision": ["month"]}
    )
    return treaties, provisions, milestones


def test_collection_years_every_treaty_binding_at_year_end():
    treaties, provisions, milestones = _treaty_frames()
    out = al.collection_years(
        treaties, provisions, milestones, partners=("AAA", "BBB", "CCC"), first=2023, last=2026
    ).set_index(["partner", "year"])
    variant = al.collection_years(
        treaties, provisions, milestones, partners=("AAA",), first=2024, last=2025, order=al.LADDER
    ).set_index(["partner", "year"])
    # AAA: the 2001 treaty alone until 2024 (neutrality, stronger rungs unknown under either order)
    assert out.loc[("AAA", 2024), "status"] == variant.loc[("AAA", 2024), "status"] == "neutrality"
    assert bool(out.loc[("AAA", 2024), "open_above"]) and out.loc[("AAA", 2024), "ceiling"] == 4
    assert bool(variant.loc[("AAA", 2024), "open_above"])  # consultation (unknown) ranks above it there
    # from 2025 both treaties bind: consultation yes (new), defence still unknown (old) -> open above;
    # the COW order keeps neutrality on top, the variant puts consultation there
    assert out.loc[("AAA", 2025), "status"] == "neutrality" and variant.loc[("AAA", 2025), "status"] == "consultation"
    assert bool(out.loc[("AAA", 2025), "open_above"]) and bool(variant.loc[("AAA", 2025), "open_above"])
    assert set(out.loc[("AAA", 2025), "basis"].split(";")) == {"aaa-old-2001", "aaa-new-2025"}
    # BBB: in force on 31 December 2024 only (expired March 2025); outside the ATOP extract: not coded
    assert [out.loc[("BBB", y), "status"] for y in (2023, 2024, 2025)] == [al.NOT_CODED, "defence", al.NOT_CODED]
    assert math.isnan(out.loc[("BBB", 2026), "level"])
    # CCC: bound by the multilateral treaty, which now counts
    assert set(out.loc["CCC", "status"]) == {"defence"}


def test_collection_years_none_only_where_the_rule_allows_it():
    treaties, provisions, milestones = _treaty_frames()
    empty = _atop([(2017, "RUS", "ISR", 1, 0, 0, 0, 0)])
    out = al.collection_years(
        treaties, provisions, milestones, partners=("ISR",), first=2019, last=2019, atop_dyads=empty
    )
    assert out["status"].tolist() == ["none"] and out["level"].tolist() == [0]  # ATOP-extract partner, no treaty
    carried = _atop([(2018, "RUS", "ISR", 0, 1, 0, 0, 0)])
    out = al.collection_years(
        treaties, provisions, milestones, partners=("ISR",), first=2019, last=2019, atop_dyads=carried
    )
    assert out["status"].tolist() == [al.NOT_CODED]  # an ATOP alliance in 2018 that no coded treaty replaces


def test_obligation_years_splices_at_2018_and_keeps_partner_order():
    treaties, provisions, milestones = _treaty_frames()
    atop = _atop([(2018, "RUS", "BBB", 1, 0, 0, 1, 1)])
    out = al.obligation_years(atop, treaties, provisions, milestones, partners=("BBB", "AAA"), first=2017, last=2019)
    assert list(out["partner"]) == ["BBB"] * 3 + ["AAA"] * 3
    assert list(out["source"]) == ["ATOP 5.1", "ATOP 5.1", "collection"] * 2
    grid = al.obligation_grid(out)
    assert grid.loc["BBB"].tolist() == ["none", "defence", al.NOT_CODED]
    assert grid.loc["AAA"].tolist() == ["none", "none", "neutrality"]


# --------------------------------------------------------------------------- arms windows


def _tiv():
    rows = [
        ("RUS", "IRN", 2014, 10.0),
        ("RUS", "IRN", 2014, 5.0),
        ("RUS", "IRN", 2018, 2.5),
        ("RUS", "IRN", 2019, 100.0),
        ("IRN", "RUS", 2022, 40.0),
        ("IRN", "RUS", 2023, 3.0),
        ("RUS", "CHN", 2020, 7.0),
    ]
    return pd.DataFrame(rows, columns=["supplier_iso3", "recipient_iso3", "year", "tiv_millions"])


def test_window_sums_inclusive_and_missing_directions():
    tiv = _tiv()
    assert al.window_sum(tiv, "RUS", "IRN", 2014, 2018) == 17.5
    assert al.window_sum(tiv, "RUS", "IRN", 2015, 2017) == 0.0  # in the extract, no deliveries
    assert math.isnan(al.window_sum(tiv, "CHN", "RUS", 2014, 2023))  # not in the extract
    out = al.arms_windows(tiv, [(2014, 2018), (2019, 2023)], partners=("IRN", "CHN")).set_index(["partner", "window"])
    assert out.loc[("IRN", "2019–2023")].tolist() == [100.0, 43.0, 143.0]
    assert out.loc[("CHN", "2019–2023"), "total"] == 7.0 and math.isnan(out.loc[("CHN", "2019–2023"), "from_partner"])


# --------------------------------------------------------------------------- votes


def test_pooled_agreement_sums_counts_not_rates():
    history = pd.DataFrame(
        {
            "partner_iso3": ["AAA", "AAA", "AAA"],
            "year": [2014, 2015, 2016],
            "n_both_voted": [10, 90, 50],
            "n_identical": [10, 45, 50],
        }
    )
    r = al.pooled_agreement(history, "AAA", 2014, 2015)
    assert r == {"n_both_voted": 100, "n_identical": 55, "agreement": 0.55}  # a mean of rates would give 0.75
    assert math.isnan(al.pooled_agreement(history, "AAA", 2000, 2001)["agreement"])


def test_vote_layer_2025_leaves_absences_out():
    votes = pd.DataFrame(
        {
            "record_id": [1, 1, 2, 2, 3, 3],
            "iso3": ["RUS", "IRN"] * 3,
            "vote": ["yes", "yes", "no", "absent", "abstain", "yes"],
        }
    )
    out = al.vote_layer(pd.DataFrame(), votes, 2025, partners=("IRN",)).iloc[0]
    assert (out["n_both_voted"], out["n_identical"], out["agreement"]) == (2, 1, 0.5)


def test_vote_series_sessions_from_since_then_2025_in_percent():
    history = pd.DataFrame(
        {
            "partner_iso3": ["IRN", "IRN", "CHN", "IRN", "ISR"],
            "year": [1999, 2000, 2000, 2001, 2001],
            "agreement": [0.9, 0.5, 0.75, 0.6, 0.2],
        }
    )
    votes = pd.DataFrame(
        {
            "record_id": [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4],
            "iso3": ["RUS", "IRN", "CHN"] * 4,
            "vote": ["yes", "yes", "yes", "no", "no", "yes", "abstain", "yes", "abstain", "yes", "absent", "yes"],
        }
    )
    out = al.vote_series(history, votes, partners=("IRN", "CHN"), since=2000)
    # 1999 is before `since`, ISR not a partner; CHN has no 2001 session row. 2025 by hand: IRN
    # voted on records 1–3 with Russia and matched on 1 and 2 (2 of 3); CHN matched on 1, 3, 4 (3 of 4).
    assert out.index.tolist() == [2000, 2001, 2025] and out.index.name == "year"
    assert out.columns.tolist() == ["IRN", "CHN"]
    assert out["IRN"].tolist() == pytest.approx([50.0, 60.0, 200 / 3])
    assert out.loc[[2000, 2025], "CHN"].tolist() == pytest.approx([75.0, 75.0])
    assert math.isnan(out.loc[2001, "CHN"])


def test_layer_coverage_names_the_gap_between_the_history_and_2025():
    atop = pd.DataFrame({"year": [2017, 2018]})
    provisions = pd.DataFrame(
        {
            "treaty_id": ["t-2025"] * 6 + ["other"],
            "obligation": ["defense", "offense", "neutrality", "nonaggression", "consultation", "economic", "defense"],
            "present": ["unknown", "no", "unknown", "yes", "unknown", "unknown", "unknown"],
        }
    )
    tiv = pd.DataFrame({"year": [2020, 2024]})
    history = pd.DataFrame({"year": [2019, 2021]})
    votes = pd.DataFrame({"date": ["2025-12-09", "2025-03-02"]})
    out = al.layer_coverage(atop, provisions, {"documented": 40, "total": 47}, tiv, history, votes, treaty_id="t-2025")
    assert out["last covered"].tolist() == ["2018", "the data date", "2024", "2021", "2 Mar 2025 – 9 Dec 2025"]
    # Sessions 2021 and 2025 are covered: the gap is the sessions opening 2022 to 2024.
    assert out.loc[3, "not covered"] == "no session opening 2022–2024; raw rates depend on the agenda"
    # Three of the five ATOP-type obligations of t-2025 are unknown (defense, neutrality, consultation);
    # "economic" and the other treaty's row do not count.
    assert out.loc[1, "not covered"].startswith(
        "2025 Russia–Iran treaty: 40 of 47 articles documented by a source; 3 of its five ATOP-type obligations unknown"
    )
    assert out.loc[0, "not covered"].startswith("no year after 2018,")
    assert out["layer"].tolist() == ["obligations", "obligations", "arms", "votes", "votes"]


# --------------------------------------------------------------------------- ranks and the index


def _values():
    return pd.DataFrame(
        {
            "obligation": ["defence", "consultation", "consultation", al.NOT_CODED],
            "level": [4.0, 3.0, 3.0, np.nan],
            "ceiling": [4.0, 4.0, 3.0, np.nan],
            "open_above": [False, True, False, False],
            "to_partner": [0.0, 50.0, 10.0, 5.0],
            "from_partner": [20.0, np.nan, 0.0, 0.0],
            "arms_total": [20.0, 50.0, 10.0, 5.0],
            "agreement": [0.9, 0.6, 0.8, 0.7],
            "n_both_voted": [10] * 4,
        },
        index=pd.Index(["AAA", "BBB", "CCC", "DDD"], name="partner"),
    )


def test_rank_aggregation_exact_values():
    ranks = al.layer_ranks(_values())
    assert ranks["obligations"].tolist() == [1.0, 2.5, 2.5, 4.0]  # ties share the average; not coded ranks last
    assert ranks["arms"].tolist() == [2.0, 1.0, 3.0, 4.0]
    assert ranks["votes"].tolist() == [1.0, 4.0, 2.0, 3.0]
    index = al.closeness(ranks)
    assert index.round(4).tolist() == [1.3333, 2.5, 2.5, 3.6667]
    assert al.positions(index).tolist() == [1, 2, 2, 4]
    assert al.closeness(ranks, how="median").tolist() == [1.0, 2.5, 2.5, 4.0]
    weighted = al.closeness(ranks, weights={"obligations": 2.0})
    assert weighted.tolist() == [1.25, 2.5, 2.5, 3.75]
    with pytest.raises(ValueError):
        al.closeness(ranks, how="max")


def test_not_coded_left_out_averages_the_other_layers():
    ranks = al.layer_ranks(_values(), missing_last=False)
    assert math.isnan(ranks.loc["DDD", "obligations"])
    assert ranks["obligations"].tolist()[:3] == [1.0, 2.5, 2.5]
    assert al.closeness(ranks).loc["DDD"] == 3.5  # (arms 4 + votes 3) / 2


def test_minmax_index_and_variants():
    v = _values()
    mm = al.minmax_index(v)
    # AAA: obligations 1, arms (20-5)/45 = 1/3, votes 1 → 1 - mean = 1 - 7/9
    assert round(mm.loc["AAA"], 6) == round(1 - (1 + 1 / 3 + 1) / 3, 6)
    table = al.sensitivity(
        {"p": v}, {"base": {}, "ceiling": {"measures": {"obligations": "ceiling"}}, "no votes": {"drop": "votes"}}
    )
    assert table.loc["base"].tolist() == [1, 2, 2, 4]
    # with the ceiling, BBB's unknown defence rung counts: AAA and BBB tie on obligations, CCC falls behind
    assert table.loc["ceiling"].tolist() == [1, 2, 3, 4]
    # without votes: AAA (1 + 2) / 2 = 1.5, BBB (2.5 + 1) / 2 = 1.75, CCC 2.75, DDD 4
    assert table.loc["no votes"].tolist() == [1, 2, 3, 4]
    focus = al.focus_sensitivity(table, "CCC")
    assert focus.iloc[:, 0].tolist() == [2, 3, 3]
    assert focus.iloc[:, 1].tolist() == ["AAA", "AAA", "AAA"]


def test_a_variant_on_a_measure_a_period_lacks_gets_no_position():
    early = _values().assign(kappa=np.nan)
    late = _values().assign(kappa=[0.1, 0.5, 0.2, 0.3])
    table = al.sensitivity({"early": early, "late": late}, {"base": {}, "kappa": {"measures": {"votes": "kappa"}}})
    assert table.loc["kappa", "early"].isna().all()
    assert table.loc["base", "early"].tolist() == [1, 2, 2, 4]
    # by kappa: votes ranks BBB 1, DDD 2, CCC 3, AAA 4; AAA (1+2+4)/3, BBB (2.5+1+1)/3 = 1.5, CCC (2.5+3+3)/3, DDD (5-)
    assert table.loc["kappa", "late"].tolist() == [2, 1, 3, 4]
    focus = al.focus_sensitivity(table, "CCC")
    assert pd.isna(focus.loc["kappa"].iloc[0]) and focus.loc["kappa"].iloc[2] == "—"
    shown = al.focus_display(focus)
    assert shown.loc["kappa"].tolist()[:2] == ["—", 3] and shown.loc["base"].tolist()[:2] == [2, 2]


def test_position_table_sorted_by_position():
    t = al.position_table(_values())
    assert t["partner"].tolist() == ["AAA", "BBB", "CCC", "DDD"]
    assert t["strongest obligation"].tolist()[1] == "consultation (stronger rung unknown)"
    assert t["position"].tolist() == [1, 2, 2, 4]


# --------------------------------------------------------------------------- layout


def test_radial_layout_is_fixed_and_deterministic():
    pos = al.radial_layout(("A", "B", "C", "D"))
    assert pos == al.radial_layout(("A", "B", "C", "D"))
    assert pos == {"RUS": (0.0, 0.0), "A": (0.0, 1.0), "B": (1.0, 0.0), "C": (0.0, -1.0), "D": (-1.0, 0.0)}
    assert list(pos) == ["RUS", "A", "B", "C", "D"]
    assert al.radial_layout(("A", "B"), radius=2.0)["B"] == (0.0, -2.0)


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real():
    atop, treaties = data.load("atop_dyad_years"), data.load("treaties")
    provisions, milestones = data.load("treaty_provisions"), data.load("treaty_milestones")
    years = al.obligation_years(atop, treaties, provisions, milestones, parties=data.load("treaty_parties"))
    years_v = al.obligation_years(
        atop, treaties, provisions, milestones, parties=data.load("treaty_parties"), order=al.LADDER
    )
    tiv, history, votes = data.load("arms_tiv"), data.load("unga_agreement_history"), data.load("unga_votes_2025")
    values = {k: al.layer_values(years, tiv, history, votes, p) for k, p in al.PERIODS.items()}
    return {"years": years, "years_v": years_v, "treaties": treaties, "tiv": tiv, "values": values, "votes": votes}


def test_real_obligations_iran(real):
    grid, variant = al.obligation_grid(real["years"]), al.obligation_grid(real["years_v"])
    # ATOP 4968 from 2001: neutrality, non-aggression and consultation flagged
    assert grid.loc["IRN", 2000] == "none" and grid.loc["IRN", 2001] == "neutrality"  # COW order
    assert variant.loc["IRN", 2001] == variant.loc["IRN", 2018] == "consultation"  # variant ladder
    # 2019-2024: the 2001 treaty alone; neutrality and non-aggression yes, defence and consultation unknown:
    # neutrality under both orders, so only the variant ladder dips at the seam
    assert [grid.loc["IRN", y] for y in range(2018, 2026)] == ["neutrality"] * 8
    assert [variant.loc["IRN", y] for y in range(2019, 2025)] == ["neutrality"] * 6
    opened = al.obligation_grid(real["years"], "open_above")
    assert all(opened.loc["IRN", y] for y in range(2019, 2025)) and not opened.loc["IRN", 2018]
    assert variant.loc["IRN", 2025] == "consultation"  # the 2025 treaty, in force from October 2025
    # China: non-aggression in ATOP's 2018 flags (with consultation) and in the collection's coding
    assert grid.loc["CHN", 2018] == grid.loc["CHN", 2019] == "non-aggression"
    assert variant.loc["CHN", 2018] == "consultation" and variant.loc["CHN", 2019] == "non-aggression"
    assert grid.loc["PRK", 2024] == "defence"
    # Belarus: the Collective Security Treaty (defence) binds in every year, before the 2024 treaty too
    assert [grid.loc["BLR", y] for y in (2019, 2023, 2025)] == ["defence"] * 3
    years = real["years"].set_index(["partner", "year"])
    assert years.loc[("BLR", 2019), "basis"] == "csto-1992"
    # Israel: no treaty and no ATOP alliance -> none, not "not coded"; Syria: ATOP's 2018 alliance is not coded
    assert grid.loc["ISR", 2018] == "none" and grid.loc["ISR", 2025] == "none"
    assert grid.loc["SYR", 2019] == al.NOT_CODED


def test_real_extracted_dyads_match_the_table(real):
    held = set(zip(real["tiv"]["supplier_iso3"], real["tiv"]["recipient_iso3"]))
    assert held <= al.EXTRACTED_DYADS


def test_real_layer_values(real):
    latest = real["values"]["latest"]
    assert latest.loc["IRN", "from_partner"] == pytest.approx(243.0)
    assert latest.loc["IRN", "to_partner"] == pytest.approx(25.5)
    assert latest.loc["IRN", "agreement"] == pytest.approx(144 / 185)
    earlier = real["values"]["earlier"]
    assert earlier.loc["IRN", "obligation"] == "neutrality" and earlier.loc["ISR", "obligation"] == "none"
    assert earlier.loc["IRN", "level"] == 3 and earlier.loc["CHN", "level"] == 2  # COW levels


def test_real_seam_table(real):
    seam = al.seam_table(real["years"], real["treaties"]).set_index("partner")
    # COW order: the same rung on both sides, but the collection leaves the stronger rungs unknown
    assert seam.loc["Iran", "same reading?"] == "same rung; stronger unknown"
    variant = al.seam_table(real["years_v"], real["treaties"]).set_index("partner")
    assert variant.loc["Iran", "same reading?"] == "no"  # variant ladder: consultation, then unknown
    assert variant.loc["China", "same reading?"] == "no"  # 2001 consultation now unknown in the collection's coding
    # 2000 treaty: consultation rests on a newspaper's paraphrase, unknown in the collection's coding
    assert seam.loc["North Korea", "same reading?"] == "no"
    assert seam.loc["Belarus", "same reading?"] == "yes" and seam.loc["Belarus", "coded from"] == "CSTO 1992"
    assert seam.loc["Israel", "same reading?"] == "yes"
    assert seam.loc["Syria", "same reading?"] == "no"


def _votes(rows):
    return pd.DataFrame([{"record_id": r, "iso3": s, "vote": v} for r, s, v in rows])


def test_kappa_is_zero_when_agreement_is_what_chance_gives():
    # both vote yes on 9 of 10, independently: raw agreement high, kappa near zero or below
    rows = [(i, "A", "yes") for i in range(10)] + [(i, "B", "yes" if i else "no") for i in range(10)]
    r = al.vote_kappa(_votes(rows), "A", "B")
    assert r["agreement"] == 0.9 and r["chance"] == 0.9 and pd.isna(r["kappa"]) is False
    assert abs(r["kappa"]) < 1e-9


def test_kappa_perfect_and_opposed():
    same = _votes([(1, "A", "yes"), (1, "B", "yes"), (2, "A", "no"), (2, "B", "no")])
    opp = _votes([(1, "A", "yes"), (1, "B", "no"), (2, "A", "no"), (2, "B", "yes")])
    assert al.vote_kappa(same, "A", "B")["kappa"] == 1.0
    assert al.vote_kappa(opp, "A", "B")["kappa"] == -1.0


def test_kappa_leaves_absences_out_and_names_missing_states():
    v = _votes([(1, "A", "yes"), (1, "B", "yes"), (2, "A", "no"), (2, "B", "absent"), (3, "A", "no"), (3, "B", "no")])
    assert al.vote_kappa(v, "A", "B")["n_both_voted"] == 2
    with pytest.raises(ValueError, match="no votes"):
        al.vote_kappa(v, "A", "C")


def test_kappa_ranks_can_differ_from_raw_ranks():
    # P agrees 3/4 but always votes yes (chance 0.75); Q agrees 3/4 with a mixed record
    rows = [
        (1, "R", "yes"),
        (2, "R", "yes"),
        (3, "R", "yes"),
        (4, "R", "no"),
        (1, "P", "yes"),
        (2, "P", "yes"),
        (3, "P", "yes"),
        (4, "P", "yes"),
        (1, "Q", "yes"),
        (2, "Q", "no"),
        (3, "Q", "yes"),
        (4, "Q", "no"),
    ]
    t = al.kappa_table(_votes(rows), ["P", "Q"], state="R")
    assert t["agreement"].tolist() == [0.75, 0.75]
    assert t.loc[t["partner"] == "P", "kappa"].iloc[0] == 0.0
    assert t.loc[t["partner"] == "Q", "kappa"].iloc[0] > 0


def test_the_ladder_order_is_the_one_obligation_in_force_ranks_by():
    from helpers import treaties as tr

    assert al.LADDER == tr.LADDER_CONSULTATION_FIRST == ("defence", "consultation", "neutrality", "non-aggression")


def test_obligation_years_end_where_asked():
    """The grid stops at the last year the data reach (no column for a year not yet over)."""
    atop = pd.DataFrame(columns=["partner_iso3", "year", "defense", "offense", "neutral", "nonagg", "consul"])
    treaties = data.load("treaties")
    years = al.obligation_years(
        atop,
        treaties,
        data.load("treaty_provisions"),
        data.load("treaty_milestones"),
        partners=("IRN",),
        first=2017,
        last=2025,
        parties=data.load("treaty_parties"),
    )
    assert years["year"].tolist() == list(range(2017, 2026))


def test_no_obligation_shown_rests_only_on_low_confidence_codings():
    """Notebook 06 says so: every rung the grid shows from 2019 has at least one 'yes' coding of a
    binding treaty that cites a source above low confidence."""
    from helpers import reliability
    from helpers import treaties as tr

    provisions = data.load("treaty_provisions")
    provisions = provisions.assign(conf=reliability.confidence(provisions))
    years = al.obligation_years(
        data.load("atop_dyad_years"),
        data.load("treaties"),
        provisions,
        data.load("treaty_milestones"),
        last=2025,
        parties=data.load("treaty_parties"),
    )
    shown = years[(years["source"] == "collection") & (years["level"] > 0)]
    assert len(shown) > 20
    for rec in shown.to_dict("records"):
        binding = rec["basis"].split(";")
        yes = provisions[
            provisions["treaty_id"].isin(binding)
            & provisions["obligation"].isin(tr.RUNG_OBLIGATIONS[rec["status"]])
            & (provisions["present"] == "yes")
        ]
        assert (yes["conf"] != "low").any(), (rec["partner"], rec["year"], rec["status"])


def test_obligation_runs_join_consecutive_years_and_split_on_a_gap_or_a_change():
    years = pd.DataFrame(
        {
            "partner": ["BLR"] * 4 + ["IRN"] * 3,
            "year": [1992, 1993, 1994, 1996, 2018, 2019, 2020],
            "status": ["consultation", "defence", "defence", "defence", "consultation", "neutrality", "neutrality"],
            "open_above": [False, False, False, False, False, True, True],
        }
    )
    assert al.obligation_runs(years) == {
        "BLR": "consultation in 1992, defence 1993–1994, defence in 1996",
        "IRN": "consultation in 2018, neutrality (a stronger rung unknown) 2019–2020",
    }


def test_real_kappa_variant_ranks_votes_by_kappa_in_the_latest_period_only(real):
    values = {k: v.drop(index=list(al.REFERENCE)) for k, v in real["values"].items()}
    assert values["earlier"]["kappa"].isna().all()  # the per-session history holds rates only
    latest = values["latest"]
    assert latest.loc["IRN", "kappa"] == pytest.approx(al.vote_kappa(real["votes"], "RUS", "IRN")["kappa"])
    by_kappa = al.layer_ranks(latest, {"votes": "kappa"})["votes"]
    by_raw = al.layer_ranks(latest)["votes"]
    # raw agreement puts Iran fifth of five; kappa fourth, with Syria fifth
    assert (by_raw["IRN"], by_kappa["IRN"], by_kappa["SYR"]) == (5.0, 4.0, 5.0)
    label = "Votes ranked by Cohen's κ (latest period only)"
    table = al.sensitivity(values)
    assert pd.isna(table.loc[label, ("earlier", "IRN")])
    assert table.loc[label, ("latest", "IRN")] == al.positions(al.variant_index(latest, al.VARIANTS[label]))["IRN"]
    focus = al.focus_sensitivity(table, "IRN")
    assert focus.loc[label].iloc[2] == "—"  # no first place in a period without kappa


def test_real_index_partners_qualify_under_the_partner_rule(real):
    support = data.load("war_support")
    years = real["years"]
    last = int(years["year"].max())
    obligations = years[years["year"] == last].set_index("partner")["status"].to_dict()
    csto = tr.parties_on("csto-1992", f"{last}-12-31", real["treaties"], data.load("treaty_parties"))
    rule = pt.apply_rule(obligations, csto, al.PARTNERS, real["tiv"], support, real["votes"])
    chosen = al.index_partners(rule)
    qualified = set(rule.loc[rule["partner"], "state"])
    assert set(chosen) <= qualified
    assert not set(al.REFERENCE) & qualified  # Israel is drawn for reference only
    # the rule's other partners are those the arms or votes extract does not cover: the index needs all three layers
    left_out = rule[rule["partner"] & ~rule["state"].isin(chosen)]
    assert len(left_out) > 0 and (left_out["layers without data"] != "—").all()
    with pytest.raises(ValueError, match="not qualified"):
        al.index_partners(rule.assign(partner=rule["state"] != "IRN"))


# --------------------------------------------------------------------------- ladder order and what-if


def test_ladder_levels_cow_and_variant():
    assert al.ladder_levels() == {4: "defence", 3: "neutrality", 2: "non-aggression", 1: "consultation", 0: "none"}
    assert al.ladder_levels(al.LADDER) == al.LEVELS
    assert al.LADDER_COW == tr.LADDER_COW  # one order, shared with helpers.obligations
    with pytest.raises(ValueError, match="each rung"):
        al.ladder_levels(("defence", "defence", "neutrality", "consultation"))
    # colours follow the level, not the label: consultation is darkest-but-one only on the variant ladder
    assert al.status_colours()["neutrality"] == al.status_colours(al.LADDER)["consultation"] == al.LEVEL_COLOURS[3]


def _three():
    return pd.DataFrame(
        {
            "level": [4.0, 3.0, 2.0],
            "ceiling": [4.0, 3.0, 2.0],
            "arms_total": [10.0, 30.0, 20.0],
            "agreement": [0.5, 0.9, 0.7],
        },
        index=pd.Index(["AAA", "BBB", "CCC"], name="partner"),
    )


def test_what_if_by_hand():
    # ranks: obligations A1 B2 C3; arms B1 C2 A3; votes B1 C2 A3 -> A 7/3, B 4/3, C 7/3
    out = al.what_if(
        _three(),
        "CCC",
        {
            "as is": {},
            "defence": {"level": 4.0},  # obligations A, C 1.5, B 3 -> C (1.5+2+2)/3, B 5/3
            "arms above BBB": {"arms_total": "BBB"},  # arms C1 B2 A3 -> C 2.0, B 5/3
            "both": {"level": 4.0, "arms_total": "BBB"},  # C (1.5+1+2)/3 = 1.5, B 2.0, A 2.5
        },
    ).set_index("scenario")
    assert out.loc["as is"].tolist() == [2.33, 2, "BBB", "AAA"]
    assert out.loc["defence"].tolist() == [1.83, 2, "BBB", "—"]
    assert out.loc["arms above BBB"].tolist() == [2.0, 2, "BBB", "—"]
    assert out.loc["both"].tolist() == [1.5, 1, "—", "—"]
    with pytest.raises(ValueError, match="no column 'tanks'"):
        al.what_if(_three(), "CCC", {"x": {"tanks": 1.0}})
    with pytest.raises(ValueError, match="no partner 'ZZZ'"):
        al.what_if(_three(), "CCC", {"x": {"arms_total": "ZZZ"}})
    with pytest.raises(ValueError, match="no partner 'CCX'"):  # a mistyped focus is not a new partner
        al.what_if(_three(), "CCX", {"x": {"level": 4.0}})
    missing = _three()
    missing.loc["BBB", "arms_total"] = float("nan")
    with pytest.raises(ValueError, match="missing, nothing to place above"):
        al.what_if(missing, "CCC", {"x": {"arms_total": "BBB"}})


def test_real_cow_order_removes_the_iran_and_china_dips(real):
    seam = al.seam_table(real["years"], real["treaties"], variant=real["years_v"]).set_index("partner")
    assert seam.loc["Iran", "same reading?"] == seam.loc["China", "same reading?"] == "same rung; stronger unknown"
    assert seam.loc["North Korea", "same reading?"] == "no"  # non-aggression in ATOP, unknown in the collection
    assert seam.loc["Iran", "variant ladder, 2018 → 2019"] == "consultation → neutrality"
    assert seam.loc["Belarus", "variant ladder, 2018 → 2019"] == "defence → defence"


def test_real_variant_ladder_level_in_the_values(real):
    tiv, votes = real["tiv"], real["votes"]
    history = data.load("unga_agreement_history")
    v = al.layer_values(real["years"], tiv, history, votes, al.PERIODS["earlier"], variant_years=real["years_v"])
    assert v.loc["IRN", "level"] == 3 and v.loc["IRN", "level_variant"] == 3  # neutrality (COW), consultation
    assert v.loc["CHN", "level"] == 2 and v.loc["CHN", "level_variant"] == 3  # non-aggression (COW), consultation
    assert real["values"]["earlier"]["level_variant"].isna().all()  # no variant years given
