"""Vote agreement between two states, raw and corrected for chance: the one definition every
notebook uses (01 and 04 for Russia's UN votes, 06 for the votes layer).

**The agreement rule.** The agreement of two states is the share of recorded votes on which *both
voted* (yes, no or abstain) and cast the *same* vote. A vote on which either state is ``absent``
counts neither as agreement nor as disagreement (it leaves the denominator).

**Chance correction.** Two states that both vote yes on most resolutions agree often by chance.
Cohen's κ = (p_o − p_e) / (1 − p_e) corrects for that: ``p_o`` is the share of identical votes
among those both cast, ``p_e`` the share expected if the two voted independently with their own
frequencies of yes, no and abstain.

Pure functions on frames with one row per recorded vote and state (``record_id``, ``iso3``,
``vote``), as in ``unga_votes_2025``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: Votes that count as "voted" under the agreement rule (``absent`` is left out).
VOTED: tuple[str, ...] = ("yes", "no", "abstain")


def _wide(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    wide = votes[votes["iso3"].isin([a, b])].pivot(index="record_id", columns="iso3", values="vote")
    for s in (a, b):
        if s not in wide.columns:
            raise ValueError(f"state {s!r} has no votes in the frame")
    return wide


def pair_agreement(votes: pd.DataFrame, a: str, b: str) -> dict[str, float | int]:
    """Agreement of states ``a`` and ``b`` on the recorded votes in ``votes``.

    Returns ``n_votes`` (recorded votes on which either appears), ``n_both_voted`` (both voted
    yes, no or abstain), ``n_identical`` (of those, the same vote) and ``agreement``
    (``n_identical / n_both_voted``; ``NaN`` when they never both voted). Absences are left out.
    """
    wide = _wide(votes, a, b)
    both = wide[a].isin(VOTED) & wide[b].isin(VOTED)
    same = both & (wide[a] == wide[b])
    n_both, n_same = int(both.sum()), int(same.sum())
    return {
        "n_votes": len(wide),
        "n_both_voted": n_both,
        "n_identical": n_same,
        "agreement": n_same / n_both if n_both else float("nan"),
    }


def decided(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The recorded votes on which both ``a`` and ``b`` voted yes, no or abstain: one row per
    record, columns ``a`` and ``b`` (absences and records where either is missing are left out)."""
    wide = _wide(votes, a, b)
    both = wide[a].isin(VOTED) & wide[b].isin(VOTED)
    return wide.loc[both, [a, b]].astype(str)


def _checked(x: Sequence[str], y: Sequence[str], categories: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    xa, ya = np.asarray(x, dtype=object), np.asarray(y, dtype=object)
    if len(xa) != len(ya):
        raise ValueError("the two vote sequences differ in length")
    unknown = (set(xa) | set(ya)) - set(categories)
    if unknown:
        raise ValueError(f"votes outside {list(categories)}: {sorted(unknown)}")
    return xa, ya


def observed_agreement(x: Sequence[str], y: Sequence[str], categories: Sequence[str] = VOTED) -> float:
    """The share of positions where two equally long vote sequences agree (``NaN`` for empty
    input): the raw rate beside :func:`chance_agreement` and :func:`cohen_kappa`."""
    xa, ya = _checked(x, y, categories)
    return _observed(xa, ya) if len(xa) else float("nan")


def _observed(xa: np.ndarray, ya: np.ndarray) -> float:
    return float(np.mean(xa == ya))


def chance_agreement(x: Sequence[str], y: Sequence[str], categories: Sequence[str] = VOTED) -> float:
    """The agreement two equally long vote sequences would reach by chance: the sum over
    ``categories`` of the product of each side's share of that vote (``NaN`` for empty input)."""
    xa, ya = _checked(x, y, categories)
    if len(xa) == 0:
        return float("nan")
    return _chance(xa, ya, categories)


def _chance(xa: np.ndarray, ya: np.ndarray, categories: Sequence[str]) -> float:
    return float(sum(float(np.mean(xa == c)) * float(np.mean(ya == c)) for c in categories))


def cohen_kappa(x: Sequence[str], y: Sequence[str], categories: Sequence[str] = VOTED, constant: float = 1.0) -> float:
    """Cohen's kappa of two equally long sequences of votes (or codes) over ``categories``: the
    one κ of the package (UN votes in 01, 04 and 06; treaty codings against ATOP in 02, with
    ``categories=("yes", "no")``).

    ``(p_o - p_e) / (1 - p_e)``, where ``p_o`` is the share of identical votes and ``p_e`` the
    share expected if the two voted independently with their own frequencies
    (:func:`chance_agreement`). ``NaN`` for empty input. When both always cast the same single
    vote, ``p_e = 1`` and κ is 0/0: the function returns ``constant`` — 1.0 by default (no
    disagreement is possible, the reading for votes); pass ``float("nan")`` to report it as
    undefined (the reading for two coders who put every cell in one class)."""
    xa, ya = _checked(x, y, categories)
    if len(xa) == 0:
        return float("nan")
    p_o = _observed(xa, ya)
    p_e = _chance(xa, ya, categories)
    if p_e == 1.0:
        return float(constant)
    return (p_o - p_e) / (1 - p_e)
