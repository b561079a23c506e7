from django.urls import path

from sodsong.coalition import views

app_name = "coalition"

urlpatterns = [
    path("", views.index, name="index"),
]
