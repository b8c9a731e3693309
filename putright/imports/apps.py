"""Bringing a landlord's past complaints in from a spreadsheet."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "putright.imports"
    label = "imports"
    verbose_name = "Historical import"
