"""UN votes: ideal points, the agreement rule and the charts — on small hand-made frames with
exact expected values, and on the real tables."""

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import data, style
from helpers import votes as vt


def _votes(rows):
    """rows: (record_id, iso3, vote)."""
    return pd.DataFrame(rows, columns=["record_id", "iso3", "vote"])


# Four recorded votes: RUS and IRN agree on 1 and 3, disagree on 2; IRN is absent on 4.
FOUR = _votes(
    [
        (1, "RUS", "yes"),
        (1, "IRN", "yes"),
        (1, "ISR", "no"),
        (2, "RUS", "abstain"),
        (2, "IRN", "yes"),
        (2, "ISR", "abstain"),
        (3, "RUS", "no"),
        (3, "IRN", "no"),
        (3, "ISR", "absent"),
        (4, "RUS", "yes"),
        (4, "IRN", "absent"),
        (4, "ISR", "no"),
    ]
)


def test_pair_agreement_leaves_absences_out():
    r = vt.pair_agreement(FOUR, "RUS", "IRN")
    assert r == {"n_votes": 4, "n_both_voted": 3, "n_identical": 2, "agreement": 2 / 3}


def test_abstain_abstain_counts_as_the_same_vote():
    r = vt.pair_agreement(FOUR, "RUS", "ISR")
    # vote 3: ISR absent (left out); 1: yes/no, 2: abstain/abstain, 4: yes/no
    assert (r["n_both_voted"], r["n_identical"]) == (3, 1)
    assert r["agreement"] == pytest.approx(1 / 3)


def test_pair_agreement_is_symmetric_and_nan_without_common_votes():
    assert vt.pair_agreement(FOUR, "IRN", "RUS") == vt.pair_agreement(FOUR, "RUS", "IRN")
    never = _votes([(1, "AAA", "yes"), (1, "BBB", "absent")])
    assert math.isnan(vt.pair_agreement(never, "AAA", "BBB")["agreement"])
    with pytest.raises(ValueError, match="no votes"):
        vt.pair_agreement(FOUR, "RUS", "USA")


def test_agreement_matrix_and_table():
    m = vt.agreement_matrix(FOUR, ("RUS", "IRN", "ISR"))
    assert m.loc["RUS", "RUS"] == 1.0
    assert m.loc["RUS", "IRN"] == m.loc["IRN", "RUS"] == pytest.approx(2 / 3)
    # IRN–ISR: vote 1 yes/no, vote 2 yes/abstain; 3 and 4 have an absence
    assert m.loc["IRN", "ISR"] == 0.0
    t = vt.agreement_table(FOUR, [("RUS", "IRN")])
    assert t.to_dict("records") == [
        {
            "pair": "Russia – Iran",
            "recorded votes": 4,
            "both voted": 3,
            "same vote": 2,
            "agreement (%)": pytest.approx(200 / 3),
        }
    ]


def test_vote_counts():
    c = vt.vote_counts(FOUR, ("RUS", "IRN"))
    assert c.loc["Russia"].tolist() == [2, 1, 1, 0]
    assert c.loc["Iran"].tolist() == [2, 1, 0, 1]


def _ideal():
    return pd.DataFrame(
        {
            "iso3": ["RUS", "RUS", "RUS", "IRN", "IRN", "IRN", "USA", "USA"],
            "year": pd.array([2000, 2001, 2002, 2000, 2001, 2002, 2000, 2002], dtype="Int64"),
            "ideal_point": pd.array([1.0, 0.5, 0.0, -1.0, -1.0, -0.5, 3.0, 3.0], dtype="Float64"),
        }
    )


def test_ideal_point_wide_and_distance():
    w = vt.ideal_point_wide(_ideal(), ("RUS", "USA", "IRN"))
    assert list(w.columns) == ["RUS", "USA", "IRN"]
    assert math.isnan(w.loc[2001, "USA"])
    d = vt.ideal_point_distance(_ideal(), "RUS", ["IRN", "USA"])
    assert d["IRN"].tolist() == [2.0, 1.5, 0.5]
    assert d.loc[2002, "USA"] == 3.0


def test_distance_by_period_means_over_available_years():
    t = vt.distance_by_period(_ideal(), "RUS", ["IRN", "USA"], [(2000, 2001), (2002, 2002)])
    assert list(t.index) == ["2000–2001", "2002"]
    assert t.loc["2000–2001", "IRN"] == pytest.approx(1.75)
    assert t.loc["2000–2001", "USA"] == pytest.approx(2.0)  # 2001 missing for the USA
    assert t.loc["2002", "IRN"] == pytest.approx(0.5)


def test_history_wide_in_percent():
    h = pd.DataFrame(
        {
            "partner_iso3": ["IRN", "ISR", "IRN"],
            "year": pd.array([2018, 2018, 2019], dtype="Int64"),
            "agreement": pd.array([0.5, 0.25, 0.75], dtype="Float64"),
        }
    )
    w = vt.history_wide(h, ["ISR", "IRN"], since=2018)
    assert list(w.columns) == ["ISR", "IRN"]
    assert w.loc[2019, "IRN"] == 75.0 and math.isnan(w.loc[2019, "ISR"])


def test_plots_finish_in_house_style(monkeypatch):
    shown = []
    monkeypatch.setattr(style, "show", lambda fig, alt: shown.append((style.check(fig), alt)) or plt.close(fig))
    m = vt.agreement_matrix(FOUR, ("RUS", "IRN", "ISR"))
    vt.plot_agreement_heatmap(m, "T", "Source: x.", "a heatmap of agreement among three states")
    vt.plot_ideal_points(
        _ideal().assign(q05=0.0, q95=1.0),
        "T",
        "Source: x.",
        "ideal points of three states",
        states=("RUS", "IRN", "USA"),
    )
    assert [s[0] for s in shown] == [[], []]


