/**
 * Agencies (委外机构): each with its status, recall policy and commission tiers, its scorecard over a
 * period (GET /api/v1/agencies/:id/scorecard), the commission statement of a month (GET
 * /api/v1/agencies/:id/statements/:month), and the placement rules that share accounts out among
 * them (GET and PUT /api/v1/placement-rules).
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agencies as listAgencies, placementRules, savePlacementRule, scorecard, statement, type Agency, type PlacementRule } from '../../../shared/api/supervision.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { formatBpPercent, formatMoney, minorToDecimal } from '../../../shared/format.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../../shared/ui.tsx';
import { daysBefore, listOf, monthOf, showFieldErrors, useBusinessDate } from './shared.tsx';

const statusColour = (s: Agency['status']) => (s === 'active' ? TAG.green : s === 'suspended' ? TAG.orange : TAG.red);

export function AgenciesPage() {
  const { t } = useTranslation();
  useTitle(`${t('supervision.nav.agencies')} · ${t('supervision.title')}`);
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: ({ signal }) => listAgencies(signal) });
  const businessDate = useBusinessDate();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period = { from: from || (businessDate ? daysBefore(businessDate, 29) : ''), to: to || businessDate || '' };
  return (
    <section aria-labelledby="agencies-title">
      <Typography.Title level={3} id="agencies-title">{t('supervision.nav.agencies')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="scorecard-from">{t('supervision.agencies.from')}</label>
        <Input id="scorecard-from" type="date" value={period.from} onChange={(e) => setFrom(e.target.value)} style={{ width: 170 }} />
        <label htmlFor="scorecard-to">{t('supervision.agencies.to')}</label>
        <Input id="scorecard-to" type="date" value={period.to} onChange={(e) => setTo(e.target.value)} style={{ width: 170 }} />
      </Space>
      <QueryState query={agencies}>
        {(a) =>
          a.items.length === 0 ? <Empty description={t('supervision.agencies.empty')} /> : (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {a.items.map((agency) => <AgencyCard key={agency.id} agency={agency} period={period} />)}
            </Space>
          )
        }
      </QueryState>
      <Statement agencies={agencies.data?.items ?? []} defaultMonth={businessDate ? monthOf(businessDate) : ''} />
      <Rules agencies={agencies.data?.items ?? []} />
    </section>
  );
}

function AgencyCard({ agency, period }: { agency: Agency; period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const ready = period.from !== '' && period.to !== '';
  const card = useQuery({
    queryKey: ['agency-scorecard', agency.id, period.from, period.to],
    enabled: ready,
    queryFn: ({ signal }) => scorecard(agency.id, period, signal),
  });
  return (
    <Card
      size="small"
      data-testid={`agency-${agency.id}`}
      title={<span>{agency.name} <Typography.Text type="secondary">({agency.id})</Typography.Text></span>}
      extra={<Tag color={statusColour(agency.status)}>{t(`supervision.agencyStatus.${agency.status}`)}</Tag>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'maxDays', label: t('supervision.agencies.maxDaysPlaced'), children: t('common.days', { count: agency.maxDaysPlaced }) },
          { key: 'complaints', label: t('supervision.agencies.complaintThreshold'), children: agency.complaintThresholdPer10k ?? '—' },
          { key: 'qa', label: t('supervision.agencies.minQaScore'), children: agency.minQaScore ?? '—' },
          { key: 'breach', label: t('supervision.agencies.breachAction'), children: t(`supervision.breachAction.${agency.breachAction}`) },
          {
            key: 'commission',
            label: t('supervision.agencies.commission'),
            children: `${t(`supervision.commissionBasis.${agency.commission.basis}`)}: ${agency.commission.tiers.map((tier) => `≥${agency.commission.basis === 'recovery_rate' ? formatBpPercent(tier.from) : tier.from} → ${formatBpPercent(tier.rateBp)}`).join('; ')}`,
          },
          { key: 'ips', label: t('supervision.agencies.ipAllowList'), children: agency.ipAllowList.join(', ') || '—' },
        ]}
      />
      <Typography.Title level={4} style={{ fontSize: 15, marginTop: 12 }}>{t('supervision.agencies.scorecard', period)}</Typography.Title>
      {!ready ? null : (
        <QueryState query={card}>
          {(s) => (
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 4 }}
              data-testid={`scorecard-${agency.id}`}
              items={[
                { key: 'placed', label: t('supervision.agencies.placedAccounts'), children: s.placedAccounts },
                { key: 'new', label: t('supervision.agencies.newPlacements'), children: s.newPlacements },
                { key: 'base', label: t('supervision.agencies.base'), children: <span className="num">{minorToDecimal(s.baseMinor)}</span> },
                { key: 'recovered', label: t('supervision.agencies.recovered'), children: <span className="num">{minorToDecimal(s.recoveredMinor)}</span> },
                { key: 'rate', label: t('supervision.agencies.recoveryRate'), children: formatBpPercent(s.recoveryRateBp) },
                { key: 'contacts', label: t('supervision.agencies.contacts'), children: s.contacts },
                { key: 'complaints', label: t('supervision.agencies.complaints'), children: `${s.complaints} (${s.complaintsPer10k ?? '—'} / 10k)` },
                { key: 'qa', label: t('supervision.agencies.qaScore'), children: s.qaScore ?? '—' },
                {
                  key: 'recalls',
                  label: t('supervision.agencies.recalls'),
                  children: Object.entries(s.recalls).filter(([, n]) => n > 0).map(([k, n]) => `${t(`supervision.recallReason.${k}`)} ${n}`).join(' · ') || '0',
                },
              ]}
            />
          )}
        </QueryState>
      )}
    </Card>
  );
}

/** The commission statement of one agency and month: each placement that recovered money, its tier rate and commission. */
function Statement({ agencies, defaultMonth }: { agencies: Agency[]; defaultMonth: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [agencyId, setAgencyId] = useState('');
  const [month, setMonth] = useState('');
  const id = agencyId || agencies[0]?.id || '';
  const m = month || defaultMonth;
  const st = useQuery({ queryKey: ['agency-statement', id, m], enabled: id !== '' && /^\d{4}-\d{2}$/.test(m), queryFn: ({ signal }) => statement(id, m, signal) });
  if (agencies.length === 0) return null;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('supervision.statement.title')}</Typography.Title>} style={{ marginTop: 16 }} size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="statement-agency">{t('supervision.statement.agency')}</label>
        <Select id="statement-agency" aria-label={t('supervision.statement.agency')} value={id} onChange={(v: string) => setAgencyId(v)} style={{ width: 240 }} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        <label htmlFor="statement-month">{t('supervision.statement.month')}</label>
        <Input id="statement-month" type="month" value={m} onChange={(e) => setMonth(e.target.value)} style={{ width: 170 }} />
      </Space>
      {id === '' || m === '' ? null : (
        <QueryState query={st}>
          {(s) => (
            <>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 3 }}
                data-testid="statement"
                items={[
                  { key: 'period', label: t('supervision.statement.period'), children: `${s.period.from} – ${s.period.to}` },
                  { key: 'basis', label: t('supervision.agencies.commission'), children: t(`supervision.commissionBasis.${s.basis}`) },
                  { key: 'placements', label: t('supervision.statement.placements'), children: s.placements },
                  { key: 'recovered', label: t('supervision.agencies.recovered'), children: <span className="num">{formatMoney(s.recoveredMinor, s.currency, lang)}</span> },
                  { key: 'rate', label: t('supervision.agencies.recoveryRate'), children: formatBpPercent(s.recoveryRateBp) },
                  { key: 'commission', label: t('supervision.statement.commission'), children: <strong className="num" data-testid="statement-commission">{formatMoney(s.commissionMinor, s.currency, lang)}</strong> },
                ]}
              />
              <Table
                size="small"
                rowKey="placementId"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: true }}
                dataSource={s.lines}
                locale={{ emptyText: t('supervision.statement.noLines') }}
                columns={[
                  { title: t('supervision.placements.account'), dataIndex: 'accountRef' },
                  { title: t('supervision.placements.dpdAtPlacement'), dataIndex: 'dpdAtPlacement', align: 'right' },
                  { title: t('supervision.agencies.recovered'), align: 'right', render: (_, l) => <span className="num">{formatMoney(l.recoveredMinor, s.currency, lang)}</span> },
                  { title: t('supervision.statement.rate'), align: 'right', render: (_, l) => formatBpPercent(l.rateBp) },
                  { title: t('supervision.statement.commission'), align: 'right', render: (_, l) => <span className="num">{formatMoney(l.commissionMinor, s.currency, lang)}</span> },
                ]}
              />
            </>
          )}
        </QueryState>
      )}
    </Card>
  );
}

