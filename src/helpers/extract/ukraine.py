"""Shahed-136/131 ("Geran") drone launches against Ukraine per month.

``drone_launches_monthly`` sums the Ukrainian Air Force tallies compiled by Petro Ivaniuk
(Kaggle "Massive Missile Attacks on Ukraine", file ``missile_attacks_daily.csv``).

What is counted (see :data:`SHAHED_MODEL`):

* ``launched``/``destroyed``: rows whose ``model`` is exactly ``Shahed-136/131`` — the
  compiler's label for the Air Force's "Shahed-type attack UAVs" (Shahed-136/131, Geran-2,
  and from 2024 onward decoy drones such as Gerbera reported in the same figure).
* Rows whose ``model`` joins ``Shahed-136/131`` with another weapon by `` and `` (e.g.
  ``Shahed-136/131 and Lancet``) give one figure for the mix; they are **not** in
  ``launched`` but summed apart in ``launched_mixed_rows``.
* ``Unknown UAV``, ``Reconnaissance UAV``, ``Lancet``, ``Mohajer-6`` and all other model
  strings are not counted.

A row belongs to the calendar month of the date of ``time_end`` (the end of the attack window,
local time), so an overnight attack from 31 May to 1 June counts in June.

``drone_launches_daily`` keeps the same counted rows per day, dated both ways (by the end and by
the start of the attack window), so that totals under either dating rule — and under the wider
rule that adds the mixed rows — can be computed and set beside published totals. Counting by
start moves the overnight attacks of New Year's Eve into the old year: that alone separates the
two 2024 totals (10,970 by end, 11,081 by start).
"""

from __future__ import annotations

import calendar
import re
from pathlib import Path

import pandas as pd

from . import register
from .common import ReleaseFormatError, read_release_csv, require_columns, write_extract

SHAHED_MODEL = "Shahed-136/131"
#: ``is_shahed`` (real Shahed strike drones among the launched) is reported from this date on.
IS_SHAHED_FROM = "2025-07-15"
FIRST_MONTH = "2022-09"
#: Model strings that look like a Shahed/Geran type; any not handled above stops the extract.
SHAHED_LIKE = re.compile(r"(?i)shahed|geran|шахед|герань|гербера|gerbera")
#: ``source`` prefixes of the Air Force Command's own posts (Facebook page and Telegram channel).
NATIONAL_SOURCES = re.compile(r"^(kpszsu/|https?://t\.me/kpszsu/)")

COLUMNS = [
    "month",
    "days_with_reports",
    "launched",
    "destroyed",
    "not_reach_goal",
    "launched_other_posts",
    "launched_mixed_rows",
    "is_shahed",
    "launched_with_is_shahed",
    "partial_month",
]

KAGGLE = {
    "publisher": "Petro Ivaniuk (Kaggle user piterfm), from posts of the Air Force of the Armed Forces of Ukraine",
    "title": "Massive Missile Attacks on Ukraine (missile_attacks_daily.csv)",
    "version": "copy of 2026-04-08 (coverage 2022-09-28 to 2026-04-05)",
    "url": "https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine",
    "obtained_from": "GitHub Androm2018/ukraine-drone-weather-analysis, missile_attacks_daily.csv "
    "(commit 0d34bd29d1387c3743780ed76c17116c29a85f24), byte-for-byte copy of the Kaggle file",
    "licence": "As set on the Kaggle page (not verifiable offline); attribute Petro Ivaniuk / Kaggle and the "
    "Air Force of the Armed Forces of Ukraine",
}


def _read_csv(path: Path) -> pd.DataFrame:
    return read_release_csv(
        path, dtype={"model": str, "time_start": str, "time_end": str, "source": str}, keep_default_na=True
    )


def _model_parts(model: str) -> list[str]:
    return [p.strip() for p in str(model).split(" and ")]


