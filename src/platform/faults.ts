/**
 * Fault points for crash testing. Code that must survive being killed marks its interesting places
 * with `faultPoint('cycle.batch.after-commit')`; the environment decides whether one of them kills
 * the process:
 *
 * - `FAIRDEBT_FAULT=NAME:N` — the N-th time the point NAME is reached, the process kills itself with
 *   SIGKILL (no clean-up, no flushing, as a power cut or the OOM killer would).
 * - `FAIRDEBT_FAULT=after-ms:N` — SIGKILL N milliseconds after the first fault point is reached (a
 *   kill at a random time while the work is under way, not during start-up).
 * - `FAIRDEBT_FAULT_TRACE=FILE` — appends every point reached to FILE, one a line (`NAME EPOCH-MS`),
 *   so a harness can learn which points a run passes, how often and when, and choose where to kill.
 *
 * The environment is read once, when this module loads. With neither variable set a fault point is
 * one comparison of a constant.
 */
import { appendFileSync } from 'node:fs';

interface Armed {
  name?: string;
  nth?: number;
  afterMs?: number;
  trace?: string;
}

/** Parses FAIRDEBT_FAULT; undefined when unset, an error for a value that names no fault. */
export function parseFault(value: string | undefined): { name: string; nth: number } | { afterMs: number } | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^([a-z0-9.-]+):(\d+)$/.exec(value);
  if (!m || !(Number(m[2]) > 0)) throw new Error(`FAIRDEBT_FAULT: expected NAME:N (N ≥ 1) or after-ms:N, got '${value}'`);
  if (m[1] === 'after-ms') return { afterMs: Number(m[2]) };
  return { name: m[1]!, nth: Number(m[2]) };
}

function fromEnv(): Armed | undefined {
  const fault = parseFault(process.env.FAIRDEBT_FAULT);
  const trace = process.env.FAIRDEBT_FAULT_TRACE || undefined;
  if (!fault && !trace) return undefined;
  return { ...fault, ...(trace ? { trace } : {}) };
}

const armed: Armed | undefined = fromEnv();
const reached = new Map<string, number>();
let timerStarted = false;

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is delivered before the next instruction that matters; this keeps the type honest.
  throw new Error('killed');
}

/** A place where a crash is worth testing; kills the process when the environment names it. */
export function faultPoint(name: string): void {
  if (armed === undefined) return;
  if (armed.trace) appendFileSync(armed.trace, `${name} ${Date.now()}\n`);
  if (armed.afterMs !== undefined && !timerStarted) {
    timerStarted = true;
    // Unreferenced: a run that finishes first ends normally.
    setTimeout(die, armed.afterMs).unref();
  }
  if (armed.name === name) {
    const n = (reached.get(name) ?? 0) + 1;
    reached.set(name, n);
    if (n === armed.nth) die();
  }
}
