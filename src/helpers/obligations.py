"""The obligation vocabulary and the obligation ladder: what a treaty obliges a party to do.

A treaty's obligations are coded in ``treaty_provisions`` (one row per treaty, obligation and
source: ``present`` = yes / no / unknown). The **ladder** ranks treaties by the strongest
obligation a source says the text contains (:data:`RUNGS`, top first): mutual defence (4) >
consultation in a crisis or joint defence measures (3) > neutrality / no assistance to an
aggressor (2) > non-aggression (1) > none (0). A rung whose cells are all ``unknown`` is
*unknown*, never *no*; the *ceiling* is the highest rung that is yes or unknown, so
``rank < ceiling`` says the treaty might rank higher if the unknown cells were settled.

**The counting rule** (:func:`counted`, the one place a provision's code is read). A row coded yes
or no whose every source is low confidence (:func:`helpers.sources.low_confidence`: reposts,
aggregators, user-generated pages whose original was not found) *counts as unknown*: in the
obligation matrix, the ladder, the obligations in force and the agreement with ATOP. The row stays
in the tables, its value as coded kept in ``coded`` and its confidence shown beside it. Every
function of this module and of :mod:`helpers.treaties`, :mod:`helpers.atop_check` and
:mod:`helpers.alliances` that reads ``present`` applies the rule first (it is idempotent).

Notebooks 03 and 06 both rank with :func:`ladder`. This module also holds the domain vocabulary the
treaty, defence and alliance code share: the obligation labels and colours, the rule that combines
several sources on one obligation (:func:`combine_presence`), treaty labels, and which treaties bind
a dyad on a date (:func:`obligation_in_force`). :mod:`helpers.treaties` re-exports them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import TypedDict

import pandas as pd

from . import countries, data, dates, sources, style

# --------------------------------------------------------------------------- vocabulary

#: Readable labels for obligations (charts and tables). Each says who owes what to whom in the
#: reader's words: every obligation of the collection binds each party towards the other.
OBLIGATION_LABELS: dict[str, str] = {
    "defense": "Defence (aid if attacked)",
    "offense": "Offence",
    "neutrality": "Neutrality (no aid to attacker)",
    "nonaggression": "Non-aggression",
    "consultation": "Consultation",
    "non_assistance_aggressor": "No assistance to an aggressor",
    "territory_not_used_against": "Territory not used against the other",
    "no_hostile_third_party_agreements": "No alliances against the other (ATOP noothall)",
    "military_technical": "Military-technical cooperation",
    "sanctions_clause": "Sanctions / coercive measures",
    "joint_exercises": "Joint exercises",
    "military_contacts": "Military contacts (delegations, port calls, training)",
    "intelligence_security": "Intelligence and security services",
    "payments_national_currency": "Payments in national currencies",
    "transport_corridor": "Transport (North–South corridor)",
    "information_security": "Information security (cyber)",
    "media_cooperation": "Media cooperation",
    "regional_cooperation": "Regional cooperation",
    "counterterrorism_crime": "Counter-terrorism and crime",
    "arms_control": "Arms control",
    "emergency_response": "Emergencies and disasters",
    "interparliamentary": "Interparliamentary ties",
    "nuclear_energy": "Nuclear energy",
    "energy_oil_gas": "Oil and gas",
    "joint_defense_measures": "Joint defence measures",
    "nuclear_deterrence": "Nuclear deterrence",
    "nuclear_no_first_use": "Nuclear no-first-use",
}

#: The values of a coded cell, and their colours. *No* (a source says the text lacks the
#: obligation) is a fact about the text, not a failing: it is drawn in a neutral mid grey, never
#: in a warning colour; *unknown* is a light grey, *not coded* white.
PRESENCE: tuple[str, ...] = ("yes", "no", "unknown", "not coded")
PRESENCE_COLOURS: dict[str, str] = {
    "yes": style.PALETTE["green"],
    "no": style.PALETTE["grey"],
    "unknown": "#E3E3E3",
    "not coded": "#FFFFFF",
}


def combine_presence(values) -> str:
    """One value from several rows on the same obligation: ``yes`` if any row says yes, else
    ``no`` if any says no, else ``unknown``; no rows at all: ``not coded``."""
    values = [str(v) for v in values]
    if not values:
        return "not coded"
    for v in ("yes", "no"):
        if v in values:
            return v
    return "unknown"


#: What a cell coded from low-confidence sources only counts as, and why (tables and legends).
LOW_ONLY_COUNTS_AS = "unknown"
LOW_ONLY_REASON = "rests only on low-confidence sources: counted as unknown"


def low_only(provisions: pd.DataFrame, registry: pd.DataFrame | None = None) -> pd.Series:
    """For each provision row: True when it is coded yes or no (``coded`` if the frame has it,
    else ``present``) and every source it cites is low confidence. A frame without
    ``source_ids`` has no such row. ``registry`` is ``data/sources.csv`` (loaded when not given)."""
    if "source_ids" not in provisions.columns or not len(provisions):
        return pd.Series(False, index=provisions.index, dtype=bool)
    value = provisions["coded"] if "coded" in provisions.columns else provisions["present"]
    low = sources.low_confidence(provisions, registry)
    return (low & value.astype(str).isin(["yes", "no"])).astype(bool)


def counted(provisions: pd.DataFrame, registry: pd.DataFrame | None = None) -> pd.DataFrame:
    """The provisions as the collection counts them: a copy with ``coded`` (the value as coded)
    and ``present`` (the value counted: :data:`LOW_ONLY_COUNTS_AS` where :func:`low_only`, else
    the value as coded) and ``low_only`` (bool). Idempotent: a frame that already has ``coded`` is
    counted again from it. ``registry`` is ``data/sources.csv`` (loaded when not given)."""
    out = provisions.copy()
    if "coded" not in out.columns:
        out["coded"] = out["present"]
    weak = low_only(out, registry)
    out["present"] = out["coded"].where(~weak, LOW_ONLY_COUNTS_AS)
    out["low_only"] = weak
    out.attrs = dict(provisions.attrs)
    return out


def _party_name(code: str, soviet: bool = False) -> str:
    """A party's name in a treaty label (:func:`helpers.countries.name`); Russia is the USSR in a
    Soviet treaty."""
    if soviet and code == "RUS":
        return "USSR"
    return countries.name(code)


def treaty_label(treaty_id: str, parties_iso3: str) -> str:
    """A short label: ``Russia–Iran 2025``, ``USSR–North Korea 1961``, ``CSTO 1992`` (state names
    from :func:`helpers.countries.name`)."""
    year = treaty_id.rsplit("-", 1)[-1]
    parties = data.split_list(parties_iso3)
    if len(parties) > 2:
        return f"{treaty_id.split('-')[0].upper()} {year}"
    soviet = treaty_id.startswith("sun-")
    return "–".join(_party_name(p, soviet) for p in parties) + f" {year}"


def treaty_labels(treaties: pd.DataFrame) -> dict[str, str]:
    """``treaty_id`` → short label, for every treaty of the table."""
    return {t: treaty_label(t, p) for t, p in zip(treaties["treaty_id"], treaties["parties_iso3"])}


# --------------------------------------------------------------------------- rungs and statuses

#: The rungs of the obligation ladder and the obligations (``treaty_provisions.obligation``)
#: that put a treaty on each.
RUNG_OBLIGATIONS: dict[str, tuple[str, ...]] = {
    "defence": ("defense",),
    "neutrality": ("neutrality", "non_assistance_aggressor"),
    "non-aggression": ("nonaggression",),
    "consultation": ("consultation", "joint_defense_measures"),
}
#: The ladder, strongest first, in the order of the Correlates of War typology (Gibler,
#: *International Military Alliances*, p. 58 [src: gibler-2009-intro-p58]): defence pacts (Type I)
#: commit members to intervene militarily; neutrality and non-aggression pacts (Type II) to stay
#: militarily neutral, neutrality being "usually more specific" than non-aggression; ententes
#: (Type III) only pledge consultation or cooperation in a crisis.
LADDER_COW: tuple[str, ...] = ("defence", "neutrality", "non-aggression", "consultation")
#: The variant with consultation above neutrality and non-aggression (the collection's earlier
#: order: a crisis-consultation pledge engages a party more actively than a promise to stay out).
LADDER_CONSULTATION_FIRST: tuple[str, ...] = ("defence", "consultation", "neutrality", "non-aggression")
#: Statuses of a dyad besides a rung: *none* (nothing binds it, and the collection can say so),
#: *unknown* (a binding treaty's rung is undecided), *not coded* (the collection cannot tell).
NONE, UNKNOWN, NOT_CODED = "none", "unknown", "not coded"
#: Partners of Russia in the ATOP dyad-year extract (``atop_dyad_years``): for them a year without
#: an ATOP alliance is ATOP's *none*; for other states the collection cannot say *none*.
ATOP_EXTRACT_PARTNERS: tuple[str, ...] = ("IRN", "CHN", "PRK", "BLR", "SYR", "ISR", "USA", "UKR")
#: The last year of ATOP 5.1.
ATOP_LAST_YEAR = 2018


def _as_day(value: object, precision: object = "day") -> pd.Timestamp | None:
    """The first day a text date of day / month / year precision can mean
    (:func:`helpers.dates.start_of`); a timestamp stays itself; empty → ``None``."""
    if data.blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.normalize()
    return dates.start_of(value, "day" if data.blank(precision) else str(precision))


# Lookups per treaty, built once per content of the tables they read and kept in a small cache
# keyed on that content (the values and their types of the columns read), so that a frame edited
# in place, or a copy with other values, never meets a stale lookup.
_LOOKUPS: OrderedDict[tuple, dict] = OrderedDict()
_LOOKUPS_KEPT = 32


def _content(frame: pd.DataFrame, columns: tuple[str, ...]) -> tuple:
    """The values (with their types) of ``columns`` of ``frame``: a cache key that changes with
    any edit of those columns."""
    return tuple(
        (c, tuple(f"{type(v).__name__}:{v!r}" for v in frame[c].tolist()) if c in frame.columns else None)
        for c in columns
    )


def _lookup(kind: str, build, frames: tuple[tuple[pd.DataFrame, tuple[str, ...]], ...]) -> dict:
    key = (kind, *(_content(f, cols) for f, cols in frames))
    hit = _LOOKUPS.get(key)
    if hit is None:
        hit = build(*(f for f, _ in frames))
        _LOOKUPS[key] = hit
        while len(_LOOKUPS) > _LOOKUPS_KEPT:
            _LOOKUPS.popitem(last=False)
    else:
        _LOOKUPS.move_to_end(key)
    return hit


def _build_spans(treaties: pd.DataFrame, milestones: pd.DataFrame) -> dict:
    ends = milestones[milestones["milestone"].isin(["expired", "suspended"])]
    if "source_ids" in ends.columns and len(ends):  # the counting rule: a low-confidence-only end does not count
        ends = ends[~sources.low_confidence(ends)]
    end_days: dict[str, list[pd.Timestamp]] = {}
    for tid, d, p in zip(ends["treaty_id"], ends["date"], ends["date_precision"]):
        day = _as_day(d, p)
        if day is not None:
            end_days.setdefault(tid, []).append(day)
    out = {}
    for tid, eif, signed in zip(treaties["treaty_id"], treaties["entered_into_force"], treaties["signed"]):
        if tid in out:
            raise ValueError(f"treaty_id {tid!r} appears twice in the treaties table")
        start = None if pd.isna(eif) else pd.Timestamp(eif)
        days = end_days.get(tid, [])
        out[tid] = (start, min(days) if days else None, signed)
    return out


def _spans(treaties: pd.DataFrame, milestones: pd.DataFrame) -> dict:
    """``treaty_id`` → (start, end, signed) for every treaty (see :func:`treaty_span`)."""
    return _lookup(
        "spans",
        _build_spans,
        (
            (treaties, ("treaty_id", "entered_into_force", "signed")),
            (milestones, ("treaty_id", "milestone", "date", "date_precision", "source_ids")),
        ),
    )


def _build_members(treaties: pd.DataFrame, parties: pd.DataFrame) -> dict:
    periods: dict[str, list[tuple[str, pd.Timestamp | None, pd.Timestamp | None]]] = {}
    for tid, p, j, jp, lft, lp in zip(
        parties["treaty_id"],
        parties["party_iso3"],
        parties["joined"],
        parties["joined_precision"],
        parties["left"],
        parties["left_precision"],
    ):
        periods.setdefault(tid, []).append((p, _as_day(j, jp), _as_day(lft, lp)))
    listed = dict(zip(treaties["treaty_id"], treaties["parties_iso3"]))
    return {"periods": periods, "listed": listed}


def _members(treaties: pd.DataFrame, parties: pd.DataFrame) -> dict:
    """Membership periods per treaty (``treaty_parties``) and each treaty's ``parties_iso3``."""
    return _lookup(
        "members",
        _build_members,
        (
            (treaties, ("treaty_id", "parties_iso3")),
            (parties, ("treaty_id", "party_iso3", "joined", "joined_precision", "left", "left_precision")),
        ),
    )


