"""Who sees which case: staff see all; a partner sees only the cases referred to its agency.

`case_view(*roles)` guards a case screen: the staff area's checks first (sign-in, TOTP, role),
then the case scope. A partner opening any other case gets a clear refusal and the attempt is
written to the audit log (`refused=True`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sodsong.watch.audit import audit
from sodsong.watch.codes import normalise_case_code
from sodsong.watch.models import Agency, PartnerAccount, Report
from sodsong.web.staff import Role, staff_required, user_roles

__all__ = ["case_view", "is_partner_only", "partner_agency", "refused", "visible_cases"]

CASE_STAFF = (Role.SCREENER, Role.EDITOR, Role.CUSTODIAN)


def is_partner_only(user: Any) -> bool:
    """A partner login with no case-work role besides (admins are never partner-only)."""
    roles = user_roles(user)
    return Role.PARTNER in roles and not roles.intersection({*CASE_STAFF, Role.ADMIN})


def partner_agency(user: Any) -> Agency | None:
    account = PartnerAccount.objects.filter(user=user).select_related("agency").first()
    return account.agency if account else None


def visible_cases(user: Any) -> QuerySet[Report]:
    """Every case for case staff; for a partner only those referred to its agency."""
    if not is_partner_only(user):
        return Report.objects.all()
    agency = partner_agency(user)
    if agency is None:
        return Report.objects.none()
    return Report.objects.filter(referrals__agency=agency).distinct()


def refused(request: HttpRequest, message: str, *, status: int = 403) -> HttpResponse:
    return render(request, "watch/casework/refused.html", {"message": message}, status=status)


def case_view(*roles: Role) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Guard a view taking `code`: passes the case as `report` instead of the code."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
            normal = normalise_case_code(code)
            report = Report.objects.filter(code=normal).first() if normal else None
            if report is None:
                raise Http404(_("No case with this code."))
            if not visible_cases(request.user).filter(pk=report.pk).exists():
                audit(request.user, "case.view", report, refused=True, why="not referred to partner")
                return refused(
                    request,
                    _(
                        "This case was not referred to your organisation, so you cannot open it. "
                        "The attempt has been recorded."
                    ),
                )
            return view(request, report, *args, **kwargs)

        return staff_required(*roles)(wrapped)

    return decorator
