from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional City of Järvelä: data files and their loader (development and tests only)."""

    name = "demo"
    verbose_name = "Demo city"
    default_auto_field = "django.db.models.BigAutoField"