function Rules({ agencies }: { agencies: Agency[] }) {
  const { t } = useTranslation();
  const rules = useQuery({ queryKey: ['placement-rules'], queryFn: ({ signal }) => placementRules(signal) });
  const [editing, setEditing] = useState<PlacementRule | 'new' | null>(null);
  const filters = (r: PlacementRule) =>
    [
      r.buckets.length ? `${t('supervision.rules.buckets')} ${r.buckets.join(', ')}` : null,
      r.products.length ? `${t('supervision.rules.products')} ${r.products.join(', ')}` : null,
      r.jurisdictions.length ? `${t('supervision.rules.jurisdictions')} ${r.jurisdictions.join(', ')}` : null,
      r.regions.length ? `${t('supervision.rules.regions')} ${r.regions.join(', ')}` : null,
      r.minDpd !== null || r.maxDpd !== null ? `DPD ${r.minDpd ?? 0}–${r.maxDpd ?? '∞'}` : null,
    ].filter(Boolean).join(' · ') || t('supervision.rules.everything');
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('supervision.rules.title')}</Typography.Title>}
      extra={<Button onClick={() => setEditing('new')} data-testid="new-rule">{t('supervision.rules.add')}</Button>}
      style={{ marginTop: 16 }}
      size="small"
    >
      <QueryState query={rules}>
        {(r) => (
          <Table<PlacementRule>
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ x: true }}
            dataSource={r.items}
            locale={{ emptyText: t('supervision.rules.empty') }}
            data-testid="rules-table"
            columns={[
              { title: t('supervision.rules.code'), dataIndex: 'code' },
              { title: t('supervision.queues.priority'), dataIndex: 'priority', align: 'right' },
              { title: t('supervision.queues.filters'), render: (_, x) => filters(x) },
              { title: t('supervision.rules.allocations'), render: (_, x) => x.allocations.map((a) => `${a.agencyId} ${formatBpPercent(a.shareBp)}`).join(', ') },
              { title: t('supervision.queues.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color={TAG.green}>{t('supervision.yes')}</Tag> : <Tag>{t('supervision.no')}</Tag>) },
              { title: t('supervision.actions'), render: (_, x) => <Button size="small" onClick={() => setEditing(x)} aria-label={t('supervision.rules.editOne', { code: x.code })}>{t('supervision.edit')}</Button> },
            ]}
          />
        )}
      </QueryState>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size="large"
        title={editing === 'new' ? t('supervision.rules.add') : editing ? t('supervision.rules.editOne', { code: editing.code }) : ''}
        destroyOnHidden
      >
        {editing ? <RuleForm rule={editing === 'new' ? null : editing} agencies={agencies} onDone={() => setEditing(null)} /> : null}
      </Drawer>
    </Card>
  );
}

