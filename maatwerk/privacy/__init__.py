"""The household's privacy rights and data lifecycle: retention and backups."""