def test_real_tables_agreement_rule_matches_manual_count():
    v = data.load("unga_votes_2025")
    r = vt.pair_agreement(v, "RUS", "IRN")
    wide = v.pivot(index="record_id", columns="iso3", values="vote")
    both = wide[(wide["RUS"] != "absent") & (wide["IRN"] != "absent")]
    assert r["n_both_voted"] == len(both)
    assert r["n_identical"] == int((both["RUS"] == both["IRN"]).sum())
    assert r["n_votes"] == v["record_id"].nunique()


# ---- chance-corrected agreement (Cohen's kappa) ----


def test_kappa_on_a_worked_example():
    # p_o = 3/4; RUS yes/no 1/2 each, IRN yes 1/4, no 3/4: p_e = 1/8 + 3/8 = 1/2; kappa = (3/4 - 1/2) / (1/2)
    assert vt.cohen_kappa(["yes", "yes", "no", "no"], ["yes", "no", "no", "no"]) == pytest.approx(0.5)


def test_kappa_is_one_for_identical_varied_votes_and_below_raw_agreement_otherwise():
    x = ["yes", "no", "abstain", "yes"]
    assert vt.cohen_kappa(x, x) == pytest.approx(1.0)
    y = ["yes", "yes", "yes", "yes"]
    z = ["yes", "yes", "yes", "no"]
    # raw agreement 3/4, but one state always votes yes: p_e = 3/4, so no agreement beyond chance
    assert vt.cohen_kappa(y, z) == pytest.approx(0.0)


def test_kappa_edge_cases():
    assert math.isnan(vt.cohen_kappa([], []))
    assert vt.cohen_kappa(["yes", "yes"], ["yes", "yes"]) == 1.0  # no disagreement possible
    with pytest.raises(ValueError, match="differ in length"):
        vt.cohen_kappa(["yes"], ["yes", "no"])
    with pytest.raises(ValueError, match="absent"):
        vt.cohen_kappa(["yes", "absent"], ["yes", "no"])


def test_decided_leaves_absences_out():
    d = vt.decided(FOUR, "RUS", "IRN")
    assert d.index.tolist() == [1, 2, 3]
    assert d["IRN"].tolist() == ["yes", "yes", "no"]


def test_pair_stats_and_bootstrap_are_reproducible():
    a = vt.pair_stats(FOUR, "RUS", "IRN", draws=200)
    b = vt.pair_stats(FOUR, "RUS", "IRN", draws=200)
    assert a == b
    assert (a["both voted"], a["same vote"]) == (3, 2)
    assert a["agreement"] == pytest.approx(2 / 3)
    assert a["agreement_lo"] <= a["agreement"] <= a["agreement_hi"]
    # RUS yes/abstain/no, IRN yes/yes/no: p_o 2/3, p_e = 1/3*2/3 + 1/3*1/3 + 1/3*0 = 1/3 → kappa 1/2
    assert a["kappa"] == pytest.approx(0.5)


def test_comparison_sorts_by_raw_agreement_and_names_states():
    c = vt.comparison(FOUR, "RUS")
    assert c["iso3"].tolist() == ["IRN", "ISR"]
    assert c.index.tolist() == [1, 2]
    assert c.loc[1, "agreement (%)"] == pytest.approx(100 * 2 / 3)


def test_votes_to_change_order():
    # RUS–IRN 2/3, RUS–ISR 1/3: one of IRN's identical votes must differ to bring it level
    assert vt.votes_to_change_order(FOUR, "RUS", "IRN", "ISR") == 1
    assert vt.votes_to_change_order(FOUR, "RUS", "ISR", "IRN") == 0


def test_real_2025_comparison_reproduces_the_published_rates():
    v = data.load("unga_votes_2025")
    c = vt.comparison(v, "RUS", ["IRN", "IND", "SAU", "ARE", "CHN"]).set_index("iso3")
    assert round(c.loc["IRN", "agreement (%)"], 1) == 77.8
    assert round(c.loc["IND", "agreement (%)"], 1) == 74.0
    assert round(c.loc["SAU", "agreement (%)"], 1) == 73.7
    assert round(c.loc["ARE", "agreement (%)"], 1) == 73.3
    # kappa is far below raw agreement for every partner: most resolutions pass with large majorities
    assert (c["kappa"] < c["agreement (%)"] / 100 - 0.3).all()
    # China ranks above Iran by a single identical vote
    assert vt.votes_to_change_order(v, "RUS", "CHN", "IRN") == 1


def test_ideal_point_axis_stops_at_the_last_session(monkeypatch):
    kept = []

    def keep(fig, alt):
        ax = fig.axes[0]
        kept.append((ax.get_xlim(), [t.get_text() for t in ax.texts]))
        plt.close(fig)

    monkeypatch.setattr(style, "show", keep)
    vt.plot_ideal_points(
        _ideal().assign(q05=0.0, q95=1.0),
        "T",
        "Source: x.",
        "ideal points of three states",
        states=("RUS", "IRN", "USA"),
    )
    (_lo, hi), labels = kept[0]
    assert hi <= 2002.5  # no empty years after the data (the end labels sit outside the axes)
    assert sorted(labels) == sorted([vt.name(s) for s in ("RUS", "IRN", "USA")])
