/**
 * Evidence bundles: everything Fairdebt holds about one account, as files in a zip with a manifest
 * (path, media type, size, sha256, what each file is) and the manifest's own sha256 beside it. The
 * bundle is cut at an audit head (seq and hash) named in the manifest; its bytes depend only on the
 * data and the export instant, so the same data and instant give the same bundle.
 *
 * Verification needs no database: recompute every file's hash and the manifest's, and list what is
 * missing, extra or changed.
 */
import type { Db } from '../../platform/db.ts';
import { getAccountDetail, type AccountDetail } from '../ledger/index.ts';
import { BUNDLE_FORMAT, ManifestSchema, type BundleCheck, type Manifest, type ManifestItem } from './evidence.types.ts';
import { MANIFEST_HASH_PATH, MANIFEST_PATH, compareBundle, safeSegment, sortItems, toCsv } from './bundle.rules.ts';
import { sha256Hex, unzipFiles, zipFiles } from './bundle.zip.ts';
import { agreementsOf, auditHead, callRecordsOf, customerOf, historyOf, lettersOf, listAudit, outboxOf, rowsOfAccount, transcriptsOf } from './evidence.store.ts';

/** Audit entries are read into a bundle this many at a time. */
export const AUDIT_PAGE_ENTRIES = 1000;

