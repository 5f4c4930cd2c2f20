"""IMF Direction of Trade Statistics (DOTS, now IMTS) extract.

* ``russia_trade``: the Russian Federation's goods exports (FOB) and imports (CIF) by partner and
  year, US$ millions, for the partners in :data:`PARTNERS` plus the World total, as Russia
  reports them to the IMF (with IMF estimates where Russia did not report).

The release is two IMF workbooks downloaded from data.imf.org (one sheet per flow: an IMF title
block, then a row of years and one row per partner):

1. ``rf_exports_2023.xlsx`` (required): sheet ``Exports, FOB`` (2011–2023) and sheet
   ``Imports, CIF`` (2011–2022);
2. ``rf_imports.xlsx`` (optional, an earlier download): sheet ``Imports, CIF`` (2010–2022). Only
   its 2010 column is used, the one year the first workbook lacks. Where both cover a year they
   agree to the cent for 2011–2021; for 2022 the IMF revised its estimates between the two
   downloads (e.g. imports from China differ by about US$300 million), and the first workbook,
   the later download (it already has 2023 exports), is used. The World total is not in the
   second workbook, so there is no World row for imports in 2010.

The derived long file in the same reference folder (``russia_trade_by_partner_long.csv``) is not
used: it was made from these workbooks by whoever collected them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..countries import names_to_iso3
from . import register
from .common import ReleaseFormatError, command, read_release_excel, write_extract

#: IMF partner names kept (ISO3 comes from country_converter, not from this list).
PARTNERS = [
    "Iran, Islamic Rep. of",
    "China, P.R.: Mainland",
    "Israel",
    "Türkiye, Rep of",
    "India",
    "United Arab Emirates",
    "United States",
    "Germany",
]
WORLD = "World"

#: Source-registry ids (``data/sources.csv``) of the two workbooks.
RELEASE_MAIN = "imf-dots-rus-2011-2023"
RELEASE_EARLY = "imf-dots-rus-imports-2010-2022"

SHEETS = {"exports": "Exports, FOB", "imports": "Imports, CIF"}
TITLES = {"exports": "Exports, FOB to Partner Countries", "imports": "Imports, CIF from Partner Countries"}

IMF_DOTS = {
    "publisher": "International Monetary Fund (IMF)",
    "title": "Direction of Trade Statistics (DOTS/IMTS): Exports, FOB to and Imports, CIF from Partner "
    "Countries – Russian Federation – US Dollars, Millions",
    "version": "workbooks rf_exports_2023.xlsx (exports 2011–2023, imports 2011–2022) and rf_imports.xlsx "
    "(imports 2010–2022), downloaded from data.imf.org before 15 April 2024",
    "url": "https://data.imf.org/",
    "obtained_from": "GitHub zleffel-afk/Visualization-of-NAM-country-data (commit "
    "bba038e34b90ed2fa380b73bf7657f9239af3ac1), byte-for-byte copies",
    "licence": "IMF data: free to use with attribution, under the IMF's terms of use",
}


def _read_sheet(path: Path, flow: str) -> pd.DataFrame:
    """One IMF sheet → long frame ``partner, year, value`` (empty cells dropped)."""
    sheet = SHEETS[flow]
    grid = read_release_excel(path, sheet_name=None, header=None, dtype=object)
    if sheet not in grid:
        raise ReleaseFormatError(f"{path}: missing sheet {sheet!r}; found {list(grid)}")
    g = grid[sheet]
    cells = {str(v).strip() for v in g.iloc[:8].to_numpy().ravel() if isinstance(v, str)}
    if TITLES[flow] not in cells or "Russian Federation" not in cells:
        raise ReleaseFormatError(
            f"{path}: sheet {sheet!r} is not the IMF table {TITLES[flow]!r} for the Russian Federation"
        )
    header_at = None
    for i in range(len(g)):
        years = [v for v in g.iloc[i] if _as_year(v) is not None]
        if len(years) >= 2:
            header_at = i
            break
    if header_at is None:
        raise ReleaseFormatError(f"{path}: sheet {sheet!r}: missing column(s) of years (no header row of years)")
    header = list(g.iloc[header_at])
    year_cols = {j: _as_year(v) for j, v in enumerate(header) if _as_year(v) is not None}
    name_col = min(year_cols) - 1
    records = []
    for i in range(header_at + 1, len(g)):
        partner = g.iat[i, name_col]
        if not isinstance(partner, str) or not partner.strip():
            continue
        for j, year in year_cols.items():
            value = g.iat[i, j]
            if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ReleaseFormatError(
                    f"{path}: sheet {sheet!r}, row {i + 1}, column {year}: expected a number, found {value!r}"
                ) from None
            records.append((partner.strip(), year, number))
    return pd.DataFrame.from_records(records, columns=["partner", "year", "value"])


def _as_year(value) -> int | None:
    if isinstance(value, (int, float)) and not pd.isna(value) and float(value).is_integer() and 1900 < value < 2100:
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
        return int(value)
    return None


@register("russia_trade")
def russia_trade(main: Path, early: Path | None = None, out_dir: Path | None = None) -> Path:
    """Russia's goods trade with :data:`PARTNERS` and the World, US$ millions."""
    main = Path(main)
    parts = []
    for flow in ("exports", "imports"):
        part = _read_sheet(main, flow).assign(flow=flow, release=RELEASE_MAIN)
        parts.append(part)
    releases = [main]
    if early is not None:
        early = Path(early)
        releases.append(early)
        covered = set(parts[1]["year"])
        old = _read_sheet(early, "imports")
        parts.append(old[~old["year"].isin(covered)].assign(flow="imports", release=RELEASE_EARLY))
    frame = pd.concat(parts, ignore_index=True)
    for flow in ("exports", "imports"):
        have = set(frame.loc[frame.flow == flow, "partner"])
        missing = [p for p in PARTNERS if p not in have]
        if missing:
            raise ReleaseFormatError(f"{main}: sheet {SHEETS[flow]!r}: missing partner row(s) {missing}")
    frame = frame[frame["partner"].isin([*PARTNERS, WORLD])].copy()
    iso = dict(zip(PARTNERS, names_to_iso3(PARTNERS)))
    out = pd.DataFrame(
        {
            "partner_iso3": frame["partner"].map(iso),  # World: empty
            "partner_name": frame["partner"],
            "year": frame["year"].astype("int64"),
            "flow": frame["flow"],
            "value_usd_millions": frame["value"].round(3),
            "release": frame["release"],
        }
    )
    dupes = out[out.duplicated(["partner_name", "flow", "year"], keep=False)]
    if len(dupes):
        raise ReleaseFormatError(f"{main}: duplicate partner rows: {sorted(set(dupes.partner_name))}")
    out["_world"] = out["partner_name"] == WORLD
    out = out.sort_values(["_world", "partner_iso3", "flow", "year"]).drop(columns="_world").reset_index(drop=True)
    return write_extract(
        out,
        "russia_trade",
        releases,
        IMF_DOTS,
        command("russia_trade", releases),
        notes=(
            "Russian Federation as reporter: exports FOB (2011-2023) and imports CIF (2011-2022 from "
            f"rf_exports_2023.xlsx; 2010 from rf_imports.xlsx), US$ millions rounded to 3 decimals, for "
            f"{', '.join(PARTNERS)} and the World total (World has no ISO3 code: partner_iso3 empty). "
            "2022 imports differ between the two workbooks (IMF revisions between downloads); the later "
            "workbook is used. Russia stopped publishing detailed customs data in 2022: 2022-2023 values "
            "include IMF estimates and are well below partners' mirror statistics (e.g. China's customs). "
            "No imports for 2023 and nothing after 2023. FOB exports and CIF imports are not directly comparable."
        ),
        out_dir=out_dir,
    )
