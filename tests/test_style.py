"""The house style: charts refuse to be shown unfinished; tables and images are deterministic."""

import base64

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text

from helpers import style


@pytest.fixture(autouse=True)
def _house():
    style.use()
    yield
    plt.close("all")


def _chart(title="Title", source="Source: X.", xlabel="Year", ylabel="Count"):
    fig, ax = style.figure("small")
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        style.finish(fig, title, source)
    return fig


def test_palette_is_the_okabe_ito_set_and_countries_are_distinct():
    assert len(set(style.PALETTE.values())) == len(style.PALETTE)
    assert len(set(style.COUNTRY_COLOURS.values())) == len(style.COUNTRY_COLOURS)
    assert style.colour("RUS") == style.PALETTE["blue"]
    assert style.colour("XYZ") == style.PALETTE["grey"]


def test_use_sets_the_house_rc():
    import matplotlib

    assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]


def test_unknown_size_is_refused():
    with pytest.raises(ValueError, match="unknown size"):
        style.figure("huge")


@pytest.mark.parametrize(
    "kwargs, missing",
    [
        ({"title": None}, "title and source line"),
        ({"xlabel": ""}, "x-axis label"),
        ({"ylabel": ""}, "y-axis label"),
    ],
)
def test_check_names_what_is_missing(kwargs, missing):
    fig = _chart(**kwargs)
    assert any(missing in m for m in style.check(fig))
    with pytest.raises(ValueError, match="chart is not finished"):
        style.show(fig, alt="A line chart of three made-up values, for the test.")


def test_finish_needs_title_and_source():
    fig, _ = style.figure("small")
    with pytest.raises(ValueError, match="title"):
        style.finish(fig, " ", "Source: X.")
    with pytest.raises(ValueError, match="source line"):
        style.finish(fig, "Title", "")


def test_finish_draws_title_and_source_line():
    fig = _chart(title="Arms flows", source="Source: SIPRI.")
    assert fig._suptitle.get_text() == "Arms flows"
    assert "Source: SIPRI." in [t.get_text() for t in fig.texts]


@pytest.mark.parametrize("alt", ["", "too short", "<Figure size 640x480 with 1 Axes> and more words here"])
def test_show_refuses_poor_alt_text(alt):
    with pytest.raises(ValueError, match="alt text"):
        style.show(_chart(), alt=alt)


def test_show_publishes_png_with_alt_text(monkeypatch):
    published = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw, metadata: published.append((obj, metadata)))
    alt = "A line chart of three made-up values that falls, then rises."
    style.show(_chart(), alt=alt)
    ((bundle, metadata),) = published
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    stored = metadata["image/png"]["alt"]
    assert stored == f"Title. {alt} Source: X."  # a screen reader hears title, description and source
    assert bundle["text/plain"] == f"[Chart: Title] {alt} Source: X."


def test_full_alt_adds_the_missing_full_stops_and_names_a_bare_source():
    assert style.full_alt("Trade fell", "A bar chart  of\ntrade by year", "UN Comtrade (2025)") == (
        "Trade fell. A bar chart of trade by year. Source: UN Comtrade (2025)."
    )
    assert (
        style.full_alt("Why?", "A chart of thirty words.", "Sources: A; B.")
        == "Why? A chart of thirty words. Sources: A; B."
    )


def test_check_refuses_type_smaller_than_the_site_promises():
    fig = _chart()
    assert style.check(fig) == []
    fig.axes[0].text(1, 1, "tiny label", fontsize=7.5)
    fig.axes[0].text(1, 2, "", fontsize=5)  # empty texts draw nothing
    (problem,) = style.check(fig)
    assert "'tiny label' at 7.5 pt" in problem
    with pytest.raises(ValueError, match="at least 8 pt"):
        style.show(fig, alt="A line chart of three made-up values, for the test.")


def test_check_ignores_hidden_small_text():
    fig = _chart()
    fig.axes[0].text(1, 1, "hidden", fontsize=6).set_visible(False)
    fig.axes[0].text(1, 2, "just large enough", fontsize=style.MIN_FONT_PT)
    assert style.check(fig) == []


