"""Render the command-line reference from the command's own parser (an MkDocs hook).

``docs/reference/cli.md`` holds the line ``<!-- cli-reference -->``; when the site is built,
:func:`on_page_markdown` replaces it with :func:`cli_markdown`, made from
``safeguarding_plan.cli._parser()``, so the reference always says what the command accepts.
``tests/test_docs_site.py`` checks the output without building the site.
"""

from __future__ import annotations

import argparse
from typing import Any

from safeguarding_plan.cli import _parser

MARKER = "<!-- cli-reference -->"
PAGE = "reference/cli.md"

# Positional arguments have no help text in the parser; their words here.
POSITIONALS = {
    "plan": "the plan file",
    "plans": "one or more plan files",
    "trackers": "one or more filled-in trackers, each with the actions of one or more leads",
}


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser's subcommands by name, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Each subcommand's one-line help, by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def _usage(parser: argparse.ArgumentParser) -> str:
    """The usage line, wrapped at a fixed width whatever the terminal building the site."""
    formatter = argparse.HelpFormatter(prog=parser.prog, width=88)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return formatter.format_help().removeprefix("usage: ").strip()


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _argument(action: argparse.Action) -> str:
    if not action.option_strings:
        name = action.metavar or action.dest
        return f"`{name}`" + (" ..." if action.nargs in ("+", "*") else "")
    takes_value = action.nargs != 0
    value = f" {action.metavar or action.dest.upper()}" if takes_value else ""
    return ", ".join(f"`{option}{value}`" for option in action.option_strings)


def _details(action: argparse.Action) -> str:
    text = action.help or ("" if action.option_strings else POSITIONALS.get(action.dest, ""))
    if action.choices and not isinstance(action, argparse._SubParsersAction):
        choices = ", ".join(f"`{choice}`" for choice in action.choices)
        text = f"{text.rstrip('.')}. One of: {choices}."
    notes = []
    if action.required and action.option_strings:
        notes.append("required")
    if isinstance(action, argparse._AppendAction):
        notes.append("may be repeated")
    if notes:
        text += f" ({', '.join(notes)})"
    return _cell(text.strip())


def cli_markdown(parser: argparse.ArgumentParser | None = None) -> str:
    """The reference of every subcommand: its usage, then a table of its arguments."""
    parser = parser or _parser()
    helps = _help(parser)
    parts = []
    for name, command in subcommands(parser).items():
        parts += [f"## {name}", "", _cell(helps.get(name, "")), "", "```text"]
        parts += [_usage(command), "```", "", "| Argument | What it does |", "|---|---|"]
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            parts.append(f"| {_argument(action)} | {_details(action)} |")
        parts.append("")
    return "\n".join(parts)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """MkDocs hook: put the generated reference in place of the marker on the CLI page."""
    if page.file.src_uri == PAGE:
        if MARKER not in markdown:
            raise ValueError(f"{PAGE} has no {MARKER} line to replace")
        return markdown.replace(MARKER, cli_markdown())
    return markdown