def _number(frame: pd.DataFrame, column: str, path: Path, required: bool) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = frame.index[
        (values.isna() & frame[column].notna()) | (values < 0) | (values.notna() & (values != values.round()))
    ]
    if required:
        bad = bad.union(frame.index[values.isna()])
    if len(bad):
        i = bad[0]
        raise ReleaseFormatError(
            f"{path}: line {int(i) + 2}, column {column!r}: expected a whole number >= 0, found {frame.at[i, column]!r}"
        )
    return values


def _sum_or_na(values: pd.Series):
    return pd.NA if values.notna().sum() == 0 else int(values.sum())


def _dates(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """The ``YYYY-MM-DD`` part of a release time column; anything else is an error naming line and column."""
    dates = frame[column].astype(str).str.slice(0, 10)
    bad = frame.index[~dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
    if len(bad):
        raise ReleaseFormatError(
            f"{path}: line {int(bad[0]) + 2}, column {column!r}: not a date: {frame.at[bad[0], column]!r}"
        )
    return dates


def _counted_rows(release: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read the release and return (all rows, exact ``Shahed-136/131`` rows, mixed rows), checked.

    Every row gets ``day``/``month`` from ``time_end``; counted rows also get ``start_day`` from
    ``time_start``. A Shahed-like model string that is neither exact nor a combination stops the
    extract, as does a missing or non-whole count."""
    frame = _read_csv(release)
    require_columns(
        frame,
        ["time_start", "time_end", "model", "launched", "destroyed", "not_reach_goal", "is_shahed", "source"],
        release,
    )
    dates = _dates(frame, "time_end", release)
    frame = frame.assign(day=dates, month=dates.str.slice(0, 7))

    parts = frame["model"].map(_model_parts)
    pure = parts.map(lambda p: p == [SHAHED_MODEL])
    mixed = parts.map(lambda p: SHAHED_MODEL in p and len(p) > 1)
    other_shahed = frame.loc[~pure & ~mixed & frame["model"].fillna("").str.contains(SHAHED_LIKE), "model"]
    if len(other_shahed):
        raise ReleaseFormatError(
            f"{release}: line {int(other_shahed.index[0]) + 2}, column 'model': {other_shahed.iloc[0]!r} looks like a "
            f"Shahed/Geran type but is neither {SHAHED_MODEL!r} nor a combination with it; decide how to count it"
        )
    shahed = frame[pure].copy()
    mixed_rows = frame[mixed].copy()
    for part in (shahed, mixed_rows):
        part["start_day"] = _dates(part, "time_start", release)
    for col in ("launched", "destroyed"):
        shahed[col] = _number(shahed, col, release, required=True)
    mixed_rows["launched"] = _number(mixed_rows, "launched", release, required=True)
    for col in ("not_reach_goal", "is_shahed"):
        shahed[col] = _number(shahed, col, release, required=False)
    return frame, shahed, mixed_rows


@register("drone_launches_monthly")
def drone_launches_monthly(release: Path, out_dir: Path | None = None) -> Path:
    """Monthly Shahed-136/131 launches, interceptions and (from 2025-07-15) real-Shahed counts."""
    release = Path(release)
    frame, shahed, mixed_rows = _counted_rows(release)
    coverage_start, coverage_end = frame["day"].min(), frame["day"].max()
    early = shahed[(shahed["day"] < IS_SHAHED_FROM) & shahed["is_shahed"].notna()]
    if len(early):
        raise ReleaseFormatError(
            f"{release}: line {int(early.index[0]) + 2}, column 'is_shahed': value before {IS_SHAHED_FROM} "
            "(the extract assumes the split starts then; check the release notes)"
        )
    shahed["other_post"] = ~shahed["source"].fillna("").str.match(NATIONAL_SOURCES)

    months = pd.period_range(max(FIRST_MONTH, coverage_start[:7]), coverage_end[:7], freq="M").strftime("%Y-%m")
    rows = []
    for month in months:
        m = shahed[shahed["month"] == month]
        split = m[m["is_shahed"].notna()]
        year, mon = int(month[:4]), int(month[5:])
        first_day, last_day = f"{month}-01", f"{month}-{calendar.monthrange(year, mon)[1]:02d}"
        rows.append(
            {
                "month": month,
                "days_with_reports": int(m["day"].nunique()),
                "launched": int(m["launched"].sum()),
                "destroyed": int(m["destroyed"].sum()),
                "not_reach_goal": _sum_or_na(m["not_reach_goal"]),
                "launched_other_posts": int(m.loc[m["other_post"], "launched"].sum()),
                "launched_mixed_rows": int(mixed_rows.loc[mixed_rows["month"] == month, "launched"].sum()),
                "is_shahed": _sum_or_na(split["is_shahed"]) if last_day >= IS_SHAHED_FROM else pd.NA,
                "launched_with_is_shahed": int(split["launched"].sum()) if last_day >= IS_SHAHED_FROM else pd.NA,
                "partial_month": "true" if coverage_start > first_day or coverage_end < last_day else "false",
            }
        )
    out = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("not_reach_goal", "is_shahed", "launched_with_is_shahed"):
        out[col] = out[col].astype("Int64")
    mixed_models = sorted(set(mixed_rows["model"]))
    return write_extract(
        out,
        "drone_launches_monthly",
        [release],
        KAGGLE,
        "python -m helpers.extract drone_launches_monthly " + release.name,
        notes=f"Counted: rows with model exactly {SHAHED_MODEL!r}. Model strings combining it with other weapons "
        f"({mixed_models}) are summed apart in launched_mixed_rows only. Month = calendar month of time_end. "
        f"File coverage {coverage_start} to {coverage_end}; a month only partly covered has partial_month = true. "
        f"is_shahed is reported from {IS_SHAHED_FROM}. Counts are Ukrainian official claims.",
        out_dir=out_dir,
    )


DAILY_COLUMNS = ["day", "launched_by_end", "launched_by_start", "mixed_by_end", "mixed_by_start", "rows_by_end"]


@register("drone_launches_daily")
def drone_launches_daily(release: Path, out_dir: Path | None = None) -> Path:
    """Shahed-136/131 launches per day, dated by the end and by the start of the attack window.

    One row per day on which at least one counted row starts or ends: ``launched_by_end`` and
    ``launched_by_start`` sum the exact ``Shahed-136/131`` rows by the date of ``time_end`` and of
    ``time_start``; ``mixed_by_end``/``mixed_by_start`` do the same for rows combining it with
    another weapon; ``rows_by_end`` counts the exact rows ending that day (several posts a day are
    possible). Summing ``launched_by_end`` over a month gives ``drone_launches_monthly.launched``."""
    release = Path(release)
    _, shahed, mixed_rows = _counted_rows(release)
    parts = {
        "launched_by_end": shahed.groupby("day")["launched"].sum(),
        "launched_by_start": shahed.groupby("start_day")["launched"].sum(),
        "mixed_by_end": mixed_rows.groupby("day")["launched"].sum(),
        "mixed_by_start": mixed_rows.groupby("start_day")["launched"].sum(),
        "rows_by_end": shahed.groupby("day").size(),
    }
    days = sorted(set().union(*(set(v.index) for v in parts.values())))
    out = pd.DataFrame({"day": days})
    for col, values in parts.items():
        out[col] = out["day"].map(values).fillna(0).astype(int)
    coverage = f"{shahed['day'].min()} to {shahed['day'].max()}" if len(shahed) else "no counted rows"
    return write_extract(
        out[DAILY_COLUMNS],
        "drone_launches_daily",
        [release],
        KAGGLE,
        "python -m helpers.extract drone_launches_daily " + release.name,
        notes=f"Counted: rows with model exactly {SHAHED_MODEL!r} (launched_by_*) and rows combining it with other "
        f"weapons (mixed_by_*), dated by the date part of time_end (by_end) or time_start (by_start), Ukrainian "
        f"local time. Counted rows end {coverage}. Days without a counted row are absent (not zero): the compiler "
        f"records attacks, not days. Counts are Ukrainian official claims.",
        out_dir=out_dir,
    )
