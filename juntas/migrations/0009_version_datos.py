"""The data version and the triggers that raise it (see juntas/models/version.py)."""

from django.db import migrations, models

# What the cached counts depend on: compromisos, their acuerdos (level, Junta, topics, districts),
# who chairs which Junta, and the names shown (bodies, topics, districts, Juntas, persons' bodies).
TABLAS = [
    "juntas_compromiso",
    "juntas_acuerdo",
    "juntas_acuerdo_materias",
    "juntas_acuerdo_distritos",
    "juntas_miembrojunta",
    "juntas_junta",
    "coordinacion_organismo",
    "coordinacion_materia",
    "coordinacion_distrito",
    "coordinacion_persona",
]
SUBIR = "UPDATE juntas_versiondatos SET numero = numero + 1 WHERE id = 1"


def crear(apps, schema_editor):
    apps.get_model("juntas", "VersionDatos").objects.create(id=1, numero=0)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # Once per statement: a bulk load or a bulk update raises it once.
        schema_editor.execute(
            "CREATE FUNCTION juntas_subir_version() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {SUBIR}; RETURN NULL; END $$"
        )
        for tabla in TABLAS:
            schema_editor.execute(
                f"CREATE TRIGGER {tabla}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {tabla} "
                "FOR EACH STATEMENT EXECUTE FUNCTION juntas_subir_version()"
            )
    elif vendor == "sqlite":
        # SQLite has row triggers only.
        for tabla in TABLAS:
            for evento in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {tabla}_version_{evento.lower()} AFTER {evento} ON {tabla} BEGIN {SUBIR}; END"
                )
    else:
        raise NotImplementedError(f"No data-version triggers for {vendor}.")


def borrar(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for tabla in TABLAS:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabla}_version ON {tabla}")
        else:
            for evento in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabla}_version_{evento}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS juntas_subir_version()")


class Migration(migrations.Migration):
    dependencies = [
        ("coordinacion", "0003_auditoria_confidencialidad"),
        ("juntas", "0008_indice_implicado"),
    ]

    operations = [
        migrations.CreateModel(
            name="VersionDatos",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("numero", models.BigIntegerField(default=0, verbose_name="number")),
            ],
            options={"verbose_name": "data version", "verbose_name_plural": "data versions"},
        ),
        migrations.RunPython(crear, borrar),
    ]
