/**
 * The letter channel: renders the contact as an A4 PDF and keeps it in the letters table, keyed by the
 * outbox reference. Storing is the provider's acceptance: printing and posting work from the stored
 * PDFs, so a letter stored once is a letter sent once, however often the dispatcher retries.
 *
 * The message carries the text, title, postal address and verify code; what it does not carry (the
 * debtor's name and time zone, the amount due with its breakdown) comes from `loadLetterData`, which
 * the composition root wires to the customer and the ledger.
 */
import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findAccount } from '../../ledger/index.ts';
import { ProviderError, type ChannelProvider, type MessageLanguage, type OutboundMessage, type SendReceipt } from '../providers/provider.types.ts';
import { renderLetterPdf, type RenderOptions } from './letter-pdf.ts';
import { WORDING, type AmountDue, type LetterInput } from './letter.rules.ts';
import { findLetter, insertLetter, type LetterRow } from './letters.store.ts';

/** What a letter needs beyond the outbound message. */
export interface LetterData {
  debtorName: string;
  /** The debtor's IANA time zone: the letter is dated on the debtor's calendar day of `msg.at`. */
  timeZone: string;
  /** The amount due with its breakdown; without it the letter has no amount table. */
  amountDue?: AmountDue | undefined;
}

export interface LetterProviderOptions {
  lenderName: string;
  /** Postal address of the lender, lines separated by newlines. */
  lenderAddress: string;
  hotline: string;
  /** The debtor portal, where the verify code can be checked. */
  portalUrl: string;
  /** Lender-specific ways to pay (bank account for transfers …), per language. */
  paymentInstructions?: Partial<Record<MessageLanguage, string>>;
  /** Loads the debtor's name, time zone and amount due for the outbox item with this reference. */
  loadLetterData(reference: string, msg: OutboundMessage): Promise<LetterData>;
  /** Font folders for the renderer (tests); the system font folders otherwise. */
  render?: RenderOptions;
}

/** The receipt of a stored letter: its id names the content, so a resend is visibly the same letter. */
export function letterReceipt(row: Pick<LetterRow, 'sha256' | 'createdAt'>): SendReceipt {
  return { providerMessageId: `letter:${row.sha256.slice(0, 16)}`, acceptedAt: row.createdAt };
}

/** The calendar day of an instant in a time zone, YYYY-MM-DD. */
export function localDate(at: string, timeZone: string): string {
  return Temporal.Instant.from(at).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

export function createLetterProvider(db: Db, opts: LetterProviderOptions): ChannelProvider {
  async function lookup(reference: string): Promise<SendReceipt | null> {
    const row = await findLetter(db, reference);
    return row ? letterReceipt(row) : null;
  }

  async function send(msg: OutboundMessage): Promise<SendReceipt> {
    if (msg.channel !== 'letter') throw new ProviderError(`channel: the letter provider cannot send '${msg.channel}'`, false);
    // A letter already stored under this reference was sent: return its receipt without rendering again.
    const existing = await lookup(msg.reference);
    if (existing) return existing;
    if (!msg.address?.trim()) throw new ProviderError(`address: letter ${msg.reference} has no postal address`, false);

    const data = await opts.loadLetterData(msg.reference, msg);
    const account = await findAccount(db, msg.accountRef);
    if (!account) throw new ProviderError(`accountRef: no account '${msg.accountRef}' for letter ${msg.reference}`, false);

    let date: string;
    try {
      date = localDate(msg.at, data.timeZone);
    } catch (err) {
      throw new ProviderError(`at/timeZone: cannot date letter ${msg.reference}: ${(err as Error).message}`, false);
    }
    const instructions = opts.paymentInstructions?.[msg.language];
    const input: LetterInput = {
      reference: msg.reference,
      language: msg.language,
      date,
      lenderName: opts.lenderName,
      lenderAddress: opts.lenderAddress,
      debtorName: data.debtorName,
      debtorAddress: msg.address,
      title: msg.subject ?? WORDING[msg.language].defaultTitle,
      body: msg.text,
      hotline: opts.hotline,
      portalUrl: opts.portalUrl,
      verifyCode: msg.verifyCode,
      ...(data.amountDue ? { amountDue: data.amountDue } : {}),
      ...(instructions ? { paymentInstructions: instructions } : {}),
    };

    let pdf: Buffer;
    try {
      pdf = await renderLetterPdf(input, opts.render);
    } catch (err) {
      // A letter that does not validate will not validate on a retry; a missing font is fixed on the
      // machine (scripts/ensure-system-deps.sh), after which the same letter can be sent.
      if (err instanceof AppError) throw new ProviderError(err.message, err.code !== 'VALIDATION_FAILED');
      throw err;
    }
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await insertLetter(db, {
      reference: msg.reference,
      customerId: msg.customerId,
      accountId: account.id,
      language: msg.language,
      sha256,
      pdf,
      bytes: pdf.length,
      createdAt: msg.at,
    });
    // Read back rather than trust this call's render: a concurrent send of the same reference may have
    // stored first, and every caller must get the receipt of the letter that is actually kept.
    const stored = await lookup(msg.reference);
    if (!stored) throw new ProviderError(`letter ${msg.reference} was not stored`, true);
    return stored;
  }

  return {
    channel: 'letter',
    send,
    lookup,
    async close() {},
  };
}
