"""Russia's choice when a partner is attacked: a Monte Carlo over stated ranges, calibrated on
earlier episodes.

**Inputs, not findings.** The considerations, the options' scores on them and the weights are
the project's stated judgements, each consideration tied to sourced events in
``data/choice_considerations.csv`` (one row per consideration and option: score range, weight
range, event and source ids, rationale). Which considerations bear on an episode, and what Russia
did, is in ``data/choice_episodes.csv``. Weights are not estimated from data: they are ranges a
reader can dispute, and the Monte Carlo shows how much the answer depends on them.

The model: for each draw, every weight is drawn uniformly from its range and every score from
its range, independently; an option's utility is ``Σ weight × score`` over the considerations
present in the episode; the option with the highest utility is chosen (a tie goes to the more
cautious option, in :data:`OPTIONS` order). Over ``n`` seeded draws the model reports the share
of draws won by each option.

Calibration: the ``calibration`` episodes (before 2025) are scored with the same inputs, beside
naive forecasts (:func:`scorecard`: always *words only*, a uniform third each, the calibration
base rate). The episodes with role ``test`` (June 2025, March 2026) are **not** out of sample: the
considerations, the episodes and this module were written after both wars, so they are an
in-sample check (:data:`ROLE_SHORT`). ``data/choice_record.csv`` only freezes the model's call on
them: a test fails if that call changes without the record.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Options, from the most cautious to the most escalatory (the order breaks ties).
OPTIONS: tuple[str, ...] = ("words only", "arm or aid", "intervene militarily")

#: Names of the episode roles in ``data/choice_episodes.csv`` as charts and tables show them: the
#: ``test`` episodes were coded, with the model's inputs, after their outcome was known.
ROLE_SHORT: dict[str, str] = {"calibration": "calibration", "test": "in-sample check"}

#: Named weightings shown on the static page: consideration → (low, high) weight range that
#: replaces the stated range. Each is a question a reader may ask, not an estimate.
NAMED_WEIGHTINGS: dict[str, dict[str, tuple[float, float]]] = {
    "stated ranges": {},
    "Iran first": {"partner_value": (2.0, 3.0), "reciprocity": (2.0, 3.0)},
    "Israel and the Gulf discounted": {
        "israel_ties": (0.0, 0.25),
        "gulf_ties": (0.0, 0.25),
        "gulf_under_fire": (0.0, 0.25),
    },
    "as if the treaty had a defence clause": {"defence_obligation": (1.0, 2.0)},
    "no war in Ukraine": {"ukraine_war": (0.0, 0.0), "reciprocity": (0.0, 0.0)},
}


@dataclass(frozen=True)
class Inputs:
    """Validated model inputs: labels, weight ranges and score ranges (option order fixed)."""

    labels: dict[str, str]
    weights: dict[str, tuple[float, float]]
    scores: dict[str, np.ndarray]  # consideration → array (options, 2): low, high

    @property
    def names(self) -> list[str]:
        return list(self.labels)


def inputs_from_table(table: pd.DataFrame, file: str = "choice_considerations.csv") -> Inputs:
    """Check the considerations table and turn it into :class:`Inputs`.

    Errors name the file, the row (1 = first data row) and the column: an unknown or missing
    option, a low above its high, a negative weight, weight ranges that differ between the rows of
    one consideration."""
    labels: dict[str, str] = {}
    weights: dict[str, tuple[float, float]] = {}
    scores: dict[str, dict[str, tuple[float, float]]] = {}
    for i, rec in enumerate(table.to_dict("records"), start=1):
        cid, option = str(rec["consideration_id"]), str(rec["option"])
        if option not in OPTIONS:
            raise ValueError(f"{file}, row {i}, column option: {option!r} is not one of {list(OPTIONS)}")
        for lo_col, hi_col in (("score_low", "score_high"), ("weight_low", "weight_high")):
            if float(rec[lo_col]) > float(rec[hi_col]):
                raise ValueError(f"{file}, row {i}, column {lo_col}: {rec[lo_col]} is above {hi_col} {rec[hi_col]}")
        if float(rec["weight_low"]) < 0:
            raise ValueError(f"{file}, row {i}, column weight_low: weights cannot be negative ({rec['weight_low']})")
        w = (float(rec["weight_low"]), float(rec["weight_high"]))
        if cid in weights and weights[cid] != w:
            raise ValueError(
                f"{file}, row {i}, column weight_low: consideration {cid!r} has weight range "
                f"{w}, but an earlier row gives {weights[cid]}"
            )
        weights[cid] = w
        labels.setdefault(cid, str(rec["label"]))
        if option in scores.setdefault(cid, {}):
            raise ValueError(f"{file}, row {i}, column option: {cid!r} / {option!r} appears twice")
        scores[cid][option] = (float(rec["score_low"]), float(rec["score_high"]))
    for cid, by_option in scores.items():
        missing = [o for o in OPTIONS if o not in by_option]
        if missing:
            raise ValueError(f"{file}, column option: consideration {cid!r} has no row for {missing}")
    return Inputs(labels, weights, {c: np.array([s[o] for o in OPTIONS]) for c, s in scores.items()})


def _present(inputs: Inputs, present: Iterable[str]) -> list[str]:
    present = list(present)
    unknown = [c for c in present if c not in inputs.labels]
    if unknown:
        raise ValueError(f"unknown consideration(s) {unknown}; known: {inputs.names}")
    if not present:
        raise ValueError("an episode needs at least one consideration")
    return present


class _Draws:
    """The seeded draws of :func:`simulate` for one set of inputs, ``n`` and ``seed``, made once.

    :func:`simulate` draws, for every consideration in :attr:`Inputs.names` order, its weight
    (``n`` × 1) and then its scores (``n`` × options) from one seeded stream. A named weighting
    only changes the range a weight is drawn from, never how many numbers are drawn, so every
    call with the same inputs, ``n`` and ``seed`` reads the same stream: the scores are the same
    arrays, and a weight drawn from another range is drawn again from the stream's state saved
    just before that weight (the same call on the same numbers, so the same result, bit for bit)."""

    def __init__(self, inputs: Inputs, n: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.n = n
        self.states: dict[str, Mapping[str, Any]] = {}
        self.weights: dict[tuple[str, float, float], np.ndarray] = {}
        self.scores: dict[str, np.ndarray] = {}
        for c in inputs.names:
            self.states[c] = rng.bit_generator.state
            lo, hi = inputs.weights[c]
            self.weights[c, lo, hi] = rng.uniform(lo, hi, size=(n, 1))
            self.scores[c] = rng.uniform(inputs.scores[c][:, 0], inputs.scores[c][:, 1], size=(n, len(OPTIONS)))
        self.bit_generator = type(rng.bit_generator)

    def weight(self, c: str, lo: float, hi: float) -> np.ndarray:
        """Consideration ``c``'s weights drawn from [``lo``, ``hi``] at its place in the stream."""
        key = (c, lo, hi)
        if key not in self.weights:
            bits = self.bit_generator()
            bits.state = self.states[c]
            self.weights[key] = np.random.Generator(bits).uniform(lo, hi, size=(self.n, 1))
        return self.weights[key]


