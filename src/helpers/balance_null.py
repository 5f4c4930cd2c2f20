"""Structural balance that survives a null: strong and weak balance, a seeded sign-permutation
null, the coding of one tie varied, pair coverage, and strict evidence windows.

Works on the signed graphs of :mod:`helpers.networks` (one ``networkx.Graph`` per period, each
edge with ``sign`` in {-1, 0, +1}).

Definitions (each pinned by tests):

- a **complete triad** has three coded ties, all ±1 (a triad with a 0 tie has no sign and is
  left open, as in :mod:`helpers.networks`);
- **strong balance** (Heider; Cartwright and Harary): the product of the three signs is positive
  (+ + + or + − −); unbalanced are + + − and − − −;
- **weak balance** (Davis 1967, clusterability): only a triad with exactly one negative tie
  (+ + −) is unbalanced; an all-negative triad (− − −) is weakly balanced, because three mutually
  hostile actors can sit in three camps;
- **sign-permutation null**: keep which pairs are coded, and which are 0, and shuffle the ±1 signs
  among the coded ±1 pairs (so the numbers of + and − ties are kept). The p-value is the share of
  permutations with *at most* as many unbalanced triads as observed. When the distinct sign
  arrangements (``C(ties, negative ties)``) are few (at most ``exact_limit``, 20,000 by default)
  they are all enumerated and p is exact (each arrangement equally likely; the observed one is
  among them, so p > 0); otherwise ``n`` seeded permutations give the Monte Carlo p with the usual
  +1 correction, ``p = (1 + #{null ≤ observed}) / (n + 1)``, which is never 0. p is kept
  unrounded (:func:`format_p` writes it for reading). A small p says the network is more balanced
  than its own mix of signs would make it by chance; a large p says the observed balance is what
  that mix gives anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from math import comb

import networkx as nx
import numpy as np
import pandas as pd

from . import dates

STRONG, WEAK = "strong", "weak"

#: Enumerate the null exactly when there are at most this many distinct sign arrangements.
EXACT_LIMIT = 20_000


def format_p(p: float) -> str:
    """A p-value for reading: ``"p < 0.001"`` when tiny, else ``"p = 0.053"``; ``"—"`` when NaN."""
    if pd.isna(p):
        return "—"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a null table with its p-value columns (``… p``) written as text by
    :func:`format_p`, without the leading ``p =``: ``"< 0.001"``, ``"0.053"``, ``"—"``."""
    out = table.copy()
    for col in [c for c in out.columns if c.endswith(" p")]:
        out[col] = [format_p(v).removeprefix("p = ").removeprefix("p ") for v in out[col]]
    return out


def _complete_triads(graph: nx.Graph) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]], np.ndarray]:
    """The complete (all ±1) triads, the ±1 edges, and each triad's three edge indices."""
    edges = sorted(tuple(sorted((a, b))) for a, b, d in graph.edges(data=True) if d["sign"] != 0)
    index = {e: i for i, e in enumerate(edges)}
    names, idx = [], []
    for a, b, c in combinations(sorted(graph.nodes), 3):
        pairs = [tuple(sorted(p)) for p in ((a, b), (a, c), (b, c))]
        if all(p in index for p in pairs):
            names.append((a, b, c))
            idx.append([index[p] for p in pairs])
    return names, edges, np.array(idx, dtype=int).reshape(-1, 3)


def _unbalanced(signs: np.ndarray, kind: str) -> np.ndarray:
    """Unbalanced-triad indicator for an array of triad signs (last axis: the three signs)."""
    if kind == STRONG:
        return np.prod(signs, axis=-1) < 0
    if kind == WEAK:
        return (signs < 0).sum(axis=-1) == 1
    raise ValueError(f"kind must be {STRONG!r} or {WEAK!r}, not {kind!r}")


def triad_signs(graph: nx.Graph) -> pd.DataFrame:
    """Every complete triad with its signs and its status under strong and under weak balance."""
    names, edges, idx = _complete_triads(graph)
    signs = np.array([graph.edges[e]["sign"] for e in edges], dtype=int)
    rows = []
    for (a, b, c), k in zip(names, idx):
        s = signs[k]
        rows.append(
            {
                "triad": f"{a}–{b}–{c}",
                "negative ties": int((s < 0).sum()),
                "strong": "unbalanced" if _unbalanced(s, STRONG) else "balanced",
                "weak": "unbalanced" if _unbalanced(s, WEAK) else "balanced",
            }
        )
    return pd.DataFrame(rows, columns=["triad", "negative ties", "strong", "weak"])


