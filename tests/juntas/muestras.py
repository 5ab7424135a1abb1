"""Small valid files of every allowed kind, built in memory, for attachment tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20 + b"\xff\xd9"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ooxml(main: str) -> bytes:
    content_type = f"application/vnd.openxmlformats-officedocument.{main}"
    types = f'<?xml version="1.0"?><Types><Override PartName="/x" ContentType="{content_type}"/></Types>'
    return _zip({"[Content_Types].xml": types.encode(), "docProps/app.xml": b"<x/>"})


DOCX = _ooxml("wordprocessingml.document.main+xml")
XLSX = _ooxml("spreadsheetml.sheet.main+xml")
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
DOC = OLE2 + "WordDocument".encode("utf-16-le") + b"\x00" * 64
XLS = OLE2 + "Workbook".encode("utf-16-le") + b"\x00" * 64
PLAIN_ZIP = _zip({"readme.txt": b"hola"})
EXE = b"MZ\x90\x00" + b"\x00" * 60


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
