"""Before and after the load run: what the database holds, and whether every write of the run is there.

    python -m tests.load.comprobar antes ACCOUNTS.json > antes.json
    python -m tests.load.comprobar despues ACCOUNTS.json antes.json STATS.json

`despues` prints the run's figures (written by the locustfile as it quits) (throughput, median and p95 per step and
overall, errors), then checks that the notas, puntos and deliberations written equal the successful
POSTs, that every sign-in and every write has exactly one audit entry, and that nothing else was
written to the audit log. It exits non-zero on any error or mismatch.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordinacion.settings")
django.setup()

from django.db.models import Max, Sum  # noqa: E402

from coordinacion.choices import AccionAuditoria  # noqa: E402
from coordinacion.models import RegistroAuditoria  # noqa: E402
from juntas.models import NotaActuacion, PuntoOrden  # noqa: E402

POST_NOTA = "enlace · add nota (POST)"
POST_PUNTO = "secretaria · add punto (POST)"
POST_DELIBERACION = "secretaria · save deliberation (POST)"
POST_LOGIN = ("secretaria · sign in (POST)", "delegado · sign in (POST)", "enlace · sign in (POST)")


def _max_id(model) -> int:
    return model.objects.aggregate(m=Max("pk"))["m"] or 0


def _puntos_de_carga(cuentas: dict) -> list[int]:
    return [c["punto"] for c in cuentas["secretaria"]]


def antes(cuentas: dict) -> dict:
    return {
        "auditoria": _max_id(RegistroAuditoria),
        "nota": _max_id(NotaActuacion),
        "punto": _max_id(PuntoOrden),
        "versiones": PuntoOrden.objects.filter(pk__in=_puntos_de_carga(cuentas)).aggregate(s=Sum("version"))["s"],
    }


def imprimir(cifras: dict) -> int:
    """The figures of the run; returns the number of errors."""
    print(f"\n{'step':<44} {'requests':>8} {'errors':>6} {'median ms':>9} {'p95 ms':>7} {'req/s':>6}")
    filas = sorted(cifras["steps"].items()) + [
        ("OVERALL", cifras["overall"]),
        ("overall without the sign-in steps", cifras["without_sign_in"]),
    ]
    for nombre, f in filas:
        print(f"{nombre:<44} {f['requests']:>8} {f['errors']:>6} {f['median_ms']:>9} {f['p95_ms']:>7} {f['rps']:>6.1f}")
    total = cifras["overall"]
    print(
        f"\nThroughput: {total['rps']:.1f} req/s over {cifras['seconds']} s; overall median {total['median_ms']} ms, "
        f"p95 {total['p95_ms']} ms; errors: {total['errors']} of {total['requests']} requests."
    )
    estable = cifras.get("steady_state")
    if estable:
        print(
            f"Signed-in steady state (requests started after the last sign-in, {estable['from_s']} s into the run, "
            f"for {estable['seconds']} s): {estable['requests']} requests, {estable['rps']:.1f} req/s, "
            f"median {estable['median_ms']} ms, p95 {estable['p95_ms']} ms, errors: {estable['errors']}."
        )
    for fallo in cifras["errors"]:
        print(f"  error x{fallo['count']}: {fallo['step']}: {fallo['error']}")
    return total["errors"]


def correctos(cifras: dict, nombre: str) -> int:
    paso = cifras["steps"].get(nombre)
    return paso["requests"] - paso["errors"] if paso else 0


def despues(cuentas: dict, inicio: dict, cifras: dict) -> list[str]:
    """The mismatches between what the run says it wrote and what the database holds."""
    fallos = []

    def igual(que: str, en_bd: int, esperado: int):
        estado = "ok" if en_bd == esperado else "MISMATCH"
        print(f"  {que:<62} {en_bd:>6} / {esperado:<6} {estado}")
        if en_bd != esperado:
            fallos.append(que)

    registros = RegistroAuditoria.objects.filter(pk__gt=inicio["auditoria"])
    notas = set(NotaActuacion.objects.filter(pk__gt=inicio["nota"]).values_list("pk", flat=True))
    puntos = set(PuntoOrden.objects.filter(pk__gt=inicio["punto"]).values_list("pk", flat=True))
    versiones = PuntoOrden.objects.filter(pk__in=_puntos_de_carga(cuentas)).aggregate(s=Sum("version"))["s"]
    por_tipo = Counter(registros.values_list("accion", "content_type__model"))

    def auditados(accion: str, modelo: str) -> list[str]:
        return list(registros.filter(accion=accion, content_type__model=modelo).values_list("object_id", flat=True))

    print("\nWrites in the database / successful POSTs:")
    igual("notas de actuación created", len(notas), correctos(cifras, POST_NOTA))
    igual("puntos added to the orden del día", len(puntos), correctos(cifras, POST_PUNTO))
    igual("deliberation versions saved", versiones - inicio["versiones"], correctos(cifras, POST_DELIBERACION))
    print("Audit entries / writes:")
    notas_auditadas = auditados(AccionAuditoria.CREAR, "notaactuacion")
    igual("audit 'create' entries of those notas, one each", len(notas_auditadas), len(notas))
    igual("  ... naming exactly the notas created", len(set(map(int, notas_auditadas)) & notas), len(notas))
    puntos_auditados = auditados(AccionAuditoria.CREAR, "puntoorden")
    igual("audit 'create' entries of those puntos, one each", len(puntos_auditados), len(puntos))
    igual("  ... naming exactly the puntos created", len(set(map(int, puntos_auditados)) & puntos), len(puntos))
    igual(
        "audit 'modify' entries of deliberations",
        por_tipo[(AccionAuditoria.MODIFICAR, "puntoorden")],
        versiones - inicio["versiones"],
    )
    igual(
        "audit sign-in entries", por_tipo[(AccionAuditoria.LOGIN, None)], sum(correctos(cifras, n) for n in POST_LOGIN)
    )
    esperados = len(notas) + len(puntos) + (versiones - inicio["versiones"]) + por_tipo[(AccionAuditoria.LOGIN, None)]
    igual("audit entries in all (nothing unexplained)", registros.count(), esperados)
    return fallos


def main(argv: list[str]) -> int:
    cuentas = json.loads(Path(argv[2]).read_text())
    if argv[1] == "antes":
        print(json.dumps(antes(cuentas)))
        return 0
    inicio = json.loads(Path(argv[3]).read_text())
    cifras = json.loads(Path(argv[4]).read_text())
    errores = imprimir(cifras)
    fallos = despues(cuentas, inicio, cifras)
    if errores or fallos:
        print(f"\nLOAD FAILED: {errores} errors, {len(fallos)} database checks failed.")
        return 1
    print("\nLoad passed: 0 errors, every write is in the database with one audit entry.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
