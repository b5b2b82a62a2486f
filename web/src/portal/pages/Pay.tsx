/**
 * 还款 (sandbox): pay any amount up to what is owed on one of my accounts. The amount starts at what
 * is overdue; the method is a sandbox card or sandbox Alipay, labelled as test money everywhere, since
 * no real processor is behind them. Confirming posts the payment to the ledger (POST
 * /api/v1/portal/payments) with an idempotency key, so a double click pays once; what I owe then updates.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Space, Statistic, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { ErrorState, QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatMoney, minorToDecimal, parseMajorToMinor } from '../../shared/format.ts';
import { useIdempotencyKey } from '../../shared/idempotency.ts';
import { AccountPicker } from './Plan.tsx';

type Account = ResponseOf<'GET /api/v1/portal/accounts'>['items'][number];
type Method = 'sandbox_card' | 'sandbox_alipay';

export function PayPage() {
  const { t } = useTranslation();
  useTitle(`${t('selfService.pay.title')} · ${t('app.portal')}`);
  const { ref = '' } = useParams();
  const accounts = useQuery({ queryKey: ['my-accounts'], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts', { signal }) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('selfService.pay.title')}</Typography.Title>
      <Alert type="warning" showIcon title={t('selfService.pay.sandboxTitle')} description={t('selfService.pay.sandboxText')} data-testid="sandbox-banner" />
      <AccountPicker value={ref} base="/pay" />
      {ref ? (
        <QueryState query={accounts}>
          {(d) => {
            const a = d.items.find((x) => x.id === ref);
            return a ? <PayForm a={a} key={a.id} /> : <Alert type="warning" showIcon role="alert" title={t('portal.accountNotFound')} />;
          }}
        </QueryState>
      ) : null}
    </Space>
  );
}

function PayForm({ a }: { a: Account }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useQueryClient();
  const keyOf = useIdempotencyKey();
  const owed = a.balances.totalMinor;
  const [amount, setAmount] = useState(minorToDecimal(a.balances.overdueMinor > 0 ? a.balances.overdueMinor : owed));
  const [method, setMethod] = useState<Method>('sandbox_card');
  const [problem, setProblem] = useState<string | null>(null);
  const pay = useMutation({
    mutationFn: (body: { accountRef: string; amountMinor: number; method: Method }) => api('POST /api/v1/portal/payments', { headers: { 'idempotency-key': keyOf(body) }, body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['my-accounts'] });
      await client.invalidateQueries({ queryKey: ['my-account', a.id] });
    },
  });
  const minor = parseMajorToMinor(amount);
  const submit = () => {
    setProblem(null);
    if (minor === null) return setProblem(t('selfService.pay.amountInvalid'));
    if (minor > owed) return setProblem(t('selfService.pay.amountTooMuch', { max: formatMoney(owed, a.currency, lang) }));
    pay.mutate({ accountRef: a.id, amountMinor: minor, method });
  };
  if (pay.data) {
    const r = pay.data;
    return (
      <div aria-live="polite" data-testid="pay-done">
        <Result
          status="success"
          title={t('selfService.pay.done', { amount: formatMoney(r.amountMinor, r.currency, lang) })}
          subTitle={t('selfService.pay.doneText', { ref: r.accountRef, date: r.valueDate, providerRef: r.providerRef, owed: formatMoney(r.owedAfterMinor, r.currency, lang) })}
        />
        <Typography.Paragraph type="secondary">{t('selfService.pay.statementNote')}</Typography.Paragraph>
      </div>
    );
  }
  if (owed <= 0) return <Alert type="success" showIcon title={t('selfService.pay.nothingOwed')} />;
  return (
    <Card>
      <Space wrap size={24} style={{ marginBottom: 12 }}>
        <Statistic title={t('selfService.pay.owedNow')} value={formatMoney(owed, a.currency, lang)} data-testid="pay-owed" />
        <Statistic title={t('selfService.pay.overdueNow')} value={formatMoney(a.balances.overdueMinor, a.currency, lang)} />
      </Space>
      <Form layout="vertical" onFinish={submit} data-testid="pay-form">
        <Form.Item label={t('selfService.pay.amount')} htmlFor="pay-amount" extra={t('selfService.pay.amountHelp')}>
          <Input id="pay-amount" size="large" inputMode="decimal" prefix={a.currency} value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('selfService.pay.method')}>
          <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as Method)} aria-label={t('selfService.pay.method')}>
            <Space orientation="vertical">
              <Radio value="sandbox_card">{t('selfService.pay.sandboxCard')}</Radio>
              <Radio value="sandbox_alipay">{t('selfService.pay.sandboxAlipay')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <div aria-live="polite">
          {problem ? <Alert type="warning" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
          {pay.isError ? <div style={{ marginBottom: 12 }}><ErrorState error={pay.error} /></div> : null}
        </div>
        <Button type="primary" htmlType="submit" size="large" block loading={pay.isPending} data-testid="pay-confirm">
          {t('selfService.pay.confirm', { amount: minor === null ? '' : formatMoney(minor, a.currency, lang) })}
        </Button>
      </Form>
    </Card>
  );
}