@pytest.mark.parametrize(
    "background, text, ratio",
    [
        ("#FFFFFF", "black", 21.0),
        ("#000000", "white", 21.0),
        ("#56B4E9", "black", 9.1),  # sky: white would be 2.31:1
        ("#8C8C8C", "black", 6.25),  # grey: white would be 3.36:1
        ("#009E73", "black", 6.13),  # green: white would be 3.42:1
        ("#0072B2", "white", 5.17),  # blue
        ("#D55E00", "black", 5.43),  # vermillion: white would be 3.87:1
    ],
)
def test_text_colour_takes_the_stronger_contrast(background, text, ratio):
    assert style.text_colour(background) == text
    assert style.contrast_ratio(text, background) == pytest.approx(ratio, abs=0.02)
    other = "white" if text == "black" else "black"
    assert style.contrast_ratio(other, background) < style.contrast_ratio(text, background)


def test_contrast_ratio_is_symmetric_and_known_values_hold():
    assert style.contrast_ratio("white", "#56B4E9") == pytest.approx(2.31, abs=0.01)
    assert style.contrast_ratio("#8C8C8C", "white") == pytest.approx(3.36, abs=0.01)
    assert style.contrast_ratio("white", "#009E73") == pytest.approx(3.42, abs=0.01)
    assert style.contrast_ratio("#777777", "#777777") == 1.0


LONG_TITLE = (
    "A very long takeaway title that goes on and on about what the chart shows, far longer than the "
    "figure is wide, as some of the collection's titles do"
)


@pytest.mark.parametrize(
    "subtitle", [None, "And a subtitle that is also much longer than the small figure is wide, " * 2]
)
@pytest.mark.parametrize("panels", [1, 2])
def test_a_long_title_or_subtitle_wraps_and_does_not_widen_the_image(subtitle, panels):
    import io

    from PIL import Image

    fig, _ = style.figure("small", ncols=panels)
    for ax in fig.axes:
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_xlabel("Year")
        ax.set_ylabel("Count")
    style.finish(fig, LONG_TITLE, "Source: X.", subtitle=subtitle)
    width, _ = Image.open(io.BytesIO(style.png_bytes(fig))).size
    limit = (style.SIZES["small"][0] + 2 * style.PAD_INCHES) * style.DPI
    assert width <= limit + 1, (width, limit)
    assert "\n" in fig._suptitle._get_wrapped_text()


def test_a_short_title_is_not_wrapped():
    fig = _chart(title="Arms flows")
    fig.canvas.draw()
    assert fig._suptitle._get_wrapped_text() == "Arms flows"


def test_readable_tables_space_id_lists_and_name_raw_columns():
    frame = pd.DataFrame(
        {"event_id": ["E1", "E2"], "source_ids": ["tass-2025-a;rbc-2025-b", "one-source"], "note": ["a;b c", None]}
    )
    shown = style.readable(frame)
    assert list(shown.columns) == ["event", "sources", "note"]
    assert shown["sources"].to_list() == ["tass-2025-a; rbc-2025-b", "one-source"]
    assert shown["note"].iloc[0] == "a;b c"  # prose with a semicolon is left alone
    assert list(frame.columns) == ["event_id", "source_ids", "note"]  # the data are not changed
    page = style.table_html(frame, "Caption", "Source: X.")
    assert "tass-2025-a; rbc-2025-b" in page and "source_ids" not in page and ">sources<" in page
    assert style.header("n_both_voted") == "n both voted"
    beside = style.readable(pd.DataFrame({"event_id": ["E1"], "event": ["a"], "source_ids": ["x;y"]}))
    assert list(beside.columns) == ["event id", "event", "sources"]  # never two columns of one name
    assert style.header("Sources") == "Sources"


def test_show_table_plain_twin_drops_language_markup(monkeypatch):
    published = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw: published.append(obj))
    frame = pd.DataFrame({"Quote": ['<span lang="ru">Россия</span>'], "source_ids": ["a;b"]})
    style.show_table(frame, "Caption", "Source: X.")
    ((bundle),) = published
    assert '<span lang="ru">Россия</span>' in bundle["text/html"]
    assert "<span" not in bundle["text/plain"] and "Россия" in bundle["text/plain"]
    assert "a; b" in bundle["text/plain"]


def test_png_is_deterministic_and_has_no_software_tag():
    first, second = style.png_bytes(_chart()), style.png_bytes(_chart())
    assert first == second
    assert b"matplotlib" not in first.lower()


LONG_SOURCE = (
    "Sources: SIPRI, SIPRI Arms Transfers Database: trade register, one row per deal and delivery year "
    "(deliveries or orders 2000–2030; data generated 3 January 2025) (2025); United Nations Digital Library, "
    "UN General Assembly recorded votes 2025, scraped by the 3DL pipeline (2026). Other figures: the tables "
    "above (data/trade_composition.csv, data/corridor_volumes.csv). A-very-long-unbreakable-token-" + "x" * 150
)


