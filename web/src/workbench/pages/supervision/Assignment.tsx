/**
 * Assignment (分案) and recall (撤案) for a business date: the worklist's figures (GET
 * /api/v1/worklist/stats), the two runs (POST /api/v1/worklist/assign and /recall), each asked
 * first, and what each moved; and a way into any collector's queue (the /queue page).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ResponseOf } from '../../../shared/api/client.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { ErrorState, QueryState, useTitle } from '../../../shared/ui.tsx';
import { useBusinessDate } from './shared.tsx';

type AssignResult = ResponseOf<'POST /api/v1/worklist/assign'>;
type RecallResult = ResponseOf<'POST /api/v1/worklist/recall'>;
type Stats = ResponseOf<'GET /api/v1/worklist/stats'>;

export function AssignmentPage() {
  const { t } = useTranslation();
  useTitle(`${t('supervision.nav.assignment')} · ${t('supervision.title')}`);
  const stored = useBusinessDate();
  const [date, setDate] = useState<string>('');
  const businessDate = date || stored || '';
  const client = useQueryClient();
  const { modal } = App.useApp();
  const stats = useQuery({
    queryKey: ['worklist-stats', businessDate],
    enabled: businessDate !== '',
    queryFn: ({ signal }) => api('GET /api/v1/worklist/stats', { query: { asOf: businessDate }, signal }),
  });
  const assignKey = useIdempotencyKey();
  const recallKey = useIdempotencyKey();
  const [last, setLast] = useState<{ kind: 'assign'; r: AssignResult } | { kind: 'recall'; r: RecallResult } | null>(null);
  const refresh = () => Promise.all(['worklist-stats', 'queue', 'collectors'].map((k) => client.invalidateQueries({ queryKey: [k] })));
  const assign = useMutation({
    mutationFn: () => api('POST /api/v1/worklist/assign', { headers: { 'idempotency-key': assignKey({ assign: businessDate }) }, body: { businessDate } }),
    onSuccess: async (r) => { setLast({ kind: 'assign', r }); await refresh(); },
  });
  const recall = useMutation({
    mutationFn: () => api('POST /api/v1/worklist/recall', { headers: { 'idempotency-key': recallKey({ recall: businessDate }) }, body: { businessDate } }),
    onSuccess: async (r) => { setLast({ kind: 'recall', r }); await refresh(); },
  });
  const confirm = (kind: 'assign' | 'recall') =>
    modal.confirm({
      title: t(`supervision.assignment.${kind}Confirm`, { date: businessDate }),
      content: t(`supervision.assignment.${kind}Explain`),
      okText: t('supervision.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => (kind === 'assign' ? assign.mutate() : recall.mutate()),
    });
  return (
    <section aria-labelledby="assignment-title">
      <Typography.Title level={3} id="assignment-title">{t('supervision.nav.assignment')}</Typography.Title>
      <Space wrap align="end" style={{ marginBottom: 16 }}>
        <label htmlFor="assignment-date">{t('supervision.businessDate')}</label>
        <Input id="assignment-date" type="date" value={businessDate} onChange={(e) => setDate(e.target.value)} style={{ width: 180 }} data-testid="assignment-date" />
        <Button type="primary" disabled={!businessDate} loading={assign.isPending} onClick={() => confirm('assign')} data-testid="run-assign">{t('supervision.assignment.assign')}</Button>
        <Button disabled={!businessDate} loading={recall.isPending} onClick={() => confirm('recall')} data-testid="run-recall">{t('supervision.assignment.recall')}</Button>
      </Space>
      {assign.isError ? <ErrorState error={assign.error} /> : null}
      {recall.isError ? <ErrorState error={recall.error} /> : null}
      {last ? <RunResult last={last} /> : null}
      {businessDate === '' ? <Alert type="info" showIcon title={t('supervision.noBusinessDate')} /> : (
        <QueryState query={stats}>{(s) => <Figures stats={s} />}</QueryState>
      )}
    </section>
  );
}

function RunResult({ last }: { last: { kind: 'assign'; r: AssignResult } | { kind: 'recall'; r: RecallResult } }) {
  const { t } = useTranslation();
  if (last.kind === 'recall') {
    const r = last.r;
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        data-testid="recall-result"
        style={{ marginBottom: 16 }}
        title={t('supervision.assignment.recalled', { date: r.businessDate, recalled: r.recalled, extended: r.extended, released: r.closedReleased })}
      />
    );
  }
  const r = last.r;
  const unassigned = Object.entries(r.unassigned).filter(([, n]) => n > 0);
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      data-testid="assign-result"
      style={{ marginBottom: 16 }}
      title={<span data-testid="assigned-count" data-count={r.assigned}>{t('supervision.assignment.assigned', { date: r.businessDate, count: r.assigned, released: r.closedReleased })}</span>}
      description={
        <>
          {unassigned.length > 0 ? (
            <div>{t('supervision.assignment.unassignedBy')}: {unassigned.map(([k, n]) => `${t(`supervision.unassignedReason.${k}`, { defaultValue: k })} ${n}`).join(' · ')}</div>
          ) : null}
          {r.unassignedCases.length > 0 ? (
            <div>{t('supervision.assignment.firstUnassigned')}: {r.unassignedCases.slice(0, 10).map((c) => `#${c.caseId}`).join(', ')}</div>
          ) : null}
        </>
      }
    />
  );
}

function Figures({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const [collector, setCollector] = useState<string>('');
  const active = stats.collectors.filter((c) => c.active);
  const held = active.reduce((s, c) => s + c.openCases, 0);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap size="large">
        <Statistic title={t('supervision.assignment.unassigned')} value={stats.unassignedOpenCases} data-testid="stat-unassigned" />
        <Statistic title={t('supervision.assignment.held')} value={held} data-testid="stat-held" />
        <Statistic title={t('supervision.assignment.capacity')} value={active.reduce((s, c) => s + c.maxOpenCases, 0)} />
      </Space>
      <Descriptions size="small" column={1} items={[{ key: 'asOf', label: t('supervision.assignment.asOf'), children: stats.asOf }]} />
      <Card title={t('supervision.assignment.byQueue')} size="small">
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: true }}
          dataSource={stats.queues}
          data-testid="stats-queues"
          columns={[
            { title: t('supervision.queues.code'), dataIndex: 'code' },
            { title: t('supervision.queues.name'), dataIndex: 'name' },
            { title: t('supervision.queues.openCases'), dataIndex: 'activeAssignments', align: 'right' },
            { title: t('supervision.assignment.dueForRecall'), dataIndex: 'dueForRecall', align: 'right' },
            { title: t('supervision.queues.capacity'), align: 'right', render: (_, q) => t('supervision.queues.capacityLine', { capacity: q.capacity, collectors: q.collectors }) },
          ]}
        />
      </Card>
      <Card title={t('supervision.assignment.byCollector')} size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="collector-queue">{t('supervision.assignment.openQueue')}</label>
          <Select
            id="collector-queue"
            aria-label={t('supervision.assignment.openQueue')}
            style={{ width: 240 }}
            value={collector || undefined}
            onChange={(v: string) => setCollector(v)}
            options={active.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }))}
          />
          {collector ? <Link to={`/queue?collector=${encodeURIComponent(collector)}`} data-testid="open-collector-queue">{t('supervision.assignment.openQueueLink')}</Link> : null}
        </Space>
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          dataSource={active}
          data-testid="stats-collectors"
          columns={[
            { title: t('supervision.collectors.id'), dataIndex: 'id' },
            { title: t('supervision.collectors.name'), dataIndex: 'name' },
            { title: t('supervision.collectors.agency'), dataIndex: 'agencyId', render: (a: string | null) => a ?? t('supervision.queues.inHouse') },
            { title: t('supervision.collectors.load'), align: 'right', render: (_, c) => <span className="num">{`${c.openCases} / ${c.maxOpenCases}`}</span> },
          ]}
        />
      </Card>
    </Space>
  );
}
