"""Small related lists read as JSON along with their parent row."""

from juntas.consultas import con_miembros, quorum_reunion
from juntas.models import Acuerdo, Asistencia, CargoJunta, Reunion
from tests import factories


def test_con_etiquetas_reads_the_names_the_relations_hold_in_their_order(db, django_assert_num_queries):
    acuerdo = factories.AcuerdoFactory()
    sin_etiquetas = factories.AcuerdoFactory()
    for nombre in ["Ocio nocturno", "Absentismo escolar", "Convivencia"]:
        acuerdo.materias.add(factories.MateriaFactory(nombre=nombre))
    for codigo, nombre in [("03", "Centro"), ("01", "Norte"), ("02", "Este")]:
        acuerdo.distritos.add(factories.DistritoFactory(codigo=codigo, nombre=nombre))
    list(Acuerdo.objects.con_etiquetas())  # SQLite: Django checks its JSON support once per connection
    # the acuerdos, each with both lists as JSON subqueries
    with django_assert_num_queries(1):
        leidos = {a.pk: (a.nombres_materias, a.nombres_distritos) for a in Acuerdo.objects.con_etiquetas()}
    assert leidos[acuerdo.pk] == (["Absentismo escolar", "Convivencia", "Ocio nocturno"], ["Norte", "Este", "Centro"])
    assert leidos[sin_etiquetas.pk] == ([], [])
    # Without con_etiquetas the names come from the relations, as before.
    plain = Acuerdo.objects.get(pk=acuerdo.pk)
    assert (plain.nombres_materias, plain.nombres_distritos) == leidos[acuerdo.pk]


def test_the_quorum_is_the_same_from_the_members_read_with_the_reunion(db):
    reunion = factories.ReunionFactory()
    for cargo in [CargoJunta.PRESIDENTE, CargoJunta.SECRETARIO, CargoJunta.VOCAL, CargoJunta.ASISTENTE]:
        miembro = factories.MiembroJuntaFactory(junta=reunion.junta, cargo=cargo)
        factories.ConvocadoFactory(reunion=reunion, persona=miembro.persona, asistencia=Asistencia.ASISTE)
    factories.MiembroJuntaFactory(junta=reunion.junta, cargo=CargoJunta.VOCAL)  # absent
    con_json = con_miembros(Reunion.objects.select_related("junta")).get(pk=reunion.pk)
    assert quorum_reunion(con_json) == quorum_reunion(Reunion.objects.get(pk=reunion.pk))
    assert quorum_reunion(con_json).miembros_con_voto == 4
