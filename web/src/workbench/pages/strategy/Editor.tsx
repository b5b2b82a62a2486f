/**
 * A decision table's editor (/strategy/tables/:code, and /strategy/tables/new for a new code). It opens
 * on the latest version; the rows are a grid (RowsGrid). Validate asks the server's validator and puts
 * each finding on the row and cell it names; What-if runs the draft and the table in force over the
 * current accounts; Save as new version stores the draft (the server keeps findings other than invalid
 * fields with it); a draft without findings is published from the history, after a confirmation.
 * Readers without ACCESS.strategy see the same table and history without the buttons that write.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../shared/api/client.ts';
import {
  JURISDICTIONS,
  publishVersion,
  saveTable,
  simulate,
  tableVersions,
  validateTable,
  type DecisionTable,
  type Finding,
  type Jurisdiction,
  type SavedTable,
  type VersionDetail,
} from '../../../shared/api/strategy.ts';
import { ErrorState, QueryState, useLanguage, useTitle } from '../../../shared/ui.tsx';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { RowsGrid, newKey, type EditRow } from './RowsGrid.tsx';
import { WhatIfView, type WhatIfResult } from './WhatIf.tsx';
import { History } from './History.tsx';
import { placeFindings, type Placed } from './model.ts';
import { useCanEditStrategy } from './access.ts';

interface Draft {
  code: string;
  jurisdiction: Jurisdiction;
  description: string;
  rows: EditRow[];
  /** The version the rows were loaded from; null for a new table. */
  basedOn: number | null;
}

const BLANK: Draft = {
  code: '',
  jurisdiction: 'CN',
  description: '',
  rows: [{ key: newKey(), row: { id: 'row-1', priority: 100, conditions: {}, outputs: { action: 'none', channel: 'none', priority: 0 } } }],
  basedOn: null,
};

const draftOf = (v: VersionDetail): Draft => ({
  code: v.code,
  jurisdiction: v.jurisdiction,
  description: v.table.description ?? '',
  rows: v.table.rows.map((row) => ({ key: newKey(), row })),
  basedOn: v.version,
});

export function EditorPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const versions = useQuery({ queryKey: ['strategy', 'versions', code], queryFn: ({ signal }) => tableVersions(code!, signal), enabled: code !== undefined });
  useTitle(`${code ?? t('strategy.newTable')} · ${t('strategy.title')} · ${t('app.workbench')}`);
  if (code === undefined) return <Editor key="new" initial={BLANK} versions={[]} />;
  return <QueryState query={versions}>{(d) => <Editor key={d.code} initial={draftOf(d.versions[0]!)} versions={d.versions} />}</QueryState>;
}

/** The findings and field issues a refused request carries, if it was refused for its fields. */
function refusal(err: unknown): { findings: Finding[]; issues: ReadonlyArray<{ path: string; message: string }> } | null {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return null;
  const findings = Array.isArray(err.details['findings']) ? (err.details['findings'] as Finding[]) : [];
  return { findings, issues: findings.length > 0 ? [] : err.issues };
}

