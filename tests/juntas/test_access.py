"""The access rules of DESIGN.md §4, rule by rule (juntas/access.py).

Cast: secretaría; a delegado; a delegado who chairs the Junta (presidencia); the liaison of
Policía Local (a police body holding a compromiso of every acuerdo here: "involved"); the liaison of
CNP (a police body not involved); the liaison of Servicios Sociales (not police, involved through a
compromiso of its own); the liaison of Educación (not police, not involved); administración; an
account with no role; a deactivated secretaría account.
"""

from types import SimpleNamespace

import pytest
from django.db.models import Exists
from django.http import Http404

from coordinacion.choices import Rol, TipoOrganismo
from juntas import access
from juntas.models import Acuerdo, Adjunto, CargoJunta, Compromiso, NotaActuacion, Reunion
from tests import factories

pytestmark = pytest.mark.django_db

PUB, RES, POL = "publica", "reservada", "policial"


@pytest.fixture
def cast(policia_local, cnp):
    servicios = factories.OrganismoFactory(nombre="Servicios Sociales", tipo=TipoOrganismo.SERVICIOS_SOCIALES)
    educacion = factories.OrganismoFactory(nombre="Educación", tipo=TipoOrganismo.EDUCACION)
    junta = factories.JuntaFactory()
    presidencia = factories.UsuarioFactory(username="alcaldesa", rol=Rol.DELEGADO)
    factories.MiembroJuntaFactory(junta=junta, persona=presidencia.persona, cargo=CargoJunta.PRESIDENTE)
    vocal = factories.UsuarioFactory(username="delegado", rol=Rol.DELEGADO)
    factories.MiembroJuntaFactory(junta=junta, persona=vocal.persona, cargo=CargoJunta.VOCAL)

    def enlace(username, organismo):
        persona = factories.PersonaFactory(organismo=organismo)
        return factories.UsuarioFactory(username=username, rol=Rol.ENLACE, persona=persona)

    users = {
        "secretaria": factories.UsuarioFactory(username="secretaria", rol=Rol.SECRETARIA),
        "delegado": vocal,
        "presidencia": presidencia,
        "enlace_pl": enlace("enlace_pl", policia_local),
        "enlace_cnp": enlace("enlace_cnp", cnp),
        "enlace_ss": enlace("enlace_ss", servicios),
        "enlace_edu": enlace("enlace_edu", educacion),
        "administracion": factories.UsuarioFactory(username="admin", rol=Rol.ADMINISTRACION),
        "outsider": factories.UsuarioFactory(username="outsider", rol=""),
        "inactivo": factories.UsuarioFactory(username="baja", rol=Rol.SECRETARIA, is_active=False),
    }
    reunion = factories.ReunionFactory(junta=junta)
    return SimpleNamespace(
        users=users, junta=junta, reunion=reunion, pl=policia_local, cnp=cnp, ss=servicios, edu=educacion
    )


def acuerdo(cast, level, *, bodies=None):
    """An acuerdo of the cast's Junta with one compromiso per body (Policía Local by default)."""
    made = factories.AcuerdoFactory(reunion=cast.reunion, confidencialidad=level)
    for body in bodies if bodies is not None else [cast.pl]:
        factories.CompromisoFactory(acuerdo=made, organismo=body, confidencialidad=PUB)
    return made


def sees(user, model, obj) -> bool:
    return model.objects.visibles_para(user).filter(pk=obj.pk).exists()


# Rule 1: acuerdos by level × role × involvement.
ACUERDO_TABLE = {
    #                 pública reservada policial
    "secretaria": (True, True, True),
    "delegado": (True, True, False),
    "presidencia": (True, True, True),
    "enlace_pl": (True, True, True),  # police, involved
    "enlace_cnp": (True, False, False),  # police, not involved
    "enlace_ss": (True, True, False),  # involved, not police
    "enlace_edu": (True, False, False),  # not involved, not police
    "administracion": (True, False, False),
    "outsider": (False, False, False),
    "inactivo": (False, False, False),
}