def _source_text(fig):
    (line,) = [t for t in fig.texts if t.get_wrap() and t is not fig._suptitle]
    return line


@pytest.mark.parametrize("width", [2.0, 4.5, 6.0, 9.0, 13.0])
def test_quick_wrapping_breaks_lines_where_matplotlib_does(width):
    from matplotlib.text import Text

    fig = _chart(source=LONG_SOURCE)
    fig.set_size_inches(width, 3.0)
    fig.canvas.draw()  # gives the text its renderer
    line = _source_text(fig)
    assert "_get_wrapped_text" in vars(line), "finish gives the source line the quick wrapping"
    mine = line._get_wrapped_text()
    assert mine == Text._get_wrapped_text(line)
    assert mine.count("\n") >= 1


def test_the_shared_wrapping_memo_keeps_fonts_and_resolutions_apart():
    from matplotlib.text import Text

    wrapped = []
    for size, dpi in [(8.5, 100), (12.0, 100), (8.5, 150)]:
        fig = _chart(source=LONG_SOURCE)
        fig.set_size_inches(6.0, 3.0)
        fig.set_dpi(dpi)
        line = _source_text(fig)
        line.set_fontsize(size)
        fig.canvas.draw()
        mine = line._get_wrapped_text()
        assert mine == Text._get_wrapped_text(line), (size, dpi)
        wrapped.append(mine)
    assert wrapped[0] != wrapped[1]  # a larger font breaks earlier: the memo did not answer for it


def test_quick_wrapping_gives_identical_pixels():
    quick = _chart(source=LONG_SOURCE)
    plain = _chart(source=LONG_SOURCE)
    del vars(_source_text(plain))["_get_wrapped_text"]  # back to matplotlib's own wrapping
    assert style.png_bytes(quick) == style.png_bytes(plain)


def test_table_html_has_caption_source_and_stable_ids():
    frame = pd.DataFrame({"country": ["RUS", "IRN"], "value": [1.25, 2.5]})
    html = style.table_html(frame, "Two values", "Source: X.")
    assert "Two values" in html and "Source: X." in html
    assert html == style.table_html(frame, "Two values", "Source: X.")
    assert "1.2" in html or "1.3" in html
    with pytest.raises(ValueError, match="caption"):
        style.table_html(frame, "", "Source: X.")


def test_cell_axes_removes_grid_spines_and_ticks():
    _fig, ax = style.figure("small")
    style.cell_axes(ax)
    assert not any(s.get_visible() for s in ax.spines.values())
    assert not any(line.get_visible() for line in ax.get_xgridlines() + ax.get_ygridlines())
    assert all(t.tick1line.get_markersize() == 0 for t in ax.xaxis.get_major_ticks())


def test_chosen_rows_are_shown_and_the_whole_table_is_folded():
    frame = pd.DataFrame({"date": ["2001", "2015", "2025", "2026"], "event": ["a", "b", "c", "d"]})
    html, text = style.chosen_rows_html(frame, frame["date"] >= "2025", "Events", "Source: test")
    shown, folded = html.split("<details>")
    assert "2 chosen rows of 4" in shown and ">c<" in shown and ">a<" not in shown
    assert folded.count("<tr>") == 5 and ">a<" in folded and folded.endswith("</details>")
    assert "2001" not in text and "2026" in text and "4 rows, is folded" in text


def test_choosing_nothing_is_refused():
    frame = pd.DataFrame({"date": ["2001"], "event": ["a"]})
    with pytest.raises(ValueError, match="no row chosen"):
        style.chosen_rows_html(frame, frame["date"] > "2030", "Events", "Source: test")


