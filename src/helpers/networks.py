"""Signed networks of states and their structural balance, period by period.

Pure functions on the curated ``relations`` table (``helpers.data.load("relations")``) plus a
thin plotting function in the house style.

Conventions (the table's own, see ``data/datapackage.json``):

- one row is an unordered pair of states in one period, signed +1 (cooperative), -1 (hostile)
  or 0 (ambivalent, only where a source describes the tie so);
- a pair with **no row** has no sourced coding in that period: it is *not* read as neutrality,
  and it never enters a triad;
- a **0** tie is kept in the graph (it is drawn, dotted) but is *ambivalent*: a triad with a 0 tie
  has no sign, so it is counted apart ("open: ambivalent tie"), never as balanced or unbalanced;
- a triad is *complete* when all three of its pairs are coded ±1; it is **balanced** when the
  product of its three signs is positive (Heider; Cartwright & Harary: "the friend of my friend
  is my friend, the enemy of my enemy is my friend"), **unbalanced** otherwise.

A pair coded twice in the same period is an error (:class:`DuplicatePairError`), never a silent
overwrite.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import countries, reliability, style

#: The four coded periods, in time order (``relations.period``).
PERIODS: tuple[str, ...] = ("2023", "2025-01", "2025-06", "2026-03")
#: Readable labels for the periods (the table's description of each).
PERIOD_LABELS: dict[str, str] = {
    "2023": "2023–Dec 2024: before Assad's fall",
    "2025-01": "Dec 2024–June 2025: Assad gone, treaty signed",
    "2025-06": "June 2025: Israel–Iran war",
    "2026-03": "March–April 2026: US–Israel–Iran war",
}
SIGN_STYLES: dict[int, dict[str, Any]] = {
    1: {"color": style.PALETTE["blue"], "style": "solid", "width": 2.2, "label": "cooperative (+1)"},
    -1: {"color": style.PALETTE["vermillion"], "style": (0, (5, 3)), "width": 1.8, "label": "hostile (−1)"},
    0: {"color": style.PALETTE["grey"], "style": (0, (1, 2)), "width": 1.6, "label": "ambivalent (0)"},
}
#: How an edge that rests only on low-confidence sources is drawn: its sign's line, faded.
#: Short names for the node labels (the reader's names; plain words, never codes).
BALANCED, UNBALANCED, OPEN, NOT_CODED = "balanced", "unbalanced", "open: ambivalent tie", "not fully coded"


class DuplicatePairError(ValueError):
    """The same pair of states is coded more than once in one period."""


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def build_graph(relations: pd.DataFrame, period: str) -> nx.Graph:
    """The signed graph of one period: nodes are states, each edge carries ``sign``, ``tie``,
    ``relation_id`` and ``source_ids``. 0-signed ties are kept (as ambivalent edges).

    Raises :class:`DuplicatePairError` if a pair appears twice in the period, and ``ValueError``
    for a self-tie, a sign other than -1/0/+1, or a period without rows."""
    rows = relations[relations["period"].astype(str) == str(period)]
    if rows.empty:
        raise ValueError(
            f"no relations coded for period {period!r}; periods in the frame: "
            f"{sorted(relations['period'].astype(str).unique())}"
        )
    graph = nx.Graph(period=str(period))
    seen: dict[tuple[str, str], str] = {}
    records = rows.sort_values(["a_iso3", "b_iso3"]).to_dict("records")
    for node in sorted(set(rows["a_iso3"]) | set(rows["b_iso3"])):
        graph.add_node(node)
    for rec in records:
        a, b = str(rec["a_iso3"]), str(rec["b_iso3"])
        if a == b:
            raise ValueError(f"relation {rec.get('relation_id')}: a state cannot have a tie with itself ({a})")
        pair = _pair(a, b)
        rid = str(rec.get("relation_id", "?"))
        if pair in seen:
            raise DuplicatePairError(
                f"period {period}: the pair {pair[0]}–{pair[1]} is coded twice "
                f"({seen[pair]} and {rid}); keep one row per pair and period"
            )
        seen[pair] = rid
        sign = int(rec["sign"])
        if sign not in (-1, 0, 1):
            raise ValueError(f"relation {rid}: sign must be -1, 0 or 1, not {sign}")
        graph.add_edge(
            *pair, sign=sign, tie=str(rec.get("tie", "")), relation_id=rid, source_ids=str(rec.get("source_ids", ""))
        )
    return graph


def build_periods(relations: pd.DataFrame, periods: tuple[str, ...] | None = None) -> dict[str, nx.Graph]:
    """One signed graph per period (default: the periods present, in :data:`PERIODS` order)."""
    present = [str(p) for p in relations["period"].astype(str).unique()]
    if periods is None:
        periods = tuple(p for p in PERIODS if p in present) + tuple(sorted(set(present) - set(PERIODS)))
    return {p: build_graph(relations, p) for p in periods}


def triads(graph: nx.Graph) -> pd.DataFrame:
    """Every triple of states whose three pairs are all coded, with its signs and status.

    ``status`` is ``balanced`` / ``unbalanced`` (all three ties ±1; product of the signs > 0 or < 0)
    or ``open: ambivalent tie`` (at least one 0 tie: no sign, excluded from the balance count)."""
    rows = []
    for a, b, c in combinations(sorted(graph.nodes), 3):
        pairs = [(a, b), (a, c), (b, c)]
        if not all(graph.has_edge(*p) for p in pairs):
            continue
        signs = [graph.edges[p]["sign"] for p in pairs]
        product = signs[0] * signs[1] * signs[2]
        status = OPEN if product == 0 else (BALANCED if product > 0 else UNBALANCED)
        rows.append(
            {
                "triad": f"{a}–{b}–{c}",
                "signs": ", ".join(
                    f"{x}–{y} {'+' if s > 0 else '−' if s < 0 else '0'}" for (x, y), s in zip(pairs, signs)
                ),
                "positive": sum(s > 0 for s in signs),
                "negative": sum(s < 0 for s in signs),
                "ambivalent": sum(s == 0 for s in signs),
                "status": status,
                "relation_ids": "; ".join(graph.edges[p]["relation_id"] for p in pairs),
            }
        )
    cols = ["triad", "signs", "positive", "negative", "ambivalent", "status", "relation_ids"]
    return pd.DataFrame(rows, columns=cols)


def complete_triads(graph: nx.Graph) -> pd.DataFrame:
    """The triads whose three ties are all ±1 (0 ties excluded), each balanced or unbalanced."""
    out = triads(graph)
    return out[out["status"] != OPEN].reset_index(drop=True)


def balance_summary(graphs: dict[str, nx.Graph]) -> pd.DataFrame:
    """Per period: states, coded ties by sign, complete triads, balanced, unbalanced, triads left
    open by an ambivalent tie, and the share of complete triads that is balanced."""
    rows = []
    for period, graph in graphs.items():
        signs = [d["sign"] for _, _, d in graph.edges(data=True)]
        t = triads(graph)
        balanced = int((t["status"] == BALANCED).sum())
        unbalanced = int((t["status"] == UNBALANCED).sum())
        complete = balanced + unbalanced
        rows.append(
            {
                "period": period,
                "states": graph.number_of_nodes(),
                "coded ties": graph.number_of_edges(),
                "+1 ties": sum(s > 0 for s in signs),
                "−1 ties": sum(s < 0 for s in signs),
                "0 ties": sum(s == 0 for s in signs),
                "complete triads": complete,
                "balanced": balanced,
                "unbalanced": unbalanced,
                "open (0 tie)": int((t["status"] == OPEN).sum()),
                "share balanced": round(balanced / complete, 3) if complete else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def unbalanced_triads(graphs: dict[str, nx.Graph]) -> pd.DataFrame:
    """The unbalanced triads of every period, with the ties (labels) that make them up."""
    rows = []
    for period, graph in graphs.items():
        t = triads(graph)
        for rec in t[t["status"] == UNBALANCED].to_dict("records"):
            a, b, c = rec["triad"].split("–")
            ties = "; ".join(f"{x}–{y}: {graph.edges[x, y]['tie']}" for x, y in ((a, b), (a, c), (b, c)))
            rows.append(
                {
                    "period": period,
                    "triad": rec["triad"],
                    "signs": rec["signs"],
                    "ties": ties,
                    "relation_ids": rec["relation_ids"],
                }
            )
    return pd.DataFrame(rows, columns=["period", "triad", "signs", "ties", "relation_ids"])


_CODE = re.compile(r"\b[A-Z]{2,4}\b")


def named(table: pd.DataFrame, columns: Collection[str] = ("triad", "signs", "ties")) -> pd.DataFrame:
    """``table`` for reading: every actor code in ``columns`` (``ISR–SYR −``) replaced by its chart
    name (:func:`helpers.countries.short_name`: ``Israel–Syria −``); other capitalised words stay."""
    out = table.copy()

    def swap(match: re.Match[str]) -> str:
        code = match.group(0)
        return countries.short_name(code) if countries.is_valid_actor(code) else code

    for col in columns:
        if col in out:
            out[col] = out[col].map(lambda v: _CODE.sub(swap, v) if isinstance(v, str) else v)
    return out


def triad_status(graphs: dict[str, nx.Graph], include: str | None = None) -> pd.DataFrame:
    """Each triad's status across the periods (rows: triads, columns: periods); ``not fully coded``
    where one of its pairs has no row in that period. ``include`` keeps triads with that state."""
    tables = {p: triads(g).set_index("triad")["status"] for p, g in graphs.items()}
    names = sorted(set().union(*[set(t.index) for t in tables.values()]))
    if include:
        names = [n for n in names if include in n.split("–")]
    out = pd.DataFrame(
        {p: [t.get(n, NOT_CODED) for n in names] for p, t in tables.items()}, index=pd.Index(names, name="triad")
    )
    return out


def tie_table(graphs: dict[str, nx.Graph], a: str, b: str) -> pd.DataFrame:
    """How one pair is coded in each period (``no sourced coding`` where it has no row)."""
    rows = []
    for period, graph in graphs.items():
        if graph.has_edge(a, b):
            d = graph.edges[a, b]
            sign = {1: "+1", 0: "0", -1: "−1"}[d["sign"]]
            rows.append({"period": period, "sign": sign, "tie": d["tie"], "relation_id": d["relation_id"]})
        else:
            rows.append({"period": period, "sign": "—", "tie": "no sourced coding", "relation_id": "—"})
    return pd.DataFrame(rows)


def fixed_layout(
    graphs: dict[str, nx.Graph] | nx.Graph, seed: int = 7, order: tuple[str, ...] | list[str] | None = None
) -> dict[str, tuple[float, float]]:
    """Node positions shared by every period, so that panels can be compared.

    With ``order``: the states on a circle, clockwise from the top in that order (states not in
    ``order`` follow alphabetically) — no randomness, and the reader can see the camps.
    Without: networkx's spring layout (seeded with ``seed``) of the union of all periods' states,
    every pair joined by a spring whose pull falls with a target distance from the signs
    (cooperative in most coded periods → 1, hostile → 3, ambivalent → 2, never coded → 2.2).
    Positions are rounded to four decimals; the same input, seed and order always give the same
    positions."""
    if isinstance(graphs, nx.Graph):
        graphs = {"only": graphs}
    nodes = sorted(set().union(*[set(g.nodes) for g in graphs.values()]))
    if order is not None:
        ring = [n for n in order if n in nodes] + [n for n in nodes if n not in order]
        angles = np.pi / 2 - 2 * np.pi * np.arange(len(ring)) / len(ring)
        return {n: (round(float(np.cos(a)), 4), round(float(np.sin(a)), 4)) for n, a in sorted(zip(ring, angles))}
    signs: dict[tuple[str, str], list[int]] = {}
    for graph in graphs.values():
        for u, v, d in graph.edges(data=True):
            signs.setdefault(_pair(u, v), []).append(int(d["sign"]))
    union = nx.Graph()
    union.add_nodes_from(nodes)
    for a, b in combinations(nodes, 2):
        values = signs.get((a, b))
        dist = 2.0 - sum(values) / len(values) if values else 2.2  # +1 → 1, 0 → 2, −1 → 3
        union.add_edge(a, b, weight=1.0 / dist**2)  # a spring pulls harder the closer the pair
    pos = nx.spring_layout(union, weight="weight", seed=seed, iterations=200)
    coords = np.array([pos[n] for n in nodes])
    coords = coords - coords.mean(axis=0)
    coords = coords / np.abs(coords).max()
    return {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in zip(nodes, coords)}


def node_label(code: str) -> str:
    """The label of a node: a short plain name (:func:`helpers.countries.short_name`)."""
    return countries.short_name(code)


def _draw_panel(
    ax,
    graph: nx.Graph,
    pos: dict[str, tuple[float, float]],
    highlight: tuple[str, ...],
    shade_unbalanced: bool,
    low_confidence: Collection[str] = (),
) -> None:
    from matplotlib.patches import Polygon

    if shade_unbalanced:
        t = triads(graph)
        for name in t.loc[t["status"] == UNBALANCED, "triad"]:
            pts = [pos[n] for n in name.split("–")]
            ax.add_patch(
                Polygon(pts, closed=True, facecolor=style.PALETTE["yellow"], alpha=0.35, edgecolor="none", zorder=0)
            )
    for u, v, d in sorted(graph.edges(data=True)):
        s = SIGN_STYLES[d["sign"]]
        (x1, y1), (x2, y2) = pos[u], pos[v]
        weak = d.get("relation_id") in low_confidence
        ax.plot(
            [x1, x2],
            [y1, y2],
            color=s["color"],
            linestyle=s["style"],
            linewidth=s["width"] * (0.7 if weak else 1.0),
            alpha=reliability.ALPHA if weak else 1.0,
            zorder=1,
            solid_capstyle="round",
        )
    for node in sorted(pos):
        x, y = pos[node]
        present = node in graph
        edge = style.colour(node) if node in highlight else "#555555"
        ax.scatter(
            [x],
            [y],
            s=150 if node in highlight else 70,
            facecolor="white" if present else "#F4F4F4",
            edgecolor=edge if present else "#C8C8C8",
            linewidth=2.4 if node in highlight else 1.2,
            zorder=2,
        )
        r = float(np.hypot(x, y)) or 1.0
        lx, ly = x + 0.13 * x / r, y + 0.13 * y / r  # the name sits just outside the ring
        ax.text(
            lx,
            ly,
            node_label(node),
            ha="left" if x > 0.15 else "right" if x < -0.15 else "center",
            va="bottom" if y > 0.9 else "top" if y < -0.9 else "center",
            fontsize=8.5,
            zorder=3,
            fontweight="bold" if node in highlight else "normal",
            color="#111111" if present else "#AAAAAA",
        )
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.62, max(xs) + 0.62)
    ax.set_ylim(min(ys) - 0.22, max(ys) + 0.22)
    ax.set_aspect("equal")
    ax.set_axis_off()


def plot_networks(
    graphs: dict[str, nx.Graph],
    pos: dict[str, tuple[float, float]],
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    highlight: tuple[str, ...] = ("RUS", "IRN", "ISR"),
    low_confidence: Collection[str] = (),
) -> None:
    """Small multiples: one signed graph per period, the same node positions in every panel.
    Solid blue: +1; dashed vermillion: −1; dotted grey: 0 (ambivalent); shaded: unbalanced triads;
    pale node: state with no coded tie in that period; faded line: a tie whose ``relation_id`` is in
    ``low_confidence`` (it rests only on low-confidence sources, :func:`helpers.sources.low_confidence`)."""
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig, axes = style.figure("tall", nrows=2, ncols=2)
    fig.set_size_inches(11.0, 8.2)  # room for the names around each ring and the legend
    summary = balance_summary(graphs).set_index("period")
    for ax, (period, graph) in zip(axes.flat, graphs.items()):
        _draw_panel(ax, graph, pos, highlight, shade_unbalanced=True, low_confidence=low_confidence)
        row = summary.loc[period]
        ax.set_title(
            f"{PERIOD_LABELS.get(period, period)}\n{int(row['balanced'])} balanced, "
            f"{int(row['unbalanced'])} unbalanced triads",
            fontsize=9.5,
            loc="left",
        )
    handles: list[Artist] = [
        Line2D([0], [0], color=s["color"], linestyle=s["style"], linewidth=s["width"], label=s["label"])
        for s in SIGN_STYLES.values()
    ]
    if low_confidence:
        handles.append(
            Line2D(
                [0],
                [0],
                color=SIGN_STYLES[1]["color"],
                linewidth=SIGN_STYLES[1]["width"] * 0.7,
                alpha=reliability.ALPHA,
                label="faded: the tie rests only\non low-confidence sources",
            )
        )
    handles.append(Patch(facecolor=style.PALETTE["yellow"], alpha=0.35, label="unbalanced triad"))
    handles.append(
        Line2D(
            [0],
            [0],
            marker="o",
            linestyle="none",
            markersize=8,
            markerfacecolor="#F4F4F4",
            markeredgecolor="#C8C8C8",
            label="state with no coded\ntie in the window",
        )
    )
    fig.legend(handles=handles, loc="outside right center", ncols=1, fontsize=9)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_balance(summary: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Grouped bars per period: balanced, unbalanced and open (0-tie) triads."""
    fig, ax = style.figure("wide")
    series = [
        ("balanced", style.PALETTE["blue"], None),
        ("unbalanced", style.PALETTE["vermillion"], "//"),
        ("open (0 tie)", style.PALETTE["grey"], ".."),
    ]
    width = 0.26
    x = range(len(summary))
    for i, (col, colour, hatch) in enumerate(series):
        xs = [v + (i - 1) * width for v in x]
        bars = ax.bar(
            xs,
            summary[col],
            width=width,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label={"open (0 tie)": "open: contains an ambivalent (0) tie"}.get(col, col),
        )
        ax.bar_label(bars, fontsize=9, padding=2)
    ax.set_xticks(list(x), [PERIOD_LABELS.get(p, p).replace(": ", ":\n") for p in summary["period"]], fontsize=9)
    ax.set_xlabel("Period of the coding")
    ax.set_ylabel("Triads of states (count)")
    ax.set_ylim(0, max(summary[[c for c, _, _ in series]].max()) * 1.2 + 1)
    ax.legend(loc="upper right")
    ax.grid(axis="x", visible=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def relation_windows(events: pd.DataFrame | None = None, periods_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The window of each period of the signed network, from the ``x-windows`` entry of the
    ``relations`` resource in the catalogue: a war window of ``data/periods.csv``, or bounds
    given by a calendar day, an event (its day) or the day before an event or a period.
    Returns period, label, first and last day (both inclusive) and how each end is set."""
    from . import data, periods

    spec = data.resource("relations").get("x-windows")
    if not spec:
        raise ValueError("data/datapackage.json: the relations resource has no x-windows entry")
    events = data.load("events") if events is None else events
    day_of = dict(zip(events["event_id"].astype(str), events["date"].astype(str)))
    one = pd.Timedelta(days=1)

    def event_day(eid: str) -> pd.Timestamp:
        if eid not in day_of or len(day_of[eid]) != 10:
            raise ValueError(f"x-windows: event {eid!r} is not an event dated to the day")
        return pd.Timestamp(day_of[eid])

    rows = []
    for period, w in spec.items():
        if "period" in w:
            start, end = periods.window(w["period"], periods_frame)
            label, how = periods.label(w["period"], periods_frame), f"periods.csv {w['period']}"
        else:
            start = pd.Timestamp(w["start"]) if "start" in w else event_day(w["start_event"])
            if "end_before_event" in w:
                end = event_day(w["end_before_event"]) - one
            else:
                end = periods.window(w["end_before_period"], periods_frame)[0] - one
            label = w.get("label", period)
            how = "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in w.items() if k != "label")
        rows.append(
            {
                "period": period,
                "window": label,
                "first day": start.date().isoformat(),
                "last day": end.date().isoformat(),
                "bounds": how,
            }
        )
    return pd.DataFrame(rows)


def window_bounds(windows: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """``{period: (first day, last day)}`` from :func:`relation_windows`."""
    return {r["period"]: (r["first day"], r["last day"]) for r in windows.to_dict("records")}
