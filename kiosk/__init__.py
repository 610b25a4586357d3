"""The citizen's touchscreen kiosk: choose a service, get a ticket, rate the service."""
