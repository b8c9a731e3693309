"""The staff workspace under /staff/. Each area of the workspace keeps its own routes."""

from putright.staff.views import annual_report as annual_report_views
from putright.staff.views import auth, cases, contacts, letters, queues
from putright.staff.views import dashboard as dashboard_views
from putright.staff.views import inbound as inbound_views
from putright.staff.views import learning as learning_views
from putright.staff.views import outbox as outbox_views
from putright.staff.views import self_assessment as self_assessment_views

app_name = "staff"

urlpatterns = [
    *auth.urlpatterns,
    *queues.urlpatterns,
    *cases.urlpatterns,
    *contacts.urlpatterns,
    *letters.urlpatterns,
    *learning_views.urlpatterns,
    *inbound_views.urlpatterns,
    *outbox_views.urlpatterns,
    *self_assessment_views.urlpatterns,
    *annual_report_views.urlpatterns,
    *dashboard_views.urlpatterns,
]
