from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "putright.demo"
    label = "demo"
    verbose_name = "Demonstration data"
