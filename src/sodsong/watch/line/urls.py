from django.urls import path

from sodsong.watch.line import views

urlpatterns = [
    path("line/webhook", views.webhook, name="line-webhook"),
    # The same with a trailing slash: a URL pasted into the LINE console either way works.
    path("line/webhook/", views.webhook),
]
