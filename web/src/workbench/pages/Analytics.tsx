/**
 * Collections analytics (C15): roll-rate matrix, cure curves, promises kept, right-party contact,
 * recovery by strategy and by agency, complaints per 10k contacts and compliance blocks by rule, each
 * an ECharts chart with its figures in a table under it (what assistive technology reads). The filter
 * lives in the URL's query, so a view can be shared and the browser's back button undoes a change.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, Empty, Input, Row, Select, Space, Table, Typography } from 'antd';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EChartsCoreOption } from 'echarts/core';
import { api } from '../../shared/api/client.ts';
import {
  analytics, type AgencyRecovery, type AnalyticsFilter, type AnalyticsFilters, type ComplaintRates, type ComplianceBlocks, type CureCurves, type PromiseRates, type Ratio,
  type RollRates, type RpcRates, type StrategyRecovery,
} from '../../shared/api/analytics.ts';
import { minorToDecimal } from '../../shared/format.ts';
import { QueryState, useTitle } from '../../shared/ui.tsx';
import { Chart } from '../../shared/Chart.tsx';

/** Months shown by default, ending at the last closed business date. */
const DEFAULT_MONTHS = 6;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first day of the month `months` before the month of `date`. */
function monthsBefore(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function pct(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

export function AnalyticsPage() {
  const { t } = useTranslation();
  useTitle(`${t('analytics.title')} · ${t('app.workbench')}`);
  const summary = useQuery({ queryKey: ['portfolio-summary'], queryFn: ({ signal }) => api('GET /api/v1/portfolio/summary', { signal }) });
  return (
    <>
      <Typography.Title level={2}>{t('analytics.title')}</Typography.Title>
      <Typography.Paragraph>{t('analytics.intro')}</Typography.Paragraph>
      <QueryState query={summary}>{(s) => <Workspace lastClosed={s.lastClosedDate ?? new Date().toISOString().slice(0, 10)} />}</QueryState>
    </>
  );
}

function Workspace({ lastClosed }: { lastClosed: string }) {
  const [params, setParams] = useSearchParams();
  const param = (k: string) => params.get(k) ?? undefined;
  const filter: AnalyticsFilter = {
    from: param('from') ?? monthsBefore(lastClosed, DEFAULT_MONTHS - 1),
    to: param('to') ?? lastClosed,
    product: param('product'),
    jurisdiction: param('jurisdiction'),
    agency: param('agency'),
    period: param('period') === 'week' ? 'week' : undefined,
  };
  const apply = (next: AnalyticsFilter) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) q.set(k, v);
    setParams(q);
  };
  const filters = useQuery({ queryKey: ['analytics-filters'], queryFn: ({ signal }) => analytics.filters(signal) });
  return (
    <>
      <QueryState query={filters}>{(f) => <FilterBar key={JSON.stringify(filter)} options={f} value={filter} onApply={apply} />}</QueryState>
      <Metrics filter={filter} />
    </>
  );
}

