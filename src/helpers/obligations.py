"""The obligation vocabulary and the obligation ladder: what a treaty obliges a party to do.

A treaty's obligations are coded in ``treaty_provisions`` (one row per treaty, obligation and
source: ``present`` = yes / no / unknown). The **ladder** ranks treaties by the strongest
obligation a source says the text contains (:data:`RUNGS`, top first): mutual defence (4) >
consultation in a crisis or joint defence measures (3) > neutrality / no assistance to an
aggressor (2) > non-aggression (1) > none (0). A rung whose cells are all ``unknown`` is
*unknown*, never *no*; the *ceiling* is the highest rung that is yes or unknown, so
``rank < ceiling`` says the treaty might rank higher if the unknown cells were settled.

Notebooks 03 and 06 both rank with :func:`ladder`; the obligation labels and the rule that combines
several sources on one obligation (``combine_presence``) are the treaty coding's own
(:mod:`helpers.treaties`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .treaties import (
    ATOP_EXTRACT_PARTNERS,
    ATOP_LAST_YEAR,
    LADDER_COW,
    NONE,
    NOT_CODED,
    OBLIGATION_LABELS,
    RUNG_OBLIGATIONS,
    UNKNOWN,
    combine_presence,
    parties_on,
    rung_values,
    treaty_labels,
    treaty_span,
)

#: Rungs of the ladder, top first: label → the obligations (``treaty_provisions.obligation``) that
#: put a treaty on it.
RUNGS: dict[str, tuple[str, ...]] = {
    "Mutual defence": ("defense",),
    "Consultation / joint defence measures": ("consultation", "joint_defense_measures"),
    "Neutrality / no aid to an aggressor": ("neutrality", "non_assistance_aggressor"),
    "Non-aggression": ("nonaggression",),
}
#: The same rungs in the order of the Correlates of War alliance typology, top first: defence pacts
#: (Type I) commit members to intervene militarily for an attacked partner; neutrality and
#: non-aggression pacts (Type II) to stay militarily neutral, the neutrality pact being "usually more
#: specific" than the non-aggression pact; ententes (Type III) pledge consultation or cooperation in a
#: crisis (Gibler, *International Military Alliances, 1648–2008*, p. 58 [src: gibler-nd-intro-p58]).
#: :data:`RUNGS` is the variant that puts crisis consultation above neutrality and non-aggression;
#: ``ladder(provisions, treaties, RUNGS_COW)`` ranks by the cited order. ATOP itself codes each
#: obligation separately and ranks none of them.
RUNGS_COW: dict[str, tuple[str, ...]] = {
    "Mutual defence": RUNGS["Mutual defence"],
    "Neutrality / no aid to an aggressor": RUNGS["Neutrality / no aid to an aggressor"],
    "Non-aggression": RUNGS["Non-aggression"],
    "Consultation / joint defence measures": RUNGS["Consultation / joint defence measures"],
}
NO_COMMITMENT = "No security commitment"
UNKNOWN_RANK = "Unknown (no rung documented)"


_obligation_value = combine_presence  # one value from several rows on one obligation


def rung_value(values: Iterable[str]) -> str:
    """One rung from the values of its obligations: yes if any is yes; else unknown if any is
    unknown (it might be yes); else no if any is no; else ``not coded``."""
    values = list(values)
    for v in ("yes", "unknown", "no"):
        if v in values:
            return v
    return "not coded"


def ladder(
    provisions: pd.DataFrame, treaties: pd.DataFrame, rungs: dict[str, tuple[str, ...]] | None = None
) -> pd.DataFrame:
    """One row per treaty, ranked top first: each rung's value (yes / no / unknown / not
    coded), ``rank`` (4 = mutual defence … 0 = no rung is yes), ``rung`` (its label),
    ``ceiling`` (highest rung that is yes or unknown) and ``settled`` (rank == ceiling).

    Ties are broken by ceiling (higher first), then by signature date (newer first).
    ``rungs`` (default :data:`RUNGS`, top first) changes the rule."""
    rungs = rungs or RUNGS
    grouped = provisions.groupby(["treaty_id", "obligation"])["present"].agg(list)
    labels = treaty_labels(treaties)
    names = list(rungs)
    rows = []
    for tid, signed in zip(treaties["treaty_id"], treaties["signed"]):
        row: dict[str, object] = {"treaty_id": tid, "treaty": labels[tid], "signed": pd.Timestamp(signed)}
        for name, obligations in rungs.items():
            row[name] = rung_value(_obligation_value(grouped.get((tid, ob), [])) for ob in obligations)
        levels = {name: len(names) - i for i, name in enumerate(names)}
        yes = [levels[n] for n in names if row[n] == "yes"]
        maybe = [levels[n] for n in names if row[n] in ("yes", "unknown")]
        rank = max(yes, default=0)
        ceiling = max(maybe, default=0)
        row["rank"] = rank
        row["ceiling"] = ceiling
        row["settled"] = rank == ceiling
        if rank:
            row["rung"] = names[len(names) - rank]
        else:
            row["rung"] = NO_COMMITMENT if ceiling == 0 else UNKNOWN_RANK
        rows.append(row)
    out = pd.DataFrame(rows)
    out = out.sort_values(["rank", "ceiling", "signed"], ascending=[False, False, False]).reset_index(drop=True)
    out.attrs["rungs"] = dict(rungs)
    return out


def ladder_evidence(provisions: pd.DataFrame, lad: pd.DataFrame) -> pd.DataFrame:
    """The provision that puts each treaty on its rung: article, quote, who is quoted, sources
    (a treaty on no rung: ``—``). Where a rung holds two obligations, the first listed in
    :data:`RUNGS` that is ``yes`` is shown."""
    rows = []
    for _, r in lad.iterrows():
        base = {
            "Treaty": r["treaty"],
            "Rung": r["rung"],
            "Could rank higher?": "no" if r["settled"] else "yes: a higher rung is unknown",
        }
        prov = pd.DataFrame()
        if r["rank"]:
            for ob in lad.attrs.get("rungs", RUNGS)[r["rung"]]:
                prov = provisions[
                    (provisions["treaty_id"] == r["treaty_id"])
                    & (provisions["obligation"] == ob)
                    & (provisions["present"] == "yes")
                ]
                if len(prov):
                    break
        if len(prov):
            p = prov.sort_values("provision_id").iloc[0]
            base.update(
                {
                    "Clause": OBLIGATION_LABELS.get(p["obligation"], p["obligation"]),
                    "Article": "—" if pd.isna(p["article"]) else f"Art. {p['article']}",
                    "Quote": "" if pd.isna(p["quote"]) else str(p["quote"]),
                    "Quoted by": "" if pd.isna(p["quote_by"]) else str(p["quote_by"]),
                    "source_ids": p["source_ids"],
                }
            )
        else:
            base.update({"Clause": "—", "Article": "—", "Quote": "", "Quoted by": "", "source_ids": pd.NA})
        rows.append(base)
    out = pd.DataFrame(rows)
    out.attrs["file"] = provisions.attrs.get("file", "data/treaty_provisions.csv")
    return out


# --------------------------------------------------------------------------- obligations in force by date


def obligation_in_force(
    day,
    dyad,
    treaties: pd.DataFrame,
    provisions: pd.DataFrame,
    milestones: pd.DataFrame,
    parties: pd.DataFrame,
    atop_dyads: pd.DataFrame | None = None,
    order: tuple[str, ...] = LADDER_COW,
) -> dict[str, object]:
    """What binds the two states of ``dyad`` to each other on ``day``.

    A dyad is bound by every treaty of the collection in force on that day (entry into force ≤
    day < end, :func:`treaty_span`) to which both are parties on that day (:func:`parties_on`;
    bilateral or multilateral). Its ``status`` is the strongest rung, in ``order``, that any of
    those treaties has as yes (:func:`rung_values`). Otherwise:

    - ``unknown``: a binding treaty has a rung coded unknown (it might rank there);
    - ``none``: no rung is yes or unknown in the binding treaties, or no treaty binds the dyad and
      nothing suggests one (for a partner of Russia in the ATOP extract, a year ≤ 2018 without
      an ATOP alliance; after 2018, the collection's own treaties);
    - ``not coded``: the collection cannot tell - a dyad without Russia; a treaty whose entry into
      force no source states could bind it; ATOP records an alliance that the collection does
      not code; or a partner outside the ATOP extract with no coded treaty.

    Returns ``status``, ``treaties`` (the binding treaty ids), ``by`` (the treaty giving the
    status, if any), ``open_above`` (an unknown rung above the status) and ``basis`` (a sentence).
    """
    day = pd.Timestamp(day)
    a, b = dyad
    if a == b:
        raise ValueError(f"a dyad needs two different states, got {dyad!r}")
    unknown_order = [r for r in order if r not in RUNG_OBLIGATIONS]
    if unknown_order or len(set(order)) != len(RUNG_OBLIGATIONS):
        raise ValueError(f"order must list each rung of {list(RUNG_OBLIGATIONS)} once, got {order!r}")
    if "RUS" not in dyad:
        return {
            "status": NOT_CODED,
            "treaties": [],
            "by": None,
            "open_above": False,
            "basis": "the collection codes Russia's treaties only",
        }
    binding, undetermined = [], []
    for tid in treaties["treaty_id"]:
        start, end = treaty_span(treaties, milestones, tid)
        signed = pd.Timestamp(treaties.set_index("treaty_id").at[tid, "signed"])
        if start is None:
            if day >= signed and (end is None or day < end) and {a, b} <= parties_on(tid, day, treaties, parties):
                undetermined.append(tid)
            continue
        if start <= day and (end is None or day < end) and {a, b} <= parties_on(tid, day, treaties, parties):
            binding.append(tid)
    best, by, open_above = None, None, False
    for tid in binding:
        values = rung_values(provisions, tid)
        for rank, rung in enumerate(order):
            if values[rung] == "yes":
                if best is None or rank < best:
                    best, by = rank, tid
                break
    if binding:
        unknown_ranks = [
            order.index(r) for tid in binding for r, v in rung_values(provisions, tid).items() if v == "unknown"
        ]
        if best is not None:
            open_above = any(r < best for r in unknown_ranks)
            return {
                "status": order[best],
                "treaties": binding,
                "by": by,
                "open_above": open_above,
                "basis": f"{by}: {order[best]} coded yes",
            }
        if unknown_ranks:
            return {
                "status": UNKNOWN,
                "treaties": binding,
                "by": None,
                "open_above": True,
                "basis": "a binding treaty has rungs coded unknown and none coded yes",
            }
        return {
            "status": NONE,
            "treaties": binding,
            "by": None,
            "open_above": False,
            "basis": "the binding treaties have no rung coded yes",
        }
    if undetermined:
        return {
            "status": NOT_CODED,
            "treaties": [],
            "by": None,
            "open_above": False,
            "basis": f"{', '.join(undetermined)}: entry into force not stated by any source read",
        }
    partner = b if a == "RUS" else a
    if partner not in ATOP_EXTRACT_PARTNERS:
        return {
            "status": NOT_CODED,
            "treaties": [],
            "by": None,
            "open_above": False,
            "basis": "no coded treaty, and the partner is outside the ATOP extract",
        }
    if atop_dyads is not None and day.year <= ATOP_LAST_YEAR:
        hit = atop_dyads[(atop_dyads["partner_iso3"] == partner) & (atop_dyads["year"] == day.year)]
        if len(hit):
            return {
                "status": NOT_CODED,
                "treaties": [],
                "by": None,
                "open_above": False,
                "basis": "ATOP records an alliance in force that the collection does not code",
            }
    return {
        "status": NONE,
        "treaties": [],
        "by": None,
        "open_above": False,
        "basis": "no treaty of the collection binds the dyad, and ATOP records none up to 2018",
    }
