"""Connection settings for Neo4j and the translation of driver errors into one clear line.

Settings come from arguments or the environment (``NEO4J_URI``, ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``), never from a host or password written into
code elsewhere. The password is kept out of ``repr`` and out of every message.
When ``NEO4J_PASSWORD`` is unset the password of ``scripts/neo4j-local`` (``kg-local-pass``)
is tried, so a local server started by that script works without any setting.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from kg.errors import DatabaseError

__all__ = ["Settings", "settings", "connect", "explain", "mask_uri", "LOCAL_PASSWORD"]

#: The password scripts/neo4j-local gives a new local server when NEO4J_PASSWORD is unset.
LOCAL_PASSWORD = "kg-local-pass"


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect; ``password`` never appears in ``repr``."""

    uri: str
    user: str
    database: str
    password: str = field(repr=False)
    retry_seconds: float = 15.0

    @property
    def shown_uri(self) -> str:
        """The URI as messages show it: any ``user:password@`` part masked."""
        return mask_uri(self.uri)


_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^@/]*@")
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def mask_uri(uri: str) -> str:
    """``uri`` with any ``user:password@`` part replaced by ``***@`` (safe to print)."""
    return _USERINFO.sub(r"\1***@", uri)


def _check_uri(conf: Settings) -> None:
    """Refuse URIs the Bolt driver should not be given: other schemes, or a password inside the URI."""
    scheme, sep, _ = conf.uri.partition("://")
    if not sep or scheme.lower() not in _SCHEMES:
        raise DatabaseError(f"cannot use NEO4J_URI {mask_uri(conf.uri)!r}: kg speaks Bolt only; "
                            "give a bolt:// or neo4j:// address such as bolt://127.0.0.1:7687")
    if _USERINFO.match(conf.uri):
        raise DatabaseError(f"NEO4J_URI {mask_uri(conf.uri)!r} holds a user and password; give the address "
                            "alone and set NEO4J_USER and NEO4J_PASSWORD instead")


def settings(uri: str | None = None, user: str | None = None, password: str | None = None,
             database: str | None = None, *, retry_seconds: float = 15.0) -> Settings:
    """Resolve connection settings: explicit arguments first, then the NEO4J_* environment."""
    env = os.environ
    return Settings(
        uri=(uri or env.get("NEO4J_URI") or "bolt://127.0.0.1:7687").strip(),
        user=user or env.get("NEO4J_USER") or "neo4j",
        password=password if password is not None else env.get("NEO4J_PASSWORD", LOCAL_PASSWORD),
        database=database or env.get("NEO4J_DATABASE") or "neo4j",
        retry_seconds=retry_seconds,
    )


def _first_line(text: str) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line.rstrip(".")


def explain(error: Exception, conf: Settings) -> str:
    """One sentence saying what went wrong with Neo4j and what to do; never contains the password."""
    if isinstance(error, AuthError):
        return (f"Neo4j at {conf.shown_uri} refused user '{conf.user}' with the given password; "
                "set NEO4J_PASSWORD (scripts/neo4j-local uses kg-local-pass unless told otherwise)")
    if isinstance(error, (ServiceUnavailable, SessionExpired, OSError)):
        return f"cannot reach Neo4j at {conf.shown_uri}; start it with scripts/neo4j-local start or set NEO4J_URI"
    if isinstance(error, Neo4jError) and error.code == "Neo.ClientError.Database.DatabaseNotFound":
        return (f"Neo4j at {conf.shown_uri} has no database '{conf.database}'; set NEO4J_DATABASE "
                "to an existing one (Community Edition has only 'neo4j')")
    if isinstance(error, ClientError) and error.code == "Neo.ClientError.Statement.AccessMode":
        return "the query tries to write, but kg queries run read-only; use kg load to change the database"
    message = _first_line(getattr(error, "message", None) or str(error))
    if conf.password:
        message = message.replace(conf.password, "***")
    if len(message) > 300:
        message = message[:300] + "…"
    return f"Neo4j at {conf.shown_uri} failed: {message}"


@contextmanager
def connect(conf: Settings) -> Iterator[Driver]:
    """A driver that has proved it can reach the server and the database; errors become DatabaseError."""
    _check_uri(conf)
    try:
        driver = GraphDatabase.driver(conf.uri, auth=(conf.user, conf.password),
                                      max_transaction_retry_time=conf.retry_seconds, connection_timeout=10,
                                      notifications_min_severity="OFF")
    except (DriverError, Neo4jError, ValueError) as error:
        raise DatabaseError(f"cannot use NEO4J_URI {conf.shown_uri!r}: {mask_uri(_first_line(str(error)))}; "
                            "give a bolt:// or neo4j:// address") from None
    try:
        try:
            driver.verify_connectivity()
            with driver.session(database=conf.database) as session:
                session.run("RETURN 1").consume()
        except (DriverError, Neo4jError, OSError) as error:
            raise DatabaseError(explain(error, conf)) from None
        yield driver
    finally:
        driver.close()
