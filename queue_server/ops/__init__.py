"""Running a centre on its own machines: systemd units, the printer's udev rule."""
