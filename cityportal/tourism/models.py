"""Tourist attractions and routes."""
