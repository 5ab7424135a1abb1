"""Run each journey of the locustfile once, without the Locust runner, and exit non-zero on any error.

    LOAD_ACCOUNTS=cuentas.json LOAD_HOSTS=http://127.0.0.1:8000 python -m tests.load.una_vuelta

tests/load/test_locustfile.py runs it against the live server so the scenario cannot rot. It runs in
its own process because importing Locust patches the standard library with gevent.
"""

import sys

from locust.env import Environment

from tests.load.locustfile import Delegado, Enlace, Secretaria


def main() -> int:
    environment = Environment(user_classes=[Secretaria, Delegado, Enlace])
    pasos: list[tuple[str, str, str]] = []

    def registrar(request_type, name, exception=None, **_kwargs):
        pasos.append((request_type, name, f"ERROR {exception}" if exception else "ok"))

    environment.events.request.add_listener(registrar)
    for user_class in (Secretaria, Delegado, Enlace):
        user = user_class(environment)
        user.on_start()
        for journey in user_class.tasks:
            journey(user)
    for request_type, name, resultado in pasos:
        print(f"{request_type:<5} {name:<44} {resultado}")
    return 1 if any(resultado != "ok" for *_rest, resultado in pasos) else 0


if __name__ == "__main__":
    sys.exit(main())
