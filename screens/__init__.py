"""Display board, counter terminal and rating screen (Kivy). Not built yet: see docs/ROADMAP.md."""
