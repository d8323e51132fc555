"""Mutation testing of the modules that decide outcomes (issue #26), one mutmut run per module.

Each module set is mutated in a throw-away copy of the work tree (under the system temp folder,
never in the repository) against its own targeted test selection, so that a run fits on two
cores; the mutation score (killed / checked) is printed per module set.

    python scripts/mutation.py                       # every module set (the nightly command)
    python scripts/mutation.py fairness_metrics      # named sets only
    python scripts/mutation.py --changed origin/main # the sets whose files changed since a ref
    python scripts/mutation.py --list                # the sets, their files and tests

The score counts a mutant as killed when its tests fail or time out; "no tests" mutants (a
line no selected test runs) count against the score, as survivors do.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("ats_site", "candidates", "fairness", "matching", "vacancies")
ALSO_COPY = ("manage.py", "templates", "static", "locale", "benchmarks", "research", "scripts")


@dataclass(frozen=True)
class ModuleSet:
    files: tuple[str, ...]
    tests: tuple[str, ...]
    note: str = ""


MODULES: dict[str, ModuleSet] = {
    "score": ModuleSet(
        files=("matching/core/scoring/additive.py", "matching/core/scoring/inputs.py"),
        tests=(
            "tests/matching/core/scoring",
            "tests/matching/test_score_golden.py",
            "-m",
            "not slow",
        ),
    ),
    "ranking": ModuleSet(
        files=("matching/services/ranking.py",),
        tests=(
            "tests/matching/test_ranking_shortlist.py",
            "tests/matching/test_ranking_index.py",
            "tests/matching/test_scoring_services.py",
        ),
        note="loads the real encoder: about 30 s per mutant on two cores",
    ),
    "extraction": ModuleSet(
        files=(
            "candidates/extraction/pdf.py",
            "candidates/extraction/office.py",
            "candidates/extraction/sniff.py",
            "candidates/extraction/plain.py",
        ),
        tests=("tests/candidates/extraction", "-m", "not shared_data"),
    ),
    "upload_checks": ModuleSet(
        files=("candidates/services/uploads.py",),
        tests=(
            "tests/candidates/test_upload_rejections.py",
            "tests/security/test_upload_storage.py",
            "tests/candidates/test_cv_choice.py",
        ),
    ),
    "erasure": ModuleSet(
        files=("candidates/services/erasure.py",),
        tests=(
            "tests/candidates/test_erasure_profile_fields.py",
            "tests/candidates/test_erasure_everything.py",
            "tests/candidates/test_erasure_login_and_exclusion.py",
            "tests/candidates/test_erasure_database_walk.py",
        ),
    ),
    "tasks": ModuleSet(
        files=(
            "matching/services/batches.py",
            "candidates/services/documents.py",
            "candidates/services/reaper.py",
        ),
        tests=(
            "tests/matching/test_scoring_batch_writes.py",
            "tests/matching/test_scoring_reaper.py",
            "tests/candidates/test_extraction_reaper.py",
        ),
        note="scoring loads the real encoder: minutes per mutant batch",
    ),
    "fairness_metrics": ModuleSet(
        files=("fairness/core/metrics.py", "fairness/core/rates.py"),
        tests=(
            "tests/fairness/core/test_fairness_metrics.py",
            "tests/fairness/core/test_fairness_metrics_edges.py",
            "tests/fairness/core/test_fairness_metrics_contract.py",
        ),
    ),
}


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def _copy_work_tree(target: Path) -> None:
    """Tracked and untracked-but-not-ignored files of the work tree (what git would commit)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.is_file() or name.startswith(".venv"):
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


# mutmut 3 skips decorated functions; these decorators keep their meaning when applied after
# the definition (``f = transaction.atomic(f)``), so in the copy they are moved there.
_MOVABLE_DECORATORS = frozenset({"transaction.atomic", "cache", "lru_cache"})


