/**
 * One account: what is owed by component with how each part was computed (every charge with its
 * period, base and rate; every reduction), the schedule, the DPD and bucket history, each planned or
 * sent contact with the compliance verdicts it got, and the call records (催记); and the casework of
 * ./account/: the negotiation forms, the concessions, the promises to pay, complaints and disputes.
 */
import { Button, Card, Descriptions, Drawer, Empty, Input, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { accountContacts, type AccountContact, type StoredVerdict } from '../../shared/api/contacts.ts';
import { QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatBpPercent, formatInstant, formatMoney, formatPpmPercent } from '../../shared/format.ts';
import { bucketColour } from './Accounts.tsx';
import { hasAnyRole, useSession } from '../../shared/session.ts';
import { Negotiate } from './account/Negotiate.tsx';
import { CallOutcomeForm } from './Queue.tsx';
import { Concessions } from './account/Concessions.tsx';
import { Promises } from './account/Promises.tsx';
import { ComplaintsAndDisputes } from './account/Complaints.tsx';
import { COMPLAINT_READERS, DISPUTE_OPENERS, NEGOTIATORS } from './account/roles.ts';

type Detail = ResponseOf<'GET /api/v1/accounts/{id}'>;
type Explanation = Detail['explain']['principal'];
type Charge = Explanation['charges'][number];
type Reduction = Explanation['reductions'][number];
type ScheduleItem = Detail['schedule'][number];
type CallRecord = ResponseOf<'GET /api/v1/accounts/{ref}/call-records'>['items'][number];

export const COMPONENTS = ['principal', 'interest', 'penalty', 'fees', 'credit'] as const;
type Component = (typeof COMPONENTS)[number];
const BALANCE_OF: Record<Component, keyof Detail['balances']> = {
  principal: 'principalMinor', interest: 'interestMinor', penalty: 'penaltyMinor', fees: 'feesMinor', credit: 'creditMinor',
};

export function AccountPage() {
  const { ref = '' } = useParams();
  const { t } = useTranslation();
  useTitle(`${t('account.title', { ref })} · ${t('app.workbench')}`);
  const session = useSession();
  const [params, setParams] = useSearchParams();
  // The account as of a past date: the ledger derives balances, DPD and bucket for any date.
  const asOf = params.get('asOf') ?? '';
  const detail = useQuery({
    queryKey: ['account', ref, asOf],
    queryFn: ({ signal }) => api('GET /api/v1/accounts/{id}', { path: { id: ref }, query: { asOf: asOf || undefined }, signal }),
  });
  return (
    <>
      <Typography.Title level={2}>{t('account.title', { ref })}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="as-of">{t('account.asOfLabel')}</label>
        <Input id="as-of" type="date" value={asOf} max={detail.data?.closedThrough} onChange={(e) => setParams(e.target.value ? { asOf: e.target.value } : {})} style={{ width: 180 }} />
        {asOf ? <Button onClick={() => setParams({})}>{t('account.asOfLatest')}</Button> : null}
      </Space>
      <QueryState query={detail}>
        {(d) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Header d={d} />
            <Owed d={d} />
            <Tabs
              items={[
                { key: 'schedule', label: t('account.tabs.schedule'), children: <Schedule d={d} /> },
                { key: 'timeline', label: t('account.tabs.timeline'), children: <BucketTimeline d={d} /> },
                { key: 'contacts', label: t('account.tabs.contacts'), children: <Contacts refId={d.id} /> },
                { key: 'calls', label: t('account.tabs.calls'), children: <Calls refId={d.id} currency={d.currency} openCaseId={d.cases.find((c) => c.status === 'open')?.id} /> },
                // Negotiation, promises, complaints and disputes (./account/): each shown to the roles its routes let through.
                ...(hasAnyRole(session, NEGOTIATORS) ? [{ key: 'negotiate', label: t('casework.tabs.negotiate'), children: <Negotiate accountRef={d.id} currency={d.currency} /> }] : []),
                { key: 'concessions', label: t('casework.tabs.concessions'), children: <Concessions accountRef={d.id} /> },
                { key: 'promises', label: t('casework.tabs.promises'), children: <Promises accountRef={d.id} /> },
                ...(hasAnyRole(session, COMPLAINT_READERS)
                  ? [{ key: 'complaints', label: t('casework.tabs.complaints'), children: <ComplaintsAndDisputes accountRef={d.id} canOpenDispute={hasAnyRole(session, DISPUTE_OPENERS)} /> }]
                  : []),
              ]}
            />
          </Space>
        )}
      </QueryState>
    </>
  );
}

