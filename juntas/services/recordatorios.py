"""The daily digest each liaison gets of their body's compromisos that are due soon or overdue."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coordinacion.choices import Confidencialidad, Rol
from coordinacion.models import Usuario
from juntas.models import Compromiso, RecordatorioEnviado

logger = logging.getLogger(__name__)


@dataclass
class ResultadoRecordatorios:
    enviados: int = 0
    ya_enviados: int = 0
    sin_pendientes: int = 0
    sin_correo: int = 0
    fallidos: int = 0


def enviar_recordatorios(*, dias: int, hoy: dt.date | None = None) -> ResultadoRecordatorios:
    """One e-mail per active liaison with something due within `dias` days or overdue; once a day."""
    hoy = hoy or timezone.localdate()
    limite = hoy + dt.timedelta(days=dias)
    resultado = ResultadoRecordatorios()
    ya_enviado = RecordatorioEnviado.objects.filter(usuario=OuterRef("pk"), fecha=hoy)
    enlaces = (
        Usuario.objects.filter(rol=Rol.ENLACE, is_active=True, persona__isnull=False)
        .annotate(ya_enviado=Exists(ya_enviado))
        .order_by("pk")
    )
    for usuario in enlaces:
        if usuario.ya_enviado:
            resultado.ya_enviados += 1
            continue
        destinatario = usuario.email or usuario.persona.email
        if not destinatario:
            resultado.sin_correo += 1
            continue
        compromisos = list(
            Compromiso.objects.visibles_para(usuario)
            .abiertos()
            .filter(organismo_id=usuario.persona.organismo_id, fecha_limite__lte=limite)
            .select_related("acuerdo")
            .order_by("fecha_limite", "id")
        )
        if not compromisos:
            resultado.sin_pendientes += 1
            continue
        try:
            enviado = enviar_recordatorio(usuario=usuario, destinatario=destinatario, compromisos=compromisos, hoy=hoy)
        except OSError:  # smtplib errors are OSErrors; the next run retries this person
            logger.exception("Reminder to user %s could not be sent", usuario.pk)
            resultado.fallidos += 1
            continue
        if enviado:
            resultado.enviados += 1
        else:
            resultado.ya_enviados += 1
    return resultado


@transaction.atomic
def enviar_recordatorio(*, usuario: Usuario, destinatario: str, compromisos: list[Compromiso], hoy: dt.date) -> bool:
    """Record the reminder, then send it; a failed send rolls the record back. False if already sent today."""
    _registro, creado = RecordatorioEnviado.objects.get_or_create(
        usuario=usuario,
        fecha=hoy,
        defaults={"total": len(compromisos), "compromisos": [c.pk for c in compromisos]},
    )
    if not creado:  # a concurrent run got there first
        return False
    _mensaje(usuario, destinatario, compromisos, hoy).send(fail_silently=False)
    return True


def _mensaje(usuario, destinatario, compromisos, hoy) -> EmailMultiAlternatives:
    organismo = usuario.persona.organismo
    vencidos = sum(1 for c in compromisos if c.fecha_limite < hoy)
    contexto = {
        "usuario": usuario,
        "organismo": organismo,
        "hoy": hoy,
        "vencidos": vencidos,
        "filas": [_fila(c, hoy) for c in compromisos],
        "lista_url": f"{settings.SITE_URL}{reverse('compromiso_lista')}?organismo={organismo.pk}",
    }
    asunto = ngettext(
        "%(body)s: %(count)d commitment due soon or overdue",
        "%(body)s: %(count)d commitments due soon or overdue",
        len(compromisos),
    ) % {"body": organismo, "count": len(compromisos)}
    mensaje = EmailMultiAlternatives(
        subject=asunto,
        body=render_to_string("juntas/email/recordatorio.txt", contexto),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[destinatario],
    )
    mensaje.attach_alternative(render_to_string("juntas/email/recordatorio.html", contexto), "text/html")
    return mensaje


def _fila(compromiso: Compromiso, hoy: dt.date) -> dict:
    # Police-only content stays in the portal: e-mail leaves the controlled environment (LO 7/2021).
    policial = compromiso.confidencialidad == Confidencialidad.POLICIAL
    return {
        "referencia": compromiso.acuerdo.referencia,
        "descripcion": _("Police-only content: read it in the portal.") if policial else compromiso.descripcion,
        "fecha_limite": compromiso.fecha_limite,
        "vencido": compromiso.fecha_limite < hoy,
        "estado": compromiso.get_estado_display(),
        "url": _url_detalle(compromiso.pk),
    }


def _url_detalle(pk: int) -> str | None:
    try:
        return f"{settings.SITE_URL}{reverse('compromiso_detalle', kwargs={'pk': pk})}"
    except NoReverseMatch:  # the detail page belongs to another part of the portal
        return None
