/**
 * 征信异议: the debtor disputes what was reported to a credit bureau about one of their accounts
 * (POST /api/v1/portal/bureau-disputes): the months (optional: every month reported) and why. The
 * answer says when it was received and by when it will be answered in writing; meanwhile the reported
 * information is marked as disputed.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { openBureauDispute } from '../../shared/api/self-service.ts';
import { ErrorState, QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { useIdempotencyKey } from '../../shared/idempotency.ts';

interface Values {
  accountRef: string;
  periods?: string;
  reason: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const monthsOf = (text: string | undefined) => (text ?? '').split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);

export function CreditReportPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('selfService.credit.title')} · ${t('app.portal')}`);
  const [params] = useSearchParams();
  const keyOf = useIdempotencyKey();
  const accounts = useQuery({ queryKey: ['my-accounts'], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts', { signal }) });
  const [receipt, setReceipt] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: Values) => {
      const body = { accountRef: v.accountRef, reason: v.reason.trim(), periods: monthsOf(v.periods) };
      return openBureauDispute(body, keyOf(body));
    },
    onSuccess: (r) => setReceipt(r.message[lang]),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('selfService.credit.title')}</Typography.Title>
      <Typography.Paragraph>{t('selfService.credit.intro')}</Typography.Paragraph>
      <Card>
        <QueryState query={accounts}>
          {(d) => (
            <Form<Values> layout="vertical" initialValues={{ accountRef: params.get('account') ?? undefined }} onFinish={(v) => send.mutate(v)} data-testid="credit-form">
              <Form.Item name="accountRef" label={t('portal.whichAccount')} rules={[{ required: true, message: t('callForm.required') }]}>
                <Select aria-label={t('portal.whichAccount')} options={d.items.map((a) => ({ value: a.id, label: a.id }))} />
              </Form.Item>
              <Form.Item name="periods" label={t('selfService.credit.periods')} extra={t('selfService.credit.periodsHelp')}
                rules={[{ validator: async (_, v: string | undefined) => { if (monthsOf(v).some((m) => !MONTH.test(m))) throw new Error(t('selfService.credit.periodsInvalid')); } }]}>
                <Input placeholder="2026-02, 2026-03" />
              </Form.Item>
              <Form.Item name="reason" label={t('selfService.credit.reason')} rules={[{ required: true, whitespace: true, message: t('callForm.required') }]}>
                <Input.TextArea rows={4} maxLength={2000} showCount />
              </Form.Item>
              <div aria-live="polite">
                {receipt ? <Alert type="success" showIcon title={t('selfService.credit.received')} description={receipt} style={{ marginBottom: 12 }} data-testid="credit-receipt" /> : null}
                {send.isError ? <div style={{ marginBottom: 12 }}><ErrorState error={send.error} /></div> : null}
              </div>
              <Button type="primary" htmlType="submit" size="large" block loading={send.isPending}>{t('selfService.credit.send')}</Button>
            </Form>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
