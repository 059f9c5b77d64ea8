"""Galleries, video and audio, maps, and illustrated lists (sister cities, city cards, honors)."""
