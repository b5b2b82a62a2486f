import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fairdebtInProcess } from '../support/processes.ts';

// `fairdebt worker` refuses bad options before it opens anything, naming the option.
test('fairdebt worker: bad options are refused with exit 2, naming the option', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['worker', '--jobs', 'dispatch,mail'], /VALIDATION_FAILED: jobs: expected a comma-separated list of dispatch, cycle, got 'dispatch,mail'/],
    [['worker', '--jobs', ''], /jobs: expected/],
    [['worker', '--drain-seconds', 'soon'], /drain-seconds: expected seconds 0–3600, got 'soon'/],
    [['worker', '--time-zone', 'Mars/Olympus'], /time-zone: expected an IANA time zone/],
    [['worker', '--at', '2026-04-02 09:00'], /at: expected an ISO-8601 instant/],
    [['worker', '--sms', 'localhost'], /sms: expected HOST:PORT, got 'localhost'/],
    [['worker', '--bogus'], /arguments: Unknown option '--bogus'/],
    [['dispatch', 'worker', '--jobs', 'nope'], /jobs: expected/],
  ];
  for (const [args, message] of cases) {
    const r = await fairdebtInProcess(args, { DATA_DIR: '/nonexistent/never-opened' });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
});
