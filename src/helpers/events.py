"""Event selection and classification: one rule for every notebook.

**Selection in a window.** A window is a pair of days, both **inclusive** (see
:mod:`helpers.periods`). An event's date means a period (:func:`helpers.dates.span`): a day, a
whole month or a whole year. An event is *in* a window when that period overlaps the window —
it may have happened inside it. Such an event has ``fit`` = ``inside`` when its whole period lies
in the window (always so for a day inside), and ``overlaps`` when only part of it does (a month- or
year-precision date whose month or year straddles a window end). Tables show the ``fit``; charts
draw an ``overlaps`` event as a span, not a dot. A lower bound alone (``since``) follows the same
rule with an open end: a month-precision event counts from a ``since`` day inside its month.

**Classification.** Every event in a window gets one *lane*:

- ``Strikes`` — military action by anyone but Russia;
- Russian conduct — an event led by Russia (Russia is the first actor) or a UN vote with Russia
  among the actors, not tagged ``[unconfirmed]`` in its note (a report of the conduct that no
  government confirmed, or that was denied — :data:`UNCONFIRMED`) and not tagged
  ``[non-official]`` (words of Russians who do not speak for the state: an individual legislator,
  a former official, a commentator, a private person — :data:`NON_OFFICIAL`) nor
  ``[market report]`` (prices and volumes as traders estimate them — :data:`MARKET_REPORT`) —
  split by its type:

  - **words** — statements (``statement``);
  - **contacts** — meetings and telephone calls (``meeting``): talking *to* someone, which is
    neither a public word nor a commitment, so it is counted apart from both;
  - **acts** — formal steps that commit Russia: UN votes and drafts, agreements, sanctions and
    other decisions (``vote``, ``agreement``, ``sanction``, ``other``);
  - **material help** — something of material value moves: deliveries of arms or aid, economic
    steps, military action (``delivery``, ``economic``, ``military_action``);
- ``Others`` — every other event (other states' words, talks, ceasefires; unconfirmed reports;
  non-official words; market reports).

Notebooks 03 and 04 both count with :func:`classify`, so they give the same numbers.

**Reliability.** An event that rests only on low-confidence sources is shown (tables, grey marks) but
never counted: :func:`lane_counts` and every count built on it keep only the rows
:func:`helpers.reliability.usable` keeps.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from . import data, dates

STRIKES = "Strikes (military action)"
RUS_WORDS = "Russia: words (statements)"
RUS_CONTACTS = "Russia: contacts (calls, meetings)"
RUS_ACTS = "Russia: acts (UN votes, agreements, decisions)"
RUS_HELP = "Russia: material help (deliveries, economic, military)"
OTHERS = "Others: words, talks, ceasefires, reports"
LANES: tuple[str, ...] = (STRIKES, RUS_WORDS, RUS_CONTACTS, RUS_ACTS, RUS_HELP, OTHERS)
RUSSIAN: tuple[str, ...] = (RUS_WORDS, RUS_CONTACTS, RUS_ACTS, RUS_HELP)
#: The column of :func:`conduct_by_window` that states what the counts left out.
NOT_COUNTED = "not counted (low confidence)"

#: event type → class of Russian conduct (the rule of the module docstring)
CONDUCT: dict[str, str] = {
    "statement": RUS_WORDS,
    "meeting": RUS_CONTACTS,
    "vote": RUS_ACTS,
    "agreement": RUS_ACTS,
    "sanction": RUS_ACTS,
    "other": RUS_ACTS,
    "delivery": RUS_HELP,
    "economic": RUS_HELP,
    "military_action": RUS_HELP,
}
#: The tag a note carries when the conduct the row reports is itself unconfirmed (a report resting
#: on anonymous officials, or denied by the governments named): such an event is never a state's
#: conduct (codebook, section 8). A note that only says some *detail* is unconfirmed (that a
#: delivery followed a purchase, say) carries no tag: the tag, not the word, decides.
UNCONFIRMED = "[unconfirmed]"
#: The tag a note carries when the words it records are not spoken for a state (an individual
#: legislator or council member speaking for themselves, a former official, a commentator, a
#: journalist, a private person); such an event is never a state's conduct (codebook, section 8).
NON_OFFICIAL = "[non-official]"
#: The tag a note carries when the row reports a market (prices, discounts, volumes, as traders or
#: trackers estimate them), which records no state's decision: never a state's conduct (codebook,
#: section 8), whichever state the row names first.
MARKET_REPORT = "[market report]"
#: The note tags that make a row no state's conduct (:func:`not_conduct`).
NOT_CONDUCT_TAGS: tuple[str, ...] = (UNCONFIRMED, NON_OFFICIAL, MARKET_REPORT)


def _note_text(note: object) -> str:
    """An event's note as text ("" when there is none)."""
    return "" if note is None or pd.isna(note) else str(note)


