"""cityportal: a Wagtail platform for a city government's public web portal."""
