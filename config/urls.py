from django.contrib import admin
from django.urls import include, path

from putright.api.api import api

admin.site.site_header = "Putright administration"
admin.site.site_title = "Putright"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("putright.web.urls")),
]
