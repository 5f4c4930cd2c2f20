"""Our coding checked against ATOP's (helpers.atop_check): treaty × obligation cells, agreement
rate and Cohen's κ over the decided cells, unknowns kept apart — on small hand-made frames
(exact values) and on the real tables."""

import ast
import inspect
import math
import re

import pandas as pd
import pytest

from helpers import agreement as ag
from helpers import atop_check as ac
from helpers import obligations, style
from helpers import treaties as tr
from treaty_frames import _atop_codes, _provisions, _provisions_with_a_low_cell, _treaties, real_tables, record_charts

# --------------------------------------------------------------------------- hand-made frames


def test_decided_cells_sentence_puts_each_count_in_its_place():
    basis = {"decided": 12, "no": 5, "absence": 2, "clauses": 9}
    assert ac.decided_cells_sentence(basis) == (
        "Decided cells: 12, of them 5 'no' and 2 resting on a statement that a clause is absent rather than "
        "on wording read; they rest on 9 distinct articles or statements."
    )


def test_atop_treaty_level_first_phase_any_member():
    first = ac.atop_treaty_level(_atop_codes())
    assert list(first.columns) == list(tr.ATOP_OBLIGATIONS)
    assert first.loc[22].to_dict() == {
        "defense": 1,
        "offense": 0,
        "neutrality": 0,
        "nonaggression": 0,
        "consultation": 1,
        "no_hostile_third_party_agreements": 0,
    }
    with pytest.raises(ValueError, match="noothall"):
        ac.atop_treaty_level(_atop_codes().drop(columns="noothall"))
    anyp = ac.atop_treaty_level(_atop_codes(), phase="any")
    assert anyp.at[22, "nonaggression"] == 1
    with pytest.raises(ValueError):
        ac.atop_treaty_level(_atop_codes(), phase="last")


def test_agreement_rate_counts_unknowns_separately_and_finds_the_disagreement():
    cells = ac.atop_agreement(_provisions(), _treaties(), _atop_codes())
    assert len(cells) == 12  # two treaties with an ATOP id x six obligations
    res = cells.set_index(["treaty_id", "obligation"])["result"]
    assert res[("aaa-ccc-2010", "defense")] == "agree"  # yes / 1
    assert res[("aaa-ccc-2010", "neutrality")] == "agree"  # no / 0
    assert res[("aaa-ccc-2010", "offense")] == "ours unknown"
    assert res[("aaa-ddd-2000", "nonaggression")] == "agree"  # no / 0 in the first phase
    assert res[("aaa-ddd-2000", "consultation")] == "agree"  # yes / 1 (one member owes it)
    assert res[("aaa-ccc-2010", "no_hostile_third_party_agreements")] == "ours unknown"  # not coded
    summary = ac.agreement_summary(cells)
    # decided: ccc defense, neutrality, nonaggression; ddd defense, nonaggression, consultation
    kappa = summary.pop("kappa")
    assert summary == {"cells": 12, "decided": 6, "agree": 6, "disagree": 0, "unknown": 6, "rate": 1.0}
    assert kappa == pytest.approx(1.0)

    # a disagreement: we say ccc has neutrality, ATOP says no
    prov = _provisions()
    prov.loc[(prov.treaty_id == "aaa-ccc-2010") & (prov.obligation == "neutrality"), "present"] = "yes"
    cells = ac.atop_agreement(prov, _treaties(), _atop_codes())
    summary = ac.agreement_summary(cells)
    kappa = summary.pop("kappa")
    assert summary == {"cells": 12, "decided": 6, "agree": 5, "disagree": 1, "unknown": 6, "rate": 5 / 6}
    # ours 5 of 6 yes, ATOP 4 of 6: pe = 5/6*4/6 + 1/6*2/6 = 22/36, po = 30/36 -> kappa = 8/14
    assert kappa == pytest.approx(4 / 7)
    table = ac.atop_disagreements(cells, prov, _treaties())
    assert table[["Treaty", "Obligation", "Ours", "ATOP"]].values.tolist() == [
        ["Russia–China 2010", "Neutrality (no aid to attacker)", "yes", "no"]
    ]


def test_agreement_edge_cases():
    empty = pd.DataFrame({"result": ["ours unknown", "ours unknown"]})
    empty = empty.assign(ours="unknown", atop=0)
    s = ac.agreement_summary(empty)
    assert s["decided"] == 0 and s["unknown"] == 2 and math.isnan(s["rate"]) and math.isnan(s["kappa"])
    treaties = _treaties().assign(atop_id=pd.array([pd.NA, 11, 99], dtype="Int64"))
    with pytest.raises(ValueError, match="99"):
        ac.atop_agreement(_provisions(), treaties, _atop_codes())


