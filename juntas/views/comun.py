"""Small helpers shared by the views: role gate and the fetch-and-authorize of a manageable meeting."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from juntas.access import get_reunion_or_404, puede_gestionar_reuniones, rol


def con_rol(view):
    """Signed in and holding a role (access is denied unless granted)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not rol(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def reunion_gestionable(user, pk, queryset=None):
    """The meeting if the user may see it (else 404) and change it (else 403)."""
    reunion = get_reunion_or_404(user, pk, queryset)
    if not puede_gestionar_reuniones(user):
        raise PermissionDenied
    return reunion
