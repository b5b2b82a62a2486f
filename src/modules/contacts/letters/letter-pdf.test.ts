import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../platform/errors.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import type { LetterInput } from './letter.rules.ts';

const ZH: LetterInput = {
  reference: 'fd-000000123',
  language: 'zh-CN',
  date: '2026-03-05',
  lenderName: '示例消费金融有限公司',
  lenderAddress: '北京市朝阳区建国路 1 号\n100022',
  debtorName: '张三',
  debtorAddress: '上海市浦东新区世纪大道 100 号\n200120',
  title: '逾期还款提醒函',
  body: '您在我司的借款已逾期 35 天，应还金额明细见下表。\n\n如您在还款方面有困难，请与我们联系协商还款安排。',
  amountDue: { currency: 'CNY', principalMinor: 1_000_000, interestMinor: 12_345, penaltyMinor: 6_789, feesMinor: 5_000 },
  hotline: '400-800-1234',
  portalUrl: 'https://portal.example.cn',
  verifyCode: 'K7Q2-9XZ4',
};

const EN: LetterInput = {
  ...ZH,
  reference: 'fd-000000124',
  language: 'en',
  lenderName: 'Example Lending Ltd',
  lenderAddress: '1 Example Street\nLondon EC1A 1AA',
  debtorName: 'Jane Smith',
  debtorAddress: '22 Acacia Avenue\nManchester M1 2AB',
  title: 'Your account is in arrears',
  body: 'Your loan account is 35 days past due.\n\nPlease contact us if you are having difficulty paying.',
  amountDue: { currency: 'GBP', principalMinor: 250_000, interestMinor: 1_234, penaltyMinor: 0, feesMinor: 1_200 },
  verifyCode: 'PX4R-77AB',
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The text of a PDF as pdftotext reads it, with runs of white space collapsed. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-letter-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a zh-CN letter renders as a PDF whose text holds the Chinese title, the debtor, the 罚息 line, the total and the verify code', async () => {
  const pdf = await renderLetterPdf(ZH);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdfText(pdf);
  for (const expected of ['逾期还款提醒函', '张三', '尊敬的张三：', '罚息', '¥67.89', '合计应还', '¥10,241.34', 'K7Q2-9XZ4', '核实本函件的真实性', '2026年3月5日', 'fd-000000123']) {
    assert.ok(text.includes(expected), `'${expected}' is in the text: ${text}`);
  }
});

test('an en letter renders with the English title, the debtor, the total in pounds and the verify code', async () => {
  const text = pdfText(await renderLetterPdf(EN));
  for (const expected of ['Your account is in arrears', 'Dear Jane Smith,', 'Penalty interest', '£2,524.34', 'PX4R-77AB', 'check that this letter is genuine', '5 March 2026']) {
    assert.ok(text.includes(expected), `'${expected}' is in the text: ${text}`);
  }
});

test('the same input renders byte-identical PDFs, so a stored sha256 can be recomputed', async () => {
  const [a, b] = [await renderLetterPdf(ZH), await renderLetterPdf(ZH)];
  assert.ok(a.equals(b));
  const [c, d] = await Promise.all([renderLetterPdf(EN), renderLetterPdf(EN)]);
  assert.ok(c.equals(d), 'concurrent renders agree as well');
});

test('a different input gives a different sha256', async () => {
  const base = sha256(await renderLetterPdf(ZH));
  for (const changed of [
    { ...ZH, verifyCode: 'K7Q2-9XZ5' },
    { ...ZH, date: '2026-03-06' },
    { ...ZH, amountDue: { ...ZH.amountDue!, feesMinor: 5_001 } },
  ]) {
    assert.notEqual(sha256(await renderLetterPdf(changed)), base);
  }
});

test('a letter without its font fails with INTERNAL and says how to install it', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'fairdebt-nofont-'));
  try {
    await assert.rejects(renderLetterPdf(ZH, { fontDirs: [empty] }), (e: unknown) => e instanceof AppError && e.code === 'INTERNAL' && e.message.includes('bash scripts/ensure-system-deps.sh'));
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('an invalid letter input is refused before anything is drawn, naming the field', async () => {
  await assert.rejects(renderLetterPdf({ ...ZH, date: '2026-02-30' }), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.issues[0]?.path === 'date');
});