function Header({ d }: { d: Detail }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, lg: 4 }}
      items={[
        { key: 'c', label: t('account.customer'), children: d.customerId },
        { key: 'p', label: t('account.product'), children: d.product },
        { key: 'cur', label: t('account.currency'), children: d.currency },
        { key: 'b', label: t('account.bucket'), children: <Tag color={bucketColour(d.bucket)} data-testid="account-bucket">{d.bucket}</Tag> },
        { key: 'dpd', label: t('account.dpd'), children: <span data-testid="account-dpd">{d.dpd}</span> },
        { key: 'as', label: t('account.asOf'), children: d.asOf },
        { key: 'o', label: t('account.openedOn'), children: d.openedOn },
        { key: 'ct', label: t('account.closedThrough'), children: d.closedThrough },
      ]}
    />
  );
}

function Owed({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const money = (m: number) => formatMoney(m, d.currency, lang);
  const rows = COMPONENTS.map((c) => ({ component: c, balanceMinor: d.balances[BALANCE_OF[c]], ex: d.explain[c] }));
  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('account.owedTitle')}</Typography.Title>} data-testid="owed">
      <Table
        size="small"
        rowKey="component"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        expandable={{
          expandedRowRender: (r) => <HowComputed ex={r.ex} currency={d.currency} />,
          rowExpandable: (r) => r.ex.charges.length > 0 || r.ex.reductions.length > 0,
        }}
        columns={[
          { title: t('account.component'), dataIndex: 'component', render: (c: Component) => t(`components.${c}`) },
          { title: t('account.balance'), align: 'right', render: (_, r) => <strong className="num" data-testid={`owed-${r.component}`}>{money(r.balanceMinor)}</strong> },
          { title: t('account.charged'), align: 'right', render: (_, r) => <span className="num">{money(r.ex.chargedMinor)}</span> },
          { title: t('account.reduced'), align: 'right', render: (_, r) => <span className="num">{money(r.ex.reducedMinor)}</span> },
          { title: t('account.capped'), align: 'right', render: (_, r) => <span className="num">{money(r.ex.cappedMinor)}</span> },
        ]}
        summary={() => (
          <>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}><strong>{t('account.total')}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><strong className="num" data-testid="owed-total">{money(d.balances.totalMinor)}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={3} />
            </Table.Summary.Row>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>{t('account.overdue')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><span className="num" data-testid="owed-overdue">{money(d.balances.overdueMinor)}</span></Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={3} />
            </Table.Summary.Row>
          </>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {d.costCap.annualBp === null
          ? t('account.noCostCap')
          : t('account.costCap', { rate: formatBpPercent(d.costCap.annualBp), charged: money(d.costCap.chargedMinor), capped: money(d.costCap.cappedMinor) })}
      </Typography.Paragraph>
    </Card>
  );
}

