"""Strong and weak balance, the sign-permutation null, tie variants, coverage and windows."""

from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from helpers import balance_null as bn


def graph(edges):
    g = nx.Graph()
    for a, b, s in edges:
        g.add_edge(a, b, sign=s, relation_id=f"{a}{b}", tie="t")
    return g


def test_all_negative_triad_is_strongly_unbalanced_but_weakly_balanced():
    t = bn.triad_signs(graph([("A", "B", -1), ("A", "C", -1), ("B", "C", -1)]))
    assert t.loc[0, "strong"] == "unbalanced" and t.loc[0, "weak"] == "balanced"


def test_one_negative_tie_is_unbalanced_both_ways_and_two_negatives_balanced():
    one = bn.triad_signs(graph([("A", "B", 1), ("A", "C", 1), ("B", "C", -1)]))
    two = bn.triad_signs(graph([("A", "B", 1), ("A", "C", -1), ("B", "C", -1)]))
    assert (one.loc[0, "strong"], one.loc[0, "weak"]) == ("unbalanced", "unbalanced")
    assert (two.loc[0, "strong"], two.loc[0, "weak"]) == ("balanced", "balanced")


def test_a_zero_tie_leaves_the_triad_out():
    g = graph([("A", "B", 1), ("A", "C", 0), ("B", "C", -1)])
    assert bn.triad_signs(g).empty
    assert bn.focal_status(g, ("C", "A", "B")) == "open (0 tie)"
    assert bn.focal_status(graph([("A", "B", 1)]), ("A", "B", "C")) == "not fully coded"


def test_null_of_an_all_positive_network_gives_p_one():
    g = graph([("A", "B", 1), ("A", "C", 1), ("B", "C", 1), ("C", "D", 1), ("B", "D", 1)])
    r = bn.sign_permutation_null(g, n=200, seed=1)
    assert r["strong unbalanced"] == 0 and r["strong p"] == 1.0 and r["weak p"] == 1.0


def two_camps():
    """Two camps of three, friends inside, enemies across: perfectly balanced, 20 triads."""
    left, right = ["A", "B", "C"], ["D", "E", "F"]
    edges = []
    nodes = left + right
    for i, x in enumerate(nodes):
        for y in nodes[i + 1 :]:
            edges.append((x, y, 1 if (x in left) == (y in left) else -1))
    return graph(edges)


def test_a_two_camp_network_is_more_balanced_than_chance():
    r = bn.sign_permutation_null(two_camps(), n=2000, seed=3)
    assert r["complete triads"] == 20 and r["strong unbalanced"] == 0
    assert r["strong null mean"] > 5
    assert r["strong p"] < 0.01


def test_null_is_seeded_and_keeps_the_number_of_negative_ties():
    g = two_camps()  # C(15, 9) = 5,005 arrangements: exact_limit=0 forces the seeded Monte Carlo path
    five = bn.sign_permutation_null(g, n=300, seed=5, exact_limit=0)
    assert five["method"] == "Monte Carlo (300 permutations, seed 5)"
    assert five == bn.sign_permutation_null(g, n=300, seed=5, exact_limit=0)
    assert five["strong null mean"] != bn.sign_permutation_null(g, n=300, seed=6, exact_limit=0)["strong null mean"]
    assert five["negative ties"] == 9  # 3 × 3 pairs across the camps
    # The Monte Carlo p carries the +1 correction: (1 + k) / 301 with k ≤ 300, never 0.
    assert five["strong p"] * 301 == pytest.approx(round(five["strong p"] * 301)) and five["strong p"] > 0


def k4(*negative):
    """The complete graph on A–D (6 ties, 4 triads) with the given ties negative."""
    return graph([(a, b, -1 if (a, b) in negative else 1) for a, b in combinations("ABCD", 2)])


def test_null_table_one_exact_row_per_period():
    # K4 with two negative ties: C(6, 2) = 15 arrangements. Two adjacent negatives (12 of the 15
    # pairs) leave 2 triads with one negative tie (the triad holding both has a + − − product);
    # two disjoint negatives (3 of 15: AB+CD, AC+BD, AD+BC) put one negative in each of the 4 triads.
    # Null mean (12·2 + 3·4) / 15 = 2.4; P(null ≤ 2) = 12/15 = 0.8, P(null ≤ 4) = 1.
    t = bn.null_table({"adjacent": k4(("A", "B"), ("A", "C")), "disjoint": k4(("A", "B"), ("C", "D"))}, n=50)
    assert t["period"].tolist() == ["adjacent", "disjoint"]
    assert t["method"].tolist() == ["exact (15 arrangements)"] * 2
    assert t["strong unbalanced"].tolist() == [2, 4] and t["weak unbalanced"].tolist() == [2, 4]
    assert t["strong null mean"].tolist() == [2.4, 2.4]
    assert t["strong p"].tolist() == pytest.approx([0.8, 1.0])
    assert t["strong null 5%"].tolist() == [2, 2] and t["strong null 95%"].tolist() == [4, 4]


