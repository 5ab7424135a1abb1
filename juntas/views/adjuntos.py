"""Attachments are streamed through this view to people who may see their nota, never from MEDIA_URL."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from juntas import access
from juntas.services.compromisos import registrar_descarga


@login_required
def adjunto_descargar(request, pk: int):
    adjunto = access.get_adjunto_or_404(request.user, pk)
    try:
        archivo = adjunto.archivo.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    registrar_descarga(actor=request.user, adjunto=adjunto)
    # FileResponse encodes a non-ASCII name as RFC 5987 filename*=utf-8''...
    response = FileResponse(
        archivo, as_attachment=True, filename=adjunto.nombre_original, content_type=adjunto.tipo_mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
