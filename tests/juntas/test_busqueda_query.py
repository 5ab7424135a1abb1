"""The search box parser and the snippet highlighter: pure functions, no database."""

import pytest

from juntas.search.highlight import START, STOP, from_headline, highlight
from juntas.search.query import MAX_LENGTH, normalize, parse, search_document, stem


def test_normalize_drops_accents_and_case_like_unaccent():
    assert normalize("Policía ÁLVAREZ Año") == "policia alvarez ano"


def test_search_document_pads_normalised_words_with_spaces():
    assert search_document("¡La Policía, (Local)!") == " la policia local "
    assert search_document(None) == " "


@pytest.mark.parametrize(
    ("word", "expected"),
    [("absentismos", "absentismo"), ("reuniones", "reunion"), ("policia", "policia"), ("tres", "tres")],
)
def test_stem_drops_plural_endings_of_longer_words_only(word, expected):
    assert stem(word) == expected


def test_it_reads_words_phrases_and_exclusions():
    busqueda = parse('absentismo "distrito Norte" -botellón -"zona centro"')
    assert busqueda.terminos == ("absentismo",)
    assert busqueda.frases == (("distrito", "norte"),)
    assert busqueda.excluidos == (("botellon",), ("zona", "centro"))
    assert not busqueda.vacia


def test_it_drops_stop_words_but_keeps_them_inside_phrases():
    busqueda = parse('la policía de "junta de seguridad"')
    assert busqueda.terminos == ("policia",)
    assert busqueda.frases == (("junta", "de", "seguridad"),)
    assert busqueda.palabras_resaltables == ("policia", "junta", "seguridad")


def test_a_query_of_only_stop_words_says_so():
    busqueda = parse("de la que el")
    assert busqueda.vacia
    assert busqueda.solo_palabras_vacias


def test_an_empty_or_punctuation_only_query_is_empty_without_the_stop_word_notice():
    for raw in ["", "   ", None, "¡¿?!", '""', "-"]:
        busqueda = parse(raw)
        assert busqueda.vacia
        assert not busqueda.solo_palabras_vacias


def test_only_exclusions_leave_nothing_to_search_for():
    assert parse("-ruido -botellón").vacia


def test_an_unbalanced_quote_runs_to_the_end():
    busqueda = parse('ruido "ocio nocturno')
    assert busqueda.terminos == ("ruido",)
    assert busqueda.frases == (("ocio", "nocturno"),)


def test_a_hyphenated_word_is_a_phrase_as_in_postgresql():
    assert parse("barrio-norte").frases == (("barrio", "norte"),)


def test_a_very_long_query_is_cut_at_a_word_and_flagged():
    busqueda = parse("absentismo " * 1000)
    assert busqueda.truncada
    assert len(busqueda.texto) <= MAX_LENGTH
    assert busqueda.texto.endswith("absentismo")
    assert busqueda.terminos == ("absentismo",)


def test_a_short_query_is_not_flagged_and_whitespace_is_collapsed():
    busqueda = parse("  ruido \n  nocturno ")
    assert busqueda.texto == "ruido nocturno"
    assert not busqueda.truncada


def test_headline_output_is_escaped_and_only_our_marks_are_markup():
    html = from_headline(f'<script>alert("x")</script> la {START}Policía{STOP} & co')
    assert html == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; la <mark>Policía</mark> &amp; co"
    assert from_headline(None) == ""


def test_highlight_marks_words_by_their_beginning_regardless_of_accents_and_escapes_the_rest():
    html = highlight("Los <b>absentismos</b> y la POLICÍA", ("absentismo", "policia"), max_words=None)
    assert html == "Los &lt;b&gt;<mark>absentismos</mark>&lt;/b&gt; y la <mark>POLICÍA</mark>"


def test_highlight_keeps_a_window_around_the_first_match():
    text = " ".join(f"palabra{i}" for i in range(100)) + " absentismo " + " ".join(f"otra{i}" for i in range(100))
    html = highlight(text, ("absentismo",), max_words=20)
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>absentismo</mark>" in html
    assert len(html.split()) <= 24
