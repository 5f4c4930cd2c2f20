"""Which language a piece of text is in, marked for screen readers and browsers.

Quotes and source titles in Russian, Arabic, Persian or Korean are wrapped in an HTML
``<span lang="…">`` (with ``dir="rtl"`` for right-to-left scripts), so a screen reader reads them
in the right voice and a browser lays them out in the right direction. Where the data record a
language (``quote_lang``) it is used; elsewhere the script decides (:func:`script_lang`).
"""

from __future__ import annotations

import html
import re

#: Languages written right to left, among those the collection quotes.
RTL = {"ar", "fa", "he"}


def lang_span(text: str, lang: str) -> str:
    """``text`` (HTML-escaped) marked as written in ``lang`` (a BCP 47 code), right to left where
    the language is, so screen readers pronounce it and browsers lay it out correctly."""
    direction = ' dir="rtl"' if lang.split("-")[0] in RTL else ""
    return f'<span lang="{html.escape(lang)}"{direction}>{html.escape(text, quote=False)}</span>'


_SCRIPTS = [  # (language, characters of its script); the first script found in a text decides
    ("ko", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("ar", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
    ("ru", "\u0400-\u04ff"),
]
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")  # پ چ ژ گ ک ی: Persian, not Arabic
_SERBIAN = re.compile("[\u0458\u0459\u045a\u045b\u0452\u045f]")  # ј љ њ ћ ђ џ
_UKRAINIAN = re.compile("[\u0456\u0457\u0454\u0491]")  # і ї є ґ
_BELARUSIAN = re.compile("[\u045e]")  # ў


def script_lang(text: str) -> tuple[str, int, int] | None:
    """The language of the non-Latin run in ``text`` by its script, with the run's start and
    end (``None`` for Latin-script text). Cyrillic is Russian unless letters only Serbian,
    Ukrainian or Belarusian use say otherwise; Arabic script is Persian where Persian letters
    occur; Hangul is Korean."""
    for lang, chars in _SCRIPTS:
        found = [m.span() for m in re.finditer(f"[{chars}]+", text)]
        if not found:
            continue
        run = text[found[0][0] : found[-1][1]]
        if lang == "ar" and _PERSIAN.search(run):
            lang = "fa"
        elif lang == "ru":
            for other, letters in (("sr", _SERBIAN), ("uk", _UKRAINIAN), ("be", _BELARUSIAN)):
                if letters.search(run):
                    lang = other
                    break
        return lang, found[0][0], found[-1][1]
    return None


def mark_language(text: str, lang: str | None = None) -> str:
    """``text`` (HTML-escaped) with its non-Latin run wrapped in :func:`lang_span`; ``lang``
    overrides the language :func:`script_lang` reads from the script. Latin text unchanged but
    escaped."""
    found = script_lang(text)
    if found is None:
        return html.escape(text, quote=False)
    detected, start, end = found
    return (
        html.escape(text[:start], quote=False)
        + lang_span(text[start:end], lang or detected)
        + html.escape(text[end:], quote=False)
    )
