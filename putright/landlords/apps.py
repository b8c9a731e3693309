from django.apps import AppConfig


class LandlordsConfig(AppConfig):
    name = "putright.landlords"
    label = "landlords"
    verbose_name = "Landlords"
