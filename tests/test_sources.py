"""The source registry: look-ups, citation strings, the source list and unknown ids; the rubric,
the id pattern, weak-evidence flags, linked citations in the notebooks and further reading."""

import re

import pandas as pd
import pytest

from helpers import data, sources
from helpers.sources import Registry, UnknownSourceError


@pytest.fixture
def reg():
    table = pd.DataFrame(
        {
            "source_id": ["tass-2025-04-08-rudenko", "sipri-atdb"],
            "publisher": ["TASS", "SIPRI"],
            "author": [pd.NA, "Pieter Wezeman"],
            "title": ["Russia, Iran will not help aggressor", "Arms Transfers Database"],
            "date": ["2025-04-08", pd.NA],
            "url": ["https://tass.com/politics/1940345", "https://www.sipri.org/databases/armstransfers"],
            "accessed": ["2026-11-27", "2026-11-27"],
            "kind": ["news", "dataset"],
            "stance": ["RUS", pd.NA],
            "confidence": ["high", "high"],
        }
    )
    return Registry(table)


def test_unknown_id_is_a_clear_error(reg):
    with pytest.raises(UnknownSourceError, match="unknown source id 'nope'.*data/sources.csv"):
        reg.get("nope")
    with pytest.raises(UnknownSourceError, match="'nope'"):
        reg.cite("tass-2025-04-08-rudenko;nope")
    assert reg.cited == []  # nothing recorded from a failed citation


def test_cite_and_source_line(reg):
    assert reg.cite("tass-2025-04-08-rudenko") == "[TASS (2025)]"
    line = reg.source_line(["sipri-atdb", "tass-2025-04-08-rudenko"])
    assert line == (
        "Sources: SIPRI, Arms Transfers Database (n.d.); TASS, Russia, Iran will not help aggressor (2025)."
    )
    assert reg.source_line("sipri-atdb", note="TIV = trend-indicator value.").endswith("TIV = trend-indicator value.")


def test_source_list_in_order_of_first_citation(reg):
    reg.cite("sipri-atdb")
    reg.cite("tass-2025-04-08-rudenko;sipri-atdb")
    listing = reg.source_list().splitlines()
    assert listing[0].startswith("1. `sipri-atdb` — SIPRI. Pieter Wezeman. *Arms Transfers Database*. n.d.")
    assert listing[1] == (
        "2. `tass-2025-04-08-rudenko` — TASS. *Russia, Iran will not help aggressor*. 2025-04-08. "
        "<https://tass.com/politics/1940345> (accessed 2026-11-27) [voice of Moscow]"
    )


def test_source_list_needs_citations(reg):
    with pytest.raises(ValueError, match="no sources cited"):
        reg.source_list()


def test_show_returns_a_folded_list_grouped_by_kind(reg):
    reg.cite("tass-2025-04-08-rudenko;sipri-atdb")
    text = reg.show()._repr_markdown_()
    assert text.startswith(
        "<details>\n<summary>Sources cited in this notebook: 2 (1 news, 1 dataset; 0 low confidence)</summary>"
    )
    assert text.rstrip().endswith("</details>")
    news, data_ = text.index("**Wire services"), text.index("**Datasets**")
    assert news < text.index("`tass-2025-04-08-rudenko`") < data_ < text.index("`sipri-atdb`")
    assert "[voice of Moscow]" in text  # the stance is shown


def test_project_registry_is_complete():
    """Every registered source has a URL or a full bibliographic reference."""
    table = data.load("sources")
    for row in table.itertuples():
        assert pd.notna(row.url) or (row.kind == "academic" and len(row.title) > 40), row.source_id
    reg = sources.registry()
    assert reg.cited == []
    first = table["source_id"].iloc[0]
    assert reg.cite(first).startswith("[")


def test_table_line_records_every_row_source(reg):
    frame = pd.DataFrame({"source_ids": ["sipri-atdb;tass-2025-04-08-rudenko", "sipri-atdb", None]})
    frame.attrs["file"] = "data/events.csv"
    line = reg.table_line(frame)
    assert line.startswith("Sources: 2 public sources cited row by row in data/events.csv")
    assert reg.cited == ["sipri-atdb", "tass-2025-04-08-rudenko"]
    bad = pd.DataFrame({"source_ids": ["nope"]})
    with pytest.raises(UnknownSourceError):
        reg.table_line(bad)


