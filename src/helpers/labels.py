"""Placing text on charts so that labels never collide: one layout rule for every chart's end
labels (line ends, end markers). Pure functions returning positions; drawing stays in the
``plot_*`` functions of the topic modules."""

from __future__ import annotations

from collections.abc import Mapping


def spread_labels(values: Mapping[str, float], min_gap: float) -> dict[str, float]:
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


def dodge(values: Mapping[str, float], min_gap: float, step: float) -> dict[str, float]:
    """Horizontal offsets for markers drawn at one x position: markers whose values are closer
    than ``min_gap`` (a chain of them, in value order) are set side by side, ``step`` apart and
    centred on 0; a marker with no close neighbour stays at 0. So that no marker hides another."""
    order = sorted(values, key=lambda k: (values[k], k))
    groups: list[list[str]] = []
    for k in order:
        if groups and values[k] - values[groups[-1][-1]] < min_gap:
            groups[-1].append(k)
        else:
            groups.append([k])
    out: dict[str, float] = {}
    for g in groups:
        for i, k in enumerate(g):
            out[k] = (i - (len(g) - 1) / 2) * step
    return out
