"""The search the results page shows: per kind, only what the user may see, ranked and highlighted.

Each kind costs two queries: the ids of the matches (up to CAP), then the rows shown. Hidden rows
never reach a count: every query starts from `visibles_para(user)`.

A very broad search (more than CAP matches of one kind) ranks the CAP most recent matches and says
"more than CAP": counting and ranking every match of a word found in a third of 300,000 notas costs
a full scan, and staff refine such a search anyway. Below CAP, every match is ranked.
"""

from dataclasses import dataclass, field
from types import ModuleType

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Model
from django.utils.safestring import SafeString

from juntas.access import rol
from juntas.search import fallback, postgres
from juntas.search.kinds import KINDS, Kind
from juntas.search.query import Busqueda

PER_GROUP = 10
PER_PAGE = 20
CAP = 1000


@dataclass
class Result:
    obj: Model
    title: SafeString | str
    snippet: SafeString | str


@dataclass
class Group:
    kind: Kind
    total: int
    results: list[Result] = field(default_factory=list)
    page: Page | None = None
    capped: bool = False  # more than CAP matches: total is CAP

    @property
    def more(self) -> bool:
        return self.page is None and self.total > len(self.results)


def backend() -> ModuleType:
    return postgres if connection.vendor == "postgresql" else fallback


def search(
    user,
    busqueda: Busqueda,
    *,
    kind: str = "",
    year: int | None = None,
    junta=None,
    page: int | str | None = 1,
    per_group: int = PER_GROUP,
    per_page: int = PER_PAGE,
) -> list[Group]:
    """The groups of results, one per kind (or only `kind`), in KINDS order."""
    if busqueda.vacia or not rol(user):
        return []
    engine = backend()
    groups = []
    for key, spec in KINDS.items():
        if kind and key != kind:
            continue
        qs = spec.visible(user)
        if year:
            qs = qs.filter(**{spec.year: year})
        if junta:
            qs = qs.filter(**{spec.junta: junta})
        # One scan: the ids of the most recent matches, one more than CAP to know there are more.
        matching = engine.find(qs, spec, busqueda).order_by(*spec.order)
        ids = list(matching.values_list("pk", flat=True)[: CAP + 1])
        total = min(len(ids), CAP)
        current = Paginator(range(total), per_page).get_page(page) if kind else None
        rows = []
        if total:
            offset = current.start_index() - 1 if current else 0
            # Ranking reads each candidate's tsvector: at most CAP of them, fetched by primary key.
            shown = engine.rank(spec.visible(user).filter(pk__in=ids[:CAP]), spec, busqueda)
            rows = list(shown[offset : offset + (per_page if kind else per_group)])
        results = [Result(row, *engine.present(row, spec, busqueda)) for row in rows]
        groups.append(Group(spec, total, results, current, capped=len(ids) > CAP))
    return groups
