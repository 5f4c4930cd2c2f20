"""The house style: one look for every chart and table of the collection.

- a colour-blind-safe palette (Okabe & Ito's eight colours) with a fixed colour per country;
- readable type (DejaVu Sans, shipped with matplotlib, so every machine draws the same glyphs);
- a bold left-aligned title, an optional subtitle, labelled axes and a source line under the chart;
- alt text for every figure, stored with the image output together with the chart's title and
  source line (and copied into the cell metadata by the build so the rendered site's
  ``<img alt=…>`` carries it);
- no type smaller than :data:`MIN_FONT_PT`, and text colours on filled cells chosen by contrast
  (:func:`text_colour`).

A chart is made with :func:`figure`, labelled with :func:`finish`, and shown with :func:`show`,
which refuses a figure without a title, axis labels, a source line or alt text.
"""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.text import Text

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# The package never switches matplotlib's backend: the build and the tests set it from outside
# (``MPLBACKEND=Agg``), and in JupyterLab a reader's own ``plt.plot(...)`` cell shows inline.
# :func:`show` renders PNG bytes itself, so the charts are identical under any backend.

#: Okabe & Ito (2008) colour-blind-safe palette, by name.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "green": "#009E73",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#8C8C8C",
}

#: The same country always has the same colour across the collection.
COUNTRY_COLOURS: dict[str, str] = {
    "RUS": PALETTE["blue"],
    "IRN": PALETTE["green"],
    "ISR": PALETTE["orange"],
    "USA": PALETTE["vermillion"],
    "CHN": PALETTE["purple"],
    "PRK": PALETTE["sky"],
    "SYR": PALETTE["yellow"],
    "BLR": PALETTE["black"],
}

SIZES: dict[str, tuple[float, float]] = {
    "wide": (9.0, 4.8),
    "tall": (8.0, 7.5),
    "square": (7.0, 7.0),
    "small": (6.0, 3.6),
}
DPI = 100
MIN_ALT_CHARS = 30
#: The smallest type a chart may use, in points (the site's stylesheet promises no smaller).
MIN_FONT_PT = 8.0

_RC: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "russia-iran-notebooks",
    "path.simplify": True,
}


def use() -> None:
    """Apply the house style (call once, in a notebook's setup cell)."""
    sns.set_theme(style="whitegrid", palette=list(PALETTE.values()), rc=_RC)
    matplotlib.rcParams.update(_RC)


def colour(code: str) -> str:
    """The house colour of a country (ISO3); grey for any other."""
    return COUNTRY_COLOURS.get(code, PALETTE["grey"])


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a matplotlib colour (0: black, 1: white)."""
    from matplotlib.colors import to_rgb

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG 2 contrast ratio)."""
    return "white" if contrast_ratio("white", background) > contrast_ratio("black", background) else "black"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the noun in the right number: ``plural(1, "variant")`` is "1 variant",
    ``plural(3, "variant")`` "3 variants" (``words``: an irregular plural)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def listed(items: Sequence[str]) -> str:
    """Items as prose lists them: ``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def figure(size: str = "wide", nrows: int = 1, ncols: int = 1, **kwargs: Any):
    """A new figure in one of the house :data:`SIZES`; returns ``(fig, ax)`` like ``plt.subplots``."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {sorted(SIZES)}")
    fig, ax = plt.subplots(nrows, ncols, figsize=SIZES[size], layout="constrained", **kwargs)
    return fig, ax


def cell_axes(ax) -> None:
    """Axes for a grid of cells (a matrix, a ladder, an article map): no grid lines, no spines,
    no tick marks — the cells carry the structure."""
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)


def finish(fig, title: str, source: str, subtitle: str | None = None) -> None:
    """Give ``fig`` its title (and subtitle) and the source line under the chart. Title, subtitle
    and source line wrap to the figure's width, so a long title never widens the image."""
    if not title or not title.strip():
        raise ValueError("a chart needs a title")
    if not source or not source.strip():
        raise ValueError("a chart needs a source line (use Registry.source_line)")
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    if subtitle and len(axes) == 1:
        heading = fig.suptitle(title, x=0.0, ha="left", fontsize=13, fontweight="bold", wrap=True)
        ax = axes[0]
        under = ax.set_title(subtitle, loc="left", fontsize=10.5, color="#444444", pad=8, wrap=True)
        # matplotlib measures an axes title's room oddly before the layout (a narrow column);
        # the room is the figure's width right of the axes' left edge
        _wrap_quickly(under, width=lambda: fig.bbox.width * (1.0 - ax.get_position().x0))
    else:
        heading = fig.suptitle(title, x=0.0, ha="left", fontsize=13, fontweight="bold", wrap=True)
    _wrap_quickly(heading)
    if subtitle and len(axes) != 1:
        _subtitle_under(fig, heading, subtitle)
    line = fig.text(0.0, 0.0, source, ha="left", va="top", fontsize=8.5, color="#444444", wrap=True)
    _wrap_quickly(line)
    fig._house = {"title": title, "source": source}  # read by check() and show()