#: Draws kept for the last few (inputs, n, seed): a notebook simulates the same inputs many times.
_DRAWS: dict[tuple, _Draws] = {}
_DRAWS_KEPT = 4


def _draws(inputs: Inputs, n: int, seed: int) -> _Draws:
    key = (
        n,
        seed,
        tuple((c, inputs.weights[c], inputs.scores[c].shape, inputs.scores[c].tobytes()) for c in inputs.names),
    )
    if key not in _DRAWS:
        while len(_DRAWS) >= _DRAWS_KEPT:
            del _DRAWS[next(iter(_DRAWS))]
        _DRAWS[key] = _Draws(inputs, n, seed)
    return _DRAWS[key]


def simulate(
    inputs: Inputs,
    present: Iterable[str],
    n: int = 4000,
    seed: int = 0,
    overrides: Mapping[str, tuple[float, float]] | None = None,
) -> pd.Series:
    """Share of ``n`` seeded draws won by each option (options in :data:`OPTIONS` order).

    ``overrides`` replaces the weight range of some considerations (a named weighting)."""
    present = _present(inputs, present)
    if n < 1:
        raise ValueError(f"n must be a positive number of draws, not {n}")
    overrides = dict(overrides or {})
    ranges = {}
    for c in inputs.names:
        lo, hi = overrides.get(c, inputs.weights[c])
        if lo < 0 or lo > hi:
            raise ValueError(f"weight range for {c!r} must satisfy 0 <= low <= high, not {(lo, hi)}")
        ranges[c] = (lo, hi)
    # Every consideration is drawn in a fixed order (see _Draws), so that adding one to an
    # episode does not reshuffle the others; the draws are made once per inputs, n and seed.
    draws = _draws(inputs, n, seed)
    utility = np.zeros((n, len(OPTIONS)))
    for c in inputs.names:
        if c in present:
            utility += draws.weight(c, *ranges[c]) * draws.scores[c]
    best = np.argmax(np.round(utility, 9), axis=1)  # first maximum = the more cautious option
    counts = np.bincount(best, minlength=len(OPTIONS))
    return pd.Series(np.round(counts / n, 4), index=list(OPTIONS), name="share of draws")


