"""Compromisos as CSV (for Spanish Excel) and XLSX, one row per visible compromiso.

Rows come from values_list().iterator(), so even 100,000 compromisos never sit in memory as models.
Every text cell is defused against formula injection: spreadsheet programs run a cell that starts
with = + - @ (or a tab/carriage return) as a formula, so such cells get a leading apostrophe.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from coordinacion.choices import Confidencialidad
from juntas.models import EstadoCompromiso

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATO_FECHA_XLSX = "DD/MM/YYYY"

CAMPOS = (
    "acuerdo__numero",
    "acuerdo__anio",
    "acuerdo__titulo",
    "acuerdo__junta__nombre",
    "organismo__nombre",
    "responsable__cargo",
    "responsable__nombre",
    "descripcion",
    "fecha_limite",
    "estado",
    "avance",
    "esta_vencido",
    "confidencialidad",
    "cerrado_en",
)


def cabeceras() -> list[str]:
    return [
        _("Agreement"),
        _("Agreement title"),
        _("Board"),
        _("Responsible body"),
        _("Responsible person"),
        _("Commitment"),
        _("Due date"),
        _("Status"),
        _("Progress (%)"),
        _("Overdue"),
        _("Confidentiality"),
        _("Closed on"),
    ]


def defuse(value):
    """Neutralise formula injection in a text cell; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def filas(queryset) -> Iterator[list]:
    """Plain Python rows (dates as dates) in the order of cabeceras().

    Labels are translated now, in the request's language: a streamed body is produced after the view returns.
    """
    estados = {value: str(label) for value, label in EstadoCompromiso.choices}
    niveles = {value: str(label) for value, label in Confidencialidad.choices}
    si, no = _("Yes"), _("No")
    return _filas(queryset, estados, niveles, si, no)


def _filas(queryset, estados, niveles, si, no) -> Iterator[list]:
    for (
        numero,
        anio,
        titulo,
        junta,
        organismo,
        cargo,
        nombre,
        descripcion,
        fecha_limite,
        estado,
        avance,
        vencido,
        confidencialidad,
        cerrado_en,
    ) in queryset.values_list(*CAMPOS).iterator(chunk_size=2000):
        responsable = (f"{cargo} ({nombre})" if nombre else cargo) if cargo else ""
        yield [
            f"{numero}/{anio}",
            titulo,
            junta,
            organismo,
            responsable,
            descripcion,
            fecha_limite,
            estados.get(estado, estado),
            avance,
            si if vencido else no,
            niveles.get(confidencialidad, confidencialidad),
            timezone.localdate(cerrado_en) if cerrado_en else None,
        ]


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_lineas(cabecera: list[str], rows: Iterable[list]) -> Iterator[str]:
    # The BOM and ';' make Excel in a Spanish locale open the file as UTF-8 columns.
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(cabecera)
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return defuse(value)


def xlsx_bytes(cabecera: list[str], rows: Iterable[list], titulo: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=titulo[:31])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKL", (10, 40, 28, 28, 28, 60, 12, 14, 10, 10, 16, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    sheet.append([_header_cell(sheet, text, bold) for text in cabecera])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cell(sheet, text, font):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = font
    return cell


def _xlsx_cell(sheet, value):
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = FORMATO_FECHA_XLSX
        return cell
    if isinstance(value, str):
        # Control characters are not allowed in XLSX XML; text pasted from elsewhere may carry them.
        return defuse(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value
