"""Help in plain words: ``--json`` and ``--db TEXT`` rather than typer's ``--json <bool>`` and ``--db <str>``,
``SOURCES...`` rather than ``{sources}...``."""

from __future__ import annotations

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

_TYPE_WORDS = {"str": "TEXT", "int": "INTEGER", "int range": "INTEGER", "float": "NUMBER",
               "float range": "NUMBER"}


class _PlainOption(TyperOption):
    """An option shown as people expect: ``--json``, ``--db TEXT``, ``--limit INTEGER``
    (typer 0.29 shows ``<bool>`` beside flags and ``<str>`` beside values)."""

    def display_type_rich(self, ctx: typer.Context) -> str | None:
        if self.is_flag or self.count:
            return ""
        if self.metavar is not None:
            return self.metavar
        label = self.display_type(ctx).strip("<>")
        return f"[{label}]" if "|" in label else _TYPE_WORDS.get(label, label.upper())


class _PlainArgument(TyperArgument):
    """An argument shown as ``SOURCES...`` and ``[PATH]`` rather than ``{sources}...`` with its type."""

    def display_type_rich(self, ctx: typer.Context) -> str | None:
        return ""

    @property
    def display_name_raw(self) -> str:
        return self.metavar or (self.name or "").upper()

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self._rich_display_name()
        return name if self.required else f"[{name}]"


def _plain(command: TyperCommand | TyperGroup) -> None:
    """Show ``command``'s options and arguments in plain words (idempotent)."""
    help_option = command.get_help_option(typer.Context(command))  # made once, then cached by the command
    for param in [*command.params, help_option]:
        if type(param) is TyperOption:
            param.__class__ = _PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = _PlainArgument


class PlainHelpGroup(TyperGroup):
    """The command group, whose commands show their options in plain words."""

    def get_params(self, ctx: typer.Context) -> list:
        _plain(self)
        return super().get_params(ctx)

    def get_command(self, ctx: typer.Context, name: str):
        found = super().get_command(ctx, name)
        if found is not None:
            _plain(found)
        return found
