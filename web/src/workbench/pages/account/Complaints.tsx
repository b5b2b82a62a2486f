/**
 * The account's complaints (with their SLA clock and a link to the complaint's page) and disputes
 * of the debt, and a form to open a dispute on the debtor's behalf (a hotline call, a letter): from
 * that moment the compliance gate holds collection on the account until the dispute is settled.
 */
import { Alert, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Complaint } from '../../../shared/api/governance.ts';
import { ErrorState, QueryState, TAG, useLanguage } from '../../../shared/ui.tsx';
import { formatInstant } from '../../../shared/format.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { accountComplaints, accountDisputes, openDispute, type Dispute } from './api.ts';
import { fieldErrors } from './fields.ts';

const ACTIVE_DISPUTE = ['open', 'pending', 'verification_sent', 'verified'];

export function ComplaintsAndDisputes({ accountRef, canOpenDispute }: { accountRef: string; canOpenDispute: boolean }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('casework.complaints.title')}</Typography.Title>
      <ComplaintList accountRef={accountRef} />
      <Typography.Title level={4} style={{ margin: 0 }}>{t('casework.disputes.title')}</Typography.Title>
      <DisputeList accountRef={accountRef} />
      {canOpenDispute ? <OpenDispute accountRef={accountRef} /> : null}
    </Space>
  );
}

function ComplaintList({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const q = useQuery({ queryKey: ['complaints', 'account', accountRef], queryFn: ({ signal }) => accountComplaints(accountRef, signal) });
  return (
    <QueryState query={q}>
      {(d) => (
        <Table<Complaint>
          size="small"
          rowKey="id"
          dataSource={d.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('casework.complaints.empty') }}
          data-testid="account-complaints"
          columns={[
            { title: t('casework.complaints.id'), dataIndex: 'id', render: (id: number) => <Link to={`/complaints/${id}`} aria-label={t('casework.complaints.open', { id })}>#{id}</Link> },
            { title: t('casework.complaints.category'), dataIndex: 'category', render: (c: string) => t(`complaintCategory.${c}`, { defaultValue: c }) },
            { title: t('casework.complaints.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(`complaintStatus.${s}`, { defaultValue: s })}</Tag> },
            { title: t('casework.complaints.received'), render: (_, c) => formatInstant(c.receivedAt, lang) },
            {
              title: t('casework.complaints.slaDue'),
              render: (_, c) =>
                c.sla.stage === 'closed' ? t('casework.complaints.closedOn', { date: c.closedOn ?? '—' }) : (
                  <Space wrap size={4}>
                    {t('casework.complaints.dueLine', { stage: t(`complaintStage.${c.sla.stage}`, { defaultValue: c.sla.stage }), date: c.sla.dueOn ?? '—' })}
                    {c.sla.overdue ? <Tag color={TAG.red}>{t('casework.complaints.overdue')}</Tag> : c.sla.dueSoon ? <Tag color={TAG.orange}>{t('casework.complaints.dueSoon')}</Tag> : null}
                  </Space>
                ),
            },
            { title: t('casework.complaints.summary'), dataIndex: 'summary', ellipsis: true },
          ]}
        />
      )}
    </QueryState>
  );
}

function DisputeList({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const q = useQuery({ queryKey: ['disputes', 'account', accountRef], queryFn: ({ signal }) => accountDisputes(accountRef, signal) });
  return (
    <QueryState query={q}>
      {(d) => (
        <>
          {d.items.some((x) => ACTIVE_DISPUTE.includes(x.status)) ? <Alert type="warning" showIcon title={t('casework.disputes.held')} style={{ marginBottom: 12 }} /> : null}
          <Table<Dispute>
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('casework.disputes.empty') }}
            data-testid="account-disputes"
            columns={[
              { title: t('casework.disputes.id'), dataIndex: 'id', render: (id: number) => `#${id}` },
              { title: t('casework.disputes.status'), dataIndex: 'status', render: (s: string) => <Tag color={ACTIVE_DISPUTE.includes(s) ? TAG.orange : undefined}>{t(`disputeStatus.${s}`, { defaultValue: s })}</Tag> },
              { title: t('casework.disputes.reason'), dataIndex: 'reason' },
              { title: t('casework.disputes.opened'), render: (_, x) => `${formatInstant(x.openedAt, lang)}${x.openedBy ? ` · ${x.openedBy.replace(/^user:/, '')}` : ''}` },
              { title: t('casework.disputes.closed'), render: (_, x) => formatInstant(x.closedAt, lang) },
              {
                title: t('casework.disputes.complaint'), dataIndex: 'complaintId',
                render: (id: number | null) => (id === null ? '—' : <Link to={`/complaints/${id}`} aria-label={t('casework.complaints.open', { id })}>#{id}</Link>),
              },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}

function OpenDispute({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const keyOf = useIdempotencyKey();
  const open = useMutation({
    mutationFn: (reason: string) => {
      const body = { accountRef, reason };
      return openDispute(body, { 'idempotency-key': keyOf(body) });
    },
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['disputes', 'account', accountRef] });
    },
    onError: (err) => form.setFields(fieldErrors(err, { reason: 'reason' }) as never),
  });
  return (
    <Form form={form} name="dispute" layout="vertical" onFinish={(v) => open.mutate(v.reason.trim())} data-testid="dispute-form" style={{ maxWidth: 760 }}>
      <Typography.Title level={5}>{t('casework.disputes.openTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('casework.disputes.openHelp')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('casework.disputes.reasonLabel')} rules={[{ required: true, whitespace: true, message: t('casework.required') }, { max: 2000, message: t('casework.tooLong') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={open.isPending}>{t('casework.disputes.submit')}</Button>
      {open.isError ? <div style={{ marginTop: 12 }}><ErrorState error={open.error} /></div> : null}
      {open.data ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="dispute-opened"
          title={open.data.created ? t('casework.disputes.openedDone', { id: open.data.disputeId }) : t('casework.disputes.joined', { id: open.data.disputeId })}
        />
      ) : null}
    </Form>
  );
}
