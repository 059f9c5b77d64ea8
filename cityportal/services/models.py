"""Service guides for residents and foreigners, with the elements every guide must have."""
