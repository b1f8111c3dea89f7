import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from home import personal_data


class Command(BaseCommand):
    help = "Export or erase everything Kuulu stores about one e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, action, email, yes=False, **options):
        email = personal_data.normalise_email(email)
        if "@" not in email:
            raise CommandError("Give an e-mail address.")
        if action == "export":
            data = {p.name: p.export(email) for p in personal_data.providers()}
            self.stdout.write(
                json.dumps(
                    {"email": email, "data": data, "tables_mentioning": personal_data.mentions(email)},
                    cls=DjangoJSONEncoder,
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        if not yes and options.get("interactive", True):
            answer = input(f"Erase all data of {email}? Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("Nothing erased.")
        with transaction.atomic():
            counts = {p.name: p.erase(email) for p in personal_data.providers()}
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Erased {sum(counts.values())} records of {email}."))
        left = personal_data.mentions(email)
        if left:
            tables = ", ".join(f"{label} ({count})" for label, count in sorted(left.items()))
            raise CommandError(f"Rows still mentioning {email}, no provider covers them: {tables}")
