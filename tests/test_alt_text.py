"""Alt texts generated from the data say what the charts draw: every option, every panel by the
name the chart gives it, what Russia did with its contested reading, and nouns in the right number."""

import pandas as pd
import pytest

from helpers import choice_mc as cm
from helpers import style


def _shares():
    return pd.DataFrame(
        {
            "episode": ["The June 2025 war", "Israel's strikes (October 2024)"],
            "role": ["in-sample check", "calibration"],
            "words only": [0.34, 0.5],
            "arm or aid": [0.43, 0.25],
            "intervene militarily": [0.23, 0.25],
            "observed": ["words only", "words only"],
            "contested reading": ["arm or aid", ""],
        }
    )


def test_episode_alt_names_all_three_options_and_the_contested_reading():
    alt = cm.episode_shares_alt(_shares())
    assert "The June 2025 war: words only 34%, arm or aid 43%, intervene militarily 23% " in alt
    assert "(did: words only (contested: arm or aid))" in alt
    assert (
        "Israel's strikes (October 2024): words only 50%, arm or aid 25%, intervene militarily 25% (did: words only)"
        in alt
    )
    assert "(contested: )" not in alt


def test_weightings_alt_uses_the_panel_names_not_the_internal_codes():
    named = pd.DataFrame(
        {
            "weighting": ["stated ranges", "Iran first", "stated ranges", "Iran first"],
            "episode_id": ["T2025", "T2025", "T2026", "T2026"],
            "episode": ["The June 2025 war"] * 2 + ["The 2026 war"] * 2,
            "words only": [0.84, 0.06, 1.0, 0.5],
            "arm or aid": [0.16, 0.84, 0.0, 0.4],
            "intervene militarily": [0.0, 0.10, 0.0, 0.1],
        }
    )
    alt = cm.weightings_alt(named, ["T2025", "T2026"])
    assert alt.startswith("2 panels of stacked horizontal bars")
    assert "Panel 'The June 2025 war': stated ranges: words only 84%, arm or aid 16%, intervene militarily 0%;" in alt
    assert "Iran first: words only 6%, arm or aid 84%, intervene militarily 10%." in alt
    assert "Panel 'The 2026 war'" in alt
    assert "T2025" not in alt and "T2026" not in alt
    assert cm.weightings_alt(named, ["T2026"]).startswith("One panel")
    with pytest.raises(KeyError, match="T2030"):
        cm.weightings_alt(named, ["T2030"])


@pytest.mark.parametrize(
    "n, args, expected",
    [
        (1, ("variant",), "1 variant"),
        (3, ("variant",), "3 variants"),
        (0, ("variant",), "0 variants"),
        (2, ("analysis", "analyses"), "2 analyses"),
    ],
)
def test_plural(n, args, expected):
    assert style.plural(n, *args) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [(["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_listed(items, expected):
    assert style.listed(items) == expected
