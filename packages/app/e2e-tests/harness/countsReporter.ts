/**
 * A node:test reporter that writes only the totals, as JSON, for scripts/test to add to jest's:
 * `{"passed":n,"failed":n,"skipped":n}`. Suites are not counted, their tests are; a skipped
 * suite counts once, since its tests never report.
 */
type TestEvent = {
  type: string;
  data: { details?: { type?: string }; skip?: unknown; todo?: unknown };
};

export default async function* countsReporter(
  source: AsyncIterable<TestEvent>,
): AsyncGenerator<string> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details, skip, todo } = event.data;
    const isSuite = details?.type === 'suite';
    if (skip !== undefined || todo !== undefined) {
      counts.skipped += 1;
    } else if (event.type === 'test:fail') {
      // A suite fails when a hook (the portal's start) fails; its tests report failures too.
      if (!isSuite) counts.failed += 1;
    } else if (!isSuite) {
      counts.passed += 1;
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}
