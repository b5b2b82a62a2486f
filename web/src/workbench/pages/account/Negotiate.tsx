/**
 * 协商: the forms a collector or supervisor uses on an account — an instalment plan (with a preview
 * of its schedule and the policy's explanation before anything is committed), a deferral, a waiver
 * of one component and a settlement. Each request carries an idempotency key (a double click or a
 * retry asks once) and shows the server's answer at once: in effect within the maker's limit, or
 * waiting for a checker with who may approve it and by when. A 400 shows each message next to the
 * field it names. Who makes the request, and in which role, is the session's, never the form's.
 */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Space, Tabs, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, useLanguage } from '../../../shared/ui.tsx';
import { parseMajorToMinor } from '../../../shared/format.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import {
  commitPlan, previewPlan, requestDeferral, requestSettlement, requestWaiver, type ConcessionResult, type PlanPreview, type Waivable,
} from './api.ts';
import { ConcessionOutcome, ScheduleOf } from './Outcome.tsx';
import { fieldErrors } from './fields.ts';

const WAIVABLE: Waivable[] = ['interest', 'penalty', 'fees'];

interface Props {
  accountRef: string;
  currency: string;
}

export function Negotiate({ accountRef, currency }: Props) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="negotiate">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('casework.intro')}</Typography.Paragraph>
      <Tabs
        size="small"
        items={[
          { key: 'plan', label: t('casework.forms.plan'), children: <PlanForm accountRef={accountRef} currency={currency} /> },
          { key: 'deferral', label: t('casework.forms.deferral'), children: <DeferralForm accountRef={accountRef} currency={currency} /> },
          { key: 'waiver', label: t('casework.forms.waiver'), children: <WaiverForm accountRef={accountRef} currency={currency} /> },
          { key: 'settlement', label: t('casework.forms.settlement'), children: <SettlementForm accountRef={accountRef} currency={currency} /> },
        ]}
      />
    </Space>
  );
}

/** A request's mutation: its key, the answer, the account's lists refreshed, the fields the server named. */
function useRequest<V, B>(accountRef: string, form: ReturnType<typeof Form.useForm<V>>[0], fieldOf: Record<string, string>, send: (body: B, key: { 'idempotency-key': string }) => Promise<ConcessionResult>) {
  const client = useQueryClient();
  const keyOf = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: B) => send(body, { 'idempotency-key': keyOf(body) }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['concessions', accountRef] }),
        client.invalidateQueries({ queryKey: ['account', accountRef] }),
      ]);
    },
    onError: (err) => form.setFields(fieldErrors(err, fieldOf) as never),
  });
}

const reasonRules = (t: (k: string) => string) => [{ required: true, whitespace: true, message: t('casework.required') }, { max: 500, message: t('casework.tooLong') }];
const amountRule = (t: (k: string) => string) => ({
  validator: async (_: unknown, v: string | undefined) => {
    if (v && parseMajorToMinor(v) === null) throw new Error(t('casework.badAmount'));
  },
});

interface PlanValues {
  termCount: number;
  firstDueOn?: string;
  waive?: Waivable[];
  reason?: string;
}

