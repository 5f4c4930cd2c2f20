"""UN votes: ideal points, the agreement rule and the charts — on small hand-made frames with
exact expected values, and on the real tables."""

import math

import matplotlib.pyplot as plt
import numpy as np
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


def _synthetic(n=400, copy=0.6, seed=1, cluster_size=1):
    """``n`` votes of RUS and IRN: RUS votes yes/no/abstain at 60/20/20%; IRN copies RUS's vote with
    probability ``copy``, else votes independently at the same rates. With ``cluster_size`` > 1,
    every vote of a meeting date repeats the date's first pair of votes (perfectly clustered)."""
    rng = np.random.default_rng(seed)
    k = n // cluster_size
    cats, p = ["yes", "no", "abstain"], [0.6, 0.2, 0.2]
    rus = rng.choice(cats, size=k, p=p)
    irn = np.where(rng.random(k) < copy, rus, rng.choice(cats, size=k, p=p))
    rows = []
    for i in range(n):
        g = i // cluster_size
        date = f"2025-{1 + g // 28:02d}-{1 + g % 28:02d}"
        rows += [(i, date, "RUS", rus[g]), (i, date, "IRN", irn[g])]
    return pd.DataFrame(rows, columns=["record_id", "date", "iso3", "vote"])


def _kappa_se(x, y):
    """Large-sample standard error of Cohen's kappa (Fleiss, Cohen & Everitt 1969)."""
    cats = ["yes", "no", "abstain"]
    x, y = np.asarray(x), np.asarray(y)
    n = len(x)
    p = np.array([[np.mean((x == a) & (y == b)) for b in cats] for a in cats])
    row, col = p.sum(axis=1), p.sum(axis=0)
    p_o, p_e = np.trace(p), float(row @ col)
    k = (p_o - p_e) / (1 - p_e)
    a = sum(p[i, i] * (1 - (row[i] + col[i]) * (1 - k)) ** 2 for i in range(3))
    b = (1 - k) ** 2 * sum(p[i, j] * (col[i] + row[j]) ** 2 for i in range(3) for j in range(3) if i != j)
    c = (k - p_e * (1 - k)) ** 2
    return math.sqrt((a + b - c) / (n * (1 - p_e) ** 2))


def test_bootstrap_intervals_match_the_normal_approximation_on_400_votes():
    v = _synthetic()
    r = vt.pair_stats(v, "RUS", "IRN")
    d = vt.decided(v, "RUS", "IRN")
    n, p = len(d), r["agreement"]
    normal = 2 * 1.96 * math.sqrt(p * (1 - p) / n)
    assert r["agreement_hi"] - r["agreement_lo"] == pytest.approx(normal, rel=0.2)
    kappa_normal = 2 * 1.96 * _kappa_se(d["RUS"], d["IRN"])
    assert r["kappa_hi"] - r["kappa_lo"] == pytest.approx(kappa_normal, rel=0.2)
    assert r["kappa_lo"] < r["kappa"] < r["kappa_hi"]


def test_date_clustered_bootstrap_widens_with_packages_of_identical_votes():
    # 400 votes in 40 meeting dates of 10 identical votes each: 40 independent draws, not 400
    v = _synthetic(cluster_size=10)
    by_res, by_date = vt.pair_stats(v, "RUS", "IRN"), vt.pair_stats(v, "RUS", "IRN", cluster="date")
    assert (by_res["agreement"], by_res["kappa"]) == (by_date["agreement"], by_date["kappa"])
    p = by_date["agreement"]
    width = by_date["agreement_hi"] - by_date["agreement_lo"]
    assert width == pytest.approx(2 * 1.96 * math.sqrt(p * (1 - p) / 40), rel=0.2)
    assert width > 2.5 * (by_res["agreement_hi"] - by_res["agreement_lo"])
    assert by_date["kappa_hi"] - by_date["kappa_lo"] > 2.5 * (by_res["kappa_hi"] - by_res["kappa_lo"])


def test_date_clusters_of_one_resolution_reproduce_the_resolution_bootstrap():
    v = _synthetic(n=120)
    assert vt.pair_stats(v, "RUS", "IRN", cluster="date") == vt.pair_stats(v, "RUS", "IRN")


def test_pair_stats_rejects_unknown_clusters_and_records_with_two_dates():
    v = _synthetic(n=20)
    with pytest.raises(ValueError, match="cluster"):
        vt.pair_stats(v, "RUS", "IRN", cluster="week")
    v.loc[0, "date"] = "2024-01-01"
    with pytest.raises(ValueError, match="record_id 0 .*column 'date'"):
        vt.pair_stats(v, "RUS", "IRN", cluster="date")


def test_mcnemar_exact_on_known_splits():
    assert vt.mcnemar_exact(10, 1) == pytest.approx(2 * (1 + 11) / 2**11)  # 0.0117
    assert vt.mcnemar_exact(1, 10) == vt.mcnemar_exact(10, 1)
    assert vt.mcnemar_exact(3, 5) == pytest.approx(2 * (1 + 8 + 28 + 56) / 2**8)  # 0.727
    assert vt.mcnemar_exact(4, 4) == 1.0
    assert vt.mcnemar_exact(0, 0) == 1.0
    assert vt.mcnemar_exact(6, 0) == pytest.approx(2 / 2**6)
    with pytest.raises(ValueError):
        vt.mcnemar_exact(-1, 2)


