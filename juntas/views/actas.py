"""The acta of a meeting: writing it (autosaved, with optimistic locking), adopting acuerdos,
the approval round, and its PDF documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coordinacion.audit import historial_de
from juntas import documentos
from juntas.access import (
    es_convocado,
    get_acta_or_404,
    get_acuerdo_or_404,
    get_reunion_or_404,
    puede_redactar_acta,
    reuniones_visibles,
)
from juntas.acta_checks import PuntoResumen, elementos_acta, elementos_que_faltan
from juntas.forms.actas import (
    AcuerdoForm,
    AprobarActaForm,
    ConformidadForm,
    EnviarActaForm,
    TextoVersionadoForm,
)
from juntas.models import Acta, Acuerdo, Asistencia, EstadoActa, PuntoOrden, Reunion
from juntas.presentacion import etiquetas, ruta
from juntas.services import actas as servicio


def _reunion(request, pk) -> Reunion:
    return get_reunion_or_404(
        request.user, pk, queryset=Reunion.objects.select_related("junta", "acta__aprobada_en_reunion")
    )


def _reunion_y_siguiente(request, pk) -> Reunion:
    """The reunión as _reunion() does, read together with the next session that may approve its acta."""
    queryset = Reunion.objects.select_related("junta", "acta__aprobada_en_reunion")
    filas = list(reuniones_visibles(queryset, request.user).filter(Q(pk=pk) | servicio.siguiente_sesion_q(pk)))
    reunion = next((fila for fila in filas if fila.pk == pk), None)
    if reunion is None:
        raise Http404
    reunion.siguiente_sesion = next((fila for fila in filas if fila.pk != pk), None)
    return reunion


def _acta_de(reunion):
    try:
        return reunion.acta
    except Reunion.acta.RelatedObjectDoesNotExist:
        return None


def _exigir_secretaria(user) -> None:
    if not puede_redactar_acta(user):
        raise PermissionDenied


def _form_errors(form, error: ValidationError) -> None:
    """Service errors go next to their fields; the rest on top of the form."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


def _editor(texto: str, version: int) -> dict:
    """An editor as stored, with every key its status partial reads: a missing key costs the template a
    failed lookup (an exception, a dir() and a debug log), and an acta has one editor per punto."""
    return {"texto": texto, "version": version, "conflicto": False, "error": "", "guardado_en": None}


