from django.contrib import admin
from django.urls import include, path

from putright.api.api import api

admin.site.site_header = "Putright administration"
admin.site.site_title = "Putright"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("staff/", include("putright.staff.urls")),
    path("resident/", include("putright.portal.urls")),
    path("", include("putright.web.urls")),
]

handler403 = "putright.web.views.permission_denied"
handler404 = "putright.web.views.page_not_found"
handler500 = "putright.web.views.server_error"
