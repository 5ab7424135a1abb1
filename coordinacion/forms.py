from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # One message for an unknown user and a wrong password, so the form never reveals who exists.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is not correct. Both fields are case-sensitive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is built, so it is never validated: an
        # overlong name reached authenticate() and django-axes failed to store it (varchar 255).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class CodigoForm(forms.Form):
    """A six-digit code from the authenticator app (or, where allowed, a recovery code)."""

    codigo = forms.CharField(
        label=_("Code"),
        max_length=20,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        help_text=_("The six digits your authenticator app shows now."),
    )

    def clean_codigo(self):
        # People type codes with spaces ("123 456"); recovery codes are lower case.
        return self.cleaned_data["codigo"].replace(" ", "").replace("-", "").lower()


class VerificarForm(CodigoForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codigo"].help_text = _(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        )