def _paired_frame():
    """RUS votes yes on 0–14 and no on 15–17. IRN casts RUS's vote on 0–9 where ARE does not (10
    votes), ARE where IRN does not on 10 (1 vote); both agree on 11–14, both disagree on 15–16;
    ARE is absent on 17, so 17 is not a shared vote."""
    rows = []
    for i in range(18):
        rus = "yes" if i < 15 else "no"
        irn = "yes" if i < 10 or 11 <= i <= 14 else ("no" if i == 10 else "yes")
        are = "no" if i < 10 else ("yes" if i <= 14 else ("yes" if i < 17 else "absent"))
        rows += [(i, "2025-12-01", "RUS", rus), (i, "2025-12-01", "IRN", irn), (i, "2025-12-01", "ARE", are)]
    return pd.DataFrame(rows, columns=["record_id", "date", "iso3", "vote"])


def test_paired_comparison_counts_discordant_votes_on_shared_resolutions():
    r = vt.paired_comparison(_paired_frame(), "RUS", "IRN", "ARE", draws=500)
    assert (r["shared votes"], r["first_only"], r["second_only"]) == (17, 10, 1)
    assert r["p_mcnemar"] == pytest.approx(24 / 2048)
    assert r["agreement_diff"] == pytest.approx(14 / 17 - 5 / 17)
    assert r["agreement_diff_lo"] > 0 and r["agreement_diff_lo"] < r["agreement_diff"] < r["agreement_diff_hi"]
    assert r["kappa_diff_lo"] < r["kappa_diff"] < r["kappa_diff_hi"]
    back = vt.paired_comparison(_paired_frame(), "RUS", "ARE", "IRN", draws=500)
    assert (back["first_only"], back["second_only"], back["p_mcnemar"]) == (1, 10, r["p_mcnemar"])
    assert back["agreement_diff"] == pytest.approx(-r["agreement_diff"])


def test_paired_table_on_the_2025_votes():
    v = data.load("unga_votes_2025")
    t = vt.paired_table(v, "RUS", "IRN", ["ARE", "CHN"])
    assert (t.loc["ARE", "first_only"], t.loc["ARE", "second_only"]) == (10, 1)
    assert t.loc["ARE", "p_mcnemar"] < 0.05 < t.loc["CHN", "p_mcnemar"]
    shown = vt.paired_display(t, "IRN")
    assert shown["exact p"].tolist() == [f"{p:.3f}" for p in t["p_mcnemar"]]


def test_paired_display_writes_the_gap_low_to_high_in_points():
    t = pd.DataFrame(
        {
            "state": ["China"],
            "shared votes": [40.0],
            "first_only": [3.0],
            "second_only": [1.0],
            "p_mcnemar": [0.625],
            "agreement_diff": [0.05],
            "agreement_diff_lo": [0.01],
            "agreement_diff_hi": [0.09],
            "kappa_diff": [0.1],
            "kappa_diff_lo": [-0.05],
            "kappa_diff_hi": [0.25],
        }
    )
    shown = vt.paired_display(t, "IRN")
    # By hand: 0.05, 0.01, 0.09 of agreement are 5, 1 and 9 points, signed, one decimal.
    assert shown.columns.tolist() == [
        "Iran against",
        "shared votes",
        "only Iran matches",
        "only the other",
        "exact p",
        "gap, points (95%)",
        "κ gap (95%)",
    ]
    assert shown.iloc[0].tolist() == ["China", 40, 3, 1, "0.625", "+5.0 (+1.0 to +9.0)", "+0.10 (-0.05 to +0.25)"]


def test_comparison_display_rounds_intervals_and_kappa():
    t = pd.DataFrame(
        {
            "state": ["Iran", "China"],
            "both voted": [12, 10],
            "same vote": [9, 5],
            "agreement (%)": [75.0, 50.0],
            "agreement low": [51.6, 20.4],
            "agreement high": [91.7, 80.5],
            "kappa": [0.456, -0.1],
            "kappa low": [0.1, -0.444],
            "kappa high": [0.807, 0.3],
        },
        index=[1, 2],
    )
    shown = vt.comparison_display(t)
    # By hand: 51.6 → "52", 91.7 → "92"; 20.4 → "20", 80.5 → "80" (round half to even); kappa to 2 places.
    assert shown["95% interval"].tolist() == ["52–92", "20–80"]
    assert shown["kappa"].tolist() == ["0.46", "-0.10"]
    assert shown["kappa 95% interval"].tolist() == ["0.10 to 0.81", "-0.44 to 0.30"]
    assert shown[["state", "both voted", "same vote", "agreement (%)"]].values.tolist() == [
        ["Iran", 12, 9, 75.0],
        ["China", 10, 5, 50.0],
    ]
    assert "95% interval, by meeting date" not in shown
    t["agreement low (by date)"], t["agreement high (by date)"] = [40.2, 10.0], [99.9, 90.0]
    assert vt.comparison_display(t)["95% interval, by meeting date"].tolist() == ["40–100", "10–90"]


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


def test_real_2025_intervals_widen_when_meeting_dates_are_resampled():
    v = data.load("unga_votes_2025")
    dates = vt.meeting_dates(v)
    assert dates.value_counts().iloc[0] == 62  # the largest package: 62 recorded votes on one day
    by_res, by_date = vt.pair_stats(v, "RUS", "IRN"), vt.pair_stats(v, "RUS", "IRN", cluster="date")
    assert (round(100 * by_res["agreement_lo"]), round(100 * by_res["agreement_hi"])) == (72, 83)
    assert by_date["agreement_lo"] < by_res["agreement_lo"] and by_date["agreement_hi"] > by_res["agreement_hi"]
    assert by_date["agreement_hi"] - by_date["agreement_lo"] > 2 * (by_res["agreement_hi"] - by_res["agreement_lo"])
