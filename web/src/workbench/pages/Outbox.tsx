/**
 * Contacts and compliance: planned contacts per business date by status, and the contacts the
 * compliance gate blocked, by rule (GET /api/v1/outbox/stats), as ECharts charts with their tables.
 */
import { useMemo } from 'react';
import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { outboxStats, type OutboxStats } from '../../shared/api/contacts.ts';
import { QueryState, useTitle } from '../../shared/ui.tsx';
import { Chart } from '../../shared/Chart.tsx';

const STATUS_COLOURS: Record<string, string> = {
  scheduled: '#60a5fa', sending: '#a78bfa', sent: '#22c55e', delivered: '#15803d', failed: '#f97316', blocked: '#dc2626', cancelled: '#9ca3af', expired: '#6b7280',
};

export function OutboxPage() {
  const { t } = useTranslation();
  useTitle(`${t('outbox.title')} · ${t('app.workbench')}`);
  const stats = useQuery({ queryKey: ['outbox-stats'], queryFn: ({ signal }) => outboxStats(signal) });
  return (
    <>
      <Typography.Title level={2}>{t('outbox.title')}</Typography.Title>
      <Typography.Paragraph>
        {t('outbox.mailboxHint')} <a href="/dev/mailbox" target="_blank" rel="noreferrer">{t('nav.mailbox')}</a>
      </Typography.Paragraph>
      <QueryState query={stats}>{(s) => <Charts s={s} />}</QueryState>
    </>
  );
}

function Charts({ s }: { s: OutboxStats }) {
  const { t } = useTranslation();
  const byStatus = useMemo<EChartsCoreOption>(() => {
    const dates = [...new Set(s.byStatus.map((r) => r.businessDate))].sort();
    const statuses = [...new Set(s.byStatus.map((r) => r.status))];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: dates },
      yAxis: { type: 'value', minInterval: 1 },
      series: statuses.map((st) => ({
        name: t(`status.${st}`, { defaultValue: st }),
        type: 'bar',
        stack: 'n',
        barMaxWidth: 48,
        itemStyle: { color: STATUS_COLOURS[st] },
        data: dates.map((d) => s.byStatus.filter((r) => r.businessDate === d && r.status === st).reduce((a, r) => a + r.n, 0)),
      })),
    };
    // `t` changes with the language, so the translated series names follow it.
  }, [s, t]);
  const blocked = useMemo<EChartsCoreOption>(() => {
    const rows = [...s.blockedByRule].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.rule) },
      series: [{ name: t('outbox.count'), type: 'bar', barMaxWidth: 24, itemStyle: { color: '#dc2626' }, data: rows.map((r) => r.n) }],
    };
  }, [s, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('outbox.byStatus')}>
          {s.byStatus.length === 0 ? <Empty description={t('common.empty')} /> : <Chart option={byStatus} label={t('outbox.chartLabel', { title: t('outbox.byStatus') })} testId="chart-by-status" />}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('outbox.blockedByRule')}>
          {s.blockedByRule.length === 0 ? <Empty description={t('outbox.noBlocks')} /> : (
            <>
              <Chart option={blocked} height={Math.max(200, 28 * s.blockedByRule.length + 40)} label={t('outbox.chartLabel', { title: t('outbox.blockedByRule') })} testId="chart-blocked" />
              <Table
                size="small"
                rowKey="rule"
                pagination={false}
                dataSource={s.blockedByRule}
                data-testid="blocked-table"
                columns={[{ title: t('outbox.rule'), dataIndex: 'rule' }, { title: t('outbox.count'), dataIndex: 'n', align: 'right' }]}
              />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
