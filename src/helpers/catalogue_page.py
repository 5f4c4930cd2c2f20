"""Write the data dictionary of the site from ``data/datapackage.json``: a short index page
(``data_dictionary.md``: every table with what it holds, its rows and the years it covers) and one
page per table (``tables/<name>.md``: provenance, licence and every column), listed under the index
in ``_toc.yml``.

The pages are generated, never edited by hand: ``tests/test_catalogue.py`` fails when a committed
page differs from what the catalogue gives, or when ``tables/`` holds a page of a table that is no
longer in the catalogue.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import data, refpages
from .paths import NOTEBOOK_DIR

PAGE = NOTEBOOK_DIR / "data_dictionary.md"
#: The folder of the per-table pages (a name no other page or build folder uses).
TABLE_DIR = NOTEBOOK_DIR / "tables"
#: Columns whose values are dates or years (besides columns typed date/year and columns that
#: carry ``x-date-precision``): the index gives the years they span.
DATE_COLUMNS = {"year", "month", "date"}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _constraints(field: dict) -> str:
    parts = []
    c = field.get("constraints", {})
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of: " + ", ".join(f"`{v}`" for v in c["enum"]))
    for key, label in (("minimum", "≥"), ("maximum", "≤")):
        if key in c:
            parts.append(f"{label} {c[key]}")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if field.get("x-list"):
        parts.append(f"list separated by `{field['x-list']}`")
    if field.get("x-refs"):
        parts.append(f"ids in `{field['x-refs']}`")
    if field.get("x-iso3"):
        parts.append("ISO3 country codes (or allowed actor codes)")
    if field.get("x-date-precision"):
        parts.append(f"date of the precision in `{field['x-date-precision']}`")
    return "; ".join(parts)


def page_name(table: str) -> str:
    """The file of ``table``'s page in :data:`TABLE_DIR`."""
    return f"{table}.md"


def date_columns(res: dict) -> list[str]:
    """The columns of a catalogue entry whose values are dates or years, in column order."""
    return [
        f["name"]
        for f in res["schema"]["fields"]
        if f.get("type") in ("date", "datetime", "year", "yearmonth")
        or f["name"] in DATE_COLUMNS
        or f.get("x-date-precision")
    ]


def years(frame: pd.DataFrame, columns: list[str]) -> str:
    """The first and last year that ``columns`` of ``frame`` give (``1990–2026``; one year:
    ``2025``; no date column or no value: ``—``). A value's year is its first four characters
    (``2025``, ``2025-03``, ``2025-03-14``), or the year of a date."""
    found = []
    for column in columns:
        for value in frame[column].dropna():
            year = value.year if isinstance(value, pd.Timestamp) else str(value)[:4]
            if not str(year).isdigit() or len(str(year)) != 4:
                raise ValueError(f"{frame.attrs.get('file', 'table')}: column {column!r}: {value!r} has no year")
            found.append(int(year))
    if not found:
        return "—"
    first, last = min(found), max(found)
    return str(first) if first == last else f"{first}–{last}"


def _key(res: dict) -> list[str]:
    key = res["schema"].get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def render_table(res: dict) -> str:
    """The page of one catalogue entry: what it holds, where it comes from and every column (titled
    by the table's name alone, so that the table of contents lists names)."""
    schema = res["schema"]
    out = [
        f"# `{res['name']}`",
        "",
        f"**{res.get('title', '').rstrip('.')}.** One table of the [data dictionary](../data_dictionary.md), "
        "generated from `data/datapackage.json`.",
        "",
        res.get("description", ""),
        "",
        f"- **File:** `data/{res['path']}`",
    ]
    if res.get("x-unit"):
        out.append(f"- **Unit of observation:** {res['x-unit']}")
    if _key(res):
        out.append(f"- **Key:** {', '.join(f'`{k}`' for k in _key(res))}")
    for src in res.get("sources", []):
        link = f" <{src['path']}>" if src.get("path") else ""
        version = f" ({src['version']})" if src.get("version") else ""
        out.append(f"- **Source:** {_cell(src.get('title', ''))}{version}{link}")
    for lic in res.get("licenses", []):
        out.append(f"- **Licence / terms:** {_cell(lic.get('title') or lic.get('name'))}")
    if res.get("x-provenance"):
        out.append(f"- **How it was made:** {_cell(res['x-provenance'])}")
    out += ["", "## Columns", "", "| column | type | description | constraints |", "|---|---|---|---|"]
    for f in schema["fields"]:
        out.append(
            f"| `{f['name']}` | {f.get('type', 'string')} | {_cell(f.get('description', ''))} | {_cell(_constraints(f))} |"
        )
    return "\n".join(out).rstrip() + "\n"


def render(folder: Path | None = None) -> str:
    """The index page: every table linked to its page, with what it holds, its rows and the years
    its date columns span (each table is loaded, so validated, to count them)."""
    pkg = data.catalogue(folder)
    out = [
        "# Data dictionary",
        "",
        "Generated from `data/datapackage.json`, the catalogue that every loader in `helpers.data` "
        "validates against. Each table has its own page: its unit of observation, provenance, "
        "licence or terms, and every column with its type and constraints. *Years* are the first "
        "and last year in the table's date columns (— where it has none).",
        "",
        "| table | what it holds | rows | years |",
        "|---|---|--:|---|",
    ]
    for res in pkg["resources"]:
        frame = data.load(res["name"], folder)
        link = f"[`{res['name']}`](tables/{page_name(res['name'])})"
        out.append(f"| {link} | {_cell(res.get('title', ''))} | {len(frame)} | {years(frame, date_columns(res))} |")
    return "\n".join(out).rstrip() + "\n"


def table_pages(folder: Path | None = None) -> dict[str, str]:
    """Every table's page: file name in :data:`TABLE_DIR` → text, in catalogue order."""
    return {page_name(res["name"]): render_table(res) for res in data.catalogue(folder)["resources"]}


def toc_sections(folder: Path | None = None) -> list[str]:
    """The table pages as the table of contents names them (``tables/events``), in catalogue order."""
    return [f"{TABLE_DIR.name}/{Path(name).stem}" for name in table_pages(folder)]


def write_data_dictionary(
    folder: Path | None = None, page: Path = PAGE, table_dir: Path = TABLE_DIR, toc: Path = refpages.TOC
) -> Path:
    """Write the index page and every table's page (removing the page of any table no longer in
    the catalogue) and list them in the table of contents; return the index page's path."""
    page.write_text(render(folder), encoding="utf-8")
    refpages.write_folder(table_dir, table_pages(folder))
    refpages.write_toc_sections(page.stem, toc_sections(folder), toc)
    return page
