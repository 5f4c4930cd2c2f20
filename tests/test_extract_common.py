"""What every extractor shares refuses bad releases and bad extracts clearly: a release cut off
mid-row, a damaged workbook, a copy that differs from the one recorded for the same release
version, an extract that fails the catalogue or loses rows, and a read-only output folder."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.extract import common
from helpers.extract.atop import atop_dyad_years
from helpers.extract.common import ExtractRefusedError, ExtractWriteError, ReleaseFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
DYAD = FIXTURES / "atop_dyad_years" / "atop5_1_ddyr_peacesciencer.csv"


def test_a_release_cut_off_mid_row_is_refused(tmp_path):
    raw = DYAD.read_bytes()
    cut = tmp_path / DYAD.name
    cut.write_bytes(raw[: raw.rindex(b",", 0, len(raw) - 2)])  # stops inside the last row
    with pytest.raises(ReleaseFormatError, match="ends in the middle of a row.*truncated"):
        common.read_release_csv(cut)


def test_a_damaged_workbook_is_refused(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["a", 1])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    with pytest.raises(ReleaseFormatError, match="cut.xlsx: cannot be read as an Excel workbook.*truncated"):
        common.read_release_excel(cut, sheet_name=None)


def test_a_release_cut_at_a_line_differs_from_the_recorded_copy(tmp_path):
    out = tmp_path / "out"
    atop_dyad_years(DYAD, out_dir=out)
    written = (out / "atop_dyad_years.csv").read_bytes()
    lines = DYAD.read_bytes().splitlines(keepends=True)
    half = tmp_path / "half" / DYAD.name
    half.parent.mkdir()
    half.write_bytes(b"".join(lines[: len(lines) // 2]))
    with pytest.raises(ExtractRefusedError, match="differs from the copy recorded.*truncated or altered"):
        atop_dyad_years(half, out_dir=out)
    assert (out / "atop_dyad_years.csv").read_bytes() == written, "nothing replaced"


def test_an_extract_that_fails_the_catalogue_is_not_written(tmp_path):
    frame = pd.DataFrame({"year": [2050], "state_iso3": ["RUS"]})
    with pytest.raises(ExtractRefusedError, match="fails the catalogue's checks"):
        common.write_extract(frame, "atop_dyad_years", [DYAD], {"title": "t"}, "cmd", out_dir=tmp_path)
    assert not (tmp_path / "atop_dyad_years.csv").exists()


def test_an_extract_with_fewer_rows_is_refused_unless_allowed(tmp_path, monkeypatch):
    out = tmp_path / "out"
    atop_dyad_years(DYAD, out_dir=out)
    frame = pd.read_csv(out / "atop_dyad_years.csv", dtype=str, keep_default_na=False)
    release = {"title": "another version"}
    with pytest.raises(ExtractRefusedError, match="fewer than"):
        common.write_extract(frame.iloc[:-1], "atop_dyad_years", [DYAD], release, "cmd", out_dir=out)
    monkeypatch.setenv("HELPERS_EXTRACT_ALLOW_FEWER_ROWS", "1")
    common.write_extract(frame.iloc[:-1], "atop_dyad_years", [DYAD], release, "cmd", out_dir=out)


def test_a_read_only_output_folder_gets_a_message(tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(Path(common.data_dir()), out, ignore=shutil.ignore_patterns("provenance", "staging"))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(common.tempfile, "NamedTemporaryFile", refuse)
    frame = pd.read_csv(out / "atop_dyad_years.csv", dtype=str, keep_default_na=False)
    with pytest.raises(ExtractWriteError, match="read-only.*--out-dir"):
        common.write_extract(frame, "atop_dyad_years", [DYAD], {"title": "t"}, "cmd", out_dir=out)


def test_the_command_line_prints_the_refusal_without_a_traceback(tmp_path, capsys):
    from helpers.extract.__main__ import main

    cut = tmp_path / DYAD.name
    raw = DYAD.read_bytes()
    cut.write_bytes(raw[: raw.rindex(b",", 0, len(raw) - 2)])
    assert main(["atop_dyad_years", str(cut), "--out-dir", str(tmp_path / "out")]) == 1
    assert "error:" in capsys.readouterr().err
