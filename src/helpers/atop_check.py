"""Our coding of the treaties checked against ATOP's: ATOP as an independent second coder.

The unit compared is a treaty × obligation cell: one of the treaties that ATOP 4.01 codes (an
``atop_id`` in ``treaties``) and one of the six ATOP obligations
(:data:`helpers.treaties.ATOP_OBLIGATIONS`). Our code of a cell is that of
:func:`helpers.treaties.obligation_matrix` (yes / no / unknown / not coded); ATOP's is 1 if any
member owes the obligation in the alliance's first phase (the original text, which is what we
coded; any phase on request, :func:`atop_treaty_level`). Pure functions on ``treaty_provisions``, ``treaties`` and ``atop_treaty_codes`` (tables
loaded with ``helpers.data.load``) plus :func:`plot_agreement`, which draws in the house style.

What counts (the tables' coding conventions, see ``data/datapackage.json``):

- a cell is *decided* where we coded ``yes`` or ``no``; the agreement with ATOP is computed only
  over decided cells. Our ``unknown`` (no source read settles it) and ``not coded`` cells are
  counted separately, never as agreement or disagreement;
- a yes or no resting only on low-confidence sources counts as ``unknown``
  (:func:`helpers.obligations.counted`; the row stays in the tables with its confidence mark);
- the agreement rate is agree / decided; Cohen's κ is the package's one κ
  (:func:`helpers.agreement.cohen_kappa` over yes/no on the decided cells), undefined when
  nothing is decided or both coders put every cell in one class;
- besides the current coding, the coding before the recoding from the texts and a text-only
  sensitivity coding (cells decided from a statement that a clause is absent read as unknown)
  are compared too (:data:`CODINGS`, :data:`CODINGS_WITH_TEXT_ONLY`).

This module reads the coding of :mod:`helpers.treaties` (the one topic module it imports);
:mod:`helpers.treaties` never imports it.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from . import agreement, data, style
from .obligations import LOW_ONLY_REASON, OBLIGATION_LABELS, counted, treaty_label, treaty_labels
from .treaties import (
    ATOP_OBLIGATIONS,
    RULES,
    article_ref,
    obligation_matrix,
)

# --------------------------------------------------------------------------- vocabularies

#: Our obligation name → the column of the ATOP member-level file.
ATOP_COLUMNS: dict[str, str] = {
    "defense": "defense",
    "offense": "offense",
    "neutrality": "neutral",
    "nonaggression": "nonagg",
    "consultation": "consul",
    "no_hostile_third_party_agreements": "noothall",
}

# --------------------------------------------------------------------------- the cells compared

#: The two codings compared with ATOP: the current one (``present``) and the one before the
#: recoding from the texts (``present_before``).
CODINGS: dict[str, str] = {"before recoding": "present_before", "after recoding": "present"}
#: The sensitivity coding "text only": the current coding with every cell decided from a statement
#: that a clause is absent (rules :data:`ABSENCE_RULES`) read as unknown - only cells decided from
#: the wording of an article stay decided.
TEXT_ONLY = "text only"
ABSENCE_RULES: tuple[str, ...] = ("absence-official", "absence-report")
#: :data:`CODINGS` with the text-only sensitivity coding after them.
CODINGS_WITH_TEXT_ONLY: dict[str, str] = {**CODINGS, "after recoding, text only": TEXT_ONLY}


def text_only(provisions: pd.DataFrame) -> pd.DataFrame:
    """``provisions`` with every cell coded under an absence rule (:data:`ABSENCE_RULES`) set to
    unknown (the text-only sensitivity coding); other cells unchanged."""
    out = provisions.copy()
    out.loc[out["rule"].isin(ABSENCE_RULES), "present"] = "unknown"
    return out


def atop_treaty_level(atop_codes: pd.DataFrame, phase: str = "first") -> pd.DataFrame:
    """ATOP's obligations per alliance (``atopid`` index, our obligation names as columns):
    1 if any member owes it, in the alliance's first phase (``phase="first"``, the original
    text, which is what we coded) or in any phase (``phase="any"``)."""
    if phase not in ("first", "any"):
        raise ValueError("phase must be 'first' or 'any'")
    codes = atop_codes.copy()
    if phase == "first":
        first = codes.groupby("atopid")["phase"].transform("min")
        codes = codes[codes["phase"] == first]
    cols = [ATOP_COLUMNS[o] for o in ATOP_OBLIGATIONS]
    missing = [c for c in cols if c not in codes.columns]
    if missing:
        raise ValueError(f"atop_treaty_codes lacks column(s) {missing}")
    level = (codes.groupby("atopid")[cols].max().fillna(0) > 0).astype(int)
    level = level.rename(columns={v: k for k, v in ATOP_COLUMNS.items()})
    level.index = level.index.astype(int)
    return level


def atop_agreement(
    provisions: pd.DataFrame,
    treaties: pd.DataFrame,
    atop_codes: pd.DataFrame,
    phase: str = "first",
    column: str = "present",
) -> pd.DataFrame:
    """Our coding beside ATOP's, one row per (treaty with an ATOP id) × ATOP obligation.

    ``column`` picks the coding (``present``, as counted by :func:`counted` - a yes or no resting
    only on low-confidence sources is unknown -, :data:`TEXT_ONLY` for ``present`` with the
    absence-coded cells unknown, or ``present_before`` for the coding before the
    recoding, kept as it was then: its sources are not recorded). Columns: ``treaty_id``, ``atop_id``, ``obligation``, ``ours`` (yes / no /
    unknown / not coded), ``atop`` (1/0), ``result``: ``agree`` / ``disagree`` where we decided
    yes or no, ``ours unknown`` otherwise (unknown or not coded). A treaty whose ATOP id is not in
    ``atop_codes`` is an error.
    """
    if column == TEXT_ONLY:
        provisions, column = text_only(provisions), "present"
    if column not in provisions.columns:
        raise ValueError(f"treaty_provisions has no column {column!r}")
    if column == "present":
        provisions = counted(provisions)
    level = atop_treaty_level(atop_codes, phase)
    matrix = obligation_matrix(
        provisions.assign(present=provisions[column]), treaties, ATOP_OBLIGATIONS, count=column == "present"
    )
    coded = treaties[treaties["atop_id"].notna()]
    missing = sorted(int(i) for i in coded["atop_id"] if int(i) not in level.index)
    if missing:
        raise ValueError(f"ATOP id(s) {missing} not in the ATOP codes")
    rows = []
    for tid, aid in zip(coded["treaty_id"], coded["atop_id"]):
        for ob in ATOP_OBLIGATIONS:
            ours = matrix.at[tid, ob]
            atop = int(level.at[int(aid), ob])
            if ours in ("yes", "no"):
                result = "agree" if (ours == "yes") == (atop == 1) else "disagree"
            else:
                result = "ours unknown"
            rows.append((tid, int(aid), ob, ours, atop, result))
    return pd.DataFrame(rows, columns=["treaty_id", "atop_id", "obligation", "ours", "atop", "result"])


#: How the ATOP codes (1/0) read as our codes.
ATOP_CODES: dict[object, str] = {1: "yes", 0: "no"}


def atop_as_codes(values) -> list[str]:
    """ATOP's 1/0 codes as ``yes``/``no`` so that they compare with ours; anything else is an error."""
    out = []
    for v in values:
        key = int(v) if isinstance(v, (int, float)) and not pd.isna(v) and float(v) in (0.0, 1.0) else v
        if key not in ATOP_CODES:
            raise ValueError(f"ATOP code {v!r} is neither 1 nor 0")
        out.append(ATOP_CODES[key])
    return out


