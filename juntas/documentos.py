"""PDF documents of a session: the acta and the certificate of one acuerdo (WeasyPrint).

Both leave out what the reader may not see: acuerdos come from Acuerdo.objects.visibles_para(user).
"""

import threading

from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from coordinacion.choices import Confidencialidad
from coordinacion.models import Persona
from juntas.models import Acta, Acuerdo, Asistencia, CargoJunta, MiembroJunta, PuntoOrden, Reunion
from juntas.models.agregados import FilasJSON

RESTRINGIDOS = {Confidencialidad.RESERVADA, Confidencialidad.POLICIAL}
FIRMANTES = [CargoJunta.PRESIDENTE, CargoJunta.SECRETARIO]
CAMPOS_PUNTO = ["id", "numero", "titulo", "deliberacion"]


def firmantes(junta_id: int) -> dict[str, MiembroJunta | None]:
    """The current secretario and presidente of the Junta, who sign the acta and certificates."""
    miembros = MiembroJunta.objects.activos().filter(junta_id=junta_id, cargo__in=FIRMANTES)
    por_cargo = {m.cargo: m for m in miembros.select_related("persona__organismo")}
    return {"secretario": por_cargo.get(CargoJunta.SECRETARIO), "presidente": por_cargo.get(CargoJunta.PRESIDENTE)}


def con_puntos_y_firmantes(actas):
    """Actas read with their reunión's puntos and their Junta's signatories as JSON, for contexto_acta().

    Two lists the PDF needs, read in the acta's own query rather than one query each.
    """
    puntos = (
        PuntoOrden.objects.filter(reunion=OuterRef("reunion_id"))
        .order_by()
        .values("reunion")
        .annotate(filas=FilasJSON(*CAMPOS_PUNTO))
        .values("filas")
    )
    firmantes_ = (
        MiembroJunta.objects.activos()
        .filter(junta=OuterRef("reunion__junta_id"), cargo__in=FIRMANTES)
        .order_by()
        .values("junta")
        .annotate(filas=FilasJSON("cargo", "persona__cargo", "persona__nombre"))
        .values("filas")
    )
    return actas.annotate(filas_puntos=Subquery(puntos), filas_firmantes=Subquery(firmantes_))


def _puntos(reunion: Reunion, acta: Acta) -> list[PuntoOrden]:
    if not hasattr(acta, "filas_puntos"):
        return list(reunion.puntos.order_by("numero"))
    # numero is unique within a reunión, so sorting here gives the database's order exactly.
    filas = sorted(acta.filas_puntos or [], key=lambda fila: fila[1])
    return [PuntoOrden(reunion=reunion, **dict(zip(CAMPOS_PUNTO, fila, strict=True))) for fila in filas]


def _firmantes(reunion: Reunion, acta: Acta) -> dict[str, MiembroJunta | None]:
    if not hasattr(acta, "filas_firmantes"):
        return firmantes(reunion.junta_id)
    por_cargo = {}
    # As firmantes(): with two members in one cargo, the last by the persona's cargo signs.
    for cargo, cargo_persona, nombre in sorted(acta.filas_firmantes or [], key=lambda fila: fila[1]):
        por_cargo[cargo] = MiembroJunta(cargo=cargo, persona=Persona(cargo=cargo_persona, nombre=nombre))
    return {"secretario": por_cargo.get(CargoJunta.SECRETARIO), "presidente": por_cargo.get(CargoJunta.PRESIDENTE)}


def _css_string(text: str) -> str:
    """Text safe inside a quoted CSS string in a <style> element (the running page header)."""
    safe = text.replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ").replace(">", "\\3e ")
    return mark_safe(" ".join(safe.split()))  # noqa: S308 — every special character is escaped above


_por_hilo = threading.local()


def _fuentes() -> FontConfiguration:
    """This thread's font configuration, kept between documents.

    With a fresh one per document Pango matches and loads the fonts again: reusing it saved about a
    tenth of the CPU time of the benchmark's largest acta. The documents declare no @font-face, so it
    does not grow; one per thread, since Pango's font map is not meant to be shared across threads.
    """
    if not hasattr(_por_hilo, "fuentes"):
        _por_hilo.fuentes = FontConfiguration()
    return _por_hilo.fuentes


def _pdf(template: str, context: dict, cabecera: str) -> bytes:
    html = render_to_string(template, {**context, "cabecera_css": _css_string(cabecera)})
    # PDF/UA-1: tagged (headings, paragraphs, tables, lists in a structure tree), with its language and
    # title, so screen readers can read it (RD 1112/2018; see the accessibility statement).
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", font_config=_fuentes())


def contexto_acta(*, reunion: Reunion, acta: Acta, user) -> dict:
    """What the acta PDF shows; read the acta through con_puntos_y_firmantes() to save two queries."""
    puntos = _puntos(reunion, acta)
    acuerdos = list(
        # The PDF shows no topics or districts: nothing to prefetch.
        Acuerdo.objects.visibles_para(user).filter(reunion=reunion).order_by("numero")
    )
    por_punto: dict[int | None, list[Acuerdo]] = {}
    for acuerdo in acuerdos:
        por_punto.setdefault(acuerdo.punto_id, []).append(acuerdo)
    for punto in puntos:
        punto.acuerdos_visibles = por_punto.get(punto.pk, [])
    asistentes = list(reunion.convocados.filter(asistencia=Asistencia.ASISTE).select_related("persona", "organismo"))
    return {
        "reunion": reunion,
        "acta": acta,
        "puntos": puntos,
        "acuerdos_sin_punto": por_punto.get(None, []),
        "asistentes": asistentes,
        "firmantes": _firmantes(reunion, acta),
        "restringido": any(a.confidencialidad in RESTRINGIDOS for a in acuerdos),
        "generado_en": timezone.localtime(),
    }


def acta_pdf(*, reunion: Reunion, acta: Acta, user) -> tuple[bytes, bool]:
    """The acta as a PDF, and whether it carries reservada or policial acuerdos."""
    context = contexto_acta(reunion=reunion, acta=acta, user=user)
    cabecera = _("Minutes · %(junta)s") % {"junta": reunion.junta.nombre}
    return _pdf("juntas/pdf/acta.html", context, cabecera), context["restringido"]


def certificado_pdf(*, acuerdo: Acuerdo) -> bytes:
    """Certificate of one acuerdo; before approval it says so (a reserva de la aprobación del acta)."""
    reunion = acuerdo.reunion
    acta = Acta.objects.filter(reunion=reunion).first()
    context = {
        "acuerdo": acuerdo,
        "reunion": reunion,
        "acta": acta,
        "pendiente_aprobacion": acta is None or not acta.bloqueada,
        "firmantes": firmantes(reunion.junta_id),
        "generado_en": timezone.localtime(),
    }
    cabecera = _("Certificate · %(junta)s") % {"junta": reunion.junta.nombre}
    return _pdf("juntas/pdf/certificado.html", context, cabecera)
