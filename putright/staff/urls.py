"""The staff workspace under /staff/. Each area of the workspace keeps its own routes."""

from putright.staff.views import auth, cases, contacts, queues

app_name = "staff"

urlpatterns = [
    *auth.urlpatterns,
    *queues.urlpatterns,
    *cases.urlpatterns,
    *contacts.urlpatterns,
]
