"""Slides are built offline from the notebooks: reveal.js is served from a local copy, no
script, style or image is fetched from elsewhere, code is left out and every section is a slide."""

import re

import nbformat
import pytest

from helpers import build, slides

pytest.importorskip("sphinx_revealjs", reason="slides need the 'slides' extra: pip install -e '.[slides]'")


@pytest.fixture(scope="module")
def deck_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    slides.build([build.notebooks()[0]], out)
    return out


def test_reveal_is_local(deck_dir):
    page = (deck_dir / f"{build.notebooks()[0].stem}.slides.html").read_text(encoding="utf-8")
    assert slides.external_references(page) == []
    for ref in re.findall(r'<script[^>]+src="([^"]+)"', page):
        assert (deck_dir / ref).exists(), ref
    assert "Reveal.initialize" in page and (deck_dir / "reveal.js" / "dist" / "reveal.css").exists()
    assert "index.html" in [p.name for p in deck_dir.iterdir()]
    theme = re.search(r'href="(reveal\.js/dist/theme/[^"]+\.css)"', page).group(1)
    for css in [deck_dir / theme, deck_dir / "reveal.js" / "dist" / "reveal.css"]:
        assert slides.external_references(css.read_text(encoding="utf-8")) == [], css.name


def test_external_references_are_caught():
    page = '<script src="https://unpkg.com/reveal.js/dist/reveal.js"></script><a href="https://x.org">x</a>'
    assert slides.external_references(page) == ["https://unpkg.com/reveal.js/dist/reveal.js"]
    css = "@import url(https://fonts.googleapis.com/css?family=News+Cycle);\n@import url(./fonts/a.css);"
    assert slides.external_references(css) == ["https://fonts.googleapis.com/css?family=News+Cycle"]


def test_every_section_is_a_slide_and_code_is_left_out():
    path = build.notebooks()[0]
    nb = nbformat.read(path, as_version=4)
    deck = slides.deck(nb)
    sections = sum(c.source.lstrip().startswith("## ") for c in nb.cells if c.cell_type == "markdown")
    assert sum(c.metadata.slideshow["slide_type"] == "slide" for c in deck.cells) == sections + 1
    assert all("slideshow" not in c.metadata for c in nb.cells)  # the notebook is not changed
    page = slides.export(path, __import__("pathlib").Path(__import__("tempfile").mkdtemp()))
    html = page.read_text(encoding="utf-8")
    code = next(c.source for c in nb.cells if c.cell_type == "code")
    assert code.splitlines()[0] not in html
