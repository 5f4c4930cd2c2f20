"""The Monte Carlo choice model: input checks, draws, ties, calibration and the frozen record."""

import pandas as pd
import pytest

from helpers import choice_mc as cm
from helpers import data, sources


def table(rows):
    cols = ["consideration_id", "label", "option", "score_low", "score_high", "weight_low", "weight_high"]
    return pd.DataFrame(rows, columns=cols)


def one(cid, scores, weight=(1.0, 1.0)):
    return [(cid, cid, o, lo, hi, *weight) for o, (lo, hi) in zip(cm.OPTIONS, scores)]


FAVOURS_WORDS = one("a", [(1, 2), (-2, -1), (-2, -1)])
FAVOURS_ARMS = one("b", [(-2, -1), (1, 2), (-2, -1)])


def test_a_consideration_that_favours_one_option_wins_every_draw():
    inp = cm.inputs_from_table(table(FAVOURS_WORDS + FAVOURS_ARMS))
    assert cm.simulate(inp, ["a"], n=500).tolist() == [1.0, 0.0, 0.0]
    assert cm.simulate(inp, ["b"], n=500).tolist() == [0.0, 1.0, 0.0]


def test_a_tie_goes_to_the_more_cautious_option():
    inp = cm.inputs_from_table(table(one("z", [(0, 0), (0, 0), (0, 0)])))
    assert cm.simulate(inp, ["z"], n=100)["words only"] == 1.0


def test_draws_are_seeded_and_shares_sum_to_one():
    inp = cm.inputs_from_table(table(one("a", [(-1, 1), (-1, 1), (-1, 1)])))
    s1, s2 = cm.simulate(inp, ["a"], n=999, seed=4), cm.simulate(inp, ["a"], n=999, seed=4)
    assert s1.equals(s2) and abs(s1.sum() - 1) < 1e-3
    assert 0.2 < s1["arm or aid"] < 0.45  # three symmetric options share the draws


def test_an_absent_consideration_does_not_reshuffle_the_others():
    base = one("a", [(-1, 1), (-1, 1), (-1, 1)])
    inp1 = cm.inputs_from_table(table(base + one("b", [(0, 1), (0, 1), (0, 1)])))
    inp2 = cm.inputs_from_table(table(base + one("b", [(-5, 5), (-3, 0), (2, 9)], weight=(0.0, 4.0))))
    assert cm.simulate(inp1, ["a"], n=300, seed=2).equals(cm.simulate(inp2, ["a"], n=300, seed=2))


def test_overrides_replace_a_weight_range():
    inp = cm.inputs_from_table(table(FAVOURS_WORDS + FAVOURS_ARMS))
    assert cm.simulate(inp, ["a", "b"], n=300, overrides={"a": (0, 0)})["arm or aid"] == 1.0
    with pytest.raises(ValueError, match="weight range"):
        cm.simulate(inp, ["a"], overrides={"a": (2, 1)})
    with pytest.raises(ValueError, match="unknown consideration"):
        cm.simulate(inp, ["nope"])


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda t: t.assign(option=t["option"].replace("arm or aid", "arm")), "row 2, column option"),
        (lambda t: t.assign(score_low=[3, -2, -2]), "row 1, column score_low"),
        (
            lambda t: t.assign(weight_low=[-1, -1, -1], weight_high=[1, 1, 1]),
            "column weight_low: weights cannot be negative",
        ),
        (lambda t: t.assign(weight_high=[1, 2, 1]), "row 2, column weight_low"),
        (lambda t: t.iloc[:2], "has no row for"),
    ],
)
def test_bad_inputs_are_named(change, message):
    with pytest.raises(ValueError, match=message):
        cm.inputs_from_table(change(table(FAVOURS_WORDS)))


def test_record_differences_name_what_changed():
    a = pd.DataFrame({"episode_id": ["T"], "option": ["words only"], "share": [0.8]})
    assert cm.record_differences(a, a) == []
    assert cm.record_differences(a, a.assign(share=[0.7])) == ["T / words only: stored share 0.8, recomputed 0.7"]


def load():
    return cm.inputs_from_table(data.load("choice_considerations")), data.load("choice_episodes")


