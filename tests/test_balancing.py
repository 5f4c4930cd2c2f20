"""Indicators of Russia's ties to Iran and Israel (helpers.balancing) on small frames with exact answers."""

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import arms
from helpers import balancing as bl


def _votes(rows):
    """rows: (record_id, title, {iso3: vote})"""
    return pd.DataFrame(
        [
            {
                "record_id": r,
                "resolution": f"A/RES/80/{r}",
                "date": pd.Timestamp("2025-10-01"),
                "title": t,
                "iso3": k,
                "vote": v,
            }
            for r, t, votes in rows
            for k, v in votes.items()
        ]
    )


VOTES = _votes(
    [
        (1, "Question of Palestine", {"RUS": "yes", "IRN": "yes", "ISR": "no"}),
        (2, "Nuclear disarmament", {"RUS": "no", "IRN": "no", "ISR": "no"}),
        (3, "Human rights in Iran", {"RUS": "no", "IRN": "no", "ISR": "absent"}),
        (4, "Oceans", {"RUS": "abstain", "IRN": "yes", "ISR": "abstain"}),
        (5, "Israeli settlements", {"RUS": "yes", "IRN": "absent", "ISR": "no"}),
    ]
)


def test_vote_agreement_counts_only_votes_both_cast():
    irn = bl.vote_agreement(VOTES, "RUS", "IRN")
    assert irn == {"votes": 5, "both voted": 4, "identical": 3, "agreement": 0.75, "either absent": 1}
    isr = bl.vote_agreement(VOTES, "RUS", "ISR")
    assert isr == {"votes": 5, "both voted": 4, "identical": 2, "agreement": 0.5, "either absent": 1}


def test_vote_agreement_on_a_subset_and_unknown_state():
    assert bl.vote_agreement(VOTES, "RUS", "ISR", records=[1, 5])["agreement"] == 0.0
    with pytest.raises(ValueError, match="state .USA. has no votes"):
        bl.vote_agreement(VOTES, "RUS", "USA")


def test_agreement_table_and_topics():
    table = bl.agreement_table(VOTES, partners=("IRN", "ISR"))
    assert table["pair"].tolist() == ["Russia–Iran", "Russia–Israel"]
    assert table["agreement"].tolist() == [0.75, 0.5]
    assert bl.topic_records(VOTES, "palestin|israel") == [1, 5]
    topics = bl.agreement_by_topic(VOTES, "palestin|israel", "Middle East")
    got = topics.set_index(["votes on", "pair"])["agreement"]
    assert got[("Middle East", "Russia–Iran")] == 1.0  # only vote 1 counts (Iran absent on 5)
    assert got[("Middle East", "Russia–Israel")] == 0.0  # 0 of 2
    assert got[("all other recorded votes", "Russia–Iran")] == pytest.approx(2 / 3, abs=1e-4)
    assert got[("all other recorded votes", "Russia–Israel")] == 1.0  # votes 2 and 4 (3: Israel absent)


def test_agreement_history_pivots_partners():
    hist = pd.DataFrame(
        {
            "state_iso3": "RUS",
            "partner_iso3": ["IRN", "ISR", "IRN", "ISR", "USA"],
            "session": [73, 73, 74, 74, 74],
            "year": [2018, 2018, 2019, 2019, 2019],
            "n_both_voted": 10,
            "n_identical": [7, 2, 8, 3, 1],
            "agreement": [0.7, 0.2, 0.8, 0.3, 0.1],
        }
    )
    out = bl.agreement_history(hist, since=2019)
    assert list(out.columns) == ["IRN", "ISR"] and out.index.tolist() == [2019]
    assert out.loc[2019].tolist() == [0.8, 0.3]


def test_imf_turnover_needs_both_flows():
    trade = pd.DataFrame(
        {
            "partner_iso3": ["IRN", "IRN", "IRN", "ISR"],
            "partner_name": "x",
            "year": [2022, 2022, 2023, 2023],
            "flow": ["exports", "imports", "exports", "exports"],
            "value_usd_millions": [1500.0, 500.0, 1200.0, 900.0],
            "release": "r",
        }
    )
    out = bl.imf_trade(trade).set_index(["partner", "year"])
    assert out.loc[("IRN", 2022), "turnover"] == 2.0
    assert math.isnan(out.loc[("IRN", 2023), "turnover"]) and out.loc[("IRN", 2023), "exports"] == 1.2


