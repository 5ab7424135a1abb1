"""Platform-level rules by role: the audit log and the second factor.

The rules on the board's content (who sees which acuerdo, compromiso, nota...) live in
juntas/access.py, which builds on `rol()` below; these are the ones the coordinacion app itself
needs, kept here so that dependencies keep pointing juntas -> coordinacion.
"""

from django.conf import settings

from coordinacion.choices import Rol

# Privileged access (ENS op.acc.5): the roles that must present a second factor.
ROLES_CON_SEGUNDO_FACTOR = frozenset({Rol.SECRETARIA, Rol.ADMINISTRACION})


def rol(user) -> str:
    """The user's role, or "" for anonymous and deactivated accounts (denied unless granted)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ""
    return user.rol


def puede_ver_auditoria(user) -> bool:
    return rol(user) == Rol.ADMINISTRACION or (user.is_authenticated and user.is_active and user.is_superuser)


def requiere_segundo_factor(user) -> bool:
    """Whether this account must verify a TOTP code (or a recovery code) after its password.

    Secretaría and administración, and anyone who may enter the admin site (staff), when the
    OTP_REQUIRED setting is on.
    """
    if not settings.OTP_REQUIRED or not user.is_authenticated:
        return False
    return rol(user) in ROLES_CON_SEGUNDO_FACTOR or user.is_staff or user.is_superuser
