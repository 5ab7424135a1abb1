from django.utils.translation import gettext_lazy as _

from coordinacion.choices import Rol

# (url name, label, roles that see it). Later issues add their sections here.
NAV_ITEMS = [
    ("inicio", _("Home"), {Rol.SECRETARIA, Rol.DELEGADO, Rol.ENLACE, Rol.ADMINISTRACION}),
    ("reunion_lista", _("Meetings"), {Rol.SECRETARIA, Rol.DELEGADO, Rol.ENLACE, Rol.ADMINISTRACION}),
    ("acuerdo_lista", _("Agreements"), {Rol.SECRETARIA, Rol.DELEGADO, Rol.ENLACE, Rol.ADMINISTRACION}),
    ("compromiso_lista", _("Commitments"), {Rol.SECRETARIA, Rol.DELEGADO, Rol.ENLACE, Rol.ADMINISTRACION}),
    ("mi_organismo", _("My body"), {Rol.ENLACE}),
    ("panel", _("Dashboard"), {Rol.SECRETARIA, Rol.DELEGADO}),
    ("auditoria", _("Audit log"), {Rol.ADMINISTRACION}),
    ("admin:index", _("Administration"), {Rol.ADMINISTRACION}),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    role = user.rol
    items = [(name, label) for name, label, roles in NAV_ITEMS if role in roles]
    if user.is_staff and not any(name == "admin:index" for name, _label in items):
        items.append(("admin:index", _("Administration")))
    return {"nav_items": items}