def kappa(ours, atop) -> float:
    """Cohen's κ of our yes/no codes against ATOP's 1/0 codes on the same cells: the package's one
    κ (:func:`helpers.agreement.cohen_kappa` over ``yes``/``no``), ``nan`` when there are no cells
    or when both coders put every cell in the same single class (chance explains everything)."""
    return agreement.cohen_kappa(list(ours), atop_as_codes(atop), categories=("yes", "no"), constant=float("nan"))


def agreement_summary(cells: pd.DataFrame) -> dict[str, float | int]:
    """The agreement of :func:`atop_agreement` cells: ``cells``, ``decided`` (we said yes/no),
    ``agree``, ``disagree``, ``unknown`` (our unknown or not-coded cells, left out of the rate)
    and ``rate`` = agree / decided and ``kappa`` (Cohen's κ on the decided cells); both ``nan``
    if nothing was decided."""
    agree = int((cells["result"] == "agree").sum())
    disagree = int((cells["result"] == "disagree").sum())
    unknown = int((cells["result"] == "ours unknown").sum())
    decided = cells[cells["result"] != "ours unknown"]
    return {
        "cells": len(cells),
        "decided": len(decided),
        "agree": agree,
        "disagree": disagree,
        "unknown": unknown,
        "rate": agree / len(decided) if len(decided) else float("nan"),
        "kappa": kappa(decided["ours"], decided["atop"]),
    }


