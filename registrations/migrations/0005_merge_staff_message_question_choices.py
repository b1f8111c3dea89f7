from django.db import migrations


class Migration(migrations.Migration):
    """Joins two lines of work: staff messages (0004) and one-a-line question choices (0003)."""

    dependencies = [
        ("registrations", "0004_staff_message"),
        ("registrations", "0003_question_choices_one_a_line"),
    ]

    operations = []
