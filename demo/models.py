from django.db import models


class DemoContentLoad(models.Model):
    """Marks that one part of the demo (a file in `demo/data/`) has been loaded, so `load_demo`
    loads each part once."""

    app_label = models.CharField(max_length=100, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.app_label
