"""Every URL of the site: the shared shell, the three parts, the API."""

from django.urls import include, path
from django.views.i18n import set_language

from sodsong.api import api

urlpatterns = [
    path("", include("sodsong.web.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("staff/", include("sodsong.web.staff.urls")),
    path("procurement/", include("sodsong.procurement.urls")),
    path("coalition/", include("sodsong.coalition.urls")),
    path("", include("sodsong.watch.urls")),
    path("api/", api.urls),
]
