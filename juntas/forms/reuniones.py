"""Forms of a reunión: the meeting, a punto, the convocados and the asistencia."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coordinacion.models import Persona
from juntas.models import Acuerdo, Asistencia, Derecho, Junta, PuntoOrden, Reunion

FORMATO_FECHA_HORA = "%Y-%m-%dT%H:%M"


class FechaHoraInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=FORMATO_FECHA_HORA)


def aplicar_errores(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the matching fields; the rest on top of the form."""
    if hasattr(error, "error_dict"):
        for campo, errores in error.error_dict.items():
            form.add_error(campo if campo in form.fields else None, errores)
    else:
        form.add_error(None, error)


class ReunionForm(forms.ModelForm):
    enlace_telematico = forms.URLField(
        label=capfirst(_("remote meeting link")), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Reunion
        fields = [
            "junta",
            "tipo",
            "titulo",
            "modalidad",
            "lugar",
            "enlace_telematico",
            "inicio",
            "fin",
            "convocante",
            "acuerdo_origen",
        ]
        widgets = {"inicio": FechaHoraInput(), "fin": FechaHoraInput()}
        help_texts = {
            "inicio": _("Date and time, Madrid time."),
            "acuerdo_origen": _("If this is a follow-up meeting of an agreement."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["junta"].queryset = Junta.objects.filter(activa=True)
        self.fields["convocante"].queryset = Persona.objects.filter(activa=True).select_related("organismo")
        self.fields["acuerdo_origen"].queryset = Acuerdo.objects.order_by("-anio", "-numero")
        for nombre in ("inicio", "fin"):
            self.fields[nombre].input_formats = [FORMATO_FECHA_HORA, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        if self.instance.pk is None and not self.is_bound and len(self.fields["junta"].queryset) == 1:
            self.initial.setdefault("junta", self.fields["junta"].queryset[0])

    def clean(self):
        datos = super().clean()
        inicio, fin = datos.get("inicio"), datos.get("fin")
        if inicio and fin and fin <= inicio:
            self.add_error("fin", _("The end must be after the start."))
        return datos


class PuntoForm(forms.ModelForm):
    votos_urgencia = forms.IntegerField(
        label=_("Members who voted the item urgent"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_(
            "The meeting has started: an item not on the agenda needs every member with a vote present and a "
            "majority declaring it urgent (Ley 40/2015, art. 17.4)."
        ),
    )

    class Meta:
        model = PuntoOrden
        fields = ["titulo", "tipo", "descripcion"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, urgente: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not urgente:
            del self.fields["votos_urgencia"]

    def validate_unique(self):
        # The number is the service's business; the form only carries text.
        pass


class MoverPuntoForm(forms.Form):
    direccion = forms.ChoiceField(choices=[("arriba", _("Up")), ("abajo", _("Down"))])


class LoadedChoicesField(forms.TypedMultipleChoiceField):
    """Pick among objects the view has already loaded: validated in memory, no query per value.

    Unlike ModelMultipleChoiceField it never sends a posted id to the database, so a forged value
    (text, or a number too large for an integer column) is just "not one of the choices".
    """

    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)
        self.objects = {}

    def load(self, objects, label):
        self.objects = {obj.pk: obj for obj in objects}
        self.choices = [(obj.pk, label(obj)) for obj in objects]

    def clean(self, value):
        return [self.objects[pk] for pk in super().clean(value)]


class ConvocadosForm(forms.Form):
    personas = LoadedChoicesField(
        label=_("Persons"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The Junta's members come first, with their position on the board."),
    )
    organismos = LoadedChoicesField(
        label=_("Bodies called as a whole"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, personas, organismos, **kwargs):
        """personas and organismos: the candidates, already loaded (one query each)."""
        super().__init__(*args, **kwargs)
        self.fields["personas"].load(personas, lambda p: p.etiqueta_convocatoria)
        self.fields["organismos"].load(organismos, lambda o: o.nombre)


class AsistenciaForm(forms.Form):
    """One attendance and one rights field per convocado, named after its id."""

    def __init__(self, *args, convocados, **kwargs):
        super().__init__(*args, **kwargs)
        self.filas = []
        for c in convocados:
            asistencia = forms.ChoiceField(
                label=_("Attendance of %(who)s") % {"who": c}, choices=Asistencia.choices, initial=c.asistencia
            )
            derecho = forms.ChoiceField(
                label=_("Rights of %(who)s") % {"who": c}, choices=Derecho.choices, initial=c.derecho
            )
            self.fields[f"asistencia_{c.pk}"] = asistencia
            self.fields[f"derecho_{c.pk}"] = derecho
            self.filas.append((c, self[f"asistencia_{c.pk}"], self[f"derecho_{c.pk}"]))

    def marcas(self) -> dict[int, tuple[str, str]]:
        return {
            c.pk: (self.cleaned_data[f"asistencia_{c.pk}"], self.cleaned_data[f"derecho_{c.pk}"])
            for c, _asistencia, _derecho in self.filas
        }
