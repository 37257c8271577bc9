"""``--help`` (``_cli/_help.py``): an example for each command, the exit codes, and
examples that run."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from statement_tracker._cli import build_parser, main
from statement_tracker._cli._help import EXAMPLES, EXIT_CODES

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--help"])
    assert 0 == exc.value.code
    return capsys.readouterr().out


@pytest.mark.parametrize("command", _commands())
def test_every_command_help_has_an_example_and_the_exit_codes(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`COMMAND --help` ends with an example of that command and the exit codes."""
    text = _help(capsys, command)
    assert (True, True, True) == (
        f"  statement-tracker {command} " in text,
        EXIT_CODES.splitlines()[1] in text,
        "-q, --quiet" in text,
    )


def test_top_level_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """`statement-tracker --help` documents the exit codes 0, 1, 2 and 130."""
    text = _help(capsys)
    assert all(f"\n  {code} " in text for code in ("0  ", "1  ", "2  ", "130"))


def test_every_command_has_examples() -> None:
    """The examples table covers exactly the registered commands."""
    assert _commands() == sorted(EXAMPLES)


def test_examples_parse() -> None:
    """Every example in the help is a valid command line."""
    parser = build_parser()
    for lines in EXAMPLES.values():
        for line in lines:
            command = line.split(" | statement-tracker ")[-1]
            parser.parse_args(shlex.split(command))


def test_examples_run_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from a folder that has the repository's fixtures/, the examples succeed in
    the table's order (add before the commands that read its archive), `diff --exit-code`
    with status 1 (the two readouts differ)."""
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    statuses = {}
    for lines in EXAMPLES.values():
        for line in lines:
            if " | " in line:  # `cat FILE | statement-tracker …`: the test gives stdin
                path, command = line.removeprefix("cat ").split(" | statement-tracker ")
                with open(path, encoding="utf-8") as stdin:
                    monkeypatch.setattr("sys.stdin", stdin)
                    statuses[line] = main(shlex.split(command))
            else:
                statuses[line] = main(shlex.split(line))
    capsys.readouterr()
    expected = {line: 1 if "--exit-code" in line else 0 for line in statuses}
    assert expected == statuses
