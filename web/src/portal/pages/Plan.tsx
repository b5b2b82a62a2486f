/**
 * 申请分期或延期: the options this account qualifies for (POST /api/v1/portal/options: plans of 3, 6
 * and 12 instalments, a deferral, a promise to pay), each computed by the server within policy, with
 * its schedule and its explanation in the reader's language. The debtor picks one, may adjust it within
 * what the API takes (ask to waive the interest of a plan too; the amount and date of a promise), confirms,
 * and gets the answer at once: approved with the new schedule, or sent for approval with the date by
 * which it is answered (POST /api/v1/portal/accept).
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Collapse, Empty, Form, Input, Radio, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { acceptOption, portalOptions, type AcceptAnswer, type PortalChoice, type PortalOption, type Restructure } from '../../shared/api/self-service.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant, formatMoney, minorToDecimal, parseMajorToMinor } from '../../shared/format.ts';
import { useIdempotencyKey } from '../../shared/idempotency.ts';

/** The account picker the self-service pages share: the URL names the account. */
export function AccountPicker({ value, base }: { value: string; base: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accounts = useQuery({ queryKey: ['my-accounts'], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts', { signal }) });
  return (
    <QueryState query={accounts}>
      {(d) => d.items.length === 0 ? <Empty description={t('selfService.noAccounts')} /> : (
        <label style={{ display: 'block' }}>
          <span style={{ display: 'block', marginBottom: 4 }}>{t('selfService.chooseAccount')}</span>
          <Select
            style={{ width: '100%' }}
            size="large"
            aria-label={t('selfService.chooseAccount')}
            value={value || undefined}
            placeholder={t('selfService.chooseAccount')}
            onChange={(v: string) => void navigate(`${base}/${encodeURIComponent(v)}`)}
            options={d.items.map((a) => ({ value: a.id, label: t('portal.accountLine', { ref: a.id, product: a.product }) }))}
            data-testid="account-picker"
          />
        </label>
      )}
    </QueryState>
  );
}

export function ScheduleTable({ items, currency }: { items: ReadonlyArray<{ n: number; dueOn: string; amountMinor: number }>; currency: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Table
      size="small"
      rowKey="n"
      pagination={false}
      dataSource={[...items]}
      data-testid="schedule"
      columns={[
        { title: t('selfService.plan.colN'), dataIndex: 'n' },
        { title: t('selfService.plan.colDue'), dataIndex: 'dueOn' },
        { title: t('selfService.plan.colAmount'), align: 'right', render: (_, i) => <span className="num">{formatMoney(i.amountMinor, currency, lang)}</span> },
      ]}
    />
  );
}

const optionId = (o: PortalOption) => (o.choice.kind === 'plan' ? `plan:${o.choice.termCount}` : o.choice.kind);

export function PlanPage() {
  const { t } = useTranslation();
  useTitle(`${t('selfService.plan.title')} · ${t('app.portal')}`);
  const { ref = '' } = useParams();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('selfService.plan.title')}</Typography.Title>
      <Typography.Paragraph>{t('selfService.plan.intro')}</Typography.Paragraph>
      <AccountPicker value={ref} base="/plan" />
      {ref ? <Options accountRef={ref} key={ref} /> : null}
    </Space>
  );
}

function Options({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useQueryClient();
  const keyOf = useIdempotencyKey();
  const accounts = useQuery({ queryKey: ['my-accounts'], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts', { signal }) });
  const currency = accounts.data?.items.find((a) => a.id === accountRef)?.currency ?? 'CNY';
  const q = useQuery({ queryKey: ['portal-options', accountRef], queryFn: ({ signal }) => portalOptions(accountRef, signal) });
  const [picked, setPicked] = useState<string | null>(null);
  const [waiveInterest, setWaiveInterest] = useState(false);
  const [hardship, setHardship] = useState(false);
  const [promise, setPromise] = useState<{ amount: string; dueOn: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const accept = useMutation({
    mutationFn: (choice: PortalChoice) => acceptOption(accountRef, choice, keyOf({ accountRef, choice })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['my-requests'] });
      await client.invalidateQueries({ queryKey: ['my-accounts'] });
    },
  });
  if (accept.data) return <Answer answer={accept.data} currency={currency} />;
  return (
    <QueryState query={q}>
      {(d) => {
        const chosen = d.options.find((o) => optionId(o) === picked);
        const confirm = () => {
          setProblem(null);
          if (!chosen) return setProblem(t('selfService.plan.chooseFirst'));
          const c = chosen.choice;
          if (c.kind === 'plan') return accept.mutate({ kind: 'plan', termCount: c.termCount, ...(waiveInterest ? { waive: ['interest' as const] } : {}) });
          if (c.kind === 'deferral') {
            if (c.hardship !== undefined && !hardship) return setProblem(t('selfService.plan.hardshipRequired'));
            return accept.mutate({ kind: 'deferral', months: c.months, ...(hardship ? { hardship: { kind: 'declared', reference: 'portal' } } : {}) });
          }
          const p = promise ?? { amount: minorToDecimal(c.amountMinor), dueOn: c.dueOn };
          const minor = parseMajorToMinor(p.amount);
          if (minor === null) return setProblem(t('selfService.pay.amountInvalid'));
          return accept.mutate({ kind: 'promise', amountMinor: minor, dueOn: p.dueOn });
        };
        return (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('selfService.plan.asOf', { date: d.asOf })}</Typography.Text>
            {d.options.length === 0 ? <Alert type="info" showIcon title={t('selfService.plan.none')} /> : (
              <Radio.Group value={picked} onChange={(e) => setPicked(e.target.value as string)} style={{ width: '100%' }} aria-label={t('selfService.plan.title')}>
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  {d.options.map((o) => {
                    const id = optionId(o);
                    const r = 'restructure' in o.terms ? o.terms.restructure : null;
                    return (
                      <Card key={id} size="small" data-testid={`option-${id}`} style={{ borderColor: picked === id ? '#1d4ed8' : undefined }}>
                        <Radio value={id} style={{ fontWeight: 600 }}>
                          {o.choice.kind === 'plan' ? t('selfService.plan.optionPlan', { count: o.choice.termCount })
                            : o.choice.kind === 'deferral' ? t('selfService.plan.optionDeferral', { count: o.choice.months }) : t('selfService.plan.optionPromise')}
                        </Radio>
                        <Tag color={o.instant ? TAG.green : TAG.gold} style={{ marginInlineStart: 4 }}>{o.instant ? t('selfService.plan.instant') : t('selfService.plan.needsReview')}</Tag>
                        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 8 }} data-testid="option-explanation">{o.explanation[lang]}</Typography.Paragraph>
                        {r ? <PlanSchedule r={r} currency={currency} /> : null}
                        {picked === id && o.choice.kind === 'plan' ? (
                          <Checkbox checked={waiveInterest} onChange={(e) => setWaiveInterest(e.target.checked)}>{t('selfService.plan.askWaiveInterest')}</Checkbox>
                        ) : null}
                        {picked === id && o.choice.kind === 'deferral' ? (
                          <Checkbox checked={hardship} onChange={(e) => setHardship(e.target.checked)}>{t('selfService.plan.declareHardship')}</Checkbox>
                        ) : null}
                        {picked === id && o.choice.kind === 'promise' ? (
                          <PromiseFields min={o.choice.amountMinor} latest={o.choice.dueOn} currency={currency} value={promise ?? { amount: minorToDecimal(o.choice.amountMinor), dueOn: o.choice.dueOn }} onChange={setPromise} />
                        ) : null}
                      </Card>
                    );
                  })}
                </Space>
              </Radio.Group>
            )}
            {d.notOffered.length > 0 ? (
              <Collapse size="small" items={[{ key: 'n', label: t('selfService.plan.notOffered'), children: <ul style={{ margin: 0, paddingInlineStart: 18 }}>{d.notOffered.map((n) => <li key={n.kind}>{n.reason[lang]}</li>)}</ul> }]} />
            ) : null}
            <div aria-live="polite">
              {problem ? <Alert type="warning" showIcon role="alert" title={problem} style={{ marginBottom: 8 }} /> : null}
              {accept.isError ? <ErrorState error={accept.error} /> : null}
            </div>
            {d.options.length > 0 ? <Button type="primary" size="large" block loading={accept.isPending} onClick={confirm} data-testid="plan-confirm">{t('selfService.plan.confirm')}</Button> : null}
          </Space>
        );
      }}
    </QueryState>
  );
}

