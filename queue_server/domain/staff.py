"""What a staff code may do in the centre console.

Counter work needs only a code and a PIN; the console adds a role. A clerk
follows the floor, the cases and complaints and the reports; a supervisor
also runs the centre's setup (catalog, hours, counters, staff, priority); an
admin also the site's own settings. Each role includes the ones below it.
"""

from __future__ import annotations

from enum import StrEnum


class StaffRole(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    def includes(self, other: StaffRole) -> bool:
        """Whether this role may do what ``other`` may."""
        order = list(StaffRole)
        return order.index(self) >= order.index(other)
