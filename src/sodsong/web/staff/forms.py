"""Staff sign-in forms: password first, then a six-digit code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sodsong.thai import to_arabic_digits


class PasswordForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_token(self) -> str:
        token = to_arabic_digits(self.cleaned_data["token"]).replace(" ", "")
        if not (token.isdecimal() and len(token) == 6):
            raise forms.ValidationError(_("Enter the six digits shown in your authenticator app."))
        return token
