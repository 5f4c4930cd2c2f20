"""Who counts as Russia's partner: a rule, not the data at hand.

A state is a **partner** of Russia on a day if at least one of these holds:

1. **obligation** — a treaty in force binds it to Russia with at least a consultation obligation
   (a ``defence`` or ``consultation`` rung: read the strongest rung on the variant ladder,
   :data:`helpers.alliances.LADDER`, whose top two rungs these are; in the Correlates of War order a
   treaty with neutrality and consultation shows neutrality as its strongest rung). A pledge of
   neutrality alone (not to help an attacker) does not qualify: it binds a state only to abstain,
   while defence and consultation commit it to act or to talk in a crisis. Under the Correlates of War
   order, where neutrality ranks above consultation, a neutrality-only treaty would qualify; no
   candidate's strongest rung in force is neutrality today (tests/test_partners.py fails if one
   appears, so that the choice is revisited where it matters);
2. **arms** — SIPRI records major-arms deliveries between it and Russia, in either direction,
   of at least ``threshold`` TIV million over the arms window;
3. **wartime support** — it sent Russia ammunition, troops or military personnel for its war
   (``war_support``; SIPRI excludes ammunition and does not count troops).

The rule is applied to every candidate, and the result says which criterion each meets and
whether the collection's layers cover it, so that a partner the extracts do not cover is listed
with its gap instead of silently dropped. The candidates are the states the collection's tables
hold: a state outside the arms extract (Russia's other arms customers) is not tested on arms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

#: Obligation rungs that qualify (the strongest rung in force must be one of these).
QUALIFYING_RUNGS: tuple[str, ...] = ("defence", "defense", "consultation")


def arms_totals(tiv: pd.DataFrame, first: int, last: int, centre: str = "RUS") -> pd.Series:
    """TIV million delivered between ``centre`` and each state, both directions summed, over
    the years ``first`` to ``last`` (inclusive)."""
    sub = tiv[(tiv["year"] >= first) & (tiv["year"] <= last)]
    out = sub[sub["supplier_iso3"] == centre].groupby("recipient_iso3")["tiv_millions"].sum()
    back = sub[sub["recipient_iso3"] == centre].groupby("supplier_iso3")["tiv_millions"].sum()
    return out.add(back, fill_value=0.0).sort_index()


def partner_rule(
    candidates: Iterable[str],
    obligation_of: Callable[[str], str],
    tiv: pd.DataFrame,
    support: pd.DataFrame,
    threshold: float,
    window: tuple[int, int],
    covered: Mapping[str, Iterable[str]] | None = None,
    centre: str = "RUS",
) -> pd.DataFrame:
    """Apply the rule to every candidate state.

    ``obligation_of(state)`` returns the strongest obligation rung in force with ``centre`` (or
    ``none`` / ``not coded``); ``covered`` maps each layer to the states its extract holds.
    Returns one row per candidate: obligation, arms TIV, wartime support, the criteria met,
    ``partner`` (True/False) and the layers that do not cover it."""
    if threshold < 0:
        raise ValueError(f"threshold must be >= 0, not {threshold}")
    arms = arms_totals(tiv, *window, centre=centre)
    sent = support[support["recipient_iso3"] == centre]
    rows = []
    for state in sorted(set(candidates) - {centre}):
        rung = str(obligation_of(state))
        total = float(arms.get(state, 0.0))
        kinds = sorted(set(sent.loc[sent["supplier_iso3"] == state, "kind"]))
        met = [
            name
            for name, ok in (
                ("obligation", rung in QUALIFYING_RUNGS),
                ("arms", total >= threshold),
                ("wartime support", bool(kinds)),
            )
            if ok
        ]
        gaps = [layer for layer, states in (covered or {}).items() if state not in set(states)]
        rows.append(
            {
                "state": state,
                "strongest obligation": rung,
                "arms TIV (m)": round(total, 1),
                "wartime support": ", ".join(kinds) or "—",
                "criteria met": ", ".join(met) or "—",
                "partner": bool(met),
                "layers without data": ", ".join(gaps) or "—",
            }
        )
    return pd.DataFrame(rows)


def apply_rule(
    obligations: Mapping[str, str],
    defence_members: Iterable[str],
    states: Iterable[str],
    tiv: pd.DataFrame,
    support: pd.DataFrame,
    votes: pd.DataFrame,
    threshold: float = 100,
    window: tuple[int, int] = (2014, 2023),
    centre: str = "RUS",
) -> pd.DataFrame:
    """:func:`partner_rule` over every candidate: ``states`` (those the network draws), the
    ``defence_members`` (members of a multilateral defence treaty with ``centre`` on the day), every
    wartime supplier and every state in the arms extract. A state's rung is ``obligations[state]``
    (its strongest obligation in force), else ``defence`` for a defence member, else ``not coded``.
    Coverage: the arms extract (``tiv``) and the recorded votes (``votes``)."""
    members = set(defence_members) - {centre}
    arms = set(tiv["supplier_iso3"]) | set(tiv["recipient_iso3"])
    candidates = set(states) | members | set(support["supplier_iso3"]) | arms

    def rung(state: str) -> str:
        return str(obligations.get(state, "defence" if state in members else "not coded"))

    covered = {"arms": arms, "votes": set(votes["iso3"])}
    return partner_rule(candidates, rung, tiv, support, threshold, window, covered=covered, centre=centre)
