"""The government directory: officials and departments."""
