"""Reference pages split for reading on a phone: a short index page and one generated page per unit
(a table of the catalogue, a module of the API), kept in a folder of their own and listed in the
table of contents under their index.

The folder holds generated pages only: :func:`write_folder` writes every page and removes any
other ``.md`` file there (a table or module that is gone leaves no orphan page), and
:func:`with_toc_sections` states the index's ``sections:`` in ``notebooks/_toc.yml`` in page order.
"""

from __future__ import annotations

import re
from pathlib import Path

from .paths import NOTEBOOK_DIR

TOC = NOTEBOOK_DIR / "_toc.yml"
#: The most words a page of one unit may have on the site (its main text, navigation aside). The
#: longest module page (``defence``) is about 4,800 words, some 50 screens of a 390 px phone, like a
#: notebook; a table's page is under 1,000. ``tests/test_site.py`` checks it.
MAX_WORDS = 6000
#: The most words of an index page on the site: a few screens of a phone.
MAX_INDEX_WORDS = 1000


def write_folder(folder: Path, pages: dict[str, str]) -> list[Path]:
    """Write ``pages`` (file name → text) into ``folder`` and remove every other ``.md`` file
    there; return the paths written, in the order given."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.glob("*.md")):
        if old.name not in pages:
            old.unlink()
    written = []
    for name, text in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale(folder: Path, pages: dict[str, str]) -> list[str]:
    """What differs between ``folder`` and the pages it should hold: pages missing or out of date,
    and orphan pages (``.md`` files that no unit generates). Empty when the folder is current."""
    problems = []
    for name, text in pages.items():
        path = folder / name
        if not path.exists():
            problems.append(f"{path}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path}: out of date")
    problems += [f"{p}: orphan (no unit generates it)" for p in sorted(folder.glob("*.md")) if p.name not in pages]
    return problems


def with_toc_sections(toc: str, parent: str, children: list[str]) -> str:
    """The table of contents ``toc`` (YAML text) with the entry ``- file: <parent>`` given exactly
    ``children`` as its sections, in that order (any sections it had are replaced)."""
    lines = toc.splitlines()
    at = [i for i, line in enumerate(lines) if re.fullmatch(rf"\s*- file: {re.escape(parent)}\s*", line)]
    if len(at) != 1:
        raise ValueError(f"_toc.yml: expected one entry '- file: {parent}', found {len(at)}")
    i = at[0]
    indent = len(lines[i]) - len(lines[i].lstrip())
    end = i + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    block = [" " * (indent + 2) + "sections:"] + [" " * (indent + 4) + f"- file: {c}" for c in children]
    return "\n".join(lines[: i + 1] + block + lines[end:]) + "\n"


def write_toc_sections(parent: str, children: list[str], toc: Path = TOC) -> None:
    """State ``children`` as the sections of ``parent`` in the table of contents file ``toc``."""
    text = toc.read_text(encoding="utf-8")
    new = with_toc_sections(text, parent, children)
    if new != text:
        toc.write_text(new, encoding="utf-8")
