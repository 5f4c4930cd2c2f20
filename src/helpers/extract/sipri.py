"""SIPRI Arms Transfers Database extracts.

* ``arms_deals``: deal-level rows (one row per order, with SIPRI's free-text comments) for the
  dyads in :data:`DYADS`, from the trade register generated on 13 October 2024 (orders
  1950–2023, deliveries up to 2023).
* ``arms_tiv``: delivered SIPRI trend-indicator values (TIV, millions) per dyad and delivery
  year for the same dyads. It splices **two generations** of SIPRI data, each row naming its
  release in ``release``:

  - delivery years 2000–2023 from the trade register generated on 3 January 2025 (one row per
    deal × delivery year), summed by armament category;
  - delivery years 1950–1999 from the per-supplier TIV export tables generated on 28 July 2022
    (one row per recipient, one column per year, no armament categories: category ``all``).

  SIPRI revises its TIVs between releases (re-estimated numbers, re-dated deliveries), so the
  two generations do not agree exactly where they overlap (2000–2021). The overlap is not
  written: each year comes from exactly one release, so sums over years never double count.
  The 2022 tables have no Iran→Russia, Belarus→Russia or North Korea table entries before 2000
  (there were no deliveries in the other releases either), so the pre-2000 rows come from the
  Russia and Soviet Union tables only.

SIPRI writes "Soviet Union" and "Russia" as separate suppliers. Both become ``RUS`` in
``supplier_iso3`` (ISO3 has no current code for the USSR); ``supplier_name`` keeps SIPRI's
name so the two can always be told apart. Non-state recipients (marked ``*`` by SIPRI) are
never part of the dyads and are dropped with every other pair.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pandas as pd

from ..countries import names_to_iso3
from . import register
from .common import ReleaseFormatError, command, require_columns, write_extract

#: (supplier, recipient) as SIPRI names them.
DYADS: list[tuple[str, str]] = [
    ("Soviet Union", "Iran"),
    ("Russia", "Iran"),
    ("Iran", "Russia"),
    ("Israel", "Russia"),
    ("Russia", "Israel"),
    *[(s, r) for s in ("Soviet Union", "Russia") for r in ("China", "Syria", "Belarus", "North Korea")],
    ("North Korea", "Russia"),
    ("Belarus", "Russia"),
]

#: SIPRI name → the name given to country_converter (USSR deals count as Russia's, see module doc).
_CONVERT_AS = {"Soviet Union": "Russia"}

#: Source-registry ids of the releases (``data/sources.csv``).
RELEASE_ATDB_2024 = "sipri-atdb-2024-10-13"
RELEASE_ATDB_2025 = "sipri-atdb-2025-01-03"
RELEASE_TIV_2022 = "sipri-tiv-2022-07-28"

#: First delivery year taken from the 2025 trade register; earlier years come from the 2022 tables.
SPLICE_YEAR = 2000

_LICENCE = (
    "(c) SIPRI. Extracts may be used with attribution: 'Source: SIPRI Arms Transfers Database', "
    "citing the date the data were generated"
)

ATDB_2024 = {
    "publisher": "Stockholm International Peace Research Institute (SIPRI)",
    "title": "SIPRI Arms Transfers Database, trade register (deals with deliveries or orders 1950–2024)",
    "version": "data generated 13 October 2024",
    "url": "https://www.sipri.org/databases/armstransfers",
    "obtained_from": "GitHub MJHofmann/SIPRI_BRICS, trade-register.csv (commit "
    "476134311a192f43e0a856357c97c8f35274eb30), byte-for-byte copy",
    "licence": _LICENCE,
}

ATDB_2025 = {
    "publisher": "Stockholm International Peace Research Institute (SIPRI)",
    "title": "SIPRI Arms Transfers Database, trade register, one row per deal and delivery year "
    "(deliveries or orders 2000–2030)",
    "version": "data generated 3 January 2025",
    "url": "https://www.sipri.org/databases/armstransfers",
    "obtained_from": "GitHub lucacasu/Global-Arms-Trade, russia_trade_decline/trade_2023.csv (commit "
    "827ee354f2632934432920c5a625b9a64dd77b02), byte-for-byte copy",
    "licence": _LICENCE,
}

TIV_2022 = {
    "publisher": "Stockholm International Peace Research Institute (SIPRI)",
    "title": "SIPRI Arms Transfers Database, TIV of arms exports by supplier, 1950–2021",
    "version": "generated 28 July 2022",
    "url": "https://www.sipri.org/databases/armstransfers",
    "obtained_from": "GitHub 360-info/report-arms-trade, data/trademap-raw/TIV-Export-<CODE>-1950-2021.csv "
    "(commit b850d1eb74f457724c0e0c4291175adbf824dbbf), byte-for-byte copies",
    "licence": _LICENCE,
}

ENCODING = "latin-1"  # SIPRI's CSV exports are ISO-8859-1

# ----------------------------------------------------------------------------- reading


def _read_text(path: Path) -> str:
    try:
        return Path(path).read_bytes().decode(ENCODING)
    except OSError as exc:  # pragma: no cover - the command line checks existence first
        raise ReleaseFormatError(f"{path}: cannot be read ({exc})") from None


def _read_register(path: Path, first_columns: str, required: list[str]) -> pd.DataFrame:
    """A SIPRI register CSV: metadata lines, then a header starting with ``first_columns``."""
    lines = _read_text(path).splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(first_columns)), None)
    if start is None:
        raise ReleaseFormatError(
            f"{path}: no header row starting with {first_columns!r}; missing column(s) "
            f"{[c for c in required if c in first_columns.split(',')]}"
        )
    try:
        frame = pd.read_csv(io.StringIO("".join(lines[start:])), dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.ParserError as exc:
        raise ReleaseFormatError(f"{path}: cannot be read as CSV ({exc})") from None
    require_columns(frame, required, path)
    return frame


def _in_dyads(frame: pd.DataFrame, supplier: str = "Supplier", recipient: str = "Recipient") -> pd.Series:
    pairs = set(DYADS)
    return pd.Series(
        [(s, r) in pairs for s, r in zip(frame[supplier], frame[recipient])], index=frame.index, dtype=bool
    )


def _iso3(names: pd.Series) -> list[str]:
    return names_to_iso3([_CONVERT_AS.get(n, n) for n in names])


def _number(value: str, path: Path, column: str, line: str) -> float | None:
    if value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise ReleaseFormatError(f"{path}: {line}, column {column!r}: expected a number, found {value!r}") from None


def _year(value: str, path: Path, column: str, line: str) -> int:
    if not re.fullmatch(r"\d{4}", value):
        raise ReleaseFormatError(f"{path}: {line}, column {column!r}: expected a year, found {value!r}")
    return int(value)


def _flag_after(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """SIPRI's unnamed uncertainty column right after ``column`` ('?' = uncertain)."""
    cols = list(frame.columns)
    i = cols.index(column)
    if i + 1 >= len(cols) or cols[i + 1].strip(" .0123456789") != "":
        raise ReleaseFormatError(f"{path}: missing column: the unnamed uncertainty column ('?') after {column!r}")
    flag = frame[cols[i + 1]]
    bad = sorted(set(flag) - {"", "?"})
    if bad:
        raise ReleaseFormatError(f"{path}: uncertainty column after {column!r} holds {bad[:3]}, expected '?' or empty")
    return flag == "?"