def _build_rungs(provisions: pd.DataFrame) -> dict:
    provisions = counted(provisions)
    values: dict[tuple[str, str], list[str]] = {}
    for tid, ob, present in zip(provisions["treaty_id"], provisions["obligation"], provisions["present"]):
        values.setdefault((tid, ob), []).append(str(present))
    out: dict[str, dict[str, str]] = {}
    for tid in dict.fromkeys(provisions["treaty_id"]):
        row = {}
        for rung, obs in RUNG_OBLIGATIONS.items():
            vals = [v for ob in obs for v in values.get((tid, ob), [])]
            row[rung] = next((v for v in ("yes", "unknown", "no") if v in vals), NOT_CODED)
        out[tid] = row
    return out


def _rungs(provisions: pd.DataFrame) -> dict:
    """``treaty_id`` → :func:`rung_values` for every treaty with provisions."""
    columns = ("treaty_id", "obligation", "present", "coded", "source_ids")
    return _lookup("rungs", _build_rungs, ((provisions, columns),))


def treaty_span(
    treaties: pd.DataFrame, milestones: pd.DataFrame, treaty_id: str
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """(start, end) of a treaty: start = entry into force (main claim of ``treaties``; ``None``
    if no source states it); end = the earliest ``expired`` / ``suspended`` claim of
    ``treaty_milestones`` (reported or inferred) that does not rest only on low-confidence
    sources (the counting rule), ``None`` if still in force. The end day itself is no longer in
    force."""
    start, end, _ = _spans(treaties, milestones)[treaty_id]
    return start, end


def _parties_on(members: dict, treaty_id: str, day: pd.Timestamp) -> set[str]:
    periods = members["periods"].get(treaty_id)
    if not periods:
        return set(data.split_list(members["listed"][treaty_id]))
    return {p for p, start, stop in periods if start is not None and start <= day and (stop is None or day < stop)}


def parties_on(treaty_id: str, day, treaties: pd.DataFrame, parties: pd.DataFrame) -> set[str]:
    """The states bound by a treaty on ``day``: for a treaty with rows in ``treaty_parties``,
    those whose membership period covers the day (``joined`` ≤ day < ``left``); otherwise the
    treaty's ``parties_iso3``."""
    return _parties_on(_members(treaties, parties), treaty_id, pd.Timestamp(day))


def rung_values(provisions: pd.DataFrame, treaty_id: str) -> dict[str, str]:
    """Each rung's value for one treaty: yes if any of its obligations is yes; else unknown if
    any is unknown; else no if any is no; else ``not coded``."""
    return dict(_rungs(provisions).get(treaty_id, dict.fromkeys(RUNG_OBLIGATIONS, NOT_CODED)))


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
#: crisis (Gibler, *International Military Alliances, 1648–2008*, p. 58 [src: gibler-2009-intro-p58]).
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
    provisions = counted(provisions)
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


def _translation(row) -> str:
    """The English translation shown beside a non-English quote, with who made it; empty for an
    English quote or a row without the translation columns."""
    text = row.get("translation")
    if data.blank(text):
        return ""
    by = row.get("translation_by")
    return f"{text} ({'translation: ' + str(by) if not data.blank(by) else 'translation'})"


def ladder_evidence(provisions: pd.DataFrame, lad: pd.DataFrame) -> pd.DataFrame:
    """The provision that puts each treaty on its rung: article, quote, its English translation
    (for a non-English quote), who is quoted, sources (a treaty on no rung: ``—``). Where a rung holds two obligations, the first listed in
    :data:`RUNGS` that is ``yes`` is shown (as counted: :func:`counted`)."""
    provisions = counted(provisions)
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
                    "English translation": _translation(p),
                    "Quoted by": "" if pd.isna(p["quote_by"]) else str(p["quote_by"]),
                    "source_ids": p["source_ids"],
                }
            )
        else:
            base.update(
                {
                    "Clause": "—",
                    "Article": "—",
                    "Quote": "",
                    "English translation": "",
                    "Quoted by": "",
                    "source_ids": pd.NA,
                }
            )
        rows.append(base)
    out = pd.DataFrame(rows)
    out.attrs["file"] = provisions.attrs.get("file", "data/treaty_provisions.csv")
    return out


