/**
 * The bundled packs compiled for checking: loads each jurisdiction's pack chain (packs/index.ts), applies
 * parameter overrides and binds it to a holiday calendar. Not a rules file: it reads the bundled pack data,
 * which the pure check then receives through the compiled pack.
 */
import type { Jurisdiction, ParameterOverrides } from './compliance.types.ts';
import { JURISDICTIONS } from './compliance.types.ts';
import { compilePack, type CompiledPack } from './contact.rules.ts';
import type { HolidayCalendar } from './holidays.rules.ts';
import { loadPackChain } from './packs/index.ts';

export interface EngineOptions {
  calendar?: HolidayCalendar;
  overrides?: ParameterOverrides;
}

/** Every jurisdiction's pack, compiled once (at start-up). */
export function compileAllPacks(opts: EngineOptions = {}): Record<Jurisdiction, CompiledPack> {
  const out = {} as Record<Jurisdiction, CompiledPack>;
  for (const j of JURISDICTIONS) out[j] = compilePack(loadPackChain(j, opts.overrides), opts.calendar);
  return out;
}
