from django import forms
from django.utils.translation import gettext_lazy as _

from juntas.filters.opciones import OpcionesCompartidas, OpcionField
from juntas.models import Junta
from juntas.search.kinds import KINDS
from juntas.search.query import MAX_LENGTH


class BusquedaForm(forms.Form):
    """The search and its filters. The text is never rejected for its length: the parser cuts it."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        help_text=_(
            'Use quotes for an exact phrase ("absentismo escolar") and a minus sign to leave a word out (-ruido).'
        ),
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_LENGTH, "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds"))] + [(key, kind.label) for key, kind in KINDS.items()],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    junta = OpcionField(
        label=_("Board"), required=False, queryset=Junta.objects.order_by("nombre"), empty_label=_("All boards")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query lists the boards and checks the chosen one (see juntas/filters/opciones.py).
        field = self.fields["junta"]
        field.opciones = OpcionesCompartidas([field])
