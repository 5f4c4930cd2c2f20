"""A small, transparent model of Russia's choice when Iran is attacked.

**Everything in this module is an assumption, not a finding.** The options, the considerations,
the scores and the default weights are the project's stylised reading, written down so that a
reader can see them, change them and watch the answer change. They are not estimated from data.

Three options (:data:`OPTIONS`): intervene militarily; arm or aid Iran militarily short of
fighting (weapons, intelligence, supplies); words only (condemnation, diplomacy, mediation offers,
humanitarian gestures).

Four considerations (:data:`CONSIDERATIONS`), each with a non-negative **weight** = how much Russia
cares about it:

- ``iran_partnership`` — the value of the partnership with Iran (kept or strengthened by helping);
- ``israel_gulf`` — the cost of a break with Israel and the Gulf monarchies;
- ``us_escalation`` — the risk of escalation with the United States;
- ``ukraine_priority`` — the priority of the war in Ukraine (resources not to divert).

Each option has a **score** on each consideration (:data:`SCORES`, from −2 = works strongly against
it to +2 = serves it strongly). The utility of an option is ``Σ weight × score``; :func:`choose`
picks the option with the highest utility (ties go to the more cautious option, in the order
words only → arm or aid → intervene).
"""

from __future__ import annotations

import math
import textwrap
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from . import style

#: Options, from the most cautious to the most escalatory (the order breaks ties).
OPTIONS: tuple[str, ...] = ("words only", "arm or aid", "intervene militarily")
#: Considerations (the names of the weights).
CONSIDERATIONS: tuple[str, ...] = ("iran_partnership", "israel_gulf", "us_escalation", "ukraine_priority")
CONSIDERATION_LABELS: dict[str, str] = {
    "iran_partnership": "value of the Iran partnership",
    "israel_gulf": "cost of a break with Israel and the Gulf",
    "us_escalation": "risk of escalation with the United States",
    "ukraine_priority": "priority of the war in Ukraine",
}

#: ASSUMPTIONS, not findings: how well each option serves each consideration (−2 … +2).
#: Helping Iran more serves the partnership more (+2 for fighting, +1 for arms, −1 for words only,
#: which disappoints the partner); it also costs more with Israel and the Gulf, risks more with the
#: US and diverts more from Ukraine (−2, −1, 0). Words only keeps Russia's channels to Israel and
#: the Gulf open and its offer to mediate credible (+1).
SCORES: dict[str, dict[str, int]] = {
    "words only": {"iran_partnership": -1, "israel_gulf": 1, "us_escalation": 0, "ukraine_priority": 0},
    "arm or aid": {"iran_partnership": 1, "israel_gulf": -1, "us_escalation": -1, "ukraine_priority": -1},
    "intervene militarily": {"iran_partnership": 2, "israel_gulf": -2, "us_escalation": -2, "ukraine_priority": -2},
}
#: ASSUMPTION: the default weights (all considerations count the same).
DEFAULT_WEIGHTS: dict[str, float] = {c: 1.0 for c in CONSIDERATIONS}
#: Range of the sliders and of the sensitivity grid.
WEIGHT_RANGE: tuple[float, float] = (0.0, 5.0)
OPTION_COLOURS: dict[str, str] = {
    "words only": style.PALETTE["sky"],
    "arm or aid": style.PALETTE["orange"],
    "intervene militarily": style.PALETTE["vermillion"],
}


def scores_table(scores: Mapping[str, Mapping[str, float]] = SCORES) -> pd.DataFrame:
    """The assumed scores as a table: one row per consideration, one column per option."""
    rows = []
    for c in CONSIDERATIONS:
        row = {"consideration": CONSIDERATION_LABELS[c], "weight name": c}
        row.update({o: scores[o][c] for o in OPTIONS})
        rows.append(row)
    return pd.DataFrame(rows)


def check_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """The full set of weights: ``weights`` over :data:`DEFAULT_WEIGHTS`. Unknown names, negative,
    non-numeric or non-finite weights raise ``ValueError``."""
    weights = dict(weights or {})
    unknown = sorted(set(weights) - set(CONSIDERATIONS))
    if unknown:
        raise ValueError(f"unknown weight(s) {unknown}; the weights are {list(CONSIDERATIONS)}")
    out = dict(DEFAULT_WEIGHTS)
    for name, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(f"weight {name!r} must be a number, not {value!r}")
        if not math.isfinite(float(value)):
            raise ValueError(f"weight {name!r} must be finite, not {value!r}")
        if value < 0:
            raise ValueError(f"weight {name!r} must be zero or positive, not {value!r}")
        out[name] = float(value)
    return out


def utilities(weights: Mapping[str, float] | None = None,
              scores: Mapping[str, Mapping[str, float]] = SCORES) -> pd.Series:
    """Utility of each option: Σ weight × score (options in :data:`OPTIONS` order)."""
    w = check_weights(weights)
    return pd.Series({o: float(sum(w[c] * scores[o][c] for c in CONSIDERATIONS)) for o in OPTIONS},
                     name="utility")


def choose(weights: Mapping[str, float] | None = None,
           scores: Mapping[str, Mapping[str, float]] = SCORES) -> str:
    """The option with the highest utility; a tie goes to the more cautious option."""
    u = utilities(weights, scores)
    best = u.max()
    return next(o for o in OPTIONS if math.isclose(u[o], best, abs_tol=1e-9))


