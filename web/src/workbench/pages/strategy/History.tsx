/**
 * A table's versions, newest first: status, rows, findings, who saved and published them. A version can
 * be opened in the editor, a draft without findings published (after a confirmation), and any two
 * versions compared row by row (added, removed, changed with the fields that changed, moved).
 */
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VersionDetail } from '../../../shared/api/strategy.ts';
import { ErrorState, TAG, useLanguage } from '../../../shared/ui.tsx';
import { formatInstant } from '../../../shared/format.ts';
import { diffRows } from './model.ts';

const STATUS_COLOUR = { draft: TAG.blue, published: TAG.green, retired: TAG.purple } as const;

export function History({ versions, canEdit, onOpen, onPublish, publishing, publishError }: {
  versions: VersionDetail[];
  canEdit: boolean;
  onOpen: (v: VersionDetail) => void;
  onPublish: (v: VersionDetail) => void;
  publishing: number | null;
  publishError: unknown;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t('strategy.history.title')}</Typography.Title>} style={{ marginTop: 16 }}>
      {publishError ? <div style={{ marginBottom: 12 }}><ErrorState error={publishError} /></div> : null}
      <Table<VersionDetail>
        size="small"
        rowKey="version"
        dataSource={versions}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        data-testid="versions"
        columns={[
          { title: t('strategy.history.version'), render: (_, v) => <span className="num">v{v.version}</span> },
          { title: t('strategy.history.status'), render: (_, v) => <Tag color={STATUS_COLOUR[v.status]} data-testid={`version-status-${v.version}`}>{t(`strategy.status.${v.status}`)}</Tag> },
          { title: t('strategy.history.rows'), align: 'right', render: (_, v) => <span className="num">{v.rows}</span> },
          { title: t('strategy.history.findings'), align: 'right', render: (_, v) => <span className="num">{v.findingCount}</span> },
          { title: t('strategy.history.saved'), render: (_, v) => `${formatInstant(v.createdAt, lang)} · ${v.createdBy}` },
          { title: t('strategy.history.published'), render: (_, v) => (v.publishedAt ? `${formatInstant(v.publishedAt, lang)} · ${v.publishedBy ?? ''}` : '—') },
          {
            title: <span className="strategy-visually-hidden">{t('strategy.history.actions')}</span>,
            key: 'actions',
            render: (_, v) => (
              <Space size={4}>
                <Button size="small" onClick={() => onOpen(v)} aria-label={t('strategy.history.openLabel', { version: v.version })}>{t('strategy.history.open')}</Button>
                {canEdit && v.status === 'draft' ? (
                  <Popconfirm
                    title={t('strategy.publishConfirm', { code: v.code, version: v.version })}
                    okText={t('strategy.publish')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => onPublish(v)}
                  >
                    <Button size="small" type="primary" disabled={v.findingCount > 0} loading={publishing === v.version} data-testid={`publish-${v.version}`}
                      aria-label={t('strategy.publishLabel', { version: v.version })}>
                      {t('strategy.publish')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Diff versions={versions} />
    </Card>
  );
}

function Diff({ versions }: { versions: VersionDetail[] }) {
  const { t } = useTranslation();
  // Until one is chosen: the newest version against the one before it (also after a save adds a version).
  const [fromChosen, setFrom] = useState<number | undefined>(undefined);
  const [toChosen, setTo] = useState<number | undefined>(undefined);
  const from = fromChosen ?? versions[1]?.version;
  const to = toChosen ?? versions[0]?.version;
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  const diff = useMemo(() => (a && b ? diffRows(a.table.rows, b.table.rows) : null), [a, b]);
  if (versions.length < 2) return null;
  const options = versions.map((v) => ({ value: v.version, label: `v${v.version} · ${t(`strategy.status.${v.status}`)}` }));
  const none = diff && diff.added.length + diff.removed.length + diff.changed.length + diff.moved.length === 0;
  return (
    <section aria-labelledby="strategy-diff-title" style={{ marginTop: 16 }}>
      <Typography.Title level={4} id="strategy-diff-title" style={{ fontSize: 15 }}>{t('strategy.diff.title')}</Typography.Title>
      <Space wrap>
        <Select virtual={false} style={{ width: 180 }} aria-label={t('strategy.diff.from')} value={from} options={options} onChange={setFrom} data-testid="diff-from" />
        <span aria-hidden>→</span>
        <Select virtual={false} style={{ width: 180 }} aria-label={t('strategy.diff.to')} value={to} options={options} onChange={setTo} data-testid="diff-to" />
      </Space>
      {diff ? (
        <div data-testid="diff" style={{ marginTop: 8 }}>
          {none ? <Empty description={t('strategy.diff.same')} /> : (
            <ul>
              {diff.added.map((id) => <li key={`a-${id}`} className="strategy-diff-added">{t('strategy.diff.added', { id })}</li>)}
              {diff.removed.map((id) => <li key={`r-${id}`} className="strategy-diff-removed">{t('strategy.diff.removed', { id })}</li>)}
              {diff.changed.map((c) => <li key={`c-${c.id}`} data-testid={`diff-changed-${c.id}`}>{t('strategy.diff.changed', { id: c.id, fields: c.fields.join(', ') })}</li>)}
              {diff.moved.length > 0 ? <li>{t('strategy.diff.moved', { ids: diff.moved.join(', ') })}</li> : null}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
