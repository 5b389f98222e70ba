"""Story page types (vision updates, blogs, videos, podcasts, community stories) arrive in issue 4."""
