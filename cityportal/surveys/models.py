"""Online Investigation: public surveys with anonymous answers and published results."""