def _subtitle_under(fig, heading: Text, subtitle: str) -> None:
    """A many-panel chart's subtitle in the plain grey type of a one-panel chart's, under the bold
    title: wrapped to the figure's width, anchored to the bottom-left corner of the title's box,
    with one blank title line kept free per subtitle line (a title line is taller than a
    subtitle line, so the two never overlap)."""
    from matplotlib.text import Annotation

    under = Annotation(
        subtitle,
        xy=(0.0, 0.0),
        xycoords=heading,
        ha="left",
        va="bottom",
        fontsize=10.5,
        color="#444444",
        annotation_clip=False,
    )
    fig.add_artist(under)
    vars(under)["_renderer"] = fig.canvas.get_renderer()  # measured before the figure is drawn
    wrap = _QuickWrap(under)
    wrapped = wrap._wrap(subtitle, fig.bbox.width, wrap._context())
    under.set_text(wrapped)
    heading.set_text(heading.get_text() + "\n " * (wrapped.count("\n") + 1))


def small_texts(fig, smallest: float = MIN_FONT_PT) -> list[str]:
    """The visible, non-empty texts of ``fig`` set in type smaller than ``smallest`` points."""
    found = []
    for text in fig.findobj(Text):
        content = text.get_text().strip()
        if content and text.get_visible() and text.get_fontsize() < smallest:
            found.append(f"{content[:30]!r} at {text.get_fontsize():g} pt")
    return found


def check(fig, drawn: bool = False) -> list[str]:
    """What ``fig`` lacks of the house standard (an empty list when nothing): a title and source
    line, axis labels, no visible text under :data:`MIN_FONT_PT` points and no overlapping tick
    labels (``drawn``: the figure has just been drawn, so it need not be drawn again to place them)."""
    missing = []
    house = getattr(fig, "_house", None)
    if not house:
        missing.append("title and source line (call style.finish)")
    for i, ax in enumerate(fig.axes):
        if not ax.axison or getattr(ax, "_colorbar", None) is not None or ax.get_label() == "<colorbar>":
            continue
        if not ax.get_xlabel().strip():
            missing.append(f"x-axis label on axes {i}")
        if not ax.get_ylabel().strip():
            missing.append(f"y-axis label on axes {i}")
    missing += [f"type of at least {MIN_FONT_PT:g} pt (text {t})" for t in small_texts(fig)]
    missing += [f"tick labels apart ({a!r} overlaps {b!r})" for a, b in overlapping_tick_labels(fig, drawn)]
    return missing


def overlapping_tick_labels(fig, drawn: bool = False) -> list[tuple[str, str]]:
    """Pairs of neighbouring upright tick labels of one axis of ``fig`` whose drawn boxes overlap (a
    wrapped column label running into the next one, say), in the order they are drawn. Tick labels
    are placed when the figure is drawn: unless ``drawn`` says it just was, it is drawn first."""
    if not drawn:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        for axis, lo, hi in ((ax.xaxis, "x0", "x1"), (ax.yaxis, "y0", "y1")):
            # slanted labels are left out: their upright boxes overlap where the type does not
            shown = [
                t
                for t in axis.get_ticklabels()
                if t.get_visible() and t.get_text().strip() and t.get_rotation() % 90 == 0
            ]
            boxes = sorted(
                ((t.get_window_extent(renderer), t.get_text()) for t in shown), key=lambda b: getattr(b[0], lo)
            )
            for (first, a), (second, b) in itertools.pairwise(boxes):
                if getattr(second, lo) < getattr(first, hi) - 1 and first.overlaps(second):
                    found.append((a.replace("\n", " "), b.replace("\n", " ")))
    return found


