"""URLs of the procurement part; every list also answers as `.csv` and `.json`."""

from django.urls import path

from sodsong.procurement import views, views_matches, views_pages

app_name = "procurement"

urlpatterns = [
    path("", views.index, name="index"),
    path("search", views.search, name="search"),
    path("search.csv", views.search, {"fmt": "csv"}, name="search_csv"),
    path("search.json", views.search, {"fmt": "json"}, name="search_json"),
    path("project/<path:process_id>", views_pages.project, name="project"),
    path("agency/<str:org_id>", views_pages.agency, name="agency"),
    path("company/<str:org_id>", views_pages.company, name="company"),
    path("staff/name-matches", views_matches.name_matches, name="name_matches"),
    path("staff/name-matches/decide", views_matches.decide, name="name_match_decide"),
]
