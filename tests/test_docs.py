"""The README tells the truth: its Python example runs and prints results, and every command-line flag it
names exists on the command it is written with."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

from typer.main import get_command

from storyline.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _python_example() -> str:
    section = README.split("## Python API", 1)[1]
    return section.split("```python", 1)[1].split("```", 1)[0]


def _options() -> dict[str, set[str]]:
    """Each command's option names (``--json``, ``--no-follow-links``…), ``--help`` included."""
    commands = get_command(app).commands
    return {name: {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)} | {"--help"}
            for name, command in commands.items()}


def test_the_python_example_runs_and_prints_results(tmp_path, monkeypatch):
    example = "examples/metro-2025-10-16-trump-putin-budapest.txt"
    assert example in _python_example()
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / example, tmp_path / example)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(_python_example(), "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert len(lines) == 5, lines
    assert lines[0].startswith("Donald Trump · ") and "Budapest" in lines[-1]
    assert "2025-10-20" in lines[3]  # "on Monday" after the 16 October 2025 anchor


def test_every_flag_in_the_readme_exists_on_its_command():
    options = _options()
    documented = 0
    for line in README.splitlines():
        match = re.match(r"\s*storyline (\w+)(.*)", line)
        if not match:
            continue
        named = [match.group(1)] + re.findall(r"\|\s*(\w+)", match.group(2).split("#")[0])
        commands = [c for c in named if c in options]
        assert match.group(1) in options, f"README names an unknown command: {line.strip()}"
        for flag in _FLAG.findall(line.split("#")[0]):
            documented += 1
            assert any(flag in options[c] for c in commands), f"{flag} is not an option of {commands}: {line}"
    assert documented > 15


def test_every_flag_named_anywhere_in_the_readme_exists():
    every = set().union(*_options().values())
    # the benchmark scripts' own flags (--limit, --gold…) are theirs, not the command's
    about_storyline = "\n".join(part for part in README.split("\n## ") if not part.startswith("Benchmarks"))
    missing = sorted(set(_FLAG.findall(about_storyline)) - every)
    assert not missing, f"the README names flags no command has: {missing}"