function PlanForm({ accountRef, currency }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<PlanValues>();
  const fieldOf = { termCount: 'termCount', firstDueOn: 'firstDueOn', waive: 'waive', reason: 'reason' };
  const terms = (v: PlanValues) => ({ accountRef, termCount: v.termCount, ...(v.firstDueOn ? { firstDueOn: v.firstDueOn } : {}), ...(v.waive?.length ? { waive: v.waive } : {}) });
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const previewing = useMutation({
    mutationFn: (v: PlanValues) => previewPlan(terms(v)),
    onSuccess: (p) => setPreview(p),
    onError: (err) => {
      setPreview(null);
      form.setFields(fieldErrors(err, fieldOf) as never);
    },
  });
  const commit = useRequest(accountRef, form, fieldOf, commitPlan);
  const doPreview = async () => {
    const v = await form.validateFields(['termCount', 'firstDueOn', 'waive']).catch(() => null);
    if (v) previewing.mutate(v as PlanValues);
  };
  return (
    <Form<PlanValues>
      form={form}
      name="plan"
      layout="vertical"
      initialValues={{ termCount: 6 }}
      onValuesChange={() => setPreview(null)}
      onFinish={(v) => commit.mutate({ ...terms(v), reason: (v.reason ?? '').trim() })}
      data-testid="plan-form"
      style={{ maxWidth: 760 }}
    >
      <Space wrap align="start" size={16}>
        <Form.Item name="termCount" label={t('casework.plan.termCount')} rules={[{ required: true, message: t('casework.required') }]}>
          <InputNumber min={1} max={120} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="firstDueOn" label={t('casework.plan.firstDueOn')} extra={t('casework.plan.firstDueOnHelp')}>
          <Input type="date" style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Form.Item name="waive" label={t('casework.plan.waive')} extra={t('casework.plan.waiveHelp')}>
        <Checkbox.Group options={WAIVABLE.map((c) => ({ value: c, label: t(`components.${c}`) }))} />
      </Form.Item>
      <Space style={{ marginBottom: 16 }}>
        <Button onClick={() => void doPreview()} loading={previewing.isPending} data-testid="plan-preview">{t('casework.plan.preview')}</Button>
      </Space>
      {previewing.isError ? <div style={{ marginBottom: 16 }}><ErrorState error={previewing.error} /></div> : null}
      {preview ? (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="plan-preview-result">
          <Typography.Text strong>{t('casework.plan.previewTitle', { asOf: preview.asOf, policy: preview.policy })}</Typography.Text>
          <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="plan-preview-explanation">{preview.explanation[lang]}</Typography.Paragraph>
          <ScheduleOf r={preview.plan} currency={currency} testId="plan-preview-schedule" />
        </Space>
      ) : null}
      <Form.Item name="reason" label={t('casework.reason')} rules={reasonRules(t)}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={commit.isPending}>{t('casework.plan.submit')}</Button>
      <Result m={commit} currency={currency} />
    </Form>
  );
}

interface DeferralValues {
  months: number;
  hardshipKind?: string;
  hardshipReference?: string;
  reason?: string;
}

