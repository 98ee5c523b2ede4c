"""``nnd backends``: which backends exist, which is active, and which setting chose it."""

from __future__ import annotations

import argparse

from nnd.config import BackendNotInstalledError, active_backend_source, list_backends, load_backend

HELP = "list the array backends, the active one and the setting that chose it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    """Print one line per backend, marking the active one."""
    chosen, source = active_backend_source()
    active = chosen if isinstance(chosen, str) else chosen.name
    for name in list_backends():
        try:
            load_backend(name)
            status = "installed"
        except BackendNotInstalledError as exc:
            status = f"not usable: {exc}"
        mark = "*" if name == active else " "
        print(f"{mark} {name:<10} {status}")
    if active not in list_backends():
        print(f"! {active!r} is selected but is not a known backend")
    print(f"active: {active} (chosen by {source})")
    return 0
