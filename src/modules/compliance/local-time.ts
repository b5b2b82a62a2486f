/**
 * Instants and debtor-local civil time without allocation in the hot path.
 *
 * An instant is epoch milliseconds. Local time in an IANA zone is found by adding the zone's UTC offset,
 * which is looked up through Temporal once per zone per UTC hour and memoised. An hour in which the
 * offset changes (a DST transition that is not on a whole UTC hour) is never memoised: such instants are
 * computed exactly every time, so the cache cannot be wrong across a transition.
 */
import { Temporal } from 'temporal-polyfill';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Above this many memoised hours a zone's memo is cleared, so a long-running server stays bounded. */
const MAX_MEMOISED_HOURS_PER_ZONE = 200_000;
const UNSTABLE = 0x7fffffff;

const offsetMemo = new Map<string, Map<number, number>>();

function exactOffsetMs(zone: string, epochMs: number): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).offsetNanoseconds / 1_000_000;
}

/** The zone's UTC offset in milliseconds at an instant. */
export function offsetMsAt(zone: string, epochMs: number): number {
  let memo = offsetMemo.get(zone);
  if (memo === undefined) {
    memo = new Map();
    offsetMemo.set(zone, memo);
  }
  const hour = Math.floor(epochMs / MS_PER_HOUR);
  const cached = memo.get(hour);
  if (cached !== undefined && cached !== UNSTABLE) return cached;
  if (cached === UNSTABLE) return exactOffsetMs(zone, epochMs);
  const atStart = exactOffsetMs(zone, hour * MS_PER_HOUR);
  const atEnd = exactOffsetMs(zone, hour * MS_PER_HOUR + MS_PER_HOUR - 1);
  if (memo.size > MAX_MEMOISED_HOURS_PER_ZONE) memo.clear();
  if (atStart === atEnd) {
    memo.set(hour, atStart);
    return atStart;
  }
  memo.set(hour, UNSTABLE);
  return exactOffsetMs(zone, epochMs);
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

/** The first instant at or after local wall-clock `minutes` on local day `day` (DST gaps resolve later). */
export function instantOfLocal(zone: string, day: number, minutes: number): number {
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

/** Day number → `YYYY-MM-DD`. */
export function isoDateOfDay(day: number): string {
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
  const p = (n: number) => String(n).padStart(2, '0');
  return `${isoDateOfDay(day)}T${p(hh)}:${p(mm)}:${p(ss)}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
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