def test_null_without_complete_triads_has_no_p_value():
    r = bn.sign_permutation_null(graph([("A", "B", 1), ("B", "C", -1)]), n=10)
    assert r["complete triads"] == 0 and pd.isna(r["strong p"])
    with pytest.raises(ValueError):
        bn.sign_permutation_null(graph([("A", "B", 1)]), n=0)


def test_with_tie_sets_a_copy_and_tie_variants_report_each_value():
    g = graph([("IRN", "ISR", -1), ("IRN", "RUS", 1)])
    plus = bn.with_tie(g, "ISR", "RUS", 1)
    assert not g.has_edge("ISR", "RUS") and plus.edges["ISR", "RUS"]["sign"] == 1
    v = bn.tie_variants({"p": g}, "ISR", "RUS", focal=("RUS", "IRN", "ISR"), n=50)
    assert list(v["ISR–RUS tie"]) == ["−1", "0", "+1"]
    assert list(v["focal triad"]) == [
        "strong: balanced; weak: balanced",
        "open (0 tie)",
        "strong: unbalanced; weak: unbalanced",
    ]
    with pytest.raises(ValueError):
        bn.with_tie(g, "ISR", "RUS", 2)


def test_recoded_sets_several_ties_together_and_closes_the_open_triads():
    # Russia (R) friendly with Iran (I), hostile to the US (U); two Gulf states (G, H) hostile to
    # Iran, friendly with the US, and tied to Russia by 0. Iran–US is hostile.
    edges = [("R", "I", 1), ("R", "U", -1), ("I", "U", -1), ("R", "G", 0), ("R", "H", 0)]
    edges += [(x, y, s) for g in ("G", "H") for x, y, s in ((g, "I", -1), (g, "U", 1))]
    g = graph(edges)
    t = bn.recoded(g, {"ours": [], "G +1": [("R", "G", 1)], "both +1": [("R", "G", 1), ("R", "H", 1)]}, n=200, seed=0)
    assert list(t["coding"]) == ["ours", "G +1", "both +1"]
    # As coded: R-I-U (+ - -), I-G-U and I-H-U (- + -) are complete and balanced; the 0 ties leave
    # R-I-G, R-G-U, R-I-H and R-H-U open. Each Gulf tie at +1 closes two triads, both + + -.
    assert t["complete triads"].tolist() == [3, 5, 7]
    assert t["strong unbalanced"].tolist() == [0, 2, 4]
    assert t["weak unbalanced"].tolist() == [0, 2, 4]
    assert g.edges["R", "G"]["sign"] == 0  # the graph itself is not changed
    with pytest.raises(ValueError):
        bn.recoded(g, {"bad": [("R", "G", 5)]})
    with pytest.raises(ValueError, match="'typo': SUA is not an actor"):  # a mistyped code adds no node
        bn.recoded(g, {"typo": [("R", "SUA", 1)]})


def test_pair_coverage_counts_coded_pairs_over_the_actors():
    g = graph([("A", "B", 1), ("B", "C", 0)])
    c = bn.pair_coverage({"p": g})
    assert c.loc[0, ["actors", "possible pairs", "coded pairs"]].tolist() == [3, 3, 2]
    fixed = bn.pair_coverage({"p": g}, actors=["A", "B", "C", "D"])
    assert fixed.loc[0, "possible pairs"] == 6 and fixed.loc[0, "share coded"] == round(2 / 6, 3)


def rel(kind, start, end, period="w"):
    return pd.DataFrame(
        [{"relation_id": "R1", "period": period, "evidence_kind": kind, "evidence_from": start, "evidence_to": end}]
    )


WINDOW = {"w": ("2025-06-13", "2025-06-24")}


@pytest.mark.parametrize(
    "kind,start,end,bad",
    [
        ("event", "2025-06-13", "2025-06-24", False),  # both ends inclusive
        ("event", "2025-06-12", "2025-06-20", True),  # one day before the window
        ("event", "2025-06-20", "2025-06-25", True),  # one day after
        ("event", "2025-06", "2025-06", True),  # a month-precision date is not provably inside
        ("standing", "2022-02-24", "", False),  # still in force
        ("standing", "2004", "2025-06-12", True),  # ended the day before
        ("standing", "2025-06-24", "", False),  # starts on the last day
    ],
)
def test_window_rule_at_its_edges(kind, start, end, bad):
    assert (not bn.window_violations(rel(kind, start, end), WINDOW).empty) is bad


