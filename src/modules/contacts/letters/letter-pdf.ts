/**
 * Renders a collections letter as an A4 PDF with pdfkit. The words come from letter.rules.ts; this file
 * only places them on the page and embeds Noto Sans CJK (SC faces), which covers Chinese and Latin
 * text alike, so one font serves both languages.
 *
 * The output is deterministic: the same input gives the same bytes, so the sha256 stored with a letter
 * can be recomputed from its input. pdfkit derives the trailer's document ID from the info dictionary
 * (an MD5 of it) and its font subset tags from the font's order of use, so fixing CreationDate and
 * ModDate to the letter's date is all it needs.
 */
import PDFDocument from 'pdfkit';
import { AppError } from '../../../platform/errors.ts';
import { loadCjkFonts, REGULAR_FACE, BOLD_FACE } from '../../../platform/fonts.ts';
import { buildLetterLayout, WORDING, type LetterInput, type LetterLayout } from './letter.rules.ts';

export type { LetterInput } from './letter.rules.ts';

export { CJK_FONT_DIRS, REGULAR_FACE, BOLD_FACE } from '../../../platform/fonts.ts';

/** A4 page margin on every side, in points (about 20 mm). */
const MARGIN_PT = 56;
/** Space kept above the bottom margin for the footer (the rights sentence and the page number), in points. */
const FOOTER_HEIGHT_PT = 44;
const BODY_SIZE_PT = 10.5;
const SMALL_SIZE_PT = 9;
const FOOTER_SIZE_PT = 8;
const TITLE_SIZE_PT = 16;
const HEADING_SIZE_PT = 12;
/** Extra space between lines of running text, in points. */
const LINE_GAP_PT = 3;
/** Height of one row of the amount table, in points. */
const TABLE_ROW_PT = 20;
/** Inner padding of the table cells and the verification box, in points. */
const CELL_PAD_PT = 8;
/** Width of the amount table, in points (labels left, amounts right-aligned). */
const TABLE_WIDTH_PT = 300;

const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#1f4e79';
const RULE = '#c8ccd2';
const FILL = '#f1f4f8';

export interface RenderOptions {
  /** Folders searched for the font collections instead of CJK_FONT_DIRS (tests). */
  fontDirs?: readonly string[];
}

