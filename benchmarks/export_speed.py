"""How long exports of a large plan take: ``python benchmarks/export_speed.py [ACTIONS]``.

Builds a plan of ACTIONS actions (default 5,000) over 8 priorities, each with a rating and a
two-sentence update, and times each built-in exporter writing it to memory (best of 3).
``--compare-rows N`` also times filling an N-row table through python-docx's
``Table.cell()``, the lookup the board paper avoids, against building the rows as XML.

Timings on a shared machine are noisy: compare the numbers of one run with each other.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from datetime import date

import safeguarding_plan as sp

NOTE = (
    "The sub-group reviewed progress at its last meeting and agreed next steps with partners. "
    "A short report will come to the Executive Board with the evidence of impact."
)


def large_plan(actions: int, priorities: int = 8) -> sp.Plan:
    """A plan of ``actions`` actions spread over ``priorities`` priorities, all reviewed."""
    per = -(-actions // priorities)
    keys = [r.key for r in sp.RATING_SCALES["faces"]]
    made = []
    updates = {}
    for p in range(1, priorities + 1):
        ids = [f"{p}.{a}" for a in range(1, per + 1)][: max(0, actions - (p - 1) * per)]
        made.append(
            sp.Priority(
                id=str(p),
                title=f"Priority {p}: improving multi-agency practice",
                actions=tuple(
                    sp.Action(
                        id=i,
                        text=f"Action {i}: partners to review and improve the response to children",
                        lead="Quality, Impact & Outcomes Sub-Group",
                        due=sp.Due("by March 2023", date(2023, 3, 31)),
                    )
                    for i in ids
                ),
            )
        )
        for n, i in enumerate(ids):
            progress = sp.Progress.COMPLETE if n % 3 else sp.Progress.IN_PROGRESS
            updates[i] = sp.ActionUpdate(progress=progress, rating=keys[n % 4], note=NOTE)
    return sp.Plan(
        partnership=sp.Partnership(name="Anytown Safeguarding Children Partnership"),
        title="Business Improvement Plan",
        ratings=sp.RATING_SCALES["faces"],
        priorities=tuple(made),
        reviews=(sp.Review(id="2022-02", title="February 2022 – Update", as_of=date(2022, 1, 31),
                           updates=updates),),
    )  # fmt: skip


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of ``runs`` runs of ``work``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _export(plan: sp.Plan, name: str, manager: sp.PluginManager) -> int:
    out = io.BytesIO()
    sp.export(plan, name, out, plugin_manager=manager)
    return len(out.getvalue())


def _table_through_python_docx(rows: int) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for n in range(1, rows + 1):
        table.add_row()
        for column, text in enumerate((f"Action {n}", NOTE, "Good progress")):
            table.cell(n, column).text = text  # walks the whole table each time


def _table_as_built_here(rows: int) -> None:
    import docx

    from safeguarding_plan.formats.wordparts import Cell, table_row

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)._tbl
    for n in range(rows):
        cells = [Cell.of(f"Action {n}"), Cell.of(NOTE), Cell.of("Good progress")]
        table.append(table_row(cells, (3000, 4000, 2000), keep_with_next=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actions", nargs="?", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-rows", type=int, metavar="N", default=0)
    args = parser.parse_args()

    plan = large_plan(args.actions)
    manager = sp.get_plugin_manager(autoload=False)
    print(f"{len(plan.actions):,} actions, best of {args.runs}:")
    for name in manager.exporters:
        size = _export(plan, name, manager)
        seconds = best_of(args.runs, lambda name=name: _export(plan, name, manager))
        print(f"  {name:<5} {seconds:7.2f} s  {size / 1e6:6.1f} MB")
    if args.compare_rows:
        rows = args.compare_rows
        naive = best_of(1, lambda: _table_through_python_docx(rows))
        ours = best_of(args.runs, lambda: _table_as_built_here(rows))
        print(
            f"  {rows:,}-row table: python-docx Table.cell() {naive:.2f} s, "
            f"rows built as XML {ours:.2f} s ({naive / ours:.0f}x)"
        )


if __name__ == "__main__":
    main()
