"""calendar-service: Chinese public notices turned into calendar events."""
