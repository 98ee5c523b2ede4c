"""Mutation testing of nnd's math files with mutmut 3, one file at a time.

    python .ci/mutation.py [FILE ...]     (bash .ci/mutation.sh passes its arguments here)

Each file is mutated in its own copy of the working tree (tracked files and untracked ones
git does not ignore) under build/mutation/, so nothing is ever written into nnd/ or backends/:
mutmut keeps its mutated copies in that copy's mutants/ folder. The copy's pyproject.toml
gets the [tool.mutmut] section of this one with the file to mutate and the tests that
matter for it. A backend adapter (backends/NAME/__init__.py) is moved to nnd/NAME/ in the
copy, where it is installed, so the module path mutmut derives from the file (nnd.NAME) is the
name nnd imports it by.

mutmut leaves module-level code alone, so nnd/arrays/python/kernels.py gets a second row: mutants of its
templates, UNROLL and Python 3.11's dot written by hand (KERNEL_MUTANTS), each run against
the kernels' tests in a copy of the tree.

Per file it prints mutants, killed, survived, the survivors listed in
.ci/mutation_equivalent.txt as equivalent, and the score, counting those as killed
(timeouts count as killed too: the mutant made the tests run away). A survivor listed there
with a reason that starts "not reachable here" (code that needs hardware or a library this
machine lacks) has a column of its own and counts as not killed. Survivors that are not
listed go to build/mutation/NAME/survivors.diff, one diff each.

Environment: MUTATION_CHILDREN (parallel workers, default 1), HYPOTHESIS_PROFILE (default
``mutation``, 15 examples per property, registered by .ci/mutation_profile.py).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"

_CORE = ["tests/test_gradients.py", "tests/test_deep.py", "tests/test_regularized.py"]
_BACKEND = [
    "tests/test_conformance.py",
    "tests/test_composites.py",
    "tests/test_agreement.py",
    "tests/test_sigmoid.py",
    "tests/test_gradients.py",
    "tests/test_laws_backend.py",
]
# file -> (tests that matter for it, extra [tool.mutmut] settings). The tests run on the
# python and numpy backends (NND_TEST_BACKENDS), the Array-API adapter's on its own ones.
FILES: dict[str, tuple[list[str], dict[str, object]]] = {
    "nnd/backprop.py": ([*_CORE, "tests/test_laws_backprop.py"], {}),
    "nnd/gradcheck.py": (
        ["tests/test_gradients.py", "tests/test_adversarial_numeric.py", "tests/test_laws_gradcheck.py"],
        {},
    ),
    # The kernels are compiled when nnd.arrays.python.kernels is imported, and kept once compiled: each mutant
    # must import nnd afresh, so it runs in a process forked from a server that has not imported
    # it. mutmut credits what runs at import time to no test or to the wrong one, and a fresh
    # import per mutant can run past its time limit, so each survivor and each timeout is run
    # again against every selected test, without a limit ("recheck").
    "nnd/arrays/python/kernels.py": (
        ["tests/test_composites.py", "tests/test_laws_backend.py", "tests/test_sigmoid.py"],
        {"process_isolation": "forkserver", "forkserver_warmup": "none", "recheck": True},
    ),
    # test_listarray.py: the refusals name the operation that was given something else than a ListArray
    "nnd/arrays/python/__init__.py": ([*_BACKEND, "tests/test_listarray.py"], {}),
    "backends/numpy_backend/__init__.py": ([*_BACKEND, "tests/test_laws_numpy_backend.py"], {}),
    # The whole suite on array-api-strict (the standard and nothing more) and PyTorch (mutable
    # tensors); tests/test_arrayapi.py runs on every installed Array-API library, JAX included,
    # whatever NND_TEST_BACKENDS says. The suite on JAX too would take seven times as long
    # (JAX dispatches each small operation slowly) for the same code. Once JAX has computed
    # it runs threads, and a process forked from it can hang for good: each mutant runs in a
    # process forked from a server that has imported nothing. The tests create backends
    # while they are collected, so as for the kernels, survivors and timeouts are rechecked.
    "backends/arrayapi_backend/__init__.py": (
        [*_BACKEND, "tests/test_arrayapi.py"],
        {
            "backends": "array_api_strict,torch",
            "process_isolation": "forkserver",
            "forkserver_warmup": "none",
            "recheck": True,
        },
    ),
    # the backend's tests too: the python backend's one-pass steps (matmul_sigmoid, output_delta, ...)
    # live here, and only its tests reach them
    "nnd/arrays/python/listarray.py": (
        [*_BACKEND, "tests/test_listarray.py", "tests/test_interop.py", "tests/test_laws_listarray.py"],
        {},
    ),
    # test_every_refusal.py: each minimizer's refusals name the argument (fg, x0, c1, memory, ...)
    "nnd/training/bfgs.py": (
        [
            "tests/test_train.py",
            "tests/test_bfgs_laws.py",
            "tests/test_train_lbfgs.py",
            "tests/test_adversarial_numeric.py",
            "tests/test_every_refusal.py",
        ],
        {},
    ),
}

KILLED = {"killed", "timeout", "caught by type check"}
# The tests of one mutant run outside mutmut (rechecks, the kernels' hand-written mutants)
PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "mutation_profile", "-p", "no:cacheprovider"]
UNREACHABLE = "not reachable here"  # how a reason in .ci/mutation_equivalent.txt says so

# mutmut leaves module-level code alone: the kernels' templates, UNROLL and the Python 3.11
# dot. These mutants of nnd/arrays/python/kernels.py are written by hand: (what changes, old text, new text,
# why it survives if it is expected to).
KERNEL_MUTANTS: list[tuple[str, str, str, str]] = [
    (
        "products: rows of right for rows of left",
        "for {v} in right] for {u} in left]",
        "for {v} in left] for {u} in right]",
        "",
    ),
    (
        "products: the sum negated",
        '_PRODUCTS = "lambda left, right: [[{uv} for',
        '_PRODUCTS = "lambda left, right: [[-({uv}) for',
        "",
    ),
    ("delta_products: a(1 + a) for a(1 - a)", "(x * (1.0 - x))", "(x * (1.0 + x))", ""),
    ("delta_products: (1 - a) for a(1 - a)", "(x * (1.0 - x))", "(1.0 - x)", ""),
    ("delta_products: the sum times a", "({uv}) * (x * (1.0 - x))", "({uv}) * x", ""),
    (
        "delta_products: a's rows shifted by one",
        'a_row in zip(left, a)]"',
        'a_row in zip(left, a[1:] + a[:1])]"',
        "",
    ),
    (
        "delta_products: the first column of a for every column",
        "for {v}, x in zip(right, a_row)",
        "for {v}, x in zip(right, [a_row[0]] * len(a_row))",
        "",
    ),
    ("unrolled sums: a difference for the last term", 'uv = " + ".join(', 'uv = " - ".join(', ""),
    (
        "unrolled sums: one term left out",
        "for i in range(k))\n    return _compile",
        'for i in range(k - 1)) + " + 0.0"\n    return _compile',
        "",
    ),
    ("the general kernel: u·u for u·v", 'uv="dot(u, v)"', 'uv="dot(u, u)"', ""),
    (
        "Python 3.11's dot: min for the products",
        "return sum(map(mul, u, v), 0.0)",
        "return sum(map(min, u, v), 0.0)",
        "",
    ),
    (
        "Python 3.11's dot: starts at 1",
        "return sum(map(mul, u, v), 0.0)",
        "return sum(map(mul, u, v), 1.0)",
        "",
    ),
    (
        "UNROLL 16 -> 8",
        "UNROLL = 16\n",
        "UNROLL = 8\n",
        "a speed setting: every k gets a kernel that computes the same dot products, only how fast differs",
    ),
]


def equivalents() -> dict[str, str]:
    """``{mutant name: why it is equivalent, or not reachable here}`` from .ci/mutation_equivalent.txt."""
    found = {}
    for line in (ROOT / ".ci" / "mutation_equivalent.txt").read_text(encoding="utf-8").splitlines():
        name, _, why = line.partition("#")
        if name.strip():
            found[name.strip()] = why.strip()
    return found


def source_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode()  # fmt: skip
    return [p for p in out.split("\0") if p and (ROOT / p).is_file()]


def mutated_sources() -> list[str]:
    """Files of nnd/ or backends/ in this tree that hold mutmut's code (there must be none)."""
    code = [p for p in source_files() if p.startswith(("nnd/", "backends/")) and p.endswith(".py")]
    return [p for p in code if b"__mutmut" in (ROOT / p).read_bytes()]


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(value)