export function HowComputed({ ex, currency }: { ex: Explanation; currency: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const money = (m: number) => formatMoney(m, currency, lang);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="how-computed">
      <Typography.Text strong>{t('account.charges')}</Typography.Text>
      <Table<Charge>
        size="small"
        pagination={ex.charges.length > 20 ? { pageSize: 20, size: 'small' } : false}
        rowKey={(c) => `${c.kind}:${c.itemSeq}:${c.fromDate}:${c.ratePpm}:${c.baseMinor}`}
        dataSource={ex.charges}
        locale={{ emptyText: t('account.noCharges') }}
        scroll={{ x: true }}
        columns={[
          { title: t('account.chargeKind'), dataIndex: 'kind', render: (k: string) => t(`entryKind.${k}`, { defaultValue: k }) },
          { title: t('account.item'), dataIndex: 'itemSeq', render: (s: number | null) => s ?? '—' },
          { title: t('account.period'), render: (_, c) => (c.fromDate === c.toDate ? c.fromDate : `${c.fromDate} → ${c.toDate}`) },
          {
            title: t('account.howComputed'),
            render: (_, c) =>
              c.baseMinor !== null && c.ratePpm !== null
                ? t('account.formula', { days: c.days, base: money(c.baseMinor), rate: formatPpmPercent(c.ratePpm) })
                : t('account.fixedCharge'),
          },
          { title: t('account.amount'), align: 'right', render: (_, c) => <span className="num">{money(c.amountMinor)}</span> },
          { title: t('account.capped'), align: 'right', render: (_, c) => <span className="num">{money(c.cappedMinor)}</span> },
        ]}
      />
      <Typography.Text strong>{t('account.reductions')}</Typography.Text>
      <Table<Reduction>
        size="small"
        pagination={ex.reductions.length > 20 ? { pageSize: 20, size: 'small' } : false}
        rowKey={(r) => `${r.kind}:${r.itemSeq}:${r.valueDate}:${r.amountMinor}`}
        dataSource={ex.reductions}
        locale={{ emptyText: t('account.noReductions') }}
        columns={[
          { title: t('account.chargeKind'), dataIndex: 'kind', render: (k: string) => t(`entryKind.${k}`, { defaultValue: k }) },
          { title: t('account.valueDate'), dataIndex: 'valueDate' },
          { title: t('account.item'), dataIndex: 'itemSeq', render: (s: number | null) => s ?? '—' },
          { title: t('account.amount'), align: 'right', render: (_, r) => <span className="num">{money(r.amountMinor)}</span> },
        ]}
      />
    </Space>
  );
}

