"""Dated events: grouping, counting and the timeline chart.

Pure functions on the ``events`` frame (``helpers.data.load("events")``) plus thin ``plot_*``
functions that draw in the house style.
"""

from __future__ import annotations

import pandas as pd

from . import dates, reliability, style
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
    """Number of events per year and lane (years without events included, as zero; the years run
    over every event shown). Events that rest only on low-confidence sources are not counted
    (:func:`helpers.reliability.split`)."""
    shown = with_lanes(events)
    ev = with_lanes(reliability.usable(events))
    years = range(int(shown["year"].min()), int(shown["year"].max()) + 1)
    table = pd.crosstab(ev["year"], ev["lane"]).reindex(index=years, columns=list(LANES), fill_value=0)
    table.index.name = "year"
    return table


def points(events: pd.DataFrame) -> pd.DataFrame:
    """What :func:`plot_timeline` draws: per event its ``when``, ``lane``, row ``y`` (first lane at
    the top), ``hollow`` (True when only the month or year is known) and ``low`` (True when it
    rests only on low-confidence sources, :func:`helpers.sources.low_confidence`)."""
    ev = with_lanes(events)
    lanes = list(LANES)
    out = pd.DataFrame(
        {
            "event_id": ev["event_id"],
            "when": ev["when"],
            "lane": ev["lane"],
            "y": ev["lane"].map(lambda name: len(lanes) - 1 - lanes.index(name)),
            "hollow": ev["date_precision"] != "day",
            "low": ev_rules.low_confidence(ev),
        }
    )
    return out.reset_index(drop=True)


def _year_axis(ax, first: pd.Timestamp, last: pd.Timestamp, step: int = 4) -> None:
    """A date axis that stops at the data: from just before ``first`` to just after ``last``, with
    year ticks every ``step`` years inside that range (never a tick beyond the last event)."""
    ax.set_xlim(first - pd.Timedelta(days=150), last + pd.Timedelta(days=120))
    years = range(first.year, last.year + 1, step)
    ax.set_xticks([pd.Timestamp(f"{y}-01-01") for y in years], [str(y) for y in years])


def plot_timeline(events: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """One row per lane, one dot per event; hollow dots mark month- or year-precision dates and a
    grey cross an event that rests only on low-confidence sources (the legend says so and that it
    is not counted; no text is drawn from such an event). The axis
    ends at the last event."""
    from matplotlib.lines import Line2D

    pts = points(events)
    fig, ax = style.figure("wide")
    lanes = list(LANES)
    for name in lanes:
        rows = pts[pts["lane"] == name]
        colour = style.PALETTE[LANE_COLOURS[name]]
        exact = rows[~rows["hollow"] & ~rows["low"]]
        coarse = rows[rows["hollow"] & ~rows["low"]]
        weak = rows[rows["low"]]
        ax.scatter(exact["when"], exact["y"], s=38, color=colour, alpha=0.8, edgecolor="white", linewidth=0.5, zorder=3)
        ax.scatter(coarse["when"], coarse["y"], s=38, facecolor="none", edgecolor=colour, linewidth=1.2, zorder=3)
        ax.scatter(weak["when"], weak["y"], s=34, marker="x", color=reliability.COLOUR, linewidth=1.3, zorder=4)
    ax.set_yticks(range(len(lanes)), list(reversed(lanes)))
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    _year_axis(ax, pts["when"].min(), pts["when"].max())
    ax.set_xlabel("Date of event")
    ax.set_ylabel("Domain")
    ax.grid(axis="y", visible=False)
    grey = style.PALETTE["grey"]
    handles = [
        Line2D([], [], marker="o", linestyle="", color=grey, label="day known"),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="none",
            markeredgecolor=grey,
            label="only month or year known",
        ),
    ]
    if pts["low"].any():
        handles.append(
            Line2D(
                [],
                [],
                marker="x",
                linestyle="",
                color=reliability.COLOUR,
                label=reliability.NOT_COUNTED,
            )
        )
    # centred under the axes in two columns: the long lane labels leave the axes narrower than the figure
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, fontsize=9)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_per_year(
    events: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None, through: object = None
) -> None:
    """Stacked bars: events per year by lane. The last year is partial when the events stop
    before its end (``through``, default :func:`helpers.events.last_day`): its bar is hatched and
    labelled with the day the record reaches. The axis ends at the last year."""
    table = per_year(events)
    end = pd.Timestamp(through) if through is not None else ev_rules.last_day(events)
    last = int(table.index.max())
    partial = end < pd.Timestamp(f"{last}-12-31")
    fig, ax = style.figure("wide")
    bottom = pd.Series(0, index=table.index)
    for name in LANES:
        colour = style.PALETTE[LANE_COLOURS[name]]
        full = table[name].where(table.index != last, 0) if partial else table[name]
        ax.bar(table.index, full, bottom=bottom, width=0.8, label=name, color=colour)
        if partial:
            ax.bar(
                [last],
                [table.at[last, name]],
                bottom=[bottom[last]],
                width=0.8,
                color=colour,
                alpha=0.55,
                hatch="///",
                edgecolor="white",
                linewidth=0,
            )
        bottom = bottom + table[name]
    if partial:
        ax.annotate(
            f"partial: to {dates.fmt(end)}",
            xy=(last, bottom[last]),
            xytext=(0, 4),
            textcoords="offset points",
            rotation=90,
            ha="center",
            va="bottom",
            fontsize=9,
            color="#333333",
        )
    ax.set_xlim(table.index.min() - 0.7, last + 0.7)
    ax.set_ylim(0, float(bottom.max()) * 1.3)
    ax.set_xlabel("Year" + (f" ({last} partial: hatched)" if partial else ""))
    ax.set_ylabel("Events recorded (count)")
    left_out = reliability.not_counted(len(reliability.shown_only(events)), "event")
    if left_out:  # the count leaves out what rests only on low-confidence sources, and says so
        from matplotlib.patches import Patch

        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles + [Patch(alpha=0)], labels + [left_out], loc="upper left", ncols=1)
    else:
        ax.legend(loc="upper left", ncols=1)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def lane_summary(events: pd.DataFrame) -> pd.DataFrame:
    """Per lane: number of events counted, those shown but not counted (they rest only on
    low-confidence sources, :func:`helpers.reliability.split`), first and last date of the events
    counted, domains the lane groups."""
    ev = with_lanes(events)
    low = reliability.is_low(ev)
    rows = []
    for name, domains in LANES.items():
        sub = ev[(ev["lane"] == name) & ~low]
        rows.append(
            {
                "lane": name,
                "domains": ", ".join(domains),
                "events": len(sub),
                "not counted (low confidence)": int(((ev["lane"] == name) & low).sum()),
                "first": sub.sort_values("when")["date"].iloc[0] if len(sub) else "—",
                "last": sub.sort_values("when")["date"].iloc[-1] if len(sub) else "—",
            }
        )
    out = pd.DataFrame(rows)
    counted = ev[~low]
    total = {
        "lane": "All lanes",
        "domains": "",
        "events": len(counted),
        "not counted (low confidence)": int(low.sum()),
        "first": counted.sort_values("when")["date"].iloc[0],
        "last": counted.sort_values("when")["date"].iloc[-1],
    }
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def browse(
    events: pd.DataFrame,
    domains: tuple[str, ...] | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> pd.DataFrame:
    """A readable selection of events (id, date, confidence of the sources — ``low`` when they are
    all low confidence —, event, actors, sources, note), in date order.

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
    out = reliability.with_confidence(out, after="date")
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