def test_kappa_on_a_hand_made_table():
    # 10 cells: agree on 8; each coder says yes 5 times -> po = .8, pe = .5, kappa = .6
    ours = ["yes", "yes", "no", "no", "yes", "no", "yes", "yes", "no", "no"]
    theirs = [1, 0, 0, 0, 1, 1, 1, 1, 0, 0]
    assert ac.kappa(ours, theirs) == pytest.approx(0.6)
    # perfect disagreement on a balanced table: kappa = -1
    assert ac.kappa(["yes", "no"], [0, 1]) == pytest.approx(-1.0)
    # every cell in one class for both coders: chance explains everything, kappa undefined
    assert math.isnan(ac.kappa(["yes", "yes"], [1, 1]))
    assert math.isnan(ac.kappa([], []))
    with pytest.raises(ValueError):
        ac.kappa(["yes"], [1, 0])
    with pytest.raises(ValueError, match="neither 1 nor 0"):
        ac.kappa(["yes"], [2])
    with pytest.raises(ValueError, match="outside"):  # an undecided cell is not coerced to "no"
        ac.kappa(["unknown"], [0])


def test_one_kappa_in_the_package(monkeypatch):
    """The ATOP check's κ is agreement's κ over yes/no (same value on a hand-made table), and neither
    atop_check nor treaties defines a κ of its own: replacing agreement's function changes the check's result."""
    ours = ["yes", "no", "no", "yes", "no", "no"]
    atop = [1, 1, 0, 0, 0, 0]
    assert ac.kappa(ours, atop) == pytest.approx(ag.cohen_kappa(ours, ac.atop_as_codes(atop), ("yes", "no")))
    assert ac.kappa(ours, atop) == pytest.approx(0.25)  # po = 4/6, pe = 1/3 * 1/3 + 2/3 * 2/3 = 5/9
    monkeypatch.setattr(ag, "cohen_kappa", lambda *a, **k: 42.0)
    assert ac.kappa(ours, atop) == 42.0
    assert ac.agreement_summary(pd.DataFrame({"ours": ours, "atop": atop, "result": ["agree"] * 6}))["kappa"] == 42.0
    for module in (ac, tr):
        own = [
            n
            for n, f in vars(module).items()
            if callable(f) and "kappa" in n.lower() and n not in ("kappa", "_fmt_kappa")
        ]
        assert own == [], f"{module.__name__} defines a second κ: {own}"
        # nor computes one inline: no (p_o - p_e) / (1 - p_e) in its source
        text = inspect.getsource(module)
        assert not re.search(r"1\s*-\s*p_?e\b", text), f"{module.__name__} computes Cohen's κ itself"


def test_agreement_per_variable_before_and_after():
    table = ac.agreement_before_after(_provisions(), _treaties(), _atop_codes())
    assert table["coding"].unique().tolist() == ["before recoding", "after recoding"]
    t = table.set_index(["coding", "variable"])
    # before: ccc consultation yes vs ATOP 1 (agree); ddd nonaggression yes vs ATOP 0 in phase 1 (disagree)
    assert t.loc[("before recoding", "consultation"), "decided"] == 2
    assert t.loc[("before recoding", "nonaggression"), "disagree"] == 1
    assert t.loc[("before recoding", "All variables"), "decided"] == 7
    assert t.loc[("before recoding", "All variables"), "agree"] == 6
    assert t.loc[("after recoding", "All variables"), "decided"] == 6
    assert t.loc[("after recoding", "All variables"), "rate"] == 1.0
    # per-variable rows add up to the overall row
    for coding in ("before recoding", "after recoding"):
        part = table[(table["coding"] == coding) & (table["variable"] != "All variables")]
        whole = t.loc[(coding, "All variables")]
        assert part["decided"].sum() == whole["decided"] and part["unknown"].sum() == whole["unknown"]
    shown = ac.agreement_table(table)
    assert shown.columns[-1] == "Cohen's κ" and len(shown) == len(table)
    with pytest.raises(ValueError, match="present_x"):
        ac.atop_agreement(_provisions(), _treaties(), _atop_codes(), column="present_x")


def test_recoding_changes_and_unknown_cells_on_a_hand_made_table():
    prov = _provisions().assign(rule="atop-defense", searched=None)
    prov.loc[prov["present"] == "unknown", ["rule", "searched"]] = ["text-not-reached", "looked in A and B"]
    changes = ac.recoding_changes(prov, _treaties())
    assert changes[["Treaty", "Obligation", "Before", "After"]].values.tolist() == [
        ["Russia–China 2010", "Consultation", "yes", "unknown"],
        ["AAA 2000", "Non-aggression", "yes", "no"],
    ]
    unknown = ac.unknown_cells(prov, _treaties())
    # one row per treaty and reason, obligations listed, the search note once
    assert unknown["Treaty"].tolist() == ["Russia–China 2010", "AAA 2000"]
    assert unknown.loc[0, "Obligations"] == "Offence, Consultation"
    assert unknown.loc[0, "Searched"] == "looked in A and B"