@pytest.mark.parametrize("role", ACUERDO_TABLE)
@pytest.mark.parametrize(("index", "level"), list(enumerate([PUB, RES, POL])), ids=[PUB, RES, POL])
def test_acuerdo_visibility_by_level_role_and_involvement(cast, role, index, level):
    item = acuerdo(cast, level, bodies=[cast.pl, cast.ss])
    assert sees(cast.users[role], Acuerdo, item) is ACUERDO_TABLE[role][index]


def test_a_police_body_sees_a_policial_acuerdo_only_where_it_is_involved(cast):
    ours = acuerdo(cast, POL, bodies=[cast.cnp])
    theirs = acuerdo(cast, POL, bodies=[cast.pl])
    cnp = cast.users["enlace_cnp"]
    assert sees(cnp, Acuerdo, ours)
    assert not sees(cnp, Acuerdo, theirs)


def test_presidency_sees_policial_only_in_the_junta_it_chairs(cast):
    other = factories.AcuerdoFactory(confidencialidad=POL)  # another Junta
    assert not sees(cast.users["presidencia"], Acuerdo, other)


def test_a_former_chair_no_longer_sees_policial(cast):
    import datetime as dt

    cast.junta.miembros.filter(persona=cast.users["presidencia"].persona).update(fecha_baja=dt.date(2021, 1, 1))
    assert not sees(cast.users["presidencia"], Acuerdo, acuerdo(cast, POL))


# Rule 2: compromisos: their own level, and never when the acuerdo is hidden.
COMPROMISO_CASES = [
    # (acuerdo level, compromiso level, owner, role, visible)
    (RES, PUB, "pl", "enlace_cnp", False),  # child of a hidden parent
    (RES, PUB, "pl", "administracion", False),
    (PUB, PUB, "pl", "administracion", True),
    (PUB, RES, "pl", "administracion", False),
    (PUB, RES, "pl", "enlace_cnp", False),  # reservada part of a pública acuerdo: only the involved
    (PUB, RES, "pl", "enlace_edu", False),
    (PUB, RES, "pl", "enlace_pl", True),
    (RES, RES, "ss", "enlace_pl", True),  # every involved body sees the acuerdo's reservada compromisos
    (RES, POL, "pl", "enlace_pl", True),  # policial: only its own police body
    (RES, POL, "pl", "enlace_ss", False),
    (RES, POL, "pl", "delegado", False),
    (RES, POL, "pl", "presidencia", True),
    (RES, POL, "pl", "secretaria", True),
    (POL, PUB, "pl", "delegado", False),
    (POL, POL, "pl", "enlace_cnp", False),
    (PUB, PUB, "pl", "outsider", False),
]


@pytest.mark.parametrize(("acuerdo_level", "level", "owner", "role", "visible"), COMPROMISO_CASES)
def test_compromiso_visibility(cast, acuerdo_level, level, owner, role, visible):
    parent = acuerdo(cast, acuerdo_level, bodies=[cast.pl, cast.ss])
    item = factories.CompromisoFactory(acuerdo=parent, organismo=getattr(cast, owner), confidencialidad=level)
    assert sees(cast.users[role], Compromiso, item) is visible


@pytest.mark.parametrize("role", ["enlace_pl", "enlace_cnp", "enlace_ss", "enlace_edu", "secretaria", "outsider"])
def test_own_compromisos_are_exactly_the_visible_ones_of_the_users_body(cast, role):
    # Every level of acuerdo and compromiso, held by each body: the shortcut must agree with the rules.
    for acuerdo_level in (PUB, RES, POL):
        parent = acuerdo(cast, acuerdo_level, bodies=[])
        for body in (cast.pl, cast.cnp, cast.ss, cast.edu):
            for level in (PUB, RES, POL):
                factories.CompromisoFactory(acuerdo=parent, organismo=body, confidencialidad=level)
    user = cast.users[role]
    organismo = user.organismo
    expected = (
        set(access.compromisos_visibles(Compromiso.objects.filter(organismo=organismo), user)) if organismo else set()
    )
    assert set(access.compromisos_propios_visibles(Compromiso.objects.all(), user)) == expected
    if role != "outsider" and role != "secretaria":
        assert expected  # the case is not vacuous: the body sees some of its own


