/**
 * One complaint: what was complained about, its SLA clocks, and — for those who decide complaints —
 * acknowledging it and closing it with a status, an outcome that fits it, remedies when upheld, and
 * a note. The server checks the decision again and names the field it refuses.
 */
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { complaint, OUTCOMES_BY_STATUS, REMEDIES, type ClosingStatus, type Complaint, type OutcomeCode, type Remedy } from '../../shared/api/governance.ts';
import { ErrorState, QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';
import { hasAnyRole, useSession } from '../../shared/session.ts';
import { SCREEN_ROLES } from '../../shared/access.ts';
import { useIdempotencyKey } from '../../shared/idempotency.ts';
import { SlaTag } from './Complaints.tsx';

export function ComplaintPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { id = '' } = useParams();
  const n = Number(id);
  useTitle(`${t('complaints.number', { id })} · ${t('app.workbench')}`);
  const session = useSession();
  const decides = hasAnyRole(session, SCREEN_ROLES.complaintDecisions);
  const q = useQuery({ queryKey: ['complaint', n], queryFn: ({ signal }) => complaint(n, signal) });
  return (
    <>
      <Typography.Paragraph><Link to="/complaints">{t('complaints.back')}</Link></Typography.Paragraph>
      <Typography.Title level={2}>{t('complaints.number', { id })}</Typography.Title>
      <QueryState query={q}>
        {(c) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card>
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="complaint-detail">
                <Descriptions.Item label={t('complaints.status')}><span data-testid="complaint-status">{t(`complaintStatus.${c.status}`, { defaultValue: c.status })}</span></Descriptions.Item>
                <Descriptions.Item label={t('complaints.sla')}><SlaTag c={c} /></Descriptions.Item>
                <Descriptions.Item label={t('complaints.category')}>{t(`complaintCategory.${c.category}`, { defaultValue: c.category })}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.channel')}>{t(`complaintChannel.${c.channel}`, { defaultValue: c.channel })}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.customer')}>{c.customerId}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.account')}>{c.accountRef ? <Link to={`/accounts/${encodeURIComponent(c.accountRef)}`}>{c.accountRef}</Link> : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.receivedAt')}>{formatInstant(c.receivedAt, lang)}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.jurisdiction')}>{c.jurisdiction}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.acknowledgeBy')}>{c.acknowledgeBy}{c.acknowledgedOn ? ` (${t('complaints.acknowledgedOn', { date: c.acknowledgedOn })})` : ''}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.respondBy')}>{c.respondBy}{c.extended ? ` (${t('complaints.extended')})` : ''}</Descriptions.Item>
                {c.disputeId !== null ? <Descriptions.Item label={t('complaints.dispute')}>{t('complaints.disputeLine', { id: c.disputeId, status: t(`disputeStatus.${c.disputeStatus ?? ''}`, { defaultValue: c.disputeStatus ?? '' }) })}</Descriptions.Item> : null}
                {c.contactReferences.length > 0 ? <Descriptions.Item label={t('complaints.contacts')}>{c.contactReferences.join(', ')}</Descriptions.Item> : null}
                {c.closedOn ? <Descriptions.Item label={t('complaints.closedOn')}>{c.closedOn}</Descriptions.Item> : null}
                {c.outcome ? <Descriptions.Item label={t('complaints.outcome')}><span data-testid="complaint-outcome">{t(`complaintOutcome.${c.outcome}`, { defaultValue: c.outcome })}</span></Descriptions.Item> : null}
                {c.remedies.length > 0 ? <Descriptions.Item label={t('complaints.remedies')}>{c.remedies.map((r) => t(`remedy.${r}`, { defaultValue: r })).join('、')}</Descriptions.Item> : null}
              </Descriptions>
              <Typography.Title level={3} style={{ fontSize: 16 }}>{t('complaints.summary')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</Typography.Paragraph>
              {c.resolutionNote ? (
                <>
                  <Typography.Title level={3} style={{ fontSize: 16 }}>{t('complaints.note')}</Typography.Title>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.resolutionNote}</Typography.Paragraph>
                </>
              ) : null}
            </Card>
            {decides && c.sla.stage !== 'closed' ? <Decide c={c} /> : null}
          </Space>
        )}
      </QueryState>
    </>
  );
}

