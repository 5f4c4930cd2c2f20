"""The source registry: every figure, date and quote in the collection cites an id from it.

``data/sources.csv`` holds one row per public source (publisher, author, title, date, URL,
date accessed) graded by the source rubric: ``kind`` (official, news, specialist, academic,
repost, user-generated, dataset), ``stance`` (the state a source speaks for) and ``confidence``.
A notebook cites ids as it goes (:func:`Registry.source_line` under a chart,
:func:`Registry.cite` in text, ``[src: id]`` in prose); at its end :meth:`Registry.show`
renders every source the notebook cited, grouped by kind, folded in an HTML ``<details>``.

Prose citations are written ``[src: a; b]`` and turned into linked "Publisher, date" citations
by ``python -m helpers.sources link notebooks/*.ipynb`` (:func:`link_markdown`):
``[TASS, 8 Apr 2025](https://tass.com/… "src:tass-2025-04-08-rudenko")`` — the id stays in the
link title. Running it again re-renders the linked citations from the registry (idempotent);
:func:`check_linked` flags a link whose id, URL or label no longer match the registry.
The same command inserts or refreshes each notebook's "Further reading" cell from
``data/readings.csv`` (:func:`further_reading`).

An id that is not in the registry is an error (:class:`UnknownSourceError`), never a blank.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import data, dates, languages

#: How prose cites a source: ``[src: tass-2025-04-08-rudenko]`` or ``[src: id1; id2]``.
PROSE_CITATION = re.compile(r"\[src:\s*([a-z0-9][a-z0-9.;\s-]*)\]")
#: A linked citation written by :func:`link_markdown`: ``[label](url "src:id")``.
LINKED_CITATION = re.compile(r'\[([^\[\]]+)\]\((\S+) "src:([a-z0-9][a-z0-9.-]*)"\)')
#: The same as inline HTML, used when the URL holds ``&`` (MyST would escape it twice in a Markdown
#: link): ``<a href="https://…&amp;…" title="src:id">Publisher, date</a>``.
HTML_CITATION = re.compile(r'<a href="([^"]+)" title="src:([a-z0-9][a-z0-9.-]*)">([^<]+)</a>')


def _linked(text: str) -> list[tuple[int, int, str, str, str]]:
    """Every linked citation of ``text`` as (start, end, label, url, id), Markdown or HTML form."""
    import html

    found = [(m.start(), m.end(), m.group(1), m.group(2), m.group(3)) for m in LINKED_CITATION.finditer(text)]
    found += [
        (m.start(), m.end(), html.unescape(m.group(3)), html.unescape(m.group(1)), m.group(2))
        for m in HTML_CITATION.finditer(text)
    ]
    return sorted(found)


#: Source ids: publications ``publisher-date-keyword`` (date as in the ``date`` column, to the
#: id's precision, or ``nd`` when undated); dataset releases ``publisher-dataset-version``.
PUBLICATION_ID = re.compile(r"^([a-z0-9]+)-(\d{4}(?:-\d{2}){0,2}|nd)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
DATASET_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9.]+)+$")

#: The rubric's kinds, in the order a source list shows them, with their headings.
KINDS = {
    "official": "Official primary sources",
    "news": "Wire services and newspapers of record",
    "specialist": "Specialist outlets and think tanks",
    "academic": "Academic publications",
    "dataset": "Datasets",
    "repost": "Reposts and aggregators (low confidence unless stated)",
    "user-generated": "User-generated pages (low confidence)",
}
#: What a ``stance`` code means in a source list: whose voice the source is.
STANCE_NAMES = {
    "RUS": "Moscow",
    "IRN": "Tehran",
    "BLR": "Minsk",
    "CHN": "Beijing",
    "PRK": "Pyongyang",
    "TUR": "Ankara",
    "ISR": "Jerusalem",
    "USA": "Washington",
    "SYR": "Damascus",
    "AZE": "Baku",
    "GBR": "London",
    "CUB": "Havana",
    "UKR": "Kyiv",
    "VEN": "Caracas",
    "FRA": "Paris",
    "DEU": "Berlin",
    "IND": "New Delhi",
}


#: How a curated row that rests only on low-confidence sources says so (start of its ``note``).
LOW_CONFIDENCE_FLAG = "[low confidence]"


def low_confidence(frame: pd.DataFrame, table: pd.DataFrame | None = None, column: str = "source_ids") -> pd.Series:
    """For each row of ``frame``: True when every source it cites is low confidence (rows citing
    nothing are False). ``table`` is the registry (default: ``data/sources.csv``)."""
    table = data.load("sources") if table is None else table
    low = set(table.loc[table["confidence"] == "low", "source_id"])

    def _only_low(value: object) -> bool:
        ids = data.split_list(value)
        return bool(ids) and all(i in low for i in ids)

    return frame[column].map(_only_low).astype(bool)


def id_problem(source_id: str, kind: str, date: str) -> str | None:
    """Why ``source_id`` breaks the id pattern (``None`` if it follows it)."""
    if kind == "dataset":
        return None if DATASET_ID.match(source_id) else "a dataset id is publisher-dataset-version"
    m = PUBLICATION_ID.match(source_id)
    if not m:
        return "an id is publisher-date-keyword (date YYYY, YYYY-MM, YYYY-MM-DD or nd)"
    id_date = m.group(2)
    if id_date == "nd":
        return f"the id says undated (nd) but the date is {date}" if date else None
    if not date.startswith(id_date):
        return f"the id's date {id_date} does not match the date {date or '(empty)'}"
    return None


def human_date(value: object) -> str:
    """``2025-04-08`` → ``8 Apr 2025``; ``2025-04`` → ``Apr 2025``; ``2025`` → ``2025``; empty → ``n.d.``
    (the one date formatter, :func:`helpers.dates.fmt`, for a registry date that may be empty)."""
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
    return dates.fmt(text) if text else "n.d."


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
    _rows: dict[str, pd.Series] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.table = self.table.set_index("source_id", drop=False)

    # -- look-up ---------------------------------------------------------------
    def _require(self, source_id: str) -> None:
        if source_id not in self.table.index:
            raise UnknownSourceError(
                f"unknown source id {source_id!r}: add it to data/sources.csv "
                "(publisher, title, date, URL, accessed, kind) before citing it"
            )

    def get(self, source_id: str) -> pd.Series:
        """The registry row of ``source_id``; an unknown id raises :class:`UnknownSourceError`."""
        row = self._rows.get(source_id)
        if row is None:
            self._require(source_id)
            row = self._rows[source_id] = self.table.loc[source_id]
        return row

    def check(self, ids: str | Iterable[str]) -> list[str]:
        """Every id of ``ids`` (a ``;`` list or an iterable), each checked to exist."""
        out = _ids(ids)
        for i in out:
            self._require(i)
        return out

    def _use(self, ids: str | Iterable[str]) -> list[str]:
        out = self.check(ids)
        for i in out:
            if i not in self.cited:
                self.cited.append(i)
        return out

    # -- citation strings --------------------------------------------------------
    def label(self, source_id: str) -> str:
        """The text of a linked citation: ``Publisher, 8 Apr 2025``."""
        row = self.get(source_id)
        return f"{_text(row['publisher']).replace('[', '(').replace(']', ')')}, {human_date(row['date'])}"

    def link(self, source_id: str) -> str:
        """A linked citation: ``[TASS, 8 Apr 2025](url "src:tass-2025-04-08-rudenko")`` (inline HTML
        ``<a href=… title="src:…">`` when the URL holds ``&``)."""
        row = self.get(source_id)
        url = _text(row["url"]) or f"#src-{source_id}"
        if "&" in url:
            import html

            return f'<a href="{html.escape(url)}" title="src:{source_id}">{html.escape(self.label(source_id), quote=False)}</a>'
        return f'[{self.label(source_id)}]({url} "src:{source_id}")'

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
        raw_url = _text(row["url"])
        if "&" in raw_url:  # an autolink would be escaped twice on the site
            import html

            url = f' <a href="{html.escape(raw_url)}">{html.escape(raw_url, quote=False)}</a>'
        else:
            url = f" <{raw_url}>" if raw_url else ""
        accessed = f" (accessed {_text(row['accessed'])})" if _text(row["accessed"]) else ""
        date = _text(row["date"]) or "n.d"
        marks = []
        stance = _text(row.get("stance"))
        if stance:
            marks.append(f"voice of {STANCE_NAMES.get(stance, stance)}")
        if _text(row.get("confidence")) == "low":
            marks.append("low confidence")
        mark = f" [{'; '.join(marks)}]" if marks else ""
        title = str(row["title"])
        if languages.script_lang(title) is not None:  # a title in another script, marked for screen readers
            title = languages.mark_language(title)
        return f"{row['publisher']}. {author}*{title}*. {date}.{url}{accessed}{mark}"

    def source_list(self, ids: Iterable[str] | None = None) -> str:
        """A numbered Markdown list of ``ids`` (default: every id cited so far)."""
        chosen = self.check(ids) if ids is not None else list(self.cited)
        if not chosen:
            raise ValueError("no sources cited yet: cite sources before rendering the list")
        lines = [f"{n}. `{i}` — {self.reference(i)}" for n, i in enumerate(chosen, start=1)]
        return "\n".join(lines)

    def grouped_list(self, ids: Iterable[str] | None = None) -> str:
        """The source list grouped by kind (rubric order), folded in an HTML ``<details>``
        (folded in JupyterLab, on GitHub and on the site); numbered in order of first use."""
        chosen = self.check(ids) if ids is not None else list(self.cited)
        if not chosen:
            raise ValueError("no sources cited yet: cite sources before rendering the list")
        number = {i: n for n, i in enumerate(chosen, start=1)}
        kinds = {i: _text(self.get(i).get("kind")) or "news" for i in chosen}
        counts = ", ".join(
            f"{sum(k == kind for k in kinds.values())} {kind}" for kind in KINDS if kind in kinds.values()
        )
        low = sum(_text(self.get(i).get("confidence")) == "low" for i in chosen)
        parts = [
            "<details>",
            f"<summary>Sources cited in this notebook: {len(chosen)} ({counts}; {low} low confidence)</summary>",
            "",
        ]
        for kind, heading in KINDS.items():
            group = [i for i in chosen if kinds[i] == kind]
            if not group:
                continue
            parts.append(f"**{heading}** ({len(group)})")
            parts.append("")
            parts.extend(f"- [{number[i]}] `{i}` — {self.reference(i)}" for i in group)
            parts.append("")
        parts.append("</details>")
        return "\n".join(parts)

    def cite_prose(self, notebook: str | Path) -> list[str]:
        """Record the citations written in a notebook's prose, as ``[src: id1; id2]`` or as
        linked citations ``[label](url "src:id")`` (unknown ids are an error); returns them in
        order of appearance."""
        # Plain JSON, not nbformat: importing nbformat costs seconds in every kernel.
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
        found: list[str] = []
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                text = cell["source"]
                found.extend(prose_ids(text if isinstance(text, str) else "".join(text)))
        return self._use(found)

    def show(self, notebook: str | Path | None = None):
        """The source list as a Markdown display object (the last cell of a notebook).

        ``notebook`` names the notebook (its file name, e.g. ``"00_introduction.ipynb"``, or its
        number ``"00"``): citations in its prose are recorded first, so the list holds every
        source the notebook cites, in prose or code. The file is found wherever the kernel runs
        (:func:`find_notebook`). The list is grouped by kind and folded."""
        from IPython.display import Markdown

        if notebook is not None:
            self.cite_prose(find_notebook(notebook))
        return Markdown(self.grouped_list())


def prose_ids(text: str) -> list[str]:
    """The source ids cited in a Markdown text, in order: ``[src: …]`` and linked citations."""
    text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)  # a citation shown as code is not one
    found: list[tuple[int, str]] = []
    for m in PROSE_CITATION.finditer(text):
        found.extend((m.start(), i.strip()) for i in m.group(1).split(";") if i.strip())
    found.extend((start, source_id) for start, _, _, _, source_id in _linked(text))
    return [i for _, i in sorted(found, key=lambda t: t[0])]


#: How a sentence tells its reader that its only sources are weak.
WEAK_MARKER = re.compile(r"low[- ]confidence|unconfirmed|\brepost", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")


def weak_only_sentences(text: str, confidence: dict[str, str]) -> list[str]:
    """The sentences (and semicolon clauses) of a Markdown ``text`` whose cited sources all have
    ``low`` confidence and that do not say so (:data:`WEAK_MARKER`: low confidence, unconfirmed,
    a repost), each with its citations
    shown as ``{id}``. A fact stated on reposts alone must be flagged where it is stated; a source
    missing from ``confidence`` is an error."""
    text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    marked, end = [], 0
    for start, stop, _, _, source_id in _linked(text):  # link labels hold full stops: take them out first
        marked.append(text[end:start] + "{" + source_id + "}")
        end = stop
    marked.append(text[end:])
    plain = PROSE_CITATION.sub(lambda m: "".join("{" + i.strip() + "}" for i in m.group(1).split(";")), "".join(marked))
    plain = re.sub(r"\}\s*;\s*\{", "}{", plain)  # a list of citations is one group, not clauses
    found = []
    for sentence in _SENTENCE_END.split(plain):
        ids = re.findall(r"\{([a-z0-9][a-z0-9.-]*)\}", sentence)
        unknown = sorted({i for i in ids if i not in confidence})
        if unknown:
            raise UnknownSourceError(f"not in the registry: {', '.join(unknown)}")
        if ids and all(confidence[i] == "low" for i in ids) and not WEAK_MARKER.search(sentence):
            found.append(" ".join(sentence.split()))
    return found


def find_notebook(notebook: str | Path) -> Path:
    """The path of a notebook given as a path, a file name or its number (``"04"``).

    Tried in order: the path as given (relative to the working directory); the repository's
    ``notebooks/`` folder by file name; the notebook there whose name starts with the same
    number (so a renamed ``04_…`` still resolves); the notebook the Jupyter server says is
    running (``JPY_SESSION_NAME``). Nothing found is an error naming what was tried."""
    from .paths import NOTEBOOK_DIR

    given = Path(notebook)
    tried = [given]
    if given.is_file():
        return given
    candidate = NOTEBOOK_DIR / given.name
    tried.append(candidate)
    if candidate.is_file():
        return candidate
    number = re.match(r"^(\d{2})(?:_|$)", given.name)
    if number:
        matches = sorted(NOTEBOOK_DIR.glob(f"{number.group(1)}_*.ipynb"))
        if len(matches) == 1:
            return matches[0]
        tried.append(NOTEBOOK_DIR / f"{number.group(1)}_*.ipynb")
    import os

    session = os.environ.get("JPY_SESSION_NAME")
    if session and Path(session).is_file():
        return Path(session)
    raise FileNotFoundError(f"notebook {str(notebook)!r} not found; tried: " + ", ".join(map(str, tried)))


def _table(folder: str | None) -> pd.DataFrame:
    # data.load caches on the file's content, so an edited registry takes effect at once.
    return data.load("sources", Path(folder) if folder else None)


def registry(folder: Path | None = None) -> Registry:
    """A fresh registry (nothing cited yet) over ``data/sources.csv``."""
    return Registry(_table(str(folder) if folder else None).copy())


# -- notebook transforms: linked citations, renamed ids, further reading ------------------------
_CODE_SPAN = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)


def _outside_code(text: str, fn) -> str:
    """Apply ``fn`` to the parts of a Markdown text outside code spans and fences."""
    parts = _CODE_SPAN.split(text)
    return "".join(part if n % 2 else fn(part) for n, part in enumerate(parts))


def link_markdown(text: str, reg: Registry) -> str:
    """``[src: a; b]`` → ``([Publisher, date](url "src:a"); [Publisher, date](url "src:b"))``;
    linked citations already there are re-rendered from the registry. Code spans are left alone.
    Unknown ids are an error. Idempotent: ``link_markdown(link_markdown(t)) == link_markdown(t)``."""

    def plain(m: re.Match) -> str:
        ids = [i.strip() for i in m.group(1).split(";") if i.strip()]
        return "(" + "; ".join(reg.link(i) for i in ids) + ")"

    def fix(part: str) -> str:
        part = LINKED_CITATION.sub(lambda m: reg.link(m.group(3)), part)
        part = HTML_CITATION.sub(lambda m: reg.link(m.group(2)), part)
        return PROSE_CITATION.sub(plain, part)

    return _outside_code(text, fix)


def check_linked(text: str, reg: Registry) -> list[str]:
    """Problems with the linked citations of a Markdown text: unknown id, a URL or label that no
    longer matches the registry (re-run the ``link`` command to refresh them), or a citation
    opening with two brackets (``(([Publisher, date](…)…``: a ``[src: …]`` already in brackets,
    which ``link`` brackets again)."""
    problems = []
    for start, _, label, url, source_id in _linked(text):
        if text[max(0, start - 2) : start] == "((":
            problems.append(f"{source_id}: citation in double brackets '((' — remove one pair")
        try:
            row = reg.get(source_id)
        except UnknownSourceError as err:
            problems.append(str(err))
            continue
        want_url = _text(row["url"]) or f"#src-{source_id}"
        if url != want_url:
            problems.append(f"{source_id}: link goes to {url}, the registry says {want_url}")
        if label != reg.label(source_id):
            problems.append(f"{source_id}: label {label!r}, the registry gives {reg.label(source_id)!r}")
    return problems


def rename_ids(text: str, renames: dict[str, str]) -> str:
    """Every whole-id occurrence of an old id in ``text`` replaced by its new id."""
    for old, new in renames.items():
        text = re.sub(r"(?<![A-Za-z0-9.-])" + re.escape(old) + r"(?![A-Za-z0-9.-])", new, text)
    return text


def rename_in_table(path: Path, renames: dict[str, str]) -> bool:
    """Rename ids in the source-id columns (``source_id``, ``source_ids``) of a CSV table, keeping
    its bytes otherwise (line endings, quoting of untouched cells). Returns whether it changed."""
    import csv
    import io

    raw = Path(path).read_bytes().decode("utf-8")
    lines = raw.splitlines(keepends=True)
    if not lines:
        return False
    header = next(csv.reader([lines[0]]))
    columns = [n for n, name in enumerate(header) if name in ("source_id", "source_ids")]
    if not columns:
        return False
    out = [lines[0]]
    for line in lines[1:]:
        ending = line[len(line.rstrip("\r\n")) :]
        cells = next(csv.reader([line.rstrip("\r\n")])) if line.strip() else None
        if cells is None or len(cells) != len(header):
            out.append(line)  # a quoted field spanning lines is left alone (none in data/)
            continue
        new = list(cells)
        for n in columns:
            new[n] = ";".join(renames.get(i, i) for i in cells[n].split(";")) if cells[n] else cells[n]
        if new == cells:
            out.append(line)
        else:
            buf = io.StringIO()
            csv.writer(buf, lineterminator="").writerow(new)
            out.append(buf.getvalue() + ending)
    text = "".join(out)
    if text != raw:
        Path(path).write_bytes(text.encode("utf-8"))
        return True
    return False


def _rename_code(source: str, renames: dict[str, str]) -> str:
    """Rename ids inside the string literals of a code cell (nothing else is touched)."""
    import io
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits = []
    for tok in tokens:
        if tok.type == tokenize.STRING:
            start = offsets[tok.start[0] - 1] + tok.start[1]
            end = offsets[tok.end[0] - 1] + tok.end[1]
            new = rename_ids(tok.string, renames)
            if new != tok.string:
                edits.append((start, end, new))
    for start, end, new in reversed(edits):
        source = source[:start] + new + source[end:]
    return source


# -- further reading -------------------------------------------------------------------------
READING_KINDS = {"scholarship": "Scholarship", "analysis": "Analysis", "theory": "Theory of alliances and alignment"}
FURTHER_READING_TAG = "further-reading"


def readings(folder: Path | None = None) -> pd.DataFrame:
    """``data/readings.csv``: verified works of scholarship, analysis and theory."""
    return data.load("readings", Path(folder) if folder else None)


def _notebook_number(notebook: str | Path) -> str:
    m = re.match(r"^(\d{2})", Path(str(notebook)).name)
    if not m:
        raise ValueError(f"{notebook!r}: a notebook is named by its number, e.g. '04' or '04_israel_balancing.ipynb'")
    return m.group(1)


def further_reading(notebook: str | Path, table: pd.DataFrame | None = None) -> str:
    """The annotated "Further reading" list of a notebook (by number or file name), as Markdown:
    one line per work, author (year), *title*, publisher, linked to the page that confirms it."""
    number = _notebook_number(notebook)
    table = readings() if table is None else table
    rows = table[table["notebooks"].map(lambda v: number in data.split_list(v))]
    if rows.empty:
        raise ValueError(f"no readings for notebook {number} in data/readings.csv")
    lines = ["## Further reading", ""]
    for _, r in rows.iterrows():
        pub = f", {r['publisher']}" if _text(r["publisher"]) else ""
        lines.append(
            f"- {r['author']} ({r['year']}). [*{r['title']}*]({r['url']}){pub}. "
            f"{READING_KINDS[r['kind']]}: {r['annotation']}"
        )
    return "\n".join(lines)


def _source_list_index(nb) -> int:
    """Index of the cell before which "Further reading" goes: the "## Sources" heading that
    precedes the ``src.show(…)`` cell, else that cell itself. A "## Sources" heading that ends the
    cell before instead of starting its own cell is refused (Further reading would land inside
    the Sources section)."""
    for n in range(len(nb.cells) - 1, -1, -1):
        cell = nb.cells[n]
        if cell.cell_type == "code" and re.search(r"\bsrc\.show\(", cell.source):
            before = nb.cells[n - 1] if n > 0 else None
            if before is not None and before.cell_type == "markdown":
                if before.source.lstrip().startswith("## Sources"):
                    return n - 1
                if re.search(r"^## Sources\b", before.source, flags=re.MULTILINE):
                    raise ValueError(
                        f"cell {n - 1}: the '## Sources' heading is inside another cell; "
                        "give it its own markdown cell just before src.show(…)"
                    )
            return n
    raise ValueError("no source-list cell (src.show(…)) found")


def transform_notebook(
    path: Path,
    reg: Registry,
    reading_table: pd.DataFrame | None = None,
    renames: dict[str, str] | None = None,
    link: bool = True,
) -> bool:
    """Link the citations of a notebook's markdown cells (and rename ids if ``renames``), and
    insert or refresh its "Further reading" cell. Writes the file only if it changed."""
    import nbformat

    raw = Path(path).read_text(encoding="utf-8")
    nb = nbformat.reads(raw, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if renames:

                def _rename(part: str) -> str:
                    for pattern in (PROSE_CITATION, LINKED_CITATION, HTML_CITATION):
                        part = pattern.sub(lambda m: rename_ids(m.group(0), renames), part)
                    return part

                cell.source = _outside_code(cell.source, _rename)
            if link:
                cell.source = link_markdown(cell.source, reg)
        elif cell.cell_type == "code" and renames:
            cell.source = _rename_code(cell.source, renames)
    if reading_table is not None:
        text = further_reading(path, reading_table)
        tagged = [c for c in nb.cells if FURTHER_READING_TAG in c.get("metadata", {}).get("tags", [])]
        if tagged:
            tagged[0].source = text
        else:
            cell = nbformat.v4.new_markdown_cell(text)
            cell.metadata["tags"] = [FURTHER_READING_TAG]
            cell.pop("id", None)
            if "id" in nb.cells[0]:
                import hashlib

                cell["id"] = hashlib.sha1(f"{Path(path).name}:further-reading".encode()).hexdigest()[:8]
            nb.cells.insert(_source_list_index(nb), cell)
    out = nbformat.writes(nb) + "\n"
    if out != raw:
        Path(path).write_text(out, encoding="utf-8")
        return True
    return False


# -- the rubric page ------------------------------------------------------------------------------
_LISTED_ID = re.compile(r"^- \[\d+\] `([a-z0-9][a-z0-9.-]*)` — ", re.MULTILINE)

RUBRIC_PAGE = "source_rubric.md"


def cited_ids(notebook: str | Path) -> list[str]:
    """The ids a notebook's stored source list shows (its last ``src.show`` output): every source
    the notebook cites, in prose or code, as of its last execution."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    for cell in reversed(nb.cells):
        if cell.cell_type == "code" and re.search(r"\bsrc\.show\(", cell.source):
            for out in cell.get("outputs", []):
                text = out.get("data", {}).get("text/markdown")
                if text:
                    return _LISTED_ID.findall(text if isinstance(text, str) else "".join(text))
            raise ValueError(f"{notebook}: the source-list cell has no stored output; execute the notebook")
    raise ValueError(f"{notebook}: no source-list cell (src.show(…)) found")


def kind_shares(notebooks: Iterable[str | Path], reg: Registry | None = None) -> pd.DataFrame:
    """Per notebook: how many cited sources of each kind, and how many are low confidence."""
    reg = reg or registry()
    records = []
    for path in notebooks:
        ids = cited_ids(path)
        kinds = [_text(reg.get(i)["kind"]) for i in ids]
        rec = {"notebook": Path(path).stem, "sources": len(ids)}
        for kind in KINDS:
            rec[kind] = kinds.count(kind)
        rec["low confidence"] = sum(_text(reg.get(i)["confidence"]) == "low" for i in ids)
        rec["state-affiliated"] = sum(bool(_text(reg.get(i)["stance"])) for i in ids)
        records.append(rec)
    return pd.DataFrame.from_records(records)


def _percent(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.0f}%)" if whole else "0"


def rubric_page(notebooks: Iterable[str | Path], reg: Registry | None = None) -> str:
    """The site page that documents the source rubric, with the registry's counts by kind and,
    per notebook, the share of cited sources by kind (generated; a test keeps it current)."""
    reg = reg or registry()
    table = reg.table
    shares = kind_shares(notebooks, reg)
    lines = [
        "# How sources are graded",
        "",
        "Every source in the registry (`data/sources.csv`) is graded on three fields, which the "
        "catalogue validates. This page is generated from the registry and the executed notebooks "
        "(`python -m helpers.sources rubric`).",
        "",
        "## Kind",
        "",
        "| kind | what it covers | default confidence |",
        "|---|---|---|",
        "| official | official primary sources: governments, ministries, parliaments, UN bodies, courts, "
        "treaty depositaries, state companies speaking for themselves | high |",
        "| news | wire services and newspapers or broadcasters of record with their own reporting "
        "(including their syndication of wire copy) | high |",
        "| specialist | specialist outlets and think tanks | medium |",
        "| academic | peer-reviewed articles, scholarly books, university databases | high |",
        "| dataset | published dataset releases | high (medium when compiled by an individual) |",
        "| repost | reposts, mirrors and aggregators, including machine-written aggregators and copies of "
        "official texts on third-party sites | low |",
        "| user-generated | blogs, forums, comments | low |",
        "",
        "## Stance",
        "",
        "Where a source speaks for a government — an official body, or a state-owned or state-directed "
        "medium — `stance` names that state (ISO 3166-1 alpha-3). Such sources are cited as the voice of "
        "that government, not as independent evidence of fact: TASS and RIA Novosti for Moscow, IRNA, "
        "Mehr and Tasnim for Tehran, Xinhua for Beijing, BelTA for Minsk. Source lists mark them "
        '"voice of Moscow" and so on.',
        "",
        "## Confidence",
        "",
        "`confidence` says how far a source can carry a claim on its own. A repost, aggregator or "
        "user-generated page is **low** unless its original was found, in which case the original is "
        "registered and cited instead. Rows of the curated tables (events, relations, claims, trade "
        "statements) that still rest only on low-confidence sources say so at the start of their "
        "`note`, `[low confidence]`; a test fails when such a row is not flagged, when a flag is stale, "
        "and when a verdict of the claims ledger rests only on low-confidence sources. Source lists mark "
        "each low-confidence source.",
        "",
        "## Citations",
        "",
        'In the notebooks a citation reads "Publisher, date" and links to the original page; the '
        "registry id is kept in the link's title (hover over a citation to see it). Each notebook ends "
        "with a folded list of the sources it cites, grouped by kind.",
        "",
        "## The registry by kind",
        "",
        "| kind | sources | of which state-affiliated | low confidence |",
        "|---|---:|---:|---:|",
    ]
    total = len(table)
    for kind in KINDS:
        sub = table[table["kind"] == kind]
        lines.append(
            f"| {kind} | {_percent(len(sub), total)} | {int((sub['stance'].fillna('') != '').sum())} | "
            f"{int((sub['confidence'] == 'low').sum())} |"
        )
    lines.append(
        f"| all | {total} | {int((table['stance'].fillna('') != '').sum())} | "
        f"{int((table['confidence'] == 'low').sum())} |"
    )
    lines += [
        "",
        "## Share of citations by kind, per notebook",
        "",
        "Counted over the sources each notebook's source list shows (every source it cites, in prose "
        "or code), as of its last execution.",
        "",
        "| notebook | sources | " + " | ".join(KINDS) + " | low confidence | state-affiliated |",
        "|---|---:|" + "---:|" * (len(KINDS) + 2),
    ]
    for _, r in shares.iterrows():
        n = int(r["sources"])
        cells = [_percent(int(r[k]), n) for k in KINDS]
        lines.append(
            f"| {r['notebook']} | {n} | "
            + " | ".join(cells)
            + f" | {_percent(int(r['low confidence']), n)} | {_percent(int(r['state-affiliated']), n)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.sources link NOTEBOOK…``, ``… rename MAP.csv NOTEBOOK…`` and
    ``… rubric`` (writes notebooks/source_rubric.md)."""
    import argparse
    import csv

    parser = argparse.ArgumentParser(prog="python -m helpers.sources", description=main.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    link_p = sub.add_parser("link", help="link [src: …] citations and refresh the Further reading cell")
    link_p.add_argument("notebooks", nargs="+", type=Path)
    link_p.add_argument("--no-readings", action="store_true", help="leave the Further reading cell alone")
    ren_p = sub.add_parser("rename", help="rename source ids (old_id,new_id CSV) in markdown and code strings")
    ren_p.add_argument("mapping", type=Path)
    ren_p.add_argument("notebooks", nargs="*", type=Path)
    ren_p.add_argument(
        "--data", action="store_true", help="also rename the ids in the source-id columns of every table in data/"
    )
    sub.add_parser("rubric", help="write notebooks/source_rubric.md from the registry and the notebooks")
    args = parser.parse_args(argv)
    reg = registry()
    if args.command == "rubric":
        from .paths import NOTEBOOK_DIR

        page = NOTEBOOK_DIR / RUBRIC_PAGE
        page.write_text(rubric_page(sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")), reg), encoding="utf-8")
        print(f"wrote {page}")
        return 0
    if args.command == "rename":
        with open(args.mapping, encoding="utf-8", newline="") as fh:
            renames = {r["old_id"]: r["new_id"] for r in csv.DictReader(fh)}
        if args.data:
            from .paths import data_dir

            for path in sorted(data_dir().glob("*.csv")):
                print(f"{path}: {'renamed' if rename_in_table(path, renames) else 'unchanged'}")
            reg = registry()  # the registry may itself have been renamed
        for path in args.notebooks:
            changed = transform_notebook(path, reg, None, renames, link=False)
            print(f"{path}: {'renamed' if changed else 'unchanged'}")
        return 0
    table = None if args.no_readings else readings()
    for path in args.notebooks:
        changed = transform_notebook(path, reg, table)
        print(f"{path}: {'updated' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
