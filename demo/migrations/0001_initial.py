from django.db import migrations, models


def copy_old_markers(apps, schema_editor):
    """Databases loaded before the demo had its own app kept the markers in the home app."""
    connection = schema_editor.connection
    if "home_democontentload" not in connection.introspection.table_names():
        return
    DemoContentLoad = apps.get_model("demo", "DemoContentLoad")
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_label FROM home_democontentload")
        labels = [row[0].replace("directory.content", "directory_content") for row in cursor.fetchall()]
    DemoContentLoad.objects.bulk_create(DemoContentLoad(app_label=label) for label in labels)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("home", "0002_poll_and_idea_blocks")]
    run_before = [("home", "0003_delete_democontentload")]

    operations = [
        migrations.CreateModel(
            name="DemoContentLoad",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("app_label", models.CharField(max_length=100, unique=True)),
                ("loaded_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.RunPython(copy_old_markers, migrations.RunPython.noop),
    ]