/** Renders the letter; the same input always gives the same bytes. */
export async function renderLetterPdf(input: LetterInput, opts: RenderOptions = {}): Promise<Buffer> {
  const layout = buildLetterLayout(input);
  const fonts = await loadCjkFonts(opts.fontDirs);
  const dated = new Date(`${input.date}T00:00:00.000Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN_PT, left: MARGIN_PT, right: MARGIN_PT, bottom: MARGIN_PT + FOOTER_HEIGHT_PT },
    bufferPages: true,
    lang: layout.language,
    displayTitle: true,
    info: {
      Title: layout.metadata.title,
      Author: layout.metadata.author,
      Subject: layout.metadata.subject,
      Creator: 'Fairdebt',
      CreationDate: dated,
      ModDate: dated,
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const faces = fonts.bold === fonts.regular ? { regular: REGULAR_FACE, bold: REGULAR_FACE } : { regular: REGULAR_FACE, bold: BOLD_FACE };
  doc.registerFont('regular', fonts.regular, faces.regular);
  doc.registerFont('bold', fonts.bold, faces.bold);
  try {
    drawLetter(doc, layout);
    drawFooters(doc, layout);
  } catch (err) {
    throw new AppError('INTERNAL', `letter ${input.reference}: the PDF could not be drawn: ${(err as Error).message}`);
  }
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page when a block of the given height would run into the footer. */
function ensureSpace(doc: Doc, heightPt: number): void {
  if (doc.y + heightPt > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawLetter(doc: Doc, l: LetterLayout): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const senderWidth = width * 0.6;
  const top = doc.page.margins.top;

  // Letterhead: the lender on the left, date and our reference on the right.
  doc.font('bold').fontSize(13).fillColor(INK).text(l.sender.name, left, top, { width: senderWidth });
  doc.font('regular').fontSize(SMALL_SIZE_PT).fillColor(MUTED);
  for (const line of l.sender.addressLines) doc.text(line, left, doc.y, { width: senderWidth });
  const senderBottom = doc.y;
  doc.font('regular').fontSize(BODY_SIZE_PT).fillColor(INK).text(l.dateLine, left + senderWidth, top + 2, { width: width - senderWidth, align: 'right' });
  doc.fontSize(SMALL_SIZE_PT).fillColor(MUTED).text(l.referenceLine, left + senderWidth, doc.y + 2, { width: width - senderWidth, align: 'right' });
  const ruleY = Math.max(senderBottom, doc.y) + 10;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(1).strokeColor(ACCENT).stroke();

  // Recipient block, where a window envelope shows it.
  doc.font('bold').fontSize(11).fillColor(INK).text(l.recipient.name, left, ruleY + 22, { width: senderWidth });
  doc.font('regular').fontSize(BODY_SIZE_PT);
  for (const line of l.recipient.addressLines) doc.text(line, left, doc.y + 1, { width: senderWidth });

  doc.font('bold').fontSize(TITLE_SIZE_PT).fillColor(INK).text(l.title, left, doc.y + 28, { width, align: 'center' });

  const bodyOpts = { width, lineGap: LINE_GAP_PT, paragraphGap: 6 };
  // Chinese letters indent each paragraph by two characters; English ones do not.
  const indent = l.language === 'zh-CN' ? 2 * BODY_SIZE_PT : 0;
  doc.font('regular').fontSize(BODY_SIZE_PT).fillColor(INK).text(l.greeting, left, doc.y + 18, bodyOpts);
  for (const p of l.paragraphs) doc.text(p, left, doc.y, { ...bodyOpts, indent });

  if (l.amountTable) drawAmountTable(doc, l.amountTable);

  ensureSpace(doc, 60);
  heading(doc, l.howToPay.heading);
  doc.font('regular').fontSize(BODY_SIZE_PT).fillColor(INK);
  for (const p of l.howToPay.paragraphs) doc.text(p, left, doc.y, bodyOpts);
  for (const line of l.contactLines) doc.text(line, left, doc.y, { width, lineGap: LINE_GAP_PT });

  drawVerifyBox(doc, l.verify);
}

function heading(doc: Doc, text: string): void {
  doc.font('bold').fontSize(HEADING_SIZE_PT).fillColor(ACCENT).text(text, doc.page.margins.left, doc.y + 14, { width: contentWidth(doc) });
  doc.y += 4;
}

function drawAmountTable(doc: Doc, table: NonNullable<LetterLayout['amountTable']>): void {
  const left = doc.page.margins.left;
  ensureSpace(doc, 40 + TABLE_ROW_PT * (table.rows.length + 1));
  heading(doc, table.heading);
  let y = doc.y;
  doc.moveTo(left, y).lineTo(left + TABLE_WIDTH_PT, y).lineWidth(0.8).strokeColor(ACCENT).stroke();
  const cell = (row: { label: string; amount: string }, rowY: number, font: 'regular' | 'bold') => {
    const textY = rowY + (TABLE_ROW_PT - BODY_SIZE_PT) / 2 - 1;
    doc.font(font).fontSize(BODY_SIZE_PT).fillColor(INK);
    doc.text(row.label, left + CELL_PAD_PT, textY, { width: TABLE_WIDTH_PT / 2, lineBreak: false });
    doc.text(row.amount, left + TABLE_WIDTH_PT / 2, textY, { width: TABLE_WIDTH_PT / 2 - CELL_PAD_PT, align: 'right', lineBreak: false });
  };
  for (const row of table.rows) {
    cell(row, y, 'regular');
    y += TABLE_ROW_PT;
    doc.moveTo(left, y).lineTo(left + TABLE_WIDTH_PT, y).lineWidth(0.5).strokeColor(RULE).stroke();
  }
  doc.rect(left, y, TABLE_WIDTH_PT, TABLE_ROW_PT).fill(FILL);
  cell(table.total, y, 'bold');
  y += TABLE_ROW_PT;
  doc.moveTo(left, y).lineTo(left + TABLE_WIDTH_PT, y).lineWidth(0.8).strokeColor(ACCENT).stroke();
  doc.x = left;
  doc.y = y + 4;
}

function drawVerifyBox(doc: Doc, verify: LetterLayout['verify']): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const inner = width - 2 * CELL_PAD_PT;
  doc.font('regular').fontSize(SMALL_SIZE_PT);
  const sentenceHeight = doc.heightOfString(verify.sentence, { width: inner, lineGap: 2 });
  const height = CELL_PAD_PT * 2 + 18 + sentenceHeight;
  ensureSpace(doc, height + 16);
  const top = doc.y + 14;
  doc.roundedRect(left, top, width, height, 4).fillAndStroke(FILL, ACCENT);
  doc.font('regular').fontSize(SMALL_SIZE_PT).fillColor(MUTED).text(`${verify.label}`, left + CELL_PAD_PT, top + CELL_PAD_PT + 3, { width: inner, lineBreak: false, continued: true });
  doc.font('bold').fontSize(13).fillColor(ACCENT).text(`  ${verify.code}`, { lineBreak: false });
  doc.font('regular').fontSize(SMALL_SIZE_PT).fillColor(INK).text(verify.sentence, left + CELL_PAD_PT, top + CELL_PAD_PT + 18, { width: inner, lineGap: 2 });
  doc.x = left;
  doc.y = top + height;
}

/** The debtor's rights and the page number at the foot of every page, drawn once all pages exist. */
function drawFooters(doc: Doc, l: LetterLayout): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    const bottomMargin = doc.page.margins.bottom;
    // Writing below the bottom margin would make pdfkit start a new page; lift the margin while drawing.
    doc.page.margins.bottom = 0;
    const top = doc.page.height - MARGIN_PT - FOOTER_HEIGHT_PT + 12;
    doc.moveTo(left, top).lineTo(left + width, top).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font('regular').fontSize(FOOTER_SIZE_PT).fillColor(MUTED).text(l.footer, left, top + 5, { width, lineGap: 1 });
    doc.text(WORDING[l.language].page(i - range.start + 1, range.count), left, doc.y + 1, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}

