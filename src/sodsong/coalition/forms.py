"""Forms for the staff and partner screens. Dates accept Thai forms (BE, Thai digits)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sodsong.coalition.models import (
    Activity,
    ActivityLink,
    ImportKind,
    Indicator,
    IndicatorTarget,
    InvolvementNote,
    IssueArea,
    Organisation,
    OrganisationContact,
    OrganisationRole,
    Outcome,
    ParticipantRole,
    Person,
    Sector,
    Strategy,
)
from sodsong.coalition.periods import PeriodError, parse_period
from sodsong.thai import ThaiDateError, ce_to_be, parse_thai_date

EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain",
}
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_IMPORT_BYTES = 50 * 1024 * 1024


def format_date_for_input(value: datetime.date | None) -> str:
    """`28/06/2566`: how Thai staff write a date (BE)."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{ce_to_be(value.year)}"


class ThaiDateInput(forms.TextInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"placeholder": "28/06/2566", "autocomplete": "off", "inputmode": "text", **(attrs or {})}
        )

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.date):
            return format_date_for_input(value)
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """A date written as `28/06/2566`, `28 มิ.ย. 66`, `๒๘/๐๖/๒๕๖๖` or ISO."""

    widget = ThaiDateInput

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_thai_date(str(value))
        except ThaiDateError:
            raise ValidationError(
                _("Enter a date such as 28/06/2566 or 28 มิ.ย. 2566 (Buddhist Era)."), code="invalid"
            ) from None


