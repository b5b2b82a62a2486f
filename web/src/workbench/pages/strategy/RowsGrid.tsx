/**
 * A decision table's rows as an editable grid: one line per row with the conditions and outputs used
 * most (id, evaluation order, buckets, days past due, action, channel, template, queue priority,
 * cadence), the other conditions, the fallback chain and the description in the row's expansion. Rows
 * move up and down (the hit policy is first hit, so order matters) and are added and removed. Each
 * row shows the findings that name it, and the cells they name are marked invalid. Read-only, the same
 * grid shows the values as text.
 */
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Button, Checkbox, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ACTIONS,
  CHANNELS,
  CONTACT_CHANNELS,
  LAST_OUTCOMES,
  PLAN_STATES,
  PROMISE_STATES,
  REACHABLE_CHANNELS,
  type Conditions,
  type TableRow,
} from '../../../shared/api/strategy.ts';
import { TAG, useLanguage } from '../../../shared/ui.tsx';
import type { Cell, Placed } from './model.ts';

/** A row in the editor with a key of its own, so inputs keep their focus while ids are typed or rows move. */
export interface EditRow {
  key: string;
  row: TableRow;
}

/** A red at AA contrast on white and on the invalid row's tint (antd's danger red is not). */
const RED = TAG.red;
const BUCKETS = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+'];
type RangeKey = 'daysToDue' | 'balanceMinor' | 'riskScore' | 'daysSinceLastContact';
const NULLABLE: Record<RangeKey, boolean> = { daysToDue: true, balanceMinor: false, riskScore: true, daysSinceLastContact: true };
type ListKey = 'lastOutcome' | 'promiseState' | 'planState' | 'hasChannel';
const LISTS: Record<ListKey, readonly string[]> = { lastOutcome: LAST_OUTCOMES, promiseState: PROMISE_STATES, planState: PLAN_STATES, hasChannel: REACHABLE_CHANNELS };
/** The conditions shown in the row's expansion rather than in a column. */
const MORE_KEYS = ['daysToDue', 'balanceMinor', 'riskScore', 'daysSinceLastContact', 'segment', 'lastOutcome', 'promiseState', 'planState', 'hasChannel', 'validationNoticeSent'] as const;

type Range = { min?: number; max?: number; nulls?: 'exclude' | 'include' | 'only' };

let nextKey = 0;
export const newKey = () => `r${++nextKey}`;

/** A condition left empty is no condition at all (an empty list or range would be refused). */
function withCondition(row: TableRow, key: keyof Conditions, value: unknown): TableRow {
  const conditions: Record<string, unknown> = { ...(row.conditions ?? {}) };
  const empty = value === undefined || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === undefined));
  if (empty) delete conditions[key];
  else conditions[key] = value;
  return { ...row, conditions: conditions as Conditions };
}