# --------------------------------------------------------------------------- obligations in force by date


#: The basis of :func:`obligation_in_force` between a listed treaty's signature and its entry into force.
SIGNED_NOT_IN_FORCE = (
    "signed, not yet in force (ATOP dates alliances from signature, the collection from entry into force)"
)


class InForce(TypedDict):
    """What :func:`obligation_in_force` returns."""

    status: str
    treaties: list[str]
    by: str | None
    open_above: bool
    basis: str


def obligation_in_force(
    day,
    dyad,
    treaties: pd.DataFrame,
    provisions: pd.DataFrame,
    milestones: pd.DataFrame,
    parties: pd.DataFrame,
    atop_dyads: pd.DataFrame | None = None,
    order: tuple[str, ...] = LADDER_COW,
) -> InForce:
    """What binds the two states of ``dyad`` to each other on ``day``.

    A dyad is bound by every treaty of the collection in force on that day (entry into force ≤
    day < end, :func:`treaty_span`) to which both are parties on that day (:func:`parties_on`;
    bilateral or multilateral). Its ``status`` is the strongest rung, in ``order``, that any of
    those treaties has as yes (:func:`rung_values`). Otherwise:

    - ``unknown``: a binding treaty has a rung coded unknown (it might rank there);
    - ``none``: no rung is yes or unknown in the binding treaties, or no treaty binds the dyad and
      nothing suggests one (for a partner of Russia in the ATOP extract, a year ≤ 2018 without
      an ATOP alliance; after 2018, no ATOP alliance in 2018 left uncoded - see below);
    - ``none`` also between signature and entry into force of a treaty of the collection that both
      have signed: the basis says "signed, not yet in force" (ATOP dates an alliance from its
      signature, the collection from its entry into force, so ATOP's record of that alliance is not
      read as one the collection leaves uncoded);
    - ``not coded``: the collection cannot tell - a dyad without Russia; a treaty whose entry into
      force no source states could bind it; ATOP records an alliance that the collection does
      not code; or a partner outside the ATOP extract with no coded treaty.

    **Carry-over after ATOP ends.** After :data:`ATOP_LAST_YEAR` a dyad that no coded treaty binds
    is ``not coded``, not ``none``, when ATOP records an alliance for it in :data:`ATOP_LAST_YEAR`
    that none of the collection's treaties accounts for (no coded treaty bound the dyad on 31
    December of that year): that alliance may still be in force (Russia–Syria). Where a coded
    treaty accounted for the ATOP alliance and has since ended, ``none`` stands.

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
    binding: list[str] = []
    undetermined: list[str] = []
    pending: list[str] = []
    spans, members = _spans(treaties, milestones), _members(treaties, parties)
    for tid in treaties["treaty_id"]:
        start, end, signed = spans[tid]
        if start is None:
            if day >= pd.Timestamp(signed) and (end is None or day < end) and {a, b} <= _parties_on(members, tid, day):
                undetermined.append(tid)
            continue
        if start <= day and (end is None or day < end) and {a, b} <= _parties_on(members, tid, day):
            binding.append(tid)
        elif pd.Timestamp(signed) <= day < start and {a, b} <= _parties_on(members, tid, start):
            pending.append(tid)
    rungs = _rungs(provisions)
    not_coded = dict.fromkeys(RUNG_OBLIGATIONS, NOT_CODED)
    best, by, open_above = None, None, False
    for tid in binding:
        values = rungs.get(tid, not_coded)
        for rank, rung in enumerate(order):
            if values[rung] == "yes":
                if best is None or rank < best:
                    best, by = rank, tid
                break
    if binding:
        unknown_ranks = [
            order.index(r) for tid in binding for r, v in rungs.get(tid, not_coded).items() if v == "unknown"
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
    if pending:
        return {
            "status": NONE,
            "treaties": [],
            "by": None,
            "open_above": False,
            "basis": f"{', '.join(pending)}: {SIGNED_NOT_IN_FORCE}",
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
    if atop_dyads is not None and day.year > ATOP_LAST_YEAR:
        last = atop_dyads[(atop_dyads["partner_iso3"] == partner) & (atop_dyads["year"] == ATOP_LAST_YEAR)]
        if len(last) and not _bound_by_coded_treaty(
            pd.Timestamp(ATOP_LAST_YEAR, 12, 31), (a, b), treaties, milestones, parties
        ):
            return {
                "status": NOT_CODED,
                "treaties": [],
                "by": None,
                "open_above": False,
                "basis": f"ATOP records an alliance in {ATOP_LAST_YEAR} that the collection does not code "
                "(it may still be in force)",
            }
    return {
        "status": NONE,
        "treaties": [],
        "by": None,
        "open_above": False,
        "basis": "no treaty of the collection binds the dyad, and ATOP records no alliance it leaves uncoded",
    }


def _bound_by_coded_treaty(day: pd.Timestamp, dyad, treaties, milestones, parties) -> bool:
    """Whether a treaty of the collection with an ATOP id bound ``dyad`` on ``day``."""
    ids = treaties["atop_id"] if "atop_id" in treaties else pd.Series(pd.NA, index=treaties.index)
    spans, members = _spans(treaties, milestones), _members(treaties, parties)
    for tid, aid in zip(treaties["treaty_id"], ids):
        if pd.isna(aid):
            continue
        start, end, _ = spans[tid]
        if start is None or start > day or (end is not None and day >= end):
            continue
        if set(dyad) <= _parties_on(members, tid, day):
            return True
    return False
