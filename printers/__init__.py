"""Tickets on paper: a Thai raster layout, ESC/POS encoding, and the printer backends.

Thai is laid out once as a 1-bit image with Pillow's raqm engine and a
bundled font, then sent as an ESC/POS raster: vendors' Thai code pages differ
and print "?" on the wrong profile, so text mode is never relied upon.
"""
