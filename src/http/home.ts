/** The start page until the web UI lands: the portfolio by bucket, in Chinese and English. */
import type { PortfolioSummary } from './system.routes.ts';
import { formatMinor, isCurrency } from '../platform/money.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderHome(s: PortfolioSummary): string {
  const rows = s.buckets
    .map((b) => {
      const fmt = (m: number) => (isCurrency(b.currency) ? formatMinor(m, b.currency) : String(m));
      return `<tr><td>${esc(b.bucket)}</td><td>${esc(b.currency)}</td><td class="n">${b.accounts}</td><td class="n">${fmt(b.overdueMinor)}</td><td class="n">${fmt(b.totalMinor)}</td><td><a href="/api/v1/accounts?bucket=${encodeURIComponent(b.bucket)}&amp;limit=20">JSON</a></td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fairdebt 催收平台</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse}td,th{padding:.35rem .8rem;border-bottom:1px solid #d0d7de;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}</style>
</head><body>
<h1>Fairdebt 催收平台 · collections platform</h1>
<p>业务日期（已日终）Last closed business date: <strong>${esc(s.lastClosedDate ?? '—')}</strong> · 账户 accounts: <strong>${s.accounts}</strong> · 在催案件 open cases: <strong>${s.openCases}</strong></p>
<table><thead><tr><th>逾期阶段 Bucket</th><th>币种 Currency</th><th>账户数 Accounts</th><th>逾期金额 Overdue</th><th>总欠款 Total owed</th><th></th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p><a href="/docs">API 文档 · API documentation (OpenAPI)</a> · <a href="/api/v1/health">health</a></p>
</body></html>`;
}
