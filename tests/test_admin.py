"""The admin: every model's pages load without N+1 queries, every save is audited, the audit log is read-only."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordinacion.audit import log_action
from coordinacion.choices import AccionAuditoria, Rol, TipoOrganismo
from coordinacion.models import Distrito, Materia, Organismo, Persona, RegistroAuditoria, Usuario
from juntas.models import (
    Acta,
    Acuerdo,
    Adjunto,
    CargoJunta,
    Compromiso,
    Conformidad,
    Convocado,
    Junta,
    MiembroJunta,
    NotaActuacion,
    PuntoOrden,
    RecordatorioEnviado,
    Reunion,
    TipoReunion,
    TokenCalendario,
    VersionDatos,
)

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
MODEL_IDS = [model._meta.label_lower for model in REGISTERED]
# Models of ours (and auth's groups), for which build_objects makes a row; third-party admins
# (django-axes, django-otp) are checked on their changelist and add pages only.
OWN = [model for model in REGISTERED if model._meta.app_label in {"coordinacion", "juntas", "auth"}]
OWN_IDS = [model._meta.label_lower for model in OWN]


def build_objects(n: int) -> dict:
    """One object of every registered model, all linked together; n keeps unique fields apart."""
    distrito = Distrito.objects.create(nombre=f"Centro {n}", codigo=f"C{n}")
    materia = Materia.objects.create(nombre=f"Convivencia {n}")
    organismo = Organismo.objects.create(
        nombre=f"Policía Local {n}", siglas="PL", tipo=TipoOrganismo.POLICIA_LOCAL, distrito=distrito
    )
    persona = Persona.objects.create(nombre=f"Ana {n}", cargo=f"Intendente {n}", organismo=organismo)
    usuario = Usuario.objects.create_user(username=f"enlace{n}", persona=persona, rol=Rol.ENLACE)
    junta = Junta.objects.create(nombre=f"Junta Local de Seguridad {n}", municipio="Villanueva")
    miembro = MiembroJunta.objects.create(
        junta=junta, persona=persona, cargo=CargoJunta.VOCAL, fecha_alta=dt.date(2020, 1, 1)
    )
    reunion = Reunion.objects.create(
        junta=junta,
        tipo=TipoReunion.ORDINARIA,
        titulo=f"Sesión ordinaria {n}",
        inicio=dt.datetime(2025, 3, 10, 10, 0, tzinfo=dt.UTC),
        convocante=persona,
    )
    punto = PuntoOrden.objects.create(reunion=reunion, numero=1, titulo="Seguimiento de acuerdos")
    convocado = Convocado.objects.create(reunion=reunion, organismo=organismo, persona=persona)
    acta = Acta.objects.create(reunion=reunion, redactada_por=usuario)
    acuerdo = Acuerdo.objects.create(
        junta=junta,
        anio=2025,
        numero=n,
        reunion=reunion,
        punto=punto,
        fecha=dt.date(2025, 3, 10),
        titulo=f"Refuerzo del patrullaje {n}",
        texto="Se acuerda reforzar el patrullaje nocturno.",
    )
    acuerdo.materias.add(materia)
    acuerdo.distritos.add(distrito)
    compromiso = Compromiso.objects.create(
        acuerdo=acuerdo,
        organismo=organismo,
        responsable=persona,
        descripcion="Patrullas a pie los fines de semana.",
        fecha_limite=dt.date(2025, 6, 30),
    )
    nota = NotaActuacion.objects.create(compromiso=compromiso, autor=usuario, texto="Primer fin de semana hecho.")
    adjunto = Adjunto.objects.create(
        nota=nota, archivo="adjuntos/informe.pdf", nombre_original="informe.pdf", tipo_mime="application/pdf", tamano=15
    )
    registro = log_action(actor=usuario, accion=AccionAuditoria.CREAR, obj=acuerdo, cambios={"titulo": ["", "x"]})
    group = Group.objects.create(name=f"Secretaría {n}")
    recordatorio = RecordatorioEnviado.objects.create(
        usuario=usuario, fecha=dt.date(2025, 3, 10 + n), total=1, compromisos=[compromiso.pk]
    )
    token = TokenCalendario.objects.create(usuario=usuario)
    conformidad = Conformidad.objects.create(acta=acta, usuario=usuario, tipo="conformidad")
    # The migration makes row 1; a flushed database has none. Other rows only show the changelist.
    version, _creada = VersionDatos.objects.get_or_create(pk=n)
    objects = [
        distrito,
        materia,
        organismo,
        persona,
        usuario,
        junta,
        miembro,
        reunion,
        punto,
        convocado,
        acta,
        acuerdo,
        compromiso,
        nota,
        adjunto,
        registro,
        group,
        recordatorio,
        token,
        conformidad,
        version,
    ]
    return {type(obj): obj for obj in objects}


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="root", email="root@example.org", password="x" * 16)


@pytest.fixture
def admin_user_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def objects(db):
    return build_objects(1)


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def audit_entries_since(count: int):
    return RegistroAuditoria.objects.order_by("id")[count:]


def test_every_project_model_is_registered_in_the_admin():
    from django.apps import apps

    for app_label in ("coordinacion", "juntas"):
        for model in apps.get_app_config(app_label).get_models():
            assert model in admin.site._registry, model._meta.label


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_the_changelist_of_every_registered_model_loads(admin_user_client, objects, model):
    assert admin_user_client.get(url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_searching_every_changelist_works(admin_user_client, objects, model):
    response = admin_user_client.get(url(model, "changelist"), {"q": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_the_add_page_of_every_model_loads_unless_adding_is_disabled(admin_user_client, rf, superuser, model):
    request = rf.get("/")
    request.user = superuser
    can_add = admin.site._registry[model].has_add_permission(request)
    assert admin_user_client.get(url(model, "add")).status_code == (200 if can_add else 403)


@pytest.mark.parametrize("model", OWN, ids=OWN_IDS)
def test_the_change_page_of_every_model_loads(admin_user_client, objects, model):
    assert admin_user_client.get(url(model, "change", objects[model].pk)).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_changelists_run_as_many_queries_for_two_rows_as_for_one(admin_user_client, objects, model):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert admin_user_client.get(url(model, "changelist")).status_code == 200
        return len(context.captured_queries)

    queries()  # Warms the per-process caches (content types, session) the first request fills.
    with_one_row = queries()
    build_objects(2)
    assert queries() == with_one_row


def test_searching_agreements_by_reference_finds_them(admin_user_client, objects):
    response = admin_user_client.get(url(Acuerdo, "changelist"), {"q": "1/2025"})
    assert list(response.context["cl"].result_list) == [objects[Acuerdo]]


def test_changing_a_topic_writes_one_audit_entry_with_only_the_changed_field(admin_user_client, superuser):
    materia = Materia.objects.create(nombre="Convivencia", descripcion="")
    before = RegistroAuditoria.objects.count()

    response = admin_user_client.post(
        url(Materia, "change", materia.pk), {"nombre": "Convivencia", "descripcion": "Ruido y botellón."}
    )

    assert response.status_code == 302
    [entry] = audit_entries_since(before)
    assert entry.accion == AccionAuditoria.MODIFICAR == "modificar"
    assert entry.cambios == {"descripcion": ["", "Ruido y botellón."]}
    assert entry.usuario == superuser
    assert entry.object_id == str(materia.pk)


def test_adding_a_district_writes_a_creation_entry(admin_user_client):
    before = RegistroAuditoria.objects.count()

    response = admin_user_client.post(url(Distrito, "add"), {"nombre": "Norte", "codigo": "N"})

    assert response.status_code == 302
    [entry] = audit_entries_since(before)
    assert entry.accion == AccionAuditoria.CREAR
    assert entry.object_id == str(Distrito.objects.get(codigo="N").pk)


def test_a_changed_foreign_key_is_recorded_by_primary_key(admin_user_client):
    centro = Distrito.objects.create(nombre="Centro", codigo="C")
    norte = Distrito.objects.create(nombre="Norte", codigo="N")
    organismo = Organismo.objects.create(nombre="Junta de distrito", tipo=TipoOrganismo.DISTRITO, distrito=centro)
    before = RegistroAuditoria.objects.count()

    admin_user_client.post(
        url(Organismo, "change", organismo.pk),
        {
            "nombre": "Junta de distrito",
            "siglas": "",
            "tipo": TipoOrganismo.DISTRITO,
            "distrito": norte.pk,
            "activo": "on",
        },
    )

    [entry] = audit_entries_since(before)
    assert entry.cambios == {"distrito": [str(centro.pk), str(norte.pk)]}


def test_deleting_a_topic_is_logged_with_the_object_it_was(admin_user_client):
    materia = Materia.objects.create(nombre="Absentismo")
    before = RegistroAuditoria.objects.count()

    response = admin_user_client.post(url(Materia, "delete", materia.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Materia.objects.exists()
    [entry] = audit_entries_since(before)
    assert (entry.accion, entry.object_id, entry.objeto) == (AccionAuditoria.ELIMINAR, str(materia.pk), "Absentismo")


def test_the_bulk_delete_action_logs_every_deleted_object(admin_user_client):
    materias = [Materia.objects.create(nombre=nombre) for nombre in ("Absentismo", "Ruido")]
    before = RegistroAuditoria.objects.count()

    response = admin_user_client.post(
        url(Materia, "changelist"),
        {"action": "delete_selected", "_selected_action": [m.pk for m in materias], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Materia.objects.exists()
    entries = audit_entries_since(before)
    assert sorted(e.objeto for e in entries) == ["Absentismo", "Ruido"]
    assert {e.accion for e in entries} == {AccionAuditoria.ELIMINAR}


def test_a_member_added_through_the_board_inline_is_logged(admin_user_client, objects):
    junta = Junta.objects.create(nombre="Junta nueva", municipio="Villanueva")
    persona = objects[Persona]
    before = RegistroAuditoria.objects.count()

    response = admin_user_client.post(
        url(Junta, "change", junta.pk),
        {
            "nombre": "Junta nueva",
            "municipio": "Villanueva",
            "activa": "on",
            "quorum_primera_pct": 50,
            "minutos_segunda_convocatoria": 30,
            "preaviso_ordinaria_dias": 10,
            "preaviso_extraordinaria_horas": 48,
            "periodicidad_ordinaria_meses": 6,
            "miembros-TOTAL_FORMS": 1,
            "miembros-INITIAL_FORMS": 0,
            "miembros-0-persona": persona.pk,
            "miembros-0-cargo": CargoJunta.VOCAL,
            "miembros-0-fecha_alta": "2025-01-01",
        },
    )

    assert response.status_code == 302
    miembro = junta.miembros.get()
    logged = {(e.accion, e.content_type.model, e.object_id) for e in audit_entries_since(before)}
    assert logged == {
        (AccionAuditoria.MODIFICAR, "junta", str(junta.pk)),
        (AccionAuditoria.CREAR, "miembrojunta", str(miembro.pk)),
    }


def punto_data(punto: PuntoOrden, **changes) -> dict:
    data = {
        "reunion": punto.reunion_id,
        "numero": punto.numero,
        "titulo": punto.titulo,
        "tipo": punto.tipo,
        "descripcion": punto.descripcion,
        "deliberacion": punto.deliberacion,
        "version": punto.version,
    }
    return data | changes


def test_saving_an_agenda_item_moves_its_version_on(admin_user_client, objects):
    punto = objects[PuntoOrden]

    response = admin_user_client.post(url(PuntoOrden, "change", punto.pk), punto_data(punto, deliberacion="Debate."))

    assert response.status_code == 302
    punto.refresh_from_db()
    assert (punto.deliberacion, punto.version) == ("Debate.", 2)


def test_an_agenda_item_changed_since_the_page_was_opened_is_not_overwritten(admin_user_client, objects):
    punto = objects[PuntoOrden]
    stale = punto_data(punto, deliberacion="Mi versión.")
    PuntoOrden.objects.filter(pk=punto.pk).update(deliberacion="La del editor.", version=2)

    response = admin_user_client.post(url(PuntoOrden, "change", punto.pk), stale)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    punto.refresh_from_db()
    assert (punto.deliberacion, punto.version) == ("La del editor.", 2)


def test_the_audit_log_refuses_changes_through_the_admin(admin_user_client, objects):
    registro = objects[RegistroAuditoria]

    response = admin_user_client.post(url(RegistroAuditoria, "change", registro.pk), {"accion": "eliminar"})

    assert response.status_code == 403
    registro.refresh_from_db()
    assert registro.accion == AccionAuditoria.CREAR


def test_the_audit_log_offers_no_bulk_delete(admin_user_client, objects):
    response = admin_user_client.get(url(RegistroAuditoria, "changelist"))
    assert "delete_selected" not in response.context["cl"].model_admin.get_actions(response.wsgi_request)


def test_a_non_staff_user_is_sent_to_the_admin_login(client, objects):
    client.force_login(objects[Usuario])

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_attachment_uploaded_in_the_admin_takes_its_name_type_and_size_from_the_file(admin_user_client, objects):
    from django.core.files.uploadedfile import SimpleUploadedFile

    archivo = SimpleUploadedFile("Informe mensual.pdf", b"%PDF-1.4 informe", content_type="application/pdf")

    response = admin_user_client.post(url(Adjunto, "add"), {"nota": objects[NotaActuacion].pk, "archivo": archivo})

    assert response.status_code == 302
    adjunto = Adjunto.objects.latest("id")
    assert (adjunto.nombre_original, adjunto.tipo_mime, adjunto.tamano) == (
        "Informe mensual.pdf",
        "application/pdf",
        16,
    )
    assert "Informe" not in adjunto.archivo.name


def test_a_liaison_account_without_a_person_is_refused_with_a_form_error(admin_user_client):
    response = admin_user_client.post(
        url(Usuario, "add"),
        {
            "username": "enlace_sin_persona",
            "usable_password": "true",
            "password1": "una-clave-bastante-larga",
            "password2": "una-clave-bastante-larga",
            "rol": Rol.ENLACE,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Usuario.objects.filter(username="enlace_sin_persona").exists()


def test_a_password_change_in_the_admin_is_logged_without_the_password(admin_user_client, objects):
    usuario = objects[Usuario]
    before = RegistroAuditoria.objects.count()

    response = admin_user_client.post(
        reverse("admin:auth_user_password_change", args=[usuario.pk]),
        {"password1": "otra-clave-bastante-larga", "password2": "otra-clave-bastante-larga"},
    )

    assert response.status_code == 302
    [entry] = audit_entries_since(before)
    assert (entry.accion, entry.object_id) == (AccionAuditoria.MODIFICAR, str(usuario.pk))
    assert "otra-clave" not in str(entry.cambios)
