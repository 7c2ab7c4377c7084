"""Goals in the family's words and the shared actions that serve them."""
