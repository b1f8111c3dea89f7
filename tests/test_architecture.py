"""Issue 10: one-way dependencies. The import contracts in pyproject.toml ([tool.importlinter])
hold: the site shell imports no domain app, events import neither sign-ups nor feedback, sibling
apps do not import each other, and no app's models import its views."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout
