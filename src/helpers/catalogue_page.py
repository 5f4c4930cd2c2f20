"""Write the data dictionary page of the site from ``data/datapackage.json``.

The page is generated, never edited by hand: ``tests/test_catalogue.py`` fails when the
committed page differs from what the catalogue gives.
"""

from __future__ import annotations

from pathlib import Path

from . import data
from .paths import NOTEBOOK_DIR

PAGE = NOTEBOOK_DIR / "data_dictionary.md"


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


def render(folder: Path | None = None) -> str:
    """The data dictionary as MyST Markdown."""
    pkg = data.catalogue(folder)
    out = [
        "# Data dictionary",
        "",
        "Generated from `data/datapackage.json`, the catalogue that every loader in "
        "`helpers.data` validates against. Each table lists its unit of observation, "
        "provenance, licence or terms, and every column with its type and constraints.",
        "",
    ]
    for res in pkg["resources"]:
        schema = res["schema"]
        out += [f"## `{res['name']}` — {res.get('title', '')}", "", res.get("description", ""), ""]
        out.append(f"- **File:** `data/{res['path']}`")
        if res.get("x-unit"):
            out.append(f"- **Unit of observation:** {res['x-unit']}")
        if schema.get("primaryKey"):
            key = schema["primaryKey"]
            out.append(f"- **Key:** {', '.join(f'`{k}`' for k in ([key] if isinstance(key, str) else key))}")
        for src in res.get("sources", []):
            link = f" <{src['path']}>" if src.get("path") else ""
            version = f" ({src['version']})" if src.get("version") else ""
            out.append(f"- **Source:** {_cell(src.get('title', ''))}{version}{link}")
        for lic in res.get("licenses", []):
            out.append(f"- **Licence / terms:** {_cell(lic.get('title') or lic.get('name'))}")
        if res.get("x-provenance"):
            out.append(f"- **How it was made:** {_cell(res['x-provenance'])}")
        out += ["", "| column | type | description | constraints |", "|---|---|---|---|"]
        for f in schema["fields"]:
            out.append(
                f"| `{f['name']}` | {f.get('type', 'string')} | {_cell(f.get('description', ''))} | {_cell(_constraints(f))} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_data_dictionary(folder: Path | None = None, page: Path = PAGE) -> Path:
    """Write the page; return its path."""
    page.write_text(render(folder), encoding="utf-8")
    return page
