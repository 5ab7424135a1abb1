from django.db import migrations, models


def restore_sqlite_guard(apps, schema_editor):
    # SQLite rebuilds the table to add a constraint, which drops 0002's trigger: put it back.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER IF NOT EXISTS auditoria_no_update BEFORE UPDATE ON coordinacion_registroauditoria "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("coordinacion", "0002_auditoria_append_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="registroauditoria",
            name="confidencialidad",
            field=models.CharField(
                blank=True,
                choices=[("publica", "Public"), ("reservada", "Restricted"), ("policial", "Police only")],
                max_length=10,
                verbose_name="confidentiality",
            ),
        ),
        migrations.AddConstraint(
            model_name="registroauditoria",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("confidencialidad", ""),
                    ("confidencialidad__in", ["publica", "reservada", "policial"]),
                    _connector="OR",
                ),
                name="auditoria_confidencialidad_valida",
            ),
        ),
        migrations.RunPython(restore_sqlite_guard, migrations.RunPython.noop),
    ]
