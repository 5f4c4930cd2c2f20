"""Named periods and war windows, read from ``data/periods.csv``.

Each war has exactly one window, bounded by the events that start and end it (its
``start_event_id`` and ``end_event_id``). Both ends are **inclusive**: an event dated on the first
or the last day belongs to the window. No window is typed into code or a notebook: ask this
module for it by id (``periods.window("war-2025-06")``).
"""

from __future__ import annotations

import pandas as pd

from . import data, dates

#: The ids of the two war windows, in date order.
WARS: tuple[str, ...] = ("war-2025-06", "war-2026")


def table(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The periods table (``data.load("periods")`` unless given)."""
    return data.load("periods") if frame is None else frame


def window(period_id: str, frame: pd.DataFrame | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day (both inclusive) of ``period_id``."""
    rows = table(frame).set_index("period_id")
    if period_id not in rows.index:
        raise KeyError(f"unknown period {period_id!r} (data/periods.csv has {sorted(rows.index)})")
    row = rows.loc[period_id]
    start = dates.start_of(row["start"], row["precision"])
    end = dates.span(row["end"], row["precision"])[1]
    if end < start:
        raise ValueError(f"data/periods.csv, period {period_id!r}: end {row['end']} before start {row['start']}")
    return start, end


def label(period_id: str, frame: pd.DataFrame | None = None) -> str:
    """The reader's name of a period (``June 2025 war``)."""
    rows = table(frame).set_index("period_id")
    return str(rows.at[period_id, "label"])


def check_bounds(frame: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """Problems where a period's ``start``/``end`` differ from the day of its bounding event."""
    ev = events.set_index("event_id")
    problems = []
    for _, row in frame.iterrows():
        for side, col in (("start", "start_event_id"), ("end", "end_event_id")):
            eid = row[col]
            if ev.at[eid, "date_precision"] != "day" or ev.at[eid, "date"] != row[side]:
                problems.append(
                    f"data/periods.csv, period {row['period_id']}, column {side}: {row[side]} "
                    f"but event {eid} is dated {ev.at[eid, 'date']} ({ev.at[eid, 'date_precision']})"
                )
    return problems


def wars(frame: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The war windows as a reader's table: window, from, to, days (inclusive), the events that
    open and close it (their text) and sources."""
    rows = table(frame).set_index("period_id")
    ev = events.set_index("event_id") if events is not None else None
    out = []
    for pid in WARS:
        start, end = window(pid, frame)
        r = rows.loc[pid]
        rec: dict[str, object] = {
            "window": r["label"],
            "from": dates.fmt(start),
            "to": dates.fmt(end),
            "days (both ends included)": int((end - start).days) + 1,
        }
        if ev is not None:
            rec["starts with"] = ev.at[r["start_event_id"], "event"]
            rec["ends with"] = ev.at[r["end_event_id"], "event"]
        rec["source_ids"] = r["source_ids"]
        out.append(rec)
    result = pd.DataFrame(out)
    result.attrs["file"] = "data/periods.csv"
    return result
