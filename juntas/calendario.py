"""iCalendar (RFC 5545) documents for reuniones: one per meeting, or a feed of many."""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from juntas.models import EstadoReunion, Reunion

PRODID = "-//Junta Local de Seguridad//Portal//ES"
DURACION_POR_DEFECTO = dt.timedelta(hours=2)


def _evento(reunion: Reunion, *, dominio: str, url: str = "", puntos: Iterable | None = None) -> Event:
    evento = Event()
    # A stable UID lets calendar clients update the event when the meeting changes.
    evento.add("uid", f"reunion-{reunion.pk}@{dominio}")
    evento.add("dtstamp", timezone.now().astimezone(dt.UTC))
    evento.add("dtstart", reunion.inicio.astimezone(dt.UTC))
    evento.add("dtend", (reunion.fin or reunion.inicio + DURACION_POR_DEFECTO).astimezone(dt.UTC))
    evento.add("summary", reunion.titulo)
    lugar = reunion.lugar or reunion.enlace_telematico
    if lugar:
        evento.add("location", lugar)
    lineas = [f"{reunion.junta} · {reunion.get_tipo_display()} · {reunion.get_modalidad_display()}"]
    if reunion.enlace_telematico:
        lineas.append(_("Remote link: %(link)s") % {"link": reunion.enlace_telematico})
    if puntos is not None:
        lineas.append(_("Agenda:"))
        lineas += [f"{p.numero}. {p.titulo}" for p in puntos]
    if url:
        lineas.append(url)
        evento.add("url", url)
    evento.add("description", "\n".join(lineas))
    evento.add("status", "CANCELLED" if reunion.estado == EstadoReunion.CANCELADA else "CONFIRMED")
    return evento


def _calendario(nombre: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nombre)
    return cal


def ics_reunion(reunion: Reunion, *, dominio: str, url: str = "", puntos: Iterable | None = None) -> bytes:
    cal = _calendario(reunion.titulo)
    cal.add_component(_evento(reunion, dominio=dominio, url=url, puntos=puntos))
    return cal.to_ical()


def ics_feed(reuniones: Iterable[Reunion], *, nombre: str, dominio: str, url_de) -> bytes:
    """url_de(reunion) gives each meeting's absolute URL."""
    cal = _calendario(nombre)
    for reunion in reuniones:
        cal.add_component(_evento(reunion, dominio=dominio, url=url_de(reunion)))
    return cal.to_ical()
