import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from coordinacion.choices import Confidencialidad, Rol
from juntas.models import EstadoCompromiso, RecordatorioEnviado
from tests import factories

pytestmark = pytest.mark.django_db

HOY = timezone.localdate


def compromiso(organismo, dias: int, **kwargs):
    kwargs.setdefault("descripcion", f"Compromiso a {dias} días")
    return factories.CompromisoFactory(organismo=organismo, fecha_limite=HOY() + dt.timedelta(days=dias), **kwargs)


@pytest.fixture
def pendientes(policia_local, cnp):
    """Policía Local: one overdue, one due in 3 days, one police-only due in 5, and some that must not appear."""
    return {
        "vencido": compromiso(policia_local, -2, descripcion="Patrullas nocturnas atrasadas"),
        "proximo": compromiso(policia_local, 3, descripcion="Informe de ocio nocturno"),
        "policial": compromiso(
            policia_local,
            5,
            descripcion="Operativo secreto en el polígono",
            confidencialidad=Confidencialidad.POLICIAL,
            acuerdo=factories.AcuerdoFactory(confidencialidad=Confidencialidad.POLICIAL),
        ),
        "lejano": compromiso(policia_local, 30, descripcion="Plan a largo plazo"),
        "cerrado": compromiso(
            policia_local, -10, descripcion="Ya cumplido", estado=EstadoCompromiso.CUMPLIDO, avance=100
        ),
        "otro_organismo": compromiso(cnp, 1, descripcion="Compromiso de la CNP"),
    }


def test_each_liaison_gets_one_digest_of_their_body_due_soon_or_overdue(enlace, enlace_otro, pendientes, settings):
    settings.SITE_URL = "https://jls.example.es"
    segundo_enlace = factories.UsuarioFactory(
        rol=Rol.ENLACE, persona=factories.PersonaFactory(organismo=enlace.persona.organismo)
    )
    call_command("enviar_recordatorios", "--dias", "7")

    por_destinatario = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 3  # one per liaison, not one per compromiso
    assert set(por_destinatario) == {enlace.persona.email, segundo_enlace.persona.email, enlace_otro.persona.email}

    mensaje = por_destinatario[enlace.persona.email]
    assert mensaje.subject == "Policía Local: 3 compromisos próximos a vencer o vencidos"
    assert "Patrullas nocturnas atrasadas" in mensaje.body
    assert "[VENCIDO]" in mensaje.body
    assert "Informe de ocio nocturno" in mensaje.body
    assert "Plan a largo plazo" not in mensaje.body
    assert "Ya cumplido" not in mensaje.body
    assert "Compromiso de la CNP" not in mensaje.body
    # Police-only text stays in the portal.
    assert "Operativo secreto" not in mensaje.body
    assert "Contenido policial: consúltelo en el portal." in mensaje.body
    assert f"https://jls.example.es/compromisos/?organismo={enlace.persona.organismo.pk}" in mensaje.body

    html, tipo = mensaje.alternatives[0]
    assert tipo == "text/html"
    assert "<table" in html and "Informe de ocio nocturno" in html and "(vencido)" in html
    assert "Operativo secreto" not in html

    cnp = por_destinatario[enlace_otro.persona.email]
    assert "Compromiso de la CNP" in cnp.body
    assert "Patrullas" not in cnp.body

    registro = RecordatorioEnviado.objects.get(usuario=enlace, fecha=HOY())
    assert registro.total == 3
    assert sorted(registro.compromisos) == sorted(
        [pendientes["vencido"].pk, pendientes["proximo"].pk, pendientes["policial"].pk]
    )


def test_running_twice_the_same_day_sends_nothing_new(enlace, pendientes):
    call_command("enviar_recordatorios")
    assert len(mail.outbox) == 1
    call_command("enviar_recordatorios")
    assert len(mail.outbox) == 1
    assert RecordatorioEnviado.objects.count() == 1


def test_the_next_day_sends_again(enlace, pendientes):
    from juntas.services.recordatorios import enviar_recordatorios

    assert enviar_recordatorios(dias=7).enviados == 1
    assert enviar_recordatorios(dias=7, hoy=HOY() + dt.timedelta(days=1)).enviados == 1
    assert len(mail.outbox) == 2


def test_days_ahead_are_configurable(enlace, pendientes):
    call_command("enviar_recordatorios", "--dias", "0")
    assert len(mail.outbox) == 1
    assert "Patrullas nocturnas atrasadas" in mail.outbox[0].body  # overdue always included
    assert "Informe de ocio nocturno" not in mail.outbox[0].body


def test_liaisons_without_email_inactive_or_with_nothing_due_get_nothing(policia_local, pendientes):
    sin_correo = factories.UsuarioFactory(
        rol=Rol.ENLACE, email="", persona=factories.PersonaFactory(organismo=policia_local, email="")
    )
    factories.UsuarioFactory(rol=Rol.ENLACE, is_active=False, persona=factories.PersonaFactory(organismo=policia_local))
    sin_pendientes = factories.UsuarioFactory(rol=Rol.ENLACE, persona=factories.PersonaFactory())
    factories.UsuarioFactory(rol=Rol.DELEGADO)  # not a liaison
    call_command("enviar_recordatorios")
    assert mail.outbox == []
    assert not RecordatorioEnviado.objects.filter(usuario__in=[sin_correo, sin_pendientes]).exists()


def test_the_account_email_wins_over_the_persons(enlace, pendientes):
    enlace.email = "cuenta@policia.example"
    enlace.save(update_fields=["email"])
    call_command("enviar_recordatorios")
    assert mail.outbox[0].to == ["cuenta@policia.example"]


def test_a_failed_send_is_retried_on_the_next_run(enlace, pendientes, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def falla(self, fail_silently=False):
        raise OSError("SMTP caído")

    monkeypatch.setattr(EmailMultiAlternatives, "send", falla)
    with pytest.raises(CommandError, match="could not be sent"):
        call_command("enviar_recordatorios")
    assert not RecordatorioEnviado.objects.exists()
    monkeypatch.undo()
    call_command("enviar_recordatorios")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("dias", ["-1", "366"])
def test_out_of_range_days_are_refused(db, dias):
    with pytest.raises(CommandError, match="--dias"):
        call_command("enviar_recordatorios", "--dias", dias)


def test_the_command_reports_what_it_did(enlace, pendientes, capsys):
    call_command("enviar_recordatorios")
    call_command("enviar_recordatorios")
    salida = capsys.readouterr().out.splitlines()
    assert salida == [
        "sent=1 already_sent_today=0 nothing_due=0 no_email=0 failed=0",
        "sent=0 already_sent_today=1 nothing_due=0 no_email=0 failed=0",
    ]
