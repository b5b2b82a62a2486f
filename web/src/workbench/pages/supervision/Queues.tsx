/**
 * Queues: each queue's rule (buckets, language, skill, agency, priority, recall period, work order), its open
 * cases and the capacity of the collectors able to serve it (GET /api/v1/worklist/stats), and the
 * form that changes a queue (PUT /api/v1/worklist/queues/:code) with the server's field errors on
 * the fields they name.
 */
import { useState } from 'react';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../../shared/api/client.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { ErrorState, QueryState, TAG, useTitle } from '../../../shared/ui.tsx';
import { showFieldErrors } from './shared.tsx';

type Queue = ResponseOf<'GET /api/v1/worklist/queues'>['items'][number];
type QueueStats = ResponseOf<'GET /api/v1/worklist/stats'>['queues'][number];

const FIELDS = ['name', 'buckets', 'skill', 'language', 'agencyId', 'recallAfterDays', 'priority', 'active', 'workOrder'] as const;
const WORK_ORDERS = ['dpd', 'expected_recovery'] as const;

export function QueuesPage() {
  const { t } = useTranslation();
  useTitle(`${t('supervision.nav.queues')} · ${t('supervision.title')}`);
  const queues = useQuery({ queryKey: ['worklist-queues'], queryFn: ({ signal }) => api('GET /api/v1/worklist/queues', { signal }) });
  const stats = useQuery({ queryKey: ['worklist-stats'], queryFn: ({ signal }) => api('GET /api/v1/worklist/stats', { signal }) });
  const [editing, setEditing] = useState<Queue | null>(null);
  return (
    <section aria-labelledby="queues-title">
      <Typography.Title level={3} id="queues-title">{t('supervision.nav.queues')}</Typography.Title>
      {stats.isError ? <ErrorState error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <QueryState query={queues}>
        {(q) => {
          const byCode = new Map<string, QueueStats>((stats.data?.queues ?? []).map((s) => [s.code, s]));
          return (
            <Table<Queue>
              size="small"
              rowKey="code"
              dataSource={q.items}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: t('supervision.queues.empty') }}
              data-testid="queues-table"
              columns={[
                { title: t('supervision.queues.code'), dataIndex: 'code' },
                { title: t('supervision.queues.name'), dataIndex: 'name' },
                { title: t('supervision.queues.buckets'), dataIndex: 'buckets', render: (b: string[]) => b.map((x) => <Tag key={x}>{x}</Tag>) },
                {
                  title: t('supervision.queues.filters'),
                  render: (_, r) => [
                    r.language ? t('supervision.queues.languageIs', { language: r.language }) : null,
                    r.skill ? t('supervision.queues.skillIs', { skill: r.skill }) : null,
                    r.agencyId ? t('supervision.queues.agencyIs', { agency: r.agencyId }) : t('supervision.queues.inHouse'),
                  ].filter(Boolean).join(' · '),
                },
                { title: t('supervision.queues.priority'), dataIndex: 'priority', align: 'right' },
                { title: t('supervision.queues.recallAfterDays'), dataIndex: 'recallAfterDays', align: 'right' },
                { title: t('supervision.queues.workOrder'), dataIndex: 'workOrder', render: (w: Queue['workOrder']) => <span data-testid={`queue-order-${w}`}>{t(`supervision.queues.workOrders.${w}`)}</span> },
                { title: t('supervision.queues.openCases'), align: 'right', render: (_, r) => <span data-testid={`queue-open-${r.code}`}>{byCode.get(r.code)?.activeAssignments ?? '—'}</span> },
                {
                  title: t('supervision.queues.capacity'),
                  align: 'right',
                  render: (_, r) => {
                    const s = byCode.get(r.code);
                    return s ? <span data-testid={`queue-capacity-${r.code}`}>{t('supervision.queues.capacityLine', { capacity: s.capacity, collectors: s.collectors })}</span> : '—';
                  },
                },
                { title: t('supervision.queues.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color={TAG.green}>{t('supervision.yes')}</Tag> : <Tag>{t('supervision.no')}</Tag>) },
                {
                  title: t('supervision.actions'),
                  render: (_, r) => (
                    <Button size="small" onClick={() => setEditing(r)} aria-label={t('supervision.queues.editOne', { code: r.code })} data-testid={`edit-queue-${r.code}`}>
                      {t('supervision.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          );
        }}
      </QueryState>
      <Drawer open={editing !== null} onClose={() => setEditing(null)} size="large" title={editing ? t('supervision.queues.editOne', { code: editing.code }) : ''} destroyOnHidden>
        {editing ? <QueueForm queue={editing} onDone={() => setEditing(null)} /> : null}
      </Drawer>
    </section>
  );
}

interface QueueValues {
  name: string;
  buckets: string[];
  skill?: string;
  language?: string;
  agencyId?: string;
  recallAfterDays: number;
  priority: number;
  active: boolean;
  workOrder: Queue['workOrder'];
}

function QueueForm({ queue, onDone }: { queue: Queue; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<QueueValues>();
  const keyFor = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (v: QueueValues) => {
      const body = { ...v, skill: v.skill?.trim() || null, language: v.language?.trim() || null, agencyId: v.agencyId?.trim() || null, name: v.name.trim() };
      return api('PUT /api/v1/worklist/queues/{code}', { path: { code: queue.code }, headers: { 'idempotency-key': keyFor({ code: queue.code, body }) }, body });
    },
    onSuccess: async (q) => {
      void message.success(t('supervision.queues.saved', { code: q.code }));
      await Promise.all([client.invalidateQueries({ queryKey: ['worklist-queues'] }), client.invalidateQueries({ queryKey: ['worklist-stats'] })]);
      onDone();
    },
    onError: (e) => showFieldErrors(form, e, FIELDS),
  });
  const required = { required: true, message: t('supervision.required') };
  return (
    <Form<QueueValues>
      form={form}
      layout="vertical"
      onFinish={(v) => save.mutate(v)}
      initialValues={{ ...queue, skill: queue.skill ?? '', language: queue.language ?? '', agencyId: queue.agencyId ?? '' }}
      data-testid="queue-form"
    >
      <Form.Item name="name" label={t('supervision.queues.name')} rules={[required]}><Input /></Form.Item>
      <Form.Item name="buckets" label={t('supervision.queues.buckets')} extra={t('supervision.queues.bucketsHelp')} rules={[required]}>
        <Select mode="tags" tokenSeparators={[',', ' ']} aria-label={t('supervision.queues.buckets')} />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="priority" label={t('supervision.queues.priority')} extra={t('supervision.queues.priorityHelp')} rules={[required]}>
          <InputNumber precision={0} />
        </Form.Item>
        <Form.Item name="recallAfterDays" label={t('supervision.queues.recallAfterDays')} rules={[required]}>
          <InputNumber precision={0} />
        </Form.Item>
      </Space>
      <Space wrap size="large">
        <Form.Item name="language" label={t('supervision.queues.language')} extra={t('supervision.queues.languageHelp')}><Input /></Form.Item>
        <Form.Item name="skill" label={t('supervision.queues.skill')} extra={t('supervision.queues.skillHelp')}><Input /></Form.Item>
        <Form.Item name="agencyId" label={t('supervision.queues.agency')} extra={t('supervision.queues.agencyHelp')}><Input /></Form.Item>
      </Space>
      <Form.Item name="workOrder" label={t('supervision.queues.workOrder')} extra={t('supervision.queues.workOrderHelp')} rules={[required]}>
        <Select aria-label={t('supervision.queues.workOrder')} options={WORK_ORDERS.map((w) => ({ value: w, label: t(`supervision.queues.workOrders.${w}`) }))} />
      </Form.Item>
      <Form.Item name="active" label={t('supervision.queues.active')} valuePropName="checked"><Switch /></Form.Item>
      {save.isError ? <ErrorState error={save.error} /> : null}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('supervision.save')}</Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
