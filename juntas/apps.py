from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from juntas.search.fallback import register

        register(connection)


class JuntasConfig(AppConfig):
    name = "juntas"
    verbose_name = _("Board work")

    def ready(self):
        connection_created.connect(_register_sqlite_functions, dispatch_uid="juntas_sqlite_search")