def decision_table(weights: Mapping[str, float] | None = None,
                   scores: Mapping[str, Mapping[str, float]] = SCORES) -> pd.DataFrame:
    """Per option: weighted score on each consideration, the utility, and which option is chosen."""
    w = check_weights(weights)
    chosen = choose(w, scores)
    rows = []
    for o in OPTIONS:
        row = {"option": o}
        row.update({CONSIDERATION_LABELS[c]: w[c] * scores[o][c] for c in CONSIDERATIONS})
        row["utility"] = sum(w[c] * scores[o][c] for c in CONSIDERATIONS)
        row["chosen"] = "◀ chosen" if o == chosen else ""
        rows.append(row)
    return pd.DataFrame(rows)


def sensitivity_grid(x: str, y: str, x_values: Iterable[float], y_values: Iterable[float],
                     fixed: Mapping[str, float] | None = None,
                     scores: Mapping[str, Mapping[str, float]] = SCORES) -> pd.DataFrame:
    """The chosen option over a grid of two weights, the others held at ``fixed`` (defaults
    otherwise). Rows: values of ``y`` (index named ``y``); columns: values of ``x``."""
    if x == y:
        raise ValueError("choose two different weights for the grid")
    for name in (x, y):
        if name not in CONSIDERATIONS:
            raise ValueError(f"unknown weight {name!r}; the weights are {list(CONSIDERATIONS)}")
    base = check_weights(fixed)
    xs, ys = [float(v) for v in x_values], [float(v) for v in y_values]
    check_weights({x: min(xs), y: min(ys)})  # negative or non-finite grid values are refused too
    check_weights({x: max(xs), y: max(ys)})
    wx, wy = np.meshgrid(np.array(xs), np.array(ys))
    weights = {c: np.full(wx.shape, base[c]) for c in CONSIDERATIONS}
    weights[x], weights[y] = wx, wy
    utils = np.stack([sum(weights[c] * scores[o][c] for c in CONSIDERATIONS) for o in OPTIONS])
    best = np.argmax(np.round(utils, 9), axis=0)  # first maximum = the more cautious option on a tie
    grid = np.array(OPTIONS, dtype=object)[best]
    return pd.DataFrame(grid, index=pd.Index(ys, name=y), columns=pd.Index(xs, name=x))


def grid_shares(grid: pd.DataFrame) -> pd.Series:
    """Share of the grid's cells won by each option (options in :data:`OPTIONS` order)."""
    counts = pd.Series(grid.to_numpy().ravel()).value_counts()
    return pd.Series({o: round(float(counts.get(o, 0)) / grid.size, 3) for o in OPTIONS}, name="share of grid")


def show_choice(iran_partnership: float = 1.0, israel_gulf: float = 1.0, us_escalation: float = 1.0,
                ukraine_priority: float = 1.0) -> None:
    """Display the decision table for these weights (what the sliders call)."""
    w = dict(iran_partnership=iran_partnership, israel_gulf=israel_gulf, us_escalation=us_escalation,
             ukraine_priority=ukraine_priority)
    style.show_table(decision_table(w), caption=f"The model chooses: {choose(w)}",
                     source="Model assumptions: helpers.models.SCORES (not findings).")


def slider_ranges(step: float = 0.25) -> dict[str, tuple[float, float, float]]:
    """``ipywidgets.interactive`` abbreviations (min, max, step) for each weight."""
    lo, hi = WEIGHT_RANGE
    return {c: (lo, hi, step) for c in CONSIDERATIONS}


def plot_sensitivity(grid: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None,
                     marks: Mapping[str, tuple[float, float]] | None = None) -> None:
    """Region map: which option wins at each point of a two-weight grid (colour and hatch per option)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    code = {o: i for i, o in enumerate(OPTIONS)}
    values = grid.apply(lambda col: col.map(code)).astype(int).to_numpy()
    xs, ys = grid.columns.to_numpy(dtype=float), grid.index.to_numpy(dtype=float)
    dx = (xs[1] - xs[0]) / 2 if len(xs) > 1 else 0.5
    dy = (ys[1] - ys[0]) / 2 if len(ys) > 1 else 0.5
    fig, ax = style.figure("wide")
    cmap = ListedColormap([OPTION_COLOURS[o] for o in OPTIONS])
    ax.imshow(values, origin="lower", cmap=cmap, vmin=-0.5, vmax=len(OPTIONS) - 0.5, aspect="auto",
              extent=(xs[0] - dx, xs[-1] + dx, ys[0] - dy, ys[-1] + dy), interpolation="nearest")
    hatches = {"words only": "", "arm or aid": "..", "intervene militarily": "//"}
    for o in OPTIONS:
        if hatches[o] and (values == code[o]).any():
            ax.contourf(xs, ys, (values == code[o]).astype(float), levels=[0.5, 1.5], colors="none",
                        hatches=[hatches[o]])
    for label, (mx, my) in (marks or {}).items():
        ax.scatter([mx], [my], s=70, marker="o", facecolor="white", edgecolor="black", zorder=3)
        ax.annotate(label, (mx, my), xytext=(8, 6), textcoords="offset points", fontsize=9,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    ax.set_xlabel(f"Weight: {CONSIDERATION_LABELS[grid.columns.name]}")
    ax.set_ylabel(textwrap.fill(f"Weight: {CONSIDERATION_LABELS[grid.index.name]}", 28))
    ax.grid(False)
    handles = [Patch(facecolor=OPTION_COLOURS[o], hatch=hatches[o], edgecolor="#333333", label=o) for o in OPTIONS]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), title="Model's choice")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
