"""Frequently asked questions in categories."""
