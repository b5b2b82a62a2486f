/** Every decision table: the version in force, the drafts waiting, and the last change. */
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { strategyTables, type TableSummary } from '../../../shared/api/strategy.ts';
import { QueryState, TAG, useLanguage, useTitle } from '../../../shared/ui.tsx';
import { formatInstant } from '../../../shared/format.ts';
import { useCanEditStrategy } from './access.ts';

export function TablesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const canEdit = useCanEditStrategy();
  useTitle(`${t('strategy.title')} · ${t('app.workbench')}`);
  const q = useQuery({ queryKey: ['strategy', 'tables'], queryFn: ({ signal }) => strategyTables(signal) });
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2}>{t('strategy.title')}</Typography.Title>
        {canEdit ? <Link to="/strategy/tables/new"><Button type="primary" data-testid="new-table">{t('strategy.newTable')}</Button></Link> : null}
      </Space>
      <Typography.Paragraph type="secondary">{t(canEdit ? 'strategy.intro' : 'strategy.readOnlyIntro')}</Typography.Paragraph>
      <QueryState query={q}>
        {(d) => (
          <Table<TableSummary>
            size="small"
            rowKey="code"
            dataSource={d.tables}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('strategy.noTables') }}
            data-testid="strategy-tables"
            columns={[
              { title: t('strategy.code'), dataIndex: 'code', render: (c: string) => <Link to={`/strategy/tables/${encodeURIComponent(c)}`} data-testid={`table-link-${c}`}>{c}</Link> },
              { title: t('strategy.jurisdiction'), dataIndex: 'jurisdiction' },
              {
                title: t('strategy.inForce'),
                render: (_, s) => (s.inForce ? <span data-testid={`in-force-${s.code}`}>v{s.inForce.version} · {formatInstant(s.inForce.publishedAt, lang)}</span> : <Tag color={TAG.orange}>{t('strategy.noneInForce')}</Tag>),
              },
              {
                title: t('strategy.drafts'),
                render: (_, s) => {
                  const drafts = s.versions.filter((v) => v.status === 'draft');
                  return drafts.length === 0 ? '—' : (
                    <Space wrap size={4}>
                      {drafts.map((v) => <Tag key={v.version} color={v.findingCount > 0 ? TAG.red : TAG.blue}>v{v.version}{v.findingCount > 0 ? ` · ${t('strategy.findingCount', { count: v.findingCount })}` : ''}</Tag>)}
                    </Space>
                  );
                },
              },
              { title: t('strategy.versions'), align: 'right', render: (_, s) => <span className="num">{s.versions.length}</span> },
              { title: t('strategy.lastChange'), render: (_, s) => `v${s.latest.version} · ${formatInstant(s.latest.createdAt, lang)} · ${s.latest.createdBy}` },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