def _contexto(request, reunion, acta, *, editores=None, **forms) -> dict:
    """Everything the acta page shows, in a fixed number of queries."""
    user = request.user
    puntos = list(reunion.puntos.order_by("numero"))
    acuerdos = list(Acuerdo.objects.visibles_para(user).filter(reunion=reunion).con_etiquetas().order_by("numero"))
    convocados = list(reunion.convocados.select_related("persona", "organismo"))
    por_punto: dict[int | None, list] = {}
    for acuerdo in acuerdos:
        por_punto.setdefault(acuerdo.punto_id, []).append(acuerdo)
    redactor = puede_redactar_acta(user)
    editable = redactor and acta is not None and acta.estado == EstadoActa.BORRADOR
    editores = editores or {}
    # Routes and labels worked out once for the page, not by a tag in every row (see juntas.presentacion).
    certificado = ruta("acuerdo_certificado")
    confidencialidad, votacion = etiquetas(Acuerdo, "confidencialidad"), etiquetas(Acuerdo, "votacion")
    for acuerdo in acuerdos:
        acuerdo.certificado_url = certificado(acuerdo.pk)
        acuerdo.confidencialidad_texto = confidencialidad(acuerdo.confidencialidad)
        acuerdo.votacion_texto = votacion(acuerdo.votacion)
    deliberacion, acuerdo_nuevo = ruta("acta_deliberacion", 2), ruta("acta_acuerdo_nuevo", 2)
    tipo_punto = etiquetas(PuntoOrden, "tipo")
    for punto in puntos:
        punto.acuerdos_visibles = por_punto.get(punto.pk, [])
        punto.clave = f"punto-{punto.pk}"
        punto.tipo_texto = tipo_punto(punto.tipo)
        punto.deliberacion_url = deliberacion(reunion.pk, punto.pk)
        punto.acuerdo_nuevo_url = acuerdo_nuevo(reunion.pk, punto.pk)
        # An editor re-shown after a failed save keeps what the user typed and explains why.
        punto.editor = editores.get(punto.pk) or _editor(punto.deliberacion, punto.version)
    context = {
        "reunion": reunion,
        "acta": acta,
        "puntos": puntos,
        "acuerdos_sin_punto": por_punto.get(None, []),
        "asistentes": [c for c in convocados if c.asistencia == Asistencia.ASISTE],
        "redactor": redactor,
        "editable": editable,
        "observaciones_editor": editores.get("observaciones")
        or (_editor(acta.observaciones, acta.version) if acta else None),
    }
    if acta is None:
        return context
    if redactor:
        # All acuerdos are visible to the secretaría, so the check sees the whole acta.
        elementos = elementos_acta(
            asistentes=len(context["asistentes"]),
            puntos=[PuntoResumen(p.numero, p.deliberacion) for p in puntos],
            lugar=reunion.lugar,
            modalidad=reunion.modalidad,
            inicio=reunion.inicio,
            fin=reunion.fin,
            textos_acuerdos=[a.texto for a in acuerdos],
        )
        context["elementos"] = elementos
        context["faltan"] = elementos_que_faltan(elementos)
    if acta.estado != EstadoActa.BORRADOR:
        context["conformidades"] = list(acta.conformidades.select_related("usuario__persona__organismo"))
    convocado = es_convocado(user, [c.persona_id for c in convocados if c.persona_id])
    if acta.estado == EstadoActa.ENVIADA:
        if convocado:
            mia = next((c for c in context["conformidades"] if c.usuario_id == user.pk), None)
            context["mi_conformidad"] = mia
            context["conformidad_form"] = forms.get("conformidad_form") or ConformidadForm(
                initial={"tipo": mia.tipo, "texto": mia.texto} if mia else None
            )
        if redactor:
            context["aprobar_form"] = forms.get("aprobar_form") or AprobarActaForm(
                opciones=servicio.opciones_aprobacion(reunion)
            )
    if editable:
        context["enviar_form"] = forms.get("enviar_form") or EnviarActaForm()
    context["plazo_vencido"] = bool(acta.plazo_conformidad and acta.plazo_conformidad < timezone.now())
    return context


def _render(request, reunion, acta, status=200, **extra):
    context = _contexto(request, reunion, acta, **extra)
    context["historial"] = historial_de(acta) if acta is not None else []
    return render(request, "juntas/acta/detalle.html", context, status=status)


# Reading the page needs no transaction (it saves two statements); the POST that opens the acta has
# its own, in servicio.abrir_acta, which writes the acta and its audit entry together.
@transaction.non_atomic_requests
@login_required
@require_http_methods(["GET", "POST"])
def acta_detalle(request, pk):
    reunion = _reunion_y_siguiente(request, pk)
    acta = _acta_de(reunion)
    if request.method == "POST":
        # The secretaría starts the acta of a meeting that has none yet.
        _exigir_secretaria(request.user)
        servicio.abrir_acta(actor=request.user, reunion=reunion)
        return redirect("acta_detalle", pk=reunion.pk)
    if acta is None and not puede_redactar_acta(request.user):
        raise Http404
    return _render(request, reunion, acta)


def _punto(reunion, punto_pk) -> PuntoOrden:
    return get_object_or_404(PuntoOrden, reunion=reunion, pk=punto_pk)


