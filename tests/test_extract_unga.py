"""UNGA extracts: exact rows from tiny hand-made releases, provenance, determinism, bad layouts."""

import csv
from pathlib import Path

import pytest

from helpers import data
from helpers.extract.common import ReleaseFormatError
from helpers.extract.unga import unga_agreement_history, unga_ideal_points, unga_votes_2025
from release_helpers import csv_rows, drop_column, provenance, sha

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
IDEAL = FIXTURES / "unga_ideal_points" / "IdealpointestimatesAll_Jul2023.csv"
VOTES_2025 = FIXTURES / "unga_votes_2025" / "un_votes_2025_processed.csv"
VOTES = FIXTURES / "unga_agreement_history" / "un_votes.csv"
ROLL_CALLS = FIXTURES / "unga_agreement_history" / "un_roll_calls.csv"


# --------------------------------------------------------------------------- ideal points


def test_ideal_points_rows(tmp_path):
    unga_ideal_points(IDEAL, out_dir=tmp_path)
    assert csv_rows(tmp_path / "unga_ideal_points.csv") == [
        ["iso3", "session", "year", "n_votes", "ideal_point", "q00", "q05", "q10", "q50", "q90", "q95", "q100"],
        [
            "IRN",
            "77",
            "2022",
            "82",
            "-1.960967",
            "-2.494313",
            "-2.249916",
            "-2.186326",
            "-1.96666",
            "-1.727262",
            "-1.665498",
            "-1.276535",
        ],
        [
            "RUS",
            "77",
            "2022",
            "86",
            "-0.3465774",
            "-0.643232",
            "-0.517452",
            "-0.483987",
            "-0.346014",
            "-0.215725",
            "-0.175576",
            "-0.042902",
        ],
        [
            "USA",
            "1",
            "1946",
            "42",
            "1.729717",
            "1.030978",
            "1.408308",
            "1.485929",
            "1.719886",
            "1.985708",
            "2.071162",
            "2.590909",
        ],
    ]  # the United Kingdom is filtered out


def test_ideal_points_provenance(tmp_path):
    unga_ideal_points(IDEAL, out_dir=tmp_path)
    prov = provenance(tmp_path, "unga_ideal_points")
    assert prov["inputs"] == [{"file": IDEAL.name, "sha256": sha(IDEAL)}]
    assert prov["rows"] == 3
    assert prov["command"] == "python -m helpers.extract unga_ideal_points IdealpointestimatesAll_Jul2023.csv"


def test_ideal_points_missing_column(tmp_path):
    bad = drop_column(IDEAL, "IdealPointAll", tmp_path / IDEAL.name)
    with pytest.raises(ReleaseFormatError, match=r"IdealpointestimatesAll_Jul2023\.csv.*IdealPointAll"):
        unga_ideal_points(bad, out_dir=tmp_path / "out")


def test_ideal_points_code_and_name_must_agree(tmp_path):
    bad = tmp_path / IDEAL.name
    bad.write_text(IDEAL.read_text().replace('"IRN","Iran"', '"IRN","Iraq"'))
    with pytest.raises(ReleaseFormatError, match="'IRN' for 'Iraq'"):
        unga_ideal_points(bad, out_dir=tmp_path / "out")


# --------------------------------------------------------------------------- 2025 votes

ES_11_7 = {
    "ARE": "abstain",
    "BLR": "no",
    "CHN": "abstain",
    "IND": "abstain",
    "IRN": "abstain",
    "ISR": "no",
    "PRK": "no",
    "RUS": "no",
    "SAU": "yes",
    "SYR": "absent",
    "TUR": "yes",
    "UKR": "yes",
    "USA": "no",
}
RES_80_222 = {
    "ARE": "abstain",
    "BLR": "no",
    "CHN": "no",
    "IND": "abstain",
    "IRN": "no",
    "ISR": "yes",
    "PRK": "no",
    "RUS": "no",
    "SAU": "abstain",
    "SYR": "abstain",
    "TUR": "abstain",
    "UKR": "yes",
    "USA": "yes",
}