def episode_shares(
    inputs: Inputs,
    episodes: pd.DataFrame,
    n: int = 4000,
    seed: int = 0,
    overrides: Mapping[str, tuple[float, float]] | None = None,
) -> pd.DataFrame:
    """One row per episode: the share of draws for each option, the model's modal call, what
    Russia did (and the contested reading where there is one) and whether the call matches."""
    rows = []
    for rec in episodes.to_dict("records"):
        shares = simulate(inputs, str(rec["considerations"]).split(";"), n=n, seed=seed, overrides=overrides)
        modal = str(shares.idxmax())
        contested = rec.get("contested_option")
        contested = "" if contested is None or pd.isna(contested) else str(contested)
        rows.append(
            {
                "episode_id": rec["episode_id"],
                "episode": rec["label"],
                "role": rec["role"],
                "considerations": ";".join(sorted(str(rec["considerations"]).split(";"))),
                **shares.to_dict(),
                "model's call": modal,
                "observed": rec["observed_option"],
                "contested reading": contested,
                "share on observed": float(shares[rec["observed_option"]]),
                "match": modal == rec["observed_option"],
            }
        )
    return pd.DataFrame(rows)


def _brier(probs: np.ndarray, observed: Iterable[str]) -> float:
    truth = np.array([[1.0 if o == obs else 0.0 for o in OPTIONS] for obs in observed])
    return float(((probs - truth) ** 2).sum(axis=1).mean())


def naive_forecasts(table: pd.DataFrame, base_role: str = "calibration") -> dict[str, np.ndarray]:
    """Forecasts that need no model, as option shares (in :data:`OPTIONS` order): always
    *words only*, a uniform third each, and the base rate of what Russia did in the
    ``base_role`` episodes."""
    base = table.loc[table["role"] == base_role, "observed"]
    if base.empty:
        raise ValueError(f"no {base_role!r} episodes to take a base rate from")
    rate = np.array([(base == o).mean() for o in OPTIONS])
    ratio = ":".join(str(int((base == o).sum())) for o in OPTIONS if (base == o).any())
    return {
        "always 'words only'": np.array([1.0, 0.0, 0.0]),
        "uniform (a third each)": np.full(len(OPTIONS), 1 / len(OPTIONS)),
        f"calibration base rate ({ratio})": rate,
    }


def scorecard(table: pd.DataFrame, base_role: str = "calibration") -> pd.DataFrame:
    """The model beside the :func:`naive_forecasts`, per role: episodes, distinct input sets
    (episodes with the same considerations and outcome count once), modal-call matches over the
    episodes and over the distinct input sets (empty where the forecast has no single modal
    call), the mean share on what happened and the Brier score (0 = perfect, lower is better).
    Roles are named by :data:`ROLE_SHORT`; "—" where a forecast has no single modal call."""
    naive = naive_forecasts(table, base_role)
    rows = []
    for role, part in table.groupby("role", sort=False):
        distinct = part.drop_duplicates(["considerations", "observed"])
        forecasts: dict[str, np.ndarray] = {"the model": part[list(OPTIONS)].to_numpy(dtype=float)}
        forecasts.update({k: np.tile(v, (len(part), 1)) for k, v in naive.items()})
        for name, probs in forecasts.items():
            top = probs.max(axis=1, keepdims=True)
            single = (np.isclose(probs, top).sum(axis=1) == 1).all()
            calls = np.array(OPTIONS)[probs.argmax(axis=1)]
            hit = pd.Series(calls == part["observed"].to_numpy(), index=part.index)
            observed_idx = [OPTIONS.index(o) for o in part["observed"]]
            rows.append(
                {
                    "episodes": ROLE_SHORT.get(str(role), str(role)),
                    "forecast": name,
                    "n": len(part),
                    "distinct inputs": len(distinct),
                    "matches": int(hit.sum()) if single else "—",
                    "matches, distinct inputs": int(hit[distinct.index].sum()) if single else "—",
                    "mean share on observed": round(float(probs[np.arange(len(part)), observed_idx].mean()), 3),
                    "Brier score": round(_brier(probs, part["observed"]), 3),
                }
            )
    return pd.DataFrame(rows)


