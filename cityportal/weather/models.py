"""Weather observations fetched from a public weather service, shown in a widget."""