function FilterBar({ options, value, onApply }: { options: AnalyticsFilters; value: AnalyticsFilter; onApply: (f: AnalyticsFilter) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const set = (patch: Partial<AnalyticsFilter>) => setDraft((d) => ({ ...d, ...patch }));
  const datesOk = ISO_DATE.test(draft.from) && ISO_DATE.test(draft.to) && draft.from <= draft.to;
  // A select changes the view at once; the dates wait for the button (typing a date passes through invalid ones).
  const choose = (patch: Partial<AnalyticsFilter>) => {
    set(patch);
    if (datesOk) onApply({ ...draft, ...patch });
  };
  const field = (id: string, label: string, control: ReactNode) => (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <label htmlFor={id}>{label}</label>
      {control}
    </div>
  );
  return (
    <Card title={t('analytics.filters')} size="small" style={{ marginBottom: 16 }}>
      <form
        aria-label={t('analytics.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          if (datesOk) onApply(draft);
        }}
      >
        <Space wrap align="end" size="middle">
          {field('analytics-from', t('analytics.from'), <Input id="analytics-from" type="date" value={draft.from} max={draft.to} onChange={(e) => set({ from: e.target.value })} style={{ width: 160 }} />)}
          {field('analytics-to', t('analytics.to'), <Input id="analytics-to" type="date" value={draft.to} min={draft.from} onChange={(e) => set({ to: e.target.value })} style={{ width: 160 }} />)}
          {field('analytics-product', t('analytics.product'), (
            <Select
              id="analytics-product" aria-label={t('analytics.product')} style={{ width: 180 }} value={draft.product ?? ''}
              options={[{ value: '', label: t('analytics.allProducts') }, ...options.products.map((p) => ({ value: p, label: p }))]}
              onChange={(v: string) => choose({ product: v || undefined })}
            />
          ))}
          {field('analytics-jurisdiction', t('analytics.jurisdiction'), (
            <Select
              id="analytics-jurisdiction" aria-label={t('analytics.jurisdiction')} style={{ width: 160 }} value={draft.jurisdiction ?? ''}
              options={[{ value: '', label: t('analytics.allJurisdictions') }, ...options.jurisdictions.map((j) => ({ value: j, label: j }))]}
              onChange={(v: string) => choose({ jurisdiction: v || undefined })}
            />
          ))}
          {field('analytics-agency', t('analytics.agency'), (
            <Select
              id="analytics-agency" aria-label={t('analytics.agency')} style={{ width: 220 }} value={draft.agency ?? ''}
              options={[
                { value: '', label: t('analytics.allAgencies') }, { value: options.inHouse, label: t('analytics.inHouse') },
                ...options.agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` })),
              ]}
              onChange={(v: string) => choose({ agency: v || undefined })}
            />
          ))}
          {field('analytics-period', t('analytics.period'), (
            <Select
              id="analytics-period" aria-label={t('analytics.period')} style={{ width: 120 }} value={draft.period ?? 'month'}
              options={[{ value: 'month', label: t('analytics.month') }, { value: 'week', label: t('analytics.week') }]}
              onChange={(v: 'month' | 'week') => choose({ period: v === 'week' ? 'week' : undefined })}
            />
          ))}
          <Button type="primary" htmlType="submit" disabled={!datesOk} data-testid="analytics-apply">{t('analytics.apply')}</Button>
        </Space>
      </form>
    </Card>
  );
}

/** One query per metric, keyed by the filter. */
function useMetric<T>(name: string, filter: AnalyticsFilter, fetch: (f: AnalyticsFilter, signal: AbortSignal) => Promise<T>): UseQueryResult<T> {
  return useQuery({ queryKey: ['analytics', name, filter], queryFn: ({ signal }) => fetch(filter, signal) });
}

function Metrics({ filter }: { filter: AnalyticsFilter }) {
  const { t } = useTranslation();
  const roll = useMetric('roll', filter, analytics.rollRates);
  const cure = useMetric('cure', filter, analytics.cureCurves);
  const ptp = useMetric('ptp', filter, analytics.promises);
  const rpc = useMetric('rpc', filter, analytics.rightPartyContact);
  const byStrategy = useMetric('recovery-strategy', filter, analytics.recoveryByStrategy);
  const byAgency = useMetric('recovery-agency', filter, analytics.recoveryByAgency);
  const complaints = useMetric('complaints', filter, analytics.complaints);
  const blocks = useMetric('blocks', filter, analytics.complianceBlocks);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}><Metric id="roll" title={t('analytics.roll.title')} query={roll}>{(d) => <RollView d={d} />}</Metric></Col>
      <Col xs={24} xl={12}><Metric id="cure" title={t('analytics.cure.title')} query={cure}>{(d) => <CureView d={d} />}</Metric></Col>
      <Col xs={24} xl={12}><Metric id="ptp" title={t('analytics.ptp.title')} query={ptp}>{(d) => <PromiseView d={d} />}</Metric></Col>
      <Col xs={24} xl={12}><Metric id="rpc" title={t('analytics.rpc.title')} query={rpc}>{(d) => <RpcView d={d} />}</Metric></Col>
      <Col xs={24} xl={12}><Metric id="recovery-strategy" title={t('analytics.recovery.strategyTitle')} query={byStrategy}>{(d) => <RecoveryView id="recovery-strategy" title={t('analytics.recovery.strategyTitle')} groups={d.groups} />}</Metric></Col>
      <Col xs={24} xl={12}><Metric id="recovery-agency" title={t('analytics.recovery.agencyTitle')} query={byAgency}>{(d) => <RecoveryView id="recovery-agency" title={t('analytics.recovery.agencyTitle')} groups={agencyGroups(d, t('analytics.inHouse'))} />}</Metric></Col>
      <Col xs={24} xl={12}><Metric id="complaints" title={t('analytics.complaints.title')} query={complaints}>{(d) => <ComplaintView d={d} />}</Metric></Col>
      <Col xs={24} xl={12}><Metric id="blocks" title={t('analytics.blocks.title')} query={blocks}>{(d) => <BlockView d={d} />}</Metric></Col>
    </Row>
  );
}

function Metric<T>({ id, title, query, children }: { id: string; title: string; query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{title}</h3>} data-testid={`metric-${id}`}>
      <QueryState query={query}>{children}</QueryState>
    </Card>
  );
}

function NoData() {
  const { t } = useTranslation();
  return <Empty description={t('analytics.noData')} />;
}

const GRID = { left: 56, right: 24, top: 40, bottom: 40 };

/** A table that may be wider than a phone: it scrolls sideways in a region the keyboard can reach. */
function Wide({ label, children }: { label: string; children: ReactNode }) {
  return <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>{children}</div>;
}

// ------------------------------------------------------------------ roll rates

function RollView({ d }: { d: RollRates }) {
  const { t } = useTranslation();
  const rows = d.matrix.filter((r) => r.total > 0);
  // Columns: the buckets anyone moved into or started from.
  const used = d.buckets.filter((b) => rows.some((r) => r.bucket === b || r.cells.some((c) => c.to === b && c.count > 0)));
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { position: 'top' },
    grid: { left: 64, right: 24, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: used, name: '→', splitArea: { show: true } },
    yAxis: { type: 'category', data: rows.map((r) => r.bucket), inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#eff6ff', '#1d4ed8'] }, formatter: (v: number) => pct(v, 0) },
    series: [{
      type: 'heatmap',
      label: { show: true, formatter: (p: { value: [number, number, number] }) => pct(p.value[2], 0) },
      data: rows.flatMap((r, y) => used.map((to, x) => [x, y, r.cells.find((c) => c.to === to)?.rate ?? 0])),
    }],
  }), [rows, used]);
  if (rows.length === 0) return <NoData />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('analytics.roll.summary', { transitions: d.transitions.length, accounts: d.accounts })}</Typography.Paragraph>
      <Chart option={option} height={Math.max(220, 40 * rows.length + 100)} label={t('analytics.chartLabel', { title: t('analytics.roll.title') })} testId="chart-roll" />
      <Wide label={t('analytics.roll.title')}><Table
        size="small" rowKey="bucket" pagination={false} data-testid="table-roll" dataSource={rows}
        columns={[
          { title: t('analytics.roll.from'), dataIndex: 'bucket' },
          { title: t('analytics.roll.total'), dataIndex: 'total', align: 'right' },
          ...used.map((to) => ({
            title: to, key: to, align: 'right' as const,
            render: (_: unknown, r: RollRates['matrix'][number]) => { const c = r.cells.find((x) => x.to === to); return c && c.count > 0 ? `${c.count} (${pct(c.rate)})` : '0'; },
          })),
          { title: t('analytics.roll.forward'), key: 'forward', align: 'right', render: (_: unknown, r) => pct(r.rollForward.rate) },
        ]}
      /></Wide>
    </>
  );
}

// ------------------------------------------------------------------ cure curves

function CureView({ d }: { d: CureCurves }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => {
    const days = [...new Set(d.curves.flatMap((c) => c.points.map((p) => p.day)))].sort((a, b) => a - b);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => pct(v) },
      legend: { top: 0, type: 'scroll' },
      grid: GRID,
      xAxis: { type: 'category', data: days, name: t('analytics.cure.day'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
      series: d.curves.map((c) => ({ name: c.cohort, type: 'line', data: days.map((day) => c.points.find((p) => p.day === day)?.rate ?? null) })),
    };
  }, [d, t]);
  if (d.curves.length === 0) return <NoData />;
  return (
    <>
      <Chart option={option} label={t('analytics.chartLabel', { title: t('analytics.cure.title') })} testId="chart-cure" />
      <Table
        size="small" rowKey="cohort" pagination={false} data-testid="table-cure" dataSource={d.curves}
        columns={[
          { title: t('analytics.cure.cohort'), dataIndex: 'cohort' },
          { title: t('analytics.cure.entered'), dataIndex: 'entered', align: 'right' },
          { title: t('analytics.cure.cured'), dataIndex: 'cured', align: 'right' },
          { title: t('analytics.cure.last'), key: 'last', align: 'right', render: (_: unknown, c) => { const p = c.points.at(-1); return p ? `${pct(p.rate)} (${t('common.days', { count: p.day })})` : '—'; } },
        ]}
      />
    </>
  );
}

// ------------------------------------------------------------------ promises

function PromiseView({ d }: { d: PromiseRates }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...GRID, right: 56 },
    xAxis: { type: 'category', data: d.series.map((p) => p.period) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } }],
    series: [
      { name: t('analytics.ptp.kept'), type: 'bar', stack: 'p', itemStyle: { color: '#15803d' }, data: d.series.map((p) => p.kept) },
      { name: t('analytics.ptp.partlyKept'), type: 'bar', stack: 'p', itemStyle: { color: '#ca8a04' }, data: d.series.map((p) => p.partlyKept) },
      { name: t('analytics.ptp.broken'), type: 'bar', stack: 'p', itemStyle: { color: '#b91c1c' }, data: d.series.map((p) => p.broken) },
      { name: t('analytics.ptp.keptRate'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#1d4ed8' }, data: d.series.map((p) => p.keptRate.rate) },
    ],
  }), [d, t]);
  if (d.series.every((p) => p.kept + p.partlyKept + p.broken + p.open === 0)) return <NoData />;
  return (
    <>
      <Chart option={option} label={t('analytics.chartLabel', { title: t('analytics.ptp.title') })} testId="chart-ptp" />
      <Wide label={t('analytics.ptp.title')}><Table
        size="small" rowKey="period" pagination={false} data-testid="table-ptp" dataSource={d.series}
        columns={[
          { title: t('analytics.periodCol'), dataIndex: 'period' },
          { title: t('analytics.ptp.kept'), dataIndex: 'kept', align: 'right' },
          { title: t('analytics.ptp.partlyKept'), dataIndex: 'partlyKept', align: 'right' },
          { title: t('analytics.ptp.broken'), dataIndex: 'broken', align: 'right' },
          { title: t('analytics.ptp.open'), dataIndex: 'open', align: 'right' },
          { title: t('analytics.ptp.keptRate'), key: 'rate', align: 'right', render: (_: unknown, p) => ratioText(p.keptRate) },
        ]}
      /></Wide>
    </>
  );
}

function ratioText(r: Ratio): string {
  return r.rate === null ? '—' : `${pct(r.rate)} (${r.numerator}/${r.denominator})`;
}

// ------------------------------------------------------------------ right-party contact

function RpcView({ d }: { d: RpcRates }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...GRID, right: 56 },
    xAxis: { type: 'category', data: d.byPeriod.map((p) => p.period) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } }],
    series: [
      { name: t('analytics.rpc.attempts'), type: 'bar', itemStyle: { color: '#94a3b8' }, data: d.byPeriod.map((p) => p.rate.denominator) },
      { name: t('analytics.rpc.title'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#7e22ce' }, data: d.byPeriod.map((p) => p.rate.rate) },
    ],
  }), [d, t]);
  if (d.byPeriod.every((p) => p.rate.denominator === 0)) return <NoData />;
  return (
    <>
      <Chart option={option} label={t('analytics.chartLabel', { title: t('analytics.rpc.title') })} testId="chart-rpc" />
      <Table
        size="small" rowKey="period" pagination={false} data-testid="table-rpc" dataSource={d.byPeriod}
        columns={[
          { title: t('analytics.periodCol'), dataIndex: 'period' },
          { title: t('analytics.rpc.rightParty'), key: 'n', align: 'right', render: (_: unknown, p) => p.rate.numerator },
          { title: t('analytics.rpc.attempts'), key: 'd', align: 'right', render: (_: unknown, p) => p.rate.denominator },
          { title: t('analytics.rate'), key: 'r', align: 'right', render: (_: unknown, p) => pct(p.rate.rate) },
        ]}
      />
      <Typography.Title level={4} style={{ fontSize: 14, marginTop: 16 }}>{t('analytics.rpc.byTeam')}</Typography.Title>
      <Table
        size="small" rowKey={(r) => `${r.agency}|${r.team}`} pagination={false} data-testid="table-rpc-team" dataSource={d.byTeam}
        columns={[
          { title: t('analytics.agency'), dataIndex: 'agency', render: (a: string) => (a === 'in_house' ? t('analytics.inHouse') : a) },
          { title: t('analytics.rpc.team'), dataIndex: 'team' },
          { title: t('analytics.rate'), key: 'r', align: 'right', render: (_: unknown, r) => ratioText(r.rate) },
        ]}
      />
    </>
  );
}

// ------------------------------------------------------------------ recovery

type RecoveryGroup = StrategyRecovery['groups'][number] | AgencyRecovery['groups'][number];

function agencyGroups(d: AgencyRecovery, inHouse: string): AgencyRecovery['groups'] {
  return d.groups.map((g) => (g.key === 'in_house' ? { ...g, key: inHouse } : g));
}

function RecoveryView({ id, title, groups }: { id: string; title: string; groups: RecoveryGroup[] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => pct(v, 2) },
    grid: { left: 160, right: 32, top: 16, bottom: 32 },
    xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    yAxis: { type: 'category', data: groups.map((g) => g.key), inverse: true },
    series: [{ name: t('analytics.rate'), type: 'bar', barMaxWidth: 24, itemStyle: { color: '#15803d' }, data: groups.map((g) => g.rate.rate ?? 0) }],
  }), [groups, t]);
  if (groups.length === 0) return <NoData />;
  return (
    <>
      <Chart option={option} height={Math.max(160, 36 * groups.length + 60)} label={t('analytics.chartLabel', { title })} testId={`chart-${id}`} />
      <Wide label={title}><Table
        size="small" rowKey="key" pagination={false} data-testid={`table-${id}`} dataSource={groups}
        columns={[
          { title: t('analytics.recovery.group'), dataIndex: 'key' },
          { title: t('analytics.recovery.accounts'), dataIndex: 'accounts', align: 'right' },
          { title: t('analytics.recovery.base'), dataIndex: 'baseMinor', align: 'right', render: (v: number) => minorToDecimal(v) },
          { title: t('analytics.recovery.recovered'), dataIndex: 'recoveredMinor', align: 'right', render: (v: number) => minorToDecimal(v) },
          { title: t('analytics.rate'), key: 'r', align: 'right', render: (_: unknown, g: RecoveryGroup) => pct(g.rate.rate, 2) },
        ]}
      /></Wide>
    </>
  );
}

// ------------------------------------------------------------------ complaints

function ComplaintView({ d }: { d: ComplaintRates }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: GRID,
    xAxis: { type: 'category', data: d.byPeriod.map((p) => p.period) },
    yAxis: { type: 'value', min: 0 },
    series: [{ name: t('analytics.complaints.per10k'), type: 'line', itemStyle: { color: '#c2410c' }, data: d.byPeriod.map((p) => p.per10k.rate) }],
  }), [d, t]);
  if (d.byPeriod.every((p) => p.contacts === 0 && p.complaints === 0)) return <NoData />;
  const columns = [
    { title: t('analytics.complaints.complaints'), dataIndex: 'complaints', align: 'right' as const },
    { title: t('analytics.complaints.contacts'), dataIndex: 'contacts', align: 'right' as const },
    { title: t('analytics.complaints.per10k'), key: 'r', align: 'right' as const, render: (_: unknown, p: { per10k: Ratio }) => (p.per10k.rate === null ? '—' : p.per10k.rate.toFixed(2)) },
  ];
  return (
    <>
      <Chart option={option} label={t('analytics.chartLabel', { title: t('analytics.complaints.title') })} testId="chart-complaints" />
      <Table size="small" rowKey="period" pagination={false} data-testid="table-complaints" dataSource={d.byPeriod} columns={[{ title: t('analytics.periodCol'), dataIndex: 'period' }, ...columns]} />
      <Typography.Title level={4} style={{ fontSize: 14, marginTop: 16 }}>{t('analytics.complaints.byAgency')}</Typography.Title>
      <Table
        size="small" rowKey="agency" pagination={false} data-testid="table-complaints-agency" dataSource={d.byAgency}
        columns={[{ title: t('analytics.agency'), dataIndex: 'agency', render: (a: string) => (a === 'in_house' ? t('analytics.inHouse') : a) }, ...columns]}
      />
    </>
  );
}

// ------------------------------------------------------------------ compliance blocks

function BlockView({ d }: { d: ComplianceBlocks }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 180, right: 24, top: 16, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: d.byRule.map((r) => r.rule), inverse: true },
    series: [{ name: t('analytics.count'), type: 'bar', barMaxWidth: 24, itemStyle: { color: '#b91c1c' }, data: d.byRule.map((r) => r.count) }],
  }), [d, t]);
  if (d.total === 0) return <NoData />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('analytics.blocks.total', { count: d.total })}</Typography.Paragraph>
      <Chart option={option} height={Math.max(160, 28 * d.byRule.length + 48)} label={t('analytics.chartLabel', { title: t('analytics.blocks.title') })} testId="chart-blocks" />
      <Table
        size="small" rowKey={(r) => `${r.rule}|${r.jurisdiction}`} pagination={false} data-testid="table-blocks" dataSource={d.byRuleAndJurisdiction}
        columns={[
          { title: t('analytics.blocks.rule'), dataIndex: 'rule' },
          { title: t('analytics.jurisdiction'), dataIndex: 'jurisdiction' },
          { title: t('analytics.count'), dataIndex: 'count', align: 'right' },
        ]}
      />
    </>
  );
}
