"""Shahed-136/131 monthly extract: exact rows from a tiny hand-made release, provenance, determinism."""

import hashlib
import json
from pathlib import Path

import pytest

from helpers import data
from helpers.extract.common import ReleaseFormatError
from helpers.extract.ukraine import drone_launches_monthly
from release_helpers import csv_rows, write_rows

RELEASE = Path(__file__).parent / "fixtures" / "releases" / "drone_launches_monthly" / "missile_attacks_daily.csv"
TABLE = "drone_launches_monthly"




def test_rows(tmp_path):
    drone_launches_monthly(RELEASE, out_dir=tmp_path)
    assert csv_rows(tmp_path / f"{TABLE}.csv") == [
        ["month", "days_with_reports", "launched", "destroyed", "not_reach_goal", "launched_other_posts",
         "launched_mixed_rows", "is_shahed", "launched_with_is_shahed", "partial_month"],
        # 29 and 30 June: national post + a regional (PvkZahid) post; the Iskander-M row is not counted;
        # coverage starts on 29 June, so the month is partial
        ["2025-06", "2", "105", "85", "10", "5", "0", "", "", "true"],
        # the 'Shahed-136/131 and Lancet' row stays out of launched; is_shahed only from the 15 July row
        ["2025-07", "2", "110", "90", "0", "0", "20", "30", "50", "false"],
        # only an 'Unknown UAV' row (not counted); coverage ends on 2 August
        ["2025-08", "0", "0", "0", "", "0", "0", "", "0", "true"],
    ]


def test_provenance(tmp_path):
    drone_launches_monthly(RELEASE, out_dir=tmp_path)
    prov = json.loads((tmp_path / "provenance" / f"{TABLE}.json").read_text(encoding="utf-8"))
    assert prov["inputs"] == [{"file": RELEASE.name, "sha256": hashlib.sha256(RELEASE.read_bytes()).hexdigest()}]
    assert prov["rows"] == 3
    assert prov["command"] == "python -m helpers.extract drone_launches_monthly missile_attacks_daily.csv"
    assert "Shahed-136/131 and Lancet" in prov["notes"]
    assert "Ukrainian official claims" in prov["notes"]


def test_deterministic(tmp_path):
    drone_launches_monthly(RELEASE, out_dir=tmp_path / "a")
    drone_launches_monthly(RELEASE, out_dir=tmp_path / "b")
    for rel in (f"{TABLE}.csv", f"provenance/{TABLE}.json"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_missing_column(tmp_path):
    rows = csv_rows(RELEASE)
    i = rows[0].index("launched")
    bad = write_rows([r[:i] + r[i + 1 :] for r in rows], tmp_path / RELEASE.name)
    with pytest.raises(ReleaseFormatError, match=r"missile_attacks_daily\.csv.*'launched'"):
        drone_launches_monthly(bad, out_dir=tmp_path / "out")


def test_unhandled_shahed_like_model_stops_the_extract(tmp_path):
    rows = csv_rows(RELEASE)
    rows.append(["2025-07-25 20:00", "2025-07-26 08:00", "Geran-3", "", "Ukraine", "", "5.0", "1.0", "", "", "", "kpszsu/posts/x"])
    bad = write_rows(rows, tmp_path / RELEASE.name)
    with pytest.raises(ReleaseFormatError, match=r"column 'model': 'Geran-3'"):
        drone_launches_monthly(bad, out_dir=tmp_path / "out")


def test_missing_launched_count_is_an_error(tmp_path):
    rows = csv_rows(RELEASE)
    row = next(r for r in rows if r[2] == "Shahed-136/131")
    row[rows[0].index("launched")] = ""
    bad = write_rows(rows, tmp_path / RELEASE.name)
    with pytest.raises(ReleaseFormatError, match=r"line 3, column 'launched'"):
        drone_launches_monthly(bad, out_dir=tmp_path / "out")


def test_committed_table_loads():
    frame = data.load(TABLE)
    assert frame["month"].iloc[0] == "2022-09" and frame["month"].iloc[-1] == "2026-04"
    assert frame["partial_month"].tolist() == [True] + [False] * (len(frame) - 2) + [True]
    assert frame.loc[frame["month"] < "2025-07", "is_shahed"].isna().all()
    assert (frame["launched"] >= frame["destroyed"]).all()