interface ResolveValues {
  status: ClosingStatus;
  outcome: OutcomeCode;
  remedies: Remedy[];
  note: string;
}

function Decide({ c }: { c: Complaint }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const ackKey = useIdempotencyKey();
  const resolveKey = useIdempotencyKey();
  const [form] = Form.useForm<ResolveValues>();
  const status = Form.useWatch('status', form) ?? 'resolved';
  const outcome = Form.useWatch('outcome', form);
  const upheld = outcome === 'upheld' || outcome === 'partly_upheld';
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['complaint', c.id] }), client.invalidateQueries({ queryKey: ['sla-board'] }), client.invalidateQueries({ queryKey: ['complaints'] })]);
  const ack = useMutation({
    mutationFn: () => api('POST /api/v1/complaints/{id}/acknowledge', { path: { id: c.id }, headers: { 'idempotency-key': ackKey(c.id) } }),
    onSuccess: async () => {
      void message.success(t('complaints.acknowledged'));
      await refresh();
    },
  });
  const resolve = useMutation({
    mutationFn: (v: ResolveValues) => {
      const body = { status: v.status, outcome: v.outcome, remedies: upheld ? (v.remedies ?? []) : [], note: v.note.trim() };
      return api('POST /api/v1/complaints/{id}/resolve', { path: { id: c.id }, headers: { 'idempotency-key': resolveKey(body) }, body });
    },
    onSuccess: async () => {
      void message.success(t('complaints.closed'));
      await refresh();
    },
  });
  return (
    <Card title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('complaints.decide')}</Typography.Title>}>
      {c.acknowledgedOn === null ? (
        <Space orientation="vertical" style={{ marginBottom: 16 }}>
          <Button onClick={() => ack.mutate()} loading={ack.isPending} data-testid="acknowledge">{t('complaints.acknowledge')}</Button>
          {ack.isError ? <ErrorState error={ack.error} /> : null}
        </Space>
      ) : null}
      <Form<ResolveValues>
        form={form}
        layout="vertical"
        initialValues={{ status: 'resolved', remedies: [] }}
        onValuesChange={(changed: Partial<ResolveValues>) => {
          if (changed.status) form.setFieldValue('outcome', undefined);
        }}
        onFinish={(v) => resolve.mutate(v)}
        data-testid="resolve-form"
      >
        <Form.Item name="status" label={t('complaints.closeAs')} rules={[{ required: true, message: t('callForm.required') }]}>
          <Radio.Group optionType="button" options={(['resolved', 'rejected', 'referred'] as const).map((s) => ({ value: s, label: t(`complaintStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item name="outcome" label={t('complaints.outcome')} rules={[{ required: true, message: t('callForm.required') }]}>
          <Select
            aria-label={t('complaints.outcome')}
            options={OUTCOMES_BY_STATUS[status].map((o) => ({ value: o, label: t(`complaintOutcome.${o}`) }))}
            style={{ maxWidth: 360 }}
          />
        </Form.Item>
        {upheld ? (
          <Form.Item name="remedies" label={t('complaints.remedies')} extra={t('complaints.remediesHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('complaints.remediesHelp') }]}>
            <Checkbox.Group options={REMEDIES.map((r) => ({ value: r, label: t(`remedy.${r}`) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('complaints.note')} rules={[{ required: true, whitespace: true, message: t('callForm.required') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        {resolve.isError ? <div style={{ marginBottom: 12 }}><ErrorState error={resolve.error} /></div> : null}
        <Button type="primary" htmlType="submit" loading={resolve.isPending}>{t('complaints.close')}</Button>
      </Form>
    </Card>
  );
}
