"""UN General Assembly votes: ideal points, pairwise agreement and their charts.

Pure functions on the frames of ``helpers.data.load``:

- ``unga_ideal_points`` (Bailey–Strezhnev–Voeten estimates, one row per state and session);
- ``unga_votes_2025`` (one row per recorded vote and state, ``vote`` in yes/no/abstain/absent);
- ``unga_agreement_history`` (Russia's raw agreement with eight partners per session, to 2019);

plus thin ``plot_*`` functions that draw in the house style (:mod:`helpers.style`).

**The agreement rule** used throughout: the agreement of two states is the share of recorded
votes on which *both voted* (yes, no or abstain) and cast the *same* vote. A vote on which either
state is ``absent`` counts neither as agreement nor as disagreement (it leaves the denominator).
This is the rule of ``unga_agreement_history`` too, so the two tables can be read together —
though raw agreement depends on each session's agenda and is best compared across partners
within one session.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import countries, style

#: The states the collection follows in UN votes, in display order.
FOCUS: tuple[str, ...] = ("RUS", "IRN", "CHN", "ISR", "USA")

#: Short English names for chart labels and tables.
NAMES = countries.NAMES  # one place for names: helpers.countries

#: Votes that count as "voted" under the agreement rule (``absent`` is left out).
VOTED: tuple[str, ...] = ("yes", "no", "abstain")


def name(code: str) -> str:
    """A state's short English name (the code itself if unknown)."""
    return NAMES.get(code, code)


def spread_labels(values: dict[str, float], min_gap: float) -> dict[str, float]:
    """Label positions for line ends: the values, pushed apart (in order) so that neighbours are
    at least ``min_gap`` apart, the group kept centred on the original values. Pure layout help
    for the end labels of line charts."""
    order = sorted(values, key=lambda k: values[k])
    pos = [values[k] for k in order]
    for _ in range(50):
        moved = False
        for i in range(1, len(pos)):
            gap = pos[i] - pos[i - 1]
            if gap < min_gap - 1e-12:
                shift = (min_gap - gap) / 2
                pos[i - 1] -= shift
                pos[i] += shift
                moved = True
        if not moved:
            break
    return dict(zip(order, pos))


def _label_ends(ax, wide: pd.DataFrame, labels: dict[str, str], min_gap: float) -> None:
    ends = {c: float(wide[c].dropna().iloc[-1]) for c in wide.columns}
    xs = {c: wide[c].dropna().index[-1] for c in wide.columns}
    for c, y in spread_labels(ends, min_gap).items():
        ax.annotate(labels[c], (xs[c], y), xytext=(6, 0), textcoords="offset points", va="center",
                    fontsize=10, color=style.colour(c), fontweight="bold")


# --------------------------------------------------------------------------- ideal points


def ideal_point_wide(ideal: pd.DataFrame, states: Sequence[str] = FOCUS, column: str = "ideal_point") -> pd.DataFrame:
    """Ideal points as a year × state frame (columns in the order of ``states``).

    ``column`` may be any numeric column of ``unga_ideal_points`` (e.g. ``q05``). Years in which a
    state has no estimate are ``NaN``.
    """
    sub = ideal[ideal["iso3"].isin(states)]
    wide = sub.pivot(index="year", columns="iso3", values=column).astype(float)
    wide = wide.reindex(columns=[s for s in states if s in wide.columns])
    wide.index = wide.index.astype(int)
    wide.index.name = "year"
    wide.columns.name = None
    return wide


def ideal_point_distance(ideal: pd.DataFrame, anchor: str, others: Sequence[str]) -> pd.DataFrame:
    """Absolute distance between ``anchor``'s ideal point and each of ``others``, per year.

    A smaller distance means the two states' estimated positions on the UNGA dimension are closer.
    """
    wide = ideal_point_wide(ideal, [anchor, *others])
    out = pd.DataFrame({o: (wide[anchor] - wide[o]).abs() for o in others if o in wide.columns})
    out.index.name = "year"
    return out


def distance_by_period(ideal: pd.DataFrame, anchor: str, others: Sequence[str],
                       periods: Sequence[tuple[int, int]]) -> pd.DataFrame:
    """Mean absolute ideal-point distance of ``anchor`` to each of ``others`` over year ranges.

    ``periods`` are inclusive ``(first, last)`` year pairs; the result has one row per period
    (labelled ``"first–last"``) and one column per other state, in the order given.
    """
    dist = ideal_point_distance(ideal, anchor, others)
    rows = {}
    for first, last in periods:
        label = f"{first}–{last}" if first != last else f"{first}"
        rows[label] = dist.loc[(dist.index >= first) & (dist.index <= last)].mean()
    out = pd.DataFrame(rows).T
    out.index.name = "period (session opening year)"
    return out


def plot_ideal_points(ideal: pd.DataFrame, title: str, source: str, alt: str,
                      states: Sequence[str] = FOCUS, since: int | None = None,
                      band: Sequence[str] = ("RUS", "IRN"), mark_year: int | None = None,
                      subtitle: str | None = None) -> None:
    """One line per state; a shaded 5–95% posterior band for the states in ``band``;
    an optional dotted vertical line at ``mark_year`` (e.g. the first session of the Russian
    Federation)."""
    wide = ideal_point_wide(ideal, states)
    lo, hi = ideal_point_wide(ideal, states, "q05"), ideal_point_wide(ideal, states, "q95")
    if since is not None:
        wide, lo, hi = (f.loc[f.index >= since] for f in (wide, lo, hi))
    fig, ax = style.figure("wide")
    for s in wide.columns:
        ax.plot(wide.index, wide[s], color=style.colour(s), linewidth=2, label=name(s))
        if s in band:
            ax.fill_between(wide.index, lo[s], hi[s], color=style.colour(s), alpha=0.15, linewidth=0)
    _label_ends(ax, wide, {c: name(c) for c in wide.columns}, min_gap=0.3)
    if mark_year is not None:
        ax.axvline(mark_year, color=style.PALETTE["grey"], linestyle=":", linewidth=1)
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_xlim(wide.index.min() - 0.5, wide.index.max() + 6)
    ax.set_xlabel("Year the UNGA session opened")
    ax.set_ylabel("Ideal point (higher = closer to the US)")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- agreement