def _arrangements(signs: np.ndarray) -> np.ndarray:
    """Every distinct arrangement of ``signs`` over its positions (one row each): the negative
    signs placed on every combination of positions."""
    m, k = len(signs), int((signs < 0).sum())
    out = np.ones((comb(m, k), m), dtype=int)
    for row, negatives in enumerate(combinations(range(m), k)):
        out[row, list(negatives)] = -1
    return out


def sign_permutation_null(
    graph: nx.Graph, n: int = 10_000, seed: int = 0, exact_limit: int = EXACT_LIMIT
) -> dict[str, float | int | str]:
    """Observed unbalanced triads (strong and weak) against the sign-permutation null.

    Returns the counts, the null means and percentiles, the one-sided p-values (unrounded) and
    ``method``: exact enumeration when the distinct sign arrangements number at most
    ``exact_limit``, else ``n`` seeded permutations (see the module docstring). With no complete
    triad there is nothing to test: counts 0 and p-values NaN."""
    if n < 1:
        raise ValueError(f"n must be a positive number of permutations, not {n}")
    names, edges, idx = _complete_triads(graph)
    signs = np.array([graph.edges[e]["sign"] for e in edges], dtype=int)
    out: dict[str, float | int | str] = {
        "complete triads": len(names),
        "±1 ties": len(edges),
        "negative ties": int((signs < 0).sum()),
    }
    if not names:
        out["method"] = "no complete triad"
        for kind in (STRONG, WEAK):
            out.update(
                {
                    f"{kind} unbalanced": 0,
                    f"{kind} null mean": float("nan"),
                    f"{kind} null 5%": float("nan"),
                    f"{kind} null 95%": float("nan"),
                    f"{kind} p": float("nan"),
                }
            )
        return out
    arrangements = comb(len(signs), int((signs < 0).sum()))
    exact = arrangements <= exact_limit
    if exact:
        perms = _arrangements(signs)
        out["method"] = f"exact ({arrangements:,} arrangements)"
    else:
        rng = np.random.default_rng(seed)
        perms = rng.permuted(np.tile(signs, (n, 1)), axis=1)  # (n, edges); the same draws as n calls of rng.permutation
        out["method"] = f"Monte Carlo ({n:,} permutations, seed {seed})"
    for kind in (STRONG, WEAK):
        observed = int(_unbalanced(signs[idx], kind).sum())
        null = _unbalanced(perms[:, idx], kind).sum(axis=1)
        k = int((null <= observed).sum())
        out[f"{kind} unbalanced"] = observed
        out[f"{kind} null mean"] = round(float(null.mean()), 2)
        out[f"{kind} null 5%"] = int(np.percentile(null, 5))
        out[f"{kind} null 95%"] = int(np.percentile(null, 95))
        out[f"{kind} p"] = k / len(perms) if exact else (1 + k) / (n + 1)
    return out


def null_table(graphs: Mapping[str, nx.Graph], n: int = 10_000, seed: int = 0) -> pd.DataFrame:
    """:func:`sign_permutation_null` for every period (one row per period, same seed each)."""
    rows = [{"period": p, **sign_permutation_null(g, n=n, seed=seed)} for p, g in graphs.items()]
    return pd.DataFrame(rows)


def with_tie(graph: nx.Graph, a: str, b: str, sign: int) -> nx.Graph:
    """A copy of ``graph`` with the tie a–b set to ``sign`` (added if the pair was not coded)."""
    if sign not in (-1, 0, 1):
        raise ValueError(f"sign must be -1, 0 or 1, not {sign}")
    out = graph.copy()
    for node in (a, b):
        out.add_node(node)
    old = dict(graph.edges[a, b]) if graph.has_edge(a, b) else {"relation_id": "varied", "tie": "varied"}
    old["sign"] = sign
    out.add_edge(a, b, **old)
    return out


