"""The site renders offline from the stored outputs, warnings as errors, with every page of the
table of contents, alt text on every image, no broken internal link, and reference pages short
enough to read on a phone."""

import os
import re
from html.parser import HTMLParser

import pytest

from helpers import build, refpages


def _site_pages(site):
    """Every page of the rendered book, in subfolders too (``api/data.html``), the theme's own files aside."""
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("_"))


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
    assert (site / "data_dictionary.html").exists() and (site / "tables" / "events.html").exists()


def test_images_have_alt_text_and_exist(site):
    count = 0
    for page in _site_pages(site):
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        for img in parser.images:
            if "logo" in img.get("class", "") or img.get("src", "").startswith("data:"):
                continue
            count += 1
            assert len(img.get("alt", "")) >= 30, (page.name, img.get("src"))
            assert (page.parent / img["src"]).resolve().exists(), (page.name, img["src"])
    assert count >= 2


def _ids(page):
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


def test_internal_links_resolve(site):
    """Every link within the site leads to a page that exists, and a link to an anchor (a table, a
    function, a section) to an element of that page with that id."""
    ids = {}
    count = 0
    for page in _site_pages(site):
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links:
            if re.match(r"^(https?:|mailto:|javascript:)", href):
                continue
            target, _, anchor = href.partition("#")
            path = (page.parent / target).resolve() if target else page.resolve()
            assert path.exists(), (str(page.relative_to(site)), href)
            if anchor and path.suffix == ".html":
                if path not in ids:  # read each target page once
                    ids[path] = _ids(path)
                assert anchor in ids[path], (str(page.relative_to(site)), href)
                count += 1
    assert count >= 100  # the pages' own contents, the function index, cross-references


def test_exercise_solutions_are_folded(site):
    html = (site / "00_introduction.html").read_text(encoding="utf-8")
    assert html.count("<details>") >= 2 and "<summary>Solution</summary>" in html


