import type { Db } from './db';

type OneRowQuery<Row> = { executeTakeFirst(): Promise<Row | undefined> };

/**
 * Runs a query that reads at most one row and maps it to its domain type: null when there is no row.
 */
export async function oneRow<Row, T>(query: OneRowQuery<Row>, toDomain: (row: Row) => T): Promise<T | null> {
  const row = await query.executeTakeFirst();
  return row === undefined ? null : toDomain(row);
}

/**
 * A table's reads of one row by primary key, from its `SELECT * ... WHERE id = $1` query:
 * `find` (null when absent) and `lock`, the same with FOR UPDATE (call it inside a transaction:
 * the row stays locked until the transaction ends).
 */
export function readersById<Row, T>(
  selectById: (db: Db, id: string) => OneRowQuery<Row> & { forUpdate(): OneRowQuery<Row> },
  toDomain: (row: Row) => T,
) {
  return {
    find: (db: Db, id: string): Promise<T | null> => oneRow(selectById(db, id), toDomain),
    lock: (db: Db, id: string): Promise<T | null> => oneRow(selectById(db, id).forUpdate(), toDomain),
  };
}
