/**
 * One account placed with the reader's agency: what is owed (GET /api/v1/agency/accounts/:ref), the
 * masked customer, the contact history, the compliance gate's answer on calling now (POST
 * .../call-check: the decision, and why) and the call outcome form (POST .../call-outcomes, as the
 * reader, who is one of the agency's collectors).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  agencyAccount, agencyAccountContacts, agencyCallCheck, agencyCallOutcome, type AgencyContactRow, type CallVerdict, type PlacedAccountDetail,
} from '../../../shared/api/supervision.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { formatInstant, formatMoney, parseMajorToMinor } from '../../../shared/format.ts';
import { ErrorState, QueryState, TAG, useLanguage } from '../../../shared/ui.tsx';
import { useSession } from '../../../shared/session.ts';

const OUTCOMES = ['rpc', 'ptp', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'refused', 'dispute', 'hardship', 'third_party', 'deceased'] as const;
type Outcome = (typeof OUTCOMES)[number];

export function AgencyAccountPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const ref = useParams().ref ?? '';
  const account = useQuery({ queryKey: ['agency-account', ref], queryFn: ({ signal }) => agencyAccount(ref, signal) });
  return (
    <section aria-labelledby="agency-account-title">
      <Typography.Paragraph><Link to="/agency">{t('agencyWork.back')}</Link></Typography.Paragraph>
      <Typography.Title level={3} id="agency-account-title">{t('agencyWork.accountTitle', { ref })}</Typography.Title>
      <QueryState query={account}>
        {(a) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('agencyWork.debt')}</Typography.Title>}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 3 }}
                data-testid="agency-account"
                items={[
                  { key: 'customer', label: t('agencyWork.customer'), children: <span data-testid="agency-customer">{a.customer.name}</span> },
                  { key: 'id', label: t('agencyWork.idNumber'), children: <span data-testid="agency-id-number">{a.customer.idNumberMasked ?? '—'}</span> },
                  { key: 'region', label: t('agencyWork.region'), children: <span data-testid="agency-region">{a.customer.region ?? '—'}</span> },
                  { key: 'language', label: t('agencyWork.language'), children: a.customer.language },
                  { key: 'jurisdiction', label: t('agencyWork.jurisdiction'), children: a.customer.jurisdiction },
                  { key: 'bucket', label: t('agencyWork.bucket'), children: `${a.bucket} · ${t('agencyWork.dpdDays', { count: a.dpd })}` },
                  { key: 'overdue', label: t('agencyWork.overdue'), children: <span className="num">{formatMoney(a.overdueMinor, a.currency, lang)}</span> },
                  { key: 'outstanding', label: t('agencyWork.outstanding'), children: <span className="num">{formatMoney(a.outstandingMinor, a.currency, lang)}</span> },
                  { key: 'placed', label: t('agencyWork.placedOn'), children: `${a.placedOn} → ${a.recallDueOn}` },
                  { key: 'principal', label: t('agencyWork.principal'), children: <span className="num">{formatMoney(a.owed.principalMinor, a.currency, lang)}</span> },
                  { key: 'interest', label: t('agencyWork.interest'), children: <span className="num">{formatMoney(a.owed.interestMinor, a.currency, lang)}</span> },
                  { key: 'penalty', label: t('agencyWork.penalty'), children: <span className="num">{formatMoney(a.owed.penaltyMinor, a.currency, lang)}</span> },
                  { key: 'fees', label: t('agencyWork.fees'), children: <span className="num">{formatMoney(a.owed.feesMinor, a.currency, lang)}</span> },
                ]}
              />
            </Card>
            <CallCheck account={a} />
            <CallOutcome account={a} />
            <Contacts accountRef={a.accountRef} />
          </Space>
        )}
      </QueryState>
    </section>
  );
}

function Contacts({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const contacts = useQuery({ queryKey: ['agency-contacts', accountRef], queryFn: ({ signal }) => agencyAccountContacts(accountRef, signal) });
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('agencyWork.contacts')}</Typography.Title>}>
      <QueryState query={contacts}>
        {(c) => (
          <Table<AgencyContactRow>
            size="small"
            rowKey={(r, i) => `${r.at}-${i}`}
            dataSource={c.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('agencyWork.noContacts') }}
            data-testid="agency-contacts"
            columns={[
              { title: t('agencyWork.at'), dataIndex: 'at', render: (v: string) => formatInstant(v, lang) },
              { title: t('agencyWork.channel'), dataIndex: 'channel', render: (v: string) => t(`channel.${v}`, { defaultValue: v }) },
              { title: t('agencyWork.outcome'), dataIndex: 'outcome', render: (v: string) => t(`agencyWork.historyOutcome.${v}`, { defaultValue: v }) },
              { title: t('agencyWork.by'), render: (_, r) => (r.collectorId ? `${r.initiatorId} · ${r.collectorId}` : t(`agencyWork.initiator.${r.initiatorKind}`, { defaultValue: r.initiatorKind })) },
              { title: t('agencyWork.contactPoint'), dataIndex: 'contactPoint', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

const decisionColour = (d: CallVerdict['decision']) => (d === 'allow' ? TAG.green : d === 'deny' ? TAG.red : TAG.orange);

function CallCheck({ account }: { account: PlacedAccountDetail }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<{ contactPoint: string; callerNumber: string }>();
  const check = useMutation({ mutationFn: (v: { contactPoint: string; callerNumber: string }) => agencyCallCheck(account.accountRef, { contactPoint: v.contactPoint.trim(), callerNumber: v.callerNumber.trim() }) });
  const v = check.data;
  const reasons = v
    ? [
      ...v.trace.filter((x) => v.denyingRules.includes(x.ruleId)).map((x) => ({ key: `deny-${x.ruleId}`, kind: 'deny' as const, rule: x.ruleId, text: x.reason[lang] })),
      ...v.requiredActions.map((x) => ({ key: `act-${x.ruleId}`, kind: 'action' as const, rule: x.ruleId, text: x.reason[lang] })),
      ...v.flags.map((x) => ({ key: `flag-${x.ruleId}`, kind: 'flag' as const, rule: x.ruleId, text: x.reason[lang] })),
    ]
    : [];
  const required = { required: true, message: t('supervision.required') };
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('agencyWork.callCheck')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('agencyWork.callCheckHelp')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(x) => check.mutate(x)} initialValues={{ contactPoint: account.customer.phones[0] ?? '', callerNumber: '' }} data-testid="call-check-form">
        <Form.Item name="contactPoint" label={t('agencyWork.contactPoint')} rules={[required]}>
          {account.customer.phones.length > 0 ? (
            <Select style={{ width: 200 }} options={account.customer.phones.map((p) => ({ value: p, label: p }))} aria-label={t('agencyWork.contactPoint')} />
          ) : <Input style={{ width: 200 }} />}
        </Form.Item>
        <Form.Item name="callerNumber" label={t('agencyWork.callerNumber')} rules={[required]} extra={t('agencyWork.callerNumberHelp')}>
          <Input style={{ width: 200 }} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" loading={check.isPending} data-testid="run-call-check">{t('agencyWork.check')}</Button></Form.Item>
      </Form>
      {check.isError ? <div style={{ marginTop: 12 }}><ErrorState error={check.error} /></div> : null}
      {v ? (
        <Alert
          style={{ marginTop: 12 }}
          type={v.decision === 'allow' ? 'success' : v.decision === 'deny' ? 'error' : 'warning'}
          showIcon
          role="status"
          data-testid="call-verdict"
          data-decision={v.decision}
          title={<span><Tag color={decisionColour(v.decision)}>{t(`decision.${v.decision}`)}</Tag>{t('agencyWork.verdictAt', { at: formatInstant(v.now, lang), jurisdiction: v.jurisdiction })}</span>}
          description={
            <>
              {v.nextAllowedAt ? <div>{t('agencyWork.nextAllowed', { at: formatInstant(v.nextAllowedAt, lang) })}</div> : null}
              {reasons.length === 0 ? <div>{t('agencyWork.noReasons')}</div> : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="verdict-reasons">
                  {reasons.map((r) => <li key={r.key}>{`${t(`agencyWork.reasonKind.${r.kind}`)} · ${r.rule}: ${r.text}`}</li>)}
                </ul>
              )}
            </>
          }
        />
      ) : null}
    </Card>
  );
}

interface OutcomeValues { outcome: Outcome; contactPoint: string; amount?: string; dueOn?: string; note?: string }

function CallOutcome({ account }: { account: PlacedAccountDetail }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const session = useSession();
  const collectorId = session?.principal.userId ?? '';
  const [form] = Form.useForm<OutcomeValues>();
  const outcome = Form.useWatch('outcome', form);
  const keyFor = useIdempotencyKey();
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: OutcomeValues) => {
      const promise = v.outcome === 'ptp' ? { amountMinor: parseMajorToMinor(v.amount ?? '')!, dueOn: v.dueOn! } : undefined;
      const body = { collectorId, outcome: v.outcome, contactPoint: v.contactPoint.trim(), note: v.note ?? '', ...(promise ? { promise } : {}) };
      return agencyCallOutcome(account.accountRef, body, keyFor({ ref: account.accountRef, body }));
    },
    onSuccess: async (r) => {
      const next = t(`nextAction.${r.nextAction}`, { defaultValue: r.nextAction });
      const promise = r.promise ? t('callForm.savedPromise', { amount: formatMoney(r.promise.amountMinor, r.promise.currency, lang), dueOn: r.promise.dueOn }) : '';
      const text = `${t('callForm.saved', { next })}${promise}`;
      setSaved(text);
      void message.success(text);
      form.resetFields(['note', 'amount', 'dueOn']);
      await client.invalidateQueries({ queryKey: ['agency-contacts', account.accountRef] });
    },
  });
  const required = { required: true, message: t('callForm.required') };
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('agencyWork.recordOutcome')}</Typography.Title>}>
      <Form<OutcomeValues> form={form} layout="vertical" onFinish={(v) => { setSaved(null); save.mutate(v); }} initialValues={{ outcome: 'rpc', contactPoint: account.customer.phones[0] ?? '' }} data-testid="agency-outcome-form">
        <Form.Item name="outcome" label={t('callForm.outcome')} rules={[required]}>
          <Radio.Group optionType="button" options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
        </Form.Item>
        <Form.Item name="contactPoint" label={t('callForm.contactPoint')} extra={t('callForm.contactPointHelp')} rules={[required, { min: 3, message: t('callForm.tooShort') }]}>
          <Input autoComplete="off" inputMode="tel" style={{ maxWidth: 280 }} />
        </Form.Item>
        {outcome === 'ptp' ? (
          <Space wrap size="large">
            <Form.Item
              name="amount"
              label={t('callForm.promiseAmount', { currency: account.currency })}
              extra={t('callForm.promiseAmountHelp')}
              rules={[required, { validator: async (_, x: string | undefined) => { if (x && parseMajorToMinor(x) === null) throw new Error(t('callForm.badAmount')); } }]}
            >
              <Input inputMode="decimal" autoComplete="off" />
            </Form.Item>
            <Form.Item name="dueOn" label={t('callForm.promiseDueOn')} rules={[required]}><Input type="date" /></Form.Item>
          </Space>
        ) : null}
        <Form.Item name="note" label={t('callForm.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        {save.isError ? <ErrorState error={save.error} /> : null}
        {saved ? <Alert type="success" showIcon role="status" title={saved} data-testid="agency-outcome-saved" style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!collectorId}>{t('callForm.submit')}</Button>
      </Form>
    </Card>
  );
}