def test_agreement_title_says_none_one_or_how_many():
    assert ac.agreement_title({"disagree": 0}) == "After the recoding, no decided cell disagrees with ATOP"
    assert "one cell" in ac.agreement_title({"disagree": 1})
    assert ac.agreement_title({"disagree": 3}).startswith("After the recoding, 3 decided cells")


def test_a_low_only_cell_is_not_counted_in_the_atop_agreement():
    """(Its matrix and ladder cells: tests/test_treaties.py, test_a_low_only_cell_is_not_counted_in_matrix_or_ladder.)"""
    prov = _provisions_with_a_low_cell()
    # the ATOP check: ccc non-aggression (ATOP 1) no longer agrees, it is unknown on our side
    cells = ac.atop_agreement(prov, _treaties(), _atop_codes()).set_index(["treaty_id", "obligation"])
    assert cells.at[("aaa-ccc-2010", "nonaggression"), "result"] == "ours unknown"
    plain = ac.atop_agreement(_provisions(), _treaties(), _atop_codes()).set_index(["treaty_id", "obligation"])
    assert plain.at[("aaa-ccc-2010", "nonaggression"), "result"] == "agree"
    assert (
        ac.agreement_summary(cells.reset_index())["decided"] == ac.agreement_summary(plain.reset_index())["decided"] - 2
    )
    # the coding before the recoding is read as it stood
    before = ac.atop_agreement(prov, _treaties(), _atop_codes(), column="present_before")
    assert before.set_index(["treaty_id", "obligation"]).at[("aaa-ccc-2010", "nonaggression"), "ours"] == "yes"
    assert ac.atop_cells_decided(prov) == (ac.atop_cells_decided(_provisions())[0] - 2, ac.atop_cells_decided(prov)[1])
    # listed as unknown with the reason, and as a change of the recoding
    unk = ac.unknown_cells(prov.assign(rule="atop-defense", searched="x"), _treaties())
    assert any("rests only on low-confidence sources" in w for w in unk["Why unknown"])


def test_treaties_never_imports_the_atop_check():
    """The check reads the coding, never the reverse: treaties imports no atop_check (no cycle), and
    atop_check imports no topic module but treaties."""
    import helpers

    folder = __import__("pathlib").Path(helpers.__file__).parent
    topics = {"treaties", "defence", "drivers", "drones", "trade", "votes", "timeline", "balancing", "networks"}
    topics |= {"ledger", "alliances", "partners", "choice_mc", "balance_null", "atop_check"}

    def imported(name):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module} if node.module else {a.name for a in node.names}
        return found

    assert "atop_check" not in imported("treaties")
    assert imported("atop_check") & topics == {"treaties"}


# --------------------------------------------------------------------------- the real tables


@pytest.fixture(scope="module")
def real():
    return real_tables()


@pytest.fixture()
def capture(monkeypatch):
    return record_charts(monkeypatch)


