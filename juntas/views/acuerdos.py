"""Acuerdos: the filtered list and the detail page with its traceability timeline."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.utils.text import Truncator

from coordinacion.audit import historial_de
from juntas import access
from juntas.filters.acuerdos import AcuerdoFilter
from juntas.models import Acuerdo, Compromiso, NotaActuacion, Reunion
from juntas.presentacion import etiquetas, formato_fecha, ruta

POR_PAGINA = 25
# Notas per compromiso in the acuerdo's timeline (the latest); the compromiso's page shows them all.
NOTAS_POR_COMPROMISO = 3
DERIVADAS_INCLUDE = "juntas/reuniones/_derivadas.html"


def _require_role(user) -> None:
    if not access.rol(user):
        raise PermissionDenied


@login_required
def acuerdo_lista(request):
    user = request.user
    _require_role(user)
    base = Acuerdo.objects.visibles_para(user).select_related("junta")
    filtro = AcuerdoFilter(request.GET or None, queryset=base, request=request)
    vencidos = access.compromisos_del_acuerdo_exterior(Compromiso.objects.abiertos(), user).filter(
        fecha_limite__lt=timezone.localdate()
    )
    acuerdos = filtro.qs.annotate(tiene_vencidos=Exists(vencidos)).order_by("-fecha", "-numero", "-pk")
    pagina = Paginator(acuerdos, POR_PAGINA).get_page(request.GET.get("page"))
    return render(request, "juntas/acuerdos/lista.html", {"filtro": filtro, "pagina": pagina})


@dataclass
class Evento:
    cuando: dt.datetime
    tipo: str  # adopcion | reunion | compromiso | cumplido | nota
    obj: object
    # Filled in by _formatear: the template prints them as the `date` filter would have ("c", DATETIME_FORMAT).
    iso: str = ""
    texto: str = ""


def _inicio_del_dia(fecha: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(fecha, dt.time.min))


def _cronologia(acuerdo, derivadas, compromisos, notas) -> list[Evento]:
    inicio = timezone.localtime(acuerdo.reunion.inicio)
    adoptado = inicio if inicio.date() == acuerdo.fecha else _inicio_del_dia(acuerdo.fecha)
    eventos = [Evento(adoptado, "adopcion", acuerdo)]
    eventos += [Evento(reunion.inicio, "reunion", reunion) for reunion in derivadas]
    for compromiso in compromisos:
        eventos.append(Evento(compromiso.creado_en, "compromiso", compromiso))
        if compromiso.cerrado_en:
            eventos.append(Evento(compromiso.cerrado_en, "cumplido", compromiso))
    eventos += [Evento(nota.creada_en, "nota", nota) for nota in notas]
    orden = {"adopcion": 0, "reunion": 1, "compromiso": 2, "nota": 3, "cumplido": 4}
    return _formatear(sorted(eventos, key=lambda e: (e.cuando, orden[e.tipo])))


def _formatear(eventos: list[Evento]) -> list[Evento]:
    """Each event's time, formatted once here rather than by two `date` filters per entry in the template.

    The same as {{ cuando|date:'c' }} and {{ cuando|date:"DATETIME_FORMAT" }}: the filter turns an aware
    datetime to local time, and its "c" is isoformat(). A timeline has hundreds of entries.
    """
    texto = formato_fecha("DATETIME_FORMAT")
    for evento in eventos:
        evento.iso = timezone.localtime(evento.cuando).isoformat()
        evento.texto = texto(evento.cuando)
    return eventos


def _preparar_compromisos(compromisos: list[Compromiso], hoy: dt.date) -> None:
    """What the table and the timeline print of each compromiso, worked out once per compromiso.

    The page shows each compromiso up to three times (table row, assignment and fulfilment entries):
    its address, due date and shortened description are computed here, not by a tag or filter each time.
    """
    enlace = ruta("compromiso_detalle")
    formato = formato_fecha("SHORT_DATE_FORMAT")
    fechas: dict[dt.date, str] = {}  # many compromisos share a due date
    for c in compromisos:
        c.url = enlace(c.pk)
        if c.fecha_limite not in fechas:
            fechas[c.fecha_limite] = formato(c.fecha_limite)
        c.fecha_limite_texto = fechas[c.fecha_limite]
        c.vencido = c.fecha_limite < hoy and c.estado not in ("cumplido", "cancelado")
        c.descripcion_120 = Truncator(c.descripcion).chars(120)
        c.descripcion_100 = Truncator(c.descripcion).chars(100)


def _ultimas_notas(user, acuerdo) -> list[NotaActuacion]:
    """The latest NOTAS_POR_COMPROMISO visible notas of each compromiso, each with its compromiso's total.

    An acuerdo with dozens of compromisos gathers hundreds of notas; its timeline shows the latest of
    each and the compromiso's page the rest. One query: the windows number and count each compromiso's
    notas, and the filter on the number keeps the latest (Django wraps it in a subquery).
    """
    por_compromiso = {"partition_by": [F("compromiso_id")]}
    return list(
        NotaActuacion.objects.visibles_para(user)
        .filter(compromiso__acuerdo=acuerdo)
        .annotate(
            reciente=Window(RowNumber(), order_by=[F("creada_en").desc(), F("pk").desc()], **por_compromiso),
            notas_del_compromiso=Window(Count("*"), **por_compromiso),
        )
        .filter(reciente__lte=NOTAS_POR_COMPROMISO)
        # The template names the author by persona (nombre_visible); the compromiso comes from the view.
        .select_related("autor__persona")
        # A list per nota (to_attr): the template loops over it without a manager and queryset per nota.
        .prefetch_related(Prefetch("adjuntos", to_attr="adjuntos_lista"))
        .order_by("creada_en", "pk")
    )


def _include_exists(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


# Read-only: the page writes nothing, so it needs no transaction (and saves its two statements).
@transaction.non_atomic_requests
@login_required
def acuerdo_detalle(request, pk: int):
    user = request.user
    acuerdo = access.get_acuerdo_or_404(
        user,
        pk,
        queryset=Acuerdo.objects.select_related("junta", "reunion", "punto").con_etiquetas(),
    )
    derivadas = list(Reunion.objects.visibles_para(user).filter(acuerdo_origen=acuerdo).order_by("inicio"))
    compromisos = list(
        Compromiso.objects.visibles_para(user)
        .filter(acuerdo=acuerdo)
        .select_related("organismo", "responsable")
        .order_by("fecha_limite", "pk")
    )
    notas = _ultimas_notas(user, acuerdo)
    # A nota is visible only when its compromiso is (access.notas_visibles): each finds its own here,
    # already read, rather than joining it and its body again for every nota.
    por_pk = {compromiso.pk: compromiso for compromiso in compromisos}
    estado = etiquetas(NotaActuacion, "estado_nuevo")  # the same choices as estado_anterior
    descarga = ruta("adjunto_descargar")
    for nota in notas:
        nota.compromiso = por_pk[nota.compromiso_id]
        # What the timeline prints of each nota, read once here rather than through nested lookups.
        nota.organismo_nombre = nota.compromiso.organismo.nombre
        nota.autor_nombre = nota.autor.nombre_visible
        nota.estado_anterior_texto = estado(nota.estado_anterior)
        nota.estado_nuevo_texto = estado(nota.estado_nuevo)
        for adjunto in nota.adjuntos_lista:
            adjunto.url = descarga(adjunto.pk)
    # How many notas each compromiso has in all (the window counted them before the cut).
    notas_por_compromiso = {n.compromiso_id: n.notas_del_compromiso for n in notas}
    for compromiso in compromisos:
        compromiso.notas_total = notas_por_compromiso.get(compromiso.pk, 0)
        compromiso.notas_ocultas = max(0, compromiso.notas_total - NOTAS_POR_COMPROMISO)
    hoy = timezone.localdate()
    _preparar_compromisos(compromisos, hoy)
    context = {
        "acuerdo": acuerdo,
        "derivadas": derivadas,
        "reuniones_derivadas": derivadas,
        "compromisos": compromisos,
        "cronologia": _cronologia(acuerdo, derivadas, compromisos, notas),
        "hoy": hoy,
        "notas_por_compromiso": NOTAS_POR_COMPROMISO,
        "hay_notas_ocultas": any(c.notas_ocultas for c in compromisos),
        "puede_crear_compromiso": access.puede_gestionar_compromisos(user),
        "derivadas_include": DERIVADAS_INCLUDE if _include_exists(DERIVADAS_INCLUDE) else None,
        "historial": historial_de(acuerdo),
    }
    return render(request, "juntas/acuerdos/detalle.html", context)
