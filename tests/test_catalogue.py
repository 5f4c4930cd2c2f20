"""The catalogue describes every table fully (its data dictionary pages: tests/test_refpages.py)."""

import json

from helpers import data
from helpers.paths import data_dir

REQUIRED = ("name", "path", "title", "description", "x-unit", "x-provenance", "sources", "licenses", "schema")


def test_catalogue_is_a_valid_frictionless_package():
    from frictionless import Package

    pkg = Package(str(data_dir() / "datapackage.json"))
    assert [r.name for r in pkg.resources] == data.table_names()


def test_every_resource_is_described():
    for res in data.catalogue()["resources"]:
        for key in REQUIRED:
            assert res.get(key), f"{res['name']} lacks {key}"
        assert res["schema"].get("primaryKey"), res["name"]
        for field in res["schema"]["fields"]:
            assert field.get("description"), f"{res['name']}.{field['name']} has no description"


def test_curated_tables_cite_sources():
    for res in data.catalogue()["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        if "source_ids" in names:
            field = next(f for f in res["schema"]["fields"] if f["name"] == "source_ids")
            assert field.get("x-refs") == "sources", res["name"]
            if res["name"] != "treaty_articles":  # articles no source covers have no source, by design
                assert field["constraints"].get("required"), res["name"]


def test_every_documented_article_cites_a_source_and_no_other_does():
    articles = data.load("treaty_articles")
    documented = articles["status"] == "documented"
    assert articles.loc[documented, "source_ids"].notna().all()
    assert articles.loc[documented, "summary"].notna().all()
    for column in ("source_ids", "domain", "strength", "summary", "quote"):
        assert articles.loc[~documented, column].isna().all(), column
    assert sorted(articles["article"].tolist()) == list(range(1, 48))


def test_provenance_files_match_their_tables():
    for path in sorted((data_dir() / "provenance").glob("*.json")):
        prov = json.loads(path.read_text())
        frame = data.load(prov["table"])
        assert prov["rows"] == len(frame)
        assert prov["columns"] == list(frame.columns)
        assert "/shared/" not in prov["command"]
        assert data.resource(prov["table"])["x-provenance"].startswith(prov["command"]), prov["table"]


#: Titles whose year range is not the span of the table's dated rows, and why.
TITLE_SPAN_IS_NOT_THE_ROWS = {
    # sessions 1–77 run from September 1946 to August 2023; `year` is a session's opening year
    "unga_ideal_points": "1946–2022",
    # the span ATOP covers and the extract searched; rows exist only where an alliance was in force
    "atop_dyad_years": "1896–2018",
}


def title_years(title: str) -> str | None:
    """The ``YYYY–YYYY`` range a catalogue title states, if any."""
    import re

    found = re.search(r"\b(\d{4})[–-](\d{4})\b", title)
    return f"{found.group(1)}–{found.group(2)}" if found else None


def test_a_title_states_the_years_its_rows_cover():
    from helpers.catalogue_page import date_columns, years

    for res in data.catalogue()["resources"]:
        stated = title_years(res["title"])
        columns = date_columns(res)
        if stated is None or not columns:
            continue
        rows = years(data.load(res["name"]), columns)
        expected = TITLE_SPAN_IS_NOT_THE_ROWS.get(res["name"], stated)
        assert rows == expected, f"{res['name']}: the title says {stated}, its dated rows cover {rows}"


def test_title_years_reads_a_range():
    assert title_years("Dated events, 1992–2026") == "1992–2026"
    assert title_years("no years here (2025)") is None