# ----------------------------------------------------------------------------- arms_deals

DEAL_COLUMNS = [
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
]


def _deal_id(supplier_iso3: str, order_year: int, row: list[str]) -> str:
    digest = hashlib.sha1("\x1f".join(row).encode("utf-8")).hexdigest()[:10]
    return f"{supplier_iso3}-{order_year}-{digest}"


@register("arms_deals")
def arms_deals(release: Path, out_dir: Path | None = None) -> Path:
    """Deal-level SIPRI rows for :data:`DYADS` from the 13 October 2024 trade register."""
    release = Path(release)
    frame = _read_register(release, "Recipient,Supplier,", DEAL_COLUMNS)
    frame = frame[_in_dyads(frame)]  # (the release also holds two broken rows; neither is in a dyad)
    flags = {c: _flag_after(frame, c, release) for c in ("Year of order", "Number ordered", "Number delivered")}

    records = []
    for (idx, row), sup_iso, rec_iso in zip(frame.iterrows(), _iso3(frame["Supplier"]), _iso3(frame["Recipient"])):
        line = f"data row {idx + 1}"
        order_year = _year(row["Year of order"], release, "Year of order", line)
        years = [y.strip() for y in row["Year(s) of delivery"].split(";") if y.strip()]
        years_int = [_year(y, release, "Year(s) of delivery", line) for y in years]
        n_ordered = _number(row["Number ordered"], release, "Number ordered", line)
        tiv_order = _number(row["SIPRI TIV for total order"], release, "SIPRI TIV for total order", line)
        if n_ordered is None and tiv_order == 0:
            # SIPRI prints 0 for the order's TIV when the number ordered is not known; that is
            # "not available" by SIPRI's own header note, not a zero value.
            tiv_order = None
        records.append(
            {
                "deal_id": _deal_id(sup_iso, order_year, [str(v) for v in row.tolist()]),
                "supplier_name": row["Supplier"],
                "supplier_iso3": sup_iso,
                "recipient_iso3": rec_iso,
                "order_year": order_year,
                "order_year_uncertain": bool(flags["Year of order"][idx]),
                "number_ordered": n_ordered,
                "number_ordered_uncertain": bool(flags["Number ordered"][idx]),
                "weapon_designation": row["Weapon designation"],
                "weapon_description": row["Weapon description"],
                "number_delivered": _number(row["Number delivered"], release, "Number delivered", line),
                "number_delivered_uncertain": bool(flags["Number delivered"][idx]),
                "delivery_years": ";".join(str(y) for y in years_int),
                "first_delivery_year": min(years_int) if years_int else None,
                "last_delivery_year": max(years_int) if years_int else None,
                "status": row["status"],
                "comments": row["Comments"],
                "tiv_per_unit_millions": _number(row["SIPRI TIV per unit"], release, "SIPRI TIV per unit", line),
                "tiv_order_millions": tiv_order,
                "tiv_delivered_millions": _number(
                    row["SIPRI TIV of delivered weapons"], release, "SIPRI TIV of delivered weapons", line
                ),
            }
        )
    out = pd.DataFrame.from_records(records, columns=_DEAL_OUT)
    dupes = out[out.deal_id.duplicated(keep=False)]
    if len(dupes):
        # identical rows in the release: number them in a content-independent, stable way
        out["deal_id"] = out["deal_id"] + out.groupby("deal_id").cumcount().map(lambda n: "" if n == 0 else f"-{n + 1}")
    for col in ("number_ordered", "number_delivered", "first_delivery_year", "last_delivery_year"):
        out[col] = out[col].astype("Int64")
    out = out.sort_values(["supplier_iso3", "recipient_iso3", "order_year", "supplier_name", "deal_id"]).reset_index(
        drop=True
    )
    return write_extract(
        out,
        "arms_deals",
        [release],
        ATDB_2024,
        command("arms_deals", [release]),
        notes=(
            "Rows: deals whose SIPRI supplier/recipient pair is one of "
            + ", ".join(f"{s}->{r}" for s, r in DYADS)
            + ". 'Soviet Union' and 'Russia' both become RUS (supplier_name keeps SIPRI's name). "
            "Uncertainty flags are SIPRI's '?' columns. tiv_order_millions is left empty where SIPRI "
            "prints 0 but the number ordered is not known. deal_id = supplier ISO3, order year and the "
            "first 10 hex digits of the SHA-1 of the release row: stable for this release, not a SIPRI id. "
            "Coverage: deals with deliveries or orders in 1950-2024 (orders 1948-2023, deliveries 1950-2023); nothing after 2023."
        ),
        out_dir=out_dir,
    )


_DEAL_OUT = [
    "deal_id",
    "supplier_name",
    "supplier_iso3",
    "recipient_iso3",
    "order_year",
    "order_year_uncertain",
    "number_ordered",
    "number_ordered_uncertain",
    "weapon_designation",
    "weapon_description",
    "number_delivered",
    "number_delivered_uncertain",
    "delivery_years",
    "first_delivery_year",
    "last_delivery_year",
    "status",
    "comments",
    "tiv_per_unit_millions",
    "tiv_order_millions",
    "tiv_delivered_millions",
]

# ----------------------------------------------------------------------------- arms_tiv

REGISTER_2025_COLUMNS = [
    "SIPRI AT Database ID",
    "Supplier",
    "Recipient",
    "Armament category",
    "Numbers delivered is estimate",
    "Delivery year",
    "Delivery year is estimate",
    "TIV delivery values",
]

_TIV_OUT = [
    "supplier_iso3",
    "supplier_name",
    "recipient_iso3",
    "year",
    "armament_category",
    "tiv_millions",
    "delivery_rows",
    "includes_estimates",
    "release",
]

_TITLE = re.compile(r"^TIV of arms exports from (.+?), (\d{4})-(\d{4})$")


def _is_tiv_table(path: Path) -> bool:
    first = next(csv.reader(io.StringIO(_read_text(path).split("\n", 1)[0])), [""])
    return bool(first) and first[0].startswith("TIV of arms exports from")


