"""Django's admin app, with Putright's admin site as its default site.

A module of its own: settings name this class before any model can be imported.
"""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "putright.accounts.admin_site.StaffAdminSite"
