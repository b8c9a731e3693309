"""The resident service under /resident/. Each area of the service keeps its own routes."""

from putright.portal.views import complain, pages, published_reports, track
from putright.portal.views import survey as survey_views

app_name = "portal"

urlpatterns = [
    *survey_views.urlpatterns,
    *pages.urlpatterns,
    *complain.urlpatterns,
    *track.urlpatterns,
    *published_reports.urlpatterns,
]
