"""Partial dates: a date known to the day, the month or only the year.

Every table stores a date as ISO text with its precision (``date`` + ``date_precision``):
``2025-06-13`` (day), ``2025-06`` (month) or ``2025`` (year). Here such a date becomes a
:class:`pandas.Period` of that frequency, which knows its first and last day, so a comparison
with a day is explicit about what a coarse date can mean.

- :func:`parse` — text and precision → ``Period`` (an error names the value when they disagree);
- :func:`span` — the first and last day a date can mean;
- :func:`start_of` — the first day (for placing a coarse date on a time axis);
- :func:`fmt` — the one way dates are written for readers (``13 Jun 2025``, ``Jun 2025``, ``2025``);
- :func:`fmt_range` — a window written compactly (``13–24 Jun 2025``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

#: precision → (pandas frequency, the ISO pattern a value of that precision must match)
PRECISIONS: dict[str, tuple[str, str]] = {
    "day": ("D", r"\d{4}-\d{2}-\d{2}"),
    "month": ("M", r"\d{4}-\d{2}"),
    "year": ("Y", r"\d{4}"),
}


def parse(value: object, precision: str = "day") -> pd.Period:
    """``'2025-06'`` with precision ``month`` → ``Period('2025-06', 'M')``.

    The text must have exactly the form of its precision (a day-precision value with only a
    month, or a month value with a day, is an error), and must be a real calendar date."""
    if precision not in PRECISIONS:
        raise ValueError(f"unknown date precision {precision!r}; use one of {sorted(PRECISIONS)}")
    freq, pattern = PRECISIONS[precision]
    text = str(value).strip()
    if not re.fullmatch(pattern, text):
        raise ValueError(f"date {value!r} does not have the form of precision {precision!r}")
    try:
        return pd.Period(text, freq=freq)
    except (ValueError, pd.errors.ParserError) as err:  # e.g. 2025-02-30
        raise ValueError(f"date {value!r} is not a calendar date") from err


def span(value: object, precision: str = "day") -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day (midnight timestamps) that a date of this precision can mean."""
    if isinstance(value, str):
        return _span(value.strip(), precision)  # text dates repeat across tables and calls: memoised
    p = parse(value, precision)
    return p.start_time.normalize(), p.end_time.normalize()


@lru_cache(maxsize=16384)
def _span(text: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    p = parse(text, precision)
    return p.start_time.normalize(), p.end_time.normalize()


def start_of(value: object, precision: str = "day") -> pd.Timestamp:
    """The first day a date can mean (a month's first day, a year's 1 January)."""
    return span(value, precision)[0]


def spans(frame: pd.DataFrame, date: str = "date", precision: str = "date_precision") -> pd.DataFrame:
    """``first`` and ``last`` day of every row's date, indexed like ``frame``."""
    pairs = [span(d, p) for d, p in zip(frame[date], frame[precision])]
    return pd.DataFrame({"first": [a for a, _ in pairs], "last": [b for _, b in pairs]}, index=frame.index)


def starts(frame: pd.DataFrame, date: str = "date", precision: str = "date_precision") -> pd.Series:
    """The first day of every row's date, as a timestamp series named ``when``."""
    return spans(frame, date, precision)["first"].rename("when")


def precision_of(text: str) -> str:
    """The precision an ISO partial date's form states: ``2025`` year, ``2025-06`` month, else day
    (a malformed value then fails :func:`parse` with its own message)."""
    return {7: "month", 4: "year"}.get(len(text.strip()), "day")


def fmt(value: object, precision: str | None = None) -> str:
    """``2025-10-02`` → ``2 Oct 2025``; ``2025-07`` → ``Jul 2025``; ``2025`` → ``2025``.

    ``value`` may be ISO text (precision read from its form unless given), a ``Timestamp`` or a
    ``Period``."""
    if isinstance(value, pd.Period):
        p = value
    elif isinstance(value, pd.Timestamp):
        p = value.to_period("D")
    else:
        text = str(value).strip()
        p = parse(text, precision or precision_of(text))
    if p.freqstr.startswith("D"):
        return f"{p.day} {p.strftime('%b')} {p.year}"
    if p.freqstr.startswith("M"):
        return f"{p.strftime('%b')} {p.year}"
    return str(p.year)


def fmt_range(start: object, end: object) -> str:
    """``13–24 Jun 2025``; ``28 Feb – 8 Apr 2026`` across months; both years across years."""
    a, b = pd.Timestamp(start), pd.Timestamp(end)
    if a > b:
        raise ValueError(f"a range cannot end ({b.date()}) before it starts ({a.date()})")
    if a.year != b.year:
        return f"{fmt(a)} – {fmt(b)}"
    if a.month != b.month:
        return f"{a.day} {a.strftime('%b')} – {b.day} {b.strftime('%b')} {b.year}"
    if a.day == b.day:
        return fmt(a)
    return f"{a.day}–{b.day} {b.strftime('%b')} {b.year}"


#: Where a date's span lies relative to a window (both ends inclusive): the one window rule.
BEFORE, AFTER, INSIDE, OVERLAPS = "before", "after", "inside", "overlaps"


def placement(first, last, start, end):
    """Where the span ``first`` … ``last`` (the days a date can mean) lies relative to the window
    ``start`` … ``end``, both ends inclusive: ``before`` (ends before the window starts), ``after``
    (starts after it ends), ``inside`` (wholly within) or ``overlaps`` (a month or year that
    straddles an end). Scalars give a string; Series give a Series on their index."""
    import numpy as np

    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end < start:
        raise ValueError(f"window ends ({end.date()}) before it starts ({start.date()})")
    conditions = [last < start, first > end, (first >= start) & (last <= end)]
    out = np.select(conditions, [BEFORE, AFTER, INSIDE], OVERLAPS)
    if isinstance(first, pd.Series):
        return pd.Series(out, index=first.index, dtype=object)
    return str(out)