def recoded(
    graph: nx.Graph, variants: Mapping[str, Iterable[tuple[str, str, int]]], n: int = 10_000, seed: int = 0
) -> pd.DataFrame:
    """Balance results for one window under named recodings, each a list of ``(a, b, sign)``
    ties set together (an empty list is the coding as it stands): complete triads, unbalanced
    triads and p-values under strong and weak balance, one row per variant. Use it where a
    judgement covers several ties at once (for example Russia's ties to three Gulf states)."""
    rows = []
    for label, ties in variants.items():
        g = graph
        for a, b, sign in ties:
            unknown = [code for code in (a, b) if code not in graph]
            if unknown:
                raise ValueError(f"variant {label!r}: {', '.join(unknown)} is not an actor of this window")
            g = with_tie(g, a, b, sign)
        rows.append({"coding": label, **sign_permutation_null(g, n=n, seed=seed)})
    return pd.DataFrame(rows)


def focal_status(graph: nx.Graph, triad: Iterable[str]) -> str:
    """Status of one triad: ``not fully coded``, ``open (0 tie)``, or its strong/weak status."""
    a, b, c = sorted(triad)
    pairs = ((a, b), (a, c), (b, c))
    if not all(graph.has_edge(*p) for p in pairs):
        return "not fully coded"
    s = np.array([graph.edges[p]["sign"] for p in pairs])
    if (s == 0).any():
        return "open (0 tie)"
    strong = "unbalanced" if _unbalanced(s, STRONG) else "balanced"
    weak = "unbalanced" if _unbalanced(s, WEAK) else "balanced"
    return f"strong: {strong}; weak: {weak}"


