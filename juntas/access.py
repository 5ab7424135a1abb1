"""Who may see and who may change what: the rules of DESIGN.md §4, in one module.

Levels:
- pública: anyone with a role;
- reservada: secretaría, delegados (Junta members) and the bodies involved;
- policial: secretaría, the Junta's presidency and the police bodies involved.

"Involved" means the body holds a compromiso of the acuerdo. For a compromiso and its notas, a
reservada item is open to every body involved in the same acuerdo (even when the acuerdo itself is
pública), a policial one only to its own (police) body. Children never show when their parent is
hidden; attachments follow their nota. Administración runs the system and sees only pública content.
A liaison of a body that is not a police body never sees policial content, even its own.
"""

from django.db.models import BigIntegerField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from coordinacion.choices import Confidencialidad, Rol
from coordinacion.roles import rol

PUBLICA = Confidencialidad.PUBLICA
RESERVADA = Confidencialidad.RESERVADA
POLICIAL = Confidencialidad.POLICIAL


def _organismo(user):
    return user.persona.organismo if user.persona_id else None


# Both tests below are `IN (uncorrelated subquery)` rather than a correlated EXISTS: inside the OR of
# the visibility rules PostgreSQL cannot turn an EXISTS into a join and runs it once per row, while an
# uncorrelated IN is computed once and probed as a hash (a liaison's compromiso list at 100,000
# compromisos: 2.2 s of SQL against 0.3 s).


def _es_presidencia(user, junta_ref: str):
    """A Q that holds when the user chairs the Junta found at junta_ref (a lookup path)."""
    from juntas.models import MiembroJunta
    from juntas.models.choices import PRESIDENCIA

    if not user.persona_id:
        return Q(pk__in=[])
    presididas = MiembroJunta.objects.activos().filter(persona_id=user.persona_id, cargo__in=PRESIDENCIA)
    return Q(**{f"{junta_ref}__in": presididas.values("junta_id")})


def _implicado(organismo, acuerdo_ref: str) -> Q:
    """A Q that holds when organismo holds a compromiso of the acuerdo at acuerdo_ref (a lookup path)."""
    from juntas.models import Compromiso

    return Q(**{f"{acuerdo_ref}__in": Compromiso.objects.filter(organismo=organismo).values("acuerdo_id")})


def _acuerdo_q(user, prefix: str = "") -> Q:
    """Visibility of an acuerdo, written relative to prefix (e.g. "acuerdo__")."""
    role = rol(user)
    level = f"{prefix}confidencialidad"
    if role == Rol.SECRETARIA:
        return Q()
    if role == Rol.DELEGADO:
        return Q(**{f"{level}__in": [PUBLICA, RESERVADA]}) | (
            Q(**{level: POLICIAL}) & _es_presidencia(user, f"{prefix}junta")
        )
    if role == Rol.ADMINISTRACION:
        return Q(**{level: PUBLICA})
    if role == Rol.ENLACE and (organismo := _organismo(user)):
        involved = _implicado(organismo, f"{prefix}pk")
        allowed = Q(**{level: PUBLICA}) | (Q(**{level: RESERVADA}) & involved)
        if organismo.es_policial:
            allowed |= Q(**{level: POLICIAL}) & involved
        return allowed
    return Q(pk__in=[])


def _compromiso_q(user, prefix: str = "") -> Q:
    """Visibility of a compromiso (relative to prefix): its acuerdo must be visible too."""
    role = rol(user)
    if role == Rol.SECRETARIA:
        return Q()
    return _acuerdo_q(user, f"{prefix}acuerdo__") & _nivel_compromiso_q(user, prefix, f"{prefix}acuerdo__junta")


def _nivel_compromiso_q(user, prefix: str, junta_ref: str) -> Q:
    """The compromiso's own level, its acuerdo's visibility aside; junta_ref leads to the acuerdo's Junta."""
    role = rol(user)
    level = f"{prefix}confidencialidad"
    if role == Rol.SECRETARIA:
        return Q()
    if role == Rol.DELEGADO:
        return Q(**{f"{level}__in": [PUBLICA, RESERVADA]}) | (Q(**{level: POLICIAL}) & _es_presidencia(user, junta_ref))
    if role == Rol.ADMINISTRACION:
        return Q(**{level: PUBLICA})
    if role == Rol.ENLACE and (organismo := _organismo(user)):
        # Involvement is checked here too: a pública acuerdo is open to all, its reservada parts are not.
        allowed = Q(**{level: PUBLICA}) | (Q(**{level: RESERVADA}) & _implicado(organismo, f"{prefix}acuerdo"))
        if organismo.es_policial:
            allowed |= Q(**{level: POLICIAL, f"{prefix}organismo": organismo})
        return allowed
    return Q(pk__in=[])


