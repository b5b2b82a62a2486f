/**
 * `npm run bench -- <name> [options]`: runs one benchmark from this folder. Each benchmark measures
 * a baseline in the same run and prints ratios against it.
 */
const BENCHES = ['cycle', 'compliance', 'strategy', 'dispatch', 'scoring', 'fuzz', 'api', 'faults', 'recovery'] as const;

const [name, ...rest] = process.argv.slice(2);
if (!name || !(BENCHES as readonly string[]).includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${BENCHES.join('|')}> [options]\n`);
  process.exit(2);
}
const mod = (await import(`./${name}.ts`)) as { run(argv: string[]): Promise<void> };
await mod.run(rest);