class QuickActivityForm(forms.ModelForm):
    """The few fields needed to log an activity from a phone, right after it happened."""

    start_date = ThaiDateField(label=_("Date"))

    class Meta:
        model = Activity
        fields = ["title", "activity_type", "start_date", "strategy", "place"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy"].required = False
        self.fields["title"].widget.attrs.update({"autocomplete": "off"})


class ActivityForm(forms.ModelForm):
    """All the details. Partners do not decide what is public or highlighted."""

    start_date = ThaiDateField(label=_("Date"))
    end_date = ThaiDateField(
        label=_("Until"), required=False, help_text=_("For activities over several days.")
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Partner organisations"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "activity_type",
            "start_date",
            "end_date",
            "place",
            "strategy",
            "issue_areas",
            "description",
            "outputs",
            "reach",
            "is_public",
            "highlight",
        ]
        widgets = {"issue_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, partner: bool = False, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = cast(forms.ModelMultipleChoiceField, self.fields["organisations"])
        choices.queryset = organisations if organisations is not None else Organisation.objects.all()
        if self.instance.pk:
            self.fields["organisations"].initial = list(
                self.instance.organisations.values_list("pk", flat=True)
            )
        if partner:
            del self.fields["is_public"]
            del self.fields["highlight"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class ParticipantForm(forms.Form):
    prefix = "participant"  # the activity page holds several forms: keep their field ids apart
    name = forms.CharField(
        label=_("Name"), max_length=300, help_text=_("As written, title included (นาย, ดร., ...).")
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class ActivityOrganisationForm(forms.Form):
    prefix = "link"
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all())
    role = forms.ChoiceField(
        label=_("Role"), choices=OrganisationRole.choices, initial=OrganisationRole.PARTNER
    )


class EvidenceForm(forms.Form):
    prefix = "evidence"
    file = forms.FileField(label=_("File"))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in EVIDENCE_TYPES:
            raise ValidationError(
                _("Accepted files: %(types)s.") % {"types": ", ".join(sorted(EVIDENCE_TYPES))}, code="type"
            )
        if upload.size > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."), code="size")
        return upload


class LinkForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")

    class Meta:
        model = ActivityLink
        fields = ["url", "title"]


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name_th",
            "name_en",
            "short_name",
            "sector",
            "description",
            "website",
            "is_public",
            "is_programme_team",
        ]

    def clean_name_th(self) -> str:
        from sodsong.coalition.models.organisations import organisation_key

        name = str(self.cleaned_data["name_th"]).strip()
        clash = (
            Organisation.objects.filter(match_key=organisation_key(name)).exclude(pk=self.instance.pk).first()
        )
        if clash:
            raise ValidationError(
                _("This organisation is already recorded as “%(name)s”.") % {"name": clash.name_th},
                code="duplicate",
            )
        return name


class ContactForm(forms.ModelForm):
    class Meta:
        model = OrganisationContact
        fields = ["name", "position", "email", "phone", "notes"]


class NoteForm(forms.ModelForm):
    date = ThaiDateField(label=_("Date"))

    class Meta:
        model = InvolvementNote
        fields = ["date", "text"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["title", "name_th", "name_en", "email", "phone", "notes"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name_th") and not data.get("name_en"):
            raise ValidationError(_("A person needs a Thai or an English name."))
        return data


class OutcomeForm(forms.ModelForm):
    changed_on = ThaiDateField(label=_("When"))

    class Meta:
        model = Outcome
        fields = [
            "title",
            "description",
            "social_actor",
            "changed_on",
            "contribution",
            "evidence",
            "significance",
            "significance_level",
            "strategy",
            "issue_areas",
            "partners",
            "activities",
            "watch_case_code",
            "procurement_flag_ref",
            "is_public",
        ]
        widgets = {
            "issue_areas": forms.CheckboxSelectMultiple,
            "partners": forms.SelectMultiple(attrs={"size": 8}),
            "activities": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, partner: bool = False, activities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if activities is not None:
            self.fields["activities"].queryset = activities  # type: ignore[attr-defined]
        if partner:
            del self.fields["is_public"]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_th",
            "name_en",
            "metric",
            "strategy",
            "issue_area",
            "sector",
            "headline",
            "order",
        ]


class IndicatorTargetForm(forms.ModelForm):
    class Meta:
        model = IndicatorTarget
        fields = ["period", "baseline", "target", "manual_actual", "note"]

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        if not indicator.is_manual:
            del self.fields["manual_actual"]

    def clean_period(self) -> str:
        try:
            return parse_period(self.cleaned_data["period"]).code
        except PeriodError as exc:
            raise ValidationError(str(exc), code="period") from None

    def validate_unique(self) -> None:
        # An existing period is updated rather than refused (the view looks it up first).
        pass


class StrategyForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["name_th", "name_en", "description_th", "description_en"]


class IssueAreaForm(forms.ModelForm):
    class Meta:
        model = IssueArea
        fields = ["name_th", "name_en"]


class PartnerAccountForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all())


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(label=_("CSV or Excel file (.csv, .xlsx)"))
    activity = forms.ModelChoiceField(
        label=_("Activity the participants attended"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_("Not needed when the file has an activity column."),
    )

    def __init__(self, *args: Any, activities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities if activities is not None else Activity.objects.all()  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx", ".txt"):
            raise ValidationError(
                _("Upload a .csv or .xlsx file (old .xls files: save as .xlsx first)."), code="type"
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 50 MB."), code="size")
        return upload


class FilterForm(forms.Form):
    """Filters shared by lists and the dashboard; every field optional."""

    q = forms.CharField(label=_("Search"), required=False)
    period = forms.CharField(label=_("Period"), required=False, help_text=_("e.g. 2566H1 or 2566"))
    strategy = forms.ModelChoiceField(
        label=_("Strategy"), queryset=Strategy.objects.all(), required=False, to_field_name="number"
    )
    issue_area = forms.ModelChoiceField(
        label=_("Issue area"), queryset=IssueArea.objects.all(), required=False, to_field_name="number"
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False)

    def clean_period(self) -> Any:
        text = self.cleaned_data.get("period")
        if not text:
            return None
        try:
            return parse_period(text)
        except PeriodError as exc:
            raise ValidationError(str(exc), code="period") from None
