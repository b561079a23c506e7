"""URLs of the intake pages (included into the `watch` namespace at the site root)."""

from django.urls import path

from sodsong.watch.intake import report, simulator, track

urlpatterns = [
    path("report/", report.report, name="report"),
    path("report/done/", report.report_done, name="report_done"),
    path("track/", track.track, name="track"),
    path("track/case/", track.track_case, name="track_case"),
    path("watch/simulator/", simulator.simulator, name="simulator"),
]