def tie_variants(
    graphs: Mapping[str, nx.Graph],
    a: str,
    b: str,
    signs: Iterable[int] = (-1, 0, 1),
    focal: Iterable[str] | None = None,
    n: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """Balance results per period with the tie a–b set to each value in ``signs``: complete
    triads, unbalanced triads and p-values under strong and weak balance, and the status of the
    ``focal`` triad. Shows how much a result owes to one coding choice."""
    focal = tuple(focal) if focal is not None else None
    rows = []
    for period, graph in graphs.items():
        for sign in signs:
            g = with_tie(graph, a, b, sign)
            row: dict[str, object] = {"period": period, f"{a}–{b} tie": {1: "+1", 0: "0", -1: "−1"}[sign]}
            row.update(sign_permutation_null(g, n=n, seed=seed))
            if focal:
                row["focal triad"] = focal_status(g, focal)
            rows.append(row)
    return pd.DataFrame(rows)


def pair_coverage(graphs: Mapping[str, nx.Graph], actors: Iterable[str] | None = None) -> pd.DataFrame:
    """Per period: actors, possible pairs, coded pairs (any sign) and the share coded.
    With ``actors``, coverage is measured over that fixed set (the same denominator every period)."""
    fixed = sorted(set(actors)) if actors is not None else None
    rows = []
    for period, graph in graphs.items():
        nodes = fixed if fixed is not None else sorted(graph.nodes)
        possible = len(nodes) * (len(nodes) - 1) // 2
        coded = sum(1 for x, y in combinations(nodes, 2) if graph.has_edge(x, y))
        rows.append(
            {
                "period": period,
                "actors": len(nodes),
                "possible pairs": possible,
                "coded pairs": coded,
                "share coded": round(coded / possible, 3) if possible else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def _bounds(value: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Earliest and latest day of an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD), by
    :func:`helpers.dates.span` with the precision its form states."""
    text = str(value).strip()
    if len(text) not in (4, 7, 10):
        raise ValueError(f"not an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return dates.span(text, dates.precision_of(text))


def window_violations(relations: pd.DataFrame, windows: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    """Rows of ``relations`` whose evidence falls outside their period's window.

    ``windows`` maps each period to (first day, last day), both inclusive. An ``event`` row must
    lie wholly inside (its earliest possible day on or after the first day, its latest on or
    before the last); a ``standing`` row must overlap the window (an empty ``evidence_to`` means
    still in force). A period without a window is an error, never a silent pass."""
    rows = []
    for rec in relations.to_dict("records"):
        period = str(rec["period"])
        if period not in windows:
            raise ValueError(
                f"relations row {rec['relation_id']}: period {period!r} has no window; windows given: {sorted(windows)}"
            )
        start, end = (pd.Timestamp(x) for x in windows[period])
        lo, _ = _bounds(rec["evidence_from"])
        to = rec.get("evidence_to")
        empty = to is None or (isinstance(to, float) and np.isnan(to)) or str(to).strip() in ("", "nan", "<NA>")
        kind = str(rec["evidence_kind"])
        if kind == "event":
            if empty:
                raise ValueError(f"relations row {rec['relation_id']}: an event row needs evidence_to")
            _, hi = _bounds(to)
            ok = dates.placement(lo, hi, start, end) == dates.INSIDE
        elif kind == "standing":
            hi = pd.Timestamp.max.normalize() if empty else _bounds(to)[1]
            ok = dates.placement(lo, hi, start, end) in (dates.INSIDE, dates.OVERLAPS)
        else:
            raise ValueError(
                f"relations row {rec['relation_id']}: evidence_kind must be 'event' or 'standing', not {kind!r}"
            )
        if not ok:
            rows.append(
                {
                    "relation_id": rec["relation_id"],
                    "period": period,
                    "evidence_kind": kind,
                    "evidence_from": rec["evidence_from"],
                    "evidence_to": "" if empty else to,
                    "window": f"{windows[period][0]} to {windows[period][1]}",
                }
            )
    return pd.DataFrame(
        rows, columns=["relation_id", "period", "evidence_kind", "evidence_from", "evidence_to", "window"]
    )


def plot_null(
    table: pd.DataFrame, labels: Mapping[str, str], title: str, source: str, alt: str, subtitle: str | None = None
) -> None:
    """Observed unbalanced triads (marker) against the sign-permutation null (bar: 5th to 95th
    percentile, tick: mean), two rows per window (strong balance above, weak below), p-values
    written beside each row. ``labels`` maps periods to readable names."""
    from matplotlib.lines import Line2D

    from . import style

    fig, ax = style.figure("wide")
    ys = np.arange(len(table))[::-1].astype(float)
    kinds = (
        (STRONG, 0.18, "o", style.PALETTE["vermillion"], "strong"),
        (WEAK, -0.18, "D", style.PALETTE["blue"], "weak"),
    )
    right = max(float(table[f"{k} null 95%"].max()) for k in (STRONG, WEAK))
    for y, rec in zip(ys, table.to_dict("records")):
        if rec["complete triads"] == 0:
            ax.text(0, y, "no complete triad", va="center", fontsize=9, color="#444444")
            continue
        for kind, dy, marker, colour, word in kinds:
            yy = y + dy
            ax.plot(
                [rec[f"{kind} null 5%"], rec[f"{kind} null 95%"]],
                [yy, yy],
                color=style.PALETTE["grey"],
                linewidth=6,
                alpha=0.45,
                solid_capstyle="butt",
            )
            ax.plot([rec[f"{kind} null mean"]] * 2, [yy - 0.1, yy + 0.1], color="#444444", linewidth=1.5)
            ax.scatter([rec[f"{kind} unbalanced"]], [yy], s=48, marker=marker, color=colour, zorder=3)
            ax.annotate(
                f"{word}: {format_p(rec[f'{kind} p'])}",
                (1.0, yy),
                xycoords=ax.get_yaxis_transform(),  # just right of the axis, which ends with the data
                xytext=(10, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                annotation_clip=False,
            )
    ax.set_yticks(ys, [labels.get(p, p) for p in table["period"]])
    ax.set_ylim(ys.min() - 0.6, ys.max() + 0.6)
    ax.set_xlim(-0.5, right + 0.5)
    ax.set_xlabel("Unbalanced triads")
    ax.set_ylabel("Window")
    handles = [
        Line2D([], [], marker="o", linestyle="", color=style.PALETTE["vermillion"], label="observed, strong balance"),
        Line2D([], [], marker="D", linestyle="", color=style.PALETTE["blue"], label="observed, weak balance"),
        Line2D([], [], color=style.PALETTE["grey"], linewidth=6, alpha=0.45, label="null, 5th–95th percentile"),
        Line2D([], [], color="#444444", linewidth=1.5, label="null mean"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8.5)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
