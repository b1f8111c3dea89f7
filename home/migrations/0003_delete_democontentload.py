# The demo's load markers moved to the dev-only `demo` app (demo.0001 copies them first).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0002_poll_and_idea_blocks")]

    operations = [migrations.DeleteModel(name="DemoContentLoad")]