def agreement_by_variable(cells: pd.DataFrame) -> pd.DataFrame:
    """:func:`agreement_summary` per ATOP variable (in :data:`ATOP_OBLIGATIONS` order) and for
    all variables together (last row, ``All variables``)."""
    rows = []
    for ob in [o for o in ATOP_OBLIGATIONS if o in set(cells["obligation"])]:
        rows.append({"variable": ob, **agreement_summary(cells[cells["obligation"] == ob])})
    rows.append({"variable": "All variables", **agreement_summary(cells)})
    return pd.DataFrame(rows)


def agreement_before_after(
    provisions: pd.DataFrame,
    treaties: pd.DataFrame,
    atop_codes: pd.DataFrame,
    phase: str = "first",
    codings: dict[str, str] | None = None,
) -> pd.DataFrame:
    """:func:`agreement_by_variable` for each coding of ``codings`` (default :data:`CODINGS`;
    :data:`CODINGS_WITH_TEXT_ONLY` adds the text-only sensitivity coding), stacked: one row per
    coding × variable (``coding`` column first)."""
    parts = []
    for name, column in (codings or CODINGS).items():
        table = agreement_by_variable(atop_agreement(provisions, treaties, atop_codes, phase, column))
        parts.append(table.assign(coding=name))
    out = pd.concat(parts, ignore_index=True)
    return out[["coding", *[c for c in out.columns if c != "coding"]]]