def non_official(note: object) -> bool:
    """True when an event's note carries the :data:`NON_OFFICIAL` tag."""
    return NON_OFFICIAL in _note_text(note)


def unconfirmed(note: object) -> bool:
    """True when an event's note carries the :data:`UNCONFIRMED` tag."""
    return UNCONFIRMED in _note_text(note)


def not_conduct(note: object) -> bool:
    """True when an event's note says it is no state's conduct, whoever leads it: tagged
    :data:`UNCONFIRMED`, :data:`NON_OFFICIAL` or :data:`MARKET_REPORT` (:data:`NOT_CONDUCT_TAGS`).
    Russia's lanes (:func:`lane_of`) and Iran's lane of notebook 03
    (:func:`helpers.defence.iran_about_russia`) both read this one test."""
    text = _note_text(note)
    return any(tag in text for tag in NOT_CONDUCT_TAGS)


# --------------------------------------------------------------------------- actors


def actors(cell: object) -> list[str]:
    """The codes of an ``actors_iso3`` cell (an empty or missing cell is an error)."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)) or str(cell) == "":
        raise ValueError("an event without actors (actors_iso3 is empty)")
    return data.split_list(str(cell))


def has_all(cell: object, *codes: str) -> bool:
    """True when every one of ``codes`` is among the actors of ``cell``."""
    items = actors(cell)
    return all(c in items for c in codes)


def with_actors(events: pd.DataFrame, *codes: str) -> pd.DataFrame:
    """The events whose actors include every one of ``codes``."""
    return events[events["actors_iso3"].map(lambda a: has_all(a, *codes))]


# --------------------------------------------------------------------------- selection


def in_window(events: pd.DataFrame, start: object | None, end: object | None = None) -> pd.DataFrame:
    """Events in [``start``, ``end``] (both inclusive; ``None``: no bound on that side) by the rule
    of the module docstring, with ``first`` and ``last`` (the days the date can mean) and ``fit``
    (``inside`` / ``overlaps``). Date order, then id."""
    lo = pd.Timestamp(start) if start is not None else pd.Timestamp.min.ceil("D")
    hi = pd.Timestamp(end) if end is not None else pd.Timestamp.max.normalize()
    if hi < lo:
        raise ValueError(f"window ends ({hi.date()}) before it starts ({lo.date()})")
    out = pd.concat([events, dates.spans(events)], axis=1)
    where = dates.placement(out["first"], out["last"], lo, hi)
    out = out[where.isin([dates.INSIDE, dates.OVERLAPS])].copy()
    out["fit"] = where[out.index]
    out = out.sort_values(["first", "event_id"]).reset_index(drop=True)
    out.attrs.update(events.attrs)
    return out


# --------------------------------------------------------------------------- classification


def is_russian(cell: object, event_type: str) -> bool:
    """Russia's own event: led by Russia, or a UN vote with Russia among the actors."""
    items = actors(cell)
    return items[0] == "RUS" or (items[0] == "UN" and "RUS" in items and event_type == "vote")


def lane_of(cell: object, event_type: str, note: object = None) -> str:
    """The lane (:data:`LANES`) of one event."""
    if event_type not in CONDUCT:
        raise ValueError(f"unknown event type {event_type!r}")
    if not_conduct(note):
        return OTHERS
    if is_russian(cell, event_type):
        return CONDUCT[event_type]
    if event_type == "military_action":
        return STRIKES
    return OTHERS


def classify(events: pd.DataFrame) -> pd.Series:
    """The lane of every event (index of ``events``), named ``lane``."""
    notes = events["note"] if "note" in events else pd.Series([None] * len(events), index=events.index)
    return pd.Series(
        [lane_of(a, t, n) for a, t, n in zip(events["actors_iso3"], events["event_type"], notes)],
        index=events.index,
        name="lane",
        dtype=object,
    )


def lane_counts(window: pd.DataFrame, lanes: Sequence[str] = LANES) -> pd.DataFrame:
    """Events per lane of a window (from :func:`in_window`; every lane listed, zeros included) and
    the days with at least one day-precision event in the lane. Events that rest only on
    low-confidence sources are not counted (:func:`helpers.reliability.split`)."""
    from . import reliability

    window = reliability.usable(window)
    classes = classify(window)
    rows = []
    for name in lanes:
        sub = window[classes == name]
        days = sub.loc[sub["date_precision"] == "day", "first"].nunique()
        rows.append({"lane": name, "events": len(sub), "days with an event": int(days)})
    return pd.DataFrame(rows)