function Schedule({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const money = (m: number) => formatMoney(m, d.currency, lang);
  return (
    <Table<ScheduleItem>
      size="small"
      rowKey="seq"
      dataSource={d.schedule}
      pagination={false}
      scroll={{ x: true }}
      data-testid="schedule"
      columns={[
        { title: t('account.schedule.seq'), dataIndex: 'seq' },
        { title: t('account.schedule.kind'), dataIndex: 'kind', render: (k: string) => t(`itemKind.${k}`, { defaultValue: k }) },
        { title: t('account.schedule.dueOn'), dataIndex: 'dueOn' },
        { title: t('account.schedule.principalDue'), align: 'right', render: (_, s) => <span className="num">{money(s.principalDueMinor)}</span> },
        { title: t('account.schedule.interestDue'), align: 'right', render: (_, s) => <span className="num">{money(s.interestDueMinor)}</span> },
        { title: t('account.schedule.minimumDue'), align: 'right', render: (_, s) => <span className="num">{money(s.minimumDueMinor)}</span> },
        { title: t('account.schedule.paid'), align: 'right', render: (_, s) => <span className="num">{money(s.principalPaidMinor + s.interestPaidMinor)}</span> },
        {
          title: t('account.schedule.penaltyFees'), align: 'right',
          render: (_, s) => <span className="num">{money(s.penaltyChargedMinor + s.feesChargedMinor)}</span>,
        },
        { title: t('account.schedule.settledOn'), dataIndex: 'settledOn', render: (v: string | null) => v ?? '—' },
        { title: t('account.schedule.dpd'), dataIndex: 'dpd', align: 'right' },
      ]}
    />
  );
}

function BucketTimeline({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const colour = (m: string) => (m === 'roll_forward' ? TAG.red : m === 'cure' ? TAG.green : TAG.blue);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="bucket-timeline">
      {d.bucketHistory.length === 0 ? (
        <Empty description={t('account.timeline.noChanges')} />
      ) : (
        <Timeline
          items={d.bucketHistory.map((h) => ({
            key: `${h.onDate}:${h.toBucket}`,
            color: colour(h.movement),
            content: (
              <>
                <strong>{h.onDate}</strong> · <Tag color={colour(h.movement)}>{t(`movement.${h.movement}`, { defaultValue: h.movement })}</Tag>
                {t('account.timeline.movement', { from: h.fromBucket, to: h.toBucket, dpd: h.dpd })}
              </>
            ),
          }))}
        />
      )}
      <Typography.Title level={4}>{t('account.timeline.cases')}</Typography.Title>
      {d.cases.length === 0 ? <Empty description={t('common.empty')} /> : (
        <ul>
          {d.cases.map((c) => (
            <li key={c.id}>
              {t('account.timeline.caseLine', { id: c.id, status: c.status, openedOn: c.openedOn, maxDpd: c.maxDpd })}
              {c.closedOn ? t('account.timeline.closedOn', { closedOn: c.closedOn, reason: c.closeReason ?? '—' }) : null}
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}

function Verdict({ label, v, testId }: { label: string; v: StoredVerdict | null; testId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (!v) return <div>{label}: <Tag>{t('account.contacts.notChecked')}</Tag></div>;
  const allowed = v.decision === 'allow' || v.decision === 'allow_with_flag';
  return (
    <div data-testid={testId}>
      {label}: <Tag color={allowed ? TAG.green : TAG.red} data-testid="verdict-decision">{allowed ? t('account.contacts.allowed') : t('account.contacts.blocked')}</Tag>
      {v.decision === 'allow_with_flag' || v.decision === 'require_action' ? <Typography.Text type="secondary">{t(`decision.${v.decision}`)}</Typography.Text> : null}
      {v.denyingRules.length > 0 ? (
        <div>
          {t('account.contacts.denyingRules')}: {v.denyingRules.map((r) => <Tag key={r} color={TAG.red}>{r}</Tag>)}
          {(v.trace ?? []).filter((e) => e.outcome === 'fail').map((e) => (
            <div key={`${e.ruleId}:${e.check ?? ''}`}><Typography.Text type="secondary">{e.ruleId}: {e.reason[lang]}</Typography.Text></div>
          ))}
          {v.reason ? <div><Typography.Text type="secondary">{t('account.contacts.reason')}: {v.reason}</Typography.Text></div> : null}
        </div>
      ) : null}
      {(v.requiredActions ?? []).length > 0 ? (
        <div>{t('account.contacts.requiredActions')}: {v.requiredActions!.map((a) => <Tag key={a.ruleId} color={TAG.orange}>{a.ruleId}: {a.reason[lang]}</Tag>)}</div>
      ) : null}
      {(v.flags ?? []).length > 0 ? (
        <div>{t('account.contacts.flags')}: {v.flags!.map((f) => <Tag key={f.ruleId} color={TAG.gold}>{f.ruleId}: {f.reason[lang]}</Tag>)}</div>
      ) : null}
      {v.passed && v.passed.length > 0 ? (
        <details>
          <summary>{t('account.contacts.passedRules', { count: v.passed.length })}</summary>
          <div>{v.passed.map((p) => <Tag key={p}>{p}</Tag>)}</div>
        </details>
      ) : null}
    </div>
  );
}

function ContactItem({ c }: { c: AccountContact }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div data-testid="contact-item">
      <Space wrap>
        <strong>{formatInstant(c.sentAt ?? c.scheduledAt, lang)}</strong>
        <Tag>{t(`channel.${c.channel}`, { defaultValue: c.channel })}</Tag>
        <Tag color={c.status === 'blocked' ? TAG.red : c.status === 'sent' || c.status === 'delivered' ? TAG.green : TAG.blue}>{t(`status.${c.status}`, { defaultValue: c.status })}</Tag>
        {c.template ? <Typography.Text type="secondary">{t('account.contacts.template')}: {c.template}</Typography.Text> : null}
        {c.verifyCode ? <Typography.Text copyable={{ text: c.verifyCode }}>{t('account.contacts.verifyCode')}: <code>{c.verifyCode}</code></Typography.Text> : null}
        {c.strategyRow ? <Typography.Text type="secondary">{t('account.contacts.strategy', { version: c.strategyVersion ?? '—', row: c.strategyRow })}</Typography.Text> : null}
      </Space>
      <Verdict label={t('account.contacts.plan')} v={c.planVerdict} testId="plan-verdict" />
      {c.dispatchVerdict ? <Verdict label={t('account.contacts.dispatch')} v={c.dispatchVerdict} testId="dispatch-verdict" /> : null}
      {c.text ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{c.text}</Typography.Paragraph> : null}
    </div>
  );
}

function Contacts({ refId }: { refId: string }) {
  const { t } = useTranslation();
  const contacts = useQuery({ queryKey: ['account-contacts', refId], queryFn: ({ signal }) => accountContacts(refId, signal) });
  return (
    <QueryState query={contacts}>
      {(items) =>
        items.length === 0 ? <Empty description={t('account.contacts.none')} /> : (
          <Timeline
            data-testid="contact-timeline"
            items={items.map((c) => ({
              key: c.reference,
              color: c.status === 'blocked' || c.planDecision === 'deny' || c.dispatchDecision === 'deny' ? TAG.red : TAG.green,
              content: <ContactItem c={c} />,
            }))}
          />
        )
      }
    </QueryState>
  );
}

function Calls({ refId, currency, openCaseId }: { refId: string; currency: string; openCaseId: number | undefined }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const session = useSession();
  const [recording, setRecording] = useState(false);
  const calls = useQuery({ queryKey: ['call-records', refId], queryFn: ({ signal }) => api('GET /api/v1/accounts/{ref}/call-records', { path: { ref: refId }, signal }) });
  // A collector records a call (催记) on the account's open case as themselves; the server takes the
  // case's lock first and refuses while another collector holds it.
  const collectorId = session && session.principal.roles.includes('collector') ? session.principal.userId : null;
  return (
    <>
      {collectorId && openCaseId !== undefined ? (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setRecording(true)} data-testid="record-call">{t('account.calls.record')}</Button>
        </Space>
      ) : null}
      <Drawer open={recording} onClose={() => setRecording(false)} size="large" title={t('callForm.title', { ref: refId })} destroyOnHidden>
        {recording && collectorId && openCaseId !== undefined ? (
          <CallOutcomeForm item={{ caseId: openCaseId, accountRef: refId, currency }} collectorId={collectorId} onDone={() => setRecording(false)} />
        ) : null}
      </Drawer>
      <QueryState query={calls}>
        {(r) => (
          <Table<CallRecord>
            size="small"
            rowKey="id"
            dataSource={r.items}
            pagination={false}
            locale={{ emptyText: t('account.calls.none') }}
            scroll={{ x: true }}
            data-testid="call-records"
            columns={[
              { title: t('account.calls.at'), dataIndex: 'at', render: (v: string) => formatInstant(v, lang) },
              { title: t('account.calls.collector'), dataIndex: 'collectorId' },
              { title: t('account.calls.contactPoint'), dataIndex: 'contactPoint' },
              { title: t('account.calls.outcome'), dataIndex: 'outcome', render: (o: string) => t(`outcome.${o}`, { defaultValue: o }) },
              { title: t('account.calls.nextAction'), render: (_, c) => `${t(`nextAction.${c.nextAction}`, { defaultValue: c.nextAction })}${c.nextActionOn ? ` · ${c.nextActionOn}` : ''}` },
              { title: t('account.calls.note'), dataIndex: 'note' },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
