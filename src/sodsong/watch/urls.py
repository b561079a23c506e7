from django.urls import include, path

from sodsong.watch import views

# Mounted at the site root: citizens are sent to short paths such as /report/ and /track/.
app_name = "watch"

urlpatterns = [
    path("watch/", views.index, name="index"),
    path("", include("sodsong.watch.line.urls")),
    path("", include("sodsong.watch.intake.urls")),
    path("", include("sodsong.watch.publication.urls")),
    path("staff/cases/", include("sodsong.watch.casework.urls")),
]
