"""The rendered site in a real browser (headless Chromium through chromium-driver and Selenium),
served on 127.0.0.1, at a desktop width (1366 px) and a phone width (390 px), and a tablet width
(800 px) for the navigation, and a small phone (360 px) (every top-level page, and the longest page
of a table and of a module): navigation opens, every image loads, no
request leaves 127.0.0.1, no console error, nothing scrolls the page sideways, wide tables scroll
in their own box (with every fold open), no word in a table is split across lines on a phone, a
table's title wraps within its box on a phone, on a phone every chart fits
the column and one tap shows its text at 9 px or more, folds open with a 44 px tap target, text
contrast is at least 4.5:1 (3:1 for large text) in light and dark mode, the licence footer is on
every page, the reference pages are a few screens on a phone, and the widget page has a static
fallback.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y chromium
chromium-driver``) and the ``browser`` extra (``pip install -e '.[browser]'``). Where they are
missing the tests FAIL saying so; set ``SKIP_BROWSER_TESTS=1`` to skip them on purpose (they are
then skipped whether or not a browser is there).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from helpers import build

WIDTHS = {"desktop": 1366, "phone": 390, "small phone": 360}
#: The smallest text drawn in a chart: 8 pt at 100 dpi (helpers.style draws source lines at 8.5).
MIN_CHART_TEXT_PX = 8 * 100 / 72
MIN_EFFECTIVE_PX = 9.0


def _requirements() -> tuple[str, str]:
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: the browser tests are skipped on purpose")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    missing = []
    if not chromium or not driver:
        missing.append(
            "Chromium and its driver: `sudo apt-get update && sudo apt-get install -y chromium "
            "chromium-driver` (Debian/Ubuntu)"
        )
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("Selenium: `.venv/bin/pip install -e '.[browser]'`")
    if missing:
        pytest.fail("browser test needs " + "; ".join(missing) + " (or set SKIP_BROWSER_TESTS=1 to skip it on purpose)")
    return chromium, driver


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(root: Path):
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _requirements()
    if os.environ.get("BROWSER_TEST_SITE"):  # an already built site (its html folder)
        root = Path(os.environ["BROWSER_TEST_SITE"])
    else:
        root = build.build_site(output=tmp_path_factory.mktemp("site"), write_dictionary=False).parent
    httpd = _serve(root)
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    chromium, driver_path = _requirements()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-domain-reliability",
        "--disable-sync",
        "--metrics-recording-only",
        # nothing can leave the machine; attempts still show in the request log below
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    yield driver
    driver.quit()


#: Folders of the reference pages split for a phone (one generated page per table or module): the
#: browser opens the longest page of each, which stands for the others (one generator writes them).
REFERENCE_FOLDERS = ("tables", "api")
#: The index pages of those folders.
REFERENCE_INDEXES = ("data_dictionary.html", "api.html")
#: A phone's screen (390 × 844 CSS px), and the most screens a reference page may take on it: an
#: index a few, a table or module page (the longest: a module with much documentation) about 45.
SCREEN_PX = 844
MAX_SCREENS = {"index": 12, "unit": 55}


def _pages(root: Path) -> list[str]:
    """Every top-level page, and the longest page of each of :data:`REFERENCE_FOLDERS`."""
    top = sorted(p.name for p in root.glob("*.html") if p.name not in ("genindex.html", "search.html"))
    longest = [
        f"{folder}/{max(pages, key=lambda p: (p.stat().st_size, p.name)).name}"
        for folder in REFERENCE_FOLDERS
        if (pages := list((root / folder).glob("*.html")))
    ]
    return top + longest


def _open(driver, url: str, width: int) -> None:
    driver.set_window_size(width, 900)
    driver.get_log("performance")  # drop what earlier pages logged
    driver.get_log("browser")
    driver.get(url)
    # load every image now (lazy ones too) and wait until all have finished
    driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const imgs = [...document.images];
        imgs.forEach(i => { i.loading = 'eager'; });
        Promise.all(imgs.map(i => i.complete ? Promise.resolve() :
            new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })))
          .then(() => setTimeout(done, 200));
    """)


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def _check_page(driver, url: str, width: int) -> list[str]:
    """Everything wrong with one page at one width (empty when the page passes)."""
    _open(driver, url, width)
    return _page_problems(driver, f"{url.rsplit('/', 1)[-1]} @ {width}px")