def test_window_errors_are_named():
    with pytest.raises(ValueError, match="no window"):
        bn.window_violations(rel("event", "2025-06-14", "2025-06-14", period="x"), WINDOW)
    with pytest.raises(ValueError, match="needs evidence_to"):
        bn.window_violations(rel("event", "2025-06-14", ""), WINDOW)
    with pytest.raises(ValueError, match="evidence_kind"):
        bn.window_violations(rel("rumour", "2025-06-14", "2025-06-14"), WINDOW)
    with pytest.raises(ValueError, match="partial date|form of precision"):
        bn.window_violations(rel("event", "14/06/2025", "2025-06-14"), WINDOW)


def test_every_committed_relation_rests_on_evidence_inside_its_window():
    from helpers import data, networks, periods

    windows = networks.relation_windows()
    bounds = networks.window_bounds(windows)
    assert bn.window_violations(data.load("relations"), bounds).empty
    war_start = periods.window("war-2025-06")[0]
    assert bounds["2025-01"][1] == (war_start - pd.Timedelta(days=1)).date().isoformat()
    assert bounds["2023"][1] < bounds["2025-01"][0]  # the windows do not overlap
    assert bounds["2025-06"] == tuple(d.date().isoformat() for d in periods.window("war-2025-06"))


def test_exact_null_enumerates_every_arrangement_of_a_small_graph():
    # Two camps of three: 15 ties, 9 negative, C(15, 9) = 5,005 equally likely arrangements.
    # Strong balance, 0 unbalanced triads: only the 10 splits into two camps of three (C(6, 3) / 2).
    # Weak balance, 0 unbalanced: clusterings with 6 friendly pairs: 3+3 camps (10) or 4+1+1 (C(6, 4) = 15).
    r = bn.sign_permutation_null(two_camps())
    assert r["method"] == "exact (5,005 arrangements)"
    assert r["strong p"] == 10 / 5005 and r["weak p"] == 25 / 5005


def test_monte_carlo_p_is_one_plus_k_over_n_plus_one_and_unrounded():
    g = two_camps()
    rows = [bn.sign_permutation_null(g, n=n, seed=0, exact_limit=0) for n in (6, 7, 9)]
    assert [r["strong p"] for r in rows] == [1 / 7, 1 / 8, 1 / 10]  # no draw as balanced: k = 0, never p = 0
    assert rows[0]["method"] == "Monte Carlo (6 permutations, seed 0)"
    # k recounted independently: the same seeded permutations, one graph at a time
    across = {"AD", "AE", "BD", "BE", "CD", "CE", "AB"}  # two camps, A–B flipped: some triads unbalanced
    mixed = graph([(a, b, -1 if a + b in across else 1) for a, b in combinations("ABCDE", 2)])
    n, names = 60, sorted(tuple(sorted(e)) for e in mixed.edges)
    signs = np.array([mixed.edges[e]["sign"] for e in names])
    rng = np.random.default_rng(4)
    r = bn.sign_permutation_null(mixed, n=n, seed=4, exact_limit=0)
    for kind in (bn.STRONG, bn.WEAK):
        observed = (bn.triad_signs(mixed)[kind] == "unbalanced").sum()
        assert r[f"{kind} unbalanced"] == observed
    k = {bn.STRONG: 0, bn.WEAK: 0}
    for _ in range(n):
        t = bn.triad_signs(graph([(a, b, s) for (a, b), s in zip(names, rng.permutation(signs))]))
        for kind in k:
            k[kind] += (t[kind] == "unbalanced").sum() <= r[f"{kind} unbalanced"]
    assert r["strong p"] == (1 + k[bn.STRONG]) / (n + 1) and r["weak p"] == (1 + k[bn.WEAK]) / (n + 1)
    assert 0 < k[bn.STRONG] < n  # a case where the count matters


def test_monte_carlo_and_exact_nulls_agree():
    exact = bn.sign_permutation_null(two_camps())
    mc = bn.sign_permutation_null(two_camps(), n=40_000, seed=1, exact_limit=0)
    assert abs(mc["strong p"] - exact["strong p"]) < 0.001 and abs(mc["weak p"] - exact["weak p"]) < 0.002


def test_p_values_are_written_for_reading():
    assert bn.format_p(0.0003) == "p < 0.001" and bn.format_p(0.052525) == "p = 0.053"
    assert bn.format_p(float("nan")) == "—"
    t = bn.readable(pd.DataFrame({"strong p": [0.0005, 0.474, float("nan")], "complete triads": [1, 2, 0]}))
    assert t["strong p"].tolist() == ["< 0.001", "0.474", "—"] and t["complete triads"].tolist() == [1, 2, 0]
