"""The package checks by the name the tracker's import reads them under: they live in
``office.packages`` now, below the plugin API, which offers them to plugins' house templates."""

from safeguarding_plan.office.packages import (
    TRACKER,
    PackageError,
    check,
    check_file,
    open_file,
    read_file,
)

__all__ = ["TRACKER", "PackageError", "check", "check_file", "open_file", "read_file"]