def _fmt_share(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


def _fmt_kappa(value: float) -> str:
    return "undefined" if pd.isna(value) else f"{value:.2f}"


def agreement_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`agreement_before_after` (or :func:`agreement_by_variable`) for display: variable,
    decided cells, agree, disagree, our unknowns, raw agreement and Cohen's κ."""
    out = pd.DataFrame(
        {
            "Coding": table["coding"] if "coding" in table else "",
            "ATOP variable": [v if v == "All variables" else OBLIGATION_LABELS.get(v, v) for v in table["variable"]],
            "Decided (yes/no)": table["decided"].astype(int),
            "Agree": table["agree"].astype(int),
            "Disagree": table["disagree"].astype(int),
            "Ours unknown (not in the rate)": table["unknown"].astype(int),
            "Raw agreement": [_fmt_share(v) for v in table["rate"]],
            "Cohen's κ": [_fmt_kappa(v) for v in table["kappa"]],
        }
    )
    if "coding" not in table:
        out = out.drop(columns="Coding")
    return out


def atop_disagreements(cells: pd.DataFrame, provisions: pd.DataFrame, treaties: pd.DataFrame) -> pd.DataFrame:
    """The cells where we and ATOP disagree, with our evidence and the reason: article, quote,
    rule applied, our note (the note states why our reading differs) and our sources."""
    labels = treaty_labels(treaties)
    bad = cells[cells["result"] == "disagree"]
    prov = provisions.set_index(["treaty_id", "obligation"])
    rows = []
    for tid, ob, ours, atop in zip(bad["treaty_id"], bad["obligation"], bad["ours"], bad["atop"]):
        p = prov.loc[[(tid, ob)]].iloc[0]
        rows.append(
            (
                labels[tid],
                OBLIGATION_LABELS[ob],
                ours,
                "yes" if atop else "no",
                article_ref(p["article"]),
                "" if data.blank(p["quote"]) else str(p["quote"]),
                "" if data.blank(p.get("rule")) else str(p["rule"]),
                "" if data.blank(p["note"]) else str(p["note"]),
                "" if data.blank(p["source_ids"]) else str(p["source_ids"]).replace(";", "; "),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Treaty",
            "Obligation",
            "Ours",
            "ATOP",
            "Article",
            "Our evidence (quote)",
            "Rule applied",
            "Reason (our note)",
            "Sources",
        ],
    )


def recoding_changes(provisions: pd.DataFrame, treaties: pd.DataFrame, obligations=ATOP_OBLIGATIONS) -> pd.DataFrame:
    """The cells whose value changed in the recoding (``present_before`` → ``present``), with the
    rule applied, the note that gives the reason and the sources of the new coding. ``After`` is
    the value as counted (:func:`counted`); a cell coded from low-confidence sources only says so
    in its reason."""
    labels = treaty_labels(treaties)
    provisions = counted(provisions)
    rows = provisions[
        provisions["obligation"].isin(obligations) & (provisions["present"] != provisions["present_before"])
    ]
    return pd.DataFrame(
        {
            "Treaty": rows["treaty_id"].map(labels).to_list(),
            "Obligation": rows["obligation"].map(OBLIGATION_LABELS).to_list(),
            "Before": rows["present_before"].to_list(),
            "After": rows["present"].to_list(),
            "Rule applied": rows["rule"].to_list(),
            "Reason": [
                (f"Coded {c}; {LOW_ONLY_REASON}. " if w else "") + ("" if data.blank(n) else str(n))
                for c, w, n in zip(rows["coded"], rows["low_only"], rows["note"])
            ],
            "Sources": rows["source_ids"].fillna("").str.replace(";", "; ", regex=False).to_list(),
        }
    )


def unknown_cells(provisions: pd.DataFrame, treaties: pd.DataFrame, obligations=ATOP_OBLIGATIONS) -> pd.DataFrame:
    """The ATOP cells still unknown (as counted, :func:`counted`), one row per treaty and reason:
    the obligations, why unknown (the rule, or that a yes or no rests only on low-confidence
    sources) and where the text was searched."""
    labels = treaty_labels(treaties)
    provisions = counted(provisions)
    rows = provisions[provisions["obligation"].isin(obligations) & (provisions["present"] == "unknown")].copy()
    rows["why"] = [
        f"Coded {c}; {LOW_ONLY_REASON}" if w else RULES[r]
        for c, w, r in zip(rows["coded"], rows["low_only"], rows["rule"])
    ]
    out = []
    for (tid, why), group in rows.groupby(["treaty_id", "why"], sort=False):
        out.append(
            {
                "Treaty": labels[tid],
                "Obligations": ", ".join(group["obligation"].map(OBLIGATION_LABELS)),
                "Why unknown": why,
                "Searched": " | ".join(dict.fromkeys(group["searched"].fillna(""))),
            }
        )
    return pd.DataFrame(out, columns=["Treaty", "Obligations", "Why unknown", "Searched"])


# --------------------------------------------------------------------------- sentences and the side-by-side table


def compare_treaties(
    provisions: pd.DataFrame,
    treaties: pd.DataFrame,
    atop_codes: pd.DataFrame,
    old: str,
    new: str,
    extra=("sanctions_clause", "intelligence_security", "military_contacts", "joint_exercises", "military_technical"),
) -> pd.DataFrame:
    """An older and a newer treaty side by side on the ATOP obligations and ``extra`` further
    ones: our code of each (with the article), and ATOP's code of the older one where it has an
    ATOP id. Values as counted (:func:`counted`)."""
    provisions = counted(provisions)
    matrix = obligation_matrix(provisions, treaties, (*ATOP_OBLIGATIONS, *extra))
    aid = treaties.set_index("treaty_id").at[old, "atop_id"]
    level = atop_treaty_level(atop_codes) if not pd.isna(aid) else None

    def cell(tid, ob):
        value = matrix.at[tid, ob]
        rows = provisions[
            (provisions["treaty_id"] == tid) & (provisions["obligation"] == ob) & (provisions["present"] == value)
        ]
        arts = sorted({str(a) for a in rows["article"] if not data.blank(a)})
        return value + (f" (Art. {', '.join(arts)})" if arts and value in ("yes", "no") else "")

    out = []
    for ob in (*ATOP_OBLIGATIONS, *extra):
        atop = "—" if level is None or ob not in level.columns else ("yes" if level.at[int(aid), ob] else "no")
        out.append(
            {
                "Obligation": OBLIGATION_LABELS[ob],
                f"{treaty_label(old, 'RUS;IRN')}: ours": cell(old, ob),
                f"{treaty_label(old, 'RUS;IRN')}: ATOP": atop,
                f"{treaty_label(new, 'RUS;IRN')}: ours": cell(new, ob),
            }
        )
    return pd.DataFrame(out)


def agreement_title(summary: dict[str, float | int]) -> str:
    """The agreement chart's title (a takeaway) from :func:`agreement_summary`."""
    n = int(summary["disagree"])
    if n == 0:
        return "After the recoding, no decided cell disagrees with ATOP"
    if n == 1:
        return "After the recoding, one cell of the decided ones disagrees with ATOP"
    return f"After the recoding, {n} decided cells disagree with ATOP"


def agreement_sentence(table: pd.DataFrame) -> str:
    """The overall comparison of :func:`agreement_before_after` in one sentence, from the table
    (every coding the table holds, in its order)."""
    parts = []
    for coding in table["coding"].drop_duplicates():
        r = table[(table["coding"] == coding) & (table["variable"] == "All variables")].iloc[0]
        parts.append(
            f"{coding}: {int(r['agree'])} of {int(r['decided'])} decided cells agree with ATOP "
            f"({_fmt_share(r['rate'])}, Cohen's κ {_fmt_kappa(r['kappa'])}), {int(r['unknown'])} cells "
            "unknown on our side"
        )
    return "; ".join(parts) + "."


def decided_cells_basis(cells: pd.DataFrame, provisions: pd.DataFrame) -> dict[str, int]:
    """What the decided cells of :func:`atop_agreement` rest on: ``decided``, ``no`` (decided
    cells coded no), ``absence`` (decided cells coded under an absence rule, :data:`ABSENCE_RULES`)
    and ``clauses`` (distinct clauses or statements behind the decided cells: one treaty's article
    - or, without an article number, its quote - counted once however many obligations it decides)."""
    decided = cells[cells["result"] != "ours unknown"]
    rows = counted(provisions)
    rows = rows[rows["present"].isin(["yes", "no"])]
    keys = set(zip(decided["treaty_id"], decided["obligation"]))
    rows = rows[[k in keys for k in zip(rows["treaty_id"], rows["obligation"])]]
    clauses = {
        (t, f"Art. {a}" if not data.blank(a) else str(q).strip())
        for t, a, q in zip(rows["treaty_id"], rows["article"], rows["quote"])
    }
    absence = {(t, o) for t, o, r in zip(rows["treaty_id"], rows["obligation"], rows["rule"]) if r in ABSENCE_RULES}
    return {
        "decided": len(decided),
        "no": int((decided["ours"] == "no").sum()),
        "absence": len(absence),
        "clauses": len(clauses),
    }


def decided_cells_sentence(basis: dict[str, int]) -> str:
    """:func:`decided_cells_basis` in one sentence."""
    return (
        f"Decided cells: {basis['decided']}, of them {basis['no']} 'no' and {basis['absence']} resting on a statement "
        f"that a clause is absent rather than on wording read; they rest on {basis['clauses']} distinct articles or "
        "statements."
    )


def coded_with(
    provisions: pd.DataFrame, treaties: pd.DataFrame, atop_codes: pd.DataFrame, obligation: str
) -> dict[str, list[str]]:
    """Which treaties have ``obligation``: ``ours`` (coded yes), ``ours unknown`` and ``atop``
    (ATOP's first phase codes it 1), as readable labels."""
    labels = treaty_labels(treaties)
    m = obligation_matrix(provisions, treaties, (obligation,))[obligation]
    level = atop_treaty_level(atop_codes)
    atop = [
        labels[t]
        for t, a in zip(treaties["treaty_id"], treaties["atop_id"])
        if not pd.isna(a) and int(a) in level.index and level.at[int(a), obligation] == 1
    ]
    return {
        "ours": [labels[t] for t in m.index if m[t] == "yes"],
        "ours unknown": [labels[t] for t in m.index if m[t] == "unknown"],
        "atop": atop,
    }


def atop_cells_decided(provisions: pd.DataFrame) -> tuple[int, int]:
    """How many ATOP-obligation cells of ``treaty_provisions`` are decided (yes/no, as counted:
    :func:`counted`), of how many."""
    provisions = counted(provisions)
    atop_cells = provisions[provisions["obligation"].isin(ATOP_OBLIGATIONS)]
    return int(atop_cells["present"].isin(["yes", "no"]).sum()), len(atop_cells)


# --------------------------------------------------------------------------- chart


#: The agreement grid's colour key, written under the grid (see :func:`plot_agreement`).
AGREEMENT_KEY = "green, agree; vermillion, disagree; grey, ours unknown"


def plot_agreement(
    cells: pd.DataFrame, labels: dict[str, str], title: str, source: str, alt: str, subtitle: str | None = None
) -> None:
    """Treaties × ATOP obligations: each cell shows ``ours / ATOP`` and is coloured by the
    result (agree, disagree, ours unknown)."""
    colours = {"agree": style.PALETTE["green"], "disagree": style.PALETTE["vermillion"], "ours unknown": "#E3E3E3"}
    treaties = list(dict.fromkeys(cells["treaty_id"]))
    obs = [o for o in ATOP_OBLIGATIONS if o in set(cells["obligation"])]
    rows = {
        t: f"{labels.get(t, t)}\n(ATOP {int(cells.loc[cells.treaty_id == t, 'atop_id'].iloc[0])})" for t in treaties
    }
    cols = {o: textwrap.fill(OBLIGATION_LABELS[o], 16) for o in obs}  # narrow enough not to run into the next
    grid = cells.pivot(index="treaty_id", columns="obligation", values="result").loc[treaties, obs]
    text = (
        cells.assign(text=[f"ours: {o}\nATOP: {'yes' if a else 'no'}" for o, a in zip(cells["ours"], cells["atop"])])
        .pivot(index="treaty_id", columns="obligation", values="text")
        .loc[treaties, obs]
    )
    grid = grid.rename(index=rows, columns=cols)
    text = text.rename(index=rows, columns=cols)
    fig, ax = style.figure("wide")
    style.category_heatmap(ax, grid, colours, text)
    ax.tick_params(axis="x", rotation=0)
    ax.tick_params(axis="y", rotation=0)
    # the colour key goes in the axis label, not a legend: a legend under the wrapped column labels
    # fell outside the layout and over the source line, one beside the grid squeezed the cells
    ax.set_xlabel(f"ATOP obligation (cell colour: {AGREEMENT_KEY})")
    ax.set_ylabel("Treaty (ATOP alliance id)")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
