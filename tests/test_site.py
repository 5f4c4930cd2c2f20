"""The site renders offline from the stored outputs, warnings as errors, with every page of the
table of contents, alt text on every image and no broken internal link."""

import re
from html.parser import HTMLParser

import pytest

from helpers import build


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    index = build.build_site(output=out, write_dictionary=False)
    return index.parent


def test_every_notebook_and_the_dictionary_are_pages(site):
    for nb in build.notebooks():
        assert (site / f"{nb.stem}.html").exists(), nb.stem
    assert (site / "data_dictionary.html").exists()


def test_images_have_alt_text_and_exist(site):
    count = 0
    for page in site.glob("*.html"):
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        for img in parser.images:
            if "logo" in img.get("class", "") or img.get("src", "").startswith("data:"):
                continue
            count += 1
            assert len(img.get("alt", "")) >= 30, (page.name, img.get("src"))
            assert (site / img["src"]).exists(), img["src"]
    assert count >= 2


def test_internal_links_resolve(site):
    for page in site.glob("*.html"):
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links:
            if re.match(r"^(https?:|mailto:|#|javascript:)", href):
                continue
            target = href.split("#")[0]
            if target:
                assert (page.parent / target).resolve().exists(), (page.name, href)


def test_exercise_solutions_are_folded(site):
    html = (site / "00_introduction.html").read_text(encoding="utf-8")
    assert html.count("<details>") >= 2 and "<summary>Solution</summary>" in html