def test_plot_agreement_is_finished(capture, real):
    labels = tr.treaty_labels(real["treaties"])
    cells = ac.atop_agreement(real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"])
    ac.plot_agreement(cells, labels, "T", "Source: x.", "alt text " * 5)
    assert len(capture) == 1 and all(missing == [] for missing, _ in capture)


def test_real_atop_check(real):
    cells = ac.atop_agreement(real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"])
    n_atop = int(real["treaties"]["atop_id"].notna().sum())
    assert len(cells) == len(tr.ATOP_OBLIGATIONS) * n_atop
    s = ac.agreement_summary(cells)
    assert s["decided"] + s["unknown"] == s["cells"]
    assert 0 <= s["rate"] <= 1
    assert len(ac.atop_disagreements(cells, real["treaty_provisions"], real["treaties"])) == s["disagree"]


def test_real_comparison_sentences_come_from_the_table(real):
    table = ac.agreement_before_after(real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"])
    sentence = ac.agreement_sentence(table)
    for coding in ac.CODINGS:
        row = table[(table["coding"] == coding) & (table["variable"] == "All variables")].iloc[0]
        assert f"{int(row['agree'])} of {int(row['decided'])} decided cells" in sentence
    side = ac.compare_treaties(
        real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"], "rus-irn-2001", "rus-irn-2025"
    ).set_index("Obligation")
    assert side.at["Neutrality (no aid to attacker)", "Russia–Iran 2025: ours"] == "yes (Art. 3(3))"
    assert side.at["Neutrality (no aid to attacker)", "Russia–Iran 2001: ATOP"] == "yes"
    with_neutrality = ac.coded_with(
        real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"], "neutrality"
    )
    assert with_neutrality["atop"] == ["Russia–Iran 2001"]  # ATOP: neither the 2000 DPRK nor the 2001 China treaty


def test_real_statements_of_notebook_02_hold(real):
    """The notebook's prose names these results; if the data change, the prose must be revisited."""
    cells = ac.atop_agreement(real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"])
    bad = cells[cells["result"] == "disagree"]
    assert list(zip(bad["treaty_id"], bad["obligation"])) == []
    # the one earlier disagreement rests on a spokesman's paraphrase: unknown by the reading rules
    by_cell = cells.set_index(["treaty_id", "obligation"])
    prk = by_cell.loc[("rus-prk-2000", "nonaggression")]
    assert prk["result"] == "ours unknown" and prk["atop"] == 0
    # the reading rule applied evenly: paraphrases and descriptions of an article are secondary-only
    prov = real["treaty_provisions"].set_index("provision_id")
    paraphrased = ("rus-prk-2000-p05", "rus-prk-2000-p06", "rus-prk-2000-p07", "rus-prk-2024-p04", "rus-irn-2025-p20")
    for pid in (*paraphrased, "rus-chn-2001-p06"):
        assert (prov.at[pid, "rule"], prov.at[pid, "present"]) == ("secondary-only", "unknown"), pid
    # unnamed officials on "no military alliance" fail absence-official: 2001 China defence unknown
    assert (prov.at["rus-chn-2001-p01", "present"], by_cell.loc[("rus-chn-2001", "defense"), "result"]) == (
        "unknown",
        "ours unknown",
    )
    basis = ac.decided_cells_basis(cells, real["treaty_provisions"])
    assert basis == {"decided": 12, "no": 2, "absence": 1, "clauses": 10}, "update notebook 02 section 5"
    # the text-only sensitivity drops the one absence-coded cell (2000 North Korea defence, Jamestown)
    text = ac.atop_agreement(
        real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"], column=ac.TEXT_ONLY
    )
    assert ac.agreement_summary(text)["decided"] == basis["decided"] - basis["absence"]
    assert text.set_index(["treaty_id", "obligation"]).loc[("rus-prk-2000", "defense"), "result"] == "ours unknown"
    # the cells the counting rule turns to unknown, as notebook 02 (section 5) and the coding-rules page list them
    counted = obligations.counted(real["treaty_provisions"])
    weak = counted[counted["low_only"] & counted["obligation"].isin(tr.ATOP_OBLIGATIONS)]
    assert set(zip(weak["treaty_id"], weak["obligation"], weak["coded"])) == set(), (
        "update notebook 02 section 5 and notebooks/coding_rules.md (the counting rule)"
    )
    side = ac.compare_treaties(
        real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"], "rus-irn-2001", "rus-irn-2025"
    ).set_index("Obligation")["Russia–Iran 2001: ATOP"]
    assert [side[tr.OBLIGATION_LABELS[o]] for o in ("defense", "neutrality", "nonaggression", "consultation")] == [
        "no",
        "yes",
        "yes",
        "yes",
    ]
    level = ac.atop_treaty_level(real["atop_treaty_codes"])
    assert level.loc[
        4940, ["neutrality", "nonaggression", "consultation", "no_hostile_third_party_agreements"]
    ].tolist() == [0, 0, 1, 1]
    assert level.loc[
        4980, ["neutrality", "nonaggression", "consultation", "no_hostile_third_party_agreements"]
    ].tolist() == [0, 1, 1, 1]


def test_agreement_grid_keeps_its_colour_key_off_the_labels_and_the_source_line(shown_figures, real):
    labels = tr.treaty_labels(real["treaties"])
    cells = ac.atop_agreement(real["treaty_provisions"], real["treaties"], real["atop_treaty_codes"])
    ac.plot_agreement(cells, labels, "T", "Source: x.", "alt text " * 5)
    fig = shown_figures[-1]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    # the key is written in the axis label (a legend under the grid fell over the source line)
    assert ax.get_legend() is None and not fig.legends
    assert ac.AGREEMENT_KEY in ax.get_xlabel()
    source = next(t for t in fig.texts if t.get_text() == "Source: x.").get_window_extent(renderer)
    texts = [t for t in ax.get_xticklabels() if t.get_text()] + [ax.xaxis.label]
    assert not [t.get_text() for t in texts if t.get_window_extent(renderer).overlaps(source)]
    assert style.overlapping_tick_labels(fig) == []
