/**
 * Local ESLint plugin that enforces Fairdebt's architecture (docs/ARCHITECTURE.md, CONVENTIONS.md):
 *
 * - `fairdebt/module-boundaries`: a file in `src/modules/<a>/` reaches another module `<b>` only through
 *   `src/modules/<b>/index.ts`; `src/platform/**` never imports from modules, http, cli, jobs or main.ts.
 * - `fairdebt/pure-rules-imports`: a `*.rules.ts` file imports values only from `src/platform/money.ts`,
 *   `src/platform/errors.ts`, other `*.rules.ts` / `*.types.ts` files, `zod` and `temporal-polyfill`;
 *   `import type` is allowed from anywhere except I/O packages (file system, processes, databases).
 *
 * Import paths are resolved relative to the importing file, so `../b/x.ts` and `../../modules/b/x.ts` are
 * judged by the module they land in, not by how they are spelled. Only relative specifiers can point
 * into the project (there are no path aliases); package specifiers are judged by name.
 */
import path from 'node:path';

const posix = path.posix;

/**
 * Project-relative POSIX path of the linted file, or undefined when it is outside the project. The root is
 * `settings.fairdebt.root` (eslint.config.js sets it to its own folder, so linting from a sub-folder works),
 * else ESLint's working directory.
 */
function projectPath(context) {
  const file = context.filename.replaceAll('\\', '/');
  const root = (context.settings?.fairdebt?.root ?? context.cwd ?? process.cwd()).replaceAll('\\', '/');
  const rel = posix.relative(root, file);
  if (rel && !rel.startsWith('..') && !posix.isAbsolute(rel)) return rel;
  // Linted from another working directory: fall back to the last top-level source folder in the path.
  const m = /(?:^|\/)((?:src|test|bench)\/.*)$/.exec(file);
  return m?.[1];
}

/**
 * Where a project-relative path lies: `{ area: 'modules', module, inner }` for `src/modules/<module>/<inner>`,
 * `{ area }` for the other top-level source folders, `{ area: 'other' }` otherwise.
 */
function locate(rel) {
  const parts = rel.split('/');
  if (parts[0] !== 'src') return { area: 'other' };
  if (parts[1] === 'modules' && parts.length >= 3) {
    return { area: 'modules', module: parts[2], inner: parts.slice(3).join('/') };
  }
  if (parts.length === 2 && /^main\.[cm]?[jt]s$/.test(parts[1])) return { area: 'main' };
  if (['platform', 'http', 'cli', 'jobs'].includes(parts[1])) return { area: parts[1] };
  return { area: 'other' };
}

const isRelative = (spec) => spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');

/** Resolves a relative specifier against the importing file's project-relative path. */
const resolveRelative = (fromRel, spec) => posix.normalize(posix.join(posix.dirname(fromRel), spec));

/** Package name of a bare specifier: `@scope/name/sub` → `@scope/name`, `zod/v4` → `zod`. */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isModuleEntry = (inner) => inner === '' || /^index(\.[cm]?[jt]s)?$/.test(inner);

/**
 * Calls `check(node, specifier, { typeOnly })` for every static or literal dynamic import, re-export and
 * `require`. `typeOnly` is true only when the import is erased at run time: `import type`, `export type`,
 * `import('…').T` in a type. `import { type A }` still loads the module, so it does not count.
 */
function importVisitors(check) {
  const literal = (node) => {
    if (!node) return undefined;
    if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
    if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
    return undefined;
  };
  return {
    ImportDeclaration(node) {
      check(node.source, node.source.value, { typeOnly: node.importKind === 'type' });
    },
    ExportNamedDeclaration(node) {
      if (node.source) check(node.source, node.source.value, { typeOnly: node.exportKind === 'type' });
    },
    ExportAllDeclaration(node) {
      check(node.source, node.source.value, { typeOnly: node.exportKind === 'type' });
    },
    ImportExpression(node) {
      const spec = literal(node.source);
      if (spec !== undefined) check(node.source, spec, { typeOnly: false });
    },
    TSImportType(node) {
      const source = node.source ?? node.argument?.literal;
      const spec = literal(source);
      if (spec !== undefined) check(source, spec, { typeOnly: true });
    },
    TSExternalModuleReference(node) {
      const spec = literal(node.expression);
      if (spec !== undefined) check(node.expression, spec, { typeOnly: false });
    },
    CallExpression(node) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return;
      const spec = literal(node.arguments[0]);
      if (spec !== undefined) check(node.arguments[0], spec, { typeOnly: false });
    },
  };
}

