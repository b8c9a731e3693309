"""The resident service's pages. Each area keeps its own module and its own ``urlpatterns``."""
