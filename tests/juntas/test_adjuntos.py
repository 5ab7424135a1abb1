"""Attachments: the type is read from the content and must agree with the extension; size is bounded."""

import pytest
from django.core.exceptions import ValidationError

from juntas.adjuntos import nombre_seguro, validar_adjunto
from tests.juntas import muestras as m


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("informe.pdf", m.PDF, "application/pdf"),
        ("foto.PNG", m.PNG, "image/png"),
        ("foto.jpg", m.JPEG, "image/jpeg"),
        ("foto.jpeg", m.JPEG, "image/jpeg"),
        ("acta.docx", m.DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("datos.xlsx", m.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("acta.odt", m.ODT, "application/vnd.oasis.opendocument.text"),
        ("datos.ods", m.ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("antiguo.doc", m.DOC, "application/msword"),
        ("antiguo.xls", m.XLS, "application/vnd.ms-excel"),
    ],
)
def test_allowed_kinds_are_recognised_by_content(name, data, mime):
    assert validar_adjunto(m.upload(name, data)) == mime


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("programa.exe", m.EXE, "no es de un tipo permitido"),
        ("informe.pdf", m.EXE, "no es un PDF"),  # an executable renamed .pdf
        ("informe.pdf", m.PNG, "su contenido es .png"),  # extension and content disagree
        ("acta.docx", m.XLSX, "su contenido es .xlsx"),
        ("acta.docx", m.PLAIN_ZIP, "no es un PDF"),  # a zip that is not an office document
        ("acta.odt", m.ODS, "su contenido es .ods"),
        ("antiguo.doc", m.XLS, "su contenido es .xls"),
        ("raro.doc", m.OLE2, "no es un PDF"),  # OLE2 container that is neither Word nor Excel
        ("sin_extension", m.PDF, "no es de un tipo permitido"),
        ("vacio.pdf", b"", "está vacío"),
    ],
)
def test_wrong_types_get_a_spanish_message(name, data, fragment):
    with pytest.raises(ValidationError) as error:
        validar_adjunto(m.upload(name, data))
    assert fragment in " ".join(error.value.messages)


def test_a_file_over_the_limit_is_refused_naming_the_limit(settings):
    settings.ADJUNTO_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        validar_adjunto(m.upload("grande.pdf", m.PDF + b"0" * 2000))
    assert error.value.messages == ["El archivo grande.pdf ocupa 2,1\xa0KB; el límite es 1,0\xa0KB."]
    assert validar_adjunto(m.upload("pequeno.pdf", m.PDF))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("informe.pdf", "informe.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ana\\Informe de patrullas.pdf", "Informe de patrullas.pdf"),
        ("mal\x00nombre\n.pdf", "malnombre.pdf"),
        ("...", "adjunto"),
        ("ñandú ✓.pdf", "ñandú ✓.pdf"),
    ],
)
def test_original_names_lose_paths_and_control_characters(raw, clean):
    assert nombre_seguro(raw) == clean


def test_long_names_keep_their_extension():
    name = nombre_seguro("a" * 300 + ".pdf")
    assert len(name) <= 200 and name.endswith(".pdf")
