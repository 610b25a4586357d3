"""Staff PINs as argon2id hashes: one setting for every place that hashes or checks one.

OWASP's argon2id setting (19 MiB, 2 passes, 1 lane): about 20 ms and 19 MiB a check,
not the library default's 64 MiB and 130 ms on a small box. A 4-digit PIN is
protected by the sign-in throttle (and a kiosk's corner by being a corner), not by
the hash's cost; the server's one worker must not stall on hashes, and a kiosk made
with the default grew by 64 MB each time staff opened its corner (issue 22).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_pin(pin: str) -> str:
    return HASHER.hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        return HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def costlier_than_needed(pin_hash: str) -> bool:
    """A hash made with another setting (the library's default, 64 MiB a check): it
    still checks, at its own cost, and should be made again."""
    try:
        return HASHER.check_needs_rehash(pin_hash)
    except InvalidHashError:
        return False
