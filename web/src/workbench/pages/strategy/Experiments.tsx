/**
 * Champion/challenger experiments (/strategy/experiments): each with its table, the champion (the
 * version in force when it started) and the challenger, the split (holdout, challenger, champion), its
 * guardrails, its status and, once stopped, why (by hand with the reason, or by a guardrail with the
 * arm, the metric, its value and the limit it crossed). Strategy managers start one (the server names
 * any refused field, shown on that field) and stop a running one with a reason.
 */
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client.ts';
import {
  BP_WHOLE,
  GUARDRAIL_METRICS,
  MAX_HOLDOUT_BP,
  experiments,
  startExperiment,
  stopExperiment,
  strategyTables,
  type Experiment,
  type ExperimentInput,
  type Guardrail,
  type TableSummary,
} from '../../../shared/api/strategy.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../../shared/ui.tsx';
import { formatBpPercent } from '../../../shared/format.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { bpToPercent, percentToBp, stopReasonOf } from './model.ts';
import { useCanEditStrategy } from './access.ts';

const STATUS_COLOUR = { running: TAG.blue, stopped: TAG.red, completed: TAG.green } as const;
/** antd's danger red is below AA contrast on white (and under white text); this red is not. */
const DANGER_OUTLINE = { color: TAG.red, borderColor: TAG.red } as const;
const DANGER_SOLID = { background: TAG.red, borderColor: TAG.red, color: '#fff' } as const;

