"""Russia's web of alignments: a three-layer network centred on Russia (obligations, arms, votes).

Pure functions on the frames of ``helpers.data.load`` plus thin ``plot_*`` functions in the house
style. Every rule is written out here so that a reader can check it (and change it):

- **Obligations layer** (:func:`obligation_years`). For each partner and year, the *strongest
  obligation* on a ladder of four rungs (level 4 … 1, ``none`` = 0) — the same rungs as
  :data:`helpers.defence.RUNGS`. The main order is the Correlates of War one, :data:`LADDER_COW`:
  defence (4) > neutrality (3) > non-aggression (2) > consultation (1); the variant
  :data:`LADDER` puts consultation second (``order=LADDER``). Two sources, never mixed in one year:

  * up to :data:`ATOP_LAST_YEAR` (2018) **ATOP 5.1** (``atop_dyad_years``): a flag of 1 puts the
    dyad-year on that rung (``defense``, ``neutral``, ``nonagg``, ``consul``; ATOP's ``offense``
    is not a rung of the ladder); a missing dyad-year is ATOP's *no alliance* (``none``);
  * from 2019 **the collection's own coding** of treaty texts (``treaties``,
    ``treaty_provisions``, ``treaty_milestones``, ``treaty_parties``): every treaty, bilateral or
    multilateral, that binds Russia and the partner on 31 December of the year
    (:func:`helpers.obligations.obligation_in_force`) gives its rungs; the strongest rung coded
    ``yes`` in any of them is the partner-year's. A rung coded ``unknown`` is never read as ``no``: a
    partner-year whose stronger rungs are unknown is flagged ``open_above``, and one with no rung
    ``yes`` but some ``unknown`` is ``unknown``. A partner-year that no coded treaty binds is
    ``none`` only where the rule of ``obligation_in_force`` allows it (a partner in the ATOP
    extract), otherwise ``not coded``.

- **Arms layer** (:func:`arms_windows`). Delivered SIPRI TIV (millions) summed over inclusive year
  windows, Russia → partner and partner → Russia. A direction the collection's extract does not
  hold (:data:`EXTRACTED_DYADS`) is ``NaN`` (not in the extract), never 0; a held direction
  without deliveries in the window is 0.

- **Votes layer** (:func:`vote_layer`). UN General Assembly agreement under the rule of
  :func:`helpers.agreement.pair_agreement` (same vote among votes both cast; absences left out),
  pooled over sessions (identical / both voted summed) from ``unga_agreement_history``, or from
  the 2025 recorded votes.

- **Closeness index** (:func:`closeness`) — an *assumption*, not a measurement: each layer ranks
  the partners (1 = closest to Russia; ties share the average rank); the index is the mean of the
  three ranks (lower = closer). Defaults: obligations by the documented rung (``level``), arms by
  TIV in both directions (a direction not in the extract counts 0), votes by agreement; a partner
  whose obligations are ``not coded`` ranks below every coded partner on that layer.
  :data:`VARIANTS` lists the other reasonable combinations that :func:`sensitivity` tries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

import numpy as np
import pandas as pd

from . import countries, data, style
from .agreement import chance_agreement, cohen_kappa, decided, observed_agreement, pair_agreement
from .dates import fmt as fmt_date

#: The partners of the network, in the fixed order of the layout (clockwise from the top).
PARTNERS: tuple[str, ...] = ("IRN", "CHN", "PRK", "BLR", "SYR", "ISR")
#: States drawn for comparison that are not partners under the rule of :mod:`helpers.partners` (left out of the index).
REFERENCE: tuple[str, ...] = ("ISR",)
NAMES = countries.NAMES  # one place for names: helpers.countries

#: Last year of ATOP 5.1 (``atop_dyad_years``); the collection's coding starts the year after.
ATOP_LAST_YEAR = 2018

#: Ladder levels and their labels in the variant order (4 = strongest; see :func:`ladder_levels`).
LEVELS: dict[int, str] = {4: "defence", 3: "consultation", 2: "neutrality", 1: "non-aggression", 0: "none"}
UNKNOWN, NOT_CODED = "unknown", "not coded"
#: The variant ladder, strongest first: consultation above neutrality and non-aggression
#: (:data:`helpers.obligations.LADDER_CONSULTATION_FIRST`).
LADDER: tuple[str, ...] = tuple(LEVELS[lv] for lv in sorted(LEVELS, reverse=True) if lv > 0)
#: The main ladder, strongest first: the Correlates of War order (:data:`helpers.obligations.LADDER_COW`).
LADDER_COW: tuple[str, ...] = ("defence", "neutrality", "non-aggression", "consultation")
#: Display order of the statuses (strongest first, variant order).
STATUSES: tuple[str, ...] = (*LEVELS.values(), UNKNOWN, NOT_CODED)
#: ATOP flag column → rung.
ATOP_RUNGS: dict[str, str] = {
    "defense": "defence",
    "consul": "consultation",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
}


def ladder_levels(order: Sequence[str] = LADDER_COW) -> dict[int, str]:
    """Level → rung for a ladder ``order`` (strongest first): ``{4: order[0], …, 1: order[3], 0: "none"}``.
    Raises unless ``order`` lists each of the four rungs once."""
    if len(order) != len(LADDER) or set(order) != set(LADDER):
        raise ValueError(f"order must list each rung of {list(LADDER)} once, got {tuple(order)!r}")
    return {**{len(order) - i: r for i, r in enumerate(order)}, 0: LEVELS[0]}


def statuses(order: Sequence[str] = LADDER_COW) -> tuple[str, ...]:
    """Display order of the statuses for a ladder ``order`` (strongest first)."""
    return (*order, LEVELS[0], UNKNOWN, NOT_CODED)


#: The supplier → recipient pairs held by ``arms_tiv`` / ``arms_deals`` (see their catalogue
#: description): any other direction is *not in the extract*, not zero.
EXTRACTED_DYADS: frozenset[tuple[str, str]] = frozenset(
    {
        ("RUS", "IRN"),
        ("IRN", "RUS"),
        ("ISR", "RUS"),
        ("RUS", "ISR"),
        ("RUS", "CHN"),
        ("RUS", "SYR"),
        ("RUS", "BLR"),
        ("RUS", "PRK"),
        ("PRK", "RUS"),
        ("BLR", "RUS"),
    }
)

#: The two comparison periods: the obligations year, the arms window and the votes window of each.
#: (The layers end in different years; the windows are as close as the data allow.)
PERIODS: dict[str, dict[str, object]] = {
    "earlier": {"label": "Earlier: 2014–2019", "obligations": 2018, "arms": (2014, 2018), "votes": (2015, 2019)},
    "latest": {"label": "Latest: 2019–2025", "obligations": 2025, "arms": (2019, 2023), "votes": 2025},
}
LAYERS: tuple[str, ...] = ("obligations", "arms", "votes")


def name(code: str) -> str:
    """A state's short English name (the code itself if unknown)."""
    return NAMES.get(code, code)


# --------------------------------------------------------------------------- obligations layer