def conduct_by_window(events: pd.DataFrame, windows: dict[str, tuple[object, object]]) -> pd.DataFrame:
    """One row per window (label → (start, end)): Russian words, contacts, acts and material help
    (:func:`classify`) among the events in the window, their total, and the Russian events of the
    window left out of the counts because they rest only on low-confidence sources."""
    from . import reliability

    rows = []
    for name, (start, end) in windows.items():
        window = in_window(events, start, end)
        counts = lane_counts(window, RUSSIAN).set_index("lane")["events"]
        left_out = reliability.shown_only(window)
        row: dict[str, object] = {
            "window": name,
            "from": dates.fmt(pd.Timestamp(start)),
            "to": dates.fmt(pd.Timestamp(end)),
        }
        row.update({lane: int(counts[lane]) for lane in RUSSIAN})
        row["Russian events"] = int(counts.sum())
        row[NOT_COUNTED] = int(classify(left_out).isin(RUSSIAN).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def conduct_list(
    events: pd.DataFrame, windows: dict[str, tuple[object, object]], lanes: Sequence[str] = (RUS_ACTS, RUS_HELP)
) -> pd.DataFrame:
    """The events of each window in ``lanes`` (default: Russian acts and material help), with
    date, lane, text and sources, so a reader can check each one."""
    parts = []
    for name, (start, end) in windows.items():
        win = in_window(events, start, end)
        win = win.assign(lane=classify(win))
        sub = win[win["lane"].isin(lanes)]
        parts.append(
            pd.DataFrame(
                {
                    "window": name,
                    "event_id": sub["event_id"],
                    "date": [dates.fmt(d, p) for d, p in zip(sub["date"], sub["date_precision"])],
                    "lane": sub["lane"],
                    "event": sub["event"],
                    "source_ids": sub["source_ids"],
                }
            )
        )
    cols = ["window", "event_id", "date", "lane", "event", "source_ids"]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    out.attrs["file"] = "data/events.csv"
    return out[cols]


def day_counts(window: pd.DataFrame) -> pd.DataFrame:
    """Per lane and day: the number of day-precision events of a window (from :func:`in_window`),
    columns ``lane``, ``day``, ``events``; lanes in :data:`LANES` order, days ascending."""
    ev = window[window["date_precision"] == "day"]
    ev = ev.assign(lane=classify(ev))
    out = ev.groupby(["lane", "first"]).size().rename("events").reset_index().rename(columns={"first": "day"})
    out["order"] = out["lane"].map(LANES.index)
    return out.sort_values(["order", "day"]).drop(columns="order").reset_index(drop=True)


def coarse_spans(window: pd.DataFrame, start: object, end: object) -> pd.DataFrame:
    """The month- or year-precision events of a window with the part of their period inside
    [``start``, ``end``]: ``event_id``, ``lane``, ``lo``, ``hi`` (clipped to the window)."""
    lo_w, hi_w = pd.Timestamp(start), pd.Timestamp(end)
    ev = window[window["date_precision"] != "day"]
    out = pd.DataFrame(
        {
            "event_id": ev["event_id"].to_numpy(),
            "lane": classify(ev).to_numpy(),
            "lo": ev["first"].clip(lower=lo_w).to_numpy(),
            "hi": ev["last"].clip(upper=hi_w).to_numpy(),
        }
    )
    return out


# --------------------------------------------------------------------------- horizon and reliability


def last_day(events: pd.DataFrame) -> pd.Timestamp:
    """The latest day the events reach: the latest counted event known to the day (a later month-
    or year-precision event would only say 'Jun 2026'; a later event that rests only on
    low-confidence sources is shown but not counted, :func:`helpers.reliability.split`). This is
    where the events series stops — the **Coverage** line of every notebook and the partial-year
    mark of the charts."""
    from . import reliability

    events = reliability.usable(events)
    days = events.loc[events["date_precision"] == "day", "date"]
    if days.empty:
        raise ValueError("no event is dated to the day, so the series has no last day")
    return pd.Timestamp(days.max())


def low_confidence(frame: pd.DataFrame, column: str = "source_ids") -> pd.Series:
    """True for each row that rests only on low-confidence sources
    (:func:`helpers.sources.low_confidence`); all False for an empty frame or one without
    ``column`` (hand-made frames in tests, selections that dropped their sources). The rule every
    chart uses to draw such rows differently — the same test as :func:`helpers.reliability.split`."""
    from . import reliability

    return reliability.is_low(frame, column=column)
