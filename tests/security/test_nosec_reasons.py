"""Every bandit exception in the app code says why (docs/SECURITY.md §8): the project's
format is `# <reason>  # nosec <id>`, after a `# noqa: S...` where ruff needs one too."""

from __future__ import annotations

import re

from tests.security.conftest import ROOT

PACKAGES = ("maatwerk", "api", "workflows")
# A reason (a comment that is not a noqa) right before `# nosec` and its test ids.
JUSTIFIED = re.compile(r"#(?!\s*noqa)\s*[^#\s][^#]*#\s*nosec B\d{3}(?:,\s*B\d{3})*\s*$")


def nosec_lines() -> list[tuple[str, int, str]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "nosec" in line:
                    found.append((str(path.relative_to(ROOT)), number, line.strip()))
    return found


def test_every_nosec_carries_a_reason():
    lines = nosec_lines()
    assert len(lines) >= 10, lines
    bare = [
        f"{path}:{number}: {line}" for path, number, line in lines if not JUSTIFIED.search(line)
    ]
    assert not bare, "nosec without a reason:\n" + "\n".join(bare)


def test_the_format_check_can_fail():
    assert not JUSTIFIED.search("x = 1  # noqa: S608  # nosec B608")
    assert not JUSTIFIED.search("x = 1  # nosec B608: a constant")
    assert JUSTIFIED.search("x = 1  # noqa: S608  # a constant  # nosec B608")
    assert JUSTIFIED.search("from x import y  # nothing is parsed  # nosec B406")
