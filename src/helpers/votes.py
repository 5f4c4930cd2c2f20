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

from collections.abc import Iterable, Sequence
from itertools import combinations
from math import comb

import numpy as np
import pandas as pd

from . import countries, style
from .agreement import VOTED, cohen_kappa, decided, pair_agreement  # the one agreement rule
from .labels import spread_labels

#: The states the collection follows in UN votes, in display order.
FOCUS: tuple[str, ...] = ("RUS", "IRN", "CHN", "ISR", "USA")

#: Short English names for chart labels and tables.
NAMES = countries.NAMES  # one place for names: helpers.countries


def name(code: str) -> str:
    """A state's short English name (the code itself if unknown)."""
    return NAMES.get(code, code)


def _label_ends(ax, wide: pd.DataFrame, labels: dict[str, str], min_gap: float) -> None:
    ends = {c: float(wide[c].dropna().iloc[-1]) for c in wide.columns}
    xs = {c: wide[c].dropna().index[-1] for c in wide.columns}
    for c, y in spread_labels(ends, min_gap).items():
        ax.annotate(
            labels[c],
            (xs[c], y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
            color=style.colour(c),
            fontweight="bold",
            annotation_clip=False,
        )


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


def distance_by_period(
    ideal: pd.DataFrame, anchor: str, others: Sequence[str], periods: Sequence[tuple[int, int]]
) -> pd.DataFrame:
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


def plot_ideal_points(
    ideal: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    states: Sequence[str] = FOCUS,
    since: int | None = None,
    band: Sequence[str] = ("RUS", "IRN"),
    mark_year: int | None = None,
    subtitle: str | None = None,
) -> None:
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
    ax.set_xlim(wide.index.min() - 0.5, wide.index.max() + 0.5)  # the axis stops at the data; labels sit outside
    ax.set_xlabel("Year the UNGA session opened")
    ax.set_ylabel("Ideal point (higher = closer to the US)")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- agreement


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
        rows.append(
            {
                "pair": f"{name(a)} – {name(b)}",
                "recorded votes": r["n_votes"],
                "both voted": r["n_both_voted"],
                "same vote": r["n_identical"],
                "agreement (%)": 100 * r["agreement"],
            }
        )
    return pd.DataFrame(rows)


def vote_counts(votes: pd.DataFrame, states: Sequence[str] = FOCUS) -> pd.DataFrame:
    """How each state voted: counts of yes, no, abstain and absent (rows in ``states`` order)."""
    sub = votes[votes["iso3"].isin(states)]
    out = pd.crosstab(sub["iso3"], sub["vote"]).reindex(index=list(states), columns=[*VOTED, "absent"], fill_value=0)
    out.index = [name(s) for s in out.index]
    out.index.name = "state"
    out.columns.name = None
    return out


def plot_agreement_heatmap(
    matrix: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None
) -> None:
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
            ax.text(j, i, f"{v:.0f}%", ha="center", va="center", fontsize=10, color="white" if v >= 60 else "black")
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


def plot_agreement_history(
    history: pd.DataFrame,
    partners: Sequence[str],
    title: str,
    source: str,
    alt: str,
    since: int | None = None,
    subtitle: str | None = None,
) -> None:
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


# --------------------------------------------------------------------------- chance-corrected agreement

#: Seed of the bootstrap over resolutions, so that intervals are the same on every run.
BOOT_SEED = 20251231
BOOT_DRAWS = 2000


def _codes(values: np.ndarray) -> np.ndarray:
    # small integer codes of the votes (position in VOTED), not the strings: the same
    # comparisons, many times faster
    code = {c: i for i, c in enumerate(VOTED)}
    return np.fromiter((code[v] for v in values), dtype=np.int8, count=len(values))


def _cluster_counts(xc: np.ndarray, yc: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per cluster: votes, identical votes and each side's count of every vote in VOTED."""
    _, g = np.unique(groups, return_inverse=True)
    k = int(g.max()) + 1 if len(g) else 0
    n = np.bincount(g, minlength=k).astype(float)
    same = np.bincount(g, weights=(xc == yc).astype(float), minlength=k)
    cx = np.stack([np.bincount(g, weights=(xc == i).astype(float), minlength=k) for i in range(len(VOTED))])
    cy = np.stack([np.bincount(g, weights=(yc == i).astype(float), minlength=k) for i in range(len(VOTED))])
    return n, same, cx, cy


def _boot_weights(k: int, draws: int, seed: int) -> np.ndarray:
    """``draws`` × ``k``: how often each of ``k`` clusters is drawn in each resample."""
    idx = np.random.default_rng(seed).integers(0, k, size=(draws, k))
    w = np.zeros((draws, k))
    np.add.at(w, (np.repeat(np.arange(draws), k), idx.ravel()), 1.0)
    return w


def _boot_agreement_kappa(w: np.ndarray, counts: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Raw agreement and kappa of every resample given cluster weights ``w``."""
    n, same, cx, cy = counts
    tot = w @ n
    p_o = (w @ same) / tot
    p_e = sum((w @ cx[i]) * (w @ cy[i]) for i in range(len(VOTED))) / tot**2
    with np.errstate(divide="ignore", invalid="ignore"):
        kap = np.where(p_e == 1.0, 1.0, (p_o - p_e) / (1 - p_e))
    return p_o, kap


def meeting_dates(votes: pd.DataFrame) -> pd.Series:
    """The date of each recorded vote (index ``record_id``): the cluster of the date-clustered
    bootstrap. A record with more than one date is an error."""
    dates = votes.groupby("record_id")["date"].nunique()
    bad = dates[dates > 1]
    if len(bad):
        raise ValueError(f"unga_votes_2025: record_id {bad.index[0]} has more than one date (column 'date')")
    return votes.drop_duplicates("record_id").set_index("record_id")["date"].astype(str)


#: The resampling units of :func:`pair_stats`: single resolutions, or every resolution adopted at
#: one meeting date together.
CLUSTERS: tuple[str, ...] = ("resolution", "date")


def pair_stats(
    votes: pd.DataFrame,
    a: str,
    b: str,
    draws: int = BOOT_DRAWS,
    seed: int = BOOT_SEED,
    cluster: str = "resolution",
) -> dict[str, float]:
    """Raw agreement and Cohen's kappa of ``a`` and ``b`` on the votes both cast, each with a 95%
    bootstrap interval (``draws`` resamples with replacement, fixed ``seed``).

    ``cluster="resolution"`` resamples single resolutions, as if each vote were independent;
    ``cluster="date"`` resamples meeting dates, keeping every resolution adopted the same day
    together (packages of resolutions adopted on one day are not independent draws)."""
    if cluster not in CLUSTERS:
        raise ValueError(f"cluster must be one of {CLUSTERS}, not {cluster!r}")
    d = decided(votes, a, b)
    x, y = d[a].to_numpy(), d[b].to_numpy()
    n = len(d)
    out: dict[str, float] = {
        "both voted": n,
        "same vote": int((x == y).sum()),
        "agreement": float(np.mean(x == y)) if n else float("nan"),
        "kappa": cohen_kappa(x.tolist(), y.tolist()),
    }
    if n:
        groups = np.arange(n) if cluster == "resolution" else meeting_dates(votes).reindex(d.index).to_numpy()
        counts = _cluster_counts(_codes(x), _codes(y), groups)
        agree, kap = _boot_agreement_kappa(_boot_weights(len(counts[0]), draws, seed), counts)
        out |= {
            "agreement_lo": float(np.quantile(agree, 0.025)),
            "agreement_hi": float(np.quantile(agree, 0.975)),
            "kappa_lo": float(np.nanquantile(kap, 0.025)),
            "kappa_hi": float(np.nanquantile(kap, 0.975)),
        }
    return out


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for ``b`` and ``c`` discordant pairs: the probability,
    under a fair coin over the ``b + c`` discordant pairs, of a split at least as uneven
    (twice the smaller tail, capped at 1; 1.0 when there are none)."""
    if b < 0 or c < 0:
        raise ValueError("discordant counts must be non-negative")
    m = b + c
    if m == 0:
        return 1.0
    tail = sum(comb(m, i) for i in range(min(b, c) + 1)) / 2**m
    return min(1.0, 2 * tail)


def paired_comparison(
    votes: pd.DataFrame,
    anchor: str,
    first: str,
    second: str,
    draws: int = BOOT_DRAWS,
    seed: int = BOOT_SEED,
) -> dict[str, float]:
    """Does ``anchor`` agree more with ``first`` than with ``second``? Compared on the *same*
    resolutions: those on which all three voted yes, no or abstain.

    Returns the shared votes, ``first_only`` (``first`` cast ``anchor``'s vote, ``second`` did
    not) and ``second_only`` (the reverse), the exact McNemar p-value on those discordant votes
    (:func:`mcnemar_exact`), the difference in raw agreement (``first − second``) and in Cohen's
    kappa, each with a 95% paired bootstrap interval (the shared resolutions resampled together,
    fixed ``seed``)."""
    wide = votes[votes["iso3"].isin([anchor, first, second])].pivot(index="record_id", columns="iso3", values="vote")
    for s in (anchor, first, second):
        if s not in wide.columns:
            raise ValueError(f"state {s!r} has no votes in the frame")
    shared = wide[wide[[anchor, first, second]].isin(VOTED).all(axis=1)]
    z, x, y = (_codes(shared[s].astype(str).to_numpy()) for s in (anchor, first, second))
    n = len(shared)
    fa, sa = z == x, z == y
    b, c = int((fa & ~sa).sum()), int((~fa & sa).sum())
    out: dict[str, float] = {"shared votes": n, "first_only": b, "second_only": c, "p_mcnemar": mcnemar_exact(b, c)}
    if not n:
        return out | {k: float("nan") for k in ("agreement_diff", "kappa_diff")}
    groups = np.arange(n)
    w = _boot_weights(n, draws, seed)
    a1, k1 = _boot_agreement_kappa(w, _cluster_counts(z, x, groups))
    a2, k2 = _boot_agreement_kappa(w, _cluster_counts(z, y, groups))
    da, dk = a1 - a2, k1 - k2
    k_first, k_second = (cohen_kappa(shared[anchor].tolist(), shared[s].tolist()) for s in (first, second))
    return out | {
        "agreement_diff": float(fa.mean() - sa.mean()),
        "agreement_diff_lo": float(np.quantile(da, 0.025)),
        "agreement_diff_hi": float(np.quantile(da, 0.975)),
        "kappa_diff": k_first - k_second,
        "kappa_diff_lo": float(np.nanquantile(dk, 0.025)),
        "kappa_diff_hi": float(np.nanquantile(dk, 0.975)),
    }


def paired_table(votes: pd.DataFrame, anchor: str, focus: str, others: Sequence[str]) -> pd.DataFrame:
    """One row per state of ``others`` (index: iso3): :func:`paired_comparison` of ``anchor``'s
    agreement with ``focus`` against its agreement with that state."""
    rows = {o: {"state": name(o), **paired_comparison(votes, anchor, focus, o)} for o in others}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "iso3"
    return out


def paired_display(table: pd.DataFrame, focus: str) -> pd.DataFrame:
    """:func:`paired_table` for reading: counts, the exact p-value and the gaps with their
    intervals as text (agreement in percentage points)."""
    return pd.DataFrame(
        {
            f"{name(focus)} against": table["state"],
            "shared votes": table["shared votes"].astype(int),
            f"only {name(focus)} matches": table["first_only"].astype(int),
            "only the other": table["second_only"].astype(int),
            "exact p": [f"{p:.3f}" for p in table["p_mcnemar"]],
            "gap, points (95%)": [
                f"{100 * d:+.1f} ({100 * lo:+.1f} to {100 * hi:+.1f})"
                for d, lo, hi in zip(table["agreement_diff"], table["agreement_diff_lo"], table["agreement_diff_hi"])
            ],
            "κ gap (95%)": [
                f"{d:+.2f} ({lo:+.2f} to {hi:+.2f})"
                for d, lo, hi in zip(table["kappa_diff"], table["kappa_diff_lo"], table["kappa_diff_hi"])
            ],
        }
    ).reset_index(drop=True)


def comparison(
    votes: pd.DataFrame, anchor: str, others: Sequence[str] | None = None, by_date: bool = False
) -> pd.DataFrame:
    """``anchor``'s agreement with every other state in ``votes`` (or ``others``): votes both cast,
    raw agreement (%) and Cohen's kappa, each with the low and high ends of its 95% bootstrap
    interval over resolutions; sorted by raw agreement (rank from 1). With ``by_date``, also the
    intervals from resampling meeting dates (columns ending ``(by date)``; :func:`pair_stats`)."""
    states = others if others is not None else sorted(set(votes["iso3"]) - {anchor})
    rows = []
    for s in states:
        r = pair_stats(votes, anchor, s)
        extra = {}
        if by_date:
            rd = pair_stats(votes, anchor, s, cluster="date")
            extra = {
                "agreement low (by date)": 100 * rd["agreement_lo"],
                "agreement high (by date)": 100 * rd["agreement_hi"],
                "kappa low (by date)": rd["kappa_lo"],
                "kappa high (by date)": rd["kappa_hi"],
            }
        rows.append(
            {
                "state": name(s),
                "iso3": s,
                "both voted": int(r["both voted"]),
                "same vote": int(r["same vote"]),
                "agreement (%)": 100 * r["agreement"],
                "agreement low": 100 * r["agreement_lo"],
                "agreement high": 100 * r["agreement_hi"],
                "kappa": r["kappa"],
                "kappa low": r["kappa_lo"],
                "kappa high": r["kappa_hi"],
                **extra,
            }
        )
    out = pd.DataFrame(rows).sort_values("agreement (%)", ascending=False, kind="mergesort").reset_index(drop=True)
    out.index = out.index + 1
    return out


def votes_to_change_order(votes: pd.DataFrame, anchor: str, first: str, second: str) -> int:
    """How many of ``first``'s identical votes with ``anchor`` would have to differ for ``second``
    to rank at least level on raw agreement (0 if ``second`` already ranks level or above)."""
    f, s = decided(votes, anchor, first), decided(votes, anchor, second)
    same_f, n_f = int((f[anchor] == f[first]).sum()), len(f)
    same_s, n_s = int((s[anchor] == s[second]).sum()), len(s)
    k = 0
    while same_f - k > 0 and (same_f - k) / n_f > same_s / n_s:
        k += 1
    return k


def plot_comparison(
    table: pd.DataFrame,
    anchor: str,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    highlight: Sequence[str] = ("IRN",),
) -> None:
    """Two panels, one row per state of :func:`comparison`: raw agreement (%) and Cohen's kappa,
    each with its 95% interval; ``highlight`` states drawn in their country colour."""
    t = table.iloc[::-1].reset_index(drop=True)
    y = np.arange(len(t))
    fig, (ax1, ax2) = style.figure("wide", ncols=2, sharey=True)
    for ax, col, scale in ((ax1, "agreement (%)", 1.0), (ax2, "kappa", 1.0)):
        base = col.split(" (")[0]
        for i, (_, r) in enumerate(t.iterrows()):
            c = style.colour(r["iso3"]) if r["iso3"] in highlight else style.PALETTE["grey"]
            lo, hi = r[f"{base} low"], r[f"{base} high"]
            ax.plot([lo, hi], [i, i], color=c, linewidth=2, solid_capstyle="butt")
            ax.plot(r[col] * scale, i, "o", color=c, markersize=6)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    ax1.set_yticks(y, t["state"])
    ax1.set_xlabel(f"Same vote as {name(anchor)}, % of votes both cast")
    ax2.set_xlabel("Cohen's kappa (0 = no more than chance)")
    ax2.axvline(0, color="#999999", linewidth=0.8)
    ax1.set_ylabel("State")
    ax2.set_ylabel("State")
    ax2.yaxis.label.set_visible(False)  # shared with the left panel
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def comparison_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`comparison` for reading: intervals as ``low–high`` text, kappa to two decimals."""
    out = table[["state", "both voted", "same vote", "agreement (%)"]].copy()
    out["95% interval"] = [f"{lo:.0f}–{hi:.0f}" for lo, hi in zip(table["agreement low"], table["agreement high"])]
    out["kappa"] = [f"{k:.2f}" for k in table["kappa"]]
    out["kappa 95% interval"] = [f"{lo:.2f} to {hi:.2f}" for lo, hi in zip(table["kappa low"], table["kappa high"])]
    if "agreement low (by date)" in table:
        out["95% interval, by meeting date"] = [
            f"{lo:.0f}–{hi:.0f}" for lo, hi in zip(table["agreement low (by date)"], table["agreement high (by date)"])
        ]
    return out