def _page_problems(driver, name: str) -> list[str]:
    """Everything wrong with the page ``driver`` has open (opened by :func:`_open`; its folds are
    opened here)."""
    problems = []
    for request in _requests(driver):
        if not request.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            problems.append(f"{name}: request leaves 127.0.0.1: {request}")
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
            problems.append(f"{name}: console error: {entry['message']}")
    broken = driver.execute_script(
        "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    problems += [f"{name}: image does not load: {src}" for src in broken]
    # with every fold open (solutions, whole tables, source lists, code), as a reader may have them
    driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; });")
    over = driver.execute_script("""
        const w = document.documentElement.clientWidth;
        return [document.documentElement.scrollWidth, w,
                [...document.querySelectorAll('.bd-article *')].filter(e => {
                    const r = e.getBoundingClientRect();
                    if (r.width === 0 || r.right <= w + 1) return false;
                    for (let p = e.parentElement; p; p = p.parentElement) {
                        const o = getComputedStyle(p).overflowX;
                        if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
                    }
                    return true;
                }).slice(0, 3).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60))];
    """)
    if over[0] > over[1] + 1:
        problems.append(f"{name}: the page scrolls sideways ({over[0]} px wide in {over[1]} px): {over[2]}")
    if "CC BY 4.0" not in driver.find_element("css selector", "footer.bd-footer-content").get_attribute("textContent"):
        problems.append(f"{name}: licence footer missing")
    # wide tables scroll inside a visible box
    tables = driver.execute_script("""
        return [...document.querySelectorAll('.bd-article table')].filter(t => t.offsetParent).map(t => {
            let box = t.parentElement;
            while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
            const tw = t.getBoundingClientRect().width;
            return {wide: box ? tw > box.clientWidth + 1 : tw > document.documentElement.clientWidth,
                    boxed: !!box && getComputedStyle(box).borderStyle !== 'none' && box.clientWidth < document.documentElement.clientWidth + 1,
                    caption: (t.caption ? t.caption.textContent : t.textContent).slice(0, 50)};
        }).filter(t => t.wide && !t.boxed);
    """)
    problems += [f"{name}: wide table without a scroll box: {t['caption']}" for t in tables]
    return problems


def test_every_page_at_desktop_and_phone_width(server, browser, phone_pages):
    base, root = server
    problems = [p for found in phone_pages.values() for p in found["page"]]  # the two phone widths
    for page in _pages(root):
        problems += _check_page(browser, f"{base}/{page}", WIDTHS["desktop"])
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("width", [390, 800, 1366])
def test_navigation_opens(server, browser, width):
    base, _ = server
    _open(browser, f"{base}/01_drivers.html", width)
    state = browser.execute_script("""
        const visible = e => e && e.offsetParent !== null && e.getBoundingClientRect().width > 0;
        const button = [...document.querySelectorAll('.primary-toggle')].find(visible);
        if (!button) return 'no visible navigation button';
        button.click();
        const modal = document.getElementById('pst-primary-sidebar-modal');
        const sidebar = document.getElementById('pst-primary-sidebar');
        if (modal && modal.open) {
            const links = [...modal.querySelectorAll('a.reference.internal, nav a')].filter(visible);
            return links.length >= 5 ? 'dialog' : 'dialog opened without page links';
        }
        if (sidebar.classList.contains('pst-sidebar-hidden')) return 'collapsed';
        return 'nothing happened';
    """)
    expected = "collapsed" if width >= 992 else "dialog"
    assert state == expected, f"navigation at {width}px: {state}"
    if width < 992:  # and a link in it leads to another page
        link = browser.execute_script("""
            const a = [...document.querySelectorAll('#pst-primary-sidebar-modal a.reference.internal')]
                .find(a => a.href.includes('02_treaty_terms'));
            if (a) a.click(); return !!a;""")
        assert link
        assert browser.current_url.split("#")[0].endswith("02_treaty_terms.html")