def _read_tiv_table(path: Path) -> tuple[str, pd.DataFrame]:
    """One 2022 TIV export table → (supplier name, long frame of recipient, year, tiv)."""
    rows = list(csv.reader(io.StringIO(_read_text(path))))
    match = _TITLE.match(rows[0][0].strip()) if rows and rows[0] else None
    if not match:
        raise ReleaseFormatError(f"{path}: first line is not 'TIV of arms exports from <supplier>, <years>'")
    supplier = match.group(1)
    header_at = next((i for i, r in enumerate(rows) if len(r) > 2 and r[0] == "" and r[1] == match.group(2)), None)
    if header_at is None:
        raise ReleaseFormatError(f"{path}: missing column {match.group(2)!r} (no header row ',{match.group(2)},…')")
    header = rows[header_at]
    years = {j: int(h) for j, h in enumerate(header) if re.fullmatch(r"\d{4}", h)}
    records = []
    for k, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not row or row[0] in ("", "Total"):
            continue
        for j, year in years.items():
            value = row[j] if j < len(row) else ""
            if value != "":
                records.append((row[0], year, _number(value, path, str(year), f"line {k}")))
    return supplier, pd.DataFrame.from_records(records, columns=["recipient", "year", "tiv"])


def _yes_no(series: pd.Series, path: Path, column: str) -> pd.Series:
    bad = sorted(set(series) - {"Yes", "No", ""})
    if bad:
        raise ReleaseFormatError(f"{path}: column {column!r} holds {bad[:3]}, expected Yes/No")
    return series == "Yes"


