/**
 * A node:test reporter that adds up the time of the top-level tests of each file and writes
 * `{ file: ms }` as JSON (scripts/test.mjs prints the slowest files after a run).
 */
export default async function* timingReporter(source) {
  const byFile = {};
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      byFile[event.data.file] = (byFile[event.data.file] ?? 0) + (event.data.details?.duration_ms ?? 0);
    }
  }
  yield JSON.stringify(byFile);
}
