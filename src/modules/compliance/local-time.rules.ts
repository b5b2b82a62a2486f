/**
 * Instants and debtor-local civil time without allocation in the hot path.
 *
 * An instant is epoch milliseconds. Local time in an IANA zone is the instant plus the zone's UTC offset.
 * Offsets come from Temporal's zone data once per interval between two transitions and are memoised per
 * zone, so DST changes are exact (an instant on either side of a transition gets its own offset) and a
 * check costs a couple of comparisons per instant.
 */
import { Temporal } from 'temporal-polyfill';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/**
 * The offsets of one zone as intervals [start, end) between its transitions, filled in lazily from
 * Temporal's transition data. The last interval used is tried first, so a history of instants that mostly
 * lie between the same two transitions costs two comparisons per instant.
 */
interface ZoneOffsets {
  readonly zone: string;
  readonly starts: number[];
  readonly ends: number[];
  readonly offsets: number[];
  last: number;
  /** The zone's UTC offset in milliseconds at an instant. */
  at(epochMs: number): number;
}

function makeZoneOffsets(zone: string): ZoneOffsets {
  const z: ZoneOffsets = {
    zone,
    starts: [],
    ends: [],
    offsets: [],
    last: -1,
    at(epochMs: number): number {
      const i = z.last;
      if (i >= 0 && epochMs >= z.starts[i]! && epochMs < z.ends[i]!) return z.offsets[i]!;
      return lookupOffset(z, epochMs);
    },
  };
  return z;
}

function lookupOffset(z: ZoneOffsets, t: number): number {
  let lo = 0;
  let hi = z.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t < z.starts[mid]!) hi = mid - 1;
    else if (t >= z.ends[mid]!) lo = mid + 1;
    else {
      z.last = mid;
      return z.offsets[mid]!;
    }
  }
  const here = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(z.zone);
  // "previous" from t + 1 ms so that an instant exactly on a transition opens its own interval
  const prev = Temporal.Instant.fromEpochMilliseconds(t + 1).toZonedDateTimeISO(z.zone).getTimeZoneTransition('previous');
  const next = here.getTimeZoneTransition('next');
  const offset = here.offsetNanoseconds / 1_000_000;
  z.starts.splice(lo, 0, prev ? Math.min(prev.epochMilliseconds, t) : -Infinity);
  z.ends.splice(lo, 0, next ? next.epochMilliseconds : Infinity);
  z.offsets.splice(lo, 0, offset);
  z.last = lo;
  return offset;
}

const zoneOffsets = new Map<string, ZoneOffsets>();
/** The zone asked for last: one check asks for the same zone many times in a row. */
let lastOffsets: ZoneOffsets | undefined;

/** The offsets of a zone (one object per zone for the life of the process). */
export function zoneOffsetsOf(zone: string): ZoneOffsets {
  if (lastOffsets !== undefined && lastOffsets.zone === zone) return lastOffsets;
  let z = zoneOffsets.get(zone);
  if (z === undefined) {
    z = makeZoneOffsets(zone);
    zoneOffsets.set(zone, z);
  }
  lastOffsets = z;
  return z;
}
export type { ZoneOffsets };

/** The zone's UTC offset in milliseconds at an instant. */
export function offsetMsAt(zone: string, epochMs: number): number {
  return zoneOffsetsOf(zone).at(epochMs);
}

/** Local calendar day as days since 1970-01-01 in that zone. */
export function localDayOf(zone: string, epochMs: number): number {
  return Math.floor((epochMs + offsetMsAt(zone, epochMs)) / MS_PER_DAY);
}

