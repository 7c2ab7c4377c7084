"""Online backup of the embedded SQLite database (PostgreSQL: see docs/OPERATIONS.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


def sqlite_path(database_uri: str) -> Path:
    """The file behind a sqlite:/// URL."""
    url = make_url(database_uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise ValueError("not a SQLite file database")
    return Path(url.database)


def backup_sqlite(database_uri: str, destination: Path) -> Path:
    """Copy the live database consistently (sqlite3 online backup API) to destination."""
    source_path = sqlite_path(database_uri)
    destination = Path(destination)
    if destination.exists():
        raise FileExistsError(f"{destination} exists; choose a new file")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(destination) as target:
        source.backup(target)
    return destination
