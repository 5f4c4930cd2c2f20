"""Folded tables: HTML details around the house table."""

import pandas as pd
import pytest

from helpers import folding


def test_folded_html_wraps_the_house_table_and_escapes_the_summary():
    out = folding.folded_html(pd.DataFrame({"a": [1]}), "Show <all> rows", "Cap", "Src")
    assert out.startswith("<details><summary>Show &lt;all&gt; rows</summary>") and out.endswith("</details>")
    assert "Cap" in out and "Src" in out


def test_a_folded_table_needs_a_summary():
    with pytest.raises(ValueError):
        folding.folded_html(pd.DataFrame({"a": [1]}), " ", "Cap", "Src")
