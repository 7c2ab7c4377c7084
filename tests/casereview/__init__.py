"""Case packs, case review sessions and the knowledge base."""