def named_weightings(
    inputs: Inputs,
    episodes: pd.DataFrame,
    n: int = 4000,
    seed: int = 0,
    weightings: Mapping[str, Mapping[str, tuple[float, float]]] = NAMED_WEIGHTINGS,
) -> pd.DataFrame:
    """The model's shares for every episode under each named weighting (long format)."""
    frames = []
    for name, overrides in weightings.items():
        t = episode_shares(inputs, episodes, n=n, seed=seed, overrides=overrides)
        t.insert(0, "weighting", name)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def flipped(named: pd.DataFrame, episode_id: str, baseline: str = "stated ranges") -> dict[str, str]:
    """The named weightings under which the model's call for ``episode_id`` differs from its call
    under ``baseline``: weighting → the call it makes (in the table's order)."""
    rows = named[named["episode_id"] == episode_id].set_index("weighting")["model's call"]
    if baseline not in rows.index:
        raise KeyError(f"no {baseline!r} row for episode {episode_id!r}")
    return {w: c for w, c in rows.items() if w != baseline and c != rows[baseline]}


def one_at_a_time(inputs: Inputs, present: Iterable[str], n: int = 4000, seed: int = 0) -> pd.DataFrame:
    """For each consideration present: the share of 'words only' with its weight pinned at the
    low end and at the high end of its range, the other inputs drawn as usual."""
    present = _present(inputs, present)
    rows = []
    for c in present:
        lo, hi = inputs.weights[c]
        at_lo = simulate(inputs, present, n=n, seed=seed, overrides={c: (lo, lo)})
        at_hi = simulate(inputs, present, n=n, seed=seed, overrides={c: (hi, hi)})
        rows.append(
            {
                "consideration": inputs.labels[c],
                "weight low": lo,
                "weight high": hi,
                "words only at low": float(at_lo["words only"]),
                "words only at high": float(at_hi["words only"]),
            }
        )
    return pd.DataFrame(rows)


