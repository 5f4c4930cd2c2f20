"""Signed networks and structural balance (helpers.networks) on hand-made frames."""

import networkx as nx
import pandas as pd
import pytest

from helpers import networks as nw


def _frame(rows, period="P1"):
    return pd.DataFrame(
        [
            {
                "relation_id": f"R{i:03d}",
                "period": period,
                "a_iso3": a,
                "b_iso3": b,
                "sign": s,
                "tie": f"{a}-{b}",
                "basis": "test",
                "source_ids": "src-x",
                "note": "",
            }
            for i, (a, b, s) in enumerate(rows, start=1)
        ]
    )


# A: AAA, BBB, CCC all friends (balanced +++); AAA, BBB, DDD: two friends with a common enemy (+ − − balanced);
# AAA, CCC, DDD: + − − balanced; BBB, CCC, DDD: + − − balanced — then EEE makes an unbalanced triad with AAA, BBB
# (AAA–EEE +, BBB–EEE −, AAA–BBB +: + + − unbalanced), and FFF has a 0 tie closing AAA–FFF–BBB.
ROWS = [
    ("AAA", "BBB", 1),
    ("AAA", "CCC", 1),
    ("BBB", "CCC", 1),
    ("AAA", "DDD", -1),
    ("BBB", "DDD", -1),
    ("CCC", "DDD", -1),
    ("AAA", "EEE", 1),
    ("BBB", "EEE", -1),
    ("AAA", "FFF", 1),
    ("BBB", "FFF", 0),
]


def test_known_balanced_and_unbalanced_triads():
    g = nw.build_graph(_frame(ROWS), "P1")
    t = nw.triads(g).set_index("triad")
    assert t.loc["AAA–BBB–CCC", "status"] == nw.BALANCED
    assert t.loc["AAA–BBB–DDD", "status"] == nw.BALANCED
    assert t.loc["AAA–CCC–DDD", "status"] == nw.BALANCED
    assert t.loc["BBB–CCC–DDD", "status"] == nw.BALANCED
    assert t.loc["AAA–BBB–EEE", "status"] == nw.UNBALANCED
    assert t.loc["AAA–BBB–FFF", "status"] == nw.OPEN
    assert set(t.index) == {"AAA–BBB–CCC", "AAA–BBB–DDD", "AAA–CCC–DDD", "BBB–CCC–DDD", "AAA–BBB–EEE", "AAA–BBB–FFF"}
    summary = nw.balance_summary({"P1": g}).iloc[0]
    assert (summary["complete triads"], summary["balanced"], summary["unbalanced"], summary["open (0 tie)"]) == (
        5,
        4,
        1,
        1,
    )
    assert summary["share balanced"] == 0.8
    assert summary["0 ties"] == 1 and summary["coded ties"] == 10


def test_all_negative_triad_is_unbalanced():
    g = nw.build_graph(_frame([("AAA", "BBB", -1), ("AAA", "CCC", -1), ("BBB", "CCC", -1)]), "P1")
    assert nw.triads(g)["status"].tolist() == [nw.UNBALANCED]
    un = nw.unbalanced_triads({"P1": g})
    assert un["triad"].tolist() == ["AAA–BBB–CCC"] and un["relation_ids"].iloc[0] == "R001; R002; R003"


def test_named_replaces_actor_codes_by_chart_names_and_leaves_other_words():
    table = pd.DataFrame(
        {
            "triad": ["ISR–SYR–TUR"],
            "signs": ["ISR–SYR −, USA–HEZ +"],
            "ties": ["ISR–SYR: strikes; IRGC advisers; UN vote"],
            "relation_ids": ["R011; R012"],
        }
    )
    out = nw.named(table)
    assert out.loc[0, "triad"] == "Israel–Syria–Türkiye"
    assert out.loc[0, "signs"] == "Israel–Syria −, US–Hezbollah +"
    assert out.loc[0, "ties"] == "Israel–Syria: strikes; IRGC advisers; UN vote"
    assert out.loc[0, "relation_ids"] == "R011; R012"  # ids are not names
    assert table.loc[0, "triad"] == "ISR–SYR–TUR"  # the input is not changed


