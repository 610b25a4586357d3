"""Reports: the quarterly satisfaction figures for the province, and daily operations."""
