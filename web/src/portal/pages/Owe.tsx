/**
 * What I owe and why: the total, what is overdue, and each component with the charges that made it
 * (period, base, daily rate, amount, what the cost cap removed) and what reduced it (payments,
 * waivers). The figures are the ledger's own explanation (GET /api/v1/accounts/{id}).
 */
import { useState } from 'react';
import { Alert, Button, Card, Collapse, Form, Input, Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, type ResponseOf } from '../../shared/api/client.ts';
import { QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatMoney, formatPpmPercent } from '../../shared/format.ts';

type Detail = ResponseOf<'GET /api/v1/accounts/{id}'>;
const COMPONENTS = ['principal', 'interest', 'penalty', 'fees', 'credit'] as const;
const BALANCE_OF = { principal: 'principalMinor', interest: 'interestMinor', penalty: 'penaltyMinor', fees: 'feesMinor', credit: 'creditMinor' } as const;

export function OwePage() {
  const { t } = useTranslation();
  useTitle(`${t('portal.oweTitle')} · ${t('app.portal')}`);
  const { ref = '' } = useParams();
  const navigate = useNavigate();
  const [text, setText] = useState(ref);
  const detail = useQuery({ queryKey: ['account', ref], enabled: ref !== '', queryFn: ({ signal }) => api('GET /api/v1/accounts/{id}', { path: { id: ref }, signal }) });
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('portal.oweTitle')}</Typography.Title>
      <Alert type="info" showIcon title={t('portal.noLoginNote')} />
      <Form layout="vertical" onFinish={() => text.trim() && navigate(`/owe/${encodeURIComponent(text.trim())}`)}>
        <Form.Item label={t('portal.accountLabel')} htmlFor="account-ref">
          <Input id="account-ref" size="large" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('portal.accountPlaceholder')} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block>{t('portal.show')}</Button>
      </Form>
      {ref === '' ? null : notFound ? <Alert type="warning" showIcon role="alert" title={t('portal.accountNotFound')} data-testid="owe-not-found" /> : (
        <QueryState query={detail}>{(d) => <Owed d={d} />}</QueryState>
      )}
    </Space>
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
