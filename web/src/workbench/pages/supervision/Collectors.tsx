/**
 * Collectors: capacity (open cases against maxOpenCases, from GET /api/v1/worklist/stats), skills,
 * languages, agency and whether active; the form that changes one (PUT /api/v1/worklist/collectors/:id).
 * Switching a collector off releases their cases, so the form asks first.
 */
import { useState } from 'react';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ResponseOf } from '../../../shared/api/client.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { ErrorState, QueryState, TAG, useTitle } from '../../../shared/ui.tsx';
import { showFieldErrors } from './shared.tsx';

type Collector = ResponseOf<'GET /api/v1/worklist/collectors'>['items'][number];

const FIELDS = ['name', 'team', 'agencyId', 'skills', 'languages', 'maxOpenCases', 'active'] as const;

export function CollectorsPage() {
  const { t } = useTranslation();
  useTitle(`${t('supervision.nav.collectors')} · ${t('supervision.title')}`);
  const collectors = useQuery({ queryKey: ['collectors'], queryFn: ({ signal }) => api('GET /api/v1/worklist/collectors', { signal }) });
  const stats = useQuery({ queryKey: ['worklist-stats'], queryFn: ({ signal }) => api('GET /api/v1/worklist/stats', { signal }) });
  const queues = useQuery({ queryKey: ['worklist-queues'], queryFn: ({ signal }) => api('GET /api/v1/worklist/queues', { signal }) });
  const [editing, setEditing] = useState<Collector | null>(null);
  return (
    <section aria-labelledby="collectors-title">
      <Typography.Title level={3} id="collectors-title">{t('supervision.nav.collectors')}</Typography.Title>
      {stats.isError ? <ErrorState error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <QueryState query={collectors}>
        {(c) => {
          const load = new Map((stats.data?.collectors ?? []).map((s) => [s.id, s.openCases]));
          // The queues a collector can serve: same agency (in-house: none), and the queue's skill if it names one.
          const serves = (col: Collector) =>
            (queues.data?.items ?? []).filter((q) => q.active && q.agencyId === col.agencyId && (q.skill === null || col.skills.includes(q.skill))).map((q) => q.code);
          return (
            <Table<Collector>
              size="small"
              rowKey="id"
              dataSource={c.items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: true }}
              locale={{ emptyText: t('supervision.collectors.empty') }}
              data-testid="collectors-table"
              columns={[
                { title: t('supervision.collectors.id'), dataIndex: 'id', render: (id: string) => <Link to={`/queue?collector=${encodeURIComponent(id)}`}>{id}</Link> },
                { title: t('supervision.collectors.name'), dataIndex: 'name' },
                { title: t('supervision.collectors.team'), dataIndex: 'team' },
                { title: t('supervision.collectors.agency'), dataIndex: 'agencyId', render: (a: string | null) => a ?? t('supervision.queues.inHouse') },
                {
                  title: t('supervision.collectors.load'),
                  align: 'right',
                  render: (_, r) => <span className="num" data-testid={`collector-load-${r.id}`}>{`${load.get(r.id) ?? '—'} / ${r.maxOpenCases}`}</span>,
                },
                { title: t('supervision.collectors.skills'), dataIndex: 'skills', render: (s: string[]) => (s.length ? s.map((x) => <Tag key={x}>{x}</Tag>) : '—') },
                { title: t('supervision.collectors.languages'), dataIndex: 'languages', render: (s: string[]) => s.join(', ') },
                { title: t('supervision.collectors.queues'), render: (_, r) => serves(r).join(', ') || '—' },
                { title: t('supervision.queues.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color={TAG.green}>{t('supervision.yes')}</Tag> : <Tag>{t('supervision.no')}</Tag>) },
                {
                  title: t('supervision.actions'),
                  render: (_, r) => (
                    <Button size="small" onClick={() => setEditing(r)} aria-label={t('supervision.collectors.editOne', { id: r.id })} data-testid={`edit-collector-${r.id}`}>
                      {t('supervision.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          );
        }}
      </QueryState>
      <Drawer open={editing !== null} onClose={() => setEditing(null)} size="large" title={editing ? t('supervision.collectors.editOne', { id: editing.id }) : ''} destroyOnHidden>
        {editing ? <CollectorForm collector={editing} onDone={() => setEditing(null)} /> : null}
      </Drawer>
    </section>
  );
}

interface CollectorValues {
  name: string;
  team: string;
  agencyId?: string;
  skills: string[];
  languages: string[];
  maxOpenCases: number;
  active: boolean;
}

function CollectorForm({ collector, onDone }: { collector: Collector; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<CollectorValues>();
  const keyFor = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (v: CollectorValues) => {
      const body = { ...v, name: v.name.trim(), team: v.team.trim(), agencyId: v.agencyId?.trim() || null };
      return api('PUT /api/v1/worklist/collectors/{id}', { path: { id: collector.id }, headers: { 'idempotency-key': keyFor({ id: collector.id, body }) }, body });
    },
    onSuccess: async (r) => {
      void message.success(r.released > 0 ? t('supervision.collectors.savedReleased', { id: r.collector.id, count: r.released }) : t('supervision.collectors.saved', { id: r.collector.id }));
      await Promise.all(['collectors', 'worklist-stats', 'queue'].map((k) => client.invalidateQueries({ queryKey: [k] })));
      onDone();
    },
    onError: (e) => showFieldErrors(form, e, FIELDS),
  });
  const submit = (v: CollectorValues) => {
    // Switching a collector off gives their open cases back to the pool: ask first.
    if (collector.active && !v.active) {
      modal.confirm({
        title: t('supervision.collectors.deactivateTitle', { id: collector.id }),
        content: t('supervision.collectors.deactivateBody'),
        okText: t('supervision.confirm'),
        cancelText: t('common.cancel'),
        onOk: () => save.mutate(v),
      });
    } else save.mutate(v);
  };
  const required = { required: true, message: t('supervision.required') };
  return (
    <Form<CollectorValues> form={form} layout="vertical" onFinish={submit} initialValues={{ ...collector, agencyId: collector.agencyId ?? '' }} data-testid="collector-form">
      <Space wrap size="large">
        <Form.Item name="name" label={t('supervision.collectors.name')} rules={[required]}><Input /></Form.Item>
        <Form.Item name="team" label={t('supervision.collectors.team')} rules={[required]}><Input /></Form.Item>
      </Space>
      <Form.Item name="maxOpenCases" label={t('supervision.collectors.maxOpenCases')} extra={t('supervision.collectors.maxOpenCasesHelp')} rules={[required]}>
        <InputNumber precision={0} />
      </Form.Item>
      <Form.Item name="skills" label={t('supervision.collectors.skills')} extra={t('supervision.collectors.skillsHelp')}>
        <Select mode="tags" tokenSeparators={[',', ' ']} aria-label={t('supervision.collectors.skills')} />
      </Form.Item>
      <Form.Item name="languages" label={t('supervision.collectors.languages')} extra={t('supervision.collectors.languagesHelp')} rules={[required]}>
        <Select mode="tags" tokenSeparators={[',', ' ']} aria-label={t('supervision.collectors.languages')} />
      </Form.Item>
      <Form.Item name="agencyId" label={t('supervision.collectors.agency')} extra={t('supervision.queues.agencyHelp')}><Input /></Form.Item>
      <Form.Item name="active" label={t('supervision.queues.active')} valuePropName="checked"><Switch /></Form.Item>
      {save.isError ? <ErrorState error={save.error} /> : null}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('supervision.save')}</Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