const num = (v: number | string | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function rangeText(r: Range | undefined): string {
  if (!r) return '';
  const span = r.min !== undefined || r.max !== undefined ? `${r.min ?? '…'}–${r.max ?? '…'}` : '';
  return [span, r.nulls && r.nulls !== 'exclude' ? `null:${r.nulls}` : ''].filter(Boolean).join(' ');
}

/** The other conditions of a row in a line of text (for the grid and for reading). */
export function moreText(c: Conditions | undefined): string {
  if (!c) return '';
  const parts: string[] = [];
  for (const k of MORE_KEYS) {
    const v = c[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) parts.push(`${k}: ${v.join(', ')}`);
    else if (typeof v === 'boolean') parts.push(`${k}: ${String(v)}`);
    else parts.push(`${k}: ${rangeText(v)}`);
  }
  return parts.join('; ');
}

export function RowsGrid({ rows, onChange, placed, readOnly }: { rows: EditRow[]; onChange: (rows: EditRow[]) => void; placed: Placed | null; readOnly: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [expanded, setExpanded] = useState<string[]>([]);
  const update = (i: number, f: (r: TableRow) => TableRow) => onChange(rows.map((e, j) => (j === i ? { ...e, row: f(e.row) } : e)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    onChange(next);
  };
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  const bad = (i: number, cell: Cell) => placed?.rows.get(i)?.cells.has(cell) ?? false;
  const status = (i: number, cell: Cell) => (bad(i, cell) ? ('error' as const) : undefined);
  const label = (i: number, col: string) => t('strategy.cellLabel', { row: i + 1, column: t(`strategy.col.${col}`) });
  const text = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));

  return (
    <Table<EditRow>
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      scroll={{ x: true }}
      data-testid="rows-grid"
      rowClassName={(_, i) => (placed?.rows.has(i) ? 'strategy-row-invalid' : '')}
      onRow={(_, i) => ({ 'data-testid': `row-${i}`, 'aria-invalid': placed?.rows.has(i ?? -1) ? true : undefined }) as HTMLAttributes<HTMLElement>}
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
        expandedRowRender: (e, i) => <RowDetails row={e.row} index={i} readOnly={readOnly} onChange={(f) => update(i, f)} bad={(c) => bad(i, c)} />,
      }}
      columns={[
        {
          title: '#',
          key: 'order',
          render: (_, __, i) => (
            <Space size={2}>
              <span className="num">{i + 1}</span>
              {readOnly ? null : (
                <>
                  <Button size="small" type="text" aria-label={t('strategy.moveUp', { row: i + 1 })} disabled={i === 0} onClick={() => move(i, -1)}>↑</Button>
                  <Button size="small" type="text" aria-label={t('strategy.moveDown', { row: i + 1 })} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>↓</Button>
                </>
              )}
            </Space>
          ),
        },
        {
          title: t('strategy.col.id'),
          key: 'id',
          render: (_, e, i) => (
            <div style={{ minWidth: 160 }}>
              {readOnly ? <code>{e.row.id}</code> : <Input size="small" aria-label={label(i, 'id')} status={status(i, 'id')} value={e.row.id} onChange={(ev) => update(i, (r) => ({ ...r, id: ev.target.value }))} />}
              {placed?.rows.get(i) ? (
                <ul className="strategy-findings" data-testid={`row-findings-${i}`} role="list" aria-label={t('strategy.rowFindings', { row: i + 1 })}>
                  {placed.rows.get(i)!.messages.map((m, k) => <li key={k}>{m[lang]}</li>)}
                </ul>
              ) : null}
            </div>
          ),
        },
        {
          title: t('strategy.col.priority'),
          key: 'priority',
          render: (_, e, i) => (readOnly ? <span className="num">{e.row.priority}</span> : (
            <InputNumber size="small" style={{ width: 90 }} aria-label={label(i, 'priority')} status={status(i, 'priority')} min={0} precision={0} value={e.row.priority} onChange={(v) => update(i, (r) => ({ ...r, priority: num(v) ?? 0 }))} />
          )),
        },
        {
          title: t('strategy.col.buckets'),
          key: 'buckets',
          render: (_, e, i) => (readOnly ? text(e.row.conditions?.buckets?.join(', ')) : (
            <Select virtual={false}
              size="small"
              mode="tags"
              maxTagCount="responsive"
              style={{ width: 170 }}
              aria-label={label(i, 'buckets')}
              status={status(i, 'buckets')}
              value={e.row.conditions?.buckets ?? []}
              options={BUCKETS.map((b) => ({ value: b, label: b }))}
              onChange={(v: string[]) => update(i, (r) => withCondition(r, 'buckets', v))}
            />
          )),
        },
        {
          title: t('strategy.col.dpd'),
          key: 'dpd',
          render: (_, e, i) => <RangeCell value={e.row.conditions?.dpd} readOnly={readOnly} label={label(i, 'dpd')} invalid={bad(i, 'dpd')} onChange={(v) => update(i, (r) => withCondition(r, 'dpd', v))} />,
        },
        {
          title: t('strategy.col.more'),
          key: 'more',
          render: (_, e, i) => {
            const s = moreText(e.row.conditions);
            return (
              <Typography.Text style={{ minWidth: 200, maxWidth: 280, display: 'inline-block', fontSize: 12, ...(bad(i, 'more') ? { color: RED, fontWeight: 600 } : {}) }} data-testid={`row-more-${i}`}>
                {s || '—'}
              </Typography.Text>
            );
          },
        },
        {
          title: t('strategy.col.action'),
          key: 'action',
          render: (_, e, i) => (readOnly ? t(`strategy.action.${e.row.outputs.action}`) : (
            <Select virtual={false}
              size="small"
              style={{ minWidth: 150 }}
              aria-label={label(i, 'action')}
              status={status(i, 'action')}
              value={e.row.outputs.action}
              options={ACTIONS.map((a) => ({ value: a, label: t(`strategy.action.${a}`) }))}
              onChange={(v) => update(i, (r) => ({ ...r, outputs: { ...r.outputs, action: v } }))}
              data-testid={`row-action-${i}`}
            />
          )),
        },
        {
          title: t('strategy.col.channel'),
          key: 'channel',
          render: (_, e, i) => (readOnly ? t(`strategy.channel.${e.row.outputs.channel}`) : (
            <Select virtual={false}
              size="small"
              style={{ minWidth: 120 }}
              aria-label={label(i, 'channel')}
              status={status(i, 'channel')}
              value={e.row.outputs.channel}
              options={CHANNELS.map((c) => ({ value: c, label: t(`strategy.channel.${c}`) }))}
              onChange={(v) => update(i, (r) => ({ ...r, outputs: { ...r.outputs, channel: v } }))}
            />
          )),
        },
        {
          title: t('strategy.col.template'),
          key: 'template',
          render: (_, e, i) => (readOnly ? text(e.row.outputs.template) : (
            <Input size="small" style={{ width: 160 }} aria-label={label(i, 'template')} status={status(i, 'template')} value={e.row.outputs.template ?? ''}
              onChange={(ev) => update(i, (r) => ({ ...r, outputs: { ...r.outputs, template: ev.target.value.trim() === '' ? null : ev.target.value } }))} />
          )),
        },
        {
          title: t('strategy.col.queuePriority'),
          key: 'queuePriority',
          render: (_, e, i) => (readOnly ? <span className="num">{e.row.outputs.priority}</span> : (
            <InputNumber size="small" style={{ width: 70 }} aria-label={label(i, 'queuePriority')} status={status(i, 'queuePriority')} min={0} max={100} precision={0} value={e.row.outputs.priority}
              onChange={(v) => update(i, (r) => ({ ...r, outputs: { ...r.outputs, priority: num(v) ?? 0 } }))} />
          )),
        },
        {
          title: t('strategy.col.cadenceDays'),
          key: 'cadenceDays',
          render: (_, e, i) => (readOnly ? <span className="num">{e.row.outputs.cadenceDays ?? 0}</span> : (
            <InputNumber size="small" style={{ width: 70 }} aria-label={label(i, 'cadenceDays')} status={status(i, 'cadenceDays')} min={0} max={366} precision={0} value={e.row.outputs.cadenceDays ?? 0}
              onChange={(v) => update(i, (r) => ({ ...r, outputs: { ...r.outputs, cadenceDays: num(v) ?? 0 } }))} data-testid={`row-cadence-${i}`} />
          )),
        },
        ...(readOnly ? [] : [{
          title: <span className="strategy-visually-hidden">{t('strategy.col.remove')}</span>,
          key: 'remove',
          render: (_: unknown, __: EditRow, i: number) => (
            <Button size="small" type="text" style={{ color: RED }} aria-label={t('strategy.removeRow', { row: i + 1 })} disabled={rows.length === 1} onClick={() => remove(i)}>✕</Button>
          ),
        }]),
      ]}
    />
  );
}

