"""Country codes: every country column in the project holds ISO3 codes.

Conversion uses the well-kept ``country_converter`` package (its own tables and regular
expressions), never a hand-made mapping. A name or code it cannot convert is an error, not a
silent gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

import country_converter as coco

#: Non-state and multilateral actors allowed in actor lists besides ISO3 codes.
NON_STATE_ACTORS: dict[str, str] = {
    "EU": "European Union",
    "UN": "United Nations",
    "IAEA": "International Atomic Energy Agency",
    "NATO": "North Atlantic Treaty Organization",
    "CSTO": "Collective Security Treaty Organization",
    "SCO": "Shanghai Cooperation Organisation",
    "BRICS": "BRICS",
    "EAEU": "Eurasian Economic Union",
    "E3": "France, Germany and the United Kingdom (E3)",
    "HEZ": "Hezbollah",
    "HTS": "Hayat Tahrir al-Sham",
    "HOU": "Houthis (Ansar Allah)",
    "HAM": "Hamas",
}

_NOT_FOUND = "__not_found__"

#: The one override table for readers' names: where country_converter's short name is not the
#: label the collection uses. Every other state is named by country_converter.
NAME_OVERRIDES: dict[str, str] = {
    "ARE": "UAE",
}


class UnknownCountryError(ValueError):
    """A name or code that country_converter cannot turn into ISO3."""


@lru_cache(maxsize=1)
def _converter() -> coco.CountryConverter:
    return coco.CountryConverter()


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """All ISO3 codes country_converter knows (current and obsolete states)."""
    return frozenset(str(c) for c in _converter().data["ISO3"].dropna())


def is_valid_actor(code: str) -> bool:
    """True for an ISO3 code or one of :data:`NON_STATE_ACTORS`."""
    return code in iso3_codes() or code in NON_STATE_ACTORS


def _convert(values: list, src: str) -> list[str]:
    out = _converter().convert(values, src=src, to="ISO3", not_found=_NOT_FOUND)
    if isinstance(out, str):
        out = [out]
    bad = sorted({str(v) for v, o in zip(values, out) if o == _NOT_FOUND or isinstance(o, list)})
    if bad:
        raise UnknownCountryError(
            f"country_converter could not convert {len(bad)} value(s) from {src} to ISO3: "
            + ", ".join(repr(b) for b in bad)
        )
    return [str(o) for o in out]


def names_to_iso3(names: Iterable[str]) -> list[str]:
    """Country names (as SIPRI, IMF or the UN write them) to ISO3.

    Names ending in ``*`` are SIPRI's marker for non-state actors: they are refused here,
    because a regular expression would otherwise map e.g. "Houthi rebels (Yemen)*" to Yemen.
    """
    names = [str(n) for n in names]
    nonstate = sorted({n for n in names if n.strip().endswith("*")})
    if nonstate:
        raise UnknownCountryError(
            "non-state actors (SIPRI marks them with '*') have no ISO3 code: " + ", ".join(repr(n) for n in nonstate)
        )
    return _convert(names, "regex") if names else []


#: COW codes this project converts, each with the name of its state (as :func:`name` gives it).
#: ``tests/test_countries.py`` checks that the Gleditsch–Ward conversion of each code equals the
#: name-based conversion and names exactly that state, so a code whose COW and GW numbers differ
#: cannot slip through; any other code is refused.
VERIFIED_COW: dict[int, str] = {
    2: "United States",
    365: "Russia",
    369: "Ukraine",
    370: "Belarus",
    630: "Iran",
    652: "Syria",
    666: "Israel",
    710: "China",
    731: "North Korea",
}


def cow_to_iso3(codes: Iterable[int]) -> list[str]:
    """Correlates of War state codes to ISO3, for the codes in :data:`VERIFIED_COW`.

    country_converter carries Gleditsch–Ward codes, which equal COW codes for most but not all
    states; only codes verified against their names are converted, anything else is an error.
    COW 365 covers both the USSR and Russia; it becomes ``RUS``.
    """
    codes = [int(c) for c in codes]
    unverified = sorted({c for c in codes if c not in VERIFIED_COW})
    if unverified:
        raise UnknownCountryError(
            f"COW code(s) {unverified} are not verified against names for conversion "
            "(add them to helpers.countries.VERIFIED_COW with their names and rerun the tests)"
        )
    return _convert(codes, "GWcode") if codes else []


@cache
def name(code: str) -> str:
    """The reader's name of a state (ISO3): :data:`NAME_OVERRIDES`, else country_converter's short
    name (``PRK`` → ``North Korea`` everywhere). A non-state actor code keeps its code (``UN``);
    anything else is an error."""
    if code in NAME_OVERRIDES:
        return NAME_OVERRIDES[code]
    if code in NON_STATE_ACTORS:
        return code
    if code not in iso3_codes():
        raise UnknownCountryError(f"no country name for code {code!r}")
    out = _converter().convert(code, src="ISO3", to="name_short", not_found=_NOT_FOUND)
    if out == _NOT_FOUND or not isinstance(out, str):
        raise UnknownCountryError(f"no country name for code {code!r}")
    return out


#: Shorter labels for crowded charts (network nodes): where the reader's name is long or, for a
#: non-state actor, only a code.
SHORT_NAMES: dict[str, str] = {
    "USA": "US",
    "HEZ": "Hezbollah",
    "HOU": "Houthis",
}


def short_name(code: str) -> str:
    """A chart label for an actor: :data:`SHORT_NAMES`, else :func:`name` (``USA`` → ``US``,
    ``HEZ`` → ``Hezbollah``, ``PRK`` → ``North Korea``)."""
    return SHORT_NAMES.get(code) or name(code)


class _Names(dict):
    """A read-only mapping code → :func:`name`, for code that looks names up like a dict."""

    def __missing__(self, code: str) -> str:
        return name(code)

    def get(self, code, default=None):
        try:
            return name(code)
        except UnknownCountryError:
            return default


#: ``NAMES[code]`` / ``NAMES.get(code, code)`` — the same names as :func:`name`.
NAMES = _Names()
