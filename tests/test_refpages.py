"""The reference pages split for a phone: the data dictionary (an index and one page per table) and
the helper API (an index and one page per module) are generated, current, listed in the table of
contents in page order, each unit page holds its unit only, and no page of a table or module that
is gone is left behind."""

import json
import re

import pandas as pd
import pytest

from helpers import catalogue_page, data, refpages, seminar
from helpers.paths import NOTEBOOK_DIR

TOC_TEXT = """format: jb-book
root: index
parts:
  - caption: Reference
    chapters:
      - file: data_dictionary
        sections:
          - file: tables/old
      - file: coding_rules
      - file: api
"""

#: A Markdown link to a page of the book (``[text](page.md)`` or ``[text](page.md#anchor)``).
LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def _links(text):
    return LINK.findall(text)


# --------------------------------------------------------------------------- the shared machinery


def test_toc_sections_replace_the_old_ones_and_leave_the_rest():
    new = refpages.with_toc_sections(TOC_TEXT, "data_dictionary", ["tables/a", "tables/b"])
    assert "tables/old" not in new
    assert new.index("- file: tables/a") < new.index("- file: tables/b") < new.index("- file: coding_rules")
    assert refpages.with_toc_sections(new, "data_dictionary", ["tables/a", "tables/b"]) == new  # idempotent
    added = refpages.with_toc_sections(new, "api", ["api/x"])
    assert added.rstrip().endswith("      - file: api\n        sections:\n          - file: api/x")
    import yaml

    toc = yaml.safe_load(added)
    chapters = toc["parts"][0]["chapters"]
    assert chapters[0]["sections"] == [{"file": "tables/a"}, {"file": "tables/b"}]
    assert chapters[1] == {"file": "coding_rules"}


def test_toc_sections_need_exactly_one_parent_entry():
    with pytest.raises(ValueError, match="expected one entry '- file: seminar_kit', found 0"):
        refpages.with_toc_sections(TOC_TEXT, "seminar_kit", ["x"])


def test_write_folder_removes_orphans_and_stale_names_what_differs(tmp_path):
    folder = tmp_path / "units"
    refpages.write_folder(folder, {"a.md": "A\n", "b.md": "B\n"})
    (folder / "notes.txt").write_text("kept: not a page")
    assert refpages.stale(folder, {"a.md": "A\n", "b.md": "B\n"}) == []
    problems = refpages.stale(folder, {"a.md": "A2\n", "c.md": "C\n"})
    assert problems == [
        f"{folder / 'a.md'}: out of date",
        f"{folder / 'c.md'}: missing",
        f"{folder / 'b.md'}: orphan (no unit generates it)",
    ]
    refpages.write_folder(folder, {"a.md": "A2\n", "c.md": "C\n"})
    assert sorted(p.name for p in folder.iterdir()) == ["a.md", "c.md", "notes.txt"]
    assert (folder / "a.md").read_text() == "A2\n"


# --------------------------------------------------------------------------- data dictionary


def assert_reference_pages_current(index, rendered, folder, pages, toc_file, sections, hint):
    """The committed index page equals its rendering, no page of ``folder`` is stale or left over,
    and the table of contents lists the folder's pages under the index (``toc_file``)."""
    assert index.read_text(encoding="utf-8") == rendered, hint
    assert refpages.stale(folder, pages) == [], hint
    toc = refpages.TOC.read_text(encoding="utf-8")
    assert refpages.with_toc_sections(toc, toc_file, sections) == toc, hint


def test_data_dictionary_pages_are_current():
    assert_reference_pages_current(
        catalogue_page.PAGE,
        catalogue_page.render(),
        catalogue_page.TABLE_DIR,
        catalogue_page.table_pages(),
        "data_dictionary",
        catalogue_page.toc_sections(),
        "regenerate with `make site` (or python -c 'from helpers.catalogue_page import write_data_dictionary; write_data_dictionary()')",
    )


def test_data_dictionary_index_links_every_table_once_in_catalogue_order():
    index = catalogue_page.render()
    names = data.table_names()
    assert _links(index) == [f"tables/{n}.md" for n in names]
    for link in _links(index):
        assert (NOTEBOOK_DIR / link).is_file(), link
    rows = [line for line in index.splitlines() if line.startswith("| [`")]
    assert len(rows) == len(names)
    for name, row in zip(names, rows):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[0] == f"[`{name}`](tables/{name}.md)"
        assert cells[2] == str(len(data.load(name))), name
        assert re.fullmatch(r"\d{4}(–\d{4})?|—", cells[3]), (name, cells[3])


def test_each_table_page_holds_its_table_only():
    pages = catalogue_page.table_pages()
    names = data.table_names()
    for name in names:
        text = pages[f"{name}.md"]
        assert text.startswith(f"# `{name}`\n\n**{data.resource(name)['title'].rstrip('.')}.**"), name
        assert text.count("\n# ") == 0, name
        assert f"`data/{data.resource(name)['path']}`" in text
        for field in data.resource(name)["schema"]["fields"]:
            assert f"| `{field['name']}` |" in text, (name, field["name"])
        assert text.count("| column | type |") == 1
        assert _links(text) == ["../data_dictionary.md"], name
    # no table's file is named on another table's page
    for name in names:
        others = [o for o in names if o != name]
        assert not [o for o in others if f"`data/{data.resource(o)['path']}`" in pages[f"{name}.md"]], name


