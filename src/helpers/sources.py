"""The source registry: every figure, date and quote in the collection cites an id from it.

``data/sources.csv`` holds one row per public source (publisher, author, title, date, URL,
date accessed, kind). A notebook cites ids as it goes (:func:`source_line` under a chart,
:func:`cite` in text); at its end :func:`source_list` renders every source the notebook cited,
in order of first use, as Markdown.

An id that is not in the registry is an error (:class:`UnknownSourceError`), never a blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import data


#: How prose cites a source: ``[src: tass-2025-04-08-rudenko]`` or ``[src: id1; id2]``.
PROSE_CITATION = re.compile(r"\[src:\s*([a-z0-9][a-z0-9.;\s-]*)\]")


class UnknownSourceError(KeyError):
    """A source id that is not in ``data/sources.csv``."""

    def __str__(self) -> str:  # KeyError would print the message with quotes
        return str(self.args[0])


def _ids(ids: str | Iterable[str]) -> list[str]:
    if isinstance(ids, str):
        return data.split_list(ids)
    out: list[str] = []
    for i in ids:
        out.extend(data.split_list(i))
    return out


def _text(value: object) -> str:
    """A registry cell as text ('' for an empty cell)."""
    return "" if value is None or pd.isna(value) else str(value)


def _year(value: object) -> str:
    return _text(value)[:4] or "n.d."


@dataclass
class Registry:
    """A source registry and the list of ids cited from it so far."""

    table: pd.DataFrame
    cited: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.table = self.table.set_index("source_id", drop=False)

    # -- look-up ---------------------------------------------------------------
    def get(self, source_id: str) -> pd.Series:
        """The registry row of ``source_id``; an unknown id raises :class:`UnknownSourceError`."""
        if source_id not in self.table.index:
            raise UnknownSourceError(
                f"unknown source id {source_id!r}: add it to data/sources.csv "
                "(publisher, title, date, URL, accessed, kind) before citing it"
            )
        return self.table.loc[source_id]

    def check(self, ids: str | Iterable[str]) -> list[str]:
        """Every id of ``ids`` (a ``;`` list or an iterable), each checked to exist."""
        out = _ids(ids)
        for i in out:
            self.get(i)
        return out

    def _use(self, ids: str | Iterable[str]) -> list[str]:
        out = self.check(ids)
        for i in out:
            if i not in self.cited:
                self.cited.append(i)
        return out

    # -- citation strings --------------------------------------------------------
    def short(self, source_id: str) -> str:
        """``Publisher (year)``, e.g. ``TASS (2025)``."""
        row = self.get(source_id)
        return f"{row['publisher']} ({_year(row['date'])})"

    def cite(self, ids: str | Iterable[str]) -> str:
        """An in-text citation for one or more ids, recorded as cited: ``[TASS (2025); SIPRI (2024)]``."""
        used = self._use(ids)
        return "[" + "; ".join(self.short(i) for i in used) + "]"

    def source_line(self, ids: str | Iterable[str], note: str | None = None) -> str:
        """The line under a chart: ``Source: SIPRI Arms Transfers Database (2024).``"""
        used = self._use(ids)
        parts = []
        for i in used:
            row = self.get(i)
            parts.append(f"{row['publisher']}, {row['title']} ({_year(row['date'])})")
        label = "Source" if len(parts) == 1 else "Sources"
        line = f"{label}: " + "; ".join(parts) + "."
        return f"{line} {note}" if note else line

    def table_line(self, frame: pd.DataFrame, column: str = "source_ids") -> str:
        """The line under a chart drawn from a curated table whose rows cite many sources:
        every id in ``frame[column]`` is recorded as cited (they appear in the source list)."""
        ids = self._use(frame[column].dropna().tolist())
        table = frame.attrs.get("file", "the project's curated table")
        return (
            f"Sources: {len(set(ids))} public sources cited row by row in {table} "
            "(listed under Sources at the end of this notebook)."
        )

    def reference(self, source_id: str) -> str:
        """The full reference in Markdown: publisher, author, title, date, URL, accessed."""
        row = self.get(source_id)
        author = f"{_text(row['author'])}. " if _text(row["author"]) else ""
        url = f" <{_text(row['url'])}>" if _text(row["url"]) else ""
        accessed = f" (accessed {_text(row['accessed'])})" if _text(row["accessed"]) else ""
        date = _text(row["date"]) or "n.d"
        return f"{row['publisher']}. {author}*{row['title']}*. {date}.{url}{accessed}"

    def source_list(self, ids: Iterable[str] | None = None) -> str:
        """A numbered Markdown list of ``ids`` (default: every id cited so far)."""
        chosen = self.check(ids) if ids is not None else list(self.cited)
        if not chosen:
            raise ValueError("no sources cited yet: cite sources before rendering the list")
        lines = [f"{n}. `{i}` — {self.reference(i)}" for n, i in enumerate(chosen, start=1)]
        return "\n".join(lines)

    def cite_prose(self, notebook: str | Path) -> list[str]:
        """Record the citations written in a notebook's prose as ``[src: id]`` or
        ``[src: id1; id2]`` (unknown ids are an error); returns them in order of appearance."""
        import nbformat

        nb = nbformat.read(str(notebook), as_version=4)
        found: list[str] = []
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for group in PROSE_CITATION.findall(cell.source):
                    found.extend(i.strip() for i in group.split(";") if i.strip())
        return self._use(found)

    def show(self, notebook: str | Path | None = None):
        """The source list as a Markdown display object (the last cell of a notebook).

        With ``notebook`` (the notebook's own file name), citations in its prose are
        recorded first, so the list holds every source the notebook cites, in prose or code."""
        from IPython.display import Markdown

        if notebook is not None:
            self.cite_prose(notebook)
        return Markdown(self.source_list())


@lru_cache(maxsize=4)
def _table(folder: str | None) -> pd.DataFrame:
    return data.load("sources", Path(folder) if folder else None)


def registry(folder: Path | None = None) -> Registry:
    """A fresh registry (nothing cited yet) over ``data/sources.csv``."""
    return Registry(_table(str(folder) if folder else None).copy())
