"""Regenerate docs/cli.md from the commands' --help texts.

Usage: python tools/gen_cli_docs.py [--check]
With --check, exit 1 when docs/cli.md is out of date (the test suite runs this).
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from dyadwatch.cli import cli

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render() -> str:
    runner = CliRunner()
    parts = ["# dyadwatch command line\n",
             "Generated from `--help` by `tools/gen_cli_docs.py`; do not edit by hand.\n"]
    top = runner.invoke(cli, ["--help"], prog_name="dyadwatch", terminal_width=100)
    parts.append("```\n" + top.output.rstrip() + "\n```\n")
    for name in sorted(cli.commands):
        res = runner.invoke(cli, [name, "--help"], prog_name="dyadwatch", terminal_width=100)
        parts.append(f"## dyadwatch {name}\n\n```\n{res.output.rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run python tools/gen_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