def test_ideal_points_pivots_states_in_order_from_since():
    ideal = pd.DataFrame(
        {
            "iso3": ["RUS", "RUS", "IRN", "USA", "RUS"],
            "year": [2000, 2001, 2001, 2001, 2002],
            "ideal_point": [2.0, 1.5, -0.5, 3.0, 1.0],
        }
    )
    out = bl.ideal_points(ideal, states=("RUS", "IRN"), since=2001)
    # 2000 is before `since`, USA is not asked for; IRN has no 2002 row.
    assert out.index.tolist() == [2001, 2002] and out.columns.tolist() == ["RUS", "IRN"]
    assert out["RUS"].tolist() == [1.5, 1.0]
    assert out.loc[2001, "IRN"] == -0.5 and math.isnan(out.loc[2002, "IRN"])
    assert bl.ideal_points(ideal, states=("RUS",)).index.tolist() == [2000, 2001, 2002]


def test_trade_coverage_spans_years_and_leaves_low_confidence_rows_out(monkeypatch):
    from helpers import sources

    registry = pd.DataFrame({"source_id": ["ok", "weak"], "confidence": ["high", "low"]})
    real = sources.low_confidence
    monkeypatch.setattr(
        sources, "low_confidence", lambda frame, table=None, column="source_ids": real(frame, registry, column)
    )
    nan = float("nan")
    imf = pd.DataFrame(
        {
            "partner": ["IRN", "IRN", "IRN", "ISR"],
            "year": [2021, 2022, 2023, 2021],
            "exports": [3.0, 1.5, 1.2, 2.0],
            "imports": [1.0, 0.5, nan, 1.0],
            "turnover": [4.0, 2.0, nan, 3.0],
        }
    )
    stated = pd.DataFrame(
        {
            "partner": ["IRN", "IRN", "IRN", "ISR"],
            "year": [2022, 2022, 2023, 2019],
            "source_ids": ["ok", "ok", "weak", "ok"],
        }
    )
    statements = pd.DataFrame(
        {
            "partner_iso3": ["IRN", "IRN", "IRN"],
            "year": [2024, 2025, 2022],
            "value_usd_bn": pd.array([None, None, 4.6], dtype="Float64"),
            "source_ids": ["ok", "weak", "ok"],
        }
    )
    out = bl.trade_coverage(imf, stated, statements)
    # By hand: IRN turnover in 2021 and 2022 (a range), exports alone in 2023 (one year); the 2023
    # statement and the 2025 growth-only one rest only on a low-confidence source and cover nothing.
    assert out.to_dict("records") == [
        {
            "partner": "Iran",
            "IMF: exports + imports": "2021–2022",
            "IMF: exports only": "2023",
            "stated full-year levels": "2022",
            "growth-only statements (years)": "2024",
        },
        {
            "partner": "Israel",
            "IMF: exports + imports": "2021",
            "IMF: exports only": "none",
            "stated full-year levels": "2019",
            "growth-only statements (years)": "none",
        },
    ]


def test_stated_trade_keeps_full_year_levels_and_flags_lower_bounds():
    st = pd.DataFrame(
        {
            "statement_id": ["TS1", "TS2", "TS3", "TS4"],
            "partner_iso3": ["IRN", "IRN", "ISR", "IRN"],
            "year": [2023, 2024, 2019, 2025],
            "period": ["full_year", "jan-sep", "full_year", "full_year"],
            "value_usd_bn": [4.0, 3.3, 5.0, None],
            "measure": "turnover",
            "claimant": "c",
            "claimant_role": "government",
            "source_ids": "s",
            "note": ["", "", "exceeded US$5 billion", "GROWTH ONLY"],
        }
    )
    st["value_usd_bn"] = st["value_usd_bn"].astype("Float64")
    out = bl.stated_trade(st)
    assert out["statement_id"].tolist() == ["TS1", "TS3"]
    assert out["lower_bound"].tolist() == [False, True]