def _guardar_texto(request, reunion, *, clave, guardar, actual):
    """Shared by the deliberation of a punto and the acta's remarks: autosave with a version check.

    htmx requests get the small status partial (the textarea is never swapped, so nothing typed is
    lost); plain form posts get the page back.
    """
    form = TextoVersionadoForm(request.POST)
    estado = {"clave": clave}
    if not form.is_valid():
        estado["error"] = " ".join(str(e) for errs in form.errors.values() for e in errs)
        estado["version"] = actual["version"]
    else:
        texto = form.cleaned_data["texto"]
        try:
            nuevo = guardar(texto=texto, version=form.version_esperada())
        except servicio.ConflictoEdicion as conflicto:
            estado.update(
                conflicto=True,
                texto_actual=conflicto.texto_actual,
                version=form.cleaned_data["version"],
                version_actual=conflicto.version_actual,
            )
        except ValidationError as error:
            estado.update(error=" ".join(error.messages), version=form.cleaned_data["version"])
        else:
            estado.update(guardado_en=timezone.localtime(), version=nuevo)
    if request.htmx:
        return render(request, "juntas/acta/_estado_guardado.html", {"estado": estado})
    if "guardado_en" in estado:
        messages.success(request, _("Saved."))
        return redirect(reverse("acta_detalle", kwargs={"pk": reunion.pk}) + f"#{clave}")
    editor = {"texto": request.POST.get("texto", "")[: 50_000 + 1], **estado}
    key = "observaciones" if clave == "observaciones" else int(clave.removeprefix("punto-"))
    return _render(
        request, reunion, _acta_de(reunion), status=409 if "conflicto" in estado else 400, editores={key: editor}
    )


@login_required
@require_POST
def acta_deliberacion(request, pk, punto_pk):
    reunion = _reunion(request, pk)
    _exigir_secretaria(request.user)
    if _acta_de(reunion) is None:
        raise Http404
    punto = _punto(reunion, punto_pk)

    def guardar(*, texto, version):
        return servicio.guardar_deliberacion(actor=request.user, punto=punto, texto=texto, version=version).version

    return _guardar_texto(
        request, reunion, clave=f"punto-{punto.pk}", guardar=guardar, actual={"version": punto.version}
    )


@login_required
@require_POST
def acta_observaciones(request, pk):
    reunion = _reunion(request, pk)
    _exigir_secretaria(request.user)
    acta = _acta_de(reunion)
    if acta is None:
        raise Http404

    def guardar(*, texto, version):
        return servicio.guardar_observaciones(actor=request.user, acta=acta, texto=texto, version=version).version

    return _guardar_texto(request, reunion, clave="observaciones", guardar=guardar, actual={"version": acta.version})


@login_required
@require_http_methods(["GET", "POST"])
def acta_acuerdo_nuevo(request, pk, punto_pk):
    reunion = _reunion(request, pk)
    _exigir_secretaria(request.user)
    acta = _acta_de(reunion)
    if acta is None:
        raise Http404
    punto = _punto(reunion, punto_pk)
    form = AcuerdoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            acuerdo = servicio.adoptar_acuerdo(actor=request.user, punto=punto, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Agreement %(ref)s adopted on item %(item)s.") % {"ref": acuerdo.referencia, "item": punto.numero},
            )
            return redirect(reverse("acta_detalle", kwargs={"pk": reunion.pk}) + f"#punto-{punto.pk}")
    elif request.method == "GET" and acta.estado != EstadoActa.BORRADOR:
        servicio.exigir_acta_editable(acta)  # approved: 403; sent: explained below the title
    presentes = servicio.miembros_presentes_con_voto(reunion.pk)
    return render(
        request,
        "juntas/acta/acuerdo_form.html",
        {"reunion": reunion, "acta": acta, "punto": punto, "form": form, "presentes": presentes},
        status=400 if form.errors else 200,
    )


def _reunion_con_acta(request, pk):
    reunion = _reunion(request, pk)
    acta = _acta_de(reunion)
    if acta is None:
        raise Http404
    return reunion, acta


