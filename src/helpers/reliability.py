"""Reliability made visible: the confidence mark that tables of events, codings and verdicts show,
from the source registry's ``confidence`` (:func:`helpers.sources.low_confidence`: a row whose
every cited source is low confidence).

- :func:`mark` — one mark per row: ``low`` where the row rests only on low-confidence sources,
  else empty;
- :func:`with_mark` — the frame with that mark as a ``confidence`` column, for display;
- :data:`LEGEND` — the sentence a table's source line or a chart's legend uses for it.
"""

from __future__ import annotations

import pandas as pd

from . import sources

LOW = "low"
#: What the mark means, for source lines and legends.
LEGEND = "confidence 'low': the row rests only on low-confidence sources (reposts, aggregators, user pages)"


def mark(frame: pd.DataFrame, column: str = "source_ids", registry: pd.DataFrame | None = None) -> pd.Series:
    """``low`` for each row of ``frame`` whose every cited source (``column``) is low confidence in
    ``registry`` (default: ``data/sources.csv``), else an empty string. A frame without the column
    is an error naming it."""
    if column not in frame.columns:
        raise KeyError(f"no column {column!r} to judge confidence by; columns: {list(frame.columns)}")
    low = sources.low_confidence(frame, registry, column)
    return low.map({True: LOW, False: ""}).astype(str)


def with_mark(
    frame: pd.DataFrame, column: str = "source_ids", registry: pd.DataFrame | None = None, name: str = "confidence"
) -> pd.DataFrame:
    """``frame`` with a ``name`` column of :func:`mark`, placed just before ``column`` (or last)."""
    marks = mark(frame, column, registry)
    out = frame.copy()
    at = list(out.columns).index(column)
    out.insert(at, name, marks.to_numpy())
    return out


def only_low(
    frame: pd.DataFrame, by: str, column: str = "source_ids", registry: pd.DataFrame | None = None
) -> set[str]:
    """The values of ``by`` (a supplier, a state) all of whose rows in ``frame`` rest only on
    low-confidence sources: what a chart should draw as weak."""
    low = mark(frame, column, registry) == LOW
    keys = frame[by].astype(str)
    return set(keys[low]) - set(keys[~low])