function Editor({ initial, versions }: { initial: Draft; versions: VersionDetail[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const canEdit = useCanEditStrategy();
  const isNew = initial.basedOn === null;
  const [draft, setDraft] = useState<Draft>(initial);
  const shown = versions.find((v) => v.version === draft.basedOn);
  // A version as stored shows the findings it was saved with, until the editor's own check replaces them.
  const [placed, setPlaced] = useState<Placed | null>(() => (shown && shown.findings.length > 0 ? placeFindings(shown.table.rows, shown.findings) : null));
  const [verdict, setVerdict] = useState<{ ok: boolean; count: number } | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIfResult | null>(null);
  const [saved, setSaved] = useState<SavedTable | null>(null);
  const saveKey = useIdempotencyKey();
  const publishKey = useIdempotencyKey();

  const table = (): DecisionTable => ({ code: draft.code.trim(), jurisdiction: draft.jurisdiction, description: draft.description, rows: draft.rows.map((e) => e.row) });
  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setVerdict(null);
    setSaved(null);
  };
  /** Shows a refusal's fields on the grid; true when the error was such a refusal. */
  const showRefusal = (err: unknown, rows: DecisionTable['rows']) => {
    const r = refusal(err);
    if (!r) return false;
    const p = placeFindings(rows, r.findings, r.issues);
    setPlaced(p);
    setVerdict({ ok: false, count: r.findings.length + r.issues.length });
    return true;
  };

  const validate = useMutation({
    mutationFn: (tb: DecisionTable) => validateTable(tb),
    onSuccess: (res, tb) => {
      setPlaced(res.findings.length > 0 ? placeFindings(tb.rows, res.findings) : null);
      setVerdict({ ok: res.ok, count: res.findings.length });
    },
    onError: (err, tb) => void showRefusal(err, tb.rows),
  });

  const runWhatIf = useMutation({
    mutationFn: async (tb: DecisionTable): Promise<WhatIfResult> => {
      const [d, f] = await Promise.all([
        simulate({ table: tb }),
        simulate({ jurisdiction: tb.jurisdiction }).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return null;
          throw e;
        }),
      ]);
      return { draft: d, inForce: f };
    },
    onSuccess: (res, tb) => {
      setWhatIf(res);
      setPlaced(res.draft.findings.length > 0 ? placeFindings(tb.rows, res.draft.findings) : null);
    },
    onError: (err, tb) => {
      setWhatIf(null);
      showRefusal(err, tb.rows);
    },
  });

  const save = useMutation({
    mutationFn: (tb: DecisionTable) => saveTable(tb, saveKey(tb)),
    onSuccess: async (res, tb) => {
      setSaved(res);
      setPlaced(res.findings.length > 0 ? placeFindings(tb.rows, res.findings) : null);
      setVerdict({ ok: res.findings.length === 0, count: res.findings.length });
      void message.success(t('strategy.savedAs', { code: res.code, version: res.version }));
      await client.invalidateQueries({ queryKey: ['strategy'] });
      if (isNew) void navigate(`/strategy/tables/${encodeURIComponent(res.code)}`);
    },
    onError: (err, tb) => void showRefusal(err, tb.rows),
  });

  const publish = useMutation({
    mutationFn: (v: VersionDetail) => publishVersion(v.code, v.version, publishKey({ code: v.code, version: v.version })),
    onSuccess: async (res) => {
      void message.success(t('strategy.publishedAs', { code: res.code, version: res.version }));
      await client.invalidateQueries({ queryKey: ['strategy'] });
    },
  });

  const busy = validate.isPending || runWhatIf.isPending || save.isPending;
  const otherError = (m: { isError: boolean; error: unknown }) => (m.isError && !refusal(m.error) ? <ErrorState error={m.error} /> : null);

  return (
    <>
      <Typography.Title level={2}>
        {isNew ? t('strategy.newTable') : t('strategy.editorTitle', { code: draft.code })}
      </Typography.Title>
      <Typography.Paragraph>
        <Link to="/strategy">{t('strategy.backToTables')}</Link>
        {shown ? <> · {t('strategy.basedOn', { version: shown.version, status: t(`strategy.status.${shown.status}`) })}</> : null}
      </Typography.Paragraph>
      {canEdit ? null : <Alert type="info" showIcon title={t('strategy.readOnly')} style={{ marginBottom: 12 }} data-testid="read-only" />}

      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap align="start" size="large">
          <div>
            <label htmlFor="table-code" style={{ display: 'block' }}>{t('strategy.code')}</label>
            {isNew && canEdit ? (
              <Input id="table-code" style={{ width: 220 }} value={draft.code} maxLength={64} onChange={(e) => change({ code: e.target.value })}
                status={placed?.table.length && !draft.code ? 'error' : undefined} data-testid="table-code" />
            ) : <code id="table-code">{draft.code}</code>}
          </div>
          <div>
            <label htmlFor="table-jurisdiction" style={{ display: 'block' }}>{t('strategy.jurisdiction')}</label>
            {isNew && canEdit ? (
              <Select virtual={false} id="table-jurisdiction" style={{ width: 140 }} value={draft.jurisdiction} options={JURISDICTIONS.map((j) => ({ value: j, label: j }))} onChange={(v) => change({ jurisdiction: v })} />
            ) : <span id="table-jurisdiction">{draft.jurisdiction}</span>}
          </div>
          <div style={{ minWidth: 320, flex: 1 }}>
            <label htmlFor="table-description" style={{ display: 'block' }}>{t('strategy.description')}</label>
            {canEdit ? (
              <Input.TextArea id="table-description" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} style={{ width: 520, maxWidth: '100%' }} value={draft.description} onChange={(e) => change({ description: e.target.value })} />
            ) : <Typography.Paragraph id="table-description" style={{ margin: 0 }}>{draft.description || '—'}</Typography.Paragraph>}
          </div>
        </Space>
      </Card>

      {canEdit ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => validate.mutate(table())} loading={validate.isPending} disabled={busy && !validate.isPending} data-testid="validate">{t('strategy.validate')}</Button>
          <Button onClick={() => runWhatIf.mutate(table())} loading={runWhatIf.isPending} disabled={busy && !runWhatIf.isPending} data-testid="what-if-run">{t('strategy.whatIf.run')}</Button>
          <Button type="primary" onClick={() => save.mutate(table())} loading={save.isPending} disabled={busy && !save.isPending} data-testid="save">{t('strategy.save')}</Button>
          <Button onClick={() => change({ rows: [...draft.rows, { key: newKey(), row: { id: `row-${draft.rows.length + 1}`, priority: (Math.max(0, ...draft.rows.map((e) => e.row.priority)) + 10), conditions: {}, outputs: { action: 'none', channel: 'none', priority: 0 } } }] })} data-testid="add-row">
            {t('strategy.addRow')}
          </Button>
        </Space>
      ) : null}

      <div aria-live="polite">
        {verdict ? (
          verdict.ok
            ? <Alert type="success" showIcon title={t('strategy.valid')} style={{ marginBottom: 12 }} data-testid="validation-ok" />
            : <Alert type="error" showIcon title={t('strategy.findingCount', { count: verdict.count })} style={{ marginBottom: 12 }} data-testid="validation-failed" />
        ) : null}
        {placed && placed.table.length > 0 ? (
          <Alert type="warning" showIcon title={t('strategy.tableFindings')} style={{ marginBottom: 12 }} data-testid="table-findings"
            description={<ul style={{ margin: 0 }}>{placed.table.map((m, i) => <li key={i}>{m[lang]}</li>)}</ul>} />
        ) : null}
        {saved ? <Alert type="success" showIcon title={t('strategy.savedAs', { code: saved.code, version: saved.version })} style={{ marginBottom: 12 }} data-testid="saved" /> : null}
        {otherError(validate)}
        {otherError(save)}
      </div>

      <RowsGrid rows={draft.rows} onChange={(rows) => change({ rows })} placed={placed} readOnly={!canEdit} />

      {canEdit ? (
        <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t('strategy.whatIf.title')}</Typography.Title>} style={{ marginTop: 16 }}>
          {runWhatIf.isPending ? <Typography.Paragraph role="status">{t('common.loading')}</Typography.Paragraph> : null}
          {otherError(runWhatIf)}
          {whatIf ? <WhatIfView result={whatIf} /> : runWhatIf.isPending || runWhatIf.isError ? null : <Typography.Paragraph type="secondary">{t('strategy.whatIf.hint')}</Typography.Paragraph>}
        </Card>
      ) : null}

      {versions.length > 0 ? (
        <History
          versions={versions}
          canEdit={canEdit}
          onOpen={(v) => {
            setDraft(draftOf(v));
            setPlaced(v.findings.length > 0 ? placeFindings(v.table.rows, v.findings) : null);
            setVerdict(null);
            setWhatIf(null);
            setSaved(null);
          }}
          onPublish={(v) => publish.mutate(v)}
          publishing={publish.isPending ? (publish.variables?.version ?? null) : null}
          publishError={publish.isError ? publish.error : null}
        />
      ) : null}
    </>
  );
}
