"""Shahed/Geran drones launched at Ukraine: monthly series, the decoy caveat, event annotations.

Pure functions on ``drone_launches_monthly`` (Ukrainian Air Force claims, monthly sums; see the
catalogue) and on ``events``, plus a thin :func:`plot_monthly` in the house style.

Caveats the functions keep visible rather than hide:

- the first and last months are partial (``partial_month``): they are flagged, never dropped or
  scaled up, and left out of "peak month" and full-year comparisons;
- the Air Force's Shahed figure includes decoys; from July 2025 some posts give ``is_shahed``, the
  approximate number of real Shahed strike drones. The real-drone share is
  ``is_shahed / launched_with_is_shahed`` (the launches *in the posts that report it*), never
  ``is_shahed / launched``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import dates, reliability, style
from . import events as ev_rules


def monthly(drones: pd.DataFrame) -> pd.DataFrame:
    """The monthly table in date order with ``when`` (first day of the month), ``year`` and
    ``real_share`` (``is_shahed / launched_with_is_shahed``; ``NaN`` where not reported)."""
    out = drones.copy()
    out["when"] = pd.to_datetime(out["month"], format="%Y-%m")
    out["year"] = out["when"].dt.year
    num = out["is_shahed"].astype("Float64")
    den = out["launched_with_is_shahed"].astype("Float64")
    share = (num / den.where(den > 0)).astype(float)
    out["real_share"] = share
    out = out.sort_values("when").reset_index(drop=True)
    out.attrs.update(drones.attrs)
    return out


def full_months(drones: pd.DataFrame) -> pd.DataFrame:
    """The months the release covers completely (``partial_month`` false)."""
    m = monthly(drones)
    return m[~m["partial_month"].astype(bool)].reset_index(drop=True)


def peak_month(drones: pd.DataFrame) -> pd.Series:
    """The complete month with the most launches claimed (partial months are left out)."""
    m = full_months(drones)
    return m.loc[m["launched"].astype(int).idxmax()]


def by_year(drones: pd.DataFrame) -> pd.DataFrame:
    """Launches per calendar year: total, months in the release, complete months, monthly mean
    over complete months, and whether the year is complete (12 complete months)."""
    m = monthly(drones)
    rows = []
    for year, g in m.groupby("year"):
        full = g[~g["partial_month"].astype(bool)]
        rows.append(
            {
                "year": int(year),
                "launched": int(g["launched"].sum()),
                "months": len(g),
                "complete months": len(full),
                "mean per complete month": float(full["launched"].mean()) if len(full) else np.nan,
                "complete year": len(full) == 12,
            }
        )
    return pd.DataFrame(rows)


def real_share_table(drones: pd.DataFrame) -> pd.DataFrame:
    """The months whose posts report ``is_shahed``: launches claimed, launches in the reporting
    posts, real Shaheds among those, and the real share (%). A last row sums the months."""
    m = monthly(drones)
    m = m[m["launched_with_is_shahed"].notna()]
    cols = {
        "month": "month",
        "launched": "launched (all posts)",
        "launched_with_is_shahed": "launched (posts giving the split)",
        "is_shahed": "real Shaheds (those posts)",
    }
    out = m[list(cols)].rename(columns=cols).reset_index(drop=True)
    out["real share (%)"] = 100 * m["real_share"].to_numpy()
    rep = m[m["is_shahed"].notna()]
    total = {
        "month": "all months with a split",
        "launched (all posts)": int(m["launched"].sum()),
        "launched (posts giving the split)": int(rep["launched_with_is_shahed"].sum()),
        "real Shaheds (those posts)": int(rep["is_shahed"].sum()),
        "real share (%)": 100 * float(rep["is_shahed"].sum()) / float(rep["launched_with_is_shahed"].sum()),
    }
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    for c in ("launched (all posts)", "launched (posts giving the split)", "real Shaheds (those posts)"):
        out[c] = out[c].astype("Int64")
    return out


def first_split_month(drones: pd.DataFrame) -> str:
    """The first month in which a post gives the real-Shahed split (``is_shahed``)."""
    m = monthly(drones)
    return str(m.loc[m["is_shahed"].notna(), "month"].iloc[0])


def event_marks(events: pd.DataFrame, pattern: str, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Events whose text matches the regular expression ``pattern`` (case-insensitive), with
    ``when``, a running ``label`` (1, 2, …) for marking them on a chart and ``low`` (the event
    rests only on low-confidence sources); optionally only between the ISO dates ``start`` and
    ``end`` (inclusive)."""
    ev = events.assign(when=dates.starts(events))
    keep = ev["event"].str.contains(pattern, flags=re.IGNORECASE, regex=True)
    if start:
        keep &= ev["when"] >= pd.Timestamp(start)
    if end:
        keep &= ev["when"] <= pd.Timestamp(end)
    out = ev.loc[keep].sort_values(["when", "event_id"]).reset_index(drop=True)
    out.insert(0, "label", range(1, len(out) + 1))
    out["low"] = ev_rules.low_confidence(out).to_numpy()
    if "source_ids" in out:
        out["confidence"] = reliability.confidence(out) if len(out) else pd.Series(dtype=object)
    out.attrs.update(events.attrs)
    return out