function RangeCell({ value, onChange, readOnly, label, invalid, nullable }: { value: Range | undefined; onChange: (v: Range | undefined) => void; readOnly: boolean; label: string; invalid: boolean; nullable?: boolean }) {
  const { t } = useTranslation();
  if (readOnly) return <span className="num">{rangeText(value) || '—'}</span>;
  const set = (patch: Partial<Range>) => {
    const next: Range = { ...(value ?? {}), ...patch };
    for (const k of Object.keys(next) as Array<keyof Range>) if (next[k] === undefined) delete next[k];
    onChange(Object.keys(next).length === 0 ? undefined : next);
  };
  const st = invalid ? ('error' as const) : undefined;
  return (
    <Space size={2} wrap={false}>
      <InputNumber size="small" style={{ width: 72 }} aria-label={`${label} · ${t('strategy.min')}`} placeholder={t('strategy.min')} status={st} precision={0} value={value?.min ?? null} onChange={(v) => set({ min: num(v) })} />
      <span aria-hidden>–</span>
      <InputNumber size="small" style={{ width: 72 }} aria-label={`${label} · ${t('strategy.max')}`} placeholder={t('strategy.max')} status={st} precision={0} value={value?.max ?? null} onChange={(v) => set({ max: num(v) })} />
      {nullable ? (
        <Select virtual={false}
          size="small"
          style={{ width: 130 }}
          aria-label={`${label} · ${t('strategy.nulls.label')}`}
          value={value?.nulls ?? 'exclude'}
          options={(['exclude', 'include', 'only'] as const).map((n) => ({ value: n, label: t(`strategy.nulls.${n}`) }))}
          onChange={(v) => set({ nulls: v === 'exclude' ? undefined : v })}
        />
      ) : null}
    </Space>
  );
}

