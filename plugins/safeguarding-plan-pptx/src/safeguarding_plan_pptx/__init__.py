"""``pptx``: a plan's progress as the partnership's own slide deck, for the board or the public.

The deck is the progress presentation a business manager builds by hand each quarter: a title
slide, what it will cover, the executive summary with native charts, the headline with the
percentage large, each priority's actions in the partnership's three columns (*Planned Action*,
the review's update, *Status*), the exceptions, the changes, the learning from reviews, the
partnership's own sections and the key. Every word it shows is the report's; it only lays
them out, measured so that nothing runs off a slide.

    safeguarding-plan export plan.yaml --format pptx
    safeguarding-plan export plan.yaml --format pptx -O template=house-style.potx

python-pptx is imported only when a deck is written, so listing exporters stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import IO, Any

from safeguarding_plan.plugin import Exporter, File, Option, Report, hookimpl

__all__ = ["register_exporters", "write"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def write(report: Report, stream: IO[bytes], options: Mapping[str, Any]) -> None:
    """Write the deck of ``report`` as a .pptx, on the house template if one is given."""
    from safeguarding_plan_pptx import _write

    _write.write(report, stream, options.get("template"))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``pptx`` exporter."""
    register(
        Exporter(
            name="pptx",
            title="PowerPoint slides of the progress, for the board or a public meeting",
            suffix=".pptx",
            media_type=MEDIA_TYPE,
            write=write,
            options=(
                Option(
                    "template",
                    File(),
                    help="a house-style .pptx or .potx whose slide master, layouts and theme "
                    "are kept",
                ),
            ),
        )
    )