def _launch_panel(
    ax, m: pd.DataFrame, marks: pd.DataFrame | None, hollow: pd.Series, hollow_label: str, split_label: str
) -> None:
    """Monthly launch bars (months in ``hollow`` hatched), the months with a real-Shahed split
    shaded, and the event pins: the panel both monthly charts share."""
    width, blue = 25, style.PALETTE["blue"]
    ax.bar(
        m.loc[~hollow, "when"],
        m.loc[~hollow, "launched"].astype(int),
        width=width,
        color=blue,
        label="Shahed-type drones launched, decoys included (claimed)",
    )
    ax.bar(
        m.loc[hollow, "when"],
        m.loc[hollow, "launched"].astype(int),
        width=width,
        facecolor="white",
        edgecolor=blue,
        hatch="///",
        linewidth=0.8,
        label=hollow_label,
    )
    first = m.loc[m["launched_with_is_shahed"].notna(), "when"].min()
    ax.axvspan(
        first - pd.Timedelta(days=16),
        m["when"].max() + pd.Timedelta(days=16),
        color="#DDDDDD",
        alpha=0.6,
        linewidth=0,
        zorder=0,
        label=split_label,
    )
    _pin_events(ax, marks, float(m["launched"].max()))


def _pin_events(ax, marks: pd.DataFrame | None, top: float) -> None:
    """Dotted lines with numbered pins for the events in ``marks`` (columns ``when``, ``label``),
    above the highest bar ``top``; the y axis makes room for the pins."""
    if marks is not None:
        for _, row in marks.iterrows():
            weak = bool(row.get("low", False))
            ax.axvline(row["when"], color="#555555", linestyle=":", linewidth=1)
            ax.text(
                row["when"],
                top * 1.07,
                str(row["label"]),
                ha="center",
                va="center",
                fontsize=9,
                fontweight="normal" if weak else "bold",
                fontstyle="italic" if weak else "normal",
                color=reliability.COLOUR if weak else "black",
                bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "#555555", "ls": "--" if weak else "-"},
            )
    ax.set_ylim(0, top * 1.14)


#: How a pin drawn from an event that rests only on low-confidence sources looks (grey italic,
LOW_CONFIDENCE_LABEL = "grey italic pin: event rests only on low-confidence sources"


def _legend(ax, marks: pd.DataFrame | None, ncols: int) -> None:
    """The launch panel's legend above the panel (never over the bars), with an entry for
    low-confidence pins when there are any."""
    from matplotlib.lines import Line2D

    handles, labels = ax.get_legend_handles_labels()
    if marks is not None and "low" in marks and marks["low"].any():
        handles.append(Line2D([], [], color=reliability.COLOUR, linestyle=":", linewidth=1))
        labels.append(LOW_CONFIDENCE_LABEL)
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=8.5, ncols=ncols, frameon=False)