def record(table: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """The frozen record of the model's call on the episodes with role ``test`` (the in-sample
    check: written with the inputs after the outcome), as stored in ``data/choice_record.csv``:
    one row per episode and option."""
    test = table[table["role"] == "test"]
    rows = [
        {"episode_id": r["episode_id"], "option": o, "share": r[o], "draws": n, "seed": seed}
        for r in test.to_dict("records")
        for o in OPTIONS
    ]
    return pd.DataFrame(rows, columns=["episode_id", "option", "share", "draws", "seed"])


def record_differences(stored: pd.DataFrame, recomputed: pd.DataFrame, tolerance: float = 1e-9) -> list[str]:
    """What differs between the stored record and a recomputation (empty list: they agree)."""
    key = ["episode_id", "option"]
    a = stored.set_index(key)["share"].astype(float)
    b = recomputed.set_index(key)["share"].astype(float)
    out = [f"{k[0]} / {k[1]}: only in the stored record" for k in a.index.difference(b.index)]
    out += [f"{k[0]} / {k[1]}: only in the recomputation" for k in b.index.difference(a.index)]
    for k in a.index.intersection(b.index):
        if abs(a[k] - b[k]) > tolerance:
            out.append(f"{k[0]} / {k[1]}: stored share {a[k]}, recomputed {b[k]}")
    return out


def option_colours() -> dict[str, str]:
    """House colours of the three options."""
    from . import style

    return {
        "words only": style.PALETTE["sky"],
        "arm or aid": style.PALETTE["orange"],
        "intervene militarily": style.PALETTE["vermillion"],
    }


def _stacked(ax, frame: pd.DataFrame, labels: list[str]) -> None:
    colours = option_colours()
    hatches = {"words only": "", "arm or aid": "..", "intervene militarily": "//"}
    ys = np.arange(len(frame))[::-1]
    left = np.zeros(len(frame))
    for o in OPTIONS:
        vals = frame[o].to_numpy(dtype=float)
        ax.barh(ys, vals, left=left, color=colours[o], hatch=hatches[o], edgecolor="white", label=o, height=0.7)
        left += vals
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of draws")


def _did(rec: Mapping[str, object]) -> str:
    """What Russia did, as the chart writes it beside an episode's bar."""
    contested = rec.get("contested reading")
    return f"did: {rec['observed']}" + (f" (contested: {contested})" if contested else "")


def _shares(rec: Mapping[str, object]) -> str:
    return ", ".join(f"{o} {float(rec[o]):.0%}" for o in OPTIONS)  # type: ignore[arg-type]


def episode_shares_alt(table: pd.DataFrame) -> str:
    """Alt text of :func:`plot_episode_shares`: every episode's three shares and what Russia did
    (with the contested reading), as the chart shows them."""
    from . import style

    return (
        "Stacked horizontal bars, one per episode, of the share of draws won by "
        + style.listed(OPTIONS)
        + ", with what Russia did written beside each bar. "
        + "; ".join(f"{r['episode']}: {_shares(r)} ({_did(r)})" for r in table.to_dict("records"))
        + "."
    )


def weightings_alt(table: pd.DataFrame, episodes: Iterable[str]) -> str:
    """Alt text of :func:`plot_weightings`: per panel (named as the chart names it), every
    weighting's share of each of the three options."""
    from . import style

    parts = []
    for ep in episodes:
        part = table[table["episode_id"] == ep]
        if part.empty:
            raise KeyError(f"no rows for episode {ep!r}")
        rows = "; ".join(f"{r['weighting']}: {_shares(r)}" for r in part.to_dict("records"))
        parts.append(f"Panel '{part['episode'].iloc[0]}': {rows}.")
    n = len(parts)
    return (
        f"{'One panel' if n == 1 else f'{n} panels'} of stacked horizontal bars, one bar per named weighting, of "
        "the share of draws won by " + style.listed(OPTIONS) + ". " + " ".join(parts)
    )


def plot_episode_shares(table: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Stacked bars: the share of draws won by each option, one bar per episode, with what
    Russia did (and the contested reading) written at the bar's end."""
    import textwrap

    from . import style

    fig, ax = style.figure("wide")
    tags = {r: f"[{ROLE_SHORT.get(r, r)}]".replace(" ", "\u00a0") for r in table["role"]}  # a tag is never split
    labels = [
        textwrap.fill(f"{r['episode']} {tags[r['role']]}", 44, break_on_hyphens=False) for r in table.to_dict("records")
    ]
    _stacked(ax, table, labels)
    ys = np.arange(len(table))[::-1]
    for y, rec in zip(ys, table.to_dict("records")):
        note = _did(rec)
        ax.annotate(
            note, (1.0, y), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8.5, annotation_clip=False
        )
    ax.set_ylabel("Episode")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, title="Model's choice in a draw")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_weightings(
    table: pd.DataFrame, episodes: Iterable[str], title: str, source: str, alt: str, subtitle: str | None = None
) -> None:
    """For each named weighting, stacked option shares in the given episodes (one panel each)."""
    from . import style

    episodes = list(episodes)
    fig, axes = style.figure("tall", nrows=len(episodes), sharex=True)
    axes = np.atleast_1d(axes)
    for ax, ep in zip(axes, episodes):
        part = table[table["episode_id"] == ep]
        _stacked(ax, part, list(part["weighting"]))
        ax.set_title(str(part["episode"].iloc[0]), loc="left", fontsize=10.5)
        ax.set_ylabel("Weighting")
    axes[-1].legend(loc="upper center", bbox_to_anchor=(0.35, -0.22), ncol=3, title="Model's choice in a draw")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def _range(lo: float, hi: float) -> str:
    return f"{lo:+g}" if lo == hi else f"{lo:+g} to {hi:+g}"


def inputs_table(table: pd.DataFrame) -> pd.DataFrame:
    """The considerations table wide, for reading: one row per consideration with its weight
    range, each option's score range, the events it rests on and its ``confidence``
    (:func:`helpers.reliability.strongest`: ``low`` when every row of the consideration rests only on
    low-confidence sources)."""
    from . import reliability

    inputs = inputs_from_table(table)
    events = table.groupby("consideration_id", sort=False)["event_ids"].first()
    marks = reliability.strongest(table, "consideration_id")
    rows = []
    for c in inputs.names:
        lo, hi = inputs.weights[c]
        row = {"consideration": inputs.labels[c], "weight": f"{lo:g}" if lo == hi else f"{lo:g} to {hi:g}"}
        row.update({f"score: {o}": _range(*inputs.scores[c][i]) for i, o in enumerate(OPTIONS)})
        ev = events.get(c)
        row["events"] = "" if ev is None or pd.isna(ev) else str(ev).replace(";", ", ")
        row["confidence"] = marks.get(str(c), "—")
        rows.append(row)
    return pd.DataFrame(rows)


def episodes_table(episodes: pd.DataFrame, inputs: Inputs) -> pd.DataFrame:
    """The episodes for reading: role, considerations in words, what Russia did."""
    rows = []
    for rec in episodes.to_dict("records"):
        contested = rec.get("contested_option")
        rows.append(
            {
                "episode": rec["label"],
                "role": ROLE_SHORT.get(rec["role"], rec["role"]),
                "considerations": "; ".join(inputs.labels[c] for c in str(rec["considerations"]).split(";")),
                "what Russia did (coded)": rec["observed_option"],
                "contested reading": "" if contested is None or pd.isna(contested) else str(contested),
            }
        )
    return pd.DataFrame(rows)


# --- sliders (JupyterLab): one point of the model -------------------------------------------
# The Monte Carlo above draws weights and scores from their ranges; the sliders show a single
# point instead: the weights a reader sets, every score at the middle of its range. The static
# page shows the Monte Carlo results; the sliders are for exploring in JupyterLab.


def point_table(inputs: Inputs, present: list[str], weights: Mapping[str, float]) -> pd.DataFrame:
    """Per option: weight × midpoint score on each consideration present, the utility and the
    choice (ties to the more cautious option). Missing weights take the middle of their range;
    a negative or non-finite weight is refused."""
    w = {}
    for c in present:
        lo, hi = inputs.weights[c]
        value = float(weights.get(c, (lo + hi) / 2))
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"weight {c!r} must be a finite number >= 0, not {value!r}")
        w[c] = value
    mid = {c: inputs.scores[c].mean(axis=1) for c in present}
    rows = []
    for i, option in enumerate(OPTIONS):
        row = {"option": option}
        row.update({inputs.labels[c]: round(w[c] * mid[c][i], 3) for c in present})
        row["utility"] = round(sum(w[c] * mid[c][i] for c in present), 3)
        rows.append(row)
    out = pd.DataFrame(rows)
    best = int(np.argmax(np.round(out["utility"].to_numpy(), 9)))
    out["chosen"] = ["◀ chosen" if i == best else "" for i in range(len(out))]
    return out


