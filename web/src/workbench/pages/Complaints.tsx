/**
 * Complaints: the SLA board (open complaints by how their clocks stand today: overdue, due soon, by
 * category and jurisdiction, the most urgent listed) and the list of complaints by status, each
 * opening its detail. For compliance officers, supervisors, admins and auditors.
 */
import { Card, Col, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { complaints, slaBoard, type Complaint, type SlaCount } from '../../shared/api/governance.ts';
import { QueryState, TAG, useTitle } from '../../shared/ui.tsx';

export function SlaTag({ c }: { c: Pick<Complaint, 'sla'> }) {
  const { t } = useTranslation();
  if (c.sla.stage === 'closed') return <Tag>{t(c.sla.slaMet ? 'complaints.slaMet' : 'complaints.slaMissed')}</Tag>;
  if (c.sla.overdue) return <Tag color={TAG.red}>{t('complaints.overdueBy', { count: -(c.sla.daysLeft ?? 0) })}</Tag>;
  if (c.sla.dueSoon) return <Tag color={TAG.orange}>{t('complaints.dueIn', { count: c.sla.daysLeft ?? 0 })}</Tag>;
  return <Tag color={TAG.green}>{t('complaints.dueIn', { count: c.sla.daysLeft ?? 0 })}</Tag>;
}

export function ComplaintTable({ items, testId }: { items: Complaint[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<Complaint>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={{ pageSize: 25, hideOnSinglePage: true }}
      scroll={{ x: true }}
      locale={{ emptyText: t('complaints.none') }}
      data-testid={testId}
      columns={[
        { title: t('complaints.id'), dataIndex: 'id', render: (id: number) => <Link to={`/complaints/${id}`}>{t('complaints.number', { id })}</Link> },
        { title: t('complaints.received'), dataIndex: 'receivedOn' },
        { title: t('complaints.category'), dataIndex: 'category', render: (c: string) => t(`complaintCategory.${c}`, { defaultValue: c }) },
        { title: t('complaints.channel'), dataIndex: 'channel', render: (c: string) => t(`complaintChannel.${c}`, { defaultValue: c }) },
        { title: t('complaints.account'), dataIndex: 'accountRef', render: (r: string | null) => (r ? <Link to={`/accounts/${encodeURIComponent(r)}`}>{r}</Link> : '—') },
        { title: t('complaints.jurisdiction'), dataIndex: 'jurisdiction' },
        { title: t('complaints.status'), dataIndex: 'status', render: (s: string) => t(`complaintStatus.${s}`, { defaultValue: s }) },
        { title: t('complaints.stage'), render: (_, c) => t(`complaintStage.${c.sla.stage}`) },
        { title: t('complaints.dueOn'), render: (_, c) => c.sla.dueOn ?? '—' },
        { title: t('complaints.sla'), render: (_, c) => <SlaTag c={c} /> },
      ]}
    />
  );
}

type CountRow = SlaCount & { category?: string; jurisdiction?: string };

function Counts({ rows, keyName, label, testId }: { rows: CountRow[]; keyName: 'category' | 'jurisdiction'; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<CountRow>
      size="small"
      rowKey={(r) => String(r[keyName])}
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      locale={{ emptyText: t('complaints.none') }}
      columns={[
        { title: label, render: (_, r) => (keyName === 'category' ? t(`complaintCategory.${String(r.category)}`, { defaultValue: String(r.category) }) : String(r.jurisdiction)) },
        { title: t('complaints.open'), dataIndex: 'open', align: 'right' },
        { title: t('complaints.overdue'), dataIndex: 'overdue', align: 'right' },
        { title: t('complaints.dueSoon'), dataIndex: 'dueSoon', align: 'right' },
      ]}
    />
  );
}

type Filter = 'open' | 'overdue' | 'closed';

export function ComplaintsPage() {
  const { t } = useTranslation();
  useTitle(`${t('complaints.title')} · ${t('app.workbench')}`);
  const [params, setParams] = useSearchParams();
  const filter = (['open', 'overdue', 'closed'] as const).find((f) => f === params.get('show')) ?? 'open';
  const board = useQuery({ queryKey: ['sla-board'], queryFn: ({ signal }) => slaBoard(signal) });
  const list = useQuery({
    queryKey: ['complaints', filter],
    queryFn: ({ signal }) => complaints(filter === 'overdue' ? { status: 'open', overdue: 'true' } : { status: filter }, signal),
  });
  return (
    <>
      <Typography.Title level={2}>{t('complaints.title')}</Typography.Title>
      <QueryState query={board}>
        {(b) => (
          <section aria-labelledby="sla-board-title" data-testid="sla-board">
            <Typography.Title level={3} id="sla-board-title">{t('complaints.board')}</Typography.Title>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={12} md={6}><Card><Statistic title={t('complaints.open')} value={b.open} data-testid="board-open" /></Card></Col>
              <Col xs={12} md={6}><Card><Statistic title={t('complaints.overdue')} value={b.overdue} valueStyle={{ color: b.overdue > 0 ? TAG.red : undefined }} data-testid="board-overdue" /></Card></Col>
              <Col xs={12} md={6}><Card><Statistic title={t('complaints.dueSoon')} value={b.dueSoon} data-testid="board-due-soon" /></Card></Col>
              <Col xs={12} md={6}><Card><Statistic title={t('complaints.overdueAcks')} value={b.overdueAcknowledgements} /></Card></Col>
            </Row>
            <Typography.Paragraph type="secondary">
              {t('complaints.byStatusLine')}{' '}
              {Object.entries(b.byStatus).map(([s, n]) => `${t(`complaintStatus.${s}`, { defaultValue: s })} ${n}`).join(' · ') || t('common.none')}
            </Typography.Paragraph>
            <Row gutter={16}>
              <Col xs={24} md={12}><Counts rows={b.byCategory} keyName="category" label={t('complaints.category')} testId="board-by-category" /></Col>
              <Col xs={24} md={12}><Counts rows={b.byJurisdiction} keyName="jurisdiction" label={t('complaints.jurisdiction')} testId="board-by-jurisdiction" /></Col>
            </Row>
            <Typography.Title level={4} style={{ marginTop: 16 }}>{t('complaints.urgent')}</Typography.Title>
            <ComplaintTable items={b.urgent} testId="board-urgent" />
          </section>
        )}
      </QueryState>
      <Typography.Title level={3} style={{ marginTop: 24 }} id="complaint-list-title">{t('complaints.list')}</Typography.Title>
      <Segmented<Filter>
        aria-label={t('complaints.show')}
        value={filter}
        onChange={(v) => setParams({ show: v })}
        options={[
          { value: 'open', label: t('complaints.showOpen') },
          { value: 'overdue', label: t('complaints.showOverdue') },
          { value: 'closed', label: t('complaints.showClosed') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <QueryState query={list}>{(l) => <ComplaintTable items={l.items} testId="complaint-list" />}</QueryState>
    </>
  );
}