type Text = { 'zh-CN': string; en: string };
interface BundleFile {
  path: string;
  mediaType: string;
  bytes: Uint8Array;
  description: Text;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const json = (path: string, value: unknown, description: Text): BundleFile => ({ path, mediaType: 'application/json', bytes: utf8(`${JSON.stringify(value, null, 2)}\n`), description });
const csv = (path: string, columns: string[], rows: readonly object[], description: Text): BundleFile => ({ path, mediaType: 'text/csv; charset=utf-8', bytes: utf8(toCsv(columns, rows)), description });

/** The compliance verdict of a planned contact in one line: allowed or blocked, and by which rules. */
function verdictSummary(v: unknown): { decision: string | null; rules: string[] } {
  if (!v || typeof v !== 'object') return { decision: null, rules: [] };
  const o = v as { decision?: unknown; denyingRules?: unknown };
  return { decision: typeof o.decision === 'string' ? o.decision : null, rules: Array.isArray(o.denyingRules) ? o.denyingRules.map(String) : [] };
}

function ledgerFiles(d: AccountDetail): BundleFile[] {
  const account = { ref: d.id, customerId: d.customerId, product: d.product, currency: d.currency, openedOn: d.openedOn, closedThrough: d.closedThrough, asOf: d.asOf, dpd: d.dpd, bucket: d.bucket };
  const breakdown = (['principal', 'interest', 'penalty', 'fees', 'credit'] as const).map((c) => ({
    component: c, balanceMinor: d.explain[c].balanceMinor, chargedMinor: d.explain[c].chargedMinor, reducedMinor: d.explain[c].reducedMinor, cappedMinor: d.explain[c].cappedMinor,
  }));
  const charges = (['principal', 'interest', 'penalty', 'fees', 'credit'] as const).flatMap((c) => d.explain[c].charges.map((x) => ({ component: c, ...x })));
  return [
    json('ledger/statement.json', { account, balances: d.balances, costCap: d.costCap, explain: d.explain, entries: d.entries }, {
      'zh-CN': '账户对账单：余额构成、每项余额的计算方式（费率、天数、基数）及全部分录', en: 'Ledger statement: the balance breakdown, how each balance was computed (rate, days, base) and every entry',
    }),
    csv('ledger/entries.csv', ['id', 'valueDate', 'postedOn', 'kind', 'component', 'itemSeq', 'amountMinor', 'cappedMinor', 'baseMinor', 'ratePpm', 'days', 'reversesId', 'reason'], d.entries, {
      'zh-CN': '分录明细（金额为最小货币单位）', en: 'Ledger entries (amounts in minor units)',
    }),
    csv('ledger/breakdown.csv', ['component', 'balanceMinor', 'chargedMinor', 'reducedMinor', 'cappedMinor'], breakdown, {
      'zh-CN': '余额构成（最小货币单位）', en: 'Balance breakdown (minor units)',
    }),
    csv('ledger/charges.csv', ['component', 'kind', 'itemSeq', 'fromDate', 'toDate', 'days', 'baseMinor', 'ratePpm', 'amountMinor', 'cappedMinor'], charges, {
      'zh-CN': '各项费用的计算：基数 × 日费率 × 天数', en: 'How each charge was computed: base × daily rate × days',
    }),
    json('schedule/due-items.json', d.schedule, { 'zh-CN': '还款计划及每期应还、已还', en: 'Schedule: each due item, what was due and what was paid' }),
    csv('schedule/due-items.csv', ['seq', 'kind', 'dueOn', 'principalDueMinor', 'interestDueMinor', 'minimumDueMinor', 'principalPaidMinor', 'interestChargedMinor', 'interestPaidMinor', 'penaltyChargedMinor', 'penaltyPaidMinor', 'feesChargedMinor', 'feesPaidMinor', 'settledOn', 'dpd'], d.schedule, {
      'zh-CN': '还款计划（最小货币单位）', en: 'Schedule (minor units)',
    }),
    json('delinquency/history.json', { dpd: d.dpd, bucket: d.bucket, bucketHistory: d.bucketHistory, cases: d.cases }, {
      'zh-CN': '逾期天数与账龄迁徙历史、催收案件', en: 'DPD and bucket history, collection cases',
    }),
  ];
}

export interface BuiltBundle {
  zip: Uint8Array;
  sha256: string;
  manifest: Manifest;
  manifestSha256: string;
  accountId: number;
}

/** Reads everything about an account and zips it with its manifest; writes nothing. */
export async function assembleBundle(db: Db, accountRef: string, at: string): Promise<BuiltBundle> {
  const d = await getAccountDetail(db, accountRef);
  const head = await auditHead(db);
  const files: BundleFile[] = [...ledgerFiles(d)];
  const customer = await customerOf(db, d.customerId);
  files.push(json('account.json', { ref: d.id, product: d.product, currency: d.currency, openedOn: d.openedOn, customer }, { 'zh-CN': '账户与客户', en: 'The account and its customer' }));

  const outbox = await outboxOf(db, d.accountId);
  const history = await historyOf(db, d.accountId);
  files.push(json('contacts/planned.json', outbox.map((o) => ({ ...o, plan: verdictSummary(o.planVerdict), dispatch: verdictSummary(o.dispatchVerdict) })), {
    'zh-CN': '计划触达及每次合规检查的结论与规则轨迹（允许/拦截及原因）', en: 'Planned contacts with the compliance verdict and rule trace of each check (allowed or blocked, and why)',
  }));
  files.push(json('contacts/history.json', history, { 'zh-CN': '触达记录（呼出、呼入、各渠道）', en: 'Contact history (outbound and inbound, every channel)' }));
  files.push(csv('contacts/history.csv', ['id', 'at', 'channel', 'direction', 'recipientRole', 'outcome', 'initiatorKind', 'initiatorId', 'collectorId', 'outboxId'], history, {
    'zh-CN': '触达记录（表格）', en: 'Contact history (table)',
  }));

  const letters = await lettersOf(db, d.accountId);
  for (const l of letters) {
    files.push({ path: `letters/${safeSegment(l.reference)}-${l.language}.pdf`, mediaType: 'application/pdf', bytes: l.pdf, description: { 'zh-CN': `信函 ${l.reference}（发出时原样）`, en: `Letter ${l.reference}, as sent` } });
  }
  const agreements = await agreementsOf(db, d.accountId);
  for (const g of agreements) {
    files.push({ path: `agreements/${g.concessionId}-${g.language}.pdf`, mediaType: 'application/pdf', bytes: g.pdf, description: { 'zh-CN': `协议（${g.kind}，${g.status}）`, en: `Agreement (${g.kind}, ${g.status})` } });
  }
  files.push(json('documents.json', {
    letters: letters.map((l) => ({ reference: l.reference, language: l.language, sha256: l.sha256, createdAt: l.createdAt })),
    agreements: agreements.map((g) => ({ concessionId: g.concessionId, kind: g.kind, status: g.status, language: g.language, sha256: g.sha256, createdAt: g.createdAt })),
  }, { 'zh-CN': '信函与协议的登记哈希（可与其 PDF 核对）', en: 'Letters and agreements with the sha256 recorded when they were made (to check the PDFs against)' }));

  const calls = await callRecordsOf(db, d.accountId);
  const transcripts = await transcriptsOf(db, d.accountId);
  files.push(json('calls/records.json', { calls, transcripts: transcripts === null ? 'not kept' : transcripts.map(({ text: _t, ...rest }) => rest) }, {
    'zh-CN': '催记（通话结果）及录音、转写的哈希引用', en: 'Call records (催记) with recordings and transcripts referenced by hash',
  }));
  for (const t of transcripts ?? []) {
    if (typeof t.text !== 'string') continue;
    const key = safeSegment(String(t.id ?? t.call_record_id));
    files.push({ path: `calls/transcripts/${key}.txt`, mediaType: 'text/plain; charset=utf-8', bytes: utf8(t.text), description: { 'zh-CN': '通话转写文本', en: 'Call transcript' } });
  }

  const disputes = await rowsOfAccount(db, 'disputes', d.accountId);
  const complaints = await rowsOfAccount(db, 'complaints', d.accountId);
  files.push(json('disputes.json', { disputes: disputes ?? 'not kept', complaints: complaints ?? 'not kept' }, { 'zh-CN': '争议与投诉', en: 'Disputes and complaints' }));

  const entries = [];
  for (let after = 0; ;) {
    const page = await listAudit(db, { subject: `account:${d.id}`, afterSeq: after, limit: AUDIT_PAGE_ENTRIES, uptoSeq: head.seq });
    entries.push(...page);
    if (page.length < AUDIT_PAGE_ENTRIES) break;
    after = page[page.length - 1]!.seq;
  }
  files.push(json('audit/entries.json', {
    chain: 'hash = sha256(prevHash + canonical JSON of {seq, at, type, actor, subject, data, commandKey}); GENESIS prevHash is 64 zeros',
    head,
    entries,
  }, {
    'zh-CN': '本账户的审计记录及其哈希链证明（prevHash/hash，可与审计日志核对）', en: 'Audit entries about the account with their chain proof (prevHash/hash, to check against the audit log)',
  }));

  const sorted = sortItems(files);
  const items: ManifestItem[] = sorted.map((f) => ({ path: f.path, mediaType: f.mediaType, size: f.bytes.byteLength, sha256: sha256Hex(f.bytes), description: f.description }));
  const manifest: Manifest = { format: BUNDLE_FORMAT, accountRef: d.id, customerId: d.customerId, generatedAt: at, auditHead: head, items };
  const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestSha256 = sha256Hex(manifestBytes);
  const zip = zipFiles(
    [{ path: MANIFEST_PATH, bytes: manifestBytes }, { path: MANIFEST_HASH_PATH, bytes: utf8(`${manifestSha256}  ${MANIFEST_PATH}\n`) }, ...sorted.map((f) => ({ path: f.path, bytes: f.bytes }))],
    at,
  );
  return { zip, sha256: sha256Hex(zip), manifest, manifestSha256, accountId: d.accountId };
}

/** Checks a bundle's bytes on their own: every file against the manifest, the manifest against its hash. */
export function verifyBundle(zip: Uint8Array): BundleCheck & { sha256: string } {
  const sha256 = sha256Hex(zip);
  const fail = (problem: string): BundleCheck & { sha256: string } => ({ ok: false, sha256, accountRef: null, manifestSha256: null, items: 0, missing: [], extra: [], changed: [], manifestProblems: [problem] });
  let files: Map<string, Uint8Array>;
  try {
    files = unzipFiles(zip);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const manifestBytes = files.get(MANIFEST_PATH);
  if (!manifestBytes) return fail(`${MANIFEST_PATH} is missing`);
  const manifestSha256 = sha256Hex(manifestBytes);
  const problems: string[] = [];
  const recorded = files.get(MANIFEST_HASH_PATH);
  const recordedHash = recorded ? new TextDecoder().decode(recorded).trim().split(/\s+/)[0] : undefined;
  if (!recordedHash) problems.push(`${MANIFEST_HASH_PATH} is missing`);
  else if (recordedHash !== manifestSha256) problems.push(`${MANIFEST_PATH} was changed: its sha256 is ${manifestSha256}, ${MANIFEST_HASH_PATH} says ${recordedHash}`);
  const bad = (problem: string) => ({ ...fail(problem), manifestSha256, manifestProblems: [...problems, problem] });
  let manifest: Manifest;
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes)));
    if (!parsed.success) return bad(`${MANIFEST_PATH} is not a ${BUNDLE_FORMAT} manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    manifest = parsed.data;
  } catch {
    return bad(`${MANIFEST_PATH} is not readable JSON`);
  }
  const found = [...files].map(([path, bytes]) => ({ path, size: bytes.byteLength, sha256: sha256Hex(bytes) }));
  return { ...compareBundle(manifest.items, found, { accountRef: manifest.accountRef, manifestSha256, manifestProblems: problems }), sha256 };
}