def test_every_page_of_the_toc_is_built(site):
    import yaml

    toc = yaml.safe_load((build.NOTEBOOK_DIR / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [c for part in toc["parts"] for c in part["chapters"]]
    files = [toc["root"]] + [e["file"] for c in chapters for e in [c] + c.get("sections", [])]
    assert {"api", "api/data", "data_dictionary", "tables/events", "seminar_roleplay", "seminar_answers"} <= set(files)
    for name in files:
        assert (site / f"{name}.html").exists(), name


def test_licence_footer_and_no_duplicate_scripts(site):
    for page in _site_pages(site):
        html = page.read_text(encoding="utf-8")
        if page.name in ("genindex.html", "search.html"):
            continue
        assert "CC BY 4.0" in html and "MIT licence" in html, page.name
        assert html.count("THEBE_JS_URL") <= 1, page.name
        assert html.count("navigation-fix.js") == 1, page.name


def test_api_pages_document_functions_each_of_its_own_module(site):
    from helpers import seminar

    index = (site / "api.html").read_text(encoding="utf-8")
    assert 'href="api/timeline.html"' in index and 'class="sig-name descname"' not in index
    assert 'id="helpers.timeline.browse"' in (site / "api" / "timeline.html").read_text(encoding="utf-8")
    total = 0
    for module in seminar.api_modules():
        html = (site / "api" / f"{module}.html").read_text(encoding="utf-8")
        total += html.count('class="sig-name descname"')
        documented = {
            i.rsplit(".", 1)[0] for i in re.findall(r'<dt class="sig sig-object py" id="(helpers\.[\w.]+)"', html)
        }
        assert {d for d in documented if not d.startswith(f"helpers.{module}")} == set(), module
    assert total >= 50


def _article_words(page):
    """The words of a page's main text (the article: navigation, header and footer aside)."""
    html = page.read_text(encoding="utf-8")
    article = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', html, re.S)
    assert article, page.name
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", article.group(1), flags=re.S)
    return len(re.sub(r"<[^>]+>", " ", text).split())


#: The reference pages split for a phone: each index and each page of a unit (a table, a module).
REFERENCE_PAGES = ("data_dictionary.html", "api.html", "tables/*.html", "api/*.html")


def test_reference_pages_are_short_enough_for_a_phone(site):
    """Each index page is a few screens on a phone and no page of a table or module runs past
    :data:`helpers.refpages.MAX_WORDS` words (the browser test measures the longest's height)."""
    pages = {p for pattern in REFERENCE_PAGES for p in site.glob(pattern)}
    assert len(pages) >= 40
    long = {str(p.relative_to(site)): n for p in sorted(pages) if (n := _article_words(p)) > refpages.MAX_WORDS}
    assert not long, f"reference pages over {refpages.MAX_WORDS} words: {long}"
    for index in ("data_dictionary.html", "api.html"):
        assert _article_words(site / index) <= refpages.MAX_INDEX_WORDS, index


def test_code_is_folded_on_the_site(site):
    import nbformat

    for nb_path in build.notebooks():
        nb = nbformat.read(nb_path, as_version=4)
        code = sum(c.cell_type == "code" and "hide-input" in c.metadata.get("tags", []) for c in nb.cells)
        html = (site / f"{nb_path.stem}.html").read_text(encoding="utf-8")
        assert html.count("tag_hide-input") == code >= 1, nb_path.name


# --------------------------------------------------------------------------- repository address and Binder
# The address is configured once (``repository.url`` in notebooks/_config.yml). Both states are
# rendered from a small copy of the book: the project's own configuration, extension and static
# files and the home page's paragraph on getting the repository, with one notebook page.

EXAMPLE_REPO = "https://github.com/example-owner/russia-iran"


def _config():
    import yaml

    return yaml.safe_load((build.NOTEBOOK_DIR / "_config.yml").read_text(encoding="utf-8"))


def _site_fixes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("site_fixes", build.NOTEBOOK_DIR / "_ext" / "site_fixes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _home_paragraphs():
    """The home page's paragraph on getting the repository and its marker line."""
    text = (build.NOTEBOOK_DIR / "index.md").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    how = [p for p in paragraphs if p.startswith("**How to run them.**")]
    marker = [p for p in paragraphs if p.strip() == _site_fixes().MARKER]
    assert len(how) == 1 and "git clone" in how[0], "index.md lost its paragraph on getting the repository"
    assert len(marker) == 1, "index.md lost the <!-- repository-links --> marker line"
    return how[0] + "\n\n" + marker[0]


def _tiny_book(tmp_path, url):
    """Render the small copy with ``repository.url`` set to ``url``; return its HTML folder."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import nbformat
    import yaml

    book = tmp_path / "book"
    book.mkdir()
    for folder in ("_ext", "_static"):
        shutil.copytree(build.NOTEBOOK_DIR / folder, book / folder)
    config = _config()
    config["repository"]["url"] = url
    (book / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: page\n", encoding="utf-8")
    (book / "index.md").write_text("# Home\n\n" + _home_paragraphs() + "\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    out = nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A notebook page\n\nText."),
        nbformat.v4.new_code_cell("1 + 1", outputs=[out], execution_count=1),
    ]
    nbformat.write(nb, book / "page.ipynb")
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(book), "--path-output", str(tmp_path), "--all", "--warningiserror", "--nitpick"]
    run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **build.kernel_env()})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return tmp_path / "_build" / "html"


def _text(html_file):
    """A page's visible words (tags dropped, spaces collapsed)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_file.read_text(encoding="utf-8")).split())


def _external_links(html_file):
    parser = _Page()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return [h for h in parser.links if h.startswith("http")]


def test_without_an_address_no_binder_or_repository_link_and_the_clone_instructions_stay(tmp_path):
    html = _tiny_book(tmp_path, "")
    for page in ("index.html", "page.html"):
        links = _external_links(html / page)
        assert not [h for h in links if "binder" in h or "github.com" in h or "gitlab.com" in h], (page, links)
    assert "git clone" in _text(html / "index.html")
    assert "repository-links" not in (html / "index.html").read_text(encoding="utf-8")


def test_with_an_address_every_page_offers_binder_and_the_repository(tmp_path):
    html = _tiny_book(tmp_path, EXAMPLE_REPO)
    page = _external_links(html / "page.html")
    binder = "https://mybinder.org/v2/gh/example-owner/russia-iran/main?urlpath=lab/tree/notebooks/page.ipynb"
    assert binder in page and EXAMPLE_REPO in page
    home = _external_links(html / "index.html")
    assert "https://mybinder.org/v2/gh/example-owner/russia-iran/main?urlpath=lab/tree/notebooks" in home
    assert EXAMPLE_REPO in home
    assert f"git clone {EXAMPLE_REPO}" in _text(html / "index.html")


def test_binder_addresses_for_github_gitlab_and_any_git_host():
    url = _site_fixes().binder_url
    hub = "https://mybinder.org/"
    assert url("https://github.com/o/r.git", "main", hub) == "https://mybinder.org/v2/gh/o/r/main"
    assert url("https://gitlab.com/o/r", "dev", hub, "notebooks") == (
        "https://mybinder.org/v2/gl/o%2Fr/dev?urlpath=lab/tree/notebooks"
    )
    assert url("https://git.example.org/o/r", "main", hub) == (
        "https://mybinder.org/v2/git/https%3A%2F%2Fgit.example.org%2Fo%2Fr/main"
    )


def test_readme_says_how_to_get_the_repository_and_matches_the_configured_address():
    config = _config()
    url = (config.get("repository") or {}).get("url") or ""
    readme = (build.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = " ".join(readme.split("## Getting the repository", 1)[1].split("\n## ", 1)[0].split())
    assert "git clone" in section and "repository.url" in section
    if url:
        binder = _site_fixes().binder_url(url, config["repository"].get("branch", "main"), "https://mybinder.org")
        assert url in section and binder in section, "README: give the configured address and its Binder link"
    else:
        assert "No address is configured" in section and "mybinder.org/v2" not in readme
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"


def test_the_built_site_matches_the_configured_address(site):
    url = (_config().get("repository") or {}).get("url") or ""
    links = _external_links(site / "01_drivers.html") + _external_links(site / "index.html")
    binder = [h for h in links if "mybinder.org" in h]
    if url:
        assert binder and url in links
    else:
        assert binder == [] and "git clone" in _text(site / "index.html")


# --------------------------------------------------------------------------- reading on a phone and by ear


def test_printed_output_wraps_on_a_narrow_screen(site):
    css = (site / "_static" / "site-fixes.css").read_text(encoding="utf-8")
    rule = re.search(r"\.cell_output \.output\.stream pre\s*\{([^}]*)\}", css)
    assert rule and "white-space: pre-wrap" in rule.group(1)
    html = (site / "02_treaty_terms.html").read_text(encoding="utf-8")
    assert '<div class="output stream' in html  # the class the rule targets is the one rendered
    assert "**Coverage:**" not in html  # the header's line is Markdown, not printed again


def test_quotes_and_source_titles_in_other_scripts_carry_their_language(site):
    html = (site / "02_treaty_terms.html").read_text(encoding="utf-8")
    assert re.search(r'<span lang="ru">[^<]*[а-яА-Я]', html), "Russian quotes are marked"
    assert re.search(r'<span lang="ar" dir="rtl">[^<]*[\u0600-\u06ff]', html), "Arabic quotes are marked"
    sources = html[html.rindex("Sources cited in this notebook") :]
    assert re.search(r'<em><span lang="ru">[^<]*[а-яА-Я]', sources), "Russian source titles are marked"


def test_tables_show_id_lists_spaced_and_no_raw_column_names(site):
    for page in ("02_treaty_terms.html", "04_israel_balancing.html", "06_alliance_network.html"):
        html = (site / page).read_text(encoding="utf-8")
        cells = re.findall(r'<td id="T_[^"]+" class="data[^"]*" >([^<]*)</td>', html)
        assert cells, page
        assert not [c for c in cells if re.fullmatch(r"[^\s;]+(?:;[^\s;]+)+", c)], page
        assert not re.search(r'class="col_heading[^"]*" >[a-z0-9]+_[a-z0-9_]+</th>', html), page


def test_chart_alt_text_says_title_and_source(site):
    """A screen reader hears what a sighted reader sees around a chart: its title and source line.
    Checked on every notebook page."""
    for page in [f"{p.stem}.html" for p in build.notebooks()]:
        parser = _Page()
        parser.feed((site / page).read_text(encoding="utf-8"))
        charts = [img for img in parser.images if img.get("src", "").startswith("_images/")]
        assert charts, page
        for img in charts:
            assert re.search(r"\bSources?: ", img["alt"]), (page, img["alt"][:80])