@pytest.mark.parametrize("width", [390, 800])
def test_page_contents_opens_on_small_screens(server, browser, width):
    base, _ = server
    _open(browser, f"{base}/03_defence_limits.html", width)
    opened = browser.execute_script("""
        const visible = e => e && e.offsetParent !== null && e.getBoundingClientRect().width > 0;
        const button = [...document.querySelectorAll('.secondary-toggle')].find(visible);
        if (!button) return 'no visible contents button';
        button.click();
        const modal = document.getElementById('pst-secondary-sidebar-modal');
        return modal && modal.open && modal.querySelectorAll('a').length >= 3 ? 'open' : 'not opened';""")
    assert opened == "open"


#: Every wide chart of a page: whether it fits, its smallest text fitted and enlarged, and its
#: enlarge button (tapped twice: run last on a page).
_CHARTS = f"""
            const out = [];
            for (const img of document.querySelectorAll('.cell_output > img')) {{
                if (img.naturalWidth <= 300) continue;
                const box = img.parentElement, name = img.src.split('/').pop();
                const fits = img.getBoundingClientRect().width <= box.clientWidth + 1;
                const fitted = img.getBoundingClientRect().width / img.naturalWidth * {MIN_CHART_TEXT_PX};
                const button = box.querySelector(':scope > button.chart-zoom');
                const shown = button && getComputedStyle(button).display !== 'none';
                let enlarged = null, height = null, back = null;
                if (shown) {{
                    height = button.getBoundingClientRect().height;
                    button.click();
                    enlarged = img.getBoundingClientRect().width / img.naturalWidth * {MIN_CHART_TEXT_PX};
                    button.click();
                    back = img.getBoundingClientRect().width <= box.clientWidth + 1;
                }}
                out.push({{name, fits, fitted, shown, height, enlarged, back}});
            }}
            return out;
"""


def test_charts_fit_a_phone_and_enlarge_to_legible_text(phone_pages):
    """On a phone a chart fits the column (none is cut off at the edge); where that draws its
    smallest text below 9 px, a button of 44 px or more under it shows the chart with that text at
    9 px or more (scrolling sideways in its box), and a second tap fits it again."""
    problems = []
    for (width, page), found in phone_pages.items():
        if width != WIDTHS["small phone"]:
            continue
        for c in found["charts"]:
            where = f"{page}: {c['name']}"
            if not c["fits"]:
                problems.append(f"{where}: wider than the column")
            if c["fitted"] < MIN_EFFECTIVE_PX and not c["shown"]:
                problems.append(f"{where}: text at {c['fitted']:.1f} px and no enlarge button")
            if c["shown"] and (c["height"] < 44 or c["enlarged"] < MIN_EFFECTIVE_PX or not c["back"]):
                problems.append(
                    f"{where}: button {c['height']:.0f} px tall, enlarged text {c['enlarged']:.1f} px, fits again: {c['back']}"
                )
    assert not problems, "\n".join(problems[:20])


#: The runs of letters and digits in a table cell split across two lines, in words of up to 30
#: characters (a longer string, such as a pattern, may have to break anywhere).
_SPLIT_WORDS = """
const out = [];
for (const cell of document.querySelectorAll('.bd-article td, .bd-article th')) {
  if (!cell.offsetParent) continue;
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, words = /\\S{2,30}/g, runs = /[\\p{L}\\p{N}_]{2,}/gu;
    let w, m;
    while ((w = words.exec(node.textContent))) {
      const edge = w.index > 0 ? /\\S/.test(node.textContent[w.index - 1]) : false;
      if (edge || /\\S/.test(node.textContent[w.index + w[0].length] || ' ')) continue;
      runs.lastIndex = 0;
      while ((m = runs.exec(w[0]))) {
        // scripts written without spaces (Chinese, Japanese, Thai) break between characters by rule
        if (/[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}]/u.test(m[0])) continue;
        const r = document.createRange(), at = w.index + m.index;
        r.setStart(node, at); r.setEnd(node, at + m[0].length);
        const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
}
return out;
"""


