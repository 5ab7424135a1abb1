"""The acta and certificate PDFs: their text, what each reader may see, the audit of downloads."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from coordinacion.choices import AccionAuditoria, Confidencialidad
from coordinacion.models import RegistroAuditoria
from juntas.models import Votacion
from juntas.services import actas as servicio
from tests.sesiones import crear_sesion

pytestmark = pytest.mark.django_db


def texto_pdf(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def sesion(delegado, secretaria):
    s = crear_sesion(miembros=[delegado])
    s.acta = servicio.abrir_acta(actor=secretaria, reunion=s.reunion)
    for punto in s.puntos:
        servicio.guardar_deliberacion(
            actor=secretaria, punto=punto, texto=f"Deliberación sobre el punto {punto.numero}.", version=1
        )
    s.publico = servicio.adoptar_acuerdo(
        actor=secretaria,
        punto=s.puntos[0],
        titulo="Plan de ocio nocturno",
        texto="Se acuerda elaborar un plan de ocio nocturno.",
        votacion=Votacion.MAYORIA,
        votos_favor=3,
        votos_contra=1,
        votos_particulares="La asociación vecinal vota en contra.",
        confidencialidad=Confidencialidad.PUBLICA,
    )
    s.policial = servicio.adoptar_acuerdo(
        actor=secretaria,
        punto=s.puntos[1],
        titulo="Dispositivo discreto",
        texto="Se acuerda un dispositivo policial.",
        votacion=Votacion.ASENTIMIENTO,
        confidencialidad=Confidencialidad.POLICIAL,
    )
    return s


def descargas(obj):
    return RegistroAuditoria.objects.filter(accion=AccionAuditoria.DESCARGA, object_id=str(obj.pk))


def test_the_acta_pdf_carries_every_element_signatures_and_page_numbers(client, secretaria, sesion):
    client.force_login(secretaria)
    text = texto_pdf(client.get(reverse("acta_pdf", kwargs={"pk": sesion.reunion.pk})))
    for expected in [
        "Acta de la Sesión ordinaria",
        "Lugar y tiempo",
        "Salón de Plenos",
        "Asistentes",
        "Orden del día",
        "Punto número 2",
        "Deliberación sobre el punto 1.",
        "Se acuerda elaborar un plan de ocio nocturno.",
        "3 a favor, 1 en contra",
        "La asociación vecinal vota en contra.",
        "Dispositivo discreto",  # the secretaría sees police items
        "El/La Secretario/a",
        "Secretario General (Luis Gómez)",
        "Vº Bº El/La Presidente/a",
        "Alcaldesa (Ana Ruiz)",
        "Página 1 de",
        "Acta pendiente de aprobación",
    ]:
        assert expected in text, expected
    assert descargas(sesion.acta).get().usuario == secretaria  # it carries a police-only acuerdo


@pytest.mark.parametrize("documento", ["acta", "certificado"])
def test_the_pdfs_are_tagged_pdf_ua_with_language_and_title(client, secretaria, sesion, documento):
    client.force_login(secretaria)
    if documento == "acta":
        url = reverse("acta_pdf", kwargs={"pk": sesion.reunion.pk})
    else:
        url = reverse("acuerdo_certificado", kwargs={"pk": sesion.publico.pk})
    reader = PdfReader(io.BytesIO(client.get(url).content))
    root = reader.trailer["/Root"]
    # Tagged: a structure tree a screen reader follows, with headings and paragraphs.
    assert bool(root["/MarkInfo"]["/Marked"])
    tipos = {str(kid.get_object().get("/S")) for kid in _estructura(root["/StructTreeRoot"].get_object())}
    assert {"/H1", "/P"} <= tipos, tipos
    assert root["/Lang"] == "es"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def _estructura(nodo, profundidad=0):
    """Every element of a PDF structure tree, depth first."""
    kids = nodo.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get") and profundidad < 20:
            yield kid
            yield from _estructura(kid, profundidad + 1)


def test_the_acta_pdf_runs_a_fixed_number_of_queries(client, secretaria, sesion, django_assert_num_queries):
    client.force_login(secretaria)
    url = reverse("acta_pdf", kwargs={"pk": sesion.reunion.pk})
    client.get(url)  # the first request after sign-in renews the session
    # session, user, acta (with reunión, Junta, approving session, and the puntos and signatories as
    # JSON subqueries), visible acuerdos, attendees with persona and organismo, and the download's
    # audit entry in its own transaction: SAVEPOINT, INSERT, RELEASE (BEGIN, INSERT, COMMIT outside tests)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_the_acta_pdf_leaves_out_what_the_reader_may_not_see(client, delegado, sesion):
    client.force_login(delegado)
    text = texto_pdf(client.get(reverse("acta_pdf", kwargs={"pk": sesion.reunion.pk})))
    assert "Plan de ocio nocturno" in text
    assert "Dispositivo discreto" not in text
    assert not descargas(sesion.acta).exists()  # only public content: no audit entry needed


def test_the_certificate_says_it_awaits_the_approval_of_the_acta(client, secretaria, sesion):
    client.force_login(secretaria)
    target = reverse("acuerdo_certificado", kwargs={"pk": sesion.publico.pk})
    text = " ".join(texto_pdf(client.get(target)).split())
    assert "CERTIFICA:" in text
    assert "adoptó por mayoría el siguiente acuerdo" in text
    assert f"Acuerdo {sesion.publico.referencia}" in text
    assert "a reserva de la aprobación del acta" in text
    assert not descargas(sesion.publico).exists()

    servicio.enviar_acta(actor=secretaria, acta=sesion.acta, plazo=timezone.now() + dt.timedelta(days=5))
    servicio.aprobar_acta(actor=secretaria, acta=sesion.acta, reunion_aprobacion=sesion.reunion)
    text = " ".join(texto_pdf(client.get(target)).split())
    assert "a reserva de la aprobación" not in text
    assert "El acta de dicha sesión fue aprobada" in text


def test_a_police_certificate_download_is_audited_and_hidden_from_others(client, secretaria, delegado, sesion):
    target = reverse("acuerdo_certificado", kwargs={"pk": sesion.policial.pk})
    client.force_login(delegado)
    assert client.get(target).status_code == 404
    client.force_login(secretaria)
    assert "Dispositivo discreto" in texto_pdf(client.get(target))
    assert descargas(sesion.policial).get().usuario == secretaria


def test_bench_pdf_measures_a_30_punto_session_and_leaves_nothing_behind(capsys):
    from juntas.models import Reunion

    before = Reunion.objects.count()
    call_command("bench_pdf", "--repeticiones", "1", "--puntos", "3")
    assert "mediana" in capsys.readouterr().out
    assert Reunion.objects.count() == before