def slider_widgets(inputs: Inputs, episodes: pd.DataFrame, top: float = 3.0, step: float = 0.25) -> dict[str, Any]:
    """The controls to pass, as keyword arguments, to ``ipywidgets.interactive`` with
    :func:`slider_view`: a menu of the episodes by their labels (the value passed on is the
    episode id) and one slider per consideration's weight, labelled in words, from 0 to ``top``
    in steps of ``step``, starting at the middle of the weight range the model draws from
    (rounded to the step)."""
    import ipywidgets

    wide = {"description_width": "initial"}
    controls: dict[str, Any] = {
        "episode": ipywidgets.Dropdown(
            options=[(str(r["label"]), str(r["episode_id"])) for r in episodes.to_dict("records")],
            description="Episode",
            style=wide,
            layout=ipywidgets.Layout(width="95%"),
        )
    }
    for name in inputs.names:
        low, high = inputs.weights[name]
        controls[name] = ipywidgets.FloatSlider(
            value=min(top, round((low + high) / 2 / step) * step),
            min=0.0,
            max=top,
            step=step,
            description=f"Weight: {inputs.labels[name]}",
            style=wide,
            layout=ipywidgets.Layout(width="95%"),
        )
    return controls


def slider_view(inputs: Inputs, episodes: pd.DataFrame) -> Callable[..., None]:
    """The function the sliders call: ``view(episode=<id>, **weights)`` shows the point table
    for that episode's considerations (weights of other considerations are ignored)."""
    by_id = {r["episode_id"]: r for r in episodes.to_dict("records")}

    def view(episode: str, **weights: float) -> None:
        rec = by_id[episode]
        present = str(rec["considerations"]).split(";")
        table = point_table(inputs, present, weights)
        chosen = table.loc[table["chosen"] != "", "option"].iloc[0]
        from . import style

        style.show_table(
            table,
            caption=f"{rec['label']}: with these weights the model chooses {chosen}",
            source="Model inputs: data/choice_considerations.csv (scores at the middle of their ranges).",
        )

    return view
