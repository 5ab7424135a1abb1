"""Forms for compromisos and notas de actuación. They validate input; the services save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordinacion.choices import Confidencialidad
from coordinacion.models import Organismo, Persona
from juntas import access
from juntas.adjuntos import extensiones_permitidas, max_bytes, validar_adjunto
from juntas.models import EstadoCompromiso
from juntas.transitions import REQUIEREN_MOTIVO, destinos


class PersonaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} — {obj.organismo}"


class CompromisoForm(forms.Form):
    """The terms of a compromiso, set by the secretaría."""

    descripcion = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    organismo = forms.ModelChoiceField(label=_("Responsible body"), queryset=Organismo.objects.none())
    responsable = PersonaChoiceField(
        label=_("Responsible person"),
        queryset=Persona.objects.none(),
        help_text=_("A person of the responsible body."),
    )
    fecha_limite = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    confidencialidad = forms.ChoiceField(
        label=_("Confidentiality"), choices=Confidencialidad.choices, initial=Confidencialidad.RESERVADA
    )

    def __init__(self, *args, compromiso=None, **kwargs):
        if compromiso is not None:
            kwargs.setdefault(
                "initial",
                {
                    "descripcion": compromiso.descripcion,
                    "organismo": compromiso.organismo_id,
                    "responsable": compromiso.responsable_id,
                    "fecha_limite": compromiso.fecha_limite,
                    "confidencialidad": compromiso.confidencialidad,
                },
            )
        super().__init__(*args, **kwargs)
        activos = Organismo.objects.filter(activo=True)
        if compromiso is not None:
            activos = Organismo.objects.filter(activo=True) | Organismo.objects.filter(pk=compromiso.organismo_id)
        self.fields["organismo"].queryset = activos.order_by("nombre")
        self.fields["responsable"].queryset = (
            Persona.objects.filter(activa=True).select_related("organismo").order_by("organismo__nombre", "cargo")
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the pattern from Django's file upload docs)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class NotaForm(forms.Form):
    """A nota on a compromiso, optionally moving its status and progress, with attachments."""

    texto = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    estado_nuevo = forms.ChoiceField(label=_("Change status to"), required=False)
    avance = forms.IntegerField(
        label=_("Progress (%)"),
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
    )
    confidencialidad = forms.ChoiceField(label=_("Confidentiality"), initial=Confidencialidad.RESERVADA)
    archivos = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args, user, compromiso, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("avance", compromiso.avance)
        super().__init__(*args, **kwargs)
        actor = access.actor_de_compromiso(user, compromiso)
        choices = [("", _("No change (%(status)s)") % {"status": compromiso.get_estado_display()})]
        for estado in destinos(actor, compromiso.estado):
            label = estado.label
            if estado in REQUIEREN_MOTIVO:
                label = _("%(status)s — explain why in the note") % {"status": label}
            choices.append((estado.value, label))
        # Offer only the moves this person may make now, but accept any status: if the page is stale
        # (someone moved the compromiso meanwhile), the service explains which move is not allowed.
        self.fields["estado_nuevo"].choices = [choices[0], *EstadoCompromiso.choices]
        self.fields["estado_nuevo"].widget.choices = choices
        niveles = Confidencialidad.choices
        if not access.puede_usar_nivel_policial(user):
            niveles = [(value, label) for value, label in niveles if value != Confidencialidad.POLICIAL]
        self.fields["confidencialidad"].choices = niveles
        self.fields["archivos"].help_text = _(
            "PDF, images or office documents (%(types)s), up to %(size)s MB each."
        ) % {
            "types": extensiones_permitidas(),
            "size": max_bytes() // (1024 * 1024),
        }
        self.fields["archivos"].widget.attrs["accept"] = ",".join(
            f".{ext}" for ext in extensiones_permitidas().split(", ")
        )

    def clean_estado_nuevo(self):
        value = self.cleaned_data["estado_nuevo"]
        return value if value in EstadoCompromiso.values else ""

    def clean_archivos(self):
        archivos = self.cleaned_data.get("archivos") or []
        errors = []
        for archivo in archivos:
            try:
                validar_adjunto(archivo)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return archivos


class OrganismoChoiceForm(forms.Form):
    """The body whose compromisos the secretaría or a delegado want to see on "Mi organismo"."""

    organismo = forms.ModelChoiceField(label=_("Body"), queryset=Organismo.objects.order_by("nombre"), required=False)