export function ExperimentsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEditStrategy();
  useTitle(`${t('strategy.experiments.title')} · ${t('strategy.title')} · ${t('app.workbench')}`);
  const q = useQuery({ queryKey: ['strategy', 'experiments'], queryFn: ({ signal }) => experiments(signal) });
  const [stopping, setStopping] = useState<Experiment | null>(null);
  return (
    <>
      <Typography.Title level={2}>{t('strategy.experiments.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('strategy.experiments.intro')}</Typography.Paragraph>
      <QueryState query={q}>
        {(d) => <ExperimentList items={d.experiments} canEdit={canEdit} onStop={setStopping} />}
      </QueryState>
      {canEdit ? <CreateExperiment /> : null}
      {stopping ? <StopExperiment x={stopping} onDone={() => setStopping(null)} /> : null}
    </>
  );
}

function guardrailText(g: Guardrail, t: (k: string, o?: Record<string, unknown>) => string): string {
  const parts = [t(`strategy.metric.${g.metric}`)];
  if (g.ceiling !== undefined) parts.push(t('strategy.experiments.ceilingIs', { value: g.ceiling }));
  if (g.maxRatioToChampionBp !== undefined) parts.push(t('strategy.experiments.ratioIs', { value: formatBpPercent(g.maxRatioToChampionBp) }));
  if (g.minSample) parts.push(t('strategy.experiments.minSampleIs', { value: g.minSample }));
  return `${g.id}: ${parts.join(' · ')}`;
}

function ExperimentList({ items, canEdit, onStop }: { items: Experiment[]; canEdit: boolean; onStop: (x: Experiment) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Table<Experiment>
      size="small"
      rowKey="code"
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: true }}
      locale={{ emptyText: t('strategy.experiments.empty') }}
      data-testid="experiments"
      onRow={(x) => ({ 'data-testid': `experiment-${x.code}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('strategy.experiments.code'), dataIndex: 'code' },
        { title: t('strategy.experiments.table'), dataIndex: 'tableCode' },
        {
          title: t('strategy.experiments.arms'),
          render: (_, x) => (
            <div className="num">
              <div>{t('strategy.experiments.champion')}: v{x.championVersion} · {formatBpPercent(BP_WHOLE - x.holdoutBp - x.challengerBp)}</div>
              <div>{t('strategy.experiments.challenger')}: v{x.challengerVersion} · {formatBpPercent(x.challengerBp)}</div>
              {x.holdoutBp > 0 ? <div>{t('strategy.experiments.holdout')}: {formatBpPercent(x.holdoutBp)}</div> : null}
            </div>
          ),
        },
        {
          title: t('strategy.experiments.guardrails'),
          render: (_, x) => (x.guardrails.length === 0 ? '—' : <ul style={{ margin: 0, paddingInlineStart: 16 }}>{x.guardrails.map((g) => <li key={g.id}>{guardrailText(g, t)}</li>)}</ul>),
        },
        { title: t('strategy.experiments.status'), render: (_, x) => <Tag color={STATUS_COLOUR[x.status]} data-testid={`experiment-status-${x.code}`}>{t(`strategy.experiments.statusName.${x.status}`)}</Tag> },
        { title: t('strategy.experiments.period'), render: (_, x) => <span className="num">{x.startedOn} – {x.stoppedOn ?? ''}</span> },
        {
          title: t('strategy.experiments.result'),
          render: (_, x) => {
            const r = stopReasonOf(x.stopReason);
            if (!r) return '—';
            if (r.kind === 'manual') return <span data-testid={`experiment-reason-${x.code}`}>{t('strategy.experiments.stoppedBy', { actor: r.actor, reason: r.reason })}</span>;
            return (
              <div data-testid={`experiment-reason-${x.code}`}>
                <div>{t('strategy.experiments.stoppedByGuardrail', { date: r.businessDate })}</div>
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {r.reasons.map((g, i) => <li key={i}>{t(`strategy.experiments.armName.${g.arm}`, { defaultValue: g.arm })}: {g.message[lang]} ({g.value} &gt; {g.threshold})</li>)}
                </ul>
              </div>
            );
          },
        },
        ...(canEdit ? [{
          title: <span className="strategy-visually-hidden">{t('strategy.experiments.stop')}</span>,
          key: 'stop',
          render: (_: unknown, x: Experiment) => (x.status === 'running' ? (
            <Button size="small" style={DANGER_OUTLINE} onClick={() => onStop(x)} data-testid={`stop-${x.code}`} aria-label={t('strategy.experiments.stopLabel', { code: x.code })}>{t('strategy.experiments.stop')}</Button>
          ) : null),
        }] : []),
      ]}
    />
  );
}

interface FormValues {
  code: string;
  tableCode: string;
  challengerVersion: number;
  holdoutPct: number;
  challengerPct: number;
  guardrails: Array<{ id: string; metric: Guardrail['metric']; ceiling?: number | null; maxRatioPct?: number | null; minSample?: number | null }>;
}

/** Server paths (`body.challengerBp`, `guardrails.0.ceiling`, `code`) → the form's field names. */
function fieldOf(path: string): Array<string | number> | null {
  const parts = path.replace(/^body\./, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const rename: Record<string, string> = { holdoutBp: 'holdoutPct', challengerBp: 'challengerPct', maxRatioToChampionBp: 'maxRatioPct' };
  const out = parts.map((p) => (typeof p === 'string' ? (rename[p] ?? p) : p));
  const top = out[0];
  if (top === 'code' || top === 'tableCode' || top === 'challengerVersion' || top === 'holdoutPct' || top === 'challengerPct') return [top];
  if (top === 'guardrails' && typeof out[1] === 'number') return out.length > 2 ? ['guardrails', out[1], out[2]!] : ['guardrails', out[1], 'id'];
  return null;
}

function CreateExperiment() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const keyOf = useIdempotencyKey();
  const tables = useQuery({ queryKey: ['strategy', 'tables'], queryFn: ({ signal }) => strategyTables(signal) });
  const tableCode = Form.useWatch('tableCode', form);
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const start = useMutation({
    mutationFn: (body: ExperimentInput) => startExperiment(body, keyOf(body)),
    onSuccess: async (x) => {
      void message.success(t('strategy.experiments.started', { code: x.code }));
      form.resetFields();
      setUnplaced(null);
      await client.invalidateQueries({ queryKey: ['strategy'] });
    },
    onError: (err) => {
      // The fields the server names go on those fields; anything else is shown above the form.
      const issues = err instanceof ApiError ? err.issues : [];
      const placed = issues.map((i) => ({ name: fieldOf(i.path), errors: [i.message] })).filter((f): f is { name: Array<string | number>; errors: string[] } => f.name !== null);
      if (placed.length > 0) form.setFields(placed as Parameters<typeof form.setFields>[0]);
      setUnplaced(placed.length === issues.length && placed.length > 0 ? null : err);
    },
  });
  const submit = (v: FormValues) => {
    start.mutate({
      code: v.code.trim(),
      tableCode: v.tableCode,
      challengerVersion: v.challengerVersion,
      holdoutBp: percentToBp(v.holdoutPct ?? 0),
      challengerBp: percentToBp(v.challengerPct),
      guardrails: (v.guardrails ?? []).map((g) => ({
        id: g.id.trim(),
        metric: g.metric,
        ...(typeof g.ceiling === 'number' ? { ceiling: g.ceiling } : {}),
        ...(typeof g.maxRatioPct === 'number' ? { maxRatioToChampionBp: percentToBp(g.maxRatioPct) } : {}),
        ...(typeof g.minSample === 'number' ? { minSample: g.minSample } : {}),
      })),
    });
  };
  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t('strategy.experiments.create')}</Typography.Title>} style={{ marginTop: 16 }}>
      <QueryState query={tables}>
        {(d) => {
          const chosen: TableSummary | undefined = d.tables.find((x) => x.code === tableCode);
          return (
            <Form<FormValues>
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{ holdoutPct: 0, challengerPct: 10, guardrails: [{ id: 'complaints', metric: 'complaintsPer10kContacts', maxRatioPct: 150, minSample: 500 }] }}
              data-testid="experiment-form"
              style={{ maxWidth: 880 }}
            >
              <Space wrap align="start" size="middle">
                <Form.Item name="code" label={t('strategy.experiments.code')} rules={[{ required: true, message: t('strategy.experiments.required') }]}>
                  <Input style={{ width: 200 }} maxLength={64} data-testid="experiment-code" />
                </Form.Item>
                <Form.Item name="tableCode" label={t('strategy.experiments.table')} rules={[{ required: true, message: t('strategy.experiments.required') }]}>
                  <Select virtual={false} style={{ width: 200 }} options={d.tables.map((x) => ({ value: x.code, label: `${x.code} (${x.inForce ? `v${x.inForce.version}` : t('strategy.noneInForce')})` }))}
                    onChange={() => form.setFieldValue('challengerVersion', undefined)} data-testid="experiment-table" />
                </Form.Item>
                <Form.Item label={t('strategy.experiments.champion')}>
                  <span className="num">{chosen?.inForce ? `v${chosen.inForce.version}` : '—'}</span>
                </Form.Item>
                <Form.Item name="challengerVersion" label={t('strategy.experiments.challenger')} rules={[{ required: true, message: t('strategy.experiments.required') }]}>
                  <Select virtual={false} style={{ width: 220 }} data-testid="experiment-challenger"
                    options={(chosen?.versions ?? []).filter((v) => v.version !== chosen?.inForce?.version).map((v) => ({ value: v.version, label: `v${v.version} · ${t(`strategy.status.${v.status}`)}${v.findingCount > 0 ? ` · ${t('strategy.findingCount', { count: v.findingCount })}` : ''}` }))} />
                </Form.Item>
              </Space>
              <Space wrap align="start" size="middle">
                <Form.Item name="challengerPct" label={t('strategy.experiments.challengerShare')} rules={[{ required: true, message: t('strategy.experiments.required') }]}>
                  <InputNumber min={0.01} max={100} step={1} precision={2} suffix="%" style={{ width: 140 }} data-testid="experiment-challenger-share" />
                </Form.Item>
                <Form.Item name="holdoutPct" label={t('strategy.experiments.holdoutShare', { max: bpToPercent(MAX_HOLDOUT_BP) })}>
                  <InputNumber min={0} max={bpToPercent(MAX_HOLDOUT_BP)} step={1} precision={2} suffix="%" style={{ width: 140 }} />
                </Form.Item>
              </Space>
              <Typography.Title level={4} style={{ fontSize: 15 }}>{t('strategy.experiments.guardrails')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('strategy.experiments.guardrailHint')}</Typography.Paragraph>
              <Form.List name="guardrails">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} wrap align="start" size="small" data-testid={`guardrail-${f.name}`}>
                        <Form.Item name={[f.name, 'id']} label={t('strategy.experiments.guardrailId')} rules={[{ required: true, message: t('strategy.experiments.required') }]}>
                          <Input style={{ width: 140 }} maxLength={64} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'metric']} label={t('strategy.experiments.metric')} rules={[{ required: true, message: t('strategy.experiments.required') }]}>
                          <Select virtual={false} style={{ width: 240 }} options={GUARDRAIL_METRICS.map((m) => ({ value: m, label: t(`strategy.metric.${m}`) }))} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'ceiling']} label={t('strategy.experiments.ceiling')}>
                          <InputNumber min={0} precision={0} style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'maxRatioPct']} label={t('strategy.experiments.maxRatio')}>
                          <InputNumber min={100} max={10000} precision={2} suffix="%" style={{ width: 140 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'minSample']} label={t('strategy.experiments.minSample')}>
                          <InputNumber min={0} precision={0} style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item label={<span className="strategy-visually-hidden">{t('strategy.experiments.removeGuardrail')}</span>}>
                          <Button type="text" style={{ color: TAG.red }} onClick={() => remove(f.name)} aria-label={t('strategy.experiments.removeGuardrailLabel', { n: f.name + 1 })}>✕</Button>
                        </Form.Item>
                      </Space>
                    ))}
                    <Form.Item>
                      <Button onClick={() => add({ id: `guardrail-${fields.length + 1}`, metric: 'optOutsPer10kContacts' })}>{t('strategy.experiments.addGuardrail')}</Button>
                    </Form.Item>
                  </>
                )}
              </Form.List>
              {unplaced ? <div style={{ marginBottom: 12 }}><ErrorState error={unplaced} /></div> : null}
              <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="experiment-start">{t('strategy.experiments.start')}</Button>
            </Form>
          );
        }}
      </QueryState>
    </Card>
  );
}

function StopExperiment({ x, onDone }: { x: Experiment; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [completed, setCompleted] = useState(false);
  const keyOf = useIdempotencyKey();
  const stop = useMutation({
    mutationFn: () => {
      const body = { reason: reason.trim(), completed };
      return stopExperiment(x.code, body, keyOf({ code: x.code, body }));
    },
    onSuccess: async () => {
      void message.success(t('strategy.experiments.stopped', { code: x.code }));
      await client.invalidateQueries({ queryKey: ['strategy', 'experiments'] });
      onDone();
    },
  });
  return (
    <Modal
      open
      title={t('strategy.experiments.stopTitle', { code: x.code })}
      onCancel={onDone}
      onOk={() => stop.mutate()}
      okText={t('strategy.experiments.stop')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: stop.isPending, style: reason.trim() === '' ? undefined : DANGER_SOLID, disabled: reason.trim() === '', 'data-testid': 'stop-confirm' } as never}
    >
      <Typography.Paragraph>{t('strategy.experiments.stopExplain')}</Typography.Paragraph>
      <label htmlFor="stop-reason">{t('strategy.experiments.reason')}</label>
      <Input.TextArea id="stop-reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="stop-reason" />
      <Checkbox style={{ marginTop: 8 }} checked={completed} onChange={(e) => setCompleted(e.target.checked)}>{t('strategy.experiments.completed')}</Checkbox>
      {stop.isError ? <div style={{ marginTop: 12 }}><ErrorState error={stop.error} /></div> : null}
    </Modal>
  );
}
