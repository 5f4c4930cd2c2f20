"""Country-code conversion: names and COW codes to ISO3 through country_converter, with clear errors."""

import pytest

from helpers import countries
from helpers.countries import UnknownCountryError


def test_names_as_the_releases_write_them():
    names = [
        "Russia",
        "Iran",
        "North Korea",
        "United States",
        "Israel",
        "China",
        "Syria",
        "Belarus",
        "Ukraine",
        "Turkiye",
        "United Arab Emirates",
        "Saudi Arabia",
    ]
    assert countries.names_to_iso3(names) == [
        "RUS",
        "IRN",
        "PRK",
        "USA",
        "ISR",
        "CHN",
        "SYR",
        "BLR",
        "UKR",
        "TUR",
        "ARE",
        "SAU",
    ]


def test_unknown_name_is_an_error_naming_it():
    with pytest.raises(UnknownCountryError, match="'Atlantis'"):
        countries.names_to_iso3(["Russia", "Atlantis"])


def test_sipri_non_state_actors_are_refused_not_mapped_to_a_state():
    with pytest.raises(UnknownCountryError, match="non-state"):
        countries.names_to_iso3(["Houthi rebels (Yemen)*"])


def test_every_verified_cow_code_matches_its_name():
    codes = list(countries.VERIFIED_COW)
    assert countries.cow_to_iso3(codes) == countries.names_to_iso3(countries.VERIFIED_COW.values())


def test_unverified_cow_code_is_refused():
    with pytest.raises(UnknownCountryError, match=r"\[255\]"):
        countries.cow_to_iso3([365, 255])


def test_actor_codes():
    assert countries.is_valid_actor("IRN") and countries.is_valid_actor("EU") and countries.is_valid_actor("HEZ")
    assert not countries.is_valid_actor("XYZ") and not countries.is_valid_actor("irn")


def test_empty_inputs():
    assert countries.names_to_iso3([]) == [] and countries.cow_to_iso3([]) == []


def test_one_name_per_state_everywhere():
    from helpers import alliances, arms, balancing, trade, votes

    assert countries.name("PRK") == "North Korea" and countries.name("ARE") == "UAE"
    assert countries.name("TUR") == "Türkiye" and countries.name("USA") == "United States"
    for names in (alliances.NAMES, arms.NAMES, balancing.PARTNER_NAMES, trade.NAMES, votes.NAMES):
        assert names["PRK"] == "North Korea" and names.get("ARE") == "UAE"
        assert names.get("XXX", "XXX") == "XXX"
    assert countries.name("UN") == "UN"
    with pytest.raises(countries.UnknownCountryError, match="'XXX'"):
        countries.name("XXX")


def test_the_conventions_say_what_each_non_state_code_means_as_the_code_does():
    """docs/DATA_CONVENTIONS.md glosses each code; a curator reads the meaning there, so the two
    must not drift apart (e.g. ``HOU`` documented as Hamas)."""
    import re

    from helpers.paths import REPO_ROOT

    text = (REPO_ROOT / "docs" / "DATA_CONVENTIONS.md").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "Non-state actors allowed in actor lists" in ln)
    glossed = dict(re.findall(r"`([A-Z0-9]+)` = ([^;]+?)(?=; `|\.$)", line.strip()))
    assert glossed == countries.NON_STATE_ACTORS


def test_each_verified_cow_code_converts_to_the_state_its_name_names_exactly():
    """The name beside a COW code is the reader's name of the state the code converts to.
    country_converter's regular expressions accept any text that contains a name ("XXBelarusXX"),
    so the name-based check alone would let a mislabelled entry through."""
    codes = list(countries.VERIFIED_COW)
    names = [countries.name(iso3) for iso3 in countries.cow_to_iso3(codes)]
    assert names == list(countries.VERIFIED_COW.values())


def test_the_converter_tables_are_built_once_per_process():
    # building country_converter's tables takes about a second; the loader checks every actor
    # cell of every table against them, so they must not be rebuilt per call
    assert countries._converter() is countries._converter()
    assert countries.iso3_codes() is countries.iso3_codes()


def test_short_names_for_crowded_charts_fall_back_to_the_readers_name():
    assert countries.short_name("USA") == "US" and countries.name("USA") == "United States"
    assert countries.short_name("HEZ") == "Hezbollah" and countries.short_name("HOU") == "Houthis"
    assert countries.short_name("PRK") == countries.name("PRK") == "North Korea"
    with pytest.raises(countries.UnknownCountryError):
        countries.short_name("XXX")