@login_required
@require_POST
def acta_enviar(request, pk):
    reunion, acta = _reunion_con_acta(request, pk)
    _exigir_secretaria(request.user)
    form = EnviarActaForm(request.POST)
    if form.is_valid():
        try:
            servicio.enviar_acta(actor=request.user, acta=acta, plazo=form.cleaned_data["plazo"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The minutes were sent to the members for conformity."))
            return redirect("acta_detalle", pk=reunion.pk)
    return _render(request, reunion, acta, status=400, enviar_form=form)


@login_required
@require_POST
def acta_devolver(request, pk):
    reunion, acta = _reunion_con_acta(request, pk)
    _exigir_secretaria(request.user)
    try:
        servicio.devolver_a_borrador(actor=request.user, acta=acta)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes are a draft again and can be changed."))
    return redirect("acta_detalle", pk=reunion.pk)


@login_required
@require_POST
def acta_conformidad(request, pk):
    reunion, acta = _reunion_con_acta(request, pk)
    if not es_convocado(request.user, servicio.personas_convocadas(reunion.pk)):
        raise PermissionDenied
    form = ConformidadForm(request.POST)
    if form.is_valid():
        try:
            servicio.registrar_conformidad(actor=request.user, acta=acta, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your reply to the minutes was recorded."))
            return redirect("acta_detalle", pk=reunion.pk)
    if acta.estado != EstadoActa.ENVIADA:
        messages.error(request, " ".join(form.non_field_errors()) or _("The minutes are not open for conformity."))
        return redirect("acta_detalle", pk=reunion.pk)
    return _render(request, reunion, acta, status=400, conformidad_form=form)


@login_required
@require_POST
def acta_aprobar(request, pk):
    reunion, acta = _reunion_con_acta(request, pk)
    _exigir_secretaria(request.user)
    if acta.estado != EstadoActa.ENVIADA:
        if acta.bloqueada:
            raise servicio.ActaBloqueada
        messages.error(request, _("Send the minutes for conformity before approving them."))
        return redirect("acta_detalle", pk=reunion.pk)
    form = AprobarActaForm(request.POST, opciones=servicio.opciones_aprobacion(reunion))
    if form.is_valid():
        try:
            servicio.aprobar_acta(actor=request.user, acta=acta, reunion_aprobacion=form.reunion())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The minutes are approved. From now on they cannot change."))
            return redirect("acta_detalle", pk=reunion.pk)
    return _render(request, reunion, acta, status=400, aprobar_form=form)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# The only write, the audit entry of a restricted download, is its own transaction (registrar_descarga).
@transaction.non_atomic_requests
@login_required
def acta_pdf(request, pk):
    actas = documentos.con_puntos_y_firmantes(Acta.objects.select_related("reunion__junta", "aprobada_en_reunion"))
    acta = get_acta_or_404(request.user, pk, queryset=actas)
    reunion = acta.reunion
    content, restringido = documentos.acta_pdf(reunion=reunion, acta=acta, user=request.user)
    if restringido:
        servicio.registrar_descarga(actor=request.user, obj=acta, documento="acta_pdf")
    return _pdf_response(content, f"acta-{reunion.inicio:%Y%m%d}-{reunion.pk}.pdf")


@login_required
def acuerdo_certificado(request, pk):
    acuerdo = get_acuerdo_or_404(request.user, pk, queryset=Acuerdo.objects.select_related("reunion__junta", "punto"))
    # The certificate is of a meeting the reader may see too.
    get_reunion_or_404(request.user, acuerdo.reunion_id)
    content = documentos.certificado_pdf(acuerdo=acuerdo)
    if acuerdo.confidencialidad in documentos.RESTRINGIDOS:
        servicio.registrar_descarga(actor=request.user, obj=acuerdo, documento="certificado_pdf")
    return _pdf_response(content, f"certificado-acuerdo-{acuerdo.numero}-{acuerdo.anio}.pdf")
