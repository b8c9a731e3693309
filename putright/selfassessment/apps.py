"""The annual self-assessment against the Code, with evidence from practice."""

from django.apps import AppConfig


class SelfassessmentConfig(AppConfig):
    name = "putright.selfassessment"
    label = "selfassessment"
    verbose_name = "Self-assessment"