def strongest_obligation(rungs: Mapping[int, str], levels: Mapping[int, str] | None = None) -> dict[str, object]:
    """The strongest obligation from the values of the ladder's rungs.

    ``rungs`` maps a level (4 … 1) to ``yes`` / ``no`` / ``unknown`` / ``not coded``. Returns
    ``level`` (the highest rung that is ``yes``; 0 if none), ``ceiling`` (the highest rung that is
    ``yes`` or ``unknown``), ``open_above`` (a rung above ``level`` is unknown) and ``status``:
    the rung's label in ``levels`` (default :func:`ladder_levels`, the Correlates of War order, as
    everywhere else); ``unknown`` when no rung is yes but one is unknown; ``none`` when every rung
    is no (or not coded)."""
    levels = ladder_levels() if levels is None else levels
    yes = [lv for lv, v in rungs.items() if v == "yes"]
    maybe = [lv for lv, v in rungs.items() if v in ("yes", "unknown")]
    level, ceiling = max(yes, default=0), max(maybe, default=0)
    if level:
        status = levels[level]
    else:
        status = UNKNOWN if ceiling else levels[0]
    return {"level": level, "ceiling": ceiling, "open_above": ceiling > level, "status": status}


def atop_years(
    atop: pd.DataFrame,
    partners: Sequence[str] = PARTNERS,
    first: int = 1992,
    last: int = ATOP_LAST_YEAR,
    order: Sequence[str] = LADDER_COW,
) -> pd.DataFrame:
    """ATOP's strongest obligation per partner and year (``first`` … ``last``, at most 2018), on
    the ladder ``order`` (strongest first).

    Columns: partner, year, level, ceiling, open_above, status, source (``ATOP 5.1``), basis.
    A dyad-year missing from ATOP is ``none`` (ATOP's own reading: no alliance in force)."""
    if last > ATOP_LAST_YEAR:
        raise ValueError(f"ATOP 5.1 ends in {ATOP_LAST_YEAR}; asked for {last}")
    levels = ladder_levels(order)
    level_of = {lab: lv for lv, lab in levels.items()}
    rows = []
    indexed: dict[tuple[object, object], dict] = {}
    for rec in atop[["partner_iso3", "year", *ATOP_RUNGS]].to_dict("records"):
        key = (rec["partner_iso3"], rec["year"])
        if key in indexed:
            raise ValueError(f"ATOP dyad-years: partner {key[0]}, year {key[1]} appears more than once")
        indexed[key] = rec
    for p in partners:
        for y in range(first, last + 1):
            if (p, y) in indexed:
                rec = indexed[p, y]
                rungs = {level_of[r]: "yes" if int(rec[col]) == 1 else "no" for col, r in ATOP_RUNGS.items()}
                basis = "ATOP dyad-year"
            else:
                rungs = {level_of[r]: "no" for r in ATOP_RUNGS.values()}
                basis = "no ATOP alliance in force"
            rows.append(
                {"partner": p, "year": y, **strongest_obligation(rungs, levels), "source": "ATOP 5.1", "basis": basis}
            )
    return pd.DataFrame(rows)


def treaty_spans(treaties: pd.DataFrame, milestones: pd.DataFrame, last: int) -> pd.DataFrame:
    """When each treaty is in force, by year: treaty_id, parties (list), signed, first_year (year of
    entry into force, main claim of ``treaties``) and last_year (year of the earliest ``expired`` or
    ``suspended`` claim in ``treaty_milestones``; ``last`` if none). Treaties without a known entry
    into force are left out."""
    ends = milestones[milestones["milestone"].isin(["expired", "suspended"])]
    end_year = ends.groupby("treaty_id")["date"].agg(lambda d: min(int(str(x)[:4]) for x in d))
    rows = []
    for rec in treaties.to_dict("records"):
        if pd.isna(rec["entered_into_force"]):
            continue
        rows.append(
            {
                "treaty_id": rec["treaty_id"],
                "parties": data.split_list(rec["parties_iso3"]),
                "signed": pd.Timestamp(rec["signed"]),
                "first_year": pd.Timestamp(rec["entered_into_force"]).year,
                "last_year": int(end_year.get(rec["treaty_id"], last)),
            }
        )
    return pd.DataFrame(rows, columns=["treaty_id", "parties", "signed", "first_year", "last_year"])


def collection_years(
    treaties: pd.DataFrame,
    provisions: pd.DataFrame,
    milestones: pd.DataFrame,
    partners: Sequence[str] = PARTNERS,
    first: int = ATOP_LAST_YEAR + 1,
    last: int = 2026,
    parties: pd.DataFrame | None = None,
    atop_dyads: pd.DataFrame | None = None,
    order: Sequence[str] = LADDER_COW,
) -> pd.DataFrame:
    """The collection's strongest obligation per partner and year (``first`` … ``last``), on the
    ladder ``order`` (strongest first).

    What binds Russia and the partner on 31 December of the year, by
    :func:`helpers.obligations.obligation_in_force`: every treaty of the collection in force that
    day to which both are parties that day, bilateral or multilateral (membership by date from
    ``parties``, the ``treaty_parties`` table; a treaty without rows there binds its
    ``parties_iso3``). The rungs of the binding treaties combine (a rung is yes if any treaty has it
    yes, else unknown if any has it unknown) and :func:`strongest_obligation` ranks them. No treaty
    binds: ``none`` where the rule of ``obligation_in_force`` says so, else ``not coded`` (level and
    ceiling ``NaN``) — also where ``atop_dyads`` records an alliance in :data:`ATOP_LAST_YEAR` that no
    coded treaty binds (it may still be in force). Same columns as :func:`atop_years`; ``basis``
    names the binding treaties."""
    from .obligations import obligation_in_force, rung_values  # the shared rule (helpers.obligations)

    if parties is None:
        parties = pd.DataFrame(
            columns=["treaty_id", "party_iso3", "joined", "joined_precision", "left", "left_precision"]
        )
    levels = ladder_levels(order)
    level_of = {lab: lv for lv, lab in levels.items()}
    rows = []
    for p in partners:
        for y in range(first, last + 1):
            res = obligation_in_force(
                pd.Timestamp(y, 12, 31),
                ("RUS", p),
                treaties,
                provisions,
                milestones,
                parties,
                atop_dyads,
                tuple(order),
            )
            if not res["treaties"]:
                if res["status"] == NOT_CODED:
                    rows.append(
                        {
                            "partner": p,
                            "year": y,
                            "level": np.nan,
                            "ceiling": np.nan,
                            "open_above": False,
                            "status": NOT_CODED,
                            "source": "collection",
                            "basis": res["basis"],
                        }
                    )
                else:
                    rows.append(
                        {
                            "partner": p,
                            "year": y,
                            **strongest_obligation({}, levels),
                            "source": "collection",
                            "basis": res["basis"],
                        }
                    )
                continue
            rungs: dict[int, str] = {}
            binding = [str(t) for t in res["treaties"]]
            for tid in binding:
                for rung, v in rung_values(provisions, tid).items():
                    old = rungs.get(level_of[rung], NOT_CODED)
                    rungs[level_of[rung]] = next((x for x in ("yes", "unknown", "no") if x in (old, v)), NOT_CODED)
            rows.append(
                {
                    "partner": p,
                    "year": y,
                    **strongest_obligation(rungs, levels),
                    "source": "collection",
                    "basis": ";".join(binding),
                }
            )
    return pd.DataFrame(rows)


