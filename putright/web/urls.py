from django.urls import path

from putright.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("resident/", views.resident, name="resident"),
    path("staff/", views.staff, name="staff"),
    path("staff/sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("staff/sign-out/", views.SignOutView.as_view(), name="sign-out"),
]
