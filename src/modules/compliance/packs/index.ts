/**
 * The bundled jurisdiction packs, validated against their schemas when loaded. An overlay pack names the
 * pack it stacks on in `extends` (US-MA, US-WA and US-NYC stack on US).
 */
import { fromZodIssues } from '../../../platform/errors.ts';
import type { Jurisdiction, Pack, ParameterOverrides } from '../compliance.types.ts';
import { JURISDICTIONS, ParameterOverridesSchema, packSchemaFor } from '../compliance.types.ts';
import cn from './cn.pack.ts';
import eu from './eu.pack.ts';
import uk from './uk.pack.ts';
import usMa from './us-ma.pack.ts';
import usNyc from './us-nyc.pack.ts';
import usWa from './us-wa.pack.ts';
import us from './us.pack.ts';

export const PACK_DATA: Record<Jurisdiction, unknown> = { CN: cn, US: us, 'US-MA': usMa, 'US-WA': usWa, 'US-NYC': usNyc, UK: uk, EU: eu };

/** One pack, with optional parameter overrides, validated. Throws VALIDATION_FAILED naming the field. */
export function loadPack<J extends Jurisdiction>(id: J, overrides: Record<string, unknown> = {}): Pack<J> {
  const data = PACK_DATA[id] as { parameters: Record<string, unknown> };
  const merged = { ...data, parameters: { ...data.parameters, ...overrides } };
  const parsed = packSchemaFor(id).safeParse(merged);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, `packs.${id}`);
  return parsed.data as Pack<J>;
}

/** The pack and the packs it stacks on, base first. */
export function loadPackChain(id: Jurisdiction, overrides: ParameterOverrides = {}): Pack[] {
  const chain: Pack[] = [];
  let cur: Jurisdiction | undefined = id;
  while (cur !== undefined) {
    const pack: Pack = loadPack(cur, (overrides[cur] ?? {}) as Record<string, unknown>);
    chain.unshift(pack);
    cur = pack.extends;
    if (chain.length > JURISDICTIONS.length) throw new Error(`pack ${id} extends itself`);
  }
  return chain;
}

export function parseParameterOverrides(input: unknown): ParameterOverrides {
  const parsed = ParameterOverridesSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, 'parameters');
  return parsed.data;
}
