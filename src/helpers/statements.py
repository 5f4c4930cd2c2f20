"""Stated figures (``trade_statements``): the one rule for a lower bound.

A statement whose note says the value was *exceeded* or *surpassed*, or calls it a *lower bound*,
gives a floor, not a level. Notebooks 01 and 04 both read statements with :func:`lower_bound`.
"""

from __future__ import annotations

import pandas as pd

LOWER_BOUND = r"(?i)\bexceeded\b|\bsurpassed\b|\blower bound\b"


def lower_bound(notes: pd.Series) -> pd.Series:
    """True where a note marks the stated value as a lower bound (a missing note: False)."""
    return notes.fillna("").astype(str).str.contains(LOWER_BOUND, regex=True).astype(bool)
