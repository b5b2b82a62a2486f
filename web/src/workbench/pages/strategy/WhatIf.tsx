/**
 * What-if: the draft in the editor and the table in force for its jurisdiction, each run over the same
 * current accounts (POST /api/v1/strategy/simulate, nothing is planned), side by side: accounts decided,
 * decisions per action and per channel, and what the compliance gate would block, by rule. A bar chart
 * and a table with the same figures.
 */
import { useMemo } from 'react';
import { Alert, Card, Col, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { ACTIONS, CHANNELS, type Simulation } from '../../../shared/api/strategy.ts';
import { Chart } from '../../../shared/Chart.tsx';
import { whatIfFigures, type Figure } from './model.ts';

export interface WhatIfResult {
  draft: Simulation;
  /** null when no table is in force for the jurisdiction. */
  inForce: Simulation | null;
}

const DRAFT_COLOUR = '#1d4ed8';
const IN_FORCE_COLOUR = '#9ca3af';

export function WhatIfView({ result }: { result: WhatIfResult }) {
  const { t } = useTranslation();
  const { draft, inForce } = result;
  const figures = useMemo(() => whatIfFigures(draft, inForce, ACTIONS, CHANNELS), [draft, inForce]);
  const nameOf = (f: Figure) =>
    f.group === 'action' ? t(`strategy.action.${f.key}`) : f.group === 'channel' ? t(`strategy.channel.${f.key}`) : f.group === 'blockedByRule' ? f.key : t(`strategy.whatIf.${f.key}`);
  const chart = (group: 'action' | 'channel') => {
    const rows = figures.filter((f) => f.group === group);
    const option: EChartsCoreOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 140, right: 24, top: 32, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map(nameOf), inverse: true },
      series: [
        { name: t('strategy.whatIf.draft'), type: 'bar', barMaxWidth: 16, itemStyle: { color: DRAFT_COLOUR }, data: rows.map((f) => f.draft) },
        ...(inForce ? [{ name: t('strategy.whatIf.inForce', { version: inForce.table.version }), type: 'bar', barMaxWidth: 16, itemStyle: { color: IN_FORCE_COLOUR }, data: rows.map((f) => f.inForce ?? 0) }] : []),
      ],
    };
    return { rows, option };
  };
  const byAction = chart('action');
  const byChannel = chart('channel');
  const groupTitle = (g: Figure['group']) => t(`strategy.whatIf.group.${g}`);
  return (
    <div data-testid="what-if">
      <Typography.Paragraph>
        {t('strategy.whatIf.summary', { accounts: draft.accounts, decided: draft.decided, undecided: draft.undecided })}
      </Typography.Paragraph>
      {inForce ? null : <Alert type="info" showIcon title={t('strategy.whatIf.noneInForce')} style={{ marginBottom: 12 }} />}
      {draft.gate ? null : <Alert type="info" showIcon title={t('strategy.whatIf.noGate')} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('strategy.whatIf.byAction')}>
            <Chart option={byAction.option} height={Math.max(180, 40 * byAction.rows.length + 60)} label={t('strategy.whatIf.chartLabel', { title: t('strategy.whatIf.byAction') })} testId="what-if-chart-action" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('strategy.whatIf.byChannel')}>
            <Chart option={byChannel.option} height={Math.max(180, 40 * byChannel.rows.length + 60)} label={t('strategy.whatIf.chartLabel', { title: t('strategy.whatIf.byChannel') })} testId="what-if-chart-channel" />
          </Card>
        </Col>
      </Row>
      <Table<Figure>
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(f) => `${f.group}:${f.key}`}
        dataSource={figures}
        pagination={false}
        scroll={{ x: true }}
        data-testid="what-if-table"
        columns={[
          { title: t('strategy.whatIf.group.title'), render: (_, f) => groupTitle(f.group) },
          { title: t('strategy.whatIf.figure'), render: (_, f) => nameOf(f) },
          { title: t('strategy.whatIf.draft'), align: 'right', render: (_, f) => <span className="num" data-testid={`what-if-draft-${f.group}-${f.key}`}>{f.draft}</span> },
          {
            title: inForce ? t('strategy.whatIf.inForce', { version: inForce.table.version }) : t('strategy.whatIf.inForceNone'),
            align: 'right',
            render: (_, f) => <span className="num" data-testid={`what-if-in-force-${f.group}-${f.key}`}>{f.inForce ?? '—'}</span>,
          },
          {
            title: t('strategy.whatIf.difference'),
            align: 'right',
            render: (_, f) => (f.inForce === null ? '—' : <span className="num">{f.draft - f.inForce > 0 ? '+' : ''}{f.draft - f.inForce}</span>),
          },
        ]}
      />
    </div>
  );
}
