from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home import roles

USERNAME = "admin"
PASSWORD = "kuulu-demo-2026"  # noqa: S105 - local demo accounts, refused outside DEBUG
# Staff of the demo city, one per editorial role, to try the review workflow with translations:
# (username, role in home.roles.ROLES, first name).
STAFF = [
    ("toimittaja", "editors", "Tiina"),
    ("kaantaja", "translators", "Kalle"),
    ("moderaattori", "moderators", "Maija"),
]


class Command(BaseCommand):
    help = (
        "Create the demo superuser and one demo user per editorial role (DEBUG only) and print how to log in."
    )

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError("The demo superuser is only for local development (DEBUG=True).")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={
                "email": "admin@jarvela.example",
                "is_staff": True,
                "is_superuser": True,
                "first_name": "Demo",
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        for username, role, first_name in STAFF:
            member, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@jarvela.example", "first_name": first_name},
            )
            if created:
                member.set_password(PASSWORD)
                member.save()
            member.groups.add(roles.group(role))
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Kuulu demo site:  http://127.0.0.1:8000/"))
        self.stdout.write(self.style.SUCCESS("Wagtail admin:    http://127.0.0.1:8000/admin/"))
        self.stdout.write(self.style.SUCCESS(f"  user: {USERNAME}   password: {PASSWORD}"))
        staff = ", ".join(
            f"{username} ({roles.stored_name(roles.ROLES[role])})" for username, role, _ in STAFF
        )
        self.stdout.write(self.style.SUCCESS(f"  roles: {staff}, same password"))
        self.stdout.write("")
