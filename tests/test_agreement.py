"""Vote agreement and Cohen's kappa (helpers.agreement) on hand-made frames, and that every topic
module uses the one definition."""

import math

import pandas as pd
import pytest

from helpers import agreement as ag


def _votes(rows):
    return pd.DataFrame([{"record_id": r, "iso3": s, "vote": v} for r, s, v in rows])


# four roll calls: AAA and BBB agree on 1 and 2, disagree on 3; on 4 BBB is absent.
FOUR = _votes(
    [
        (1, "AAA", "yes"),
        (1, "BBB", "yes"),
        (2, "AAA", "no"),
        (2, "BBB", "no"),
        (3, "AAA", "yes"),
        (3, "BBB", "abstain"),
        (4, "AAA", "yes"),
        (4, "BBB", "absent"),
    ]
)


def test_absences_leave_the_denominator():
    r = ag.pair_agreement(FOUR, "AAA", "BBB")
    assert (r["n_votes"], r["n_both_voted"], r["n_identical"]) == (4, 3, 2)
    assert r["agreement"] == pytest.approx(2 / 3)


def test_no_common_vote_gives_nan_and_an_unknown_state_is_named():
    only_absent = _votes([(1, "AAA", "yes"), (1, "BBB", "absent")])
    assert math.isnan(ag.pair_agreement(only_absent, "AAA", "BBB")["agreement"])
    with pytest.raises(ValueError, match="'CCC' has no votes"):
        ag.pair_agreement(FOUR, "AAA", "CCC")


def test_decided_keeps_only_votes_both_cast():
    d = ag.decided(FOUR, "AAA", "BBB")
    assert d.index.tolist() == [1, 2, 3] and d.loc[3, "BBB"] == "abstain"


def test_kappa_by_hand():
    x, y = ["yes", "no", "yes"], ["yes", "no", "abstain"]
    # p_o = 2/3; p_e = (2/3)(1/3) + (1/3)(1/3) + 0 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5
    assert ag.chance_agreement(x, y) == pytest.approx(1 / 3)
    assert ag.cohen_kappa(x, y) == pytest.approx(0.5)


def test_kappa_edges():
    assert ag.cohen_kappa(["yes", "yes"], ["yes", "yes"]) == 1.0  # no disagreement possible
    assert math.isnan(ag.cohen_kappa([], []))
    assert ag.cohen_kappa(["yes", "no"], ["no", "yes"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="differ in length"):
        ag.cohen_kappa(["yes"], ["yes", "no"])
    with pytest.raises(ValueError, match="absent"):
        ag.cohen_kappa(["yes", "absent"], ["yes", "yes"])


def test_topic_modules_use_the_one_definition():
    from helpers import alliances, balancing, votes

    assert votes.pair_agreement is ag.pair_agreement and votes.cohen_kappa is ag.cohen_kappa
    assert votes.decided is ag.decided and votes.VOTED is ag.VOTED
    assert alliances.pair_agreement is ag.pair_agreement and balancing.pair_agreement is ag.pair_agreement
    k = alliances.vote_kappa(FOUR, "AAA", "BBB")
    assert k["kappa"] == pytest.approx(0.5) and k["chance"] == pytest.approx(1 / 3)


def test_topic_modules_do_not_import_each_other():
    """No topic module imports another topic module (domain and infrastructure modules only)."""
    import ast
    from pathlib import Path

    import helpers

    topics = {"alliances", "balancing", "networks", "ledger", "partners", "choice_mc", "balance_null"}
    others = topics | {"votes", "treaties", "defence", "drivers", "drones", "trade", "arms", "timeline"}
    folder = Path(helpers.__file__).parent
    found = []
    for name in sorted(topics):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                mods = [node.module] if node.module else [a.name for a in node.names]
                found += [f"{name} imports {m}" for m in mods if m in others - {name}]
    assert found == []


def test_observed_agreement_is_the_raw_rate_kappa_corrects():
    from helpers import agreement as A

    x, y = ["yes", "yes", "no", "abstain"], ["yes", "no", "no", "no"]
    assert A.observed_agreement(x, y) == 0.5  # same on votes 1 and 3 of 4
    # By hand: x is yes 2/4, no 1/4, abstain 1/4; y is yes 1/4, no 3/4, abstain 0, so
    # p_e = 2/4·1/4 + 1/4·3/4 + 1/4·0 = 2/16 + 3/16 = 5/16 and
    # κ = (1/2 − 5/16) / (1 − 5/16) = (3/16) / (11/16) = 3/11.
    assert A.chance_agreement(x, y) == pytest.approx(5 / 16)
    assert A.cohen_kappa(x, y) == pytest.approx(3 / 11)
    assert math.isnan(A.observed_agreement([], []))
