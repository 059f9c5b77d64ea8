"""Settings are split by environment: base (shared), dev, production, test."""
