from django.urls import path

from sodsong.web.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("login/", views.login_view, name="login"),
    path("otp/", views.otp_view, name="otp"),
    path("otp/setup/", views.otp_setup_view, name="otp-setup"),
    path("logout/", views.logout_view, name="logout"),
]
