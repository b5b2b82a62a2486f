/**
 * 我的申请: the debtor's own plans, deferrals, waivers and settlements (GET /api/v1/portal/concessions),
 * newest first: pending (with the date by which it is answered), approved (with the new schedule and
 * the agreement to download) or not approved (with the reviewer's note).
 */
import { useState } from 'react';
import { App, Button, Card, Collapse, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { download, urlOf } from '../../shared/api/client.ts';
import { api } from '../../shared/api/client.ts';
import type { MyRequest } from '../../shared/api/self-service.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant, formatMoney } from '../../shared/format.ts';
import { ScheduleTable } from './Plan.tsx';

const STATUS_COLOUR: Record<string, string> = { pending_approval: TAG.gold, active: TAG.green, completed: TAG.blue, broken: TAG.red, rejected: TAG.red, expired: TAG.orange };

export function RequestsPage() {
  const { t } = useTranslation();
  useTitle(`${t('selfService.requests.title')} · ${t('app.portal')}`);
  const q = useQuery({ queryKey: ['my-requests'], queryFn: ({ signal }) => api('GET /api/v1/portal/concessions', { signal }) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('selfService.requests.title')}</Typography.Title>
      <Typography.Paragraph>{t('selfService.requests.intro')}</Typography.Paragraph>
      <Button onClick={() => void q.refetch()} loading={q.isFetching} data-testid="requests-refresh">{t('selfService.requests.refresh')}</Button>
      <QueryState query={q}>
        {(d) => d.items.length === 0 ? <Empty description={t('selfService.requests.none')} /> : (
          <List dataSource={d.items} data-testid="my-requests" renderItem={(c) => <List.Item><RequestCard c={c} /></List.Item>} />
        )}
      </QueryState>
    </Space>
  );
}

function RequestCard({ c }: { c: MyRequest }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const agreement = async () => {
    setBusy(true);
    setError(null);
    try {
      const got = await download(urlOf('/api/v1/portal/concessions/{id}/agreement', { id: c.id }, { lang }), `agreement-${c.id}.pdf`);
      void message.success(t('selfService.requests.agreementSaved', { name: got.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      style={{ width: '100%' }}
      data-testid="request"
      data-status={c.status}
      title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t(`selfService.requests.kind.${c.kind}`, { defaultValue: c.kind })} · {c.accountRef}</Typography.Title>}
      extra={<Tag color={STATUS_COLOUR[c.status]} data-testid="request-status">{t(`selfService.requests.status.${c.status}`, { defaultValue: c.status })}</Tag>}
    >
      {c.explanation ? <Typography.Paragraph>{c.explanation[lang]}</Typography.Paragraph> : null}
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('selfService.requests.requestedAt')}>{formatInstant(c.requestedAt, lang)}</Descriptions.Item>
        {c.status === 'pending_approval' && c.slaDueAt ? <Descriptions.Item label={t('selfService.requests.answerBy')}>{formatInstant(c.slaDueAt, lang)}</Descriptions.Item> : null}
        {c.decidedAt ? <Descriptions.Item label={t('selfService.requests.decidedAt')}>{formatInstant(c.decidedAt, lang)}</Descriptions.Item> : null}
        {c.effectiveOn ? <Descriptions.Item label={t('selfService.requests.effectiveOn')}>{c.effectiveOn}</Descriptions.Item> : null}
        {c.decisionNote ? <Descriptions.Item label={t('selfService.requests.note')}>{c.decisionNote}</Descriptions.Item> : null}
      </Descriptions>
      {c.schedule.length > 0 ? (
        <Collapse
          size="small"
          defaultActiveKey={c.status === 'active' ? ['s'] : []}
          items={[{ key: 's', label: `${t('selfService.plan.schedule')}${c.totalPayableMinor !== null ? ` · ${t('selfService.plan.total', { amount: formatMoney(c.totalPayableMinor, c.currency, lang) })}` : ''}`, children: <ScheduleTable items={c.schedule} currency={c.currency} /> }]}
        />
      ) : null}
      {c.hasAgreement ? <Button block style={{ marginTop: 12 }} loading={busy} onClick={() => void agreement()}>{t('selfService.requests.agreement')}</Button> : null}
      {error ? <div style={{ marginTop: 8 }}><ErrorState error={error} /></div> : null}
    </Card>
  );
}