#: Tables whose caption (or the title repeated above them) runs past their box's visible edge.
_TITLES_CUT = """
                return [...document.querySelectorAll('.bd-article table')].filter(t => t.offsetParent && t.caption)
                    .map(t => {
                        const above = t.previousElementSibling;
                        const title = above && above.classList.contains('table-title') &&
                            getComputedStyle(above).display !== 'none' ? above : t.caption;
                        let box = t.parentElement;
                        while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
                        const edge = (box || document.documentElement).getBoundingClientRect().right;
                        return [title.textContent.trim().slice(0, 50), title.getBoundingClientRect().right, edge];
                    }).filter(([text, right, edge]) => text && right > edge + 1);"""


#: Visible fold summaries (solutions, code) less than 44 px tall.
_SMALL_FOLDS = """
                return [...document.querySelectorAll('.bd-article details > summary')].filter(s => s.offsetParent)
                    .map(s => [s.textContent.trim().slice(0, 40), s.getBoundingClientRect().height])
                    .filter(([, h]) => h < 44);"""


@pytest.fixture(scope="module")
def phone_pages(server, browser):
    """Every page opened once at each phone width, with what the phone tests measure on it (the
    charts after the tables: measuring them taps their buttons) and, last, everything
    :func:`_page_problems` finds with every fold open."""
    base, root = server
    seen = {}
    for width in (WIDTHS["small phone"], WIDTHS["phone"]):
        for page in _pages(root):
            _open(browser, f"{base}/{page}", width)
            found = {"split": browser.execute_script(_SPLIT_WORDS)[:3]}
            if width == WIDTHS["phone"]:
                found["height"] = browser.execute_script("return document.documentElement.scrollHeight")
            if width == WIDTHS["small phone"]:
                found["titles"] = browser.execute_script(_TITLES_CUT)
                found["folds"] = browser.execute_script(_SMALL_FOLDS)
                found["charts"] = browser.execute_script(_CHARTS)
            found["page"] = _page_problems(browser, f"{page} @ {width}px")  # last: it opens every fold
            seen[(width, page)] = found
    return seen


def test_reference_pages_are_a_few_screens_on_a_phone(phone_pages):
    """On a 390 px phone the data dictionary and the helper API are short index pages, and the
    longest page of a table or a module stays within :data:`MAX_SCREENS` (tests/test_site.py bounds
    every such page's words)."""
    heights = {page: found["height"] for (width, page), found in phone_pages.items() if width == WIDTHS["phone"]}
    units = [p for p in heights if p.split("/")[0] in REFERENCE_FOLDERS]
    assert sorted(p.split("/")[0] for p in units) == sorted(REFERENCE_FOLDERS), units
    too_long = []
    for page in list(REFERENCE_INDEXES) + units:
        kind = "index" if page in REFERENCE_INDEXES else "unit"
        screens = heights[page] / SCREEN_PX
        if screens > MAX_SCREENS[kind]:
            too_long.append(f"{page}: {screens:.1f} screens (at most {MAX_SCREENS[kind]})")
    assert not too_long, too_long


@pytest.mark.parametrize("width", [WIDTHS["small phone"], WIDTHS["phone"]])
def test_no_word_in_a_table_splits_on_a_phone(phone_pages, width):
    """A table on a phone never squeezes a column below its longest word ("s/t/ri/n/g"): prose
    tables become one card per row, other tables widen inside their scroll box."""
    split = [f"{page}: {word}" for (w, page), found in phone_pages.items() if w == width for word in found["split"]]
    assert not split, f"words split across lines in tables at {width}px: {split[:15]}"


def test_table_titles_stay_in_view_on_a_phone(phone_pages):
    """A table's caption (its takeaway) wraps within the visible box on a phone, instead of
    running on as wide as the table and scrolling off with the columns."""
    cut = [
        f"{page}: {title!r} ends at {right:.0f} px of {edge:.0f}"
        for (width, page), found in phone_pages.items()
        if width == WIDTHS["small phone"]
        for title, right, edge in found["titles"]
    ]
    assert not cut, f"table titles cut off at the box's edge on a phone: {cut[:10]}"


def test_folds_are_44px_tap_targets_on_a_phone(phone_pages):
    small = [
        f"{page}: {text!r} {height:.0f} px"
        for (width, page), found in phone_pages.items()
        if width == WIDTHS["small phone"]
        for text, height in found["folds"]
    ]
    assert not small, f"fold summaries below 44 px on a phone: {small[:10]}"


