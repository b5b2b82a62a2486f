/**
 * What I owe and why: the total, what is overdue, and each component with the charges that made it
 * (period, base, daily rate, amount, what the cost cap removed) and what reduced it (payments,
 * waivers). The figures are the ledger's own explanation, for the signed-in debtor's own account only
 * (GET /api/v1/portal/accounts/{id}: another's account is "not found"). From here: dispute the amount,
 * complain, or download the evidence bundle of the account.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, download, urlOf, type ResponseOf } from '../../shared/api/client.ts';
import { ErrorState, QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatMoney, formatPpmPercent } from '../../shared/format.ts';

type Detail = ResponseOf<'GET /api/v1/portal/accounts/{id}'>;
const COMPONENTS = ['principal', 'interest', 'penalty', 'fees', 'credit'] as const;
const BALANCE_OF = { principal: 'principalMinor', interest: 'interestMinor', penalty: 'penaltyMinor', fees: 'feesMinor', credit: 'creditMinor' } as const;

export function OwePage() {
  const { t } = useTranslation();
  useTitle(`${t('portal.oweTitle')} · ${t('app.portal')}`);
  const { ref = '' } = useParams();
  const detail = useQuery({ queryKey: ['my-account', ref], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts/{id}', { path: { id: ref }, signal }) });
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/accounts">{t('portal.backToAccounts')}</Link>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('portal.oweTitle')} · {ref}</Typography.Title>
      {notFound ? <Alert type="warning" showIcon role="alert" title={t('portal.accountNotFound')} data-testid="owe-not-found" /> : (
        <QueryState query={detail}>{(d) => <><Owed d={d} /><Actions accountRef={d.id} /></>}</QueryState>
      )}
    </Space>
  );
}

/** What the debtor can do about this account. */
function Actions({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const bundle = async () => {
    setBusy(true);
    setError(null);
    try {
      const got = await download(urlOf('/api/v1/portal/evidence', undefined, { account: accountRef }), `evidence-${accountRef}.zip`);
      void message.success(t('portal.evidenceSaved', { name: got.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('portal.notRight')}</Typography.Title>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Link to={`/dispute?account=${encodeURIComponent(accountRef)}`}><Button block>{t('portal.disputeTitle')}</Button></Link>
        <Link to={`/complain?account=${encodeURIComponent(accountRef)}`}><Button block>{t('portal.complainTitle')}</Button></Link>
        <Button block onClick={() => void bundle()} loading={busy} data-testid="evidence-download">{t('portal.evidence')}</Button>
        <Typography.Text type="secondary">{t('portal.evidenceHelp')}</Typography.Text>
        {error ? <ErrorState error={error} /> : null}
      </Space>
    </Card>
  );
}

function Owed({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const money = (m: number) => formatMoney(m, d.currency, lang);
  const next = d.schedule.find((s) => s.settledOn === null && s.dueOn > d.asOf);
  const parts = COMPONENTS.filter((c) => d.balances[BALANCE_OF[c]] !== 0 || d.explain[c].chargedMinor !== 0);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="portal-owed">
      <Card>
        <Statistic title={t('portal.totalOwed')} value={money(d.balances.totalMinor)} valueStyle={{ fontSize: 28 }} data-testid="portal-total" />
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('portal.overdueNow')}: <strong className="num" data-testid="portal-overdue">{money(d.balances.overdueMinor)}</strong> ·{' '}
          {d.dpd > 0 ? t('portal.dpd', { count: d.dpd }) : t('portal.notOverdue')}
        </Typography.Paragraph>
        {next ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('portal.nextDue', { date: next.dueOn, amount: money(next.principalDueMinor + next.interestDueMinor) })}</Typography.Paragraph> : null}
      </Card>
      <Collapse
        items={parts.map((c) => {
          const ex = d.explain[c];
          return {
            key: c,
            label: (
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <span>{t(`components.${c}`)}</span>
                <strong className="num" data-testid={`portal-${c}`}>{money(d.balances[BALANCE_OF[c]])}</strong>
              </Space>
            ),
            children: (
              <div>
                <Typography.Text strong>{t('portal.why')}</Typography.Text>
                <ul style={{ paddingInlineStart: 20 }}>
                  {ex.charges.map((ch, i) => (
                    <li key={`c${i}`}>
                      {ch.baseMinor !== null && ch.ratePpm !== null
                        ? t('portal.chargeLine', { from: ch.fromDate, to: ch.toDate, days: ch.days, base: money(ch.baseMinor), rate: formatPpmPercent(ch.ratePpm), amount: money(ch.amountMinor) })
                        : t('portal.fixedLine', { date: ch.fromDate, kind: t(`entryKind.${ch.kind}`, { defaultValue: ch.kind }), amount: money(ch.amountMinor) })}
                      {ch.cappedMinor > 0 ? <div><Typography.Text type="secondary">{t('portal.cappedNote', { amount: money(ch.cappedMinor) })}</Typography.Text></div> : null}
                    </li>
                  ))}
                  {ex.reductions.map((r, i) => (
                    <li key={`r${i}`}>{t('portal.reducedLine', { date: r.valueDate, kind: t(`entryKind.${r.kind}`, { defaultValue: r.kind }), amount: money(-r.amountMinor) })}</li>
                  ))}
                </ul>
              </div>
            ),
          };
        })}
      />
    </Space>
  );
}
