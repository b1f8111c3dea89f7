"""Run a recorded draw again from its input snapshot and compare the panel.

    manage.py panels_verify_draw 12

The snapshot holds the pseudonymous pool, the quotas, the algorithm, the solver and the seed;
the same inputs give the same panel with the same version of sortition-algorithms.
"""

from django.core.management.base import BaseCommand, CommandError

from panels import draw_runner
from panels.draws import run_snapshot
from panels.models import Draw
from panels.problems import describe_failure


class Command(BaseCommand):
    help = "Re-run a panel draw from its stored input snapshot and check that it selects the same people."

    def add_arguments(self, parser):
        parser.add_argument("draw_id", type=int)

    def handle(self, draw_id, **options):
        draw = Draw.objects.filter(pk=draw_id, status=Draw.Status.SUCCEEDED).first()
        if draw is None:
            raise CommandError(f"No completed draw {draw_id}.")
        if Draw.digest(draw.snapshot) != draw.snapshot_digest:
            raise CommandError("The stored snapshot does not match its recorded fingerprint.")
        installed = draw_runner.library_version()
        if installed != draw.library_version:
            self.stderr.write(
                f"Note: the draw used sortition-algorithms {draw.library_version}, this is {installed}."
            )
        kind, payload, _log = run_snapshot(draw.snapshot)
        if kind != "result":
            raise CommandError("The draw failed when run again: " + " ".join(describe_failure(payload)))
        recorded = sorted(draw.entries.filter(selected=True).values_list("person", flat=True))
        reserves = list(
            draw.entries.exclude(reserve_rank=None).order_by("reserve_rank").values_list("person", flat=True)
        )
        if sorted(payload["selected"]) != recorded or payload["reserves"] != reserves:
            raise CommandError(f"Draw {draw_id} does NOT reproduce: the panel differs.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Draw {draw_id} reproduces: the same {len(recorded)} members and {len(reserves)} reserves "
                f"(seed {draw.seed}, {draw.algorithm}, fingerprint {draw.snapshot_digest[:12]}…)."
            )
        )
