"""Reliability made visible: the confidence mark that tables of events, codings and verdicts show,
from the source registry's ``confidence`` column (``data/sources.csv``).

- :func:`confidence` — one mark per row: the strongest confidence among the sources the row cites
  (``high``, ``medium``, ``low``); ``low`` exactly where the row rests only on low-confidence
  sources (:func:`helpers.sources.low_confidence`);
- :func:`with_confidence` — the frame with that mark as a ``confidence`` column, for display;
- :func:`only_low` — the keys (a supplier, a state) whose every row is ``low``: what a chart draws
  as weak;
- :data:`LEGEND` — the sentence a table's source line or a chart's legend uses for it;
- :func:`split` — **the one rule of use**: a row that rests only on low-confidence sources is
  *shown* (in tables, with its mark; on charts as a grey mark the legend calls low confidence) but
  never *used*: it is not counted, feeds no computed series, ratio or takeaway and gets no text
  annotation. :func:`is_low` is its test, :func:`usable` and :func:`shown_only` its two halves;
  :func:`not_counted` is the sentence a chart or table states where rows were left out of a count.
"""

from __future__ import annotations

import pandas as pd

from . import data, sources

LOW = "low"
#: The ink of chart marks drawn from rows that rest only on low-confidence sources (grey: 5:1 contrast on
#: white, legible yet set apart), and the opacity of faded lines and edges; every chart uses these.
COLOUR = "#6E6E6E"
ALPHA = 0.3
#: What the mark means, for source lines and legends.
LEGEND = (
    "confidence: the strongest of the row's sources (high, medium, low); 'low': the row rests only on "
    "low-confidence sources (reposts, aggregators, user pages)"
)


#: What a grey mark means on a chart whose counts leave such rows out.
NOT_COUNTED = "rests only on low-confidence sources (not counted)"


#: The confidence levels of ``data/sources.csv``, weakest first.
CONFIDENCE: tuple[str, ...] = ("low", "medium", "high")


def confidence(frame: pd.DataFrame, registry: pd.DataFrame | None = None, column: str = "source_ids") -> pd.Series:
    """The confidence of each row's evidence: the strongest confidence among the sources it cites
    (``low`` exactly when every source is low — :func:`helpers.sources.low_confidence`; an empty
    cell gives ``—``; a row citing only ids missing from the registry gives ``unregistered`` —
    the loader's foreign keys keep that from happening in ``data/``, so it shows up only in
    hand-made frames). ``registry`` is ``data/sources.csv`` (loaded when not given)."""
    registry = data.load("sources") if registry is None else registry
    level = dict(zip(registry["source_id"], registry["confidence"]))
    rank = {c: i for i, c in enumerate(CONFIDENCE)}
    out = []
    for cell in frame[column]:
        ids = data.split_list(cell)
        known = [level[i] for i in ids if i in level]
        if not ids:
            out.append("—")
        elif len(known) < len(ids):
            out.append(max(known, key=rank.__getitem__) if known else "unregistered")
        else:
            out.append(max(known, key=rank.__getitem__))
    result = pd.Series(out, index=frame.index, name="confidence", dtype=object)
    # ``low`` is exactly the rows sources.low_confidence flags (all cited sources low)
    low = sources.low_confidence(frame, registry, column) if len(frame) else pd.Series(dtype=bool)
    result[result.eq("low") & ~low] = "unregistered"  # a low source beside an unregistered one
    return result


def with_confidence(
    frame: pd.DataFrame, registry: pd.DataFrame | None = None, column: str = "source_ids", after: str | None = None
) -> pd.DataFrame:
    """``frame`` with a ``confidence`` column (:func:`confidence`) for tables of events, codings
    and verdicts: placed after ``after`` (default: first column) so that a reader sees it beside
    the row's name; ``low`` marks a row that rests only on low-confidence sources."""
    out = frame.copy()
    if column not in frame and frame.empty:  # an empty selection built without columns
        out["confidence"] = pd.Series(dtype=object)
        return out
    marks = confidence(frame, registry, column)
    pos = 1 if after is None else list(out.columns).index(after) + 1
    out.insert(pos, "confidence", marks.to_numpy())
    out.attrs.update(frame.attrs)
    return out


def only_low(
    frame: pd.DataFrame, by: str, column: str = "source_ids", registry: pd.DataFrame | None = None
) -> set[str]:
    """The values of ``by`` (a supplier, a state) all of whose rows in ``frame`` rest only on
    low-confidence sources: what a chart should draw as weak."""
    low = confidence(frame, registry, column) == LOW
    keys = frame[by].astype(str)
    return set(keys[low]) - set(keys[~low])


def strongest(
    frame: pd.DataFrame, by: str, column: str = "source_ids", registry: pd.DataFrame | None = None
) -> dict[str, str]:
    """The confidence mark of each value of ``by`` over all its rows: the strongest level any of
    its rows reaches (``low`` exactly when every row is ``low``; a key whose rows cite nothing keeps
    the mark its rows have, ``—``). For tables with one line per key (a consideration, a supplier)."""
    rank = {c: i for i, c in enumerate(CONFIDENCE)}
    out: dict[str, str] = {}
    for key, level in zip(frame[by].astype(str), confidence(frame, registry, column)):
        old = out.get(key)
        if old is None or (level in rank and (old not in rank or rank[level] > rank[old])):
            out[key] = level
    return out


def is_low(frame: pd.DataFrame, registry: pd.DataFrame | None = None, column: str = "source_ids") -> pd.Series:
    """True where a row rests only on low-confidence sources; all False for an empty frame or one
    without ``column`` (hand-made frames, selections that dropped their sources: nothing to judge)."""
    if column not in frame or frame.empty:
        return pd.Series(False, index=frame.index, dtype=bool)
    return sources.low_confidence(frame, registry, column)


def split(
    frame: pd.DataFrame, registry: pd.DataFrame | None = None, column: str = "source_ids"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The one rule of use: ``(usable, shown_only)``. ``usable``: the rows findings may rest on —
    counts, computed series and ratios, chart annotations, takeaways. ``shown_only``: the rows that
    rest only on low-confidence sources (:func:`helpers.sources.low_confidence`), which tables show
    with their mark and charts may draw as grey marks, but which nothing counts or computes from.
    Both keep ``frame``'s columns, index and ``attrs``."""
    low = is_low(frame, registry, column)
    usable_rows, shown = frame[~low], frame[low]
    usable_rows.attrs.update(frame.attrs)
    shown.attrs.update(frame.attrs)
    return usable_rows, shown


def usable(frame: pd.DataFrame, registry: pd.DataFrame | None = None, column: str = "source_ids") -> pd.DataFrame:
    """The rows of ``frame`` findings may rest on (the first half of :func:`split`)."""
    return split(frame, registry, column)[0]


def shown_only(frame: pd.DataFrame, registry: pd.DataFrame | None = None, column: str = "source_ids") -> pd.DataFrame:
    """The rows of ``frame`` that are shown but never used (the second half of :func:`split`)."""
    return split(frame, registry, column)[1]


def not_counted(n: int, what: str = "row") -> str:
    """The sentence a count states for the rows it left out: ``''`` when none were; else e.g.
    "Not counted: 2 contacts that rest only on low-confidence sources." (``what`` singular; an
    ``s`` is added for more than one)."""
    if n < 0:
        raise ValueError(f"a count of rows left out cannot be negative ({n})")
    if n == 0:
        return ""
    verb = "rests" if n == 1 else "rest"
    return f"Not counted: {n} {what}{'' if n == 1 else 's'} that {verb} only on low-confidence sources."