def test_prose_citations_are_recorded_and_checked(reg, tmp_path):
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    nb = new_notebook(
        cells=[
            new_markdown_cell("Fact [src: tass-2025-04-08-rudenko]. And [src: sipri-atdb; tass-2025-04-08-rudenko].")
        ]
    )
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    reg.cite("sipri-atdb")
    assert reg.cite_prose(path) == ["tass-2025-04-08-rudenko", "sipri-atdb", "tass-2025-04-08-rudenko"]
    assert reg.cited == ["sipri-atdb", "tass-2025-04-08-rudenko"]
    assert "tass-2025-04-08-rudenko" in reg.show(path).data
    nb.cells.append(new_markdown_cell("Bad [src: nope]"))
    nbformat.write(nb, path)
    with pytest.raises(UnknownSourceError, match="'nope'"):
        reg.cite_prose(path)


# -- the rubric, the id pattern and the registry's dates -----------------------------------------
def test_every_registry_id_follows_the_pattern():
    table = data.load("sources")
    problems = [
        f"{row.source_id}: {sources.id_problem(row.source_id, row.kind, '' if pd.isna(row.date) else row.date)}"
        for row in table.itertuples()
        if sources.id_problem(row.source_id, row.kind, "" if pd.isna(row.date) else row.date)
    ]
    assert not problems, problems


def test_id_problem_catches_each_kind_of_break():
    assert sources.id_problem("tass-2025-04-08-rudenko", "news", "2025-04-08") is None
    assert sources.id_problem("tass-2025-04-rudenko", "news", "2025-04-08") is None  # coarser id date is fine
    assert "does not match" in sources.id_problem("tass-2025-08-rudenko", "news", "2025-09-12")
    assert "undated" in sources.id_problem("tass-nd-rudenko", "news", "2025")
    assert "publisher-date-keyword" in sources.id_problem("abcmedia-rudenko-no-alliance", "news", "")
    assert sources.id_problem("sipri-atdb-2025-01-03", "dataset", "2025-01-03") is None


def test_rubric_fields_are_consistent():
    """Reposts and user-generated pages are low confidence and nothing else is; the stance is a
    state code; the rubric's kinds are exactly the catalogue's enum."""
    table = data.load("sources")
    enum = next(f for f in data.resource("sources")["schema"]["fields"] if f["name"] == "kind")["constraints"]["enum"]
    assert set(enum) == set(sources.KINDS)
    weak = table["kind"].isin(["repost", "user-generated"])
    assert (table.loc[weak, "confidence"] == "low").all()
    assert (table.loc[~weak, "confidence"] != "low").all(), table.loc[
        ~weak & (table["confidence"] == "low"), "source_id"
    ].tolist()
    state = table["stance"].dropna()
    assert state.str.fullmatch(r"[A-Z]{3}").all()
    assert set(state) <= set(sources.STANCE_NAMES), "name the capital of each stance in STANCE_NAMES"
    assert set(table.loc[table["publisher"].str.startswith("TASS"), "stance"]) == {"RUS"}
    assert set(table.loc[table["publisher"] == "IRNA", "stance"]) == {"IRN"}


def test_the_beirut_meeting_is_dated_september_2025():
    row = sources.registry().get("thisisbeirut-2025-09-sharaa-security-talks")
    assert row["date"] == "2025-09"


def test_rename_map_covers_no_id_still_in_use():
    """The old ids of docs/source_id_renames.csv no longer appear in data/ or in notebook sources."""
    import csv

    from helpers.paths import REPO_ROOT

    with open(REPO_ROOT / "docs" / "source_id_renames.csv", encoding="utf-8", newline="") as fh:
        renames = {r["old_id"]: r["new_id"] for r in csv.DictReader(fh)}
    reg = sources.registry()
    for old, new in renames.items():
        reg.get(new)
        with pytest.raises(UnknownSourceError):
            reg.get(old)
    texts = [p.read_text(encoding="utf-8") for p in (REPO_ROOT / "data").glob("*.csv")]
    import nbformat

    for path in sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        texts.extend(c.source for c in nb.cells)
    for old in renames:
        pattern = re.compile(r"(?<![A-Za-z0-9.-])" + re.escape(old) + r"(?![A-Za-z0-9.-])")
        assert not any(pattern.search(t) for t in texts), old