@pytest.mark.parametrize(
    "role",
    [
        "secretaria",
        "delegado",
        "presidencia",
        "enlace_pl",
        "enlace_cnp",
        "enlace_ss",
        "enlace_edu",
        "administracion",
        "outsider",
    ],
)
def test_compromisos_of_the_outer_acuerdo_are_exactly_its_visible_ones(cast, role):
    # Every level of acuerdo and compromiso, held by each body, in the chaired Junta and in another.
    otra_reunion = factories.ReunionFactory()
    for reunion in (cast.reunion, otra_reunion):
        for acuerdo_level in (PUB, RES, POL):
            parent = factories.AcuerdoFactory(reunion=reunion, confidencialidad=acuerdo_level)
            for body in (cast.pl, cast.cnp, cast.ss, cast.edu):
                for level in (PUB, RES, POL):
                    factories.CompromisoFactory(acuerdo=parent, organismo=body, confidencialidad=level)
    user = cast.users[role]
    visibles = set(access.compromisos_visibles(Compromiso.objects.all(), user))
    for parent in access.acuerdos_visibles(Acuerdo.objects.all(), user):
        for item in parent.compromisos.all():
            subconsulta = access.compromisos_del_acuerdo_exterior(Compromiso.objects.filter(pk=item.pk), user)
            assert Acuerdo.objects.filter(pk=parent.pk).filter(Exists(subconsulta)).exists() is (item in visibles), (
                parent.confidencialidad,
                item.organismo.nombre,
                item.confidencialidad,
            )


# Rule 3: notas: the stricter of their own level and their compromiso's; attachments follow the nota.
NOTA_CASES = [
    # (compromiso level, nota level, role, visible)
    (RES, POL, "enlace_pl", True),
    (RES, POL, "enlace_ss", False),
    (RES, POL, "delegado", False),
    (RES, POL, "presidencia", True),
    (RES, POL, "secretaria", True),
    (RES, RES, "enlace_ss", True),
    (RES, RES, "enlace_cnp", False),
    (POL, PUB, "enlace_ss", False),  # child of a hidden compromiso
    (POL, PUB, "delegado", False),
    (PUB, RES, "administracion", False),
    (PUB, PUB, "administracion", True),
    (PUB, RES, "enlace_edu", False),
    (PUB, PUB, "outsider", False),
]


@pytest.mark.parametrize(("compromiso_level", "level", "role", "visible"), NOTA_CASES)
def test_nota_and_attachment_visibility(cast, compromiso_level, level, role, visible):
    parent = acuerdo(cast, PUB, bodies=[cast.ss])
    compromiso = factories.CompromisoFactory(acuerdo=parent, organismo=cast.pl, confidencialidad=compromiso_level)
    nota = factories.NotaActuacionFactory(compromiso=compromiso, confidencialidad=level)
    adjunto = factories.AdjuntoFactory(nota=nota)
    user = cast.users[role]
    assert sees(user, NotaActuacion, nota) is visible
    assert access.adjuntos_visibles(Adjunto.objects.all(), user).filter(pk=adjunto.pk).exists() is visible


def test_notas_of_a_hidden_acuerdo_stay_hidden(cast):
    compromiso = factories.CompromisoFactory(acuerdo=acuerdo(cast, POL), organismo=cast.pl, confidencialidad=PUB)
    nota = factories.NotaActuacionFactory(compromiso=compromiso, confidencialidad=PUB)
    for role in ["delegado", "enlace_cnp", "enlace_ss", "administracion"]:
        assert not sees(cast.users[role], NotaActuacion, nota), role