def compromisos_del_acuerdo_exterior(qs: QuerySet, user) -> QuerySet:
    """The compromisos the user may see of the acuerdo of an outer query (for Exists or Subquery).

    The outer query must already hold only acuerdos the user may see (acuerdos_visibles): their
    visibility is not checked again, only each compromiso's own level, against the outer row's Junta.
    Checking it again made PostgreSQL join every acuerdo inside the subquery (an acuerdo list's
    overdue flags: ~50 ms of SQL against under 1 ms at 20,000 acuerdos).
    """
    junta = ExpressionWrapper(OuterRef("junta_id"), output_field=BigIntegerField())
    qs = qs.filter(acuerdo=OuterRef("pk")).alias(junta_exterior=junta)
    return qs.filter(_nivel_compromiso_q(user, "", "junta_exterior"))


def acuerdos_visibles(qs: QuerySet, user) -> QuerySet:
    return qs.filter(_acuerdo_q(user))


def compromisos_visibles(qs: QuerySet, user) -> QuerySet:
    return qs.filter(_compromiso_q(user))


def compromisos_propios_visibles(qs: QuerySet, user) -> QuerySet:
    """A liaison's own body's compromisos that they may see: compromisos_visibles on those rows, simplified.

    The body holds each of these compromisos, so it is involved in every one of their acuerdos: the
    involvement tests of the rules above hold, and only the policial level is left, open to police
    bodies. Stated this way PostgreSQL walks the body's index instead of hashing every acuerdo
    (a liaison's home at 100,000 compromisos: ~100 ms of SQL against ~5 ms). Other roles: the full rules.
    """
    organismo = _organismo(user)
    if organismo is None:
        return qs.none()
    propios = qs.filter(organismo=organismo)
    if rol(user) != Rol.ENLACE:
        return compromisos_visibles(propios, user)
    if organismo.es_policial:
        return propios
    return propios.exclude(confidencialidad=POLICIAL).exclude(acuerdo__confidencialidad=POLICIAL)


def notas_visibles(qs: QuerySet, user) -> QuerySet:
    # A nota is as open as the stricter of its own level and its compromiso's.
    return qs.filter(_compromiso_q(user, "compromiso__")).filter(_nota_level_q(user))


def _nota_level_q(user) -> Q:
    role = rol(user)
    if role == Rol.SECRETARIA:
        return Q()
    if role == Rol.DELEGADO:
        return Q(confidencialidad__in=[PUBLICA, RESERVADA]) | (
            Q(confidencialidad=POLICIAL) & _es_presidencia(user, "compromiso__acuerdo__junta")
        )
    if role == Rol.ADMINISTRACION:
        return Q(confidencialidad=PUBLICA)
    if role == Rol.ENLACE and (organismo := _organismo(user)):
        allowed = Q(confidencialidad=PUBLICA) | (
            Q(confidencialidad=RESERVADA) & _implicado(organismo, "compromiso__acuerdo")
        )
        if organismo.es_policial:
            allowed |= Q(confidencialidad=POLICIAL, compromiso__organismo=organismo)
        return allowed
    return Q(pk__in=[])


def adjuntos_visibles(qs: QuerySet, user) -> QuerySet:
    """Attachments are exactly as open as their nota."""
    from juntas.models import NotaActuacion

    return qs.filter(nota__in=notas_visibles(NotaActuacion.objects.all(), user).values("pk"))


def reuniones_visibles(qs: QuerySet, user) -> QuerySet:
    """Meetings: the whole board for staff and delegados; liaisons see the ones their body was called to."""
    from juntas.models import Convocado

    role = rol(user)
    if role in {Rol.SECRETARIA, Rol.DELEGADO, Rol.ADMINISTRACION}:
        return qs
    if role == Rol.ENLACE and (organismo := _organismo(user)):
        return qs.filter(Exists(Convocado.objects.filter(reunion=OuterRef("pk"), organismo=organismo)))
    return qs.none()


# Who may change what.


def puede_gestionar_reuniones(user) -> bool:
    return rol(user) == Rol.SECRETARIA