#: A text's background is the nearest opaque background colour (gradients such as the scroll
#: shadows of table boxes drawn over it do not hide it; a background picture does).
_CONTRAST = """
const parse = c => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const bg = e => { for (; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
                  if ((c.length < 4 || c[3] > 0.5) && !/url\\(/.test(getComputedStyle(e).backgroundImage)) return c; }
                  return parse(getComputedStyle(document.body).backgroundColor); };
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
while (walker.nextNode()) {
  const node = walker.currentNode, e = node.parentElement;
  if (!node.textContent.trim() || seen.has(e) || !e.offsetParent || e.closest('img, svg, .highlight, [aria-hidden=true], .visually-hidden, .sr-only, dialog:not([open])')) continue;
  seen.add(e);
  const s = getComputedStyle(e); if (s.visibility !== 'visible' || parseFloat(s.opacity) < 0.1) continue;
  const fg = parse(s.color), b = bg(e);
  const alpha = fg.length > 3 ? fg[3] : 1;
  const mix = [0, 1, 2].map(i => fg[i] * alpha + b[i] * (1 - alpha));
  const [l1, l2] = [lum(mix), lum(b)].sort((x, y) => y - x);
  const ratio = (l1 + 0.05) / (l2 + 0.05);
  const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  if (ratio < need) out.push(`${e.tagName}.${e.className} ${ratio.toFixed(2)}:1 "${node.textContent.trim().slice(0, 40)}"`);
}
return out;
"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_text_contrast(server, browser, mode):
    base, root = server
    low = []
    for page in _pages(root):
        _open(browser, f"{base}/{page}", WIDTHS["desktop"])
        browser.execute_script(  # switch without the theme's colour transitions, then measure
            "const s = document.createElement('style'); s.textContent = '*, *::before, *::after "
            "{ transition: none !important; animation: none !important; }'; document.head.appendChild(s);"
            f"document.documentElement.dataset.theme = '{mode}'; document.documentElement.dataset.mode = '{mode}';"
        )
        low += [f"{page}: {item}" for item in browser.execute_script(_CONTRAST)]
    assert not low, f"{len(low)} texts below the contrast minimum in {mode} mode: " + "\n".join(low[:25])


def test_widget_page_has_static_fallback(server, browser):
    """The slider is for JupyterLab: on the site its cell shows no raw widget text, and the static
    results it would vary (a table or chart) stand right before or after it."""
    base, root = server
    pages = [
        p for p in _pages(root) if Path(p).name[:2].isdigit() and "ipywidgets" in (root / p).read_text(encoding="utf-8")
    ]
    assert pages, "no page with a widget"
    for page in pages:
        _open(browser, f"{base}/{page}", WIDTHS["phone"])
        result = browser.execute_script("""
            const cells = [...document.querySelectorAll('div.cell')];
            const i = cells.findIndex(c => /ipywidgets\\.(interactive|interact)/.test(
                (c.querySelector('.cell_input') || {}).textContent || ''));
            if (i < 0) return 'widget cell not found';
            const raw = cells[i].querySelector('.cell_output') && /\\w+\\(children=/.test(cells[i].querySelector('.cell_output').textContent);
            const near = [cells[i - 2], cells[i - 1], cells[i], cells[i + 1]].filter(Boolean)
                .some(c => c.querySelector('.cell_output img, .cell_output table'));
            return raw ? 'the widget shows as raw text' : (near ? 'ok' : 'no static table or chart at the widget');""")
        assert result == "ok", f"{page}: {result}"


def test_slides_open_offline(browser, tmp_path):
    pytest.importorskip("sphinx_revealjs", reason="slides need the 'slides' extra: pip install -e '.[slides]'")
    from helpers import slides

    slides.build([build.notebooks()[0]], tmp_path)
    httpd = _serve(tmp_path)
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/{build.notebooks()[0].stem}.slides.html"
        _open(browser, url, WIDTHS["desktop"])
        problems = [
            f"request leaves 127.0.0.1: {r}"
            for r in _requests(browser)
            if not r.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))
        ]
        problems += [f"console error: {e['message']}" for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        state = browser.execute_script("return window.Reveal && Reveal.isReady() ? Reveal.getTotalSlides() : 0")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert not problems, problems
    assert state >= 5
