"""Investment projects and industrial parks."""
