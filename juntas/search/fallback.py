"""The search for the embedded SQLite database: slower and simpler, still blind to accents and case.

SQLite gets a function, search_document(text), that returns the normalised words of a text between
spaces (see query.search_document); a word is found by its beginning (" absentism" finds
"absentismos"), a phrase by a regular expression over consecutive words. Ranking is simple: the
more query words in the title, the higher; then the most recent.
"""

import re

from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from juntas.search.highlight import highlight
from juntas.search.kinds import Kind, Related
from juntas.search.query import Busqueda, search_document, stem

FUNCTION = "search_document"


def register(connection) -> None:
    """Make search_document() available on a new SQLite connection (see JuntasConfig.ready)."""
    connection.connection.create_function(FUNCTION, 1, search_document, deterministic=True)


class SearchDocument(Func):
    function = FUNCTION
    output_field = TextField()


def _text(fields: tuple[str, ...]):
    parts = []
    for name in fields:
        parts += [F(name), Value(" ")]
    return Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else F(fields[0])


def _word(word: str) -> Q:
    return Q(_doc__contains=f" {stem(word)}")


def _phrase(words: tuple[str, ...]) -> Q:
    # Consecutive words, each found by its beginning: "absentismo escolar" finds "absentismos escolares".
    pattern = " " + r"\S* ".join(re.escape(stem(word)) for word in words)
    return Q(_doc__regex=pattern)


def matches(busqueda: Busqueda) -> Q:
    """A Q over an `_doc` alias holding search_document() of the searched text."""
    found = Q()
    for word in busqueda.terminos:
        found &= _word(word)
    for phrase in busqueda.frases:
        found &= _phrase(phrase)
    for excluded in busqueda.excluidos:
        found &= ~(_word(excluded[0]) if len(excluded) == 1 else _phrase(excluded))
    return found


def _matching(related: Related, busqueda: Busqueda) -> QuerySet:
    return (
        related.model.objects.filter(**{related.fk: OuterRef("pk")})
        .alias(_doc=SearchDocument(_text(related.fields)))
        .filter(matches(busqueda))
        .order_by(*related.order)
    )


def find(qs: QuerySet, kind: Kind, busqueda: Busqueda) -> QuerySet:
    """The rows of qs whose own text, or one of whose related rows, matches."""
    own = kind.body + ((kind.title,) if kind.title else ())
    found = matches(busqueda)
    for related in kind.related:
        found |= Exists(_matching(related, busqueda))
    return qs.alias(_doc=SearchDocument(_text(own))).filter(found)


def rank(qs: QuerySet, kind: Kind, busqueda: Busqueda, *, highlight: bool = True) -> QuerySet:
    """qs with `_rank` (query words in the title) and `_snippet_text` for related rows, best first.

    Without `highlight`, only `_rank`.
    """
    if kind.title:
        qs = qs.alias(_title_doc=SearchDocument(F(kind.title)))
        in_title = [
            Case(When(_title_doc__contains=f" {stem(word)}", then=Value(1)), default=Value(0))
            for word in busqueda.palabras_resaltables
        ]
        qs = qs.annotate(_rank=sum(in_title[1:], in_title[0]))
    else:
        qs = qs.annotate(_rank=Value(0, output_field=IntegerField()))
    snippets = [
        Subquery(_matching(related, busqueda).annotate(_t=_text(related.fields)).values("_t")[:1])
        for related in kind.related
        if highlight
    ]
    if snippets:
        snippet = snippets[0] if len(snippets) == 1 else Coalesce(*snippets, output_field=TextField())
        qs = qs.annotate(_snippet_text=snippet)
    return qs.order_by("-_rank", *kind.order)


def present(obj, kind: Kind, busqueda: Busqueda) -> tuple[str, str]:
    words = busqueda.palabras_resaltables
    title = highlight(getattr(obj, kind.title), words, max_words=None) if kind.title else ""
    if kind.body:
        text = " ".join(getattr(obj, name) or "" for name in kind.body)
    else:
        text = obj._snippet_text
    return title, highlight(text, words)