def test_every_episode_names_known_considerations_and_an_option():
    inp, e = load()
    for rec in e.to_dict("records"):
        assert set(rec["considerations"].split(";")) <= set(inp.names), rec["episode_id"]
        assert rec["observed_option"] in cm.OPTIONS
    assert set(e["role"]) == {"calibration", "test"}
    assert (e.loc[e["role"] == "calibration", "date"].astype(str) < "2025").all()


def test_the_stored_record_of_the_call_on_the_wars_still_holds():
    """Fails if inputs or code change the model's call on June 2025 / March 2026: a change must
    update data/choice_record.csv (and the notebook's prose) in the same commit, visibly."""
    inp, e = load()
    stored = data.load("choice_record")
    n, seed = int(stored["draws"].iloc[0]), int(stored["seed"].iloc[0])
    recomputed = cm.record(cm.episode_shares(inp, e, n=n, seed=seed), n, seed)
    assert cm.record_differences(stored, recomputed) == []


def test_the_defence_clause_has_no_weight_unless_asked():
    inp, _ = load()
    assert inp.weights["defence_obligation"] == (0.0, 0.0)
    assert cm.NAMED_WEIGHTINGS["as if the treaty had a defence clause"]["defence_obligation"][0] > 0


def test_reading_tables_show_ranges_and_labels():
    t = cm.inputs_table(table(FAVOURS_WORDS).assign(event_ids="E001;E002", source_ids="tass-2025-04-08-rudenko"))
    assert (
        t.loc[0, "weight"] == "1" and t.loc[0, "score: words only"] == "+1 to +2" and t.loc[0, "events"] == "E001, E002"
    )
    assert t.loc[0, "confidence"] == "high"  # a wire of record
    real = data.load("choice_considerations")
    marks = cm.inputs_table(real).set_index("consideration")["confidence"]
    every_row_low = sources.low_confidence(real).groupby(real["label"]).all()
    assert set(marks[marks == "low"].index) == set(every_row_low[every_row_low].index)
    inp, e = load()
    et = cm.episodes_table(e, inp)
    assert len(et) == len(e) and "ties with Israel" in et.loc[0, "considerations"]


# --- sliders ---


def inputs():
    return cm.inputs_from_table(data.load("choice_considerations"))


def test_point_table_uses_midpoint_scores_and_chooses_the_best():
    inp = inputs()
    t = cm.point_table(inp, ["israel_ties"], {"israel_ties": 2.0})
    # midpoints: words +0.5, arm -1.0, intervene -1.5; weight 2
    assert t["utility"].tolist() == [1.0, -2.0, -3.0]
    assert t.loc[t["chosen"] != "", "option"].tolist() == ["words only"]


def test_point_table_weight_zero_ties_go_to_words():
    t = cm.point_table(inputs(), ["partner_value"], {"partner_value": 0.0})
    assert t.loc[t["chosen"] != "", "option"].tolist() == ["words only"]


def test_point_table_refuses_negative_weights():
    with pytest.raises(ValueError, match="finite number"):
        cm.point_table(inputs(), ["partner_value"], {"partner_value": -1})


def test_slider_widgets_are_labelled_in_words_and_start_inside_each_weight_range():
    inp, eps = inputs(), data.load("choice_episodes")
    controls = cm.slider_widgets(inp, eps)
    assert list(controls) == ["episode", *inp.names]
    menu = controls["episode"]
    assert [label for label, _ in menu.options] == list(eps["label"])  # words shown, ids passed on
    assert [value for _, value in menu.options] == list(eps["episode_id"])
    for name in inp.names:
        slider, (low, high) = controls[name], inp.weights[name]
        assert slider.description == f"Weight: {inp.labels[name]}" and name not in slider.description
        assert low - 0.125 <= slider.value <= high + 0.125 and (slider.min, slider.max, slider.step) == (0.0, 3.0, 0.25)


def test_the_notebook_widget_has_an_episode_menu_and_one_slider_per_weight():
    import ipywidgets

    inp, eps = inputs(), data.load("choice_episodes")
    w = ipywidgets.interactive(cm.slider_view(inp, eps), **cm.slider_widgets(inp, eps))
    assert sum(isinstance(c, ipywidgets.FloatSlider) for c in w.children) == len(inp.names)
    assert sum(isinstance(c, ipywidgets.Dropdown) for c in w.children) == 1
    assert w.kwargs["episode"] == eps["episode_id"].iloc[0]  # the view gets the id, not the label
    w.update()  # reruns the view with the current values without error