def plot_monthly(
    drones: pd.DataFrame, marks: pd.DataFrame | None, title: str, source: str, alt: str, subtitle: str | None = None
) -> None:
    """Bars of drones launched per month (partial months hatched); the months from the first
    real-Shahed split on shaded (the bars there still include decoys: see :func:`real_share_table`);
    ``marks`` (from :func:`event_marks`) as numbered dotted lines."""
    m = monthly(drones)
    fig, ax = style.figure("wide")
    _launch_panel(
        ax,
        m,
        marks,
        m["partial_month"].astype(bool),
        "Partial month (release covers part of it)",
        "From here the Air Force gives real Shaheds apart from decoys",
    )
    ax.set_xlabel("Month (numbered lines: events listed in the table below)")
    ax.set_ylabel("Drones per month (count)")
    _legend(ax, marks, ncols=1)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- reporting days and counting rules

#: A month with fewer days carrying a counted Shahed row than this is *thin*: its total rests on a
#: few attacks the compiler recorded, not on a tally of every day, so growth from it is overstated.
THIN_DAYS = 10

#: The counting rules a reader meets, as (column label, dating column, mixed rows included?).
RULES: tuple[tuple[str, str, bool], ...] = (
    ("by end of attack window (this collection)", "by_end", False),
    ("by start of attack window", "by_start", False),
    ("by end, with the mixed row", "by_end", True),
    ("by start, with the mixed row", "by_start", True),
)


def coverage(drones: pd.DataFrame, thin_days: int = THIN_DAYS) -> pd.DataFrame:
    """The monthly table (:func:`monthly`) with ``days_in_month``, ``launched_per_reporting_day``
    (``NaN`` for a month without reports) and ``thin`` (fewer than ``thin_days`` reporting days)."""
    m = monthly(drones)
    m["days_in_month"] = m["when"].dt.days_in_month
    days = m["days_with_reports"].astype(float)
    m["launched_per_reporting_day"] = m["launched"].astype(float) / days.where(days > 0)
    m["thin"] = m["days_with_reports"].astype(int) < thin_days
    return m


def thin_months(drones: pd.DataFrame, thin_days: int = THIN_DAYS) -> pd.DataFrame:
    """The thin months: month, reporting days, launches and launches per reporting day."""
    m = coverage(drones, thin_days)
    cols = {
        "month": "month",
        "days_with_reports": "reporting days",
        "launched": "launched",
        "launched_per_reporting_day": "per reporting day",
        "partial_month": "partial month",
    }
    return m.loc[m["thin"], list(cols)].rename(columns=cols).reset_index(drop=True)


def year_table(drones: pd.DataFrame, thin_days: int = THIN_DAYS) -> pd.DataFrame:
    """Per calendar year: launches, reporting days, launches per reporting day, thin months and
    complete months (partial months are counted but flagged)."""
    m = coverage(drones, thin_days)
    rows = []
    for year, g in m.groupby("year"):
        days = int(g["days_with_reports"].sum())
        rows.append(
            {
                "year": int(year),
                "launched": int(g["launched"].sum()),
                "reporting days": days,
                "per reporting day": g["launched"].sum() / days if days else np.nan,
                "thin months": int(g["thin"].sum()),
                "complete months": int((~g["partial_month"].astype(bool)).sum()),
            }
        )
    return pd.DataFrame(rows)


def growth(drones: pd.DataFrame, first: int, last: int, thin_days: int = THIN_DAYS) -> dict[str, float]:
    """How many times larger ``last`` is than ``first``: in launches, in reporting days and in
    launches per reporting day (the growth a thin early year does not inflate)."""
    y = year_table(drones, thin_days).set_index("year")
    a, b = y.loc[first], y.loc[last]
    return {
        "launched": b["launched"] / a["launched"],
        "reporting days": b["reporting days"] / a["reporting days"],
        "per reporting day": b["per reporting day"] / a["per reporting day"],
    }


