"""Forms of the acta editor: they validate input; the services in juntas/services/actas.py write."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordinacion.choices import Confidencialidad
from coordinacion.models import Distrito, Materia
from juntas.models import Reunion, TipoConformidad, Votacion

MAX_TEXTO = 50_000


class TextoVersionadoForm(forms.Form):
    """A text saved with optimistic locking: `version` is the one the editor started from."""

    texto = forms.CharField(
        label=_("Text"), required=False, max_length=MAX_TEXTO, strip=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    version = forms.IntegerField(min_value=1, max_value=2_000_000_000, widget=forms.HiddenInput)
    # Set by the "keep my text" button after a conflict: the version the user chose to overwrite.
    forzar = forms.IntegerField(min_value=1, max_value=2_000_000_000, required=False, widget=forms.HiddenInput)

    def version_esperada(self) -> int:
        return self.cleaned_data.get("forzar") or self.cleaned_data["version"]


VOTOS = {"min_value": 0, "max_value": 999, "required": False}


class AcuerdoForm(forms.Form):
    titulo = forms.CharField(label=_("Title"), max_length=300)
    texto = forms.CharField(
        label=_("Text of the agreement"), max_length=MAX_TEXTO, widget=forms.Textarea(attrs={"rows": 6})
    )
    materias = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Materia.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    distritos = forms.ModelMultipleChoiceField(
        label=_("Districts"), queryset=Distrito.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    votacion = forms.ChoiceField(label=_("Vote"), choices=Votacion.choices, widget=forms.RadioSelect)
    votos_favor = forms.IntegerField(label=_("Votes for"), **VOTOS)
    votos_contra = forms.IntegerField(label=_("Votes against"), **VOTOS)
    abstenciones = forms.IntegerField(label=_("Abstentions"), **VOTOS)
    votos_particulares = forms.CharField(
        label=_("Dissenting votes and explanations"),
        required=False,
        max_length=MAX_TEXTO,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A member's vote against, abstention and reasons (Ley 40/2015, art. 17.5)."),
    )
    confidencialidad = forms.ChoiceField(
        label=_("Confidentiality"), choices=Confidencialidad.choices, initial=Confidencialidad.RESERVADA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["votacion"].initial = Votacion.UNANIMIDAD


def _plazo_por_defecto() -> dt.datetime:
    return (timezone.localtime() + dt.timedelta(days=10)).replace(hour=14, minute=0, second=0, microsecond=0)


class EnviarActaForm(forms.Form):
    plazo = forms.DateTimeField(
        label=_("Deadline for conformity or objections"),
        initial=_plazo_por_defecto,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )


class ConformidadForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Your reply"), choices=TipoConformidad.choices, widget=forms.RadioSelect)
    texto = forms.CharField(
        label=_("Objections or remarks"),
        required=False,
        max_length=MAX_TEXTO,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you raise objections."),
    )


class AprobarActaForm(forms.Form):
    """Which session approves the acta: the same one or the next (choices built from `opciones`)."""

    reunion_aprobacion = forms.TypedChoiceField(label=_("Approved in"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, opciones: list[Reunion], **kwargs):
        super().__init__(*args, **kwargs)
        self.opciones = {r.pk: r for r in opciones}
        field = self.fields["reunion_aprobacion"]
        field.choices = [(r.pk, _label(r, i)) for i, r in enumerate(opciones)]
        field.initial = opciones[0].pk if opciones else None

    def reunion(self) -> Reunion:
        return self.opciones[self.cleaned_data["reunion_aprobacion"]]


def _label(reunion: Reunion, index: int) -> str:
    cual = _("this same meeting") if index == 0 else _("next session")
    return f"{reunion} — {cual}"
