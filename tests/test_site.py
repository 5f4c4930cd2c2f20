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


def test_every_page_of_the_toc_is_built(site):
    import yaml

    toc = yaml.safe_load((build.NOTEBOOK_DIR / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert {"api", "seminar_roleplay", "seminar_answers"} <= set(files)
    for name in files:
        assert (site / f"{name}.html").exists(), name


def test_licence_footer_and_no_duplicate_scripts(site):
    for page in site.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        if page.name in ("genindex.html", "search.html"):
            continue
        assert "CC BY 4.0" in html and "MIT licence" in html, page.name
        assert html.count("THEBE_JS_URL") <= 1, page.name
        assert html.count("navigation-fix.js") == 1, page.name


def test_binder_and_repository_links_only_when_configured(site):
    import yaml

    config = yaml.safe_load((build.NOTEBOOK_DIR / "_config.yml").read_text(encoding="utf-8"))
    url = (config.get("repository") or {}).get("url") or ""
    html = (site / "01_drivers.html").read_text(encoding="utf-8")
    if url:
        assert "mybinder.org" in html and url in html
    else:
        assert "mybinder.org/v2" not in html
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"


def test_api_page_documents_functions(site):
    html = (site / "api.html").read_text(encoding="utf-8")
    assert html.count('class="sig-name descname"') >= 50
    assert 'id="helpers.timeline.browse"' in html


def test_code_is_folded_on_the_site(site):
    import nbformat

    for nb_path in build.notebooks():
        nb = nbformat.read(nb_path, as_version=4)
        code = sum(c.cell_type == "code" and "hide-input" in c.metadata.get("tags", []) for c in nb.cells)
        html = (site / f"{nb_path.stem}.html").read_text(encoding="utf-8")
        assert html.count("tag_hide-input") == code >= 1, nb_path.name


def test_launch_buttons_follow_the_repository_address():
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("site_fixes", build.NOTEBOOK_DIR / "_ext" / "site_fixes.py")
    fixes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixes)
    buttons = {"binderhub_url": "https://mybinder.org"}
    empty = SimpleNamespace(html_theme_options={"repository_url": "", "launch_buttons": dict(buttons)})
    fixes._launch_buttons_need_a_repository(None, empty)
    assert "launch_buttons" not in empty.html_theme_options
    set_ = SimpleNamespace(
        html_theme_options={"repository_url": "https://github.com/o/r", "launch_buttons": dict(buttons)}
    )
    fixes._launch_buttons_need_a_repository(None, set_)
    assert set_.html_theme_options["launch_buttons"] == buttons