# -- weak evidence is flagged where it is used ---------------------------------------------------
#: Tables whose rows are codings, figures or verdicts: a row resting only on low-confidence
#: sources says so at the start of its note. Contacts feed the contact counts of notebook 04;
#: trade composition feeds the trade charts of notebook 01; the treaty tables (milestones, parties,
#: articles, provisions) feed the treaty comparisons of notebooks 02, 03, 05 and 06.
CODED_TABLES = [
    "events",
    "relations",
    "trade_statements",
    "claims",
    "contacts",
    "trade_composition",
    "treaty_milestones",
    "treaty_parties",
    "treaty_articles",
    "treaty_provisions",
]


@pytest.mark.parametrize("table_name", CODED_TABLES)
def test_rows_resting_only_on_low_confidence_sources_say_so(table_name):
    """A coding (events, relations, contacts), a figure (trade statements, trade composition) or a
    verdict (claims) that rests only on low-confidence sources carries the `[low confidence]` flag at
    the start of its note; no flag is stale; and no verdict of the claims ledger rests only on
    low-confidence sources."""
    registry_table = data.load("sources").set_index("source_id")
    low = set(registry_table.index[registry_table["confidence"] == "low"])
    table = data.load(table_name)
    key = table.columns[0]
    unflagged, stale = [], []
    for _, row in table.iterrows():
        ids = data.split_list(row["source_ids"])
        only_low = bool(ids) and all(i in low for i in ids)
        note = "" if pd.isna(row["note"]) else str(row["note"])
        flagged = note.startswith(sources.LOW_CONFIDENCE_FLAG)
        if only_low and not flagged:
            unflagged.append(row[key])
        if flagged and not only_low:
            stale.append(row[key])
    assert not unflagged, f"{table_name}: rows resting only on low-confidence sources without the flag: {unflagged}"
    assert not stale, f"{table_name}: [low confidence] flag on rows that cite a stronger source: {stale}"
    if table_name == "claims":
        assert not (table["note"].fillna("").str.startswith(sources.LOW_CONFIDENCE_FLAG)).any()


#: Coded tables with no note column to carry the flag: none of their rows may rest only on
#: low-confidence sources (the choice model's considerations, the war-support layer of notebook 06).
UNFLAGGABLE_TABLES = ["choice_considerations", "war_support"]


@pytest.mark.parametrize("table_name", UNFLAGGABLE_TABLES)
def test_unflaggable_codings_cite_a_stronger_source(table_name):
    table = data.load(table_name)
    assert "note" not in table.columns, f"{table_name} has a note column: move it to CODED_TABLES"
    only_low = sources.low_confidence(table)
    key = table.columns[0]
    assert not only_low.any(), (
        f"{table_name}: rows resting only on low-confidence sources: {table.loc[only_low, key].tolist()}"
    )


def test_low_confidence_helper(reg):
    frame = pd.DataFrame({"source_ids": ["a;b", "a", None]})
    table = pd.DataFrame({"source_id": ["a", "b"], "confidence": ["low", "high"]})
    assert sources.low_confidence(frame, table).tolist() == [False, True, False]


# -- linked citations -------------------------------------------------------------------------------
def test_link_markdown_turns_slugs_into_linked_citations(reg):
    text = "Fact [src: tass-2025-04-08-rudenko; sipri-atdb]. Syntax: `[src: tass-2025-04-08-rudenko]`."
    out = sources.link_markdown(text, reg)
    assert out == (
        'Fact ([TASS, 8 Apr 2025](https://tass.com/politics/1940345 "src:tass-2025-04-08-rudenko"); '
        '[SIPRI, n.d.](https://www.sipri.org/databases/armstransfers "src:sipri-atdb")). '
        "Syntax: `[src: tass-2025-04-08-rudenko]`."
    )
    assert sources.link_markdown(out, reg) == out  # idempotent
    assert sources.prose_ids(out) == ["tass-2025-04-08-rudenko", "sipri-atdb"]
    assert sources.check_linked(out, reg) == []
    with pytest.raises(UnknownSourceError):
        sources.link_markdown("Bad [src: nope]", reg)


