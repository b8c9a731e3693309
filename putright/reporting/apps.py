"""Read-only figures for the governing body: dashboard, TSM returns, the annual report."""

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "putright.reporting"
    label = "reporting"
    verbose_name = "Reporting"
