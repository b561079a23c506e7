"""URLs of publication: the public /cases/ site (each list and page also as JSON), feeds, open
data, and the redaction editor in the staff area."""

from django.urls import path, re_path

from sodsong.watch.publication import views_editor, views_photos, views_public

app_name = "cases"

urlpatterns = [
    path("cases/", views_public.case_list, name="list"),
    path("cases.json", views_public.case_list, {"fmt": "json"}, name="list_json"),
    path("cases/stats/", views_public.stats, name="stats"),
    path("cases/stats.json", views_public.stats, {"fmt": "json"}, name="stats_json"),
    path("cases/data.csv", views_public.open_data, {"fmt": "csv"}, name="data_csv"),
    path("cases/data.json", views_public.open_data, {"fmt": "json"}, name="data_json"),
    path("cases/feed.atom", views_public.feed, name="feed"),
    re_path(
        r"^cases/feeds/(?P<scope>province|agency|category)/(?P<value>[^/]{1,200})\.atom$",
        views_public.feed,
        name="feed_scoped",
    ),
    path("cases/<str:code>.json", views_public.case_detail, {"fmt": "json"}, name="detail_json"),
    path("cases/<str:code>/", views_public.case_detail, name="detail"),
    path("cases/<str:code>/photos/<int:photo_id>.jpg", views_public.case_photo, name="photo"),
    path("staff/publication/", views_editor.queue, name="queue"),
    path("staff/publication/<str:code>/", views_editor.editor, name="editor"),
    path("staff/publication/<str:code>/edit", views_editor.edit, name="edit"),
    path("staff/publication/<str:code>/approve", views_editor.approve, name="approve"),
    path("staff/publication/<str:code>/publish", views_editor.publish, name="publish"),
    path("staff/publication/<str:code>/photos/<int:evidence_id>/", views_photos.photo, name="photo_editor"),
    re_path(
        r"^staff/publication/(?P<code>[^/]+)/photos/(?P<evidence_id>\d+)/(?P<which>original|blurred)$",
        views_photos.photo_image,
        name="photo_image",
    ),
]
