/**
 * 金额异议: the debtor disputes a debt of theirs; collection of it stops until it has been checked.
 * Below: my disputes and their status.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { myDisputes, type Bilingual, type MyDispute } from '../../shared/api/governance.ts';
import { ErrorState, QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';
import { useIdempotencyKey } from '../../shared/idempotency.ts';

interface Values {
  accountRef: string;
  reason: string;
}

export function DisputePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('portal.disputeTitle')} · ${t('app.portal')}`);
  const [params] = useSearchParams();
  const client = useQueryClient();
  const keyOf = useIdempotencyKey();
  const accounts = useQuery({ queryKey: ['my-accounts'], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts', { signal }) });
  const mine = useQuery({ queryKey: ['my-disputes'], queryFn: ({ signal }) => myDisputes(signal) });
  const [receipt, setReceipt] = useState<Bilingual | null>(null);
  const open = useMutation({
    mutationFn: (v: Values) => {
      const body = { accountRef: v.accountRef, reason: v.reason.trim() };
      return api('POST /api/v1/portal/disputes', { headers: { 'idempotency-key': keyOf(body) }, body });
    },
    onSuccess: async (r) => {
      setReceipt(r.message);
      await client.invalidateQueries({ queryKey: ['my-disputes'] });
    },
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('portal.disputeTitle')}</Typography.Title>
      <Typography.Paragraph>{t('portal.disputeIntro')}</Typography.Paragraph>
      <Card>
        <Form<Values> layout="vertical" initialValues={{ accountRef: params.get('account') ?? undefined }} onFinish={(v) => open.mutate(v)} data-testid="dispute-form">
          <Form.Item name="accountRef" label={t('portal.whichAccount')} rules={[{ required: true, message: t('callForm.required') }]}>
            <Select aria-label={t('portal.whichAccount')} options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.id }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('portal.disputeReason')} rules={[{ required: true, whitespace: true, message: t('callForm.required') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <div aria-live="polite">
            {receipt ? <Alert type="success" showIcon title={receipt[lang]} style={{ marginBottom: 12 }} data-testid="dispute-receipt" /> : null}
            {open.isError ? <div style={{ marginBottom: 12 }}><ErrorState error={open.error} /></div> : null}
          </div>
          <Button type="primary" htmlType="submit" size="large" block loading={open.isPending}>{t('portal.send')}</Button>
        </Form>
      </Card>
      <Typography.Title level={3} style={{ fontSize: 18 }}>{t('portal.myDisputes')}</Typography.Title>
      <QueryState query={mine}>
        {(d) => (
          <Table<MyDispute>
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('portal.noDisputes') }}
            data-testid="my-disputes"
            columns={[
              { title: t('complaints.account'), dataIndex: 'accountRef' },
              { title: t('complaints.status'), dataIndex: 'status', render: (s: string) => t(`disputeStatus.${s}`, { defaultValue: s }) },
              { title: t('portal.openedAt'), render: (_, d) => formatInstant(d.openedAt, lang) },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
