"""The reference selects of the filter forms read their options together, with one query."""

import pytest

from coordinacion.models import Distrito, Materia, Organismo
from juntas.filters.acuerdos import AcuerdoFilter
from juntas.filters.compromisos import CompromisoFilter
from juntas.models import Acuerdo, Compromiso, Junta
from tests import factories


@pytest.fixture
def referencias(db):
    # Names out of creation order, and district codes that sort apart from their names.
    for nombre in ["Zona Sur", "Ávila", "Centro"]:
        factories.JuntaFactory(nombre=f"Junta {nombre}")
        factories.MateriaFactory(nombre=f"Materia {nombre}")
        factories.OrganismoFactory(nombre=f"Organismo {nombre}")
    for codigo, nombre in [("03", "Norte"), ("01", "Sur"), ("02", "Este")]:
        factories.DistritoFactory(codigo=codigo, nombre=nombre)


def opciones(field) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in field.choices]


@pytest.mark.parametrize(
    ("filterset", "model", "selects"),
    [
        (
            CompromisoFilter,
            Compromiso,
            {"junta": Junta.objects.all(), "materia": Materia.objects.all(), "distrito": Distrito.objects.all()},
        ),
        (
            AcuerdoFilter,
            Acuerdo,
            {"junta": Junta.objects.order_by("nombre"), "organismo": Organismo.objects.order_by("nombre")},
        ),
    ],
)
def test_each_select_lists_what_its_queryset_lists_in_the_same_order(referencias, filterset, model, selects):
    form = filterset({}, queryset=model.objects.all()).form
    for name, queryset in selects.items():
        empty = ("", str(form.fields[name].empty_label))
        assert opciones(form.fields[name]) == [empty] + [(str(obj.pk), str(obj)) for obj in queryset]


def test_the_four_selects_are_rendered_from_one_query(referencias, django_assert_num_queries):
    form = CompromisoFilter({}, queryset=Compromiso.objects.all()).form
    # junta, materia, distrito and organismo options in one UNION
    with django_assert_num_queries(1):
        html = form.as_div()
    assert "Materia Ávila" in html
    assert "Organismo Centro" in html


def test_the_chosen_options_are_checked_against_the_loaded_ones(referencias, django_assert_num_queries):
    junta = Junta.objects.get(nombre="Junta Centro")
    distrito = Distrito.objects.get(codigo="02")
    filtro = CompromisoFilter({"junta": junta.pk, "distrito": distrito.pk}, queryset=Compromiso.objects.all())
    # the one UNION of options; the chosen values need no lookup of their own
    with django_assert_num_queries(1):
        assert filtro.form.is_valid()
    assert filtro.form.cleaned_data["junta"].pk == junta.pk
    assert str(filtro.form.cleaned_data["distrito"]) == "Este"


def test_an_unknown_option_is_a_field_error(referencias):
    filtro = CompromisoFilter({"materia": 999_999}, queryset=Compromiso.objects.all())
    assert not filtro.form.is_valid()
    assert list(filtro.form.errors) == ["materia"]


def test_without_any_chosen_option_nothing_is_read_to_filter(referencias, django_assert_num_queries):
    # The exports filter without showing the form: no choice is needed, so no query for the options.
    filtro = CompromisoFilter({"estado": "pendiente"}, queryset=Compromiso.objects.all())
    with django_assert_num_queries(0):
        assert filtro.form.is_valid()
