"""Forms of the case screens. Numbers and dates accept Thai digits and Buddhist-Era years."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from sodsong.thai import to_arabic_digits
from sodsong.thai.provinces import PROVINCES
from sodsong.watch.models import (
    Agency,
    Category,
    Channel,
    CloseReason,
    InternalStep,
    Label,
    Referral,
    Status,
)

__all__ = [
    "AgencyForm",
    "AskForm",
    "AuditFilterForm",
    "FilterForm",
    "ReferralForm",
    "ResponseForm",
    "StatusForm",
]


def _blank(choices: Any, label: str | Any = "—") -> list[tuple[str, Any]]:
    return [("", label), *list(choices)]


class ThaiDateField(forms.DateField):
    """A date typed as 2026-11-27, 27/11/2569 (BE) or 27/11/2026, in Thai or Arabic digits."""

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, str):
            value = to_arabic_digits(value).strip()
            if not value:
                return None
            for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    parsed = datetime.datetime.strptime(value, fmt).date()
                except ValueError:
                    continue
                if parsed.year > 2400:
                    parsed = parsed.replace(year=parsed.year - 543)
                return parsed
            raise forms.ValidationError(_("Enter a date such as 27/11/2569 or 2026-11-27."))
        return super().to_python(value)


class VersionField(forms.IntegerField):
    def to_python(self, value: Any) -> int | None:
        return super().to_python(to_arabic_digits(value) if isinstance(value, str) else value)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(Status.choices))
    category = forms.ChoiceField(label=_("Category"), required=False, choices=_blank(Category.choices))
    province = forms.ChoiceField(
        label=_("Province"), required=False, choices=_blank((c, th) for c, th, _en in PROVINCES)
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=_blank(Channel.choices))
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), required=False, queryset=get_user_model().objects.none()
    )
    label = forms.ModelChoiceField(label=_("Label"), required=False, queryset=Label.objects.all())
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = get_user_model().objects.filter(groups__name__in=["screener", "editor"]).distinct()


class StatusForm(forms.Form):
    status = forms.CharField(max_length=32)
    reason = forms.ChoiceField(
        label=_("Reason for closing"), required=False, choices=_blank(CloseReason.choices)
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    internal = forms.BooleanField(label=_("Internal note (not shown to the public)"), required=False)
    version = VersionField(widget=forms.HiddenInput)


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Question for the reporter"), max_length=1500, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField(widget=forms.HiddenInput)


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Internal step"), choices=InternalStep.choices, required=False)


class ReferralForm(forms.ModelForm):
    sent_on = ThaiDateField(label=_("Date sent"))
    response_due = ThaiDateField(label=_("Response deadline"), required=False)

    class Meta:
        model = Referral
        fields = ["agency", "channel", "sent_on", "reference_number", "response_due", "include_identity"]
        labels = {
            "agency": _("Agency"),
            "channel": _("Channel"),
            "reference_number": _("Agency's reference number"),
            "include_identity": _("Include the reporter's identity (needs their consent for this referral)"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Agency.objects.filter(active=True)


class ResponseForm(forms.ModelForm):
    response_on = ThaiDateField(label=_("Response date"), required=False)
    response_due = ThaiDateField(label=_("Response deadline"), required=False)

    class Meta:
        model = Referral
        fields = ["reference_number", "response_due", "response", "response_on", "outcome"]
        labels = {
            "reference_number": _("Agency's reference number"),
            "response": _("Agency's response"),
            "outcome": _("Outcome"),
        }
        widgets = {"response": forms.Textarea(attrs={"rows": 3})}


class ConsentForm(forms.Form):
    consent_note = forms.CharField(
        label=_("How the reporter consented (date, channel, words)"), max_length=300
    )


class AgencyForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = [
            "name_th",
            "name_en",
            "short_name",
            "kind",
            "hotline",
            "website",
            "address",
            "response_days",
            "active",
        ]


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    actor = forms.CharField(label=_("Staff member"), required=False, max_length=150)
    case = forms.CharField(label=_("Case code"), required=False, max_length=20)
    refused = forms.BooleanField(label=_("Refused attempts only"), required=False)
