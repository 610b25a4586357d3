"""The province board: every centre's queue at a glance, read from the province broker."""
