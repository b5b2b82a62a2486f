/**
 * The approvals inbox: concessions (waivers, settlements, plans, deferrals) above their maker's limit
 * wait here for a supervisor, the one whose approval deadline comes first first. Approve or reject
 * with a note; the server refuses a checker who is the maker or lacks the role.
 */
import { useState } from 'react';
import { App, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { pendingConcessions, type PendingConcession } from '../../shared/api/governance.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant, formatMoney } from '../../shared/format.ts';
import { useIdempotencyKey } from '../../shared/idempotency.ts';

type Verb = 'approve' | 'reject';

export function ApprovalsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('approvals.title')} · ${t('app.workbench')}`);
  const q = useQuery({ queryKey: ['concessions-pending'], queryFn: ({ signal }) => pendingConcessions(signal) });
  const [deciding, setDeciding] = useState<{ c: PendingConcession; verb: Verb } | null>(null);
  return (
    <>
      <Typography.Title level={2}>{t('approvals.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('approvals.intro')}</Typography.Paragraph>
      <QueryState query={q}>
        {(d) => (
          <Table<PendingConcession>
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('approvals.empty') }}
            data-testid="approvals-table"
            columns={[
              { title: t('approvals.id'), dataIndex: 'id' },
              { title: t('approvals.account'), dataIndex: 'accountRef', render: (r: string) => <Link to={`/accounts/${encodeURIComponent(r)}`}>{r}</Link> },
              { title: t('approvals.kind'), dataIndex: 'kind', render: (k: string) => t(`concessionKind.${k}`, { defaultValue: k }) },
              { title: t('approvals.amount'), align: 'right', render: (_, c) => <span className="num">{formatMoney(c.concessionMinor, c.currency, lang)}</span> },
              { title: t('approvals.maker'), render: (_, c) => `${c.maker} (${t(`role.${c.makerRole}`, { defaultValue: c.makerRole })})` },
              { title: t('approvals.reason'), dataIndex: 'reason' },
              { title: t('approvals.requestedAt'), render: (_, c) => formatInstant(c.requestedAt, lang) },
              {
                title: t('approvals.due'),
                render: (_, c) => (c.slaDueAt ? <Space>{formatInstant(c.slaDueAt, lang)}{c.slaOverdue ? <Tag color={TAG.red}>{t('approvals.overdue')}</Tag> : null}</Space> : '—'),
              },
              {
                title: '',
                render: (_, c) => (
                  <Space>
                    <Button size="small" type="primary" onClick={() => setDeciding({ c, verb: 'approve' })}>{t('approvals.approve')}</Button>
                    <Button size="small" danger onClick={() => setDeciding({ c, verb: 'reject' })}>{t('approvals.reject')}</Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {deciding ? <Decision {...deciding} onDone={() => setDeciding(null)} /> : null}
    </>
  );
}

function Decision({ c, verb, onDone }: { c: PendingConcession; verb: Verb; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const keyOf = useIdempotencyKey();
  const decide = useMutation({
    mutationFn: () => {
      const body = note.trim() ? { note: note.trim() } : {};
      const req = { path: { id: c.id }, headers: { 'idempotency-key': keyOf({ verb, id: c.id, body }) }, body };
      return verb === 'approve' ? api('POST /api/v1/concessions/{id}/approve', req) : api('POST /api/v1/concessions/{id}/reject', req);
    },
    onSuccess: async () => {
      void message.success(t(verb === 'approve' ? 'approvals.approved' : 'approvals.rejected', { id: c.id }));
      await client.invalidateQueries({ queryKey: ['concessions-pending'] });
      onDone();
    },
  });
  return (
    <Modal
      open
      title={t(verb === 'approve' ? 'approvals.approveTitle' : 'approvals.rejectTitle', { id: c.id, ref: c.accountRef })}
      onCancel={onDone}
      onOk={() => decide.mutate()}
      okText={t(verb === 'approve' ? 'approvals.approve' : 'approvals.reject')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: decide.isPending, danger: verb === 'reject' }}
    >
      <label htmlFor="decision-note">{t('approvals.note')}</label>
      <Input.TextArea id="decision-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      {decide.isError ? <div style={{ marginTop: 12 }}><ErrorState error={decide.error} /></div> : null}
    </Modal>
  );
}