def test_years_of_mixed_dates():
    frame = pd.DataFrame(
        {
            "date": ["2025", "2024-03", "2026-01-17", None],
            "day": pd.to_datetime(["2019-05-01", None, "2020-01-01", None]),
            "year": pd.array([2030, None, None, None], dtype="Int64"),
        }
    )
    assert catalogue_page.years(frame, ["date"]) == "2024–2026"
    assert catalogue_page.years(frame, ["date", "day", "year"]) == "2019–2030"
    assert catalogue_page.years(frame, ["year"]) == "2030"
    assert catalogue_page.years(frame, []) == "—"
    with pytest.raises(ValueError, match="column 'date': 'c. 1990' has no year"):
        catalogue_page.years(pd.DataFrame({"date": ["c. 1990"]}), ["date"])


def test_date_columns_of_the_catalogue():
    assert catalogue_page.date_columns(data.resource("events")) == ["date"]
    assert catalogue_page.date_columns(data.resource("treaties")) == ["signed", "entered_into_force"]
    assert catalogue_page.date_columns(data.resource("relations")) == []


def _tiny_data(folder, names):
    """A data folder whose catalogue holds tables ``names``, each two rows with a year column."""
    folder.mkdir(exist_ok=True)
    resources = []
    for i, name in enumerate(names):
        (folder / f"{name}.csv").write_text(f"id,year\n{name}1,{2000 + i}\n{name}2,{2010 + i}\n", encoding="utf-8")
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "title": f"The {name} table",
                "description": "Two rows.",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": "id", "type": "string", "description": "id", "constraints": {"required": True}},
                        {"name": "year", "type": "integer", "description": "year"},
                    ],
                    "primaryKey": "id",
                },
            }
        )
    pkg = {"profile": "tabular-data-package", "name": "tiny", "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    return folder


def test_a_removed_table_leaves_no_page_and_no_toc_entry(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    toc = book / "_toc.yml"
    toc.write_text(TOC_TEXT, encoding="utf-8")
    folder = _tiny_data(tmp_path / "data", ["alpha", "beta"])
    page = catalogue_page.write_data_dictionary(folder, book / "data_dictionary.md", book / "tables", toc)
    assert sorted(p.name for p in (book / "tables").iterdir()) == ["alpha.md", "beta.md"]
    assert "| [`beta`](tables/beta.md) | The beta table | 2 | 2001–2011 |" in page.read_text(encoding="utf-8")
    assert "- file: tables/beta" in toc.read_text() and "tables/old" not in toc.read_text()
    _tiny_data(tmp_path / "data", ["alpha"])
    catalogue_page.write_data_dictionary(folder, book / "data_dictionary.md", book / "tables", toc)
    assert [p.name for p in (book / "tables").iterdir()] == ["alpha.md"]
    assert "beta" not in toc.read_text() and "beta" not in page.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- helper API


def test_api_pages_are_current():
    assert_reference_pages_current(
        seminar.API_PAGE,
        seminar.render_api(),
        seminar.API_DIR,
        seminar.api_pages(),
        "api",
        seminar.api_toc_sections(),
        "regenerate with `python -m helpers.seminar` (make site does it too)",
    )


def test_api_index_links_every_module_once_data_first():
    index = seminar.render_api()
    modules = seminar.api_modules()
    assert _links(index) == [f"api/{m}.md" for m in modules]
    for link in _links(index):
        assert (NOTEBOOK_DIR / link).is_file(), link
    assert len(set(modules)) == len(modules) >= 10 and "build" not in modules and "refpages" not in modules
    assert modules[0] == "data" and modules.index("sources") < modules.index("style") < modules.index("timeline")
    for m in modules:  # one line each: the module and its purpose
        (line,) = [x for x in index.splitlines() if f"(api/{m}.md)" in x]
        assert line == f"- [`helpers.{m}`](api/{m}.md) — {seminar.module_purpose(m)}"


def test_module_purposes_are_one_markdown_sentence():
    for m in seminar.api_modules():
        purpose = seminar.module_purpose(m)
        assert purpose.endswith(".") and 20 <= len(purpose) <= 250, (m, purpose)
        assert "``" not in purpose and ":func:" not in purpose and "\n" not in purpose, (m, purpose)
    assert seminar.module_purpose("data") == "Load and validate every table of the collection."
    assert seminar.module_purpose("contacts") == "Dyadic contacts: who met or called whom (`data/contacts.csv`)."


def test_each_api_page_documents_its_module_only():
    pages = seminar.api_pages()
    assert list(pages) == [f"{m}.md" for m in seminar.api_modules()]
    for m in seminar.api_modules():
        text = pages[f"{m}.md"]
        assert re.findall(r"\.\. automodule:: (\S+)", text) == [f"helpers.{m}"], m
        assert _links(text) == ["../api.md"]


def test_a_new_module_is_listed_under_analysis_and_an_empty_group_is_left_out(monkeypatch):
    modules = set(seminar.api_modules()) - {"seminar_pack"} | {"zeta"}
    monkeypatch.setattr(seminar, "_documented_modules", lambda: modules)
    groups = dict(seminar.api_groups())
    assert groups["Analysis, by topic"][-1] == "zeta"
    assert "The instructor's pack" not in groups
    assert seminar.api_modules()[0] == "data"