function DeferralForm({ accountRef, currency }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeferralValues>();
  const req = useRequest(accountRef, form, { months: 'months', hardship: 'hardshipReference', kind: 'hardshipKind', reference: 'hardshipReference', reason: 'reason' }, requestDeferral);
  const hardshipRule = (other: keyof DeferralValues) => ({ getFieldValue }: { getFieldValue: (n: keyof DeferralValues) => unknown }) => ({
    validator: async (_: unknown, v: string | undefined) => {
      if (!v?.trim() && String(getFieldValue(other) ?? '').trim()) throw new Error(t('casework.deferral.bothOrNeither'));
    },
  });
  return (
    <Form<DeferralValues>
      form={form}
      name="deferral"
      layout="vertical"
      initialValues={{ months: 1 }}
      onFinish={(v) =>
        req.mutate({
          accountRef, months: v.months, reason: (v.reason ?? '').trim(),
          ...(v.hardshipKind?.trim() && v.hardshipReference?.trim() ? { hardship: { kind: v.hardshipKind.trim(), reference: v.hardshipReference.trim() } } : {}),
        })}
      data-testid="deferral-form"
      style={{ maxWidth: 760 }}
    >
      <Form.Item name="months" label={t('casework.deferral.months')} rules={[{ required: true, message: t('casework.required') }]}>
        <InputNumber min={1} max={24} precision={0} style={{ width: 140 }} />
      </Form.Item>
      <Space wrap align="start" size={16}>
        <Form.Item name="hardshipKind" label={t('casework.deferral.hardshipKind')} dependencies={['hardshipReference']} rules={[hardshipRule('hardshipReference'), { max: 60, message: t('casework.tooLong') }]}>
          <Input placeholder={t('casework.deferral.hardshipKindExample')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="hardshipReference" label={t('casework.deferral.hardshipReference')} dependencies={['hardshipKind']} rules={[hardshipRule('hardshipKind'), { max: 200, message: t('casework.tooLong') }]}>
          <Input style={{ width: 280 }} />
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={t('casework.reason')} rules={reasonRules(t)}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={req.isPending}>{t('casework.deferral.submit')}</Button>
      <Result m={req} currency={currency} />
    </Form>
  );
}

interface WaiverValues {
  component: Waivable;
  amount?: string;
  reason?: string;
}

function WaiverForm({ accountRef, currency }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WaiverValues>();
  const req = useRequest(accountRef, form, { component: 'component', amountMinor: 'amount', reason: 'reason' }, requestWaiver);
  return (
    <Form<WaiverValues>
      form={form}
      name="waiver"
      layout="vertical"
      initialValues={{ component: 'penalty' }}
      onFinish={(v) => {
        const amountMinor = v.amount?.trim() ? parseMajorToMinor(v.amount) ?? undefined : undefined;
        req.mutate({ accountRef, component: v.component, reason: (v.reason ?? '').trim(), ...(amountMinor !== undefined ? { amountMinor } : {}) });
      }}
      data-testid="waiver-form"
      style={{ maxWidth: 760 }}
    >
      <Form.Item name="component" label={t('casework.waiver.component')} rules={[{ required: true, message: t('casework.required') }]}>
        <Radio.Group optionType="button" options={WAIVABLE.map((c) => ({ value: c, label: t(`components.${c}`) }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('casework.waiver.amount', { currency })} extra={t('casework.waiver.amountHelp')} rules={[amountRule(t)]}>
        <Input inputMode="decimal" autoComplete="off" style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="reason" label={t('casework.reason')} rules={reasonRules(t)}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={req.isPending}>{t('casework.waiver.submit')}</Button>
      <Result m={req} currency={currency} />
    </Form>
  );
}

interface SettlementValues {
  amount: string;
  payByOn?: string;
  reason?: string;
}

function SettlementForm({ accountRef, currency }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SettlementValues>();
  const req = useRequest(accountRef, form, { amountMinor: 'amount', payByOn: 'payByOn', reason: 'reason' }, requestSettlement);
  return (
    <Form<SettlementValues>
      form={form}
      name="settlement"
      layout="vertical"
      onFinish={(v) => req.mutate({ accountRef, amountMinor: parseMajorToMinor(v.amount)!, reason: (v.reason ?? '').trim(), ...(v.payByOn ? { payByOn: v.payByOn } : {}) })}
      data-testid="settlement-form"
      style={{ maxWidth: 760 }}
    >
      <Space wrap align="start" size={16}>
        <Form.Item name="amount" label={t('casework.settlement.amount', { currency })} rules={[{ required: true, message: t('casework.required') }, amountRule(t)]}>
          <Input inputMode="decimal" autoComplete="off" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="payByOn" label={t('casework.settlement.payByOn')} extra={t('casework.settlement.payByOnHelp')}>
          <Input type="date" style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={t('casework.reason')} rules={reasonRules(t)}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={req.isPending}>{t('casework.settlement.submit')}</Button>
      <Result m={req} currency={currency} />
    </Form>
  );
}

/** The answer of a request under its form: the outcome, or the server's error (fields named above). */
function Result({ m, currency }: { m: { isError: boolean; error: unknown; data: ConcessionResult | undefined }; currency: string }) {
  if (m.isError) return <div style={{ marginTop: 16 }}><ErrorState error={m.error} /></div>;
  if (m.data) return <div style={{ marginTop: 16 }}><ConcessionOutcome r={m.data} currency={currency} /></div>;
  return null;
}
