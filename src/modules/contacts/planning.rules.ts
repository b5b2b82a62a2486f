/**
 * When a planned contact goes out. The daily cycle closes business date D and plans contacts for the
 * next day: each channel has a preferred local start time and a local end of its window, in the
 * debtor's time zone. The compliance check then moves the start later when the rules require it (a
 * quiet-hours ban, a frequency cap); a contact that cannot go out before its window ends is not sent.
 */
import { Temporal } from 'temporal-polyfill';
import type { ProviderChannel } from './providers/provider.types.ts';

export interface SendWindow {
  /** Local clock time the contact is first tried, HH:MM. */
  startLocal: string;
  /** Local clock time after which it is no longer sent, HH:MM. */
  endLocal: string;
  /** Days after the planned day the window ends on (letters may go out over several days). */
  endDayOffset: number;
}

/** Preferred windows per channel: messages in the morning, calls when people are likely to answer. */
export const SEND_WINDOWS: Record<ProviderChannel, SendWindow> = {
  sms: { startLocal: '09:00', endLocal: '20:00', endDayOffset: 0 },
  email: { startLocal: '09:00', endLocal: '20:00', endDayOffset: 0 },
  in_app: { startLocal: '09:00', endLocal: '20:00', endDayOffset: 0 },
  push: { startLocal: '09:00', endLocal: '20:00', endDayOffset: 0 },
  robot_call: { startLocal: '10:00', endLocal: '19:00', endDayOffset: 0 },
  collector_call: { startLocal: '09:30', endLocal: '19:30', endDayOffset: 0 },
  letter: { startLocal: '09:00', endLocal: '17:00', endDayOffset: 4 },
};

/** The instant a local date and clock time has in a time zone, as ISO-8601 UTC ('…Z'). */
export function localInstant(date: string, clock: string, timeZone: string): string {
  return Temporal.PlainDateTime.from(`${date}T${clock}`).toZonedDateTime(timeZone, { disambiguation: 'later' }).toInstant().toString();
}

/** The window of a contact planned at the close of `businessDate`: it goes out the next day. */
export function plannedWindow(businessDate: string, channel: ProviderChannel, timeZone: string): { at: string; expiresAt: string } {
  const w = SEND_WINDOWS[channel];
  const day = Temporal.PlainDate.from(businessDate).add({ days: 1 });
  return {
    at: localInstant(day.toString(), w.startLocal, timeZone),
    expiresAt: localInstant(day.add({ days: w.endDayOffset }).toString(), w.endLocal, timeZone),
  };
}

/** Alphabet of verify codes: no 0/O, 1/I/L or U, which are misread when a code is read aloud. */
export const VERIFY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFY_CODE_LENGTH = 10;

/** A code as a person may type it ("k7m2q-p9xhd ") → its stored form ("K7M2QP9XHD"), or null if it cannot be one. */
export function normaliseVerifyCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== VERIFY_CODE_LENGTH) return null;
  for (const ch of code) if (!VERIFY_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
