"""In-app notifications, and their e-mail signal without personal data."""
