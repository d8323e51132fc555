"""Run one benchmark: `python benchmarks/run.py NAME [--json] [options]`.

NAME is one of scoring, ranking, skills, parsing, encoding, occupations; each lives in
`benchmarks/NAME.py` and prints its figures (with `--json`, one JSON object on the last line) next
to a naive baseline measured in the same run.
"""

import importlib
import os
import sys
from pathlib import Path

BENCHMARKS = ("scoring", "ranking", "skills", "parsing", "encoding", "occupations")
USAGE = f"usage: python benchmarks/run.py {{{','.join(BENCHMARKS)}}} [--json] [options]"


def main(argv: list[str]) -> int:
    """Dispatch to `benchmarks/<name>.py:main(argv)`."""
    if not argv or argv[0] not in BENCHMARKS:
        print(USAGE, file=sys.stderr)
        return 2
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats_site.settings.base")
    module = importlib.import_module(f"benchmarks.{argv[0]}")
    return int(module.main(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