def obligation_years(
    atop: pd.DataFrame,
    treaties: pd.DataFrame,
    provisions: pd.DataFrame,
    milestones: pd.DataFrame,
    partners: Sequence[str] = PARTNERS,
    first: int = 1992,
    last: int = 2026,
    parties: pd.DataFrame | None = None,
    order: Sequence[str] = LADDER_COW,
) -> pd.DataFrame:
    """ATOP's coding to 2018, then the collection's, one row per partner and year, on the ladder
    ``order`` (default: the Correlates of War order; see the module docstring for both rules;
    ``parties`` is the ``treaty_parties`` table)."""
    out = pd.concat(
        [
            atop_years(atop, partners, first, ATOP_LAST_YEAR, order),
            collection_years(
                treaties, provisions, milestones, partners, ATOP_LAST_YEAR + 1, last, parties, atop, order
            ),
        ],
        ignore_index=True,
    )
    rank = {p: i for i, p in enumerate(partners)}
    out = out.assign(_o=out["partner"].map(rank)).sort_values(["_o", "year"]).drop(columns="_o")
    return out.reset_index(drop=True)


def obligation_grid(years: pd.DataFrame, column: str = "status") -> pd.DataFrame:
    """A partner × year frame of one column of :func:`obligation_years` (rows in partner order)."""
    order = list(dict.fromkeys(years["partner"]))
    out = years.pivot(index="partner", columns="year", values=column).reindex(order)
    out.index.name, out.columns.name = None, None
    return out


def _describe(rec: Mapping[str, object]) -> str:
    text = str(rec["status"])
    return text + " (a stronger rung unknown)" if rec["open_above"] else text


def obligation_runs(years: pd.DataFrame) -> dict[str, str]:
    """Each partner's strongest obligation as runs of consecutive years, for alt text and prose:
    ``{"BLR": "consultation in 1992, defence 1993–2025"}``; a rung with a stronger one unknown is
    described as in :func:`seam_table` (``neutrality (a stronger rung unknown) 2019–2024``)."""
    out: dict[str, str] = {}
    for partner in dict.fromkeys(years["partner"]):
        rows = years[years["partner"] == partner].sort_values("year").to_dict("records")
        runs: list[list] = []
        for rec in rows:
            text, year = _describe(rec), int(cast(int, rec["year"]))
            if runs and runs[-1][0] == text and runs[-1][2] == year - 1:
                runs[-1][2] = year
            else:
                runs.append([text, year, year])
        out[str(partner)] = ", ".join(f"{t} in {a}" if a == b else f"{t} {a}–{b}" for t, a, b in runs)
    return out


def _same(b: Mapping[str, object], a: Mapping[str, object]) -> str:
    if a["status"] != b["status"]:
        return "no"
    return "same rung; stronger unknown" if a["open_above"] else "yes"


def seam_table(
    years: pd.DataFrame, treaties: pd.DataFrame, seam: int = ATOP_LAST_YEAR, variant: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each partner's strongest obligation in the last ATOP year and the first year of the
    collection's coding, with what it rests on, and whether the switch of source alone changes it
    (``yes``; ``same rung; stronger unknown``; ``no``). ``variant``: the same years on another
    ladder (:func:`obligation_years` with ``order=LADDER``), its statuses shown beside as ``before → after``."""
    from .obligations import treaty_labels

    labels = treaty_labels(treaties)
    before = years[years["year"] == seam].set_index("partner")
    after = years[years["year"] == seam + 1].set_index("partner")
    rows = []
    for p in dict.fromkeys(years["partner"]):
        b, a = before.loc[p], after.loc[p]
        extra = {}
        if variant is not None:
            vb = variant[(variant["year"] == seam) & (variant["partner"] == p)].iloc[0]
            va = variant[(variant["year"] == seam + 1) & (variant["partner"] == p)].iloc[0]
            extra = {f"variant ladder, {seam} → {seam + 1}": f"{vb['status']} → {va['status']}"}
        rows.append(
            {
                "partner": name(p),
                f"{seam}: ATOP 5.1": _describe(b),
                f"{seam + 1}: the collection's coding": _describe(a),
                "coded from": (
                    "; ".join(labels[t] for t in str(a["basis"]).split(";"))
                    if all(t in labels for t in str(a["basis"]).split(";"))
                    else "no coded treaty binds"
                ),
                "same reading?": _same(b, a),
                **extra,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- arms layer


def window_sum(tiv: pd.DataFrame, supplier: str, recipient: str, first: int, last: int) -> float:
    """Delivered TIV (millions) of one direction over the inclusive years; ``NaN`` if the direction
    is not in :data:`EXTRACTED_DYADS`, 0.0 if it is but nothing was delivered."""
    if (supplier, recipient) not in EXTRACTED_DYADS:
        return float("nan")
    sel = tiv[
        (tiv["supplier_iso3"] == supplier)
        & (tiv["recipient_iso3"] == recipient)
        & (tiv["year"] >= first)
        & (tiv["year"] <= last)
    ]
    return float(sel["tiv_millions"].sum())


def arms_windows(
    tiv: pd.DataFrame, windows: Sequence[tuple[int, int]], partners: Sequence[str] = PARTNERS, centre: str = "RUS"
) -> pd.DataFrame:
    """One row per partner and window: ``to_partner`` (centre → partner), ``from_partner``
    (partner → centre), both TIV millions (``NaN``: direction not in the extract) and ``total``
    (their sum, a missing direction counted 0)."""
    rows = []
    for p in partners:
        for first, last in windows:
            to_p = window_sum(tiv, centre, p, first, last)
            from_p = window_sum(tiv, p, centre, first, last)
            rows.append(
                {
                    "partner": p,
                    "window": f"{first}–{last}",
                    "to_partner": to_p,
                    "from_partner": from_p,
                    "total": float(np.nansum([to_p, from_p])),
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- votes layer


def pooled_agreement(history: pd.DataFrame, partner: str, first: int, last: int) -> dict[str, float | int]:
    """Agreement of Russia with ``partner`` pooled over the sessions opening ``first`` … ``last``:
    identical votes summed over both-voted votes summed (not a mean of session rates)."""
    sel = history[(history["partner_iso3"] == partner) & (history["year"] >= first) & (history["year"] <= last)]
    n_both, n_same = int(sel["n_both_voted"].sum()), int(sel["n_identical"].sum())
    return {"n_both_voted": n_both, "n_identical": n_same, "agreement": n_same / n_both if n_both else float("nan")}


def vote_layer(
    history: pd.DataFrame,
    votes2025: pd.DataFrame,
    window: int | tuple[int, int],
    partners: Sequence[str] = PARTNERS,
    centre: str = "RUS",
) -> pd.DataFrame:
    """Russia's agreement with each partner: pooled over ``window`` sessions from ``history``, or
    (``window == 2025``) from the 2025 recorded votes by :func:`helpers.agreement.pair_agreement`."""
    rows = []
    for p in partners:
        if window == 2025:
            r = pair_agreement(votes2025, centre, p)
            label = "2025"
        else:
            first, last = window  # type: ignore[misc]
            r = pooled_agreement(history, p, first, last)
            label = f"{first}–{last}"
        rows.append(
            {
                "partner": p,
                "window": label,
                "n_both_voted": r["n_both_voted"],
                "n_identical": r["n_identical"],
                "agreement": r["agreement"],
            }
        )
    return pd.DataFrame(rows)


def vote_series(
    history: pd.DataFrame, votes2025: pd.DataFrame, partners: Sequence[str] = PARTNERS, since: int = 2000
) -> pd.DataFrame:
    """Year × partner agreement (%): each session from ``since`` to the last in ``history``, and
    2025 from the recorded votes (the years between are missing)."""
    sub = history[(history["partner_iso3"].isin(partners)) & (history["year"] >= since)]
    wide = sub.pivot(index="year", columns="partner_iso3", values="agreement").astype(float)
    recent = vote_layer(history, votes2025, 2025, partners).set_index("partner")["agreement"]
    wide.loc[2025] = recent
    wide = wide.reindex(columns=list(partners)) * 100
    wide.index = wide.index.astype(int)
    wide.index.name, wide.columns.name = "year", None
    return wide


# --------------------------------------------------------------------------- coverage


def layer_coverage(
    atop: pd.DataFrame,
    provisions: pd.DataFrame,
    articles: Mapping[str, float | int],
    tiv: pd.DataFrame,
    history: pd.DataFrame,
    votes2025: pd.DataFrame,
    treaty_id: str = "rus-irn-2025",
) -> pd.DataFrame:
    """Where each layer's data stop, computed from the tables: layer, data set, last year covered
    and what is not covered (with the documented share of ``treaty_id``'s articles: ``articles`` is
    that treaty's article coverage, ``documented`` and ``total``, as
    :func:`helpers.treaties.coverage` gives it)."""
    cov = articles
    from .obligations import counted  # the counting rule (helpers.obligations)

    coded = counted(provisions)
    coded = coded[coded["treaty_id"] == treaty_id]
    unknown = int(
        (
            coded["obligation"].isin(["defense", "offense", "neutrality", "nonaggression", "consultation"])
            & (coded["present"] == "unknown")
        ).sum()
    )
    dates = pd.to_datetime(votes2025["date"])
    rows = [
        (
            "obligations",
            "ATOP 5.1, dyad-years",
            f"{int(atop['year'].max())}",
            f"no year after {int(atop['year'].max())}, so not the 2024–2025 treaties; a missing dyad-year = no alliance",
        ),
        (
            "obligations",
            "the collection's treaty coding",
            "the data date",
            f"2025 Russia–Iran treaty: {cov['documented']} of {cov['total']} articles documented by a source; "
            f"{unknown} of its five ATOP-type obligations unknown; only treaties in the collection are coded",
        ),
        (
            "arms",
            "SIPRI arms transfers (TIV)",
            f"{int(tiv['year'].max())}",
            "no deliveries after the last year; only the supplier → recipient pairs of the extract",
        ),
        (
            "votes",
            "UNGA agreement per session (unvotes)",
            f"{int(history['year'].max())}",
            f"no session opening {int(history['year'].max()) + 1}–{dates.min().year - 1}; raw rates depend on the agenda",
        ),
        (
            "votes",
            "UNGA recorded votes 2025",
            f"{fmt_date(dates.min())} – {fmt_date(dates.max())}",
            "adopted resolutions put to a recorded vote only",
        ),
    ]
    return pd.DataFrame(rows, columns=["layer", "data set", "last covered", "not covered"])


# --------------------------------------------------------------------------- layers and closeness


def layer_values(
    years: pd.DataFrame,
    tiv: pd.DataFrame,
    history: pd.DataFrame,
    votes2025: pd.DataFrame,
    period: Mapping[str, object],
    partners: Sequence[str] = PARTNERS,
    variant_years: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each partner's value on each layer in one period of :data:`PERIODS` (index: partner).

    Columns: ``obligation`` (status), ``level`` and ``ceiling`` (ladder, ``NaN`` if not coded),
    ``level_variant`` (the level in ``variant_years``, :func:`obligation_years` on another ladder;
    ``NaN`` without it),
    ``open_above``, ``to_partner``, ``from_partner``, ``arms_total`` (TIV millions) and
    ``agreement`` (share, 0–1), ``n_both_voted`` and ``kappa`` (Cohen's kappa with Russia; only
    for the 2025 votes, ``NaN`` for a window of the per-session history, which holds rates only)."""
    ob = years[years["year"] == period["obligations"]].set_index("partner").reindex(partners)
    if variant_years is None:
        level_variant = pd.Series(np.nan, index=list(partners), dtype=float)
    else:
        vy = variant_years[variant_years["year"] == period["obligations"]].set_index("partner").reindex(partners)
        level_variant = vy["level"].astype(float)
    arms = cast(tuple[int, int], period["arms"])
    ar = arms_windows(tiv, [arms], partners).set_index("partner")
    vo = vote_layer(history, votes2025, period["votes"], partners).set_index("partner")  # type: ignore[arg-type]
    # kappa needs every state's vote on every resolution: the 2025 votes only, not the per-session history
    kappa = [vote_kappa(votes2025, "RUS", p)["kappa"] if period["votes"] == 2025 else np.nan for p in partners]
    out = pd.DataFrame(
        {
            "obligation": ob["status"],
            "level": ob["level"].astype(float),
            "ceiling": ob["ceiling"].astype(float),
            "level_variant": level_variant,
            "open_above": ob["open_above"].astype(bool),
            "to_partner": ar["to_partner"],
            "from_partner": ar["from_partner"],
            "arms_total": ar["total"],
            "agreement": vo["agreement"].astype(float),
            "n_both_voted": vo["n_both_voted"],
            "kappa": pd.Series(kappa, index=list(partners), dtype=float),
        }
    )
    out.index.name = "partner"
    return out


def rank_closest(values: pd.Series, missing_last: bool = True) -> pd.Series:
    """Rank partners by a value where higher = closer (1 = closest; ties share the average rank).
    ``NaN`` values rank below every other partner (tied) when ``missing_last``, else stay ``NaN``."""
    v = values.astype(float)
    if missing_last:
        v = v.fillna(-np.inf)
    return v.rank(ascending=False, method="average")


#: Which value each layer is ranked by, by default.
DEFAULT_MEASURES: dict[str, str] = {"obligations": "level", "arms": "arms_total", "votes": "agreement"}


def layer_ranks(
    values: pd.DataFrame, measures: Mapping[str, str] | None = None, missing_last: bool = True
) -> pd.DataFrame:
    """Partner × layer ranks (1 = closest) from :func:`layer_values`; ``measures`` picks the
    column each layer is ranked by (default :data:`DEFAULT_MEASURES`)."""
    measures = {**DEFAULT_MEASURES, **(measures or {})}
    out = pd.DataFrame({layer: rank_closest(values[col], missing_last) for layer, col in measures.items()})
    out.index.name = values.index.name
    return out


def closeness(ranks: pd.DataFrame, how: str = "mean", weights: Mapping[str, float] | None = None) -> pd.Series:
    """The closeness index from per-layer ranks (lower = closer): the ``mean`` (optionally
    ``weights``-weighted) or the ``median`` of the ranks a partner has (``NaN`` ranks skipped)."""
    if how == "median":
        return ranks.median(axis=1, skipna=True)
    if how != "mean":
        raise ValueError(f"how must be 'mean' or 'median', not {how!r}")
    w = pd.Series({c: float((weights or {}).get(c, 1.0)) for c in ranks.columns})
    present = ranks.notna()
    total = ranks.fillna(0).mul(w, axis=1).sum(axis=1)
    return total / present.mul(w, axis=1).sum(axis=1)


def positions(index: pd.Series) -> pd.Series:
    """Position of each partner by the index (1 = closest; equal index values share the best
    position)."""
    return index.rank(ascending=True, method="min").astype(int)


def minmax_index(values: pd.DataFrame, measures: Mapping[str, str] | None = None) -> pd.Series:
    """An alternative to ranks: each layer rescaled to 0–1 (1 = the closest partner, 0 = the
    farthest; a missing value counts 0), averaged, and turned so that lower = closer (1 − mean)."""
    measures = {**DEFAULT_MEASURES, **(measures or {})}
    scores = []
    for col in measures.values():
        v = values[col].astype(float).fillna(values[col].min())
        span = v.max() - v.min()
        scores.append((v - v.min()) / span if span else v * 0 + 1.0)
    return 1 - pd.concat(scores, axis=1).mean(axis=1)


def position_table(values: pd.DataFrame, ranks: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reader's table: each partner's value and rank per layer, the index and the position,
    sorted by position."""
    ranks = layer_ranks(values) if ranks is None else ranks
    index = closeness(ranks)
    obligation = [
        s + (" (stronger rung unknown)" if o else "") for s, o in zip(values["obligation"], values["open_above"])
    ]
    out = pd.DataFrame(
        {
            "partner": [name(p) for p in values.index],
            "strongest obligation": obligation,
            "rank: obligations": ranks["obligations"].to_numpy(),
            "arms, TIV (m), both ways": values["arms_total"].to_numpy(),
            "rank: arms": ranks["arms"].to_numpy(),
            "UNGA agreement (%)": (100 * values["agreement"]).round(1).to_numpy(),
            "rank: votes": ranks["votes"].to_numpy(),
            "closeness index (mean rank)": index.round(2).to_numpy(),
            "position": positions(index).to_numpy(),
        }
    )
    return out.sort_values(["position", "partner"]).reset_index(drop=True)


#: The other reasonable combinations tried by :func:`sensitivity`: label → settings.
VARIANTS: dict[str, dict[str, object]] = {
    "Baseline: mean of the three ranks": {},
    "Median of the three ranks": {"how": "median"},
    "Obligations weighted double": {"weights": {"obligations": 2.0}},
    "Votes weighted double": {"weights": {"votes": 2.0}},
    "Votes ranked by Cohen's κ (latest period only)": {"measures": {"votes": "kappa"}},
    "Without the obligations layer": {"drop": "obligations"},
    "Without the arms layer": {"drop": "arms"},
    "Without the votes layer": {"drop": "votes"},
    "Arms: Russia → partner only": {"measures": {"arms": "to_partner"}},
    "Arms: partner → Russia only": {"measures": {"arms": "from_partner"}},
    "Obligations: unknown rungs read as yes (ceiling)": {"measures": {"obligations": "ceiling"}},
    "Obligations: 'not coded' left out, not ranked last": {"missing_last": False},
    "Obligations: variant ladder, consultation above neutrality": {"measures": {"obligations": "level_variant"}},
    "Min–max scores instead of ranks": {"minmax": True},
}


def variant_index(values: pd.DataFrame, settings: Mapping[str, object]) -> pd.Series:
    """The closeness index of one variant of :data:`VARIANTS` (lower = closer)."""
    if settings.get("minmax"):
        return minmax_index(values, settings.get("measures"))  # type: ignore[arg-type]
    ranks = layer_ranks(values, settings.get("measures"), bool(settings.get("missing_last", True)))  # type: ignore[arg-type]
    if settings.get("drop"):
        ranks = ranks.drop(columns=[settings["drop"]])
    return closeness(ranks, str(settings.get("how", "mean")), settings.get("weights"))  # type: ignore[arg-type]


def sensitivity(
    values_by_period: Mapping[str, pd.DataFrame], variants: Mapping[str, Mapping[str, object]] = VARIANTS
) -> pd.DataFrame:
    """Each partner's position (1 = closest) under every variant, per period: rows are variants,
    columns a (period, partner) MultiIndex. A variant ranked by a measure the period lacks entirely
    (κ before 2025) has no position there (``<NA>``)."""
    cols: dict[tuple[str, str], dict[str, int]] = {}
    for period, values in values_by_period.items():
        for label, settings in variants.items():
            measures = cast(Mapping[str, str], settings.get("measures", {}))
            if any(values[col].isna().all() for col in measures.values()):
                continue  # the period has no value of that measure (kappa before 2025): no position
            pos = positions(variant_index(values, settings))
            for p, v in pos.items():
                cols.setdefault((period, p), {})[label] = int(v)
    out = pd.DataFrame(cols).reindex(list(variants)).astype("Int64")
    out.index.name = "variant"
    return out


def focus_sensitivity(table: pd.DataFrame, focus: str = "IRN") -> pd.DataFrame:
    """One row per variant: the focus partner's position in each period, and the partner in first
    place in each period (several names when tied)."""
    out = pd.DataFrame(index=table.index)
    periods = list(dict.fromkeys(table.columns.get_level_values(0)))
    for period in periods:
        label = PERIODS.get(period, {}).get("label", period)
        out[f"{name(focus)}: {label}"] = table[(period, focus)]
    for period in periods:
        label = PERIODS.get(period, {}).get("label", period)
        sub = table[period]
        out[f"first place: {label}"] = [
            ", ".join(name(p) for p in sub.columns[(sub.loc[v] == 1).fillna(False).to_numpy(dtype=bool)]) or "—"
            for v in sub.index
        ]
    return out


def what_if(
    values: pd.DataFrame,
    focus: str,
    scenarios: Mapping[str, Mapping[str, object]],
    settings: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """The index's sensitivity to changes in one partner's values: for each scenario (label →
    ``{column: value}``; a value that is a partner code means "just above that partner's value"),
    the ``focus`` partner's index and position under ``settings`` (default: the baseline, mean of
    the three ranks) and the partners ahead of it or level with it. An empty scenario is the
    data as they are. Raises on an unknown column or partner."""
    if focus not in values.index:
        raise ValueError(f"no partner {focus!r} in the layer values")
    rows = []
    for label, changes in scenarios.items():
        v = values.copy()
        for col, new in changes.items():
            if col not in v.columns:
                raise ValueError(f"scenario {label!r}: no column {col!r} in the layer values")
            if isinstance(new, str):
                if new not in v.index:
                    raise ValueError(f"scenario {label!r}: no partner {new!r} in the layer values")
                if not np.isfinite(float(v.loc[new, col])):
                    raise ValueError(f"scenario {label!r}: {new}'s {col!r} is missing, nothing to place above")
                new = float(v.loc[new, col]) + 1e-6
            v.loc[focus, col] = new
        index = variant_index(v, settings or {})
        pos = positions(index)
        ahead = [name(p) for p in index.sort_values(kind="stable").index if p != focus and index[p] < index[focus]]
        level = [name(p) for p in index.index if p != focus and np.isclose(index[p], index[focus])]
        rows.append(
            {
                "scenario": label,
                f"{name(focus)}: index": round(float(index[focus]), 2),
                f"{name(focus)}: position": int(pos[focus]),
                "ahead": ", ".join(ahead) or "—",
                "level with": ", ".join(level) or "—",
            }
        )
    return pd.DataFrame(rows)


def index_partners(rule: pd.DataFrame) -> list[str]:
    """The partners the closeness index ranks: the network's states (:data:`PARTNERS` without the
    :data:`REFERENCE` states). Raises if one of them is not a partner under ``rule``
    (:func:`helpers.partners.apply_rule`)."""
    chosen = [p for p in PARTNERS if p not in REFERENCE]
    qualified = set(rule.loc[rule["partner"], "state"])
    stray = [p for p in chosen if p not in qualified]
    if stray:
        raise ValueError(f"index partners not qualified by the partner rule: {stray}")
    return chosen


def focus_display(focus: pd.DataFrame) -> pd.DataFrame:
    """:func:`focus_sensitivity` for reading: a position a period lacks shown as ``—``."""
    return pd.DataFrame(
        {c: ["—" if pd.isna(v) else v for v in focus[c]] for c in focus.columns}, index=focus.index, dtype=object
    )


# --------------------------------------------------------------------------- layout


def radial_layout(
    partners: Sequence[str] = PARTNERS, centre: str = "RUS", radius: float = 1.0, start_degrees: float = 90.0
) -> dict[str, tuple[float, float]]:
    """Fixed positions: ``centre`` at (0, 0), the partners on a circle of ``radius``, clockwise from
    ``start_degrees`` (90 = top) in the order given. No randomness; rounded to four decimals."""
    angles = np.deg2rad(start_degrees) - 2 * np.pi * np.arange(len(partners)) / len(partners)
    pos = {centre: (0.0, 0.0)}
    for p, a in zip(partners, angles):
        pos[p] = (round(float(radius * np.cos(a)), 4) + 0.0, round(float(radius * np.sin(a)), 4) + 0.0)
    return pos


# --------------------------------------------------------------------------- plots

#: Colours of the ladder (a light-to-dark blue ramp, readable without colour) and the two gaps.
#: Colours of the rungs by level (4 = strongest, darkest), whatever the ladder's order.
LEVEL_COLOURS: dict[int, str] = {4: "#08306B", 3: "#2171B5", 2: "#6BAED6", 1: "#C6DBEF"}


def status_colours(order: Sequence[str] = LADDER_COW) -> dict[str, str]:
    """Status → colour for a ladder ``order``: darker = stronger rung; none, unknown, not coded."""
    levels = ladder_levels(order)
    return {
        **{levels[lv]: c for lv, c in LEVEL_COLOURS.items()},
        "none": "#FFFFFF",
        UNKNOWN: "#BDBDBD",
        NOT_CODED: "#F2F2F2",
    }


def plot_obligation_grid(
    years: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    seam: int = ATOP_LAST_YEAR,
    order: Sequence[str] = LADDER_COW,
) -> None:
    """Year × partner grid of the strongest obligation (a seaborn heatmap of the statuses); hatched:
    a stronger rung unknown; a vertical line where ATOP ends and the collection's coding begins.
    ``order``: the ladder ``years`` was computed on (legend order and colours)."""
    import seaborn as sns
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch, Rectangle

    status, open_above = obligation_grid(years), obligation_grid(years, "open_above")
    fig, ax = style.figure("wide")
    cols = list(status.columns)
    shown, colours = statuses(order), status_colours(order)
    codes = status.apply(lambda col: col.map(shown.index)).astype(float)  # one category per status
    sns.heatmap(
        codes,
        cmap=ListedColormap([colours[s] for s in shown]),
        vmin=-0.5,
        vmax=len(shown) - 0.5,
        cbar=False,
        linewidths=0.5,
        linecolor="#D0D0D0",
        ax=ax,
    )
    for i, p in enumerate(status.index):  # hatching, which a heatmap cannot draw: over the cells that need it
        for j, y in enumerate(cols):
            s = status.loc[p, y]
            hatch = "////" if (open_above.loc[p, y] or s == UNKNOWN) else ("...." if s == NOT_CODED else None)
            if hatch:
                ax.add_patch(Rectangle((j, i), 1, 1, fill=False, edgecolor="#D0D0D0", linewidth=0.5, hatch=hatch))
    ticks = [j for j, y in enumerate(cols) if (cols[-1] - y) % 4 == 0]
    ax.set_xticks([j + 0.5 for j in ticks], [str(cols[j]) for j in ticks], rotation=0)
    ax.set_yticks([i + 0.5 for i in range(len(status))], [name(p) for p in status.index], rotation=0)
    ax.tick_params(length=0)
    x_seam = cols.index(seam) + 1
    ax.axvline(x_seam, color="black", linewidth=2)
    box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.9}
    ax.text(
        x_seam - 0.4,
        len(status) - 0.5,
        f"ATOP 5.1, to {seam} ◀",
        ha="right",
        va="center",
        fontsize=9,
        fontweight="bold",
        bbox=box,
    )
    ax.text(
        x_seam + 0.4, len(status) - 0.5, "▶ collection", ha="left", va="center", fontsize=9, fontweight="bold", bbox=box
    )
    handles = [
        Patch(
            facecolor=colours[s],
            edgecolor="#999999",
            label=s,
            hatch="////" if s == UNKNOWN else ("...." if s == NOT_CODED else None),
        )
        for s in shown
    ]
    handles.append(Patch(facecolor="white", edgecolor="#999999", hatch="////", label="stronger rung unknown"))
    fig.legend(handles=handles, loc="outside right center", fontsize=9, title="Strongest obligation", title_fontsize=9)
    ax.set_xlabel("Year (an obligation counts in every year in which the treaty was in force)")
    ax.set_ylabel("Russia's partner")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_arms_windows(windows: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Diverging horizontal bars per partner: partner → Russia to the left, Russia → partner to the
    right, one bar per window (lighter = earlier); 'n/e' marks a direction not in the extract."""
    fig, ax = style.figure("wide")
    partners = list(dict.fromkeys(windows["partner"]))
    labels = list(dict.fromkeys(windows["window"]))
    height = 0.8 / len(labels)
    shades = {labels[0]: 0.45, labels[-1]: 1.0}
    top = float(np.nanmax(windows[["to_partner", "from_partner"]].to_numpy()))
    for i, p in enumerate(partners):
        for k, w in enumerate(labels):
            rec = windows[(windows["partner"] == p) & (windows["window"] == w)].iloc[0]
            y = i + (k - (len(labels) - 1) / 2) * height
            for value, sign, colour in (
                (rec["to_partner"], 1, style.colour("RUS")),
                (rec["from_partner"], -1, style.PALETTE["vermillion"]),
            ):
                if np.isnan(value):
                    ax.text(
                        sign * top * 0.01,
                        y,
                        "n/e",
                        ha="left" if sign > 0 else "right",
                        va="center",
                        fontsize=8.5,
                        color="#777777",
                    )
                    continue
                ax.barh(y, sign * value, height=height * 0.92, color=colour, alpha=shades.get(w, 0.7))
                if value == 0:
                    continue
                ax.text(
                    sign * (value + top * 0.01),
                    y,
                    f"{value:,.0f}",
                    ha="left" if sign > 0 else "right",
                    va="center",
                    fontsize=8.5,
                    color="#333333",
                )
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(range(len(partners)), [name(p) for p in partners])
    ax.set_ylim(len(partners) - 0.4, -0.6)
    left = float(np.nanmax(windows["from_partner"].to_numpy()))
    ax.set_xlim(-max(left * 1.6, top * 0.2), top * 1.15)
    ax.xaxis.set_major_formatter(lambda v, _: f"{abs(v):,.0f}")
    ax.grid(axis="y", visible=False)
    ax.text(
        0.99,
        0.02,
        "Russia → partner ▶",
        transform=ax.transAxes,
        ha="right",
        fontsize=9,
        color=style.colour("RUS"),
        fontweight="bold",
    )
    ax.text(
        0.01,
        0.02,
        "◀ partner → Russia",
        transform=ax.transAxes,
        ha="left",
        fontsize=9,
        color=style.PALETTE["vermillion"],
        fontweight="bold",
    )
    ax.text(
        0.99,
        0.10,
        f"pale: {labels[0]}; dark: {labels[-1]}",
        transform=ax.transAxes,
        ha="right",
        fontsize=8.5,
        color="#444444",
    )
    ax.set_xlabel("SIPRI TIV delivered in the window (millions)")
    ax.set_ylabel("Russia's partner")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_vote_series(series: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """One line per partner for the sessions in ``series`` up to the history's end, and a marker
    for 2025 (no line across the years without data). The 2025 markers of partners with nearly
    the same agreement are set side by side (:func:`helpers.labels.dodge`) and their labels pushed
    apart (:func:`helpers.labels.spread_labels`), outside the plotting area, so none hides another."""
    from .labels import dodge, spread_labels

    fig, ax = style.figure("wide")
    hist = series.loc[series.index < 2025]
    last_values = {p: float(series.loc[2025, p]) for p in series.columns}
    offsets = dodge(last_values, min_gap=2.5, step=0.45)
    for p in series.columns:
        colour = style.colour(p)
        ax.plot(hist.index, hist[p], color=colour, linewidth=1.8, marker="o", markersize=2.5)
        ax.plot(
            [2025 + offsets[p]],
            [last_values[p]],
            marker="o",
            markersize=7,
            markerfacecolor="white",
            markeredgecolor=colour,
            markeredgewidth=2,
            linestyle="none",
        )
    ends = spread_labels(last_values, min_gap=6.5)
    for p, y in ends.items():
        ax.annotate(
            f"{name(p)} {last_values[p]:.0f}%",
            (2025 + offsets[p] + 0.3, last_values[p]),
            xytext=(2026.6, y),
            textcoords="data",
            va="center",
            fontsize=9,
            color="#222222",
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": "#AAAAAA", "linewidth": 0.6},
        )
    last = int(hist.index.max())
    ax.axvspan(last + 0.5, 2024.5, color="#F2F2F2", zorder=0)
    ax.text(
        (last + 2025) / 2,
        4,
        "no agreement\nseries in the\ncollection",
        ha="center",
        va="bottom",
        fontsize=8.5,
        color="#666666",
    )
    ax.set_ylim(0, 100)
    ax.set_xlim(series.index.min() - 0.5, 2025.9)  # the axis ends with the data; labels sit outside
    ax.set_xticks([y for y in range(int(series.index.min()), 2026, 5)])
    ax.set_xlabel("Year the UNGA session opened (2025: calendar year of the recorded votes)")
    ax.set_ylabel("Same vote as Russia (% of votes both cast)")
    from matplotlib.lines import Line2D

    handles = [
        Line2D([0], [0], color=style.colour(p), linewidth=1.8, marker="o", markersize=4, label=name(p))
        for p in series.columns
    ]
    handles.append(
        Line2D(
            [0],
            [0],
            marker="o",
            markersize=7,
            markerfacecolor="white",
            markeredgecolor="#555555",
            markeredgewidth=2,
            linestyle="none",
            label="2025 recorded votes",
        )
    )
    ax.legend(handles=handles, loc="lower left", ncols=4, fontsize=8.5)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def _node(ax, pos, code, centre):
    x, y = pos[code]
    size = 1500 if code == centre else 1250
    edge = style.colour(code) if code in ("RUS", "IRN") else "#555555"
    ax.scatter(
        [x], [y], s=size, facecolor="white", edgecolor=edge, linewidth=2.4 if code in ("RUS", "IRN") else 1.2, zorder=3
    )
    ax.text(
        x,
        y,
        name(code).replace(" ", "\n"),  # plain names, never codes
        ha="center",
        va="center",
        fontsize=8.5,
        linespacing=0.9,
        zorder=4,
        fontweight="bold" if code in ("RUS", "IRN") else "normal",
    )


def _edge_label(ax, pos, p, text, frac=0.55, offset=0.0):
    x, y = pos[p]
    ax.text(
        frac * x - offset * y,
        frac * y + offset * x,
        text,
        ha="center",
        va="center",
        fontsize=8.5,
        color="#222222",
        zorder=5,
        bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
    )


def _panel_obligations(ax, values, pos, centre):
    for p in values.index:
        s = values.loc[p, "obligation"]
        x, y = pos[p]
        if s in ("none",):
            continue
        if s in (NOT_CODED, UNKNOWN):
            ax.plot([0, x], [0, y], color="#AAAAAA", linestyle=(0, (1, 2)), linewidth=1.2, zorder=1)
            _edge_label(ax, pos, p, "?" if s == UNKNOWN else "n/c")
            continue
        width = {4: 6.0, 3: 3.6, 2: 2.0, 1: 1.0}[int(values.loc[p, "level"])]
        ax.plot(
            [0, x],
            [0, y],
            color=LEVEL_COLOURS[int(values.loc[p, "level"])],
            linewidth=width,
            zorder=1,
            solid_capstyle="butt",
            linestyle=(0, (4, 1.5)) if values.loc[p, "open_above"] else "solid",
        )
        short = {"consultation": "consult.", "non-aggression": "non-agg."}.get(s, s)
        _edge_label(ax, pos, p, short + (" +?" if values.loc[p, "open_above"] else ""))


def _panel_arms(ax, values, pos, centre, top, support=frozenset(), weak_support=frozenset()):
    for p in values.index:
        if p in support:
            x0, y0 = pos[p]
            weak = p in weak_support
            ax.scatter(
                [0.78 * x0 - 0.16 * y0],
                [0.78 * y0 + 0.16 * x0],
                marker="^",
                s=55,
                facecolor="white" if weak else style.PALETTE["purple"],
                edgecolor=style.PALETTE["purple"] if weak else "white",
                linewidth=1.4 if weak else 1.0,
                zorder=4,
            )
        x, y = pos[p]
        nx_, ny_ = -y, x  # normal, to draw the two directions side by side
        for col, sign, colour in (
            ("to_partner", 1, style.colour("RUS")),
            ("from_partner", -1, style.PALETTE["vermillion"]),
        ):
            v = values.loc[p, col]
            if np.isnan(v) or v <= 0:
                continue
            d = 0.045 * sign
            width = 0.8 + 7.0 * np.sqrt(v / top)
            ax.annotate(
                "",
                xy=(0.8 * x + d * nx_, 0.8 * y + d * ny_) if sign > 0 else (0.2 * x + d * nx_, 0.2 * y + d * ny_),
                xytext=(0.2 * x + d * nx_, 0.2 * y + d * ny_) if sign > 0 else (0.8 * x + d * nx_, 0.8 * y + d * ny_),
                arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": width, "mutation_scale": 8 + width},
                zorder=1,
            )
        total = values.loc[p, "arms_total"]
        _edge_label(ax, pos, p, f"{total:,.0f}" if total else "0", frac=1.36, offset=0.0)


def _panel_votes(ax, values, pos, centre):
    for p in values.index:
        x, y = pos[p]
        a = values.loc[p, "agreement"]
        ax.plot(
            [0, x],
            [0, y],
            color=style.PALETTE["green"],
            linewidth=0.5 + 7.0 * max(a - 0.15, 0) ** 1.5 / 0.85**1.5,
            alpha=0.85,
            zorder=1,
            solid_capstyle="butt",
        )
        _edge_label(ax, pos, p, f"{100 * a:.0f}%")


def plot_layers(
    values_by_period: Mapping[str, pd.DataFrame],
    pos: Mapping[str, tuple[float, float]],
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    centre: str = "RUS",
    support: frozenset[str] | set[str] = frozenset(),
    weak_support: frozenset[str] | set[str] = frozenset(),
    order: Sequence[str] = LADDER_COW,
) -> None:
    """Small multiples: rows = periods, columns = layers (obligations, arms, votes); Russia at the
    centre and the partners at the same fixed positions in every panel (``order``: the obligation
    ladder the values were computed on, for the legend). ``support``: partners that
    sent ammunition or troops (a filled triangle in the latest arms panel); those in
    ``weak_support`` rest only on low-confidence sources (a hollow triangle)."""
    from matplotlib.lines import Line2D

    periods = list(values_by_period)
    fig, axes = style.figure(
        "tall", nrows=len(periods) + 1, ncols=3, gridspec_kw={"height_ratios": [1.0] * len(periods) + [0.16]}
    )
    fig.set_size_inches(style.SIZES["wide"][0], 8.4)  # as wide as a wide chart: room for 8.5 pt names in the nodes
    for ax in axes[-1]:
        ax.set_axis_off()  # an empty row that holds the legend
    top = max(float(np.nanmax(v[["to_partner", "from_partner"]].to_numpy())) for v in values_by_period.values())
    heads = {"obligations": "Strongest obligation", "arms": "Arms delivered (SIPRI TIV, m)", "votes": "UNGA agreement"}
    for r, period in enumerate(periods):
        values = values_by_period[period]
        spec = PERIODS.get(period, {})
        for c, layer in enumerate(LAYERS):
            ax = axes[r, c]
            if layer == "obligations":
                _panel_obligations(ax, values, pos, centre)
            elif layer == "arms":
                last_row = r == len(periods) - 1
                _panel_arms(ax, values, pos, centre, top, support if last_row else frozenset(), weak_support)
            else:
                _panel_votes(ax, values, pos, centre)
            for code in pos:
                _node(ax, pos, code, centre)
            when = {
                "obligations": f"in {spec.get('obligations', '')}",
                "arms": "{}–{}".format(*cast(tuple[int, int], spec["arms"])) if "arms" in spec else "",
                "votes": (
                    "{}–{}".format(*cast(tuple[int, int], spec["votes"]))
                    if isinstance(spec.get("votes"), tuple)
                    else str(spec.get("votes", ""))
                ),
            }[layer]
            ax.set_title(f"{heads[layer]}\n{when}", fontsize=9, loc="center")
            ax.set_xlim(-1.45, 1.45)
            ax.set_ylim(-1.45, 1.45)
            ax.set_aspect("equal")
            ax.set_axis_off()
        axes[r, 0].text(
            -1.62, 0, spec.get("label", period), rotation=90, ha="center", va="center", fontsize=10, fontweight="bold"
        )
    handles = [
        Line2D([0], [0], color=LEVEL_COLOURS[4], linewidth=6, label=order[0]),
        Line2D([0], [0], color=LEVEL_COLOURS[3], linewidth=3.6, label=order[1]),
        Line2D(
            [0],
            [0],
            color=LEVEL_COLOURS[2],
            linewidth=2,
            linestyle=(0, (4, 1.5)),
            label=f"{order[2]}; dashed, +?: stronger rung unknown",
        ),
        Line2D([0], [0], color="#AAAAAA", linewidth=1.2, linestyle=(0, (1, 2)), label="n/c: not coded (no edge: none)"),
        Line2D([0], [0], color=style.colour("RUS"), linewidth=3, label="arms Russia → partner"),
        Line2D([0], [0], color=style.PALETTE["vermillion"], linewidth=3, label="arms partner → Russia"),
        Line2D([0], [0], color="white", linewidth=0, label="arms numbers: TIV, both ways"),
        Line2D([0], [0], color=style.PALETTE["green"], linewidth=4, label="votes: width ∝ agreement"),
        Line2D(
            [0],
            [0],
            marker="^",
            linestyle="none",
            markersize=8,
            color=style.PALETTE["purple"],
            label="sent ammunition or troops (not in SIPRI)",
        ),
    ]
    if set(weak_support) & set(support):
        handles.append(
            Line2D(
                [0],
                [0],
                marker="^",
                linestyle="none",
                markersize=8,
                markerfacecolor="white",
                markeredgecolor=style.PALETTE["purple"],
                label="hollow: reported only by low-confidence sources",
            )
        )
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=3, fontsize=8)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_sensitivity(
    table: pd.DataFrame, title: str, source: str, alt: str, focus: str = "IRN", subtitle: str | None = None
) -> None:
    """Dumbbells: the focus partner's position (1 = closest) under every variant, earlier (hollow)
    and latest (filled)."""
    fig, ax = style.figure("wide")
    variants = list(table.index)
    periods = list(dict.fromkeys(table.columns.get_level_values(0)))
    n_partners = len(table[periods[0]].columns)
    y = np.arange(len(variants))
    first, last = (table[(p, focus)].to_numpy(dtype=float, na_value=np.nan) for p in (periods[0], periods[-1]))
    for yi, a, b in zip(y, first, last):
        ax.plot([a, b], [yi, yi], color="#BBBBBB", linewidth=1.5, zorder=1)
    colour = style.colour(focus)
    ax.scatter(
        first,
        y,
        s=130,
        facecolor="white",
        edgecolor=colour,
        linewidth=2,
        zorder=2,
        label=PERIODS.get(periods[0], {}).get("label", periods[0]),
    )
    ax.scatter(last, y, s=45, color=colour, zorder=3, label=PERIODS.get(periods[-1], {}).get("label", periods[-1]))
    ax.set_yticks(y, variants, fontsize=9)
    ax.set_ylim(len(variants) - 0.4, -0.6)
    ax.set_xticks(range(1, n_partners + 1), [f"{i}" for i in range(1, n_partners + 1)])
    ax.set_xlim(0.5, n_partners + 0.5)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper left", fontsize=9, frameon=True)
    ax.set_xlabel(f"{name(focus)}'s position among the {n_partners} partners (1 = closest to Russia)")
    ax.set_ylabel("Way of combining the layers")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def vote_kappa(votes: pd.DataFrame, a: str, b: str) -> dict[str, float | int]:
    """Cohen's kappa for two states' recorded votes (:func:`helpers.agreement.cohen_kappa` over the
    roll calls both voted yes, no or abstain; absences left out), with the raw agreement ``p_o``
    and the chance agreement ``p_e`` their own vote shares would give. NaN when they never both
    voted."""
    d = decided(votes, a, b)
    x, y = d[a].to_numpy(), d[b].to_numpy()
    if len(d) == 0:
        return {"n_both_voted": 0, "agreement": float("nan"), "chance": float("nan"), "kappa": float("nan")}
    return {
        "n_both_voted": len(d),
        "agreement": observed_agreement(x, y),
        "chance": chance_agreement(x, y),
        "kappa": cohen_kappa(x, y),
    }


def kappa_table(votes: pd.DataFrame, partners: Sequence[str], state: str = "RUS") -> pd.DataFrame:
    """Per partner: votes both cast, raw agreement, chance agreement and kappa with ``state``,
    with the partner's rank (1 = closest) by raw agreement and by kappa."""
    rows = [{"partner": p, **vote_kappa(votes, state, p)} for p in partners]
    out = pd.DataFrame(rows)
    out["rank by agreement"] = out["agreement"].rank(ascending=False, method="min").astype("Int64")
    out["rank by kappa"] = out["kappa"].rank(ascending=False, method="min").astype("Int64")
    return out