def prepare(target: str, tests: list[str], extra: dict[str, object]) -> tuple[Path, str]:
    """A copy of the tree for mutating ``target``; returns (its folder, the path mutmut mutates)."""
    name = target.removeprefix("backends/").removesuffix("/__init__.py").removesuffix(".py")
    work = WORK / name.replace("/", "_")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for p in source_files():
        dest = work / p
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / p, dest)
    mutated, sources = target, ["nnd"]
    if target.startswith("backends/"):  # the adapter where it is installed: nnd.NAME
        package = target.split("/")[1]
        shutil.move(str(work / "backends" / package), str(work / "nnd" / package))
        mutated = f"nnd/{package}/__init__.py"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = dict(tomllib.loads(pyproject).get("tool", {}).get("mutmut", {}))
    settings.update(
        source_paths=sources,
        only_mutate=[mutated],
        pytest_add_cli_args=["-p", "mutation_profile", *settings.get("pytest_add_cli_args", [])],
        pytest_add_cli_args_test_selection=[t for t in tests if (work / t).exists()],
        **{k: v for k, v in extra.items() if k not in ("backends", "recheck")},
    )
    pyproject = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", pyproject)
    pyproject += "\n[tool.mutmut]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in settings.items())
    (work / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return work, mutated


def results(work: Path) -> dict[str, str]:
    from mutmut.stats import status_by_exit_code  # status names as mutmut's own report gives them

    found = {}
    for meta in (work / "mutants").rglob("*.meta"):
        for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            found[key] = status_by_exit_code[code]
    return found


def recheck(work: Path, tests: list[str], env: dict[str, str], key: str) -> bool:
    """True if the mutant ``key`` fails some selected test, run in a fresh process that imports it."""
    selection = [t for t in tests if (work / t).exists()]
    path = env["PYTHONPATH"] + os.pathsep + str(work / "mutants")  # the mutated nnd first
    done = subprocess.run(
        PYTEST + selection, cwd=work / "mutants", env=dict(env, MUTANT_UNDER_TEST=key, PYTHONPATH=path),
        capture_output=True,
    )  # fmt: skip
    # 1: a test failed; 2 and 4: the tests could not be collected (conftest imports nnd,
    # which no longer imports); 3: an internal error. 0 is a pass and 5 "no tests": no kill.
    return done.returncode in (1, 2, 3, 4)


def kernel_mutants(env: dict[str, str]) -> dict[str, object]:
    """KERNEL_MUTANTS, each applied to a copy of the kernels module and run against its tests."""
    tests = [t for t in FILES["nnd/arrays/python/kernels.py"][0] if (ROOT / t).exists()]
    work = WORK / "kernel_templates"
    if work.exists():
        shutil.rmtree(work)
    for p in source_files():
        (work / p).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / p, work / p)
    kernels = Path("nnd", "arrays", "python", "kernels.py")
    original = (ROOT / kernels).read_text(encoding="utf-8")
    killed = survived = expected = 0
    start = time.monotonic()
    for what, old, new, why in KERNEL_MUTANTS:
        if "Python 3.11's dot" in what and sys.version_info >= (3, 12):
            continue  # this Python has math.sumprod: the fallback is never defined
        assert original.count(old) == 1, (
            f"kernel mutant {what!r}: {old!r} is not in nnd/arrays/python/kernels.py once"
        )
        (work / kernels).write_text(original.replace(old, new), encoding="utf-8")
        path = env["PYTHONPATH"] + os.pathsep + str(work)
        rc = subprocess.run(
            PYTEST + tests, cwd=work, env=dict(env, PYTHONPATH=path), capture_output=True
        ).returncode
        if rc == 1:
            killed += 1
        elif why:
            expected += 1
            print(f"    survived as expected: {what} ({why})")
        else:
            survived += 1
            print(f"    SURVIVED: {what}")
    total = killed + survived + expected
    return {
        "file": "nnd/arrays/python/kernels.py (by hand)", "mutants": total, "killed": killed,
        "survived": survived,
        "equivalent": expected, "unreachable": 0, "score": 100.0 * (killed + expected) / total,
        "seconds": time.monotonic() - start, "rc": 0, "unchecked": 0, "log": "",
    }  # fmt: skip


