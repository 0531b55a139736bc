"""The write path's SQL without the ORM's unit of work: prepared INSERTs and plain reads on the
sqlite3 connection of a transaction.

A save is a few small statements and one commit with an fsync. Through a Session and the ORM
(identity map, flush planning, attribute events, result objects) it cost about ten times the CPU
of the same statements sent by sqlite3 alone (bench/README.md, durable_write). A `Db` is either a
Session (its transaction's connection is used, so the statements commit or roll back with the
ORM's changes) or the bare connection of `Store.write`. sqlite3 keeps each statement prepared in
its cache; its errors become a StoreError in both.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy import Column, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import DeclarativeBase, Session

Processor = Callable[[Any], Any]
Db = Session | sqlite3.Connection

_DIALECT = sqlite.dialect()  # the store's (sync/sqlite.py sets no serializers of its own)


def dbapi(db: Db) -> sqlite3.Connection:
    """The sqlite3 connection to run statements on. For a Session: its transaction's, begun (BEGIN
    IMMEDIATE for a write transaction) if it was not yet, after flushing the changes pending in it,
    as before an ORM query, so statements run here see them and come after them."""
    if isinstance(db, sqlite3.Connection):
        return db
    db.flush()
    return cast(sqlite3.Connection, db.connection().connection.driver_connection)


class Insert:
    """An INSERT into one table, each value bound by its column type's own SQLAlchemy bind
    processor, so the stored text is what an ORM flush would store (aware datetimes as UTC ISO text,
    lists as JSON). A column left out gets its Python-side default, as in a flush, or else NULL."""

    def __init__(self, model: type[DeclarativeBase]) -> None:
        self._table = cast(Table, model.__table__)
        self._prepared: dict[tuple[str, ...], tuple[str, list[Processor | None], list[Callable[[], Any]]]] = {}

    def __call__(self, db: Db, values: Mapping[str, Any]) -> None:
        names = tuple(values)
        prepared = self._prepared.get(names)
        if prepared is None:
            prepared = self._prepared[names] = self._prepare(names)
        sql, processors, defaults = prepared
        params = [value if process is None else process(value)
                  for process, value in zip(processors, values.values(), strict=True)]
        params.extend(default() for default in defaults)
        dbapi(db).execute(sql, params)

    def _prepare(self, names: tuple[str, ...]) -> tuple[str, list[Processor | None], list[Callable[[], Any]]]:
        def processor(column: Column[Any]) -> Processor | None:
            return column.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)

        given = [self._table.columns[name] for name in names]
        defaulted = [c for c in self._table.columns if c.name not in names and c.default is not None]
        defaults = [_default(cast(Any, c.default), processor(c) or _same) for c in defaulted]
        columns = ", ".join(c.name for c in given + defaulted)
        sql = f"INSERT INTO {self._table.name} ({columns}) VALUES ({', '.join('?' * (len(given) + len(defaulted)))})"
        return sql, [processor(c) for c in given], defaults


def _same(value: Any) -> Any:
    return value


def _default(default: Any, process: Processor) -> Callable[[], Any]:
    """A column's Python-side default (a value, or a callable SQLAlchemy wrapped to take a context)."""
    if default.is_callable:
        return lambda: process(default.arg(None))
    value = process(default.arg)
    return lambda: value
