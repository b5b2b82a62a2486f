/**
 * 我要投诉: a complaint about a call, a message, an amount, an agency …, about one of my accounts or
 * none; the answer says by when it will be acknowledged and answered. An amount complaint also
 * opens a dispute, which pauses collection of that debt. Below: my complaints and where each stands.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { COMPLAINT_CATEGORIES, myComplaints, type Bilingual, type ComplaintCategory, type MyComplaint } from '../../shared/api/governance.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { useIdempotencyKey } from '../../shared/idempotency.ts';

interface Values {
  category: ComplaintCategory;
  accountRef?: string;
  summary: string;
}

export function ComplainPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('portal.complainTitle')} · ${t('app.portal')}`);
  const [params] = useSearchParams();
  const client = useQueryClient();
  const keyOf = useIdempotencyKey();
  const accounts = useQuery({ queryKey: ['my-accounts'], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts', { signal }) });
  const mine = useQuery({ queryKey: ['my-complaints'], queryFn: ({ signal }) => myComplaints(signal) });
  const [receipt, setReceipt] = useState<Bilingual | null>(null);
  const file = useMutation({
    mutationFn: (v: Values) => {
      const body = { category: v.category, summary: v.summary.trim(), ...(v.accountRef ? { accountRef: v.accountRef } : {}) };
      return api('POST /api/v1/portal/complaints', { headers: { 'idempotency-key': keyOf(body) }, body });
    },
    onSuccess: async (r) => {
      setReceipt(r.message);
      await client.invalidateQueries({ queryKey: ['my-complaints'] });
    },
  });
  const account = params.get('account') ?? undefined;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('portal.complainTitle')}</Typography.Title>
      <Typography.Paragraph>{t('portal.complainIntro')}</Typography.Paragraph>
      <Card>
        <Form<Values> layout="vertical" initialValues={{ accountRef: account }} onFinish={(v) => file.mutate(v)} data-testid="complaint-form">
          <Form.Item name="category" label={t('portal.category')} rules={[{ required: true, message: t('callForm.required') }]}>
            <Select aria-label={t('portal.category')} options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaintCategory.${c}`) }))} />
          </Form.Item>
          <Form.Item name="accountRef" label={t('portal.aboutAccount')}>
            <Select
              aria-label={t('portal.aboutAccount')}
              allowClear
              placeholder={t('portal.noAccountChosen')}
              options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.id }))}
            />
          </Form.Item>
          <Form.Item name="summary" label={t('portal.whatHappened')} rules={[{ required: true, whitespace: true, message: t('callForm.required') }]}>
            <Input.TextArea rows={5} maxLength={4000} showCount />
          </Form.Item>
          <div aria-live="polite">
            {receipt ? <Alert type="success" showIcon title={receipt[lang]} style={{ marginBottom: 12 }} data-testid="complaint-receipt" /> : null}
            {file.isError ? <div style={{ marginBottom: 12 }}><ErrorState error={file.error} /></div> : null}
          </div>
          <Button type="primary" htmlType="submit" size="large" block loading={file.isPending}>{t('portal.send')}</Button>
        </Form>
      </Card>
      <Typography.Title level={3} style={{ fontSize: 18 }}>{t('portal.myComplaints')}</Typography.Title>
      <QueryState query={mine}>
        {(d) => (
          <Table<MyComplaint>
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('portal.noComplaints') }}
            data-testid="my-complaints"
            columns={[
              { title: t('complaints.id'), dataIndex: 'id' },
              { title: t('complaints.category'), dataIndex: 'category', render: (c: string) => t(`complaintCategory.${c}`, { defaultValue: c }) },
              { title: t('complaints.status'), render: (_, c) => <Space wrap>{t(`complaintStatus.${c.status}`, { defaultValue: c.status })}{c.overdue ? <Tag color={TAG.red}>{t('complaints.overdue')}</Tag> : null}</Space> },
              { title: t('complaints.respondBy'), dataIndex: 'respondBy' },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
