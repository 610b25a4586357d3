"""Ticket layout (Thai raster) and ESC/POS backends. Not built yet: see docs/ROADMAP.md."""