# Rule 4: reuniones: the whole board for staff and delegados, convened bodies for liaisons.
@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("secretaria", True),
        ("delegado", True),
        ("administracion", True),
        ("enlace_pl", True),
        ("enlace_cnp", False),
        ("outsider", False),
        ("inactivo", False),
    ],
)
def test_reunion_visibility(cast, role, visible):
    factories.ConvocadoFactory(reunion=cast.reunion, persona=factories.PersonaFactory(organismo=cast.pl))
    assert sees(cast.users[role], Reunion, cast.reunion) is visible


# Rule 5: out of scope is a 404 from every fetch-and-authorize helper, never a 403.
@pytest.mark.parametrize("role", ["enlace_cnp", "outsider", "administracion"])
def test_out_of_scope_objects_answer_404(cast, role):
    item = acuerdo(cast, RES)
    compromiso = item.compromisos.get()
    nota = factories.NotaActuacionFactory(compromiso=compromiso, confidencialidad=RES)
    adjunto = factories.AdjuntoFactory(nota=nota)
    user = cast.users[role]
    for helper, pk in [
        (access.get_acuerdo_or_404, item.pk),
        (access.get_compromiso_or_404, compromiso.pk),
        (access.get_nota_or_404, nota.pk),
        (access.get_adjunto_or_404, adjunto.pk),
    ]:
        with pytest.raises(Http404):
            helper(user, pk)
    if role != "administracion":
        with pytest.raises(Http404):
            access.get_reunion_or_404(user, cast.reunion.pk)


def test_helpers_return_visible_objects(cast):
    item = acuerdo(cast, RES)
    user = cast.users["enlace_pl"]
    assert access.get_acuerdo_or_404(user, item.pk) == item
    assert access.get_compromiso_or_404(user, item.compromisos.get().pk).acuerdo == item


# Rule 6: liaisons change only their own body's compromisos; secretaría changes any; others none.
# (A visible object the user may not change answers 403: views raise PermissionDenied on False.)
@pytest.mark.parametrize(
    ("role", "own", "allowed"),
    [
        ("secretaria", "pl", True),
        ("enlace_pl", "pl", True),
        ("enlace_ss", "pl", False),  # sees it (involved), may not change it
        ("delegado", "pl", False),
        ("presidencia", "pl", False),
        ("administracion", "pl", False),
        ("outsider", "pl", False),
        ("inactivo", "pl", False),
    ],
)
def test_who_may_change_a_compromiso(cast, role, own, allowed):
    compromiso = acuerdo(cast, PUB, bodies=[getattr(cast, own), cast.ss]).compromisos.get(organismo=cast.pl)
    assert access.puede_editar_compromiso(cast.users[role], compromiso) is allowed


def test_only_secretaria_manages_reuniones(cast):
    allowed = {role for role, user in cast.users.items() if access.puede_gestionar_reuniones(user)}
    assert allowed == {"secretaria"}


# Rule 7: an account with no role, or a deactivated one, sees nothing at all.
@pytest.mark.parametrize("role", ["outsider", "inactivo"])
def test_no_role_or_inactive_sees_nothing(cast, role):
    for level in [PUB, RES, POL]:
        item = acuerdo(cast, level)
        factories.NotaActuacionFactory(compromiso=item.compromisos.get(), confidencialidad=PUB)
    user = cast.users[role]
    assert not Acuerdo.objects.visibles_para(user).exists()
    assert not Compromiso.objects.visibles_para(user).exists()
    assert not NotaActuacion.objects.visibles_para(user).exists()
    assert not Reunion.objects.visibles_para(user).exists()


def test_visibility_is_one_query_whatever_the_data(cast, django_assert_num_queries):
    for level in [PUB, RES, POL]:
        acuerdo(cast, level, bodies=[cast.pl, cast.ss, cast.cnp])
    user = cast.users["enlace_pl"]
    # the notas, their visibility as joins and EXISTS subqueries in the same query
    with django_assert_num_queries(1):
        list(NotaActuacion.objects.visibles_para(user))
    # the compromisos, likewise
    with django_assert_num_queries(1):
        list(Compromiso.objects.visibles_para(user))