def _undecorate(path: Path) -> int:
    """Move the movable decorators of top-level functions below them; how many were moved."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    moves: list[tuple[int, int, str, list[str]]] = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef) or not node.decorator_list:
            continue
        names = [ast.unparse(item) for item in node.decorator_list]
        if all(name in _MOVABLE_DECORATORS for name in names):
            first = min(item.lineno for item in node.decorator_list)
            moves.append((first, node.end_lineno or node.lineno, node.name, names))
    for first, end, name, names in reversed(moves):
        wrapped = name
        for decorator in reversed(names):
            wrapped = f"{decorator}({wrapped})"
        lines.insert(end, f"\n\n{name} = {wrapped}\n")
        del lines[first - 1 : first - 1 + len(names)]
    path.write_text("".join(lines), encoding="utf-8")
    return len(moves)


def _configure(copy: Path, module: ModuleSet) -> None:
    roots = sorted({Path(name).parts[0] for name in module.files})
    also = [p for p in (*PACKAGES, *ALSO_COPY) if p not in roots and (copy / p).exists()]
    for name in module.files:
        _undecorate(copy / name)
    pyproject = copy / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text += (
        "\n[tool.mutmut]\n"
        f"source_paths = {_toml_list(roots)}\n"
        f"only_mutate = {_toml_list(list(module.files))}\n"
        f"also_copy = {_toml_list(also)}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(list(module.tests))}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]\n'
    )
    pyproject.write_text(text, encoding="utf-8")
    # tests/requirements.py reads ../shared beside the repository; the tests run in mutants/.
    shared = REPO.parent / "shared"
    if shared.is_dir():
        (copy / "shared").symlink_to(shared)
        (copy.parent / "shared").symlink_to(shared)


def _stats(copy: Path) -> dict[str, int]:
    subprocess.run(
        [sys.executable, "-m", "mutmut", "export-cicd-stats"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    data: dict[str, int] = json.loads(
        (copy / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8")
    )
    return data


def run_module(name: str, children: int, keep: bool) -> dict[str, object]:
    """Mutate one module set in a fresh copy and return its counts and score."""
    module = MODULES[name]
    base = Path(tempfile.mkdtemp(prefix=f"fairmatch-mutation-{name}-"))
    copy = base / "repo"
    copy.mkdir()
    _copy_work_tree(copy)
    _configure(copy, module)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.monotonic() - started
    log = base / "mutmut.log"
    log.write_text(completed.stdout + completed.stderr, encoding="utf-8")
    if completed.returncode != 0:
        print(f"{name}: mutmut failed (exit {completed.returncode}), log {log}", file=sys.stderr)
        print((completed.stdout + completed.stderr)[-3000:], file=sys.stderr)
        return {"module": name, "error": str(log)}
    counts = _stats(copy)
    killed = counts.get("killed", 0) + counts.get("timeout", 0)
    checked = killed + counts.get("survived", 0) + counts.get("no_tests", 0)
    survivors = subprocess.run(
        [sys.executable, "-m", "mutmut", "results"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    (base / "survivors.txt").write_text(survivors, encoding="utf-8")
    result: dict[str, object] = {
        "module": name,
        **counts,
        "score": round(100 * killed / checked, 1) if checked else None,
        "seconds": round(elapsed),
        "survivors": str(base / "survivors.txt"),
    }
    if not keep:
        shutil.rmtree(copy / "mutants", ignore_errors=True)
    return result


def changed_modules(ref: str) -> list[str]:
    """The module sets with a file changed since ``ref`` (committed or not)."""
    changed = set(
        subprocess.run(
            ["git", "diff", "--name-only", ref],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    return [name for name, module in MODULES.items() if changed & set(module.files)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=[], help=f"module sets: {', '.join(MODULES)}")
    parser.add_argument("--changed", metavar="REF", help="only the sets changed since REF")
    parser.add_argument("--children", type=int, default=2, help="parallel mutants (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep mutants/ for `mutmut show`")
    parser.add_argument("--list", action="store_true", help="print the sets and exit")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()
    if options.list:
        for name, module in MODULES.items():
            print(f"{name}: {' '.join(module.files)}\n    tests: {' '.join(module.tests)}")
            if module.note:
                print(f"    note: {module.note}")
        return 0
    unknown = sorted(set(options.modules) - set(MODULES))
    if unknown:
        parser.error(f"unknown module sets {unknown}; choose from {sorted(MODULES)}")
    names = options.modules or list(MODULES)
    if options.changed:
        names = [name for name in changed_modules(options.changed) if name in names]
        if not names:
            print(f"no module set changed since {options.changed}")
            return 0
    results = [run_module(name, options.children, options.keep) for name in names]
    if options.json:
        print(json.dumps(results, indent=1))
    else:
        print(
            f"{'module set':<18} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} "
            f"{'no tests':>8} {'score':>6} {'time':>6}"
        )
        for item in results:
            if "error" in item:
                print(f"{item['module']:<18} mutmut failed, log {item['error']}")
                continue
            print(
                f"{item['module']:<18} {item.get('total', 0):>7} {item.get('killed', 0):>6} "
                f"{item.get('timeout', 0):>7} {item.get('survived', 0):>8} "
                f"{item.get('no_tests', 0):>8} {item['score']!s:>5}% {item['seconds']:>5}s"
            )
            print(f"{'':<18} survivors listed in {item['survivors']}")
    return 1 if any("error" in item for item in results) else 0


if __name__ == "__main__":
    sys.exit(main())
