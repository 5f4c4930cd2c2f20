"""The source registry: look-ups, citation strings, the source list and unknown ids."""

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
        "Sources: SIPRI, Arms Transfers Database (n.d.); "
        "TASS, Russia, Iran will not help aggressor (2025)."
    )
    assert reg.source_line("sipri-atdb", note="TIV = trend-indicator value.").endswith("TIV = trend-indicator value.")


def test_source_list_in_order_of_first_citation(reg):
    reg.cite("sipri-atdb")
    reg.cite("tass-2025-04-08-rudenko;sipri-atdb")
    listing = reg.source_list().splitlines()
    assert listing[0].startswith("1. `sipri-atdb` — SIPRI. Pieter Wezeman. *Arms Transfers Database*. n.d.")
    assert listing[1] == (
        "2. `tass-2025-04-08-rudenko` — TASS. *Russia, Iran will not help aggressor*. 2025-04-08. "
        "<https://tass.com/politics/1940345> (accessed 2026-11-27)"
    )


def test_source_list_needs_citations(reg):
    with pytest.raises(ValueError, match="no sources cited"):
        reg.source_list()


def test_show_returns_markdown(reg):
    reg.cite("sipri-atdb")
    assert "sipri-atdb" in reg.show()._repr_markdown_()


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

    nb = new_notebook(cells=[new_markdown_cell("Fact [src: tass-2025-04-08-rudenko]. And [src: sipri-atdb; tass-2025-04-08-rudenko].")])
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
