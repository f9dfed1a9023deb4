import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

// Every PostgreSQL version TestDatabases knows; scripts/test starts one and sets its variable.
const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * SQLite plus the PostgreSQL that scripts/test started. On a laptop without PostgreSQL the
 * PostgreSQL variants skip with a printed reason; in CI a missing server is an error, not a skip.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: [...POSTGRES_IDS, 'SQLITE_3'],
    disableDocker: true,
  });
  const hasPostgres = POSTGRES_IDS.some(id => databases.supports(id));
  if (!hasPostgres) {
    const why =
      'no PostgreSQL connection string (BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING); run ./scripts/test, which starts one';
    if (process.env.CI)
      throw new Error(`CI must run the store suites on PostgreSQL too: ${why}`);
    // eslint-disable-next-line no-console
    console.warn(`Skipping PostgreSQL variants: ${why}`);
  }
  return databases;
}