def test_check_linked_flags_a_citation_in_double_brackets(reg):
    once = sources.link_markdown("Said so [src: tass-2025-04-08-rudenko].", reg)
    assert sources.check_linked(once, reg) == []
    # a [src: …] already in brackets, bracketed again by `link` (one citation, or the first of a group)
    twice = sources.link_markdown("Said so ([src: tass-2025-04-08-rudenko]).", reg)
    group = sources.link_markdown("Said so ([src: tass-2025-04-08-rudenko]; [src: sipri-atdb]).", reg)
    for text in (twice, group):
        assert sources.check_linked(text, reg) == [
            "tass-2025-04-08-rudenko: citation in double brackets '((' — remove one pair"
        ], text


def test_check_linked_flags_a_stale_link(reg):
    stale = '[TASS, 9 Apr 2025](https://tass.com/politics/1940345 "src:tass-2025-04-08-rudenko")'
    assert sources.check_linked(stale, reg) == [
        "tass-2025-04-08-rudenko: label 'TASS, 9 Apr 2025', the registry gives 'TASS, 8 Apr 2025'"
    ]
    assert (
        "link goes to"
        in sources.check_linked('[TASS, 8 Apr 2025](https://x.org "src:tass-2025-04-08-rudenko")', reg)[0]
    )
    assert "unknown source id 'nope'" in sources.check_linked('[X, 2025](https://x.org "src:nope")', reg)[0]
    # re-linking refreshes the stale label
    assert (
        sources.link_markdown(stale, reg)
        == '[TASS, 8 Apr 2025](https://tass.com/politics/1940345 "src:tass-2025-04-08-rudenko")'
    )


def test_human_date():
    assert [sources.human_date(d) for d in ("2025-04-08", "2025-04", "2025", None)] == [
        "8 Apr 2025",
        "Apr 2025",
        "2025",
        "n.d.",
    ]


NOTEBOOKS = sorted(__import__("helpers.paths", fromlist=["NOTEBOOK_DIR"]).NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_citations_are_linked_and_current(path):
    """No plain [src: …] slug is left in a notebook's prose (outside code); every linked citation
    names a registered id with the registry's URL and label; the Further reading cell is current."""
    import nbformat

    reg = sources.registry()
    nb = nbformat.read(path, as_version=4)
    problems, linked = [], 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        outside = sources._CODE_SPAN.sub("", cell.source)
        assert not sources.PROSE_CITATION.search(outside), (
            f"unlinked citation: run `python -m helpers.sources link` ({outside[:80]})"
        )
        linked += len(sources._linked(outside))
        problems += sources.check_linked(cell.source, reg)
    assert linked > 0
    assert not problems, problems
    reading = [c for c in nb.cells if sources.FURTHER_READING_TAG in c.get("metadata", {}).get("tags", [])]
    assert len(reading) == 1 and reading[0].source == sources.further_reading(path)
    index = nb.cells.index(reading[0])
    assert any(re.search(r"\bsrc\.show\(", c.source) for c in nb.cells[index + 1 :] if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_linked_citations_render_as_html_links(path):
    """Rendered with the MyST parser (as the site renders notebook Markdown), each linked citation is an
    <a> with the registry URL and the id in its title."""
    import nbformat
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    nb = nbformat.read(path, as_version=4)
    html = "\n".join(md.render(c.source) for c in nb.cells if c.cell_type == "markdown")
    anchors = re.findall(r'<a href="([^"]+)" title="src:([a-z0-9.-]+)">([^<]+)</a>', html)
    assert anchors
    reg = sources.registry()
    for href, source_id, label in anchors:
        assert href == reg.get(source_id)["url"].replace("&", "&amp;")
        assert label == reg.label(source_id).replace("&", "&amp;")


def test_the_stored_source_lists_are_folded_and_grouped():
    for path in NOTEBOOKS:
        ids = sources.cited_ids(path)
        assert ids and len(ids) == len(set(ids)), path.name
        reg = sources.registry()
        for i in ids:
            reg.get(i)


def test_find_notebook_resolves_by_name_number_or_path(tmp_path, monkeypatch):
    from helpers.paths import NOTEBOOK_DIR

    first = NOTEBOOKS[0]
    monkeypatch.chdir(tmp_path)  # not the notebooks folder
    assert sources.find_notebook(first.name) == NOTEBOOK_DIR / first.name
    assert sources.find_notebook(first.name[:2]) == first
    assert sources.find_notebook("99_renamed_copy.ipynb".replace("99", first.name[:2])) == first
    assert sources.find_notebook(first) == first
    with pytest.raises(FileNotFoundError, match="not found; tried"):
        sources.find_notebook("no_such_notebook.ipynb")


# -- the rubric page and further reading ----------------------------------------------------------
def test_rubric_page_is_current():
    from helpers.paths import NOTEBOOK_DIR

    page = NOTEBOOK_DIR / sources.RUBRIC_PAGE
    assert page.read_text(encoding="utf-8") == sources.rubric_page(NOTEBOOKS), (
        "notebooks/source_rubric.md is stale: run `python -m helpers.sources rubric`"
    )


def test_kind_shares_add_up():
    shares = sources.kind_shares(NOTEBOOKS)
    assert (shares[list(sources.KINDS)].sum(axis=1) == shares["sources"]).all()
    assert (shares["low confidence"] <= shares["sources"]).all()


def test_readings_cover_every_notebook_with_three_to_eight_works():
    table = sources.readings()
    for path in NOTEBOOKS:
        number = path.name[:2]
        rows = table[table["notebooks"].map(lambda v, number=number: number in data.split_list(v))]
        assert 3 <= len(rows) <= 8, (number, len(rows))
        text = sources.further_reading(path, table)
        assert text.startswith("## Further reading\n\n- ")
        assert text.count("\n- ") == len(rows)
    assert (table["kind"] == "theory").sum() >= 4  # seminar readings on alliance and alignment theory
    with pytest.raises(ValueError, match="no readings for notebook 99"):
        sources.further_reading("99_x.ipynb", table)


def test_further_reading_goes_before_a_sources_heading_in_its_own_cell():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    show, exercises = new_code_cell('src.show("00_x.ipynb")'), new_markdown_cell("## Exercises\n\n**Exercise 1.** …")
    heading = new_markdown_cell("## Sources\n\nEvery source cited above:")
    assert sources._source_list_index(new_notebook(cells=[exercises, heading, show])) == 1
    assert sources._source_list_index(new_notebook(cells=[exercises, new_code_cell("1"), heading, show])) == 2
    assert sources._source_list_index(new_notebook(cells=[exercises, show])) == 1  # no heading: before src.show
    assert sources._source_list_index(new_notebook(cells=[show])) == 0
    assert sources._source_list_index(new_notebook(cells=[exercises, show, new_code_cell("src.show()")])) == 2
    ending = new_markdown_cell(exercises.source + "\n\n## Sources\n\nEvery source cited above:")
    with pytest.raises(ValueError, match=r"cell 0: the '## Sources' heading is inside another cell"):
        sources._source_list_index(new_notebook(cells=[ending, show]))
    with pytest.raises(ValueError, match="no source-list cell"):
        sources._source_list_index(new_notebook(cells=[exercises, heading]))


@pytest.mark.parametrize(
    "path",
    NOTEBOOKS,
    ids=[p.stem for p in NOTEBOOKS],
)
def test_further_reading_sits_just_before_the_sources_heading(path):
    """Each notebook ends: Further reading, then "## Sources" at the start of its own cell, then the
    source list — the place `_source_list_index` would insert Further reading now, so the reading
    list never lands inside the Sources section."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    tags = [c.get("metadata", {}).get("tags", []) for c in nb.cells]
    index = next(n for n, t in enumerate(tags) if sources.FURTHER_READING_TAG in t)
    rest = nbformat.v4.new_notebook(cells=nb.cells[:index] + nb.cells[index + 1 :])
    assert sources._source_list_index(rest) == index
    assert nb.cells[index + 1].source.startswith("## Sources")


def test_rename_touches_only_citations_and_code_strings(reg, tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    nb = new_notebook(
        cells=[
            new_markdown_cell(
                'See [src: old-2025-x] and [A, 2025](https://a.org "src:old-2025-x"); old-2025-x in text stays.'
            ),
            new_code_cell('src.source_line("old-2025-x;sipri-atdb")  # old-2025-x in a comment stays'),
        ]
    )
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    assert sources.transform_notebook(path, reg, None, {"old-2025-x": "new-2025-x"}, link=False)
    cells = nbformat.read(path, as_version=4).cells
    assert (
        cells[0].source
        == 'See [src: new-2025-x] and [A, 2025](https://a.org "src:new-2025-x"); old-2025-x in text stays.'
    )
    assert cells[1].source == 'src.source_line("new-2025-x;sipri-atdb")  # old-2025-x in a comment stays'
    assert not sources.transform_notebook(path, reg, None, {"old-2025-x": "new-2025-x"}, link=False)  # idempotent


from html import unescape  # noqa: E402
from urllib.parse import unquote  # noqa: E402


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    from helpers import build

    out = tmp_path_factory.mktemp("site")
    return build.build_site(output=out, write_dictionary=False).parent


def test_built_site_has_clickable_citations_and_folded_source_lists(built_site):
    """On the rendered site every notebook page carries linked citations (href = the registry URL,
    the id in the title) and its source list inside a folded <details>."""
    reg = sources.registry()
    for path in NOTEBOOKS:
        html = (built_site / f"{path.stem}.html").read_text(encoding="utf-8")
        anchors = re.findall(r'<a[^>]*href="([^"]+)"[^>]*title="src:([a-z0-9.-]+)"', html)
        assert anchors, path.stem
        for href, source_id in anchors:
            got, want = unquote(unescape(href)), unquote(reg.get(source_id)["url"])
            assert got == want, (path.stem, source_id, got, want)
        assert "<details>" in html and "Sources cited in this notebook" in html, path.stem
    rubric = built_site / "source_rubric.html"
    if rubric.exists():  # once the page is in the table of contents
        assert "Share of citations by kind" in rubric.read_text(encoding="utf-8")


def test_a_url_with_an_ampersand_is_linked_as_html(reg):
    reg.table.loc["sipri-atdb", "url"] = "https://example.org/db?a=1&b=2"
    out = sources.link_markdown("Data [src: sipri-atdb].", reg)
    assert out == 'Data (<a href="https://example.org/db?a=1&amp;b=2" title="src:sipri-atdb">SIPRI, n.d.</a>).'
    assert sources.link_markdown(out, reg) == out
    assert sources.prose_ids(out) == ["sipri-atdb"]
    assert sources.check_linked(out, reg) == []
    assert '<a href="https://example.org/db?a=1&amp;b=2">' in reg.reference("sipri-atdb")


def test_rename_in_table_touches_only_source_id_columns(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(
        b'id,text,source_ids\r\nE1,"old-2025-x, in text",old-2025-x;keep-2020-y\r\nE2,plain,keep-2020-y\r\n'
    )
    assert sources.rename_in_table(path, {"old-2025-x": "new-2025-x"})
    assert path.read_bytes() == (
        b'id,text,source_ids\r\nE1,"old-2025-x, in text",new-2025-x;keep-2020-y\r\nE2,plain,keep-2020-y\r\n'
    )
    assert not sources.rename_in_table(path, {"old-2025-x": "new-2025-x"})


CONF = {"strong-2025-01-01-a": "high", "weak-2025-01-01-b": "low", "weak-2025-01-02-c": "low"}


def test_a_fact_on_low_confidence_sources_alone_is_found_unless_it_says_so():
    text = (
        'Russia did X ([Weak Co. (citing A.B.), n.d.](https://w.example "src:weak-2025-01-01-b")). '
        "Iran did Y ([src: strong-2025-01-01-a; weak-2025-01-02-c]); "
        "Israel did Z, unconfirmed ([src: weak-2025-01-02-c]).\n\n"
        "A low-confidence report says W [src: weak-2025-01-01-b]. No source here. `[src: weak-2025-01-02-c]`"
    )
    found = sources.weak_only_sentences(text, CONF)
    assert found == ["Russia did X ({weak-2025-01-01-b})."]


def test_weak_only_sentences_refuses_an_unregistered_source():
    with pytest.raises(sources.UnknownSourceError, match="nobody-2025-01-01-x"):
        sources.weak_only_sentences("A fact [src: nobody-2025-01-01-x].", CONF)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_prose_fact_rests_on_low_confidence_sources_alone_without_saying_so(path):
    import nbformat

    confidence = dict(zip(data.load("sources")["source_id"], data.load("sources")["confidence"]))
    nb = nbformat.read(path, as_version=4)
    found = [
        f"cell {i}: {sentence}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown"
        for sentence in sources.weak_only_sentences(cell.source, confidence)
    ]
    assert not found, "cite a stronger source for these, or say they rest on low-confidence reports:\n" + "\n".join(
        found
    )
