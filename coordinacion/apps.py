from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinacionConfig(AppConfig):
    name = "coordinacion"
    verbose_name = _("Coordination network")

    def ready(self):
        from coordinacion import signals  # noqa: F401  (connects the login audit receivers)
