"""The resident service: make a complaint, track it, escalate it; published policy pages."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "putright.portal"
    label = "portal"
    verbose_name = "Resident service"
