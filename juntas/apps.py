from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuntasConfig(AppConfig):
    name = "juntas"
    verbose_name = _("Board work")
