"""Staff case work, mounted at /staff/cases/ (every URL here is a staff URL)."""

from django.urls import path

from sodsong.watch.casework import views, views_admin, views_referrals

urlpatterns = [
    path("", views.inbox_view, name="staff-inbox"),
    path("agencies/", views_admin.agency_list, name="staff-agencies"),
    path("agencies/new/", views_admin.agency_edit, name="staff-agency-new"),
    path("agencies/<int:agency_id>/", views_admin.agency_edit, name="staff-agency"),
    path("agencies/<int:agency_id>/partner/", views_admin.agency_partner, name="staff-agency-partner"),
    path("audit/", views_admin.audit_log, name="staff-audit"),
    path("requests/", views_admin.request_list, name="staff-requests"),
    path("requests/<int:request_id>/export/", views_admin.request_export, name="staff-request-export"),
    path("requests/<int:request_id>/handle/", views_admin.request_handle, name="staff-request-handle"),
    path("<str:code>/", views.case_view_page, name="staff-case"),
    path("<str:code>/status/", views.status_view, name="staff-case-status"),
    path("<str:code>/ask/", views.ask_view, name="staff-case-ask"),
    path("<str:code>/assign/", views.assign_view, name="staff-case-assign"),
    path("<str:code>/step/", views.step_view, name="staff-case-step"),
    path("<str:code>/labels/", views.label_view, name="staff-case-labels"),
    path("<str:code>/merge/", views.merge_view, name="staff-case-merge"),
    path("<str:code>/identity/", views.identity_view, name="staff-case-identity"),
    path("<str:code>/projects/suggest/", views.suggest_view, name="staff-case-suggest"),
    path("<str:code>/projects/<int:link_id>/", views.link_view, name="staff-case-link"),
    path("<str:code>/referrals/new/", views_referrals.referral_new, name="staff-referral-new"),
    path("<str:code>/referrals/<int:referral_id>/", views_referrals.referral_detail, name="staff-referral"),
    path(
        "<str:code>/referrals/<int:referral_id>/consent/",
        views_referrals.referral_consent,
        name="staff-referral-consent",
    ),
    path(
        "<str:code>/referrals/<int:referral_id>/identity/",
        views_referrals.referral_identity,
        name="staff-referral-identity",
    ),
    path(
        "<str:code>/referrals/<int:referral_id>/letter.pdf",
        views_referrals.referral_pdf,
        name="staff-referral-pdf",
    ),
]
