import { FieldValidationError } from '../workflow/FieldValidationError';
import type { Knex } from 'knex';

/** Position after the last row of a page: the sort key and the id that breaks ties. */
interface CursorPosition {
  at: string;
  id: string;
}

/** Encodes a page position as an opaque string. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString(
    'base64url',
  );
}

/** Decodes a cursor from a query string; a malformed one is the caller's error (400). */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      typeof at !== 'string' ||
      typeof id !== 'string' ||
      Number.isNaN(Date.parse(at))
    )
      throw new Error();
    return { at, id };
  } catch {
    throw new FieldValidationError(
      'query.cursor: not a cursor returned by this API',
      [
        {
          path: 'query.cursor',
          message: 'not a cursor returned by this API; start again without it',
        },
      ],
    );
  }
}

/**
 * Keyset pagination on (column, id): cost does not grow with the page's depth, unlike OFFSET.
 * `order` is the direction of the listing.
 */
export function applyCursor(
  qb: Knex.QueryBuilder,
  column: string,
  order: 'asc' | 'desc',
  cursor: string | undefined,
) {
  if (cursor) {
    const { at, id } = decodeCursor(cursor);
    const op = order === 'desc' ? '<' : '>';
    // A row-value comparison lets both SQLite and PostgreSQL seek the (column, id) index directly.
    qb.whereRaw(`(??, ??) ${op} (?, ?)`, [column, 'id', at, id]);
  }
  qb.orderBy([
    { column, order },
    { column: 'id', order },
  ]);
}
