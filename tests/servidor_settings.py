"""Settings of the gunicorn that the fault tests start (tests/servidor.py): the project's, DEBUG off.

The process gets DEBUG=1 in its environment only for the development defaults the test process has
too (its SECRET_KEY, so sessions the tests create are valid; plain static files; no TLS redirect, no
second factor). DEBUG itself is then off, as pytest-django and production have it, so a failure goes
through handler500 instead of Django's debug page.
"""

from coordinacion.settings import *  # noqa: F403

DEBUG = False
