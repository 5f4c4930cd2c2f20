"""Strong and weak balance, the sign-permutation null, tie variants, coverage and windows."""

import networkx as nx
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
    g = two_camps()
    assert bn.sign_permutation_null(g, n=300, seed=5) == bn.sign_permutation_null(g, n=300, seed=5)
    assert bn.sign_permutation_null(g, n=300, seed=5)["negative ties"] == 9


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