def _tight_save(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(
        buf, format="png", dpi=style.DPI, bbox_inches="tight", pad_inches=style.PAD_INCHES, metadata={"Software": None}
    )
    return buf.getvalue()


def _panels_with_outside_legend():
    fig, axes = style.figure("wide", ncols=2, sharey=True)
    for i, ax in enumerate(axes):
        ax.plot([2000, 2010, 2020], [i, 3, 1], label=f"Series {i}")
        ax.set_xlabel("Year")
        ax.set_ylabel("Share")
        ax.annotate(
            "an end label outside the axes", (2020, 1), xytext=(6, 0), textcoords="offset points", annotation_clip=False
        )
    fig.legend(loc="outside right center")
    style.finish(fig, "Two panels, a figure legend outside them", LONG_SOURCE, "A subtitle under a many-panel title")
    return fig


def _matrix_with_colorbar():
    fig, ax = style.figure("square")
    image = ax.imshow([[0, 1, 2], [2, 1, 0]], aspect="equal")
    fig.colorbar(image, ax=ax, shrink=0.6, label="Score")
    ax.set_xticks([0, 1, 2], ["a long rotated tick label", "b", "c"], rotation=45, ha="right")
    ax.set_xlabel("Column")
    ax.set_ylabel("Row")
    style.finish(fig, "A matrix whose cells keep their aspect, with a colour bar", "Source: X.", subtitle="Sub")
    return fig


@pytest.mark.parametrize(
    "make",
    [
        lambda: _chart(),
        lambda: _chart(title="A title far longer than this small figure is wide, so it sticks out on the right"),
        lambda: _chart(source=LONG_SOURCE),
        _panels_with_outside_legend,
        _matrix_with_colorbar,
    ],
    ids=["plain", "long-title", "long-source", "panels", "matrix"],
)
def test_one_pass_save_gives_the_pixels_of_matplotlibs_tight_save(make):
    assert style.png_bytes(make()) == _tight_save(make())


def test_one_pass_save_leaves_the_figure_as_it_was():
    fig = _chart()
    engine = fig.get_layout_engine()
    style.png_bytes(fig)
    assert fig.get_layout_engine() is engine
    assert tuple(fig.get_size_inches()) == style.SIZES["small"]


def test_a_figure_without_layout_engine_is_saved_the_tight_way():
    fig = _chart()
    fig.set_layout_engine(None)
    assert style.png_bytes(fig) == _tight_save(fig)


@pytest.mark.parametrize(
    "subtitle", ["One line under the title", "A subtitle much longer than the small figure is wide, " * 3]
)
def test_a_many_panel_subtitle_is_plain_grey_under_the_bold_title(subtitle):
    fig, _ = style.figure("small", ncols=2)
    for ax in fig.axes:
        ax.plot([1, 2, 3], [3, 1, 2])
    style.finish(fig, "A two-panel takeaway", "Source: X.", subtitle=subtitle)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    heading = fig._suptitle
    assert heading.get_text().splitlines()[0] == "A two-panel takeaway"
    assert "subtitle" not in heading.get_text() and "One line" not in heading.get_text()  # not in bold
    under = [t for t in fig.findobj(Text) if t.get_text().replace("\n", " ").startswith(subtitle.strip()[:20])]
    assert len(under) == 1 and under[0].get_fontweight() == "normal" and under[0].get_color() == "#444444"
    box, title_box = under[0].get_window_extent(renderer), heading.get_window_extent(renderer)
    first_line = title_box.y1 - heading.get_size() * fig.dpi / 72 * 1.25  # the bold line's bottom (roughly)
    assert box.y1 <= first_line and box.y0 >= title_box.y0 - 1  # below the bold line, inside the kept room
    assert box.x1 <= fig.bbox.width + 1  # wrapped to the figure's width
    axes_top = max(ax.get_window_extent(renderer).y1 for ax in fig.axes)
    assert box.y0 > axes_top  # above the panels


def _crowded_tick_labels():
    """A finished one-panel chart whose first column label runs into the second."""
    fig, ax = style.figure("small")
    ax.set_xticks([0, 0.2], ["A label far too long for its narrow column", "Next"])
    ax.set_xlim(-0.5, 1.5)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    style.finish(fig, "T", "Source: X.")
    return fig, ax


def test_overlapping_tick_labels_are_reported_and_spaced_ones_are_not():
    fig, ax = _crowded_tick_labels()
    assert style.overlapping_tick_labels(fig) == [("A label far too long for its narrow column", "Next")]
    assert any("tick labels apart" in m for m in style.check(fig))
    ax.set_xticks([0, 1], ["Short", "Next"])  # far apart
    assert style.overlapping_tick_labels(fig) == [] and style.check(fig) == []
    ax.set_xticks([0, 0.2], ["A label far too long for its narrow column", "Next"], rotation=45)
    assert style.overlapping_tick_labels(fig) == []  # slanted: the upright boxes say nothing
    plt.close(fig)


def test_show_refuses_overlapping_tick_labels_read_from_its_one_drawing(monkeypatch):
    fig, _ = _crowded_tick_labels()
    draws = []
    original = type(fig.canvas).draw
    monkeypatch.setattr(type(fig.canvas), "draw", lambda canvas, *a, **k: (draws.append(1), original(canvas, *a, **k)))
    with pytest.raises(ValueError, match="tick labels apart"):
        style.show(fig, "A chart whose two column labels run into each other.")
    assert draws == [1]  # the save's own drawing only: the check read the labels it placed