/** The rest of a row: its description, the other conditions, the fallback chain and whether the law requires it. */
function RowDetails({ row, index, readOnly, onChange, bad }: { row: TableRow; index: number; readOnly: boolean; onChange: (f: (r: TableRow) => TableRow) => void; bad: (c: Cell) => boolean }) {
  const { t } = useTranslation();
  const label = (col: string) => t('strategy.cellLabel', { row: index + 1, column: t(`strategy.col.${col}`) });
  const c = row.conditions ?? {};
  const fallback = row.outputs.fallback ?? [];
  const setFallback = (next: typeof fallback) => onChange((r) => ({ ...r, outputs: { ...r.outputs, fallback: next } }));
  const line = (key: string, node: ReactNode) => (
    <div key={key} style={{ display: 'grid', gridTemplateColumns: '220px 1fr', alignItems: 'center', gap: 8, marginBottom: 6 }}>
      <span>{t(`strategy.col.${key}`)}</span>
      <div>{node}</div>
    </div>
  );
  return (
    <div data-testid={`row-details-${index}`} style={{ paddingBlock: 4 }}>
      {line('description', readOnly ? (row.description || '—') : (
        <Input size="small" aria-label={label('description')} status={bad('description') ? 'error' : undefined} maxLength={500} value={row.description ?? ''}
          onChange={(ev) => onChange((r) => ({ ...r, description: ev.target.value === '' ? undefined : ev.target.value }))} />
      ))}
      {(Object.keys(NULLABLE) as RangeKey[]).map((k) => line(k, (
        <RangeCell value={c[k] as Range | undefined} nullable={NULLABLE[k]} readOnly={readOnly} label={label(k)} invalid={bad('more')} onChange={(v) => onChange((r) => withCondition(r, k, v))} />
      )))}
      {line('segment', readOnly ? (c.segment?.join(', ') || '—') : (
        <Select virtual={false} size="small" mode="tags" style={{ minWidth: 240 }} aria-label={label('segment')} value={c.segment ?? []} onChange={(v: string[]) => onChange((r) => withCondition(r, 'segment', v))} />
      ))}
      {(Object.keys(LISTS) as ListKey[]).map((k) => line(k, readOnly ? ((c[k] as string[] | undefined)?.map((v) => t(`strategy.value.${v}`, { defaultValue: v })).join(', ') || '—') : (
        <Select virtual={false}
          size="small"
          mode="multiple"
          style={{ minWidth: 240 }}
          aria-label={label(k)}
          value={(c[k] as string[] | undefined) ?? []}
          options={LISTS[k].map((v) => ({ value: v, label: t(`strategy.value.${v}`, { defaultValue: v }) }))}
          onChange={(v: string[]) => onChange((r) => withCondition(r, k, v))}
        />
      )))}
      {line('validationNoticeSent', readOnly ? (c.validationNoticeSent === undefined ? t('strategy.any') : t(c.validationNoticeSent ? 'strategy.yes' : 'strategy.no')) : (
        <Select virtual={false}
          size="small"
          style={{ width: 140 }}
          aria-label={label('validationNoticeSent')}
          value={c.validationNoticeSent === undefined ? 'any' : String(c.validationNoticeSent)}
          options={[{ value: 'any', label: t('strategy.any') }, { value: 'true', label: t('strategy.yes') }, { value: 'false', label: t('strategy.no') }]}
          onChange={(v) => onChange((r) => withCondition(r, 'validationNoticeSent', v === 'any' ? undefined : v === 'true'))}
        />
      ))}
      {line('fallback', readOnly ? (fallback.map((f) => `${t(`strategy.channel.${f.channel}`)} (${f.template})`).join(' → ') || '—') : (
        <Space orientation="vertical" size={4}>
          {fallback.map((f, k) => (
            <Space key={k} size={4}>
              <Select virtual={false} size="small" style={{ width: 140 }} aria-label={t('strategy.fallbackChannel', { row: index + 1, n: k + 1 })} status={bad('fallback') ? 'error' : undefined} value={f.channel}
                options={CONTACT_CHANNELS.map((ch) => ({ value: ch, label: t(`strategy.channel.${ch}`) }))}
                onChange={(v) => setFallback(fallback.map((x, j) => (j === k ? { ...x, channel: v } : x)))} />
              <Input size="small" style={{ width: 160 }} aria-label={t('strategy.fallbackTemplate', { row: index + 1, n: k + 1 })} status={bad('fallback') ? 'error' : undefined} value={f.template}
                onChange={(ev) => setFallback(fallback.map((x, j) => (j === k ? { ...x, template: ev.target.value } : x)))} />
              <Button size="small" type="text" style={{ color: RED }} aria-label={t('strategy.removeFallback', { row: index + 1, n: k + 1 })} onClick={() => setFallback(fallback.filter((_, j) => j !== k))}>✕</Button>
            </Space>
          ))}
          <Button size="small" onClick={() => setFallback([...fallback, { channel: 'sms', template: '' }])}>{t('strategy.addFallback')}</Button>
        </Space>
      ))}
      {line('legallyRequired', readOnly ? t(row.outputs.legallyRequired ? 'strategy.yes' : 'strategy.no') : (
        <Checkbox aria-label={label('legallyRequired')} checked={row.outputs.legallyRequired ?? false} onChange={(ev) => onChange((r) => ({ ...r, outputs: { ...r.outputs, legallyRequired: ev.target.checked } }))} />
      ))}
    </div>
  );
}
