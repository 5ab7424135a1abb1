"""Role fixtures: secretaría, delegado, enlace of one body, enlace of another body, administración, outsider."""

from types import SimpleNamespace

import pytest

from coordinacion.choices import Rol, TipoOrganismo
from tests import factories


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    # The manifest storage needs collectstatic; tests read static files straight from static/.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test's writes are rolled back, data version included: figures cached under a version
    # number by one test must not reach the next, which counts different rows under the same number.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def policia_local(db):
    return factories.OrganismoFactory(nombre="Policía Local", tipo=TipoOrganismo.POLICIA_LOCAL)


@pytest.fixture
def cnp(db):
    return factories.OrganismoFactory(nombre="Cuerpo Nacional de Policía", tipo=TipoOrganismo.CNP)


@pytest.fixture
def secretaria(db):
    return factories.UsuarioFactory(username="secretaria", rol=Rol.SECRETARIA)


@pytest.fixture
def delegado(db):
    return factories.UsuarioFactory(username="delegado", rol=Rol.DELEGADO)


@pytest.fixture
def enlace(policia_local):
    """Liaison of the body that holds the compromisos in most tests."""
    return factories.UsuarioFactory(
        username="enlace_pl", rol=Rol.ENLACE, persona=factories.PersonaFactory(organismo=policia_local)
    )


@pytest.fixture
def enlace_otro(cnp):
    """Liaison of another body."""
    return factories.UsuarioFactory(
        username="enlace_cnp", rol=Rol.ENLACE, persona=factories.PersonaFactory(organismo=cnp)
    )


@pytest.fixture
def administracion(db):
    return factories.UsuarioFactory(username="admin", rol=Rol.ADMINISTRACION, is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    """An account with no role: it may sign in and sees nothing."""
    return factories.UsuarioFactory(username="outsider", rol="")


ROLES = ["secretaria", "delegado", "enlace", "enlace_otro", "administracion", "outsider"]


@pytest.fixture
def as_user(client, request):
    """Log the client in as the role fixture named by the caller: as_user("delegado")."""

    def login(role: str):
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return login


@pytest.fixture
def escenario(policia_local, cnp):
    """One of each object, owned by Policía Local's side, for permission tests.

    A reservada acuerdo with a Policía Local compromiso (the `enlace` fixture's body), a reunión
    that convened Policía Local, its acta, a nota with an attachment. `enlace_otro` (CNP) is not
    involved, so every object here is out of its scope.
    """
    reunion = factories.ReunionFactory()
    factories.ConvocadoFactory(reunion=reunion, persona=factories.PersonaFactory(organismo=policia_local))
    punto = factories.PuntoOrdenFactory(reunion=reunion, numero=1)
    acta = factories.ActaFactory(reunion=reunion)
    acuerdo = factories.AcuerdoFactory(reunion=reunion, punto=punto)
    compromiso = factories.CompromisoFactory(acuerdo=acuerdo, organismo=policia_local)
    nota = factories.NotaActuacionFactory(compromiso=compromiso)
    adjunto = factories.AdjuntoFactory(nota=nota)
    return SimpleNamespace(
        reunion=reunion, punto=punto, acta=acta, acuerdo=acuerdo, compromiso=compromiso, nota=nota, adjunto=adjunto
    )
