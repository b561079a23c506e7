"""Who may see and change which coalition records.

Two roles of the staff area (`sodsong.web.staff.Role`): `coalition_staff` (the catalyst team, and
administrators: everything) and `coalition_partner` (a partner organisation's login, linked through
`PartnerAccount`: its own records and public ones, never contact data or other partners' private
records). Every view asks
this module for its querysets and objects, so a partner cannot reach another partner's record by
guessing its URL: what they may not see does not exist for them (404).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from sodsong.coalition.models import (
    Activity,
    EvidenceFile,
    ImportJob,
    Organisation,
    Outcome,
    Participation,
    PartnerAccount,
    Person,
)
from sodsong.web.staff import Role, has_role, staff_required, user_roles

__all__ = ["PARTNER", "STAFF", "Viewer", "coalition_required", "staff_only", "staff_or_partner", "viewer_for"]

STAFF = Role.COALITION_STAFF
PARTNER = Role.COALITION_PARTNER

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


@dataclass(frozen=True)
class Viewer:
    """The person looking, reduced to what decides access."""

    user: Any
    is_staff: bool
    organisation: Organisation | None

    @property
    def is_partner(self) -> bool:
        return not self.is_staff and self.organisation is not None

    # Activities ---------------------------------------------------------------------------
    def activities(self) -> QuerySet[Activity]:
        qs = Activity.objects.all()
        if self.is_staff:
            return qs
        if self.organisation is None:
            return qs.filter(is_public=True)
        own = Activity.objects.filter(organisation_links__organisation=self.organisation).values("id")
        return qs.filter(Q(is_public=True) | Q(owner_organisation=self.organisation) | Q(id__in=own))

    def can_edit_activity(self, activity: Activity) -> bool:
        if self.is_staff:
            return True
        return self.organisation is not None and activity.owner_organisation_id == self.organisation.pk

    def activity(self, pk: int, *, edit: bool = False) -> Activity:
        activity = _get(self.activities(), pk)
        if edit and not self.can_edit_activity(activity):
            raise PermissionDenied
        return activity

    # Outcomes -----------------------------------------------------------------------------
    def outcomes(self) -> QuerySet[Outcome]:
        qs = Outcome.objects.all()
        if self.is_staff:
            return qs
        if self.organisation is None:
            return qs.filter(is_public=True)
        own = Outcome.objects.filter(partners=self.organisation).values("id")
        return qs.filter(Q(is_public=True) | Q(owner_organisation=self.organisation) | Q(id__in=own))

    def can_edit_outcome(self, outcome: Outcome) -> bool:
        if self.is_staff:
            return True
        return self.organisation is not None and outcome.owner_organisation_id == self.organisation.pk

    def outcome(self, pk: int, *, edit: bool = False) -> Outcome:
        outcome = _get(self.outcomes(), pk)
        if edit and not self.can_edit_outcome(outcome):
            raise PermissionDenied
        return outcome

    # Organisations ------------------------------------------------------------------------
    def organisations(self) -> QuerySet[Organisation]:
        qs = Organisation.objects.all()
        if self.is_staff:
            return qs
        if self.organisation is None:
            return qs.filter(is_public=True)
        return qs.filter(Q(is_public=True) | Q(pk=self.organisation.pk))

    def organisation_detail(self, pk: int) -> Organisation:
        return _get(self.organisations(), pk)

    @property
    def sees_contacts(self) -> bool:
        """Contact data (emails, phones) is for the catalyst team only."""
        return self.is_staff

    # People -------------------------------------------------------------------------------
    def people(self) -> QuerySet[Person]:
        """Staff: everyone. Partners: the people at the activities they logged. Public: nobody."""
        qs = Person.objects.all()
        if self.is_staff:
            return qs
        if self.organisation is None:
            return qs.none()
        return qs.filter(
            id__in=Participation.objects.filter(activity__owner_organisation=self.organisation).values(
                "person_id"
            )
        )

    def person(self, pk: int) -> Person:
        return _get(self.people(), pk)

    def participations(self) -> QuerySet[Participation]:
        qs = Participation.objects.all()
        if self.is_staff:
            return qs
        if self.organisation is None:
            return qs.none()
        return qs.filter(activity__owner_organisation=self.organisation)

    # Files and imports --------------------------------------------------------------------
    def evidence(self, pk: int) -> EvidenceFile:
        evidence = _get(EvidenceFile.objects.select_related("activity", "outcome"), pk)
        if evidence.activity_id is not None and self.activities().filter(pk=evidence.activity_id).exists():
            return evidence
        if evidence.outcome_id is not None and self.outcomes().filter(pk=evidence.outcome_id).exists():
            return evidence
        raise Http404

    def imports(self) -> QuerySet[ImportJob]:
        qs = ImportJob.objects.all()
        if self.is_staff:
            return qs
        if self.organisation is None:
            return qs.none()
        return qs.filter(owner_organisation=self.organisation)


def _get(qs: QuerySet[Any], pk: int) -> Any:
    try:
        return qs.get(pk=pk)
    except qs.model.DoesNotExist:
        raise Http404 from None


def viewer_for(user: Any) -> Viewer:
    """Staff (coalition staff or administrators), a partner (with its organisation), or public."""
    if not user.is_authenticated:
        return Viewer(user, False, None)
    if getattr(user, "is_superuser", False) or has_role(user, Role.COALITION_STAFF):
        return Viewer(user, True, None)
    organisation = None
    if Role.COALITION_PARTNER in user_roles(user):
        account = PartnerAccount.objects.select_related("organisation").filter(user=user).first()
        organisation = account.organisation if account else None
    return Viewer(user, False, organisation)


def coalition_required(*roles: Role) -> Callable[[View], View]:
    """The site's staff guard (sign-in, second factor, one of `roles`), then the coalition viewer."""

    def decorate(view: View) -> View:
        @wraps(view)
        def with_viewer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            viewer = viewer_for(request.user)
            if not viewer.is_staff and viewer.organisation is None:
                # A partner login not (or no longer) linked to an organisation sees nothing here.
                raise PermissionDenied
            request.coalition = viewer  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return cast(View, staff_required(*roles)(cast(Any, with_viewer)))

    return decorate


def staff_only(view: View) -> View:
    """The catalyst team's own screens (administrators pass too)."""
    return coalition_required(Role.COALITION_STAFF)(view)


def staff_or_partner(view: View) -> View:
    """Screens partners use too; every object is then checked through `request.coalition`."""
    return coalition_required(Role.COALITION_STAFF, Role.COALITION_PARTNER)(view)
