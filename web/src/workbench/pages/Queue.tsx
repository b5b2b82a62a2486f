/**
 * My queue: a collector's open cases in working order, and the call outcome (催记) form with the
 * promise to pay a ptp outcome carries. A collector sees their own queue (their user id is their
 * collector id); supervisors and admins pick whose queue to look at.
 * Recording takes the case's lock first (the server refuses a call outcome without it).
 */
import { useMemo, useRef, useState } from 'react';
import { App, Button, Card, Drawer, Empty, Form, Input, Radio, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { Chart } from '../../shared/Chart.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { ErrorState, Loading, QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant, formatMoney, parseMajorToMinor } from '../../shared/format.ts';
import { bucketColour } from './Accounts.tsx';
import { hasAnyRole, useSession } from '../../shared/session.ts';

type QueueItem = ResponseOf<'GET /api/v1/worklist/collectors/{id}/queue'>['items'][number];
type Outcome = ResponseOf<'POST /api/v1/cases/{id}/call-outcomes'>['outcome'];
const OUTCOMES: Outcome[] = ['rpc', 'ptp', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'refused', 'dispute', 'hardship', 'third_party', 'deceased'];

export function QueuePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('queue.title')} · ${t('app.workbench')}`);
  const [params, setParams] = useSearchParams();
  const collectors = useQuery({ queryKey: ['collectors'], queryFn: ({ signal }) => api('GET /api/v1/worklist/collectors', { signal }) });
  const active = (collectors.data?.items ?? []).filter((c) => c.active);
  const session = useSession();
  // A collector works their own queue only; supervisors and admins may open anyone's.
  const own = session && session.principal.roles.includes('collector') && !hasAnyRole(session, ['supervisor', 'admin']) ? session.principal.userId : null;
  const collectorId = own ?? params.get('collector') ?? active[0]?.id ?? '';
  const queue = useQuery({
    queryKey: ['queue', collectorId],
    enabled: collectorId !== '',
    queryFn: ({ signal }) => api('GET /api/v1/worklist/collectors/{id}/queue', { path: { id: collectorId }, signal }),
  });
  const [working, setWorking] = useState<QueueItem | null>(null);
  return (
    <>
      <Typography.Title level={2}>{t('queue.title')}</Typography.Title>
      <QueryState query={collectors}>
        {() =>
          active.length === 0 ? <Empty description={t('queue.noCollectors')} /> : (
            <>
              {own ? (
                <Typography.Paragraph data-testid="own-queue">{t('queue.ownQueue', { collector: active.find((c) => c.id === own)?.name ?? own })}</Typography.Paragraph>
              ) : (
                <Space wrap style={{ marginBottom: 16 }}>
                  <label htmlFor="collector">{t('queue.collector')}</label>
                  <Select
                    id="collector"
                    aria-label={t('queue.chooseCollector')}
                    value={collectorId}
                    style={{ width: 240 }}
                    onChange={(v: string) => setParams({ collector: v })}
                    options={active.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }))}
                    data-testid="collector-select"
                  />
                </Space>
              )}
              {queue.isPending ? <Loading /> : queue.isError ? <ErrorState error={queue.error} onRetry={() => void queue.refetch()} /> : (
                <>
                  <Typography.Paragraph type="secondary">{t('queue.asOf', { date: queue.data.asOf })}</Typography.Paragraph>
                  <Table<QueueItem>
                    size="small"
                    rowKey="caseId"
                    dataSource={queue.data.items}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    locale={{ emptyText: t('queue.empty') }}
                    scroll={{ x: true }}
                    data-testid="queue-table"
                    columns={[
                      { title: t('queue.account'), dataIndex: 'accountRef', render: (r: string) => <Link to={`/accounts/${encodeURIComponent(r)}`}>{r}</Link> },
                      { title: t('queue.name'), dataIndex: 'customerName' },
                      { title: t('queue.bucket'), dataIndex: 'bucket', render: (b: string) => <Tag color={bucketColour(b)}>{b}</Tag> },
                      { title: t('queue.dpd'), dataIndex: 'dpd', align: 'right' },
                      { title: t('queue.overdue'), align: 'right', render: (_, i) => <span className="num">{formatMoney(i.overdueMinor, i.currency, lang)}</span> },
                      {
                        title: t('supervision.queues.expectedRecovery'),
                        align: 'right',
                        render: (_, i) =>
                          i.expectedRecoveryMinor === null ? '—' : (
                            <span className="num" title={t('supervision.queues.expectedRecoveryHelp', { score: i.riskScore })} data-testid={`expected-recovery-${i.accountRef}`}>
                              {formatMoney(i.expectedRecoveryMinor, i.currency, lang)}
                            </span>
                          ),
                      },
                      {
                        title: t('queue.lastCall'),
                        render: (_, i) => (i.lastCall ? `${formatInstant(i.lastCall.at, lang)} · ${t(`outcome.${i.lastCall.outcome}`, { defaultValue: i.lastCall.outcome })}` : '—'),
                      },
                      {
                        title: '',
                        render: (_, i) => (
                          <Space wrap>
                            {i.callable ? <Tag color={TAG.green}>{t('queue.callable')}</Tag> : <Tag>{t('queue.notCallable')}</Tag>}
                            {i.supervisorReview ? <Tag color={TAG.orange}>{t('queue.review')}</Tag> : null}
                            {i.lock && i.lock.collectorId !== collectorId ? <Tag color={TAG.purple}>{t('queue.lockedBy', { collector: i.lock.collectorId })}</Tag> : null}
                          </Space>
                        ),
                      },
                      { title: '', render: (_, i) => <Button size="small" type="primary" onClick={() => setWorking(i)}>{t('queue.record')}</Button> },
                    ]}
                  />
                </>
              )}
            </>
          )
        }
      </QueryState>
      <Load />
      <Drawer
        open={working !== null}
        onClose={() => setWorking(null)}
        size="large"
        title={working ? t('callForm.title', { ref: working.accountRef }) : ''}
        destroyOnHidden
      >
        {working ? <CallOutcomeForm item={working} collectorId={collectorId} onDone={() => setWorking(null)} /> : null}
      </Drawer>
    </>
  );
}

/** Queues and collectors' load (GET /api/v1/worklist/stats): open cases against capacity, and what is unassigned. */
function Load() {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: ['worklist-stats'], queryFn: ({ signal }) => api('GET /api/v1/worklist/stats', { signal }) });
  const option = useMemo<EChartsCoreOption | null>(() => {
    const collectors = stats.data?.collectors.filter((c) => c.active) ?? [];
    if (collectors.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: collectors.map((c) => c.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('queue.openCases'), type: 'bar', barMaxWidth: 40, itemStyle: { color: '#1d4ed8' }, data: collectors.map((c) => c.openCases) },
        { name: t('queue.capacity'), type: 'bar', barMaxWidth: 40, itemStyle: { color: '#9ca3af' }, data: collectors.map((c) => c.maxOpenCases) },
      ],
    };
  }, [stats.data, t]);
  return (
    <Card title={t('queue.loadTitle')} style={{ marginTop: 16 }}>
      <QueryState query={stats}>
        {(s) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Statistic title={t('queue.unassigned')} value={s.unassignedOpenCases} />
            {option ? <Chart option={option} height={260} label={t('outbox.chartLabel', { title: t('queue.loadTitle') })} testId="chart-load" /> : null}
            <Typography.Text strong>{t('queue.queues')}</Typography.Text>
            <ul style={{ margin: 0 }}>
              {s.queues.map((q) => (
                <li key={q.code}>{t('queue.queueLine', { name: q.name, code: q.code, active: q.activeAssignments, recall: q.dueForRecall, collectors: q.collectors })}</li>
              ))}
            </ul>
          </Space>
        )}
      </QueryState>
    </Card>
  );
}

interface FormValues {
  outcome: Outcome;
  contactPoint: string;
  amount?: string;
  dueOn?: string;
  note?: string;
}

/** The call outcome (催记) form, from a queue or an account page: the case, its account and currency are all it needs. */
export function CallOutcomeForm({ item, collectorId, onDone }: { item: Pick<QueueItem, 'caseId' | 'accountRef' | 'currency'>; collectorId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const outcome = Form.useWatch('outcome', form);
  // The same submission sent again keeps its key (the server returns the first result instead of a
  // second record); changed values are a new request with a new key.
  const lastAttempt = useRef<{ values: string; key: string } | null>(null);
  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const values = JSON.stringify(v);
      if (lastAttempt.current?.values !== values) lastAttempt.current = { values, key: `web:${crypto.randomUUID()}` };
      const idempotencyKey = lastAttempt.current.key;
      await api('POST /api/v1/cases/{id}/lock', { path: { id: item.caseId }, body: { collectorId } });
      const promise = v.outcome === 'ptp' ? { amountMinor: parseMajorToMinor(v.amount ?? '')!, dueOn: v.dueOn! } : undefined;
      return api('POST /api/v1/cases/{id}/call-outcomes', {
        path: { id: item.caseId },
        headers: { 'idempotency-key': idempotencyKey },
        body: { collectorId, outcome: v.outcome, contactPoint: v.contactPoint.trim(), note: v.note ?? '', ...(promise ? { promise } : {}) },
      });
    },
    onSuccess: async (r) => {
      const next = t(`nextAction.${r.nextAction}`, { defaultValue: r.nextAction });
      const promise = r.promise ? t('callForm.savedPromise', { amount: formatMoney(r.promise.amountMinor, r.promise.currency, lang), dueOn: r.promise.dueOn }) : '';
      void message.success(`${t('callForm.saved', { next })}${promise}`);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['queue'] }),
        client.invalidateQueries({ queryKey: ['call-records', item.accountRef] }),
      ]);
      onDone();
    },
  });
  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ outcome: 'rpc' }} data-testid="call-outcome-form">
      {/* One click per outcome: every choice is in sight, as a collector records call after call. */}
      <Form.Item name="outcome" label={t('callForm.outcome')} rules={[{ required: true, message: t('callForm.required') }]}>
        <Radio.Group optionType="button" options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
      </Form.Item>
      <Form.Item
        name="contactPoint"
        label={t('callForm.contactPoint')}
        extra={t('callForm.contactPointHelp')}
        rules={[{ required: true, message: t('callForm.required') }, { min: 3, message: t('callForm.tooShort') }]}
      >
        <Input autoComplete="off" inputMode="tel" />
      </Form.Item>
      {outcome === 'ptp' ? (
        <>
          <Form.Item
            name="amount"
            label={t('callForm.promiseAmount', { currency: item.currency })}
            extra={t('callForm.promiseAmountHelp')}
            rules={[{ required: true, message: t('callForm.required') }, { validator: async (_, v: string | undefined) => { if (v && parseMajorToMinor(v) === null) throw new Error(t('callForm.badAmount')); } }]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
          <Form.Item name="dueOn" label={t('callForm.promiseDueOn')} rules={[{ required: true, message: t('callForm.required') }]}>
            <Input type="date" />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="note" label={t('callForm.note')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {save.isError ? <ErrorState error={save.error} /> : null}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('callForm.submit')}</Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
