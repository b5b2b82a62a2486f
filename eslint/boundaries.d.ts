import type { ESLint } from 'eslint';

/** The local architecture plugin: rules `module-boundaries` and `pure-rules-imports`. */
declare const plugin: ESLint.Plugin;
export default plugin;
