"""The search the results page shows: per kind, only what the user may see, ranked and highlighted.

Each kind costs one query: the rows shown, ranked, each carrying how many rows match, counted up
to CAP + 1 (so it also tells whether more than CAP do). Hidden rows never reach a count: every query
starts from `visible(user)`.

A very broad search (more than CAP matches of one kind) ranks the CAP most recent matches and says
"more than CAP": counting and ranking every match of a word found in a third of 300,000 notas costs
a full scan, and staff refine such a search anyway. Below CAP, every match is ranked.
"""

from dataclasses import dataclass, field
from types import ModuleType

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import IntegerField, Model, Subquery
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


def _page_number(page, per_page: int) -> int | None:
    """The page asked for: 1 when it is not a number, None (the last page) when out of range, as Paginator.get_page."""
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1
    # No group holds more than CAP rows: a larger number is out of range (and too big for an OFFSET).
    return number if 1 <= number <= -(-CAP // per_page) else None


class _CountOf(Subquery):
    """How many rows a subquery returns: with a LIMIT, the count reads no more rows than that."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


class _Ranked:
    """One kind's matches for one user and filters; `rows()` reads one slice of them with one query.

    The query ranks the CAP most recent matches by their pk and rank only, takes the slice shown,
    and joins (select_related) and highlights those rows alone: joining every candidate before the
    LIMIT, and a window count over them, cost more than the ranking itself. The count is that of
    the matches up to CAP + 1, unordered, which also tells "more than CAP".
    """

    def __init__(self, engine: ModuleType, spec: Kind, user, busqueda: Busqueda, *, year, junta):
        qs = spec.visible(user)
        if year:
            qs = qs.filter(**{spec.year: year})
        if junta:
            qs = qs.filter(**{spec.junta: junta})
        matching = engine.find(qs, spec, busqueda)
        # The CAP most recent matches are ranked; a match beyond them makes the group "more than CAP".
        recent = matching.order_by(*spec.order).values("pk")[:CAP]
        self._engine, self._spec, self._user, self._busqueda = engine, spec, user, busqueda
        self._candidates = engine.rank(
            spec.model._default_manager.filter(pk__in=recent), spec, busqueda, highlight=False
        )
        self._count = _CountOf(matching.order_by().values("pk")[: CAP + 1])

    def rows(self, offset: int, limit: int) -> tuple[list, int, bool]:
        """The rows shown, the number of matches (at most CAP) and whether there are more than CAP."""
        shown = self._candidates.values("pk")[offset : offset + limit]
        # Visible again, as a second guard: the candidates already are.
        queryset = self._engine.rank(
            self._spec.visible(self._user).filter(pk__in=shown), self._spec, self._busqueda
        ).annotate(_matches=self._count)
        rows = list(queryset)
        if not rows:
            return rows, 0, False
        return rows, min(rows[0]._matches, CAP), rows[0]._matches > CAP


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
        ranked = _Ranked(engine, spec, user, busqueda, year=year, junta=junta)
        current = None
        if not kind:
            rows, total, capped = ranked.rows(0, per_group)
        else:
            number = _page_number(page, per_page)
            rows, total, capped = ranked.rows((number - 1) * per_page, per_page) if number else ([], 0, False)
            if not rows and number != 1:
                # Out of range: show the last page, as Paginator.get_page does (two more queries, rarely).
                rows, total, capped = ranked.rows(0, per_page)
                number = Paginator(range(total), per_page).num_pages
                if number > 1:
                    rows, total, capped = ranked.rows((number - 1) * per_page, per_page)
            current = Paginator(range(total), per_page).get_page(number)
        results = [Result(row, *engine.present(row, spec, busqueda)) for row in rows]
        groups.append(Group(spec, total, results, current, capped=capped))
    return groups
