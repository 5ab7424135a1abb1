"""The admin site asks for a verified second factor whenever OTP_REQUIRED is on.

Like django-otp's OTPAdminSite, but reading the setting per request (so tests and deployments can
switch it), and leaving sign-in to the portal's own login and verification pages.
"""

from django.conf import settings
from django.contrib import admin


class SegundoFactorAdminSite(admin.AdminSite):
    site_header = "Junta Local de Seguridad"
    site_title = "Junta Local de Seguridad"

    def has_permission(self, request):
        allowed = super().has_permission(request)
        if allowed and settings.OTP_REQUIRED:
            return request.user.is_verified()
        return allowed
