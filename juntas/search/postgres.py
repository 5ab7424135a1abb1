"""PostgreSQL full-text search: websearch syntax, Spanish stems without accents, GIN-indexed.

Every searched table has a `busqueda` tsvector column kept by a trigger and indexed with GIN
(migration 0002). The ORM does not know the column, so `Document()` names it in SQL; filtering
with `@@` on that column is what lets PostgreSQL use the index.
"""

from functools import cache

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db.models import Exists, F, FloatField, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import Col, Expression
from django.db.models.functions import Coalesce, Concat, Greatest, Replace

from juntas.search.highlight import START, STOP, from_headline
from juntas.search.kinds import Kind, Related
from juntas.search.query import Busqueda

CONFIG = "es_unaccent"
COLUMN = "busqueda"


@cache
def _document_field(model) -> SearchVectorField:
    """A stand-in field for the column, bound to the model so expressions can compare and hash it."""
    field = SearchVectorField()
    field.set_attributes_from_name(COLUMN)
    field.model = model
    return field


class Document(Expression):
    """The `busqueda` column of the query's main table, like F() for a column the model lacks."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        # A Col relabels itself when the query becomes a subquery, so the alias stays right.
        return Col(query.get_initial_alias(), _document_field(query.model), output_field=SearchVectorField())


def tsquery(busqueda: Busqueda) -> SearchQuery:
    return SearchQuery(busqueda.texto, search_type="websearch", config=CONFIG)


def _text(fields: tuple[str, ...]):
    parts = []
    for name in fields:
        parts += [F(name), Value(" ")]
    text = Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else F(fields[0])
    # The sentinels that mark matches must not come from the document itself.
    text = Replace(text, Value(START), Value(""), output_field=TextField())
    return Replace(text, Value(STOP), Value(""), output_field=TextField())


def _headline(fields: tuple[str, ...], query: SearchQuery, *, whole: bool = False):
    options = {"highlight_all": True} if whole else {"max_words": 35, "min_words": 15, "max_fragments": 2}
    return SearchHeadline(
        _text(fields),
        query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        fragment_delimiter=" … ",
        **options,
    )


def _matching(related: Related, query: SearchQuery) -> QuerySet:
    return (
        related.model.objects.filter(**{related.fk: OuterRef("pk")})
        .alias(_doc=Document())
        .filter(_doc=query)
        .annotate(_rank=SearchRank(Document(), query))
        .order_by("-_rank", *related.order)
    )


def find(qs: QuerySet, kind: Kind, busqueda: Busqueda) -> QuerySet:
    """The rows of qs that match: `@@` on the indexed column (or on a related row's)."""
    query = tsquery(busqueda)
    found = Q(_doc=query)
    for related in kind.related:
        found |= Exists(_matching(related, query))
    return qs.alias(_doc=Document()).filter(found)


def rank(qs: QuerySet, kind: Kind, busqueda: Busqueda, *, highlight: bool = True) -> QuerySet:
    """qs with `_rank` (ts_rank, the best related row's for actas), `_title` and `_snippet`, best first.

    The headlines are costly; PostgreSQL computes them after the LIMIT, for the rows shown only.
    Without `highlight`, only `_rank`: building the headline expressions costs Python time too.
    """
    query = tsquery(busqueda)
    ranks = [SearchRank(Document(), query)]
    snippets = [_headline(kind.body, query)] if kind.body and highlight else []
    for related in kind.related:
        matching = _matching(related, query)
        ranks.append(Coalesce(Subquery(matching.values("_rank")[:1]), Value(0.0), output_field=FloatField()))
        if highlight:
            snippets.append(Subquery(matching.annotate(_h=_headline(related.fields, query)).values("_h")[:1]))
    best = Greatest(*ranks, output_field=FloatField()) if len(ranks) > 1 else ranks[0]
    if not highlight:
        return qs.annotate(_rank=best).order_by("-_rank", *kind.order)
    snippet = Coalesce(*snippets, Value(""), output_field=TextField()) if len(snippets) > 1 else snippets[0]
    qs = qs.annotate(_rank=best, _snippet=snippet)
    if kind.title:
        qs = qs.annotate(_title=_headline((kind.title,), query, whole=True))
    return qs.order_by("-_rank", *kind.order)


def present(obj, kind: Kind, busqueda: Busqueda) -> tuple[str, str]:
    """The highlighted title (or "") and snippet of a row returned by rank()."""
    title = from_headline(obj._title) if kind.title else ""
    return title, from_headline(obj._snippet)
