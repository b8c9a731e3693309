"""Letters the Code requires: templates, completeness, rendering, the outbox and delivery."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "putright.letters"
    label = "letters"
    verbose_name = "Letters"