@register("arms_tiv")
def arms_tiv(*releases: Path, out_dir: Path | None = None) -> Path:
    """Dyad-year delivered TIV for :data:`DYADS`: the 2025 register (2000–2023, by armament
    category) plus the 2022 TIV export tables (1950–1999, category ``all``).

    Pass the 2025 register and any number of ``TIV-Export-<CODE>-1950-2021.csv`` tables, in any
    order; files are recognised by their first line.
    """
    paths = [Path(p) for p in releases]
    tables = [p for p in paths if _is_tiv_table(p)]
    registers = [p for p in paths if p not in tables]
    if len(registers) != 1 or not tables:
        raise ReleaseFormatError(
            "arms_tiv needs exactly one SIPRI trade register (one row per deal and delivery year) and at "
            f"least one 'TIV-Export-<CODE>-1950-2021.csv' table; got registers {[p.name for p in registers]} "
            f"and tables {[p.name for p in tables]}"
        )
    register_path = registers[0]

    # --- 2000-2023: trade register generated 3 Jan 2025
    reg = _read_register(register_path, "SIPRI AT Database ID,", REGISTER_2025_COLUMNS)
    reg = reg[_in_dyads(reg)].copy()
    reg["year"] = [
        _year(v, register_path, "Delivery year", f"data row {i + 1}") for i, v in zip(reg.index, reg["Delivery year"])
    ]
    reg["tiv"] = [
        _number(v, register_path, "TIV delivery values", f"data row {i + 1}")
        for i, v in zip(reg.index, reg["TIV delivery values"])
    ]
    if reg["tiv"].isna().any():
        i = reg.index[reg["tiv"].isna()][0]
        raise ReleaseFormatError(f"{register_path}: data row {i + 1}, column 'TIV delivery values' is empty")
    reg["estimate"] = _yes_no(
        reg["Numbers delivered is estimate"], register_path, "Numbers delivered is estimate"
    ) | _yes_no(reg["Delivery year is estimate"], register_path, "Delivery year is estimate")
    reg = reg[reg["year"] >= SPLICE_YEAR]
    new = (
        reg.groupby(["Supplier", "Recipient", "year", "Armament category"], sort=True)
        .agg(tiv=("tiv", "sum"), delivery_rows=("tiv", "size"), includes_estimates=("estimate", "any"))
        .reset_index()
        .rename(
            columns={"Supplier": "supplier_name", "Recipient": "recipient", "Armament category": "armament_category"}
        )
    )
    new["release"] = RELEASE_ATDB_2025

    # --- 1950-1999: TIV export tables generated 28 July 2022
    old_parts = []
    for path in sorted(tables, key=lambda p: p.name):
        supplier, long = _read_tiv_table(path)
        long = long[_in_dyads(long.assign(Supplier=supplier), "Supplier", "recipient") & (long["year"] < SPLICE_YEAR)]
        old_parts.append(long.assign(supplier_name=supplier))
    old = (
        pd.concat(old_parts, ignore_index=True)
        if old_parts
        else pd.DataFrame(columns=["recipient", "year", "tiv", "supplier_name"])
    )
    old = old.assign(armament_category="all", delivery_rows=pd.NA, includes_estimates=pd.NA, release=RELEASE_TIV_2022)

    both = pd.concat([old, new], ignore_index=True)
    out = pd.DataFrame(
        {
            "supplier_iso3": _iso3(both["supplier_name"]),
            "supplier_name": both["supplier_name"],
            "recipient_iso3": _iso3(both["recipient"]),
            "year": both["year"].astype("int64"),
            "armament_category": both["armament_category"],
            "tiv_millions": both["tiv"].astype(float).round(3),
            "delivery_rows": both["delivery_rows"].astype("Int64"),
            "includes_estimates": both["includes_estimates"].astype("boolean"),
            "release": both["release"],
        },
        columns=_TIV_OUT,
    )
    key = ["supplier_iso3", "recipient_iso3", "year", "armament_category"]
    dupes = out[out.duplicated(key, keep=False)]
    if len(dupes):
        raise ReleaseFormatError(
            f"duplicate dyad-year rows after splicing the releases: {dupes.head(4).to_dict('records')}"
        )
    out = out.sort_values([*key, "supplier_name"]).reset_index(drop=True)
    return write_extract(
        out,
        "arms_tiv",
        [register_path, *sorted(tables, key=lambda p: p.name)],
        {
            "publisher": ATDB_2025["publisher"],
            "title": "SIPRI Arms Transfers Database: trade register generated 3 January 2025 (delivery years "
            "2000–2023) spliced with the TIV export tables generated 28 July 2022 (delivery years 1950–1999)",
            "version": "data generated 3 January 2025 and 28 July 2022",
            "url": ATDB_2025["url"],
            "obtained_from": ATDB_2025["obtained_from"] + "; " + TIV_2022["obtained_from"],
            "licence": _LICENCE,
        },
        command("arms_tiv", [register_path, *sorted(tables, key=lambda p: p.name)]),
        notes=(
            f"Two generations of SIPRI data: delivery years {SPLICE_YEAR}-2023 from the 2025 trade register "
            f"(release {RELEASE_ATDB_2025}), summed by SIPRI armament category; delivery years before "
            f"{SPLICE_YEAR} from the 2022 TIV export tables (release {RELEASE_TIV_2022}), armament_category "
            "'all'. SIPRI revises TIVs between releases, so the two do not match exactly where both cover a "
            "year; only one release is used per year. TIV is SIPRI's volume indicator, not a price. "
            "'Soviet Union' and 'Russia' both become RUS (supplier_name keeps SIPRI's name). "
            "Nothing after 2023."
        ),
        out_dir=out_dir,
    )