def puede_ver_compromisos(user) -> bool:
    """The compromiso list and its exports: any role; each row is still scoped by compromisos_visibles."""
    return rol(user) in {Rol.SECRETARIA, Rol.DELEGADO, Rol.ENLACE, Rol.ADMINISTRACION}


def puede_ver_panel(user) -> bool:
    """The dashboard is for those who follow the whole board's work: secretaría and delegados.

    Liaisons have their body's own page ("Mi organismo"); administración runs the system, not the board.
    """
    return rol(user) in {Rol.SECRETARIA, Rol.DELEGADO}


def puede_editar_compromiso(user, compromiso) -> bool:
    """Secretaría manages every compromiso; a liaison only their own body's."""
    role = rol(user)
    if role == Rol.SECRETARIA:
        return True
    return role == Rol.ENLACE and user.persona_id is not None and compromiso.organismo_id == user.persona.organismo_id


def puede_gestionar_compromisos(user) -> bool:
    """Create compromisos and edit their terms (body, person, due date, level): the secretaría."""
    return rol(user) == Rol.SECRETARIA


def actor_de_compromiso(user, compromiso):
    """Who the user is for the status rules of juntas/transitions.py, or None if they may not act."""
    from juntas.transitions import Actor

    role = rol(user)
    if role == Rol.SECRETARIA:
        return Actor.SECRETARIA
    if role == Rol.ENLACE and user.persona_id is not None and compromiso.organismo_id == user.persona.organismo_id:
        return Actor.RESPONSABLE
    return None


def puede_usar_nivel_policial(user) -> bool:
    """Only the secretaría and liaisons of police bodies may mark a nota as policial."""
    role = rol(user)
    if role == Rol.SECRETARIA:
        return True
    organismo = _organismo(user) if role == Rol.ENLACE else None
    return organismo is not None and organismo.es_policial


def puede_ver_compromisos_de_organismo(user) -> bool:
    """The "Mi organismo" page: liaisons for their body; secretaría and delegados for any body."""
    return rol(user) in {Rol.SECRETARIA, Rol.DELEGADO, Rol.ENLACE}


# Fetch-and-authorize helpers: one per object kind. Out of scope is a 404, so existence never leaks.


def get_reunion_or_404(user, pk, queryset=None):
    from juntas.models import Reunion

    return get_object_or_404(
        reuniones_visibles(queryset if queryset is not None else Reunion.objects.all(), user), pk=pk
    )


def get_acuerdo_or_404(user, pk, queryset=None):
    from juntas.models import Acuerdo

    return get_object_or_404(
        acuerdos_visibles(queryset if queryset is not None else Acuerdo.objects.all(), user), pk=pk
    )


def get_compromiso_or_404(user, pk, queryset=None):
    from juntas.models import Compromiso

    qs = queryset if queryset is not None else Compromiso.objects.select_related("acuerdo", "organismo")
    return get_object_or_404(compromisos_visibles(qs, user), pk=pk)


def get_nota_or_404(user, pk, queryset=None):
    from juntas.models import NotaActuacion

    qs = queryset if queryset is not None else NotaActuacion.objects.select_related("compromiso")
    return get_object_or_404(notas_visibles(qs, user), pk=pk)


def get_adjunto_or_404(user, pk, queryset=None):
    """An attachment is served only to people who may see its nota."""
    from juntas.models import Adjunto

    qs = queryset if queryset is not None else Adjunto.objects.select_related("nota__compromiso__acuerdo")
    return get_object_or_404(adjuntos_visibles(qs, user), pk=pk)


def puede_redactar_acta(user) -> bool:
    """Only the secretaría writes the acta, adopts acuerdos, sends and approves it."""
    return rol(user) == Rol.SECRETARIA


def es_convocado(user, personas_convocadas) -> bool:
    """Whether the user's person is among the convened persons (ids), so may reply to the acta."""
    return bool(rol(user)) and user.persona_id is not None and user.persona_id in set(personas_convocadas)


def get_acta_or_404(user, reunion_pk, queryset=None):
    """The acta of a meeting the user sees; 404 when the meeting is out of scope or has no acta."""
    from juntas.models import Acta, Reunion

    qs = queryset if queryset is not None else Acta.objects.select_related("reunion__junta")
    reuniones = reuniones_visibles(Reunion.objects.all(), user)
    return get_object_or_404(qs.filter(reunion__in=reuniones), reunion_id=reunion_pk)
