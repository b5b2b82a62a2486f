/**
 * 助手转人工: conversations the debtor assistant handed to a person — the debtor asked for one, or
 * spoke of threats or self-harm — oldest open first, each with its transcript (what the debtor
 * wrote, what the assistant answered, the intent and its confidence) and the accounts it was about.
 * Close one once the debtor has been contacted (GET /api/v1/assistant/handoffs, …/close).
 */
import { useState } from 'react';
import { App, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';

type Handoff = ResponseOf<'GET /api/v1/assistant/handoffs'>['items'][number];
type Status = 'open' | 'closed';

export function HandoffsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  useTitle(`${t('assistant.staff.title')} · ${t('app.workbench')}`);
  const [status, setStatus] = useState<Status>('open');
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['assistant-handoffs', status], queryFn: ({ signal }) => api('GET /api/v1/assistant/handoffs', { query: { status }, signal }) });
  const close = useMutation({
    mutationFn: (id: number) => api('POST /api/v1/assistant/handoffs/{id}/close', { path: { id }, headers: { 'idempotency-key': `web:handoff-close:${id}` } }),
    onSuccess: async (h) => {
      void message.success(t('assistant.staff.closed', { id: h.id }));
      await client.invalidateQueries({ queryKey: ['assistant-handoffs'] });
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });
  return (
    <>
      <Typography.Title level={2}>{t('assistant.staff.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('assistant.staff.intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <Segmented<Status>
          aria-label={t('assistant.staff.status')}
          value={status}
          onChange={setStatus}
          options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`assistant.staff.statuses.${s}`) }))}
        />
      </div>
      <QueryState query={q}>
        {(d) => (
          <Table<Handoff>
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('assistant.staff.empty') }}
            data-testid="handoffs-table"
            expandable={{
              expandedRowRender: (h) => (
                <ol aria-label={t('assistant.staff.transcript')} style={{ paddingInlineStart: 20, margin: 0 }}>
                  {h.transcript.map((l) => (
                    <li key={l.seq} style={{ marginBottom: 8 }}>
                      <div><Typography.Text strong>{t('assistant.staff.debtor')}:</Typography.Text> {l.text}</div>
                      <div><Typography.Text type="secondary">{t('assistant.bot')} ({t('assistant.staff.intent')} {l.intent}{l.guard ? ` · ${l.guard}` : ''}, {t('assistant.confidence', { pct: Math.round(l.confidence * 100) })}):</Typography.Text> {l.reply}</div>
                    </li>
                  ))}
                </ol>
              ),
            }}
            columns={[
              { title: t('assistant.staff.id'), dataIndex: 'id' },
              { title: t('assistant.staff.createdAt'), render: (_, h) => formatInstant(h.createdAt, lang) },
              { title: t('assistant.staff.reason'), render: (_, h) => <Tag color={h.reason === 'threat' ? TAG.red : undefined}>{t(`assistant.staff.reasons.${h.reason}`)}</Tag> },
              { title: t('assistant.staff.customer'), dataIndex: 'customerId' },
              {
                title: t('assistant.staff.accounts'),
                render: (_, h) => <Space wrap>{h.accountRefs.map((r) => <Link key={r} to={`/accounts/${encodeURIComponent(r)}`}>{r}</Link>)}</Space>,
              },
              { title: t('assistant.staff.note'), render: (_, h) => h.note ?? '—' },
              {
                title: '',
                render: (_, h) => (h.status === 'open'
                  ? <Button size="small" onClick={() => close.mutate(h.id)} loading={close.isPending && close.variables === h.id}>{t('assistant.staff.close')}</Button>
                  : <Typography.Text type="secondary">{h.closedBy}</Typography.Text>),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
