"""Password hashing: Argon2id with OWASP's parameters.

Django's PBKDF2 default (1,000,000 iterations of SHA-256) cost 0.32 s of CPU per sign-in on the
reference machine, so a morning's sign-ins of a sales team queued behind each other. Argon2id with
OWASP's first recommended configuration (19 MiB of memory, 2 passes, 1 lane) takes about 20 ms here and
is memory-hard, which PBKDF2 is not: a GPU gains far less against it. It is first in
settings.PASSWORD_HASHERS, so every older hash (PBKDF2, or Argon2 with other parameters) is re-hashed
with it at the user's next successful sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    # Same algorithm name as Django's ("argon2"), so stored hashes stay standard PHC strings; Django's
    # must_update() compares these parameters and upgrades hashes made with others.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
