"""Dyadic contacts: who met or called whom (``data/contacts.csv``).

Each row is one conversation between two states, read by hand from the text of a meeting or call
in the events table: the *counterpart* is the state spoken to, never a state the talk was about
(a Putin–Trump call about Israel is Russia–United States, not Russia–Israel). No counterpart is
guessed from an event's actor list at run time. A contact that rests only on low-confidence sources
is shown but not counted (:func:`helpers.reliability.split`): :func:`per_year` leaves it out.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from . import dates, reliability

LEVELS = ("leader", "minister", "delegation")  # Russia's most senior participant (codebook, section 9)


def check_against_events(contacts: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """Problems where a contact disagrees with its event: the event is not a meeting or call, its
    date differs, a source is not among the event's, or a party is not among its actors."""
    ev = events.set_index("event_id")
    problems = []
    for i, row in contacts.reset_index(drop=True).iterrows():
        where = f"data/contacts.csv, row {i + 1} ({row['contact_id']})"
        e = ev.loc[row["event_id"]]
        if e["event_type"] != "meeting":
            problems.append(
                f"{where}, column event_id: {row['event_id']} is a {e['event_type']}, not a meeting or call"
            )
        if (row["date"], row["date_precision"]) != (e["date"], e["date_precision"]):
            problems.append(f"{where}, column date: {row['date']} but the event is dated {e['date']}")
        missing = set(str(row["source_ids"]).split(";")) - set(str(e["source_ids"]).split(";"))
        if missing:
            problems.append(f"{where}, column source_ids: {sorted(missing)} not among the event's sources")
        actors = set(str(e["actors_iso3"]).split(";"))
        for col in ("state_iso3", "counterpart_iso3"):
            if row[col] not in actors:
                problems.append(f"{where}, column {col}: {row[col]} is not among the event's actors")
    return problems


def per_year(
    contacts: pd.DataFrame,
    counterparts: Sequence[str],
    state: str = "RUS",
    since: int | None = None,
    until: int | None = None,
    names: dict[str, str] | None = None,
    not_counted: bool = False,
    levels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Contacts per year between ``state`` and each of ``counterparts`` (one column each, headed
    ``State–Counterpart`` with ``names``), every year from ``since`` to ``until`` (default: the
    first and last year with a contact), zeros included. An event with two calls to the same
    counterpart would count twice; the table has none.

    ``levels``: count only contacts at these levels (``leader``, ``minister``, ``delegation``:
    Russia's most senior participant), so that two counterparts searched at different depths are
    compared at the same level; ``None`` counts every level. An unknown level is an error.

    Only the contacts findings may rest on are counted (:func:`helpers.reliability.usable`);
    ``not_counted`` counts instead the ones left out (they rest only on low-confidence sources),
    so that a chart or table can state how many it left out."""
    names = {} if names is None else names
    counted, left_out = reliability.split(contacts)
    contacts = left_out if not_counted else counted
    sub = contacts[(contacts["state_iso3"] == state) & contacts["counterpart_iso3"].isin(counterparts)].copy()
    if levels is not None:
        unknown = sorted(set(levels) - set(LEVELS))
        if unknown:
            raise ValueError(f"contacts: levels {unknown} are not among {list(LEVELS)}")
        sub = sub[sub["level"].isin(list(levels))]
    sub["year"] = dates.starts(sub).dt.year
    years = sub["year"]
    lo = int(years.min()) if since is None else since
    hi = int(years.max()) if until is None else until
    table = pd.crosstab(sub["year"], sub["counterpart_iso3"]).reindex(
        index=range(lo, hi + 1), columns=list(counterparts), fill_value=0
    )
    table.columns = [f"{names.get(state, state)}–{names.get(c, c)}" for c in counterparts]
    table.index.name = "year"
    return table.astype(int)


def between(contacts: pd.DataFrame, start: object, end: object, state: str = "RUS") -> pd.DataFrame:
    """The contacts of ``state`` whose date can fall in [``start``, ``end``] (both inclusive; a
    month-precision date counts when its month overlaps), with the counterpart and channel."""
    spans = dates.spans(contacts)
    keep = (
        (contacts["state_iso3"] == state)
        & (spans["last"] >= pd.Timestamp(start))
        & (spans["first"] <= pd.Timestamp(end))
    )
    return contacts[keep]
