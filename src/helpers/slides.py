"""Slides for the seminar, built offline from the notebooks' stored outputs.

``python -m helpers.slides`` writes ``_build/slides/NN_name.slides.html`` for every numbered
notebook, an ``index.html`` listing them, and a local copy of reveal.js (taken from the copy that
the ``sphinx-revealjs`` package bundles, so nothing is fetched from a CDN, at build time or when
the slides are shown). Each ``##`` section of a notebook becomes a slide, each ``###`` heading
and each chart or table a vertical sub-slide; code is left out, solutions stay folded.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat

from .paths import NOTEBOOK_DIR, REPO_ROOT

OUT_DIR = REPO_ROOT / "_build" / "slides"
REVEAL_DIR = "reveal.js"
THEME = "white"

# The stock reveal template loads require.js, jQuery, MathJax and the widget manager from CDNs;
# this one extends it with those blocks emptied and reveal.js loaded from the local copy.
TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}<link rel="icon" href="data:,">{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block footer_js -%}
<style>
.reveal .slides section { overflow-y: auto; max-height: 100%; text-align: left; }
.reveal .slides img { max-height: 80vh; }
.reveal table { font-size: 0.55em; }
.reveal details { font-size: 0.8em; }
</style>
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({controls: true, progress: true, history: true, slideNumber: "c/t",
                   transition: "none", width: 1280, height: 800, plugins: [RevealNotes]});
</script>
{%- endblock footer_js -%}
"""


def reveal_source() -> Path:
    """The folder of reveal.js bundled by the ``sphinx-revealjs`` package (the ``slides`` extra)."""
    try:
        import sphinx_revealjs
    except ImportError as err:
        raise RuntimeError("slides need the 'slides' extra: pip install -e '.[slides]'") from err
    folder = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    if not (folder / "dist" / "reveal.js").exists():
        raise RuntimeError(f"no reveal.js in {folder}")
    return folder


def deck(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` with reveal.js slide metadata (the notebook itself is not changed)."""
    nb = copy.deepcopy(nb)
    for n, cell in enumerate(nb.cells):
        kind = "-"
        if cell.cell_type == "markdown":
            first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
            if n == 0 or first.startswith("## "):
                kind = "slide"
            elif first.startswith("### "):
                kind = "subslide"
        else:
            outputs = cell.get("outputs", [])
            shown = [o for o in outputs if {"image/png", "text/html"} & set(o.get("data", {}))]
            kind = "subslide" if shown else ("-" if outputs else "skip")
        cell.metadata["slideshow"] = {"slide_type": kind}
    return nb


def export(path: Path, out_dir: Path = OUT_DIR) -> Path:
    """Write the slides of one notebook into ``out_dir``; return the file."""
    from jinja2 import DictLoader
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        extra_loaders=[DictLoader({"offline_reveal.html.j2": TEMPLATE})],
        template_file="offline_reveal.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.reveal_url_prefix = REVEAL_DIR
    exporter.reveal_theme = THEME  # its fonts are in the local copy (other themes import web fonts)
    body, _ = exporter.from_notebook_node(deck(nbformat.read(path, as_version=4)))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def build(paths: list[Path] | None = None, out_dir: Path = OUT_DIR) -> Path:
    """Slides for every numbered notebook, reveal.js beside them and an index; return the index."""
    paths = paths if paths is not None else sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    out_dir.mkdir(parents=True, exist_ok=True)
    reveal = out_dir / REVEAL_DIR
    if reveal.exists():
        shutil.rmtree(reveal)
    source = reveal_source()
    for part in ("dist", "plugin"):
        shutil.copytree(source / part, reveal / part, ignore=shutil.ignore_patterns("*.map"))
    shutil.copy2(source / "LICENSE", reveal / "LICENSE")
    items = []
    for path in paths:
        target = export(path, out_dir)
        title = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0].lstrip("# ").strip()
        items.append(f'<li><a href="{target.name}">{html.escape(title)}</a></li>')
    index = out_dir / "index.html"
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Slides</title></head>\n'
        "<body><h1>Slides</h1><p>One deck per notebook, built from its stored outputs (code left "
        "out; solutions folded). Arrow keys move; <kbd>s</kbd> opens the speaker view.</p>\n<ul>\n"
        + "\n".join(items)
        + "\n</ul></body></html>\n",
        encoding="utf-8",
    )
    return index


def external_references(page: str) -> list[str]:
    """Scripts, styles, fonts and images a slide page (or a style sheet) would fetch from elsewhere."""
    refs = re.findall(r"""<(?:script|link|img)\b[^>]*?(?:src|href)=["']([^"']+)["']""", page, re.I)
    refs += re.findall(r"""@import\s+(?:url\()?["']?((?:https?:)?//[^"')\s]+)""", page)
    refs += re.findall(r"""url\(["']?((?:https?:)?//[^"')\s]+)""", page)
    return list(dict.fromkeys(r for r in refs if re.match(r"^(https?:)?//", r)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="only these notebooks")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    index = build([p.resolve() for p in args.notebooks] or None, args.out)
    print(f"slides: {index}\nserve them with: python -m http.server -d {args.out} 8001")
    return 0


if __name__ == "__main__":
    sys.exit(main())
