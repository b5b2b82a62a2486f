export { runImport, defaultRejectFile, type ImportDeps, type ImportOptions } from './imports.commands.ts';
export { registerImportRoutes, MAX_IMPORT_BYTES } from './imports.routes.ts';
export { formatImportError } from './csv.rules.ts';
export { FILE_FORMATS, IMPORT_KINDS, BATCH_SIZE_ROWS, MAX_REPORTED_ERRORS, type ImportKind, type ImportReport, type ImportError, type ColumnSpec } from './imports.types.ts';