def _events(rows):
    return pd.DataFrame(
        [
            {
                "event_id": e,
                "date": d,
                "date_precision": "day",
                "event": f"event {e}",
                "domain": "diplomacy",
                "event_type": t,
                "actors_iso3": a,
                "source_ids": "s",
                "note": "",
            }
            for e, d, t, a in rows
        ]
    )


EVENTS = _events(
    [
        ("E001", "2024-05-01", "meeting", "RUS;ISR"),
        ("E002", "2025-01-10", "meeting", "RUS;IRN"),
        ("E003", "2025-06-13", "military_action", "ISR;IRN"),  # war starts
        ("E004", "2025-06-14", "meeting", "RUS;ISR;IRN"),
        ("E005", "2025-06-15", "statement", "RUS;IRN"),
        ("E006", "2025-06-16", "delivery", "RUS;IRN"),
        ("E007", "2025-06-17", "statement", "RUS;USA"),  # does not name Iran
        ("E008", "2025-06-20", "agreement", "ISR;IRN;USA"),  # ceasefire
        ("E009", "2025-07-01", "meeting", "ISR;USA"),
    ]
)


def test_contacts_per_year_counts_the_counterpart_not_every_actor():
    contacts = pd.DataFrame(
        {
            "contact_id": ["C1", "C2", "C3", "C4"],
            "event_id": ["E1", "E2", "E3", "E3"],
            "date": ["2024-05-01", "2025-06-14", "2025-06", "2025-06"],
            "date_precision": ["day", "day", "month", "month"],
            "state_iso3": ["RUS"] * 4,
            "counterpart_iso3": ["ISR", "USA", "IRN", "ISR"],
        }
    )
    table = bl.contacts_per_year(contacts, ("ISR", "IRN"), since=2023)
    assert table.index.tolist() == [2023, 2024, 2025]
    assert table["Russia–Israel"].tolist() == [0, 1, 1]
    assert table["Russia–Iran"].tolist() == [0, 0, 1]  # the call with the US about Iran is not a Russia–Iran contact


def test_contacts_per_year_can_count_one_level_only():
    contacts = pd.DataFrame(
        {
            "contact_id": ["C1", "C2", "C3", "C4"],
            "event_id": ["E1", "E2", "E3", "E4"],
            "date": ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"],
            "date_precision": ["day"] * 4,
            "state_iso3": ["RUS"] * 4,
            "counterpart_iso3": ["IRN", "IRN", "IRN", "ISR"],
            "level": ["leader", "minister", "delegation", "leader"],
        }
    )
    every = bl.contacts_per_year(contacts, ("ISR", "IRN"))
    leaders = bl.contacts_per_year(contacts, ("ISR", "IRN"), levels=("leader",))
    assert every.loc[2025].tolist() == [1, 3]
    assert leaders.loc[2025].tolist() == [1, 1]  # the minister's and the delegation's talks are left out
    with pytest.raises(ValueError, match="levels"):
        bl.contacts_per_year(contacts, ("ISR", "IRN"), levels=("president",))


def test_plot_meetings_marks_years_searched_less(monkeypatch):
    table = pd.DataFrame({"Russia–Israel": [3, 4], "Russia–Iran": [0, 0]}, index=pd.Index([2016, 2017], name="year"))
    drawn = {}
    monkeypatch.setattr(bl.style, "show", lambda fig, alt: drawn.update(fig=fig))
    bl.plot_meetings(table, "t", "s", "a", gaps={"Russia–Iran": (2016, 2017)})
    ax = drawn["fig"].axes[0]
    assert [t.get_text() for t in ax.texts].count("?") == 2
    assert any("searched less" in t.get_text() for t in ax.get_legend().get_texts())
    plt.close(drawn["fig"])
    with pytest.raises(ValueError, match="gaps"):
        bl.plot_meetings(table, "t", "s", "a", gaps={"Russia–Iran": (2015,)})
    assert plt.get_fignums() == []  # the bad call is refused before a figure is opened