function PlanSchedule({ r, currency }: { r: Restructure; currency: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Collapse size="small" items={[{ key: 's', label: `${t('selfService.plan.schedule')} · ${t('selfService.plan.total', { amount: formatMoney(r.totalPayableMinor, currency, lang) })}`, children: <ScheduleTable items={r.items} currency={currency} /> }]} />
  );
}

function PromiseFields({ min, latest, currency, value, onChange }: { min: number; latest: string; currency: string; value: { amount: string; dueOn: string }; onChange: (v: { amount: string; dueOn: string }) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={t('selfService.plan.promiseAmount', { min: formatMoney(min, currency, lang) })} htmlFor="promise-amount" style={{ marginBottom: 8 }}>
        <Input id="promise-amount" inputMode="decimal" value={value.amount} onChange={(e) => onChange({ ...value, amount: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('selfService.plan.promiseDue', { date: latest })} htmlFor="promise-due" style={{ marginBottom: 0 }}>
        <Input id="promise-due" type="date" max={latest} value={value.dueOn} onChange={(e) => onChange({ ...value, dueOn: e.target.value })} />
      </Form.Item>
    </Form>
  );
}

function Answer({ answer, currency }: { answer: AcceptAnswer; currency: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const toRequests = <Link to="/requests" key="r"><Button type="primary" size="large">{t('selfService.plan.toRequests')}</Button></Link>;
  if (answer.kind === 'promise') {
    return <Result status="success" title={t('selfService.plan.promiseSaved', { amount: formatMoney(answer.promise.amountMinor, currency, lang), date: answer.promise.dueOn })} extra={[toRequests]} data-testid="plan-answer" />;
  }
  const c = answer.concession;
  const items = 'restructure' in c.terms ? c.terms.restructure.items : [];
  if (c.status === 'active') {
    return (
      <div aria-live="polite" data-testid="plan-answer" data-status="active">
        <Result status="success" title={t('selfService.plan.approved')} subTitle={t('selfService.plan.approvedFrom', { date: c.effectiveOn ?? '' })} extra={[toRequests]} />
        <Typography.Paragraph>{c.explanation[lang]}</Typography.Paragraph>
        {items.length > 0 ? <ScheduleTable items={items} currency={currency} /> : null}
      </div>
    );
  }
  return (
    <div aria-live="polite" data-testid="plan-answer" data-status="pending_approval">
      <Result status="info" title={t('selfService.plan.pending')} subTitle={t('selfService.plan.pendingBy', { when: formatInstant(c.approval?.slaDueAt, lang) })} extra={[toRequests]} />
      <Typography.Paragraph>{c.explanation[lang]}</Typography.Paragraph>
    </div>
  );
}