def _simulate_drawing_every_time(inputs, present, n, seed, overrides=None):
    """The model drawn afresh on every call, weight then scores for each consideration in order
    (the reference that the draws made once per inputs, n and seed must reproduce exactly)."""
    import numpy as np

    overrides = dict(overrides or {})
    rng = np.random.default_rng(seed)
    utility = np.zeros((n, len(cm.OPTIONS)))
    for c in inputs.names:
        lo, hi = overrides.get(c, inputs.weights[c])
        w = rng.uniform(lo, hi, size=(n, 1))
        s = rng.uniform(inputs.scores[c][:, 0], inputs.scores[c][:, 1], size=(n, len(cm.OPTIONS)))
        if c in present:
            utility += w * s
    counts = np.bincount(np.argmax(np.round(utility, 9), axis=1), minlength=len(cm.OPTIONS))
    return pd.Series(np.round(counts / n, 4), index=list(cm.OPTIONS), name="share of draws")


def test_draws_made_once_give_what_fresh_draws_give_under_any_weighting():
    rows = (
        one("a", [(-1, 1), (-2, 2), (-3, 1)], weight=(0.5, 2.0))
        + one("b", [(0, 1), (-1, 3), (-2, 2)], weight=(0.0, 1.0))
        + one("c", [(-2, 0), (0, 2), (-1, 1)], weight=(1.0, 3.0))
    )
    inp = cm.inputs_from_table(table(rows))
    cases = [
        (["a", "b", "c"], None),
        (["a", "c"], {"c": (2.0, 2.5)}),  # a weight drawn from a range the first call did not use
        (["b", "c"], {"a": (0.0, 0.0), "b": (3.0, 3.0)}),
        (["a", "b", "c"], None),  # the first case again, after the others
    ]
    for seed in (0, 7):
        for present, overrides in cases:
            got = cm.simulate(inp, present, n=1500, seed=seed, overrides=overrides)
            want = _simulate_drawing_every_time(inp, present, 1500, seed, overrides)
            assert got.equals(want), (seed, present, overrides)
    # different inputs with the same consideration ids are never served another input's draws
    other = cm.inputs_from_table(table(one("a", [(5, 6), (0, 1), (0, 1)]) + rows[3:]))
    assert cm.simulate(other, ["a"], n=1500, seed=0).tolist() == [1.0, 0.0, 0.0]


# "w" favours words only by 1 point per unit of weight (weight 0–2); "r" gives arm or aid a fixed
# 1.5 (weight 1). Words only wins exactly when w's weight exceeds 1.5 (a tie goes to words only):
# with w's weight uniform on [0, 2], in a quarter of the draws.
WEIGHT_AGAINST_FIXED = one("w", [(1, 1), (0, 0), (0, 0)], weight=(0.0, 2.0)) + one("r", [(0, 0), (1.5, 1.5), (0, 0)])


def test_one_at_a_time_pins_each_weight_at_its_low_and_high_end():
    inp = cm.inputs_from_table(table(WEIGHT_AGAINST_FIXED))
    out = cm.one_at_a_time(inp, ["w", "r"], n=4000, seed=1).set_index("consideration")
    # w pinned at 0: words 0 < arm 1.5 in every draw; pinned at 2: words 2 > 1.5 in every draw.
    assert out.loc["w"].tolist() == [0.0, 2.0, 0.0, 1.0]
    # r's range is (1, 1): both ends give the stated model, words only in about a quarter of draws.
    assert out.loc["r", ["weight low", "weight high"]].tolist() == [1.0, 1.0]
    assert out.loc["r", "words only at low"] == out.loc["r", "words only at high"] == pytest.approx(0.25, abs=0.03)


