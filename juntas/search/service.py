"""The search the results page shows: per kind, only what the user may see, ranked and highlighted.

Each kind costs one query (its top rows with the total as a window count), or two when a single
kind is paged (count, page). Hidden rows never reach a count: every query starts from
`visibles_para(user)`.
"""

from dataclasses import dataclass, field
from types import ModuleType

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Model, Window
from django.utils.safestring import SafeString

from juntas.access import rol
from juntas.search import fallback, postgres
from juntas.search.kinds import KINDS, Kind
from juntas.search.query import Busqueda

PER_GROUP = 10
PER_PAGE = 20


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
        qs = engine.search(qs, spec, busqueda)
        if kind:
            current = Paginator(qs, per_page).get_page(page)
            rows, total = list(current), current.paginator.count
        else:
            current = None
            rows = list(qs.annotate(_total=Window(Count("pk")))[:per_group])
            total = rows[0]._total if rows else 0
        results = [Result(row, *engine.present(row, spec, busqueda)) for row in rows]
        groups.append(Group(spec, total, results, current))
    return groups
