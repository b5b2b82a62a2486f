/**
 * The Noto Sans CJK fonts that PDFs (letters, agreements) are set in: it covers Chinese and Latin
 * text alike. Installed by `scripts/ensure-system-deps.sh` (Debian package fonts-noto-cjk).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from './errors.ts';

/** Where distributions install the Noto Sans CJK collections (Debian/Ubuntu first, then Fedora and Arch). */
export const CJK_FONT_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-sans-cjk-fonts',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/opentype/noto-cjk',
  '/usr/local/share/fonts',
] as const;
const REGULAR_FILE = 'NotoSansCJK-Regular.ttc';
const BOLD_FILE = 'NotoSansCJK-Bold.ttc';
/** PostScript names of the Simplified Chinese faces inside the collections. */
export const REGULAR_FACE = 'NotoSansCJKsc-Regular';
export const BOLD_FACE = 'NotoSansCJKsc-Bold';

export interface CjkFonts {
  regular: Buffer;
  bold: Buffer;
}

// The collections are about 20 MB each; reading them once per process keeps batches of PDFs fast.
// A failed load is not kept, so installing the fonts and retrying works without a restart.
let defaultFonts: Promise<CjkFonts> | undefined;

/** The regular and bold collections from the first folder that has them; `dirs` replaces the usual folders (tests). */
export async function loadCjkFonts(dirs?: readonly string[]): Promise<CjkFonts> {
  if (dirs) return readFonts(dirs);
  defaultFonts ??= readFonts(CJK_FONT_DIRS).catch((err: unknown) => {
    defaultFonts = undefined;
    throw err;
  });
  return defaultFonts;
}

async function readFonts(dirs: readonly string[]): Promise<CjkFonts> {
  const dir = dirs.find((d) => existsSync(join(d, REGULAR_FILE)));
  if (!dir) {
    throw new AppError(
      'INTERNAL',
      `PDF font: ${REGULAR_FILE} (Noto Sans CJK, Debian package fonts-noto-cjk) was not found in ${dirs.join(', ')}; run \`bash scripts/ensure-system-deps.sh\``,
    );
  }
  const regular = await readFile(join(dir, REGULAR_FILE));
  // A missing bold collection is not worth refusing a document for: headings then use the regular face.
  const bold = existsSync(join(dir, BOLD_FILE)) ? await readFile(join(dir, BOLD_FILE)) : regular;
  return { regular, bold };
}
