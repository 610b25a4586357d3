"""What every screen shares: start-up of Kivy, the look, Thai labels, the bus link."""