def run_one(target: str, children: int, known: dict[str, str]) -> dict[str, object]:
    tests, extra = FILES[target]
    work, _ = prepare(target, tests, extra)
    env = dict(os.environ, PYTHONPATH=str(ROOT / ".ci"), PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("HYPOTHESIS_PROFILE", "mutation")
    env.setdefault("NND_TEST_BACKENDS", str(extra.get("backends", "python,numpy")))
    start = time.monotonic()
    with open(work / "mutmut.log", "w") as log:
        rc = subprocess.run(
            ["mutmut", "run", "--max-children", str(children)], cwd=work, env=env, stdout=log, stderr=log
        ).returncode
    seconds = time.monotonic() - start
    found = results(work)
    if extra.get("recheck"):  # pytest's exit 2 (errors while collecting) reads as "interrupted"
        again = ("survived", "timeout", "check was interrupted by user")
        for key in [k for k, s in found.items() if s in again and k not in known]:
            found[key] = "killed" if recheck(work, tests, env, key) else "survived"
    survived = sorted(k for k, s in found.items() if s not in KILLED)
    unreachable = [k for k in survived if k in known and known[k].startswith(UNREACHABLE)]
    equivalent = [k for k in survived if k in known and k not in unreachable]
    open_ = [k for k in survived if k not in known]
    with open(work / "survivors.diff", "w") as out:
        for key in open_:
            show = subprocess.run(["mutmut", "show", key], cwd=work, env=env, capture_output=True, text=True)
            out.write(f"# {key}: {found[key]}\n{show.stdout}\n")
    total = len(found)
    killed = total - len(survived)
    score = 100.0 * (killed + len(equivalent)) / total if total else 0.0
    return {
        "file": target, "mutants": total, "killed": killed, "survived": len(open_),
        "equivalent": len(equivalent), "unreachable": len(unreachable), "score": score,
        "seconds": seconds, "rc": rc,
        "unchecked": sum(s == "not checked" for s in found.values()), "log": str(work / "mutmut.log"),
    }  # fmt: skip


def main(argv: list[str]) -> int:
    try:
        version = importlib.metadata.version("mutmut")
    except importlib.metadata.PackageNotFoundError:
        version = ""
    if not version.startswith("3."):
        print("mutation testing needs mutmut 3: pip install 'mutmut==3.*'", file=sys.stderr)
        return 2
    targets = argv or [f for f in FILES if (ROOT / f).exists()]
    unknown = [t for t in targets if t not in FILES]
    if unknown:
        print(f"no test selection for {unknown}; known files: {list(FILES)}", file=sys.stderr)
        return 2
    if "backends/arrayapi_backend/__init__.py" in targets:
        # the adapter's tests of a library run only where it is installed: without it, the
        # mutants of that library's backend class all survive
        missing = [m for m in ("array_api_strict", "torch", "jax") if importlib.util.find_spec(m) is None]
        if missing:
            print(
                f"warning: {', '.join(missing)} not installed: the Array-API adapter's mutants "
                f"for {'it' if len(missing) == 1 else 'them'} will survive (pip install them first)",
                file=sys.stderr,
            )
    children = int(os.environ.get("MUTATION_CHILDREN", "1"))
    known = equivalents()
    print(
        f"{'file':34} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv.':>6} {'unreach.':>8}"
        f" {'score':>7} {'time':>7}"
    )
    worst = 100.0
    rows = [(t, False) for t in targets]
    if "nnd/arrays/python/kernels.py" in targets:
        rows.insert(targets.index("nnd/arrays/python/kernels.py") + 1, ("nnd/arrays/python/kernels.py", True))
    for target, by_hand in rows:
        if by_hand:
            env = dict(os.environ, PYTHONPATH=str(ROOT / ".ci"), PYTHONDONTWRITEBYTECODE="1")
            env.setdefault("HYPOTHESIS_PROFILE", "mutation")
            env.setdefault("NND_TEST_BACKENDS", "python,numpy")
            r = kernel_mutants(env)
        else:
            r = run_one(target, children, known)
        note = ""
        if r["unchecked"]:
            note = f"  (mutmut exit {r['rc']}, {r['unchecked']} not checked: see {r['log']})"
        print(
            f"{r['file']:34} {r['mutants']:7} {r['killed']:7} {r['survived']:8} {r['equivalent']:6}"
            f" {r['unreachable']:8} {r['score']:6.1f}% {r['seconds'] / 60:5.1f}min{note}",
            flush=True,
        )
        worst = min(worst, r["score"])
    if mutated_sources():
        print(f"mutated code in the tree itself: {mutated_sources()}", file=sys.stderr)
        return 1
    return 0 if worst >= 90.0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
