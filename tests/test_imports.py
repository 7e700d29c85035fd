"""Import structure: the package and the CLI start without spaCy, and the public API still resolves.

The checks of what gets imported run in a fresh interpreter, since this test process may have loaded
spaCy already.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import storyline
from serve_sample_store import build_sample_store
from storyline.model import Analysis, Article

# modules that only reading or analysing a page needs
NLP_MODULES = ("spacy", "storyline.analyze")
STORE_COMMANDS = [["articles"], ["search", "Budapest"], ["export", "--limit", "5"], ["entities"], ["stories"],
                  ["quotes"], ["events"]]


def _fresh_python(code: str, *args: str, timeout: float = 120) -> dict:
    """Run ``code`` in a new interpreter; it prints a JSON object, returned here."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _loaded(names: tuple[str, ...] = NLP_MODULES) -> str:
    """Python that prints which of ``names`` the interpreter has imported."""
    return f"print(json.dumps({{'loaded': [m for m in {names!r} if m in sys.modules]}}))"


def test_import_storyline_and_its_cli_load_no_spacy():
    found = _fresh_python(f"""
        import json, sys
        import storyline, storyline.cli
        assert {{"read", "analyze", "analyze_many", "digest", "Store"}} <= set(dir(storyline))
        {_loaded()}
    """)
    assert found["loaded"] == []


def test_help_of_every_command_loads_no_spacy():
    found = _fresh_python(f"""
        import json, sys
        from typer.testing import CliRunner
        from storyline.cli import app
        runner = CliRunner()
        commands = [c.name or c.callback.__name__ for c in app.registered_commands]
        failed = [c for c in [None, *commands]
                  if runner.invoke(app, [c, "--help"] if c else ["--help"]).exit_code != 0]
        assert not failed, failed
        {_loaded(("spacy", "storyline.analyze", "storyline.read"))}
    """)
    assert found["loaded"] == []


def test_store_commands_and_serve_start_without_spacy(tmp_path):
    db = tmp_path / "sample.db"
    build_sample_store(db)[0].close()
    found = _fresh_python(f"""
        import json, sys
        import uvicorn
        from fastapi.testclient import TestClient
        from typer.testing import CliRunner
        from storyline.cli import app
        runner = CliRunner()
        for command in json.loads(sys.argv[1]):
            result = runner.invoke(app, [*command, "--db", sys.argv[2]])
            assert result.exit_code == 0, (command, result.output)
        served = {{}}
        uvicorn.run = lambda web_app, **options: served.update(app=web_app)
        assert runner.invoke(app, ["serve", "--db", sys.argv[2]]).exit_code == 0
        with TestClient(served["app"]) as client:
            assert client.get("/api/articles").status_code == 200
            assert client.get("/stories").status_code == 200
        {_loaded()}
    """, json.dumps(STORE_COMMANDS), str(db))
    assert found["loaded"] == []


def test_read_stays_the_function_after_its_subpackage_is_imported(seed_path):
    found = _fresh_python(f"""
        import json, sys
        import storyline.read.html
        import storyline
        from storyline.read import ReadError
        article = storyline.read(sys.argv[1])
        print(json.dumps({{"title": article.title, "read_html": hasattr(sys.modules["storyline.read.html"], "read_html"),
                           "loaded": [m for m in {NLP_MODULES!r} if m in sys.modules]}}))
    """, str(seed_path))
    assert found == {"title": "Donald Trump and Putin set to meet within two weeks in Budapest",
                     "read_html": True, "loaded": []}


def test_public_functions_resolve_to_the_stage_functions():
    import storyline.analyze.nlp  # noqa: F401 - binds the subpackage to its parent, which must not shadow
    from storyline.analyze import analyze
    from storyline.read import read

    assert storyline.analyze is analyze and storyline.read is read
    assert callable(storyline.analyze_many) and callable(storyline.digest)


def test_read_analyze_and_digest_work_through_the_package(seed_path):
    article = storyline.read(seed_path)
    assert isinstance(article, Article) and "Budapest" in article.title
    analysis = storyline.analyze("Donald Trump will meet Vladimir Putin in Budapest.", published="2025-10-16")
    assert isinstance(analysis, Analysis)
    assert {"Donald Trump", "Vladimir Putin", "Budapest"} <= {e.name for e in analysis.entities}
    digest = storyline.digest(b"Vladimir Putin spoke to Donald Trump on Thursday.")
    assert digest.article is not None and {"Donald Trump", "Vladimir Putin"} <= {e.name for e in digest.entities}
    assert [a.text for a in storyline.analyze_many(["One.", "Two."])] == ["One.", "Two."]


def test_store_class_is_importable_from_the_package(tmp_path):
    from storyline import Store

    with Store.create(tmp_path / "empty.db") as store:
        assert store.articles(limit=1) == []


def test_unknown_attribute_is_an_attribute_error():
    assert not hasattr(storyline, "no_such_thing")


@pytest.mark.slow
def test_every_module_imports_first_without_a_cycle():
    # each module imported as the first storyline module of the process (spaCy itself stays loaded)
    found = _fresh_python("""
        import importlib, json, pkgutil, sys
        import storyline
        stages = ("storyline.read", "storyline.analyze", "storyline.store", "storyline.stories", "storyline.pipeline")
        names = [m.name for m in pkgutil.walk_packages(storyline.__path__, "storyline.")
                 if m.name.startswith(stages)]
        failed = {}
        for name in names:
            for loaded in [m for m in sys.modules if m == "storyline" or m.startswith("storyline.")]:
                del sys.modules[loaded]
            try:
                importlib.import_module(name)
            except ImportError as exc:
                failed[name] = str(exc)
        print(json.dumps({"modules": len(names), "failed": failed}))
    """, timeout=900)  # a hundred fresh imports: minutes on a loaded machine
    assert found["modules"] > 40
    assert found["failed"] == {}