def pair_agreement(votes: pd.DataFrame, a: str, b: str) -> dict[str, float | int]:
    """Agreement of states ``a`` and ``b`` on the recorded votes in ``votes``.

    Returns ``n_votes`` (recorded votes on which either appears), ``n_both_voted`` (both voted
    yes, no or abstain), ``n_identical`` (of those, the same vote) and ``agreement``
    (``n_identical / n_both_voted``; ``NaN`` when they never both voted). Absences are left out.
    """
    wide = votes[votes["iso3"].isin([a, b])].pivot(index="record_id", columns="iso3", values="vote")
    for s in (a, b):
        if s not in wide.columns:
            raise ValueError(f"state {s!r} has no votes in the frame")
    both = wide[a].isin(VOTED) & wide[b].isin(VOTED)
    same = both & (wide[a] == wide[b])
    n_both, n_same = int(both.sum()), int(same.sum())
    return {
        "n_votes": int(len(wide)),
        "n_both_voted": n_both,
        "n_identical": n_same,
        "agreement": n_same / n_both if n_both else float("nan"),
    }


def agreement_matrix(votes: pd.DataFrame, states: Sequence[str] = FOCUS) -> pd.DataFrame:
    """A symmetric state × state frame of pairwise agreement (diagonal 1.0), under the rule
    of :func:`pair_agreement`."""
    m = pd.DataFrame(np.eye(len(states)), index=list(states), columns=list(states))
    for a, b in combinations(states, 2):
        value = pair_agreement(votes, a, b)["agreement"]
        m.loc[a, b] = m.loc[b, a] = value
    m.index.name = None
    return m


def agreement_table(votes: pd.DataFrame, pairs: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """One row per pair: the pair's names, votes both cast, identical votes and agreement (%)."""
    rows = []
    for a, b in pairs:
        r = pair_agreement(votes, a, b)
        rows.append({
            "pair": f"{name(a)} – {name(b)}",
            "recorded votes": r["n_votes"],
            "both voted": r["n_both_voted"],
            "same vote": r["n_identical"],
            "agreement (%)": 100 * r["agreement"],
        })
    return pd.DataFrame(rows)


def vote_counts(votes: pd.DataFrame, states: Sequence[str] = FOCUS) -> pd.DataFrame:
    """How each state voted: counts of yes, no, abstain and absent (rows in ``states`` order)."""
    sub = votes[votes["iso3"].isin(states)]
    out = pd.crosstab(sub["iso3"], sub["vote"]).reindex(index=list(states), columns=[*VOTED, "absent"], fill_value=0)
    out.index = [name(s) for s in out.index]
    out.index.name = "state"
    out.columns.name = None
    return out


def plot_agreement_heatmap(matrix: pd.DataFrame, title: str, source: str, alt: str,
                           subtitle: str | None = None) -> None:
    """A lower-triangle heatmap of an :func:`agreement_matrix`, each cell labelled in per cent."""
    labels = [name(s) for s in matrix.index]
    values = matrix.to_numpy(dtype=float) * 100
    mask = np.triu(np.ones_like(values, dtype=bool))
    shown = np.ma.masked_array(values, mask=mask)
    fig, ax = style.figure("small")
    im = ax.imshow(shown, cmap="Blues", vmin=0, vmax=100)
    for i in range(len(labels)):
        for j in range(i):
            v = values[i, j]
            ax.text(j, i, f"{v:.0f}%", ha="center", va="center", fontsize=10,
                    color="white" if v >= 60 else "black")
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlim(-0.5, len(labels) - 1.5)
    ax.set_ylim(len(labels) - 0.5, 0.5)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("State")
    ax.set_ylabel("State")
    bar = fig.colorbar(im, ax=ax, shrink=0.85)
    bar.set_label("Agreement (% of votes both cast)")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def history_wide(history: pd.DataFrame, partners: Sequence[str], since: int | None = None) -> pd.DataFrame:
    """Russia's raw agreement (%) with each partner per session-opening year, year × partner."""
    sub = history[history["partner_iso3"].isin(partners)]
    if since is not None:
        sub = sub[sub["year"] >= since]
    wide = sub.pivot(index="year", columns="partner_iso3", values="agreement").astype(float) * 100
    wide = wide.reindex(columns=[p for p in partners if p in wide.columns])
    wide.index = wide.index.astype(int)
    wide.columns.name = None
    return wide


def plot_agreement_history(history: pd.DataFrame, partners: Sequence[str], title: str, source: str, alt: str,
                           since: int | None = None, subtitle: str | None = None) -> None:
    """Russia's raw agreement with each partner per session, one line per partner."""
    wide = history_wide(history, partners, since)
    fig, ax = style.figure("wide")
    for p in wide.columns:
        ax.plot(wide.index, wide[p], color=style.colour(p), linewidth=2, marker="o", markersize=3)
    _label_ends(ax, wide, {p: f"Russia–{name(p)}" for p in wide.columns}, min_gap=4.5)
    ax.set_ylim(0, 100)
    ax.set_xlim(wide.index.min() - 0.5, wide.index.max() + 5)
    ax.set_xlabel("Year the UNGA session opened")
    ax.set_ylabel("Same vote (% of roll calls both cast)")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
