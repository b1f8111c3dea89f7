"""Old name of the selection code, kept only for the demo loader (`panels/demo.py`), which
issue 10 moves out of the app; new code imports the modules split by job:
`panels.quota_rules`, `panels.draws`, `panels.draw_results` and `panels.problems`.
Remove this module with the demo's move."""

from panels.draw_results import adopt, replace_member
from panels.draws import build_snapshot, execute_draw, solver_backend
from panels.models import Draw
from panels.quota_rules import proportional_quotas, save_quotas

__all__ = [
    "Draw",
    "adopt",
    "build_snapshot",
    "execute_draw",
    "proportional_quotas",
    "replace_member",
    "save_quotas",
    "solver_backend",
]
