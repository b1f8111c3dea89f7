from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "kuulu-demo-2026"  # noqa: S105 - a local demo account, refused outside DEBUG


class Command(BaseCommand):
    help = "Create the demo superuser (DEBUG only) and print how to log in."

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
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Kuulu demo site:  http://127.0.0.1:8000/"))
        self.stdout.write(self.style.SUCCESS("Wagtail admin:    http://127.0.0.1:8000/admin/"))
        self.stdout.write(self.style.SUCCESS(f"  user: {USERNAME}   password: {PASSWORD}"))
        self.stdout.write("")
