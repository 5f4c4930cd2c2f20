"""Dated events: grouping, counting and the timeline chart.

Pure functions on the ``events`` frame (``helpers.data.load("events")``) plus thin ``plot_*``
functions that draw in the house style.
"""

from __future__ import annotations

import pandas as pd

from . import dates, style
from . import events as ev_rules

#: The event domains grouped into five lanes for charts (each lane one colour).
LANES: dict[str, tuple[str, ...]] = {
    "Diplomacy & treaties": ("diplomacy", "treaty"),
    "Military, arms & space": ("military", "arms", "space"),
    "Nuclear & sanctions": ("nuclear", "sanctions"),
    "Economy, energy & transport": ("economy", "energy", "transport"),
    "Regional wars (Syria, Israel, Ukraine)": ("syria", "israel", "ukraine_war"),
}
LANE_COLOURS = dict(zip(LANES, ["blue", "vermillion", "purple", "green", "orange"]))
_DOMAIN_TO_LANE = {d: lane for lane, domains in LANES.items() for d in domains}


def lane(domain: str) -> str:
    """The chart lane of an event domain (an unknown domain is an error)."""
    try:
        return _DOMAIN_TO_LANE[domain]
    except KeyError:
        raise ValueError(f"event domain {domain!r} belongs to no lane; lanes: {LANES}") from None


def event_dates(events: pd.DataFrame) -> pd.Series:
    """Each event's date as a timestamp: the first day of its month or year where the
    precision is coarser than a day (:func:`helpers.dates.starts`)."""
    return dates.starts(events)


def with_lanes(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` plus ``when`` (timestamp), ``year`` and ``lane`` columns."""
    out = events.copy()
    out["when"] = event_dates(events)
    out["year"] = out["when"].dt.year
    out["lane"] = out["domain"].map(lane)
    return out


def per_year(events: pd.DataFrame) -> pd.DataFrame:
    """Number of events per year and lane (years without events included, as zero)."""
    ev = with_lanes(events)
    years = range(int(ev["year"].min()), int(ev["year"].max()) + 1)
    table = pd.crosstab(ev["year"], ev["lane"]).reindex(index=years, columns=list(LANES), fill_value=0)
    table.index.name = "year"
    return table


def points(events: pd.DataFrame) -> pd.DataFrame:
    """What :func:`plot_timeline` draws: per event its ``when``, ``lane``, row ``y`` (first lane at
    the top) and ``hollow`` (True when only the month or year is known)."""
    ev = with_lanes(events)
    lanes = list(LANES)
    out = pd.DataFrame(
        {
            "event_id": ev["event_id"],
            "when": ev["when"],
            "lane": ev["lane"],
            "y": ev["lane"].map(lambda name: len(lanes) - 1 - lanes.index(name)),
            "hollow": ev["date_precision"] != "day",
        }
    )
    return out.reset_index(drop=True)


def plot_timeline(events: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """One row per lane, one dot per event; hollow dots mark month- or year-precision dates."""
    pts = points(events)
    fig, ax = style.figure("wide")
    lanes = list(LANES)
    for name in lanes:
        rows = pts[pts["lane"] == name]
        colour = style.PALETTE[LANE_COLOURS[name]]
        exact, coarse = rows[~rows["hollow"]], rows[rows["hollow"]]
        ax.scatter(exact["when"], exact["y"], s=38, color=colour, alpha=0.8, edgecolor="white", linewidth=0.5, zorder=3)
        ax.scatter(coarse["when"], coarse["y"], s=38, facecolor="none", edgecolor=colour, linewidth=1.2, zorder=3)
    ax.set_yticks(range(len(lanes)), list(reversed(lanes)))
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.set_xlabel("Date of event (hollow dot: only the month or year is known)")
    ax.set_ylabel("Domain")
    ax.grid(axis="y", visible=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_per_year(events: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Stacked bars: events per year by lane."""
    table = per_year(events)
    fig, ax = style.figure("wide")
    bottom = pd.Series(0, index=table.index)
    for name in LANES:
        ax.bar(table.index, table[name], bottom=bottom, width=0.8, label=name, color=style.PALETTE[LANE_COLOURS[name]])
        bottom = bottom + table[name]
    ax.set_xlabel("Year")
    ax.set_ylabel("Events recorded (count)")
    ax.legend(loc="upper left", ncols=1)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def lane_summary(events: pd.DataFrame) -> pd.DataFrame:
    """Per lane: number of events, first and last date, domains it groups."""
    ev = with_lanes(events)
    rows = []
    for name, domains in LANES.items():
        sub = ev[ev["lane"] == name]
        rows.append(
            {
                "lane": name,
                "domains": ", ".join(domains),
                "events": len(sub),
                "first": sub.sort_values("when")["date"].iloc[0] if len(sub) else "—",
                "last": sub.sort_values("when")["date"].iloc[-1] if len(sub) else "—",
            }
        )
    out = pd.DataFrame(rows)
    total = {
        "lane": "All lanes",
        "domains": "",
        "events": len(ev),
        "first": ev.sort_values("when")["date"].iloc[0],
        "last": ev.sort_values("when")["date"].iloc[-1],
    }
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def browse(
    events: pd.DataFrame,
    domains: tuple[str, ...] | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> pd.DataFrame:
    """A readable selection of events (id, date, event, actors, sources, note), in date order.

    ``since``/``until`` are ISO dates, both inclusive, by the window rule of
    :func:`helpers.events.in_window` (a month-precision event is kept when its month overlaps the
    range); ``actor`` keeps events whose actors include it.
    """
    if since or until:
        events = ev_rules.in_window(events, since, until).drop(columns=["first", "last", "fit"])
    ev = with_lanes(events)
    keep = pd.Series(True, index=ev.index)
    if domains:
        unknown = set(domains) - set(_DOMAIN_TO_LANE)
        if unknown:
            raise ValueError(f"unknown domain(s) {sorted(unknown)}")
        keep &= ev["domain"].isin(domains)
    if actor:
        keep &= ev["actors_iso3"].map(lambda cell: ev_rules.has_all(cell, actor))
    cols = ["event_id", "date", "event", "actors_iso3", "source_ids", "note"]
    out = ev.loc[keep].sort_values(["when", "event_id"])[cols].reset_index(drop=True)
    out.attrs.update(events.attrs)
    return out


def disagreements(events: pd.DataFrame) -> pd.DataFrame:
    """Events whose note records that sources disagree or differ (the curators' wording:
    'disagree…', 'differ…', case-insensitive)."""
    out = browse(events)
    flagged = out["note"].fillna("").str.contains(r"(?i)\bdisagree|\bdiffer", regex=True)
    out = out[flagged].reset_index(drop=True)
    out.attrs.update(events.attrs)
    return out