def daily_rule(daily: pd.DataFrame, dating: str, mixed: bool) -> pd.Series:
    """Launches per day under one counting rule: dated ``by_end`` or ``by_start`` of the attack
    window, with or without the rows that mix Shahed-136/131 with another weapon."""
    if dating not in ("by_end", "by_start"):
        raise ValueError(f"dating must be 'by_end' or 'by_start', not {dating!r}")
    values = daily[f"launched_{dating}"].astype(int)
    if mixed:
        values = values + daily[f"mixed_{dating}"].astype(int)
    return pd.Series(values.to_numpy(), index=pd.to_datetime(daily["day"]), name=dating)


def totals_by_rule(daily: pd.DataFrame, rules: Sequence[tuple[str, str, bool]] = RULES) -> pd.DataFrame:
    """Launches per calendar year under each counting rule (columns), years as rows."""
    cols = {}
    for label, dating, mixed in rules:
        s = daily_rule(daily, dating, mixed)
        cols[label] = s.groupby(s.index.year).sum()
    out = pd.DataFrame(cols).fillna(0).astype(int)
    out.index.name = "year"
    return out


def against_published(daily: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Each published total next to the sum of the daily tallies over the same days (both ends
    included), dated by end and by start of the attack window. ``comparable`` is false where the
    published figure is not for Shahed-type drones or starts before the tallies do."""
    first_day = pd.to_datetime(daily["day"]).min()
    end, start = daily_rule(daily, "by_end", False), daily_rule(daily, "by_start", False)
    rows = []
    for _, p in published.iterrows():
        lo, hi = pd.Timestamp(p["period_start"]), pd.Timestamp(p["period_end"])
        by_end = int(end[(end.index >= lo) & (end.index <= hi)].sum())
        by_start = int(start[(start.index >= lo) & (start.index <= hi)].sum())
        shahed = "shahed" in str(p["what"]).lower()
        rows.append(
            {
                "claimant": p["claimant"],
                "said": p["stated"],
                "period": f"{lo.date()} to {hi.date()}",
                "what": p["what"],
                "published": int(p["value"]),
                "qualifier": p["qualifier"],
                "tallies, by end": by_end,
                "tallies, by start": by_start,
                "tallies ÷ published": by_end / int(p["value"]),
                "comparable": shahed and lo >= first_day,
                "source_ids": p["source_ids"],
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["file"] = "data/drone_published_totals.csv"
    return out


def plot_coverage(
    drones: pd.DataFrame,
    marks: pd.DataFrame | None,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    thin_days: int = THIN_DAYS,
) -> None:
    """Two panels on one time axis: drones launched per month (thin and partial months hatched,
    the months with a real-Shahed split shaded, ``marks`` as numbered dotted lines) above, and the
    reporting days of each month below, with the thin-month threshold drawn."""
    m = coverage(drones, thin_days)
    fig, (ax, ax2) = style.figure("tall", nrows=2, sharex=True, gridspec_kw={"height_ratios": [3, 1.3]})
    width, grey = 25, style.PALETTE["grey"]
    _launch_panel(
        ax,
        m,
        marks,
        m["partial_month"].astype(bool) | m["thin"],
        f"Thin (< {thin_days} reporting days) or partial month",
        "Air Force gives real Shaheds apart from decoys",
    )
    ax.set_ylabel("Drones per month (count)")
    ax.set_xlabel("Month")
    ax.xaxis.label.set_visible(False)  # the shared axis is labelled under the lower panel
    _legend(ax, marks, ncols=1)
    ax2.bar(
        m["when"],
        m["days_in_month"],
        width=width,
        facecolor="white",
        edgecolor="#BBBBBB",
        linewidth=0.6,
        label="Days in the month",
    )
    ax2.bar(m["when"], m["days_with_reports"].astype(int), width=width, color=grey, label="Days with a counted report")
    ax2.axhline(
        thin_days,
        color=style.PALETTE["vermillion"],
        linestyle="--",
        linewidth=1,
        label=f"Thin-month threshold ({thin_days} days)",
    )
    ax2.set_ylim(0, 34)
    ax2.set_ylabel("Reporting days")
    ax2.set_xlabel("Month (numbered lines: events listed in the table below)")
    ax2.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=8, ncols=3, frameon=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
