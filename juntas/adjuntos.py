"""Which files may be attached to a nota: the type is read from the content, not trusted from the name.

Allowed: PDF, PNG, JPEG, Office Open XML (docx, xlsx), OpenDocument (odt, ods) and the legacy OLE2
formats (doc, xls). The extension must agree with what the content is.
"""

import unicodedata
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# extension -> content type served back
TIPOS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_READ_LIMIT = 64 * 1024  # we only read two tiny manifest entries; never inflate more


def max_bytes() -> int:
    return getattr(settings, "ADJUNTO_MAX_BYTES", DEFAULT_MAX_BYTES)


def extensiones_permitidas() -> str:
    return ", ".join(sorted(TIPOS))


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as entry:
        return entry.read(_ZIP_READ_LIMIT)


def _zip_kinds(fileobj) -> set[str]:
    """Extensions a ZIP container may legitimately carry, from its manifest."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = _read_entry(archive, "mimetype").strip()
                return {
                    b"application/vnd.oasis.opendocument.text": {"odt"},
                    b"application/vnd.oasis.opendocument.spreadsheet": {"ods"},
                }.get(mimetype, set())
            if "[Content_Types].xml" in names:
                manifest = _read_entry(archive, "[Content_Types].xml")
                if b"wordprocessingml.document.main+xml" in manifest:
                    return {"docx"}
                if b"spreadsheetml.sheet.main+xml" in manifest:
                    return {"xlsx"}
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        pass
    return set()


def _ole2_kinds(fileobj) -> set[str]:
    # The compound file directory stores stream names in UTF-16LE: Word has "WordDocument",
    # Excel has "Workbook" (or "Book" before Excel 97).
    data = fileobj.read(max_bytes() + 1)
    if "WordDocument".encode("utf-16-le") in data:
        return {"doc"}
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return {"xls"}
    return set()


def tipos_por_contenido(fileobj) -> set[str]:
    """The extensions the content matches (empty when it is none of the allowed kinds)."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return {"pdf"}
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return {"png"}
        if head.startswith(b"\xff\xd8\xff"):
            return {"jpg", "jpeg"}
        if head.startswith(b"PK\x03\x04"):
            return _zip_kinds(fileobj)
        if head.startswith(_OLE2):
            return _ole2_kinds(fileobj)
        return set()
    finally:
        fileobj.seek(0)


def nombre_seguro(nombre: str) -> str:
    """The original name as shown and offered back: no path, no control characters, bounded length."""
    base = PurePath(nombre.replace("\\", "/")).name
    limpio = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if not limpio:
        return "adjunto"
    stem, dot, ext = limpio.rpartition(".")
    if dot and len(limpio) > 200:
        return f"{stem[: 199 - len(ext)]}.{ext}"
    return limpio[:200]


def validar_adjunto(archivo) -> str:
    """Check an uploaded file; return its content type or raise ValidationError in Spanish."""
    nombre = getattr(archivo, "name", "") or ""
    limite = max_bytes()
    if archivo.size == 0:
        raise ValidationError(_("The file %(name)s is empty."), params={"name": nombre}, code="vacio")
    if archivo.size > limite:
        raise ValidationError(
            _("The file %(name)s is %(size)s; the limit is %(limit)s."),
            params={"name": nombre, "size": filesizeformat(archivo.size), "limit": filesizeformat(limite)},
            code="demasiado_grande",
        )
    extension = PurePath(nombre).suffix.lower().lstrip(".")
    if extension not in TIPOS:
        raise ValidationError(
            _("The file %(name)s is not of an allowed type. Allowed types: %(types)s."),
            params={"name": nombre, "types": extensiones_permitidas()},
            code="tipo_no_permitido",
        )
    contenido = tipos_por_contenido(archivo)
    if not contenido:
        raise ValidationError(
            _("The content of %(name)s is not a PDF, image or office document. Allowed types: %(types)s."),
            params={"name": nombre, "types": extensiones_permitidas()},
            code="contenido_no_permitido",
        )
    if extension not in contenido:
        raise ValidationError(
            _("The file %(name)s is named .%(ext)s but its content is .%(real)s. Rename it or attach the right file."),
            params={"name": nombre, "ext": extension, "real": sorted(contenido)[0]},
            code="extension_no_coincide",
        )
    return TIPOS[extension]
