"""Settings for the Junta Local de Seguridad portal, read from the environment.

Every value comes from an environment variable; a malformed value stops start-up with a message
that names the variable (see coordinacion/env.py).
"""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from coordinacion.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key" if DEBUG else None)
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "coordinacion.apps.CoordinacionConfig",
    "juntas.apps.JuntasConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coordinacion.middleware.SpanishByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coordinacion.middleware.SegundoFactorEnUnaConsultaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coordinacion.middleware.NoStoreMiddleware",
    "coordinacion.middleware.AuditContextMiddleware",
    "coordinacion.middleware.SessionLifetimeMiddleware",
    "coordinacion.middleware.SecondFactorMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coordinacion.urls"
WSGI_APPLICATION = "coordinacion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "coordinacion.context_processors.navigation",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so templates/ can override one (the admin's date and time inputs get labels).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env_database("DATABASE_URL", str(BASE_DIR / "db.sqlite3"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "coordinacion.Usuario"
# AxesBackend first: it refuses a locked-out username+address before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inicio"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Madrid"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Largest attachment a nota de actuación may carry (juntas/adjuntos.py checks it).
ADJUNTO_MAX_BYTES = env_int("ADJUNTO_MAX_BYTES", 10 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "junta-seguridad@localhost")
# Where the accessibility statement sends reports, requests of accessible content and complaints (RD 1112/2018,
# art. 10.2.a): the unit responsible for accessibility. Defaults to the portal's sender address.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
# The portal's public address, for links in e-mails sent outside a request (the reminder command).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Sessions: an idle timeout (the cookie age, renewed by SessionLifetimeMiddleware) inside an absolute lifetime.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Transport security: on whenever DEBUG is off (the proxy terminates TLS and sets X-Forwarded-Proto).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Cookies only over HTTPS; off only for plain-HTTP loopback runs such as the load test (tests/load/run.sh).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
X_FRAME_OPTIONS = "DENY"

# Lockout after repeated failed sign-ins (django-axes), per username AND address, for a cool-off period.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coordinacion.views.bloqueo"
AXES_CLIENT_IP_CALLABLE = "coordinacion.audit.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # our own audit log records every sign-in, failure and sign-out
AXES_VERBOSE = False

# Second factor (TOTP, with single-use recovery codes) for secretaría, administración and the admin
# site. On whenever DEBUG is off; `make run` (DEBUG=1) keeps it off so the demo signs in by password.
OTP_REQUIRED = env_bool("OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Junta Local de Seguridad")
OTP_RECOVERY_CODES = 10

# Content Security Policy (django-csp 4): only our own static files run; no inline scripts at all.
# Inline style *attributes* stay allowed (progress bars set a width); inline <style> blocks do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO; only its warnings matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

ADMIN_URL = env_str("ADMIN_URL", "admin/")
