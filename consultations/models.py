"""Consultation page types and responses arrive in issue 5."""
