"""Shahed-136/131 monthly extract: exact rows from a tiny hand-made release, provenance, determinism."""

import hashlib
import json
from pathlib import Path

import pytest

from helpers import data
from helpers.extract.common import ReleaseFormatError
from helpers.extract.ukraine import drone_launches_daily, drone_launches_monthly
from release_helpers import csv_rows, write_rows

RELEASE = Path(__file__).parent / "fixtures" / "releases" / "drone_launches_monthly" / "missile_attacks_daily.csv"
TABLE = "drone_launches_monthly"


def test_rows(tmp_path):
    drone_launches_monthly(RELEASE, out_dir=tmp_path)
    assert csv_rows(tmp_path / f"{TABLE}.csv") == [
        [
            "month",
            "days_with_reports",
            "launched",
            "destroyed",
            "not_reach_goal",
            "launched_other_posts",
            "launched_mixed_rows",
            "is_shahed",
            "launched_with_is_shahed",
            "partial_month",
        ],
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
    rows.append(
        [
            "2025-07-25 20:00",
            "2025-07-26 08:00",
            "Geran-3",
            "",
            "Ukraine",
            "",
            "5.0",
            "1.0",
            "",
            "",
            "",
            "kpszsu/posts/x",
        ]
    )
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


# ---- drone_launches_daily: the same counted rows per day, dated by end and by start ----

DAILY = "drone_launches_daily"


def test_daily_rows(tmp_path):
    drone_launches_daily(RELEASE, out_dir=tmp_path)
    assert csv_rows(tmp_path / f"{DAILY}.csv") == [
        ["day", "launched_by_end", "launched_by_start", "mixed_by_end", "mixed_by_start", "rows_by_end"],
        ["2025-06-29", "100", "100", "0", "0", "1"],
        # date-only row from a regional post; the Iskander-M row of the same day is not counted
        ["2025-06-30", "5", "5", "0", "0", "1"],
        # the mixed 'Shahed-136/131 and Lancet' row is kept apart
        ["2025-07-01", "0", "0", "20", "20", "0"],
        # overnight attacks: started on one day, ended on the next
        ["2025-07-14", "0", "50", "0", "0", "0"],
        ["2025-07-15", "50", "0", "0", "0", "1"],
        ["2025-07-20", "0", "60", "0", "0", "0"],
        ["2025-07-21", "60", "0", "0", "0", "1"],
        # the 'Unknown UAV' row of 1–2 August is not counted, so no day appears for it
    ]


def test_daily_new_year_night_changes_the_year(tmp_path):
    rows = csv_rows(RELEASE)
    rows.append(
        [
            "2024-12-31 20:30",
            "2025-01-01 09:30",
            "Shahed-136/131",
            "",
            "Ukraine",
            "",
            "111.0",
            "90.0",
            "",
            "",
            "",
            "kpszsu/posts/ny",
        ]
    )
    release = write_rows(rows, tmp_path / RELEASE.name)
    drone_launches_daily(release, out_dir=tmp_path / "out")
    daily = {r[0]: r for r in csv_rows(tmp_path / "out" / f"{DAILY}.csv")[1:]}
    assert daily["2024-12-31"][1:3] == ["0", "111"]
    assert daily["2025-01-01"][1:3] == ["111", "0"]


def test_daily_bad_start_time_names_line_and_column(tmp_path):
    rows = csv_rows(RELEASE)
    row = next(r for r in rows if r[2] == "Shahed-136/131")
    row[0] = "yesterday"
    bad = write_rows(rows, tmp_path / RELEASE.name)
    with pytest.raises(ReleaseFormatError, match=r"line 3, column 'time_start': not a date: 'yesterday'"):
        drone_launches_daily(bad, out_dir=tmp_path / "out")


def test_daily_provenance_and_determinism(tmp_path):
    drone_launches_daily(RELEASE, out_dir=tmp_path / "a")
    drone_launches_daily(RELEASE, out_dir=tmp_path / "b")
    for rel in (f"{DAILY}.csv", f"provenance/{DAILY}.json"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    prov = json.loads((tmp_path / "a" / "provenance" / f"{DAILY}.json").read_text(encoding="utf-8"))
    assert prov["command"] == "python -m helpers.extract drone_launches_daily missile_attacks_daily.csv"
    assert prov["rows"] == 7


def test_committed_daily_table_adds_up_to_the_monthly_table():
    daily, monthly = data.load(DAILY), data.load(TABLE)
    by_month = daily.groupby(daily["day"].astype(str).str.slice(0, 7))["launched_by_end"].sum()
    assert by_month.reindex(monthly["month"], fill_value=0).tolist() == monthly["launched"].tolist()
    assert by_month.reindex(monthly["month"], fill_value=0).index.tolist() == monthly["month"].tolist()
    # the days counted per month are the monthly table's reporting days
    days = daily[daily["rows_by_end"] > 0].groupby(daily["day"].astype(str).str.slice(0, 7)).size()
    assert days.reindex(monthly["month"], fill_value=0).tolist() == monthly["days_with_reports"].tolist()
