"""The search the results page shows: per kind, only what the user may see, ranked and highlighted.

Each kind costs one query: the rows shown, ranked, each carrying how many rows match (a window
COUNT(*) OVER ()) and whether more than CAP do. Hidden rows never reach a count: every query
starts from `visible(user)`.

A very broad search (more than CAP matches of one kind) ranks the CAP most recent matches and says
"more than CAP": counting and ranking every match of a word found in a third of 300,000 notas costs
a full scan, and staff refine such a search anyway. Below CAP, every match is ranked.
"""

from dataclasses import dataclass, field
from types import ModuleType

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, Model, Window
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


class _Ranked:
    """One kind's matches for one user and filters; `rows()` reads one slice of them with one query."""

    def __init__(self, engine: ModuleType, spec: Kind, user, busqueda: Busqueda, *, year, junta):
        qs = spec.visible(user)
        if year:
            qs = qs.filter(**{spec.year: year})
        if junta:
            qs = qs.filter(**{spec.junta: junta})
        matching = engine.find(qs, spec, busqueda)
        # The CAP most recent matches are ranked; a match beyond them makes the group "more than CAP".
        recent = matching.order_by(*spec.order).values("pk")[:CAP]
        beyond = matching.values("pk")[CAP : CAP + 1]
        self.queryset = engine.rank(spec.visible(user).filter(pk__in=recent), spec, busqueda).annotate(
            _total=Window(Count("*")), _capped=Exists(beyond)
        )

    def rows(self, offset: int, limit: int) -> tuple[list, int, bool]:
        """The rows shown, the number of matches (at most CAP) and whether there are more than CAP."""
        rows = list(self.queryset[offset : offset + limit])
        if not rows:
            return rows, 0, False
        return rows, rows[0]._total, rows[0]._capped


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