const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules meet only through index.ts; platform does not import the layers above it.' },
    schema: [],
    messages: {
      crossModule:
        "Import module '{{target}}' through its index.ts ('{{suggestion}}'), not its internal file '{{inner}}': modules meet only through index.ts.",
      platformUpward:
        "src/platform is plumbing and must not import from src/{{area}} ('{{specifier}}'); pass what it needs in as an argument.",
    },
  },
  create(context) {
    const self = projectPath(context);
    if (!self) return {};
    const from = locate(self);
    if (from.area !== 'modules' && from.area !== 'platform') return {};
    return importVisitors((node, specifier) => {
      if (!isRelative(specifier)) return;
      const targetRel = resolveRelative(self, specifier);
      const to = locate(targetRel);
      if (from.area === 'modules' && to.area === 'modules' && to.module !== from.module && !isModuleEntry(to.inner)) {
        const fromDir = posix.dirname(self);
        let suggestion = posix.relative(fromDir, `src/modules/${to.module}/index.ts`);
        if (!suggestion.startsWith('.')) suggestion = `./${suggestion}`;
        context.report({ node, messageId: 'crossModule', data: { target: to.module, inner: to.inner, suggestion } });
      }
      if (from.area === 'platform' && ['modules', 'http', 'cli', 'jobs', 'main'].includes(to.area)) {
        context.report({
          node,
          messageId: 'platformUpward',
          data: { area: to.area === 'main' ? 'main.ts' : to.area, specifier },
        });
      }
    });
  },
};

/** Packages a rules file must not touch even for types: they mean I/O. */
const IO_PACKAGES = new Set(['fs', 'fs/promises', 'child_process', 'pg', '@electric-sql/pglite']);
const ALLOWED_PACKAGES = new Set(['zod', 'temporal-polyfill']);
const ALLOWED_PLATFORM_FILES = new Set(['src/platform/money', 'src/platform/errors', 'src/platform/dates']);

function isIoPackage(spec) {
  const bare = spec.startsWith('node:') ? spec.slice('node:'.length) : spec;
  return IO_PACKAGES.has(bare) || IO_PACKAGES.has(packageName(bare)) || /^fs\//.test(bare);
}

const withoutExtension = (p) => p.replace(/\.[cm]?[jt]s$/, '');

const pureRulesImports = {
  meta: {
    type: 'problem',
    docs: { description: '*.rules.ts files are pure: they import only money, errors, other rules and types, zod and Temporal.' },
    schema: [],
    messages: {
      io: "rules are pure: '{{specifier}}' means file, process or database access, which has no place in *.rules.ts; load data in a command and pass it in.",
      notAllowed:
        "rules are pure: *.rules.ts imports values only from platform/money.ts, platform/errors.ts, platform/dates.ts, *.rules.ts, *.types.ts, zod and temporal-polyfill, not '{{specifier}}' (types: use `import type`).",
    },
  },
  create(context) {
    const self = projectPath(context);
    return importVisitors((node, specifier, { typeOnly }) => {
      if (!isRelative(specifier)) {
        if (isIoPackage(specifier)) context.report({ node, messageId: 'io', data: { specifier } });
        else if (!typeOnly && !ALLOWED_PACKAGES.has(packageName(specifier))) {
          context.report({ node, messageId: 'notAllowed', data: { specifier } });
        }
        return;
      }
      if (typeOnly) return;
      const target = self ? resolveRelative(self, specifier) : specifier;
      const bare = withoutExtension(target);
      if (ALLOWED_PLATFORM_FILES.has(bare) || /\.(rules|types)$/.test(bare)) return;
      context.report({ node, messageId: 'notAllowed', data: { specifier } });
    });
  },
};

const plugin = {
  meta: { name: 'fairdebt', version: '1.0.0' },
  rules: {
    'module-boundaries': moduleBoundaries,
    'pure-rules-imports': pureRulesImports,
  },
};

export default plugin;