def test_named_weightings_one_block_of_episode_rows_per_weighting():
    inp = cm.inputs_from_table(table(WEIGHT_AGAINST_FIXED))
    episodes = pd.DataFrame(
        {
            "episode_id": ["X1"],
            "label": ["an episode"],
            "role": ["calibration"],
            "considerations": ["w;r"],
            "observed_option": ["arm or aid"],
            "contested_option": [None],
        }
    )
    weightings = {
        "stated ranges": {},
        "w heavy": {"w": (2.0, 2.0)},
        "w level": {"w": (1.5, 1.5)},
        "w off": {"w": (0.0, 0.0)},
    }
    out = cm.named_weightings(inp, episodes, n=4000, seed=2, weightings=weightings)
    assert out["weighting"].tolist() == ["stated ranges", "w heavy", "w level", "w off"]
    assert out["episode_id"].tolist() == ["X1"] * 4
    # By hand: stated, words only in ~1/4 of draws, so arm or aid is the call and matches; weight 2
    # gives words only every draw; 1.5 ties words (1.5) with arms (1.5): the tie goes to words only;
    # weight 0 gives arm or aid every draw.
    assert out.loc[0, "words only"] == pytest.approx(0.25, abs=0.03)
    assert out["words only"].tolist()[1:] == [1.0, 1.0, 0.0]
    assert out["model's call"].tolist() == ["arm or aid", "words only", "words only", "arm or aid"]
    assert out["match"].tolist() == [True, False, False, True]


def test_flipped_names_the_weightings_whose_call_differs_from_the_baseline():
    named = pd.DataFrame(
        {
            "weighting": ["stated ranges", "a", "b", "stated ranges", "a", "b"],
            "episode_id": ["T1", "T1", "T1", "T2", "T2", "T2"],
            "model's call": ["words only", "arm or aid", "words only", "arm or aid", "arm or aid", "words only"],
        }
    )
    assert cm.flipped(named, "T1") == {"a": "arm or aid"}
    assert cm.flipped(named, "T2") == {"b": "words only"}
    with pytest.raises(KeyError, match="T3"):
        cm.flipped(named, "T3")


def shares_row(role, probs, observed, considerations="a;b"):
    row = dict(zip(cm.OPTIONS, probs))
    return {"role": role, "considerations": considerations, "observed": observed, **row}


def test_scorecard_sets_the_model_beside_naive_forecasts():
    t = pd.DataFrame(
        [
            shares_row("calibration", (0.6, 0.4, 0.0), "words only"),
            shares_row("calibration", (0.2, 0.8, 0.0), "arm or aid", "a;c"),
            shares_row("calibration", (0.4, 0.6, 0.0), "words only"),  # same inputs as the first: counted once
            shares_row("test", (0.9, 0.1, 0.0), "words only"),
        ]
    )
    s = cm.scorecard(t).set_index(["episodes", "forecast"])
    model, words = s.loc[("calibration", "the model")], s.loc[("calibration", "always 'words only'")]
    assert (model["n"], model["distinct inputs"], model["matches"], model["matches, distinct inputs"]) == (3, 2, 2, 2)
    assert model["Brier score"] == 0.373  # (0.32 + 0.08 + 0.72) / 3
    assert (words["matches"], words["matches, distinct inputs"], words["Brier score"]) == (
        2,
        1,
        0.667,
    )  # (0 + 2 + 0) / 3
    uniform = s.loc[("calibration", "uniform (a third each)")]
    assert uniform["matches"] == "—" and uniform["Brier score"] == 0.667  # (2/3)² + 2 × (1/3)²
    assert s.loc[("calibration", "calibration base rate (2:1)"), "Brier score"] == 0.444  # (2/9 + 8/9 + 2/9) / 3
    assert s.loc[("in-sample check", "calibration base rate (2:1)"), "Brier score"] == 0.222  # the calibration rate
    assert s.loc[("in-sample check", "the model"), "Brier score"] == 0.02
    assert s.loc[("in-sample check", "always 'words only'"), "Brier score"] == 0.0
    with pytest.raises(ValueError, match="base rate"):
        cm.scorecard(t[t["role"] == "test"])


def test_the_wars_are_labelled_an_in_sample_check_everywhere_the_role_is_shown():
    inp, e = load()
    assert set(cm.episodes_table(e, inp)["role"]) == {"calibration", "in-sample check"}
    card = cm.scorecard(cm.episode_shares(inp, e, n=200))
    assert set(card["episodes"]) == {"calibration", "in-sample check"}
