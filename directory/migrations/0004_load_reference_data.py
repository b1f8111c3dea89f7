from django.db import migrations


def load(apps, schema_editor):
    from directory import reference_data

    reference_data.load(lambda name: apps.get_model("directory", name))


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_organisations")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
