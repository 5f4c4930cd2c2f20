"""Quotes and source titles in other scripts are marked with their language."""

import pytest

from helpers import languages


@pytest.mark.parametrize(
    "text, lang, marked",
    [
        ("Россия и Иран", "ru", '<span lang="ru">Россия и Иран</span>'),
        ("Tag: Алабуга", "ru", 'Tag: <span lang="ru">Алабуга</span>'),
        (
            "Путин и Нетанијаху разговарали [title inferred]",
            "sr",
            '<span lang="sr">Путин и Нетанијаху разговарали</span> [title inferred]',
        ),
        ("روسيا وإيران", "ar", '<span lang="ar" dir="rtl">روسيا وإيران</span>'),
        ("قانون معاهده همکاری", "fa", '<span lang="fa" dir="rtl">قانون معاهده همکاری</span>'),
        ("조-러 조약 (report)", "ko", '<span lang="ko">조-러 조약</span> (report)'),
    ],
)
def test_mark_language_finds_the_script_and_wraps_only_the_foreign_run(text, lang, marked):
    assert languages.script_lang(text)[0] == lang
    assert languages.mark_language(text) == marked


def test_mark_language_leaves_latin_text_alone_but_escaped():
    assert languages.script_lang("Treaty on Comprehensive Strategic Partnership") is None
    assert languages.mark_language("R&D <note>") == "R&amp;D &lt;note&gt;"
    assert languages.mark_language("Россия", lang="bg") == '<span lang="bg">Россия</span>'


def test_lang_span_escapes_and_sets_the_direction():
    assert languages.lang_span("a < b", "ru") == '<span lang="ru">a &lt; b</span>'
    assert languages.lang_span("سلام", "fa") == '<span lang="fa" dir="rtl">سلام</span>'


def test_source_references_mark_titles_in_other_scripts():
    from helpers import sources

    reg = sources.registry()
    table = reg.table
    cyrillic = table.loc[table["title"].str.contains("[а-яА-Я]", regex=True), "source_id"].iloc[0]
    arabic = table.loc[table["title"].str.contains("[\u0600-\u06ff]", regex=True), "source_id"].iloc[0]
    latin = table.loc[~table["title"].str.contains("[^\x00-\u024f–—’‘“”…·]", regex=True), "source_id"].iloc[0]
    assert '<span lang="' in reg.reference(cyrillic)
    assert 'dir="rtl"' in reg.reference(arabic)
    assert "<span" not in reg.reference(latin)
    assert f"*{table.at[latin, 'title']}*" in reg.reference(latin)


def test_the_rendered_title_keeps_its_words():
    title = "Россия и Иран заключили договор (report) [title inferred]"
    marked = languages.mark_language(title)
    assert marked.startswith('<span lang="ru">Россия и Иран заключили договор</span>')
    assert marked.endswith(" (report) [title inferred]")