interface RuleValues {
  code: string;
  priority: number;
  buckets: string;
  products: string;
  jurisdictions: string;
  regions: string;
  minDpd?: number | null;
  maxDpd?: number | null;
  allocations: Array<{ agencyId: string; shareBp: number }>;
  active: boolean;
}

const RULE_FIELDS = ['code', 'priority', 'buckets', 'products', 'jurisdictions', 'regions', 'minDpd', 'maxDpd', 'allocations', 'active'] as const;

function RuleForm({ rule, agencies, onDone }: { rule: PlacementRule | null; agencies: Agency[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<RuleValues>();
  const keyFor = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (v: RuleValues) => {
      const body: PlacementRule = {
        code: v.code.trim(), priority: v.priority, buckets: listOf(v.buckets), products: listOf(v.products), jurisdictions: listOf(v.jurisdictions), regions: listOf(v.regions),
        minBalanceMinor: rule?.minBalanceMinor ?? null, maxBalanceMinor: rule?.maxBalanceMinor ?? null, minDpd: v.minDpd ?? null, maxDpd: v.maxDpd ?? null,
        allocations: v.allocations ?? [], active: v.active,
      };
      return savePlacementRule(body, keyFor(body));
    },
    onSuccess: async (r) => {
      void message.success(t('supervision.rules.saved', { code: r.code }));
      await client.invalidateQueries({ queryKey: ['placement-rules'] });
      onDone();
    },
    onError: (e) => showFieldErrors(form, e, RULE_FIELDS),
  });
  const required = { required: true, message: t('supervision.required') };
  const initial: RuleValues = rule
    ? { ...rule, buckets: rule.buckets.join(', '), products: rule.products.join(', '), jurisdictions: rule.jurisdictions.join(', '), regions: rule.regions.join(', ') }
    : { code: '', priority: 100, buckets: '', products: '', jurisdictions: '', regions: '', minDpd: null, maxDpd: null, allocations: agencies[0] ? [{ agencyId: agencies[0].id, shareBp: 10_000 }] : [], active: true };
  return (
    <Form<RuleValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={initial} data-testid="rule-form">
      <Space wrap size="large">
        <Form.Item name="code" label={t('supervision.rules.code')} rules={[required]}><Input disabled={rule !== null} /></Form.Item>
        <Form.Item name="priority" label={t('supervision.queues.priority')} extra={t('supervision.queues.priorityHelp')} rules={[required]}><InputNumber precision={0} /></Form.Item>
      </Space>
      <Typography.Paragraph type="secondary">{t('supervision.rules.listHelp')}</Typography.Paragraph>
      <Space wrap size="large">
        <Form.Item name="buckets" label={t('supervision.rules.buckets')}><Input /></Form.Item>
        <Form.Item name="products" label={t('supervision.rules.products')}><Input /></Form.Item>
        <Form.Item name="jurisdictions" label={t('supervision.rules.jurisdictions')}><Input /></Form.Item>
        <Form.Item name="regions" label={t('supervision.rules.regions')}><Input /></Form.Item>
      </Space>
      <Space wrap size="large">
        <Form.Item name="minDpd" label={t('supervision.rules.minDpd')}><InputNumber precision={0} /></Form.Item>
        <Form.Item name="maxDpd" label={t('supervision.rules.maxDpd')}><InputNumber precision={0} /></Form.Item>
      </Space>
      <Form.Item label={t('supervision.rules.allocations')} extra={t('supervision.rules.allocationsHelp')}>
        <Form.List name="allocations">
          {(fields, { add, remove }, { errors }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap>
                  <Form.Item name={[f.name, 'agencyId']} noStyle rules={[required]}>
                    <Select aria-label={t('supervision.rules.allocationAgency', { n: i + 1 })} style={{ width: 220 }} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'shareBp']} noStyle rules={[required]}>
                    <InputNumber aria-label={t('supervision.rules.allocationShare', { n: i + 1 })} precision={0} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t('supervision.remove')}</Button>
                </Space>
              ))}
              <Button onClick={() => add({ agencyId: agencies[0]?.id, shareBp: 0 })}>{t('supervision.rules.addAllocation')}</Button>
              <Form.ErrorList errors={errors} />
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="active" label={t('supervision.queues.active')} valuePropName="checked"><Switch /></Form.Item>
      {save.isError ? <ErrorState error={save.error} /> : null}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('supervision.save')}</Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
