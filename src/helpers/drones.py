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

import numpy as np
import pandas as pd

from . import style, timeline


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
        rows.append({
            "year": int(year),
            "launched": int(g["launched"].sum()),
            "months": len(g),
            "complete months": len(full),
            "mean per complete month": float(full["launched"].mean()) if len(full) else np.nan,
            "complete year": len(full) == 12,
        })
    return pd.DataFrame(rows)


def real_share_table(drones: pd.DataFrame) -> pd.DataFrame:
    """The months whose posts report ``is_shahed``: launches claimed, launches in the reporting
    posts, real Shaheds among those, and the real share (%). A last row sums the months."""
    m = monthly(drones)
    m = m[m["launched_with_is_shahed"].notna()]
    cols = {"month": "month", "launched": "launched (all posts)",
            "launched_with_is_shahed": "launched (posts giving the split)",
            "is_shahed": "real Shaheds (those posts)"}
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


def annotations(events: pd.DataFrame, pattern: str, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Events whose text matches the regular expression ``pattern`` (case-insensitive), with
    ``when`` and a running ``label`` (1, 2, …) for marking them on a chart; optionally only
    between the ISO dates ``start`` and ``end`` (inclusive)."""
    ev = timeline.with_lanes(events)
    keep = ev["event"].str.contains(pattern, flags=re.IGNORECASE, regex=True)
    if start:
        keep &= ev["when"] >= pd.Timestamp(start)
    if end:
        keep &= ev["when"] <= pd.Timestamp(end)
    out = ev.loc[keep].sort_values(["when", "event_id"]).reset_index(drop=True)
    out.insert(0, "label", range(1, len(out) + 1))
    out.attrs.update(events.attrs)
    return out


def plot_monthly(drones: pd.DataFrame, marks: pd.DataFrame | None, title: str, source: str, alt: str,
                 subtitle: str | None = None) -> None:
    """Bars of drones launched per month (partial months hatched); the months from the first
    real-Shahed split on shaded (the bars there still include decoys: see :func:`real_share_table`);
    ``marks`` (from :func:`annotations`) as numbered dotted lines."""
    m = monthly(drones)
    fig, ax = style.figure("wide")
    width = 25
    partial = m["partial_month"].astype(bool)
    blue = style.PALETTE["blue"]
    ax.bar(m.loc[~partial, "when"], m.loc[~partial, "launched"].astype(int), width=width, color=blue,
           label="Shahed-type drones launched, decoys included (claimed)")
    ax.bar(m.loc[partial, "when"], m.loc[partial, "launched"].astype(int), width=width, facecolor="white",
           edgecolor=blue, hatch="///", linewidth=0.8, label="Partial month (release covers part of it)")
    first = m.loc[m["launched_with_is_shahed"].notna(), "when"].min()
    shade = "#DDDDDD"
    ax.axvspan(first - pd.Timedelta(days=16), m["when"].max() + pd.Timedelta(days=16), color=shade, alpha=0.6,
               linewidth=0, zorder=0, label="From here the Air Force gives real Shaheds apart from decoys")
    top = float(m["launched"].max())
    if marks is not None:
        for _, row in marks.iterrows():
            ax.axvline(row["when"], color="#555555", linestyle=":", linewidth=1)
            ax.text(row["when"], top * 1.07, str(row["label"]), ha="center", va="center", fontsize=9,
                    fontweight="bold", bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "#555555"})
    ax.set_ylim(0, top * 1.14)
    ax.set_xlabel("Month (numbered lines: events listed in the table below)")
    ax.set_ylabel("Drones per month (count)")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.9), fontsize=9)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