/** Milliseconds since local midnight (0 … 86 399 999). */
export function localMsOfDay(zone: string, epochMs: number): number {
  const local = epochMs + offsetMsAt(zone, epochMs);
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

export const WEEKDAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** 0 = Sunday … 6 = Saturday, for a day number. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * The instant of local wall-clock `minutes` on local day `day`. An ambiguous time (clocks going back) is the
 * earlier instant; a time in a gap (clocks going forward) is moved later by the gap, as Temporal's
 * 'compatible' disambiguation does.
 */
export function instantOfLocal(zone: string, day: number, minutes: number): number {
  const local = day * MS_PER_DAY + minutes * MS_PER_MINUTE;
  const z = zoneOffsetsOf(zone);
  const before = z.at(local - MS_PER_DAY);
  const after = z.at(local + MS_PER_DAY);
  const a = local - before;
  const b = local - after;
  const aOk = a + z.at(a) === local;
  const bOk = b + z.at(b) === local;
  if (aOk && bOk) return Math.min(a, b);
  if (aOk) return a;
  if (bOk) return b;
  const date = Temporal.PlainDate.from('1970-01-01').add({ days: day });
  const dayOffset = Math.floor(minutes / 1440);
  const m = minutes - dayOffset * 1440;
  const pdt = date.add({ days: dayOffset }).toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 });
  return pdt.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` → day number. */
export function dayOfIsoDate(s: string): number {
  return daysFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

const isoDateMemo = new Map<number, string>();
/** Above this many entries the memo is cleared, so a long-running server stays bounded. */
const MAX_ISO_DATE_MEMO_ENTRIES = 50_000;

/** Day number → `YYYY-MM-DD` (memoised: verdicts format the same few days over and over). */
export function isoDateOfDay(day: number): string {
  let s = isoDateMemo.get(day);
  if (s === undefined) {
    s = computeIsoDate(day);
    if (isoDateMemo.size >= MAX_ISO_DATE_MEMO_ENTRIES) isoDateMemo.clear();
    isoDateMemo.set(day, s);
  }
  return s;
}

function computeIsoDate(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const D0 = 48; // '0'
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - D0;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)` to epoch milliseconds; NaN when the text is not
 * of that form. Input is validated at the edge, so this only has to be fast and exact.
 */
export function parseInstant(s: string): number {
  if (s.length < 17 || s.charCodeAt(10) !== 84 /* T */) return NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58 /* : */) {
    sec = digits(s, i + 1, 2);
    i += 3;
    if (s.charCodeAt(i) === 46 /* . */) {
      i++;
      let scale = 100;
      while (i < s.length) {
        const c = s.charCodeAt(i) - D0;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      ms = Math.floor(ms);
    }
  }
  let offsetMin = 0;
  const c = s.charCodeAt(i);
  if (c === 90 /* Z */ || c === 122) {
    if (i + 1 !== s.length) return NaN;
  } else if (c === 43 /* + */ || c === 45 /* - */) {
    const oh = digits(s, i + 1, 2);
    const om = s.charCodeAt(i + 3) === 58 ? digits(s, i + 4, 2) : digits(s, i + 3, 2);
    const end = s.charCodeAt(i + 3) === 58 ? i + 6 : i + 5;
    if (end !== s.length) return NaN;
    offsetMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return NaN;
  }
  const days = daysFromCivil(y, mo, d);
  return days * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MINUTE + sec * 1000 + ms - offsetMin * MS_PER_MINUTE;
}

/** '00' … '99' */
const PAD2: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));

function pad2(n: number): string {
  return n >= 0 && n < 100 ? PAD2[n]! : n < 10 ? `0${n}` : String(n);
}

/** Formats an instant as ISO-8601 with the zone's offset at that instant, seconds precision. */
export function formatInstant(epochMs: number, zone: string): string {
  const off = offsetMsAt(zone, epochMs);
  const local = epochMs + off;
  const day = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - day * MS_PER_DAY;
  const hh = Math.floor(msOfDay / MS_PER_HOUR);
  const mm = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const ss = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const offMin = Math.round(off / MS_PER_MINUTE);
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  return `${isoDateOfDay(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Milliseconds after local midnight → `HH:MM:SS`. */
export function clockOfMsOfDay(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

/** `HH:MM` → minutes after midnight. */
export function minutesOfClock(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Minutes after midnight → `HH:MM` (values of 1440 and more wrap to the next day). */
export function clockOfMinutes(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const zoneValidity = new Map<string, boolean>();
/** Whether the runtime knows this IANA zone. */
export function isKnownTimeZone(zone: string): boolean {
  let ok = zoneValidity.get(zone);
  if (ok === undefined) {
    try {
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    zoneValidity.set(zone, ok);
  }
  return ok;
}