class _QuickWrap:
    """Matplotlib's line wrapping for one :class:`~matplotlib.text.Text`, same result, less work.

    Matplotlib wraps a ``wrap=True`` text each time it lays the text out (dozens of times per
    saved figure) by measuring every longer prefix of a line until one is too wide: a long source
    line costs hundreds of font measurements. Here the first too-wide prefix is found by bisection
    (prefix widths only grow as words are added) and each result is remembered for its text,
    width, font and resolution. The breaks are matplotlib's own, so the pixels are identical
    (``tests/test_style.py`` compares the two)."""

    #: Wrapped texts and measured prefix widths, shared by every figure of the process: both
    #: depend only on the text, the width, the font, the resolution and the kind of renderer.
    memo: ClassVar[dict[tuple[Any, ...], str]] = {}
    widths: ClassVar[dict[tuple[Any, ...], float]] = {}
    KEPT = 20_000

    def __init__(self, text: Text, width: Callable[[], float] | None = None):
        self.text: Any = text  # matplotlib's private wrapping helpers are not in its type stubs
        self.width = width

    def _context(self) -> tuple[Any, ...]:
        t = self.text
        renderer = t._renderer
        return (
            hash(t.get_fontproperties()),
            t.get_figure(root=True).dpi,
            type(renderer).__name__,
            getattr(renderer, "dpi", None),
        )

    def __call__(self) -> str:
        t = self.text
        if not t.get_wrap() or t.get_usetex():
            return t.get_text()
        width = self.width() if self.width is not None else t._get_wrap_line_width()
        context = self._context()
        key = (t.get_text(), width, *context)
        if key not in self.memo:
            if len(self.memo) > self.KEPT or len(self.widths) > self.KEPT:
                self.memo.clear()
                self.widths.clear()
            self.memo[key] = self._wrap(t.get_text(), width, context)
        return self.memo[key]

    def _measure(self, text: str, context: tuple[Any, ...]) -> float:
        key = (text, *context)
        if key not in self.widths:
            self.widths[key] = self.text._get_rendered_text_width(text)
        return self.widths[key]

    def _wrap(self, text: str, width: float, context: tuple[Any, ...] = ()) -> str:
        def measure(prefix: str) -> float:
            return self._measure(prefix, context)

        lines: list[str] = []
        for unwrapped in text.split("\n"):
            words = unwrapped.split(" ")
            while words:
                if len(words) == 1:
                    lines.append(words.pop())
                    continue
                # the first i in 2..n whose prefix words[:i] is too wide (n + 1: none is), by
                # bisection that probes first around a guess from the words' own widths (any
                # probe order finds the same i; a good guess needs two long measurements)
                guess = _guess_break(words, width, measure)
                probes = [guess, guess - 1, guess + 1]
                lo, hi = 2, len(words) + 1
                while lo < hi:
                    mid = next((p for p in probes if lo <= p < hi), (lo + hi) // 2)
                    if mid in probes:
                        probes.remove(mid)
                    if measure(" ".join(words[:mid])) > width:
                        hi = mid
                    else:
                        lo = mid + 1
                lines.append(" ".join(words[: lo - 1]))
                words = words[lo - 1 :]
        return "\n".join(lines)


def _guess_break(words: list[str], width: float, measure) -> int:
    """Where a line of ``words`` probably breaks: the first i ≥ 2 whose words, measured one by one
    plus the spaces between them, are wider than ``width`` (``len(words) + 1``: none)."""
    space = measure("x x") - 2 * measure("x")
    total = 0.0
    for i, word in enumerate(words, start=1):
        total += measure(word) + (space if i > 1 else 0.0)
        if i >= 2 and total > width:
            return i
    return len(words) + 1


def _wrap_quickly(text: Text, width: Callable[[], float] | None = None) -> None:
    """Give ``text`` the quick equivalent of matplotlib's wrapping (see :class:`_QuickWrap`);
    ``width`` (pixels, asked at each layout) replaces matplotlib's measure of the room."""
    vars(text)["_get_wrapped_text"] = _QuickWrap(text, width)


#: White space kept around a chart's tight bounding box, in inches.
PAD_INCHES = 0.15


def png_bytes(fig) -> bytes:
    """The figure as PNG bytes cropped to its tight bounding box, without the software tag
    (stable across patch releases).

    The same pixels as ``fig.savefig(..., bbox_inches="tight", pad_inches=PAD_INCHES)`` in about
    four fifths of the time: matplotlib's tight save draws the whole figure once without output
    to find the box and then again for the pixels; here the layout engine runs once, the box is
    measured from that layout and the figure is drawn once, not laid out again
    (``tests/test_style.py`` compares the two byte for byte)."""
    buf = io.BytesIO()
    save = {"format": "png", "dpi": DPI, "metadata": {"Software": None}}
    engine = fig.get_layout_engine()
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    automatic = matplotlib.rcParams["figure.autolayout"] or matplotlib.rcParams["figure.constrained_layout.use"]
    if engine is None or get_renderer is None or fig.dpi != DPI or automatic:
        fig.savefig(buf, bbox_inches="tight", pad_inches=PAD_INCHES, **save)
        return buf.getvalue()
    renderer = get_renderer()
    engine.execute(fig)
    box = fig.get_tightbbox(renderer).padded(PAD_INCHES)
    fig.set_layout_engine(None)  # laid out above: the save must not lay it out again
    try:
        fig.savefig(buf, bbox_inches=box, **save)
    finally:
        fig.set_layout_engine(engine)
    return buf.getvalue()


def show(fig, alt: str) -> None:
    """Display ``fig`` as a PNG with its alt text, then close it.

    Refuses a figure that misses a title, a source line or an axis label, and alt text shorter
    than :data:`MIN_ALT_CHARS` characters: alt text says what the chart shows, for readers who
    cannot see it. The stored alt text is :func:`full_alt`: title, description, source line.
    """
    from IPython.display import display

    alt = " ".join(alt.split())
    if len(alt) < MIN_ALT_CHARS or alt.startswith("<Figure"):
        raise ValueError(f"alt text must describe the chart in at least {MIN_ALT_CHARS} characters")
    data = png_bytes(fig)  # laid out and drawn once: the check below reads the drawn tick labels
    missing = check(fig, drawn=True)
    if missing:
        plt.close(fig)
        raise ValueError("chart is not finished: missing " + "; ".join(missing))
    plt.close(fig)
    title, source = fig._house["title"], fig._house["source"]
    bundle = {
        "image/png": base64.b64encode(data).decode("ascii"),
        "text/plain": f"[Chart: {' '.join(title.split())}] {_sentence(alt)} {_source_sentence(source)}",
    }
    display(bundle, raw=True, metadata={"image/png": {"alt": full_alt(title, alt, source)}})


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


def _source_sentence(source: str) -> str:
    source = _sentence(source)
    return source if source.lower().startswith("source") else f"Source: {source}"


def full_alt(title: str, alt: str, source: str) -> str:
    """The alt text stored with a chart: its title, the description and its source line, so a
    screen reader says what a sighted reader sees around the image too."""
    return f"{_sentence(title)} {_sentence(alt)} {_source_sentence(source)}"


#: Readable headers for the raw column names of the data files, where a table shows them.
HEADERS: dict[str, str] = {
    "source_ids": "sources",
    "event_id": "event",
    "event_ids": "events",
    "relation_id": "relation",
    "relation_ids": "relations",
    "claim_id": "claim",
    "part_id": "part",
}

#: A list of ids joined with ";" and no space (``a-1;b-2``): it could only break mid-id.
_ID_LIST = re.compile(r"[^\s;]+(?:;[^\s;]+)+")
_SPAN = re.compile(r"</?span\b[^>]*>")


def header(name: object) -> object:
    """A raw snake_case column name in plain words (``source_ids`` → ``sources``,
    ``n_both_voted`` → ``n both voted``); any other label unchanged."""
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", name):
        return name
    return HEADERS.get(name, name.replace("_", " "))


def _headers(names: list[object]) -> list[object]:
    """:func:`header` for each name, unless two would then read the same (``event_id`` beside
    ``event``): such a name is spelled out (``event id``), or kept as it is."""
    out: list[object] = []
    for i, name in enumerate(names):
        others = set(names[:i] + names[i + 1 :]) | set(out)
        spelled = name.replace("_", " ") if isinstance(name, str) else name
        out.append(next((n for n in (header(name), spelled) if n not in others), name))
    return out


def _textual(dtype) -> bool:
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def _readable_cell(value: object) -> object:
    if isinstance(value, str) and _ID_LIST.fullmatch(value):
        return value.replace(";", "; ")
    return value


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as a reader sees it: raw snake_case headers in words (:func:`header`) and
    ``;``-joined id lists spaced (``a; b``) so they can wrap between ids."""
    out = frame.copy()
    out.columns = pd.Index(_headers(list(frame.columns)), name=frame.columns.name)
    out.index = out.index.set_names(_headers(list(frame.index.names)))
    for j in range(out.shape[1]):
        if _textual(out.dtypes.iloc[j]):
            out.iloc[:, j] = out.iloc[:, j].map(_readable_cell)
    return out


def _plain(frame: pd.DataFrame) -> str:
    """The plain-text twin of a displayed table: readable, without language markup."""
    shown = readable(frame)
    for j in range(shown.shape[1]):
        if _textual(shown.dtypes.iloc[j]):
            shown.iloc[:, j] = shown.iloc[:, j].map(lambda v: _SPAN.sub("", v) if isinstance(v, str) else v)
    return shown.to_string(index=not isinstance(frame.index, pd.RangeIndex))


def table_html(frame: pd.DataFrame, caption: str, source: str, precision: int = 1) -> str:
    """A house-style HTML table with its caption and source line (deterministic ids); raw
    column names and id lists made readable (:func:`readable`)."""
    if not caption.strip() or not source.strip():
        raise ValueError("a table needs a caption and a source line")
    uuid = hashlib.sha1(caption.encode("utf-8")).hexdigest()[:8]
    shown = readable(frame)
    styler = (
        shown.style.format(precision=precision, na_rep="—")
        .set_uuid(uuid)
        .set_caption(f"<b>{caption}</b>")
        .set_table_attributes('class="house-table"')
        .set_table_styles(
            [
                {"selector": "caption", "props": "caption-side: top; text-align: left; font-size: 1.05em;"},
                {"selector": "th", "props": "text-align: left; background: #f2f2f2;"},
                {"selector": "td", "props": "text-align: left; vertical-align: top;"},
            ]
        )
    )
    if frame.index.name is None and isinstance(frame.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    note = f'<p style="font-size: 0.85em; color: #444;">{source}</p>'
    return styler.to_html() + note


def show_table(frame: pd.DataFrame, caption: str, source: str, precision: int = 1) -> None:
    """Display a table as house-style HTML, with a plain-text twin for terminals and tests."""
    from IPython.display import display

    text = f"{caption}\n{_plain(frame)}\n{source}"
    display({"text/html": table_html(frame, caption, source, precision), "text/plain": text}, raw=True)


def chosen_rows_html(frame: pd.DataFrame, chosen, caption: str, source: str, precision: int = 1) -> tuple[str, str]:
    """HTML and plain text for the ``chosen`` rows of a long table (a boolean mask or a list of
    index labels), with the whole table folded under them in an HTML ``<details>``. Raises
    ``ValueError`` when nothing is chosen or a chosen label is not in the table."""
    part = frame.loc[chosen]
    if part.empty:
        raise ValueError(f"{caption}: no row chosen to show")
    shown = f"{caption} ({len(part)} chosen rows of {len(frame)})"
    html = (
        table_html(part, shown, source, precision)
        + f"<details><summary>The whole table ({len(frame)} rows)</summary>"
        + table_html(frame, caption, source, precision)
        + "</details>"
    )
    text = f"{shown}\n{_plain(part)}\n{source}\n[the whole table, {len(frame)} rows, is folded]"
    return html, text


def show_chosen(frame: pd.DataFrame, chosen, caption: str, source: str, precision: int = 1) -> None:
    """Display the ``chosen`` rows of a long table with the whole table folded (see
    :func:`chosen_rows_html`)."""
    from IPython.display import display

    html, text = chosen_rows_html(frame, chosen, caption, source, precision)
    display({"text/html": html, "text/plain": text}, raw=True)


def category_heatmap(ax, categories: pd.DataFrame, colours: dict[str, str], text: pd.DataFrame) -> None:
    """Draw a grid of categorical cells with seaborn's heatmap: ``categories`` (labels of
    ``colours``, or ``NaN`` for no cell) sets each cell's colour, ``text`` what is written in it
    (black or white, whichever contrasts more with the cell: :func:`text_colour`). Row and
    column labels come from the frames' index and columns."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    order = list(colours)
    unknown = sorted(set(categories.stack().dropna()) - set(order))
    if unknown:
        raise ValueError(f"no colour for categories {unknown}")
    codes = categories.apply(lambda col: col.map(lambda v: np.nan if pd.isna(v) else order.index(v))).astype(float)
    sns.heatmap(
        codes,
        ax=ax,
        cmap=ListedColormap([colours[c] for c in order]),
        vmin=-0.5,
        vmax=len(order) - 0.5,
        cbar=False,
        linewidths=1.2,
        linecolor="#DDDDDD",
        mask=codes.isna(),
    )
    for r in range(categories.shape[0]):
        for c in range(categories.shape[1]):
            category, words = categories.iat[r, c], text.iat[r, c]
            if pd.isna(category) or not isinstance(words, str) or not words:
                continue
            colour = text_colour(colours[category])
            ax.text(c + 0.5, r + 0.5, words, ha="center", va="center", fontsize=8.5, color=colour)
    cell_axes(ax)
