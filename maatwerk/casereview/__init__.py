"""Lerend evalueren: case packs, case review sessions, lessons and the knowledge base."""