def test_votes_2025_rows(tmp_path):
    unga_votes_2025(VOTES_2025, out_dir=tmp_path)
    rows = csv_rows(tmp_path / "unga_votes_2025.csv")
    assert rows[0] == ["record_id", "resolution", "date", "title", "iso3", "vote"]
    expected = [
        [
            "4076672",
            "A/RES/ES-11/7",
            "2025-02-24",
            "Advancing a comprehensive, just and lasting peace in Ukraine",
            iso3,
            vote,
        ]
        for iso3, vote in sorted(ES_11_7.items())
    ] + [
        [
            "4090001",
            "A/RES/80/222",
            "2025-12-18",
            "Situation of human rights in the Islamic Republic of Iran",
            iso3,
            vote,
        ]
        for iso3, vote in sorted(RES_80_222.items())
    ]
    assert rows[1:] == expected  # the Security Council row and the GBR column are not kept


def test_votes_2025_provenance(tmp_path):
    unga_votes_2025(VOTES_2025, out_dir=tmp_path)
    prov = provenance(tmp_path, "unga_votes_2025")
    assert prov["inputs"] == [{"file": VOTES_2025.name, "sha256": sha(VOTES_2025)}]
    assert prov["rows"] == 26


def test_votes_2025_missing_state_column(tmp_path):
    bad = drop_column(VOTES_2025, "IRN", tmp_path / VOTES_2025.name)
    with pytest.raises(ReleaseFormatError, match=r"un_votes_2025_processed\.csv.*'IRN'"):
        unga_votes_2025(bad, out_dir=tmp_path / "out")


def test_votes_2025_unknown_vote(tmp_path):
    rows = csv_rows(VOTES_2025)
    rows[1][rows[0].index("RUS")] = "MAYBE"
    bad = tmp_path / VOTES_2025.name
    with open(bad, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(ReleaseFormatError, match=r"line 2, column 'RUS': unknown vote 'MAYBE'"):
        unga_votes_2025(bad, out_dir=tmp_path / "out")


# --------------------------------------------------------------------------- agreement history


def test_agreement_history_rows(tmp_path):
    unga_agreement_history(VOTES, ROLL_CALLS, out_dir=tmp_path)
    assert csv_rows(tmp_path / "unga_agreement_history.csv") == [
        ["state_iso3", "partner_iso3", "session", "year", "n_both_voted", "n_identical", "agreement"],
        ["RUS", "IRN", "46", "1991", "2", "2", "1.0"],
        ["RUS", "ISR", "46", "1991", "2", "1", "0.5"],
        ["RUS", "ISR", "47", "1992", "1", "1", "1.0"],
    ]  # the UK is filtered out; roll call 4 (Russia absent) counts for nobody


def test_agreement_history_provenance(tmp_path):
    unga_agreement_history(VOTES, ROLL_CALLS, out_dir=tmp_path)
    prov = provenance(tmp_path, "unga_agreement_history")
    assert prov["inputs"] == [
        {"file": VOTES.name, "sha256": sha(VOTES)},
        {"file": ROLL_CALLS.name, "sha256": sha(ROLL_CALLS)},
    ]
    assert prov["rows"] == 3
    assert prov["command"] == "python -m helpers.extract unga_agreement_history un_votes.csv un_roll_calls.csv"


def test_agreement_history_missing_column(tmp_path):
    bad = drop_column(ROLL_CALLS, "session", tmp_path / ROLL_CALLS.name)
    with pytest.raises(ReleaseFormatError, match=r"un_roll_calls\.csv.*'session'"):
        unga_agreement_history(VOTES, bad, out_dir=tmp_path / "out")


# --------------------------------------------------------------------------- every extractor


@pytest.mark.parametrize(
    "func,releases,table",
    [
        (unga_ideal_points, [IDEAL], "unga_ideal_points"),
        (unga_votes_2025, [VOTES_2025], "unga_votes_2025"),
        (unga_agreement_history, [VOTES, ROLL_CALLS], "unga_agreement_history"),
    ],
)
def test_deterministic(tmp_path, func, releases, table):
    func(*releases, out_dir=tmp_path / "a")
    func(*releases, out_dir=tmp_path / "b")
    for rel in (f"{table}.csv", f"provenance/{table}.json"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_committed_tables_load():
    ideal = data.load("unga_ideal_points")
    assert set(ideal["iso3"]) == {"RUS", "IRN", "CHN", "ISR", "USA", "PRK", "SYR", "BLR", "IND", "TUR", "SAU"}
    votes = data.load("unga_votes_2025")
    assert votes["record_id"].nunique() == 192
    assert len(votes) == 192 * 13
    history = data.load("unga_agreement_history")
    assert history["session"].max() == 74
