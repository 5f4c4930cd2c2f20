"""Long tables folded under a one-line summary, in the house table style.

HTML ``<details>`` folds on the site, in JupyterLab and on GitHub alike (MyST admonitions do
not). The plain-text twin keeps the whole table, so nbval still compares every value.
"""

from __future__ import annotations

import html

import pandas as pd

from . import style


def folded_html(frame: pd.DataFrame, summary: str, caption: str, source: str, precision: int = 1) -> str:
    """The house table inside ``<details>``, with ``summary`` as the line shown folded."""
    if not summary.strip():
        raise ValueError("a folded table needs a summary line")
    return (
        f"<details><summary>{html.escape(summary)}</summary>\n"
        f"{style.table_html(frame, caption, source, precision)}\n</details>"
    )


def show_folded_table(frame: pd.DataFrame, summary: str, caption: str, source: str, precision: int = 1) -> None:
    """Display ``frame`` folded (HTML) with a full plain-text twin."""
    from IPython.display import display

    text = f"{summary}\n{caption}\n{frame.to_string(index=not isinstance(frame.index, pd.RangeIndex))}\n{source}"
    display({"text/html": folded_html(frame, summary, caption, source, precision), "text/plain": text}, raw=True)
