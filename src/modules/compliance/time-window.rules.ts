/**
 * Daily contact windows in local civil time, checked in every zone the debtor may be in (the strictest
 * wins), and the next instant a window opens. PURE.
 */
import { MS_PER_MINUTE, clockOfMsOfDay, instantOfLocal, localDayOf, localMsOfDay } from './local-time.rules.ts';

/** A daily window of allowed local times: [startMs, endMs) in milliseconds after local midnight; wraps if start > end. */
export interface DailyWindow {
  startMs: number;
  endMs: number;
  startMinutes: number;
}

/** `endInclusive`: the end minute itself is allowed (US: "after 9 p.m." is inconvenient, 21:00:00 is not). */
export function dailyWindow(startMinutes: number, endMinutes: number, endInclusive: boolean): DailyWindow {
  return { startMs: startMinutes * MS_PER_MINUTE, endMs: endMinutes * MS_PER_MINUTE + (endInclusive ? 1 : 0), startMinutes };
}

export function insideWindow(w: DailyWindow, msOfDay: number): boolean {
  return w.startMs <= w.endMs ? msOfDay >= w.startMs && msOfDay < w.endMs : msOfDay >= w.startMs || msOfDay < w.endMs;
}

/** The zones (of those given) whose local time at `t` is outside the window. */
export function zonesOutside(zones: readonly string[], w: DailyWindow, t: number): readonly string[] {
  if (zones.length === 1) return insideWindow(w, localMsOfDay(zones[0]!, t)) ? NONE : zones;
  let out: string[] | undefined;
  for (const z of zones) if (!insideWindow(w, localMsOfDay(z, t))) (out ??= []).push(z);
  return out ?? NONE;
}
const NONE: readonly string[] = [];

/** `HH:MM:SS Zone` for each zone at instant `t`, joined by commas: how reasons show the local times. */
export function localClocks(zones: readonly string[], t: number): string {
  let out = '';
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i]!;
    out += `${i > 0 ? ', ' : ''}${clockOfMsOfDay(localMsOfDay(z, t))} ${z}`;
  }
  return out;
}

/** The earliest instant ≥ t at which every zone is inside the window; NaN if none within 8 days. */
export function nextInsideAll(zones: readonly string[], w: DailyWindow, t: number): number {
  let cand = t;
  for (let iter = 0; iter < 16; iter++) {
    let moved = false;
    for (const z of zones) {
      const m = localMsOfDay(z, cand);
      if (insideWindow(w, m)) continue;
      const day = localDayOf(z, cand);
      const opens = instantOfLocal(z, m < w.startMs ? day : day + 1, w.startMinutes);
      if (opens > cand) {
        cand = opens;
        moved = true;
      }
    }
    if (!moved) return cand;
    if (cand - t > 8 * 86_400_000) return NaN;
  }
  return NaN;
}
