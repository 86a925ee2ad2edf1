"""`python -m tradewind.core.probe DATABASE_URL REDIS_URL`: exit 0 when both answer within two seconds.

Used by `make test` to decide whether to run the PostgreSQL + Redis pass.
"""

import sys


def main(database_url: str, redis_url: str) -> int:
    import psycopg
    import redis

    try:
        dsn = database_url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0] + "/postgres"
        psycopg.connect(dsn, connect_timeout=2).close()
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except Exception as exc:
        print(f"not reachable: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