def test_conduct_in_a_war_window_uses_the_one_rule():
    periods = pd.DataFrame(
        {
            "period_id": ["war-2025-06", "war-2026"],
            "label": ["June", "Later"],
            "start": ["2025-06-13", "2026-01-01"],
            "end": ["2025-06-20", "2026-01-02"],
            "precision": ["day", "day"],
        }
    )
    summary = bl.conduct_summary(EVENTS, periods).set_index("window")
    june = summary.loc["June"]
    # E004 (meeting) is a contact, E005 and E007 words, E006 material help; E003 and E008 are not Russia's
    assert (june["Russia: contacts (calls, meetings)"], june["Russia: words (statements)"]) == (1, 2)
    assert june["Russia: material help (deliveries, economic, military)"] == 1
    assert june["Russian events"] == 4 and summary.loc["Later", "Russian events"] == 0
    acts = bl.conduct_acts(EVENTS, periods)
    assert acts["event_id"].tolist() == ["E006"]


def test_arms_pairs_and_deals():
    deals = pd.DataFrame(
        {
            "deal_id": ["a", "b", "c"],
            "supplier_iso3": ["ISR", "ISR", "RUS"],
            "recipient_iso3": ["RUS", "RUS", "IRN"],
            "order_year": [2009, 2010, 2007],
            "order_year_uncertain": [False, False, False],
            "weapon_designation": ["Searcher", "I-View", "S-300"],
            "weapon_description": ["UAV", "UAV", "SAM system"],
            "number_ordered": pd.array([2, 8, 5], dtype="Int64"),
            "number_ordered_uncertain": [False, True, False],
            "number_delivered": pd.array([2, 8, None], dtype="Int64"),
            "number_delivered_uncertain": [True, False, False],
            "delivery_years": ["2009;2010", "2013", None],
            "tiv_delivered_millions": [0.6, 3.0, None],
            "comments": ["x", "y", "cancelled"],
        }
    )
    pairs = bl.arms_pairs(deals, (("ISR", "RUS"), ("RUS", "IRN"), ("RUS", "ISR"))).set_index("supplier → recipient")
    assert (
        pairs.loc["Israel → Russia", "deals"] == 2 and pairs.loc["Israel → Russia", "TIV delivered (millions)"] == 3.6
    )
    assert pairs.loc["Russia → Iran", "TIV delivered (millions)"] == 0.0
    assert pairs.loc["Russia → Israel", "deals"] == 0 and pairs.loc["Russia → Israel", "weapon types"] == "—"
    table = arms.deals(deals, ("ISR", "RUS"), newest_first=False)  # the one SIPRI deal table
    assert table["number ordered"].tolist() == ["2", "8?"] and table["delivery years"].tolist() == [
        "2009, 2010",
        "2013",
    ]


def test_ideal_point_chart_shades_the_interval_it_is_given(shown_figures):
    from matplotlib.collections import PolyCollection

    ideal = pd.DataFrame(
        {
            "iso3": ["RUS", "RUS", "IRN", "IRN"],
            "year": [2000, 2001, 2000, 2001],
            "ideal_point": [0.2, 0.1, -1.5, -1.6],
            "q05": [0.0, -0.1, -1.9, -2.0],
            "q95": [0.4, 0.3, -1.1, -1.2],
        }
    )
    points = bl.ideal_points(ideal, ("RUS", "IRN"))
    low, high = bl.ideal_points(ideal, ("RUS",), column="q05"), bl.ideal_points(ideal, ("RUS",), column="q95")
    assert low["RUS"].tolist() == [0.0, -0.1] and high["RUS"].tolist() == [0.4, 0.3]
    with pytest.raises(ValueError, match="q50"):
        bl.ideal_points(ideal, column="q50")
    bl.plot_ideal_points(points, "T", "Source: x.", "alt text " * 5, low=low, high=high)
    bands = [c for c in shown_figures[0].axes[0].collections if isinstance(c, PolyCollection)]
    assert len(bands) == 1  # Russia's interval only: Iran's was not asked for
    ys = bands[0].get_paths()[0].vertices[:, 1]
    assert ys.min() == pytest.approx(-0.1) and ys.max() == pytest.approx(0.4)
    with pytest.raises(ValueError, match="both ends"):
        bl.plot_ideal_points(points, "T", "Source: x.", "alt text " * 5, low=low)
