"""The choice model (helpers.models): assumptions in, choice out."""

import math

import numpy as np
import pytest

from helpers import models


def test_scores_cover_every_option_and_consideration():
    assert set(models.SCORES) == set(models.OPTIONS)
    for option in models.OPTIONS:
        assert set(models.SCORES[option]) == set(models.CONSIDERATIONS)
    table = models.scores_table()
    assert table.shape == (4, 5) and table["weight name"].tolist() == list(models.CONSIDERATIONS)
    assert "assumption" in models.__doc__.lower()


def test_utility_is_the_weighted_sum():
    w = {"iran_partnership": 2.0, "israel_gulf": 0.5, "us_escalation": 1.0, "ukraine_priority": 0.0}
    u = models.utilities(w)
    for o in models.OPTIONS:
        assert math.isclose(u[o], sum(w[c] * models.SCORES[o][c] for c in models.CONSIDERATIONS))
    assert u.to_dict() == {"words only": -1.5, "arm or aid": 0.5, "intervene militarily": 1.0}


def test_extreme_weights_pick_the_expected_option():
    only_iran = {"iran_partnership": 5, "israel_gulf": 0, "us_escalation": 0, "ukraine_priority": 0}
    assert models.choose(only_iran) == "intervene militarily"
    for cost in ("israel_gulf", "us_escalation", "ukraine_priority"):
        assert models.choose({"iran_partnership": 0, "israel_gulf": 0, "us_escalation": 0, "ukraine_priority": 0,
                              cost: 5}) == "words only"
    # between the two: the partnership matters more than half the summed costs but less than all of them
    middle = {"iran_partnership": 3, "israel_gulf": 0, "us_escalation": 2, "ukraine_priority": 2}
    assert models.choose(middle) == "arm or aid"
    assert models.choose() == "words only"  # the default weights


def test_ties_go_to_the_more_cautious_option():
    zero = {c: 0 for c in models.CONSIDERATIONS}
    assert models.choose(zero) == "words only"
    tie = {"iran_partnership": 2, "israel_gulf": 0, "us_escalation": 2, "ukraine_priority": 0}
    u = models.utilities(tie)
    assert u["arm or aid"] == u["intervene militarily"] == 0.0 and models.choose(tie) == "arm or aid"


def test_invalid_weights_raise():
    for bad in ({"iran_partnership": -1}, {"iran_partnership": float("nan")}, {"iran_partnership": float("inf")},
                {"iran_partnership": "high"}, {"iran_partnership": True}, {"oil_price": 1}):
        with pytest.raises(ValueError):
            models.choose(bad)


def test_partial_weights_take_the_defaults():
    assert models.check_weights({"us_escalation": 3}) == {**models.DEFAULT_WEIGHTS, "us_escalation": 3.0}


def test_decision_table_marks_the_choice():
    table = models.decision_table({"iran_partnership": 5, "israel_gulf": 0, "us_escalation": 0, "ukraine_priority": 0})
    assert table["option"].tolist() == list(models.OPTIONS)
    assert table.loc[table["chosen"] != "", "option"].tolist() == ["intervene militarily"]
    assert table["utility"].tolist() == [-5.0, 5.0, 10.0]


def test_sensitivity_grid_shape_and_content():
    xs, ys = np.arange(0, 5.01, 1.0), [0.0, 1.0, 4.0]
    grid = models.sensitivity_grid("iran_partnership", "us_escalation", xs, ys,
                                   fixed={"israel_gulf": 0, "ukraine_priority": 0})
    assert grid.shape == (3, 6)
    assert grid.index.name == "us_escalation" and grid.columns.name == "iran_partnership"
    assert grid.index.tolist() == ys and grid.columns.tolist() == list(xs)
    for y in ys:
        for x in xs:
            expected = models.choose({"iran_partnership": x, "us_escalation": y, "israel_gulf": 0, "ukraine_priority": 0})
            assert grid.loc[y, x] == expected
    assert grid.loc[0.0, 5.0] == "intervene militarily"
    assert grid.loc[4.0, 0.0] == "words only"
    assert grid.loc[4.0, 3.0] == "arm or aid"  # 3 > 4/2 (beats words) and 3 < 4 (short of intervening)
    shares = models.grid_shares(grid)
    assert math.isclose(shares.sum(), 1.0, abs_tol=0.005) and list(shares.index) == list(models.OPTIONS)


def test_grid_rejects_bad_axes():
    with pytest.raises(ValueError):
        models.sensitivity_grid("iran_partnership", "iran_partnership", [0, 1], [0, 1])
    with pytest.raises(ValueError):
        models.sensitivity_grid("iran_partnership", "oil", [0, 1], [0, 1])
    with pytest.raises(ValueError):
        models.sensitivity_grid("iran_partnership", "us_escalation", [0, 1], [0, 1], fixed={"israel_gulf": -1})


def test_show_choice_displays_a_table(capsys):
    models.show_choice(iran_partnership=5, israel_gulf=0, us_escalation=0, ukraine_priority=0)
    assert "The model chooses: intervene militarily" in capsys.readouterr().out


def test_slider_ranges_name_every_weight():
    assert set(models.slider_ranges()) == set(models.CONSIDERATIONS)


def test_grid_agrees_with_choose_on_a_fine_grid_including_ties():
    steps = np.round(np.arange(0, 3.001, 0.25), 2)
    grid = models.sensitivity_grid("iran_partnership", "ukraine_priority", steps, steps, fixed={"israel_gulf": 0.5})
    for y in steps:
        for x in steps:
            assert grid.loc[y, x] == models.choose({"iran_partnership": x, "ukraine_priority": y, "israel_gulf": 0.5})
    with pytest.raises(ValueError):
        models.sensitivity_grid("iran_partnership", "ukraine_priority", [-1, 0], [0, 1])


def test_the_widget_builds_one_slider_per_weight_and_recomputes(capsys):
    """What the notebook's widget cell does in JupyterLab: one slider per weight; moving one reruns the model."""
    import ipywidgets

    widget = ipywidgets.interactive(models.show_choice, **models.slider_ranges(step=0.25))
    sliders = {w.description: w for w in widget.children if isinstance(w, ipywidgets.FloatSlider)}
    assert set(sliders) == set(models.CONSIDERATIONS)
    for name, slider in sliders.items():
        assert (slider.min, slider.max) == models.WEIGHT_RANGE, name
    sliders["iran_partnership"].value = 5.0
    for other in ("israel_gulf", "us_escalation", "ukraine_priority"):
        sliders[other].value = 0.0
    capsys.readouterr()
    widget.update()
    assert "The model chooses: intervene militarily" in capsys.readouterr().out
