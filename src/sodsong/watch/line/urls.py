from django.urls import path

from sodsong.watch.line import views

urlpatterns = [
    path("line/webhook", views.webhook, name="line-webhook"),
]