def test_zero_ties_are_excluded_from_complete_triads():
    g = nw.build_graph(_frame([("AAA", "BBB", 0), ("AAA", "CCC", -1), ("BBB", "CCC", -1)]), "P1")
    assert g.edges["AAA", "BBB"]["sign"] == 0  # kept in the graph, drawn as ambivalent
    assert nw.complete_triads(g).empty
    s = nw.balance_summary({"P1": g}).iloc[0]
    assert s["complete triads"] == 0 and s["open (0 tie)"] == 1
    assert pd.isna(s["share balanced"])


def test_missing_pair_is_not_a_triad():
    g = nw.build_graph(_frame([("AAA", "BBB", 1), ("AAA", "CCC", 1)]), "P1")
    assert nw.triads(g).empty
    status = nw.triad_status(
        {"P1": g, "P2": nw.build_graph(_frame([("AAA", "BBB", 1), ("AAA", "CCC", 1), ("BBB", "CCC", 1)], "P2"), "P2")}
    )
    assert status.loc["AAA–BBB–CCC"].tolist() == [nw.NOT_CODED, nw.BALANCED]
    ties = nw.tie_table({"P1": g}, "BBB", "CCC")
    assert ties["tie"].tolist() == ["no sourced coding"]


def test_periods_are_built_from_a_frame_in_time_order():
    frame = pd.concat([_frame([("IRN", "RUS", 1)], "2026-03"), _frame([("IRN", "RUS", 1), ("ISR", "RUS", 0)], "2023")])
    graphs = nw.build_periods(frame)
    assert list(graphs) == ["2023", "2026-03"]
    assert graphs["2023"].number_of_edges() == 2 and graphs["2026-03"].number_of_edges() == 1
    assert graphs["2023"].edges["RUS", "ISR"]["relation_id"] == "R002"
    with pytest.raises(ValueError, match="no relations coded for period"):
        nw.build_graph(frame, "2025-01")


def test_a_duplicate_pair_in_a_period_raises_a_clear_error():
    frame = _frame([("AAA", "BBB", 1), ("BBB", "AAA", -1)])
    with pytest.raises(nw.DuplicatePairError, match=r"AAA–BBB is coded twice \(R001 and R002\)"):
        nw.build_graph(frame, "P1")
    # the same pair in two different periods is fine
    ok = pd.concat([_frame([("AAA", "BBB", 1)], "P1"), _frame([("AAA", "BBB", -1)], "P2")])
    assert set(nw.build_periods(ok)) == {"P1", "P2"}


def test_self_ties_and_bad_signs_are_refused():
    with pytest.raises(ValueError, match="itself"):
        nw.build_graph(_frame([("AAA", "AAA", 1)]), "P1")
    with pytest.raises(ValueError, match="sign must be"):
        nw.build_graph(_frame([("AAA", "BBB", 2)]), "P1")


def test_layout_is_deterministic_and_shared_by_periods():
    frame = pd.concat([_frame(ROWS, "P1"), _frame(ROWS[:4], "P2")])
    graphs = nw.build_periods(frame)
    first = nw.fixed_layout(graphs, seed=3)
    again = nw.fixed_layout(nw.build_periods(frame.iloc[::-1]), seed=3)
    assert first == again
    assert set(first) == set(graphs["P1"]) | set(graphs["P2"])
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in first.values())
    assert nw.fixed_layout(graphs, seed=4) != first


def test_real_relations_load_and_have_no_duplicates():
    from helpers import data

    graphs = nw.build_periods(data.load("relations"))
    assert list(graphs) == list(nw.PERIODS)
    assert all(isinstance(g, nx.Graph) for g in graphs.values())


def test_circular_layout_follows_the_given_order():
    graphs = nw.build_periods(_frame(ROWS))
    pos = nw.fixed_layout(graphs, order=("BBB", "AAA"))
    assert pos["BBB"] == (0.0, 1.0)  # the first state at the top
    assert pos == nw.fixed_layout(graphs, seed=99, order=("BBB", "AAA"))  # no randomness
    assert len(set(pos.values())) == len(pos) == 6
    radii = {round((x * x + y * y) ** 0.5, 3) for x, y in pos.values()}
    assert radii == {1.0}
