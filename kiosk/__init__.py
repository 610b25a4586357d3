"""The citizen's touchscreen kiosk (Kivy). Not built yet: see docs/ROADMAP.md."""
