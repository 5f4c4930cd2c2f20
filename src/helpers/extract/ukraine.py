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
    return read_release_csv(path, dtype={"model": str, "time_end": str, "source": str}, keep_default_na=True)


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


@register("drone_launches_monthly")
def drone_launches_monthly(release: Path, out_dir: Path | None = None) -> Path:
    """Monthly Shahed-136/131 launches, interceptions and (from 2025-07-15) real-Shahed counts."""
    release = Path(release)
    frame = _read_csv(release)
    require_columns(frame, ["time_end", "model", "launched", "destroyed", "not_reach_goal", "is_shahed", "source"], release)

    dates = frame["time_end"].astype(str).str.slice(0, 10)
    bad = frame.index[~dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
    if len(bad):
        raise ReleaseFormatError(
            f"{release}: line {int(bad[0]) + 2}, column 'time_end': not a date: {frame.at[bad[0], 'time_end']!r}"
        )
    frame = frame.assign(day=dates, month=dates.str.slice(0, 7))
    coverage_start, coverage_end = frame["day"].min(), frame["day"].max()

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
    for col in ("launched", "destroyed"):
        shahed[col] = _number(shahed, col, release, required=True)
    mixed_rows["launched"] = _number(mixed_rows, "launched", release, required=True)
    for col in ("not_reach_goal", "is_shahed"):
        shahed[col] = _number(shahed, col, release, required=False)
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
