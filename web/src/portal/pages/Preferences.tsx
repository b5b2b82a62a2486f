/**
 * 联系偏好: the media I do not want to be contacted by, times that do not suit me, not contacting my
 * contacts (third parties), and, where US law gives it, a request to cease communication
 * (GET/PUT /api/v1/portal/preferences). What the law still requires (statutory notices) is said; what
 * the rule pack of the debtor's region does with each choice is said too.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import type { MyPreferences } from '../../shared/api/self-service.ts';
import { ErrorState, QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';
import { useIdempotencyKey } from '../../shared/idempotency.ts';

const CHANNELS = ['sms', 'email', 'call', 'letter'] as const;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Channel = (typeof CHANNELS)[number];
type Weekday = (typeof WEEKDAYS)[number];
type Window = { from: string; to: string; days: Weekday[] };
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export function PreferencesPage() {
  const { t } = useTranslation();
  useTitle(`${t('selfService.prefs.title')} · ${t('app.portal')}`);
  const q = useQuery({ queryKey: ['my-preferences'], queryFn: ({ signal }) => api('GET /api/v1/portal/preferences', { signal }) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('selfService.prefs.title')}</Typography.Title>
      <Typography.Paragraph>{t('selfService.prefs.intro')}</Typography.Paragraph>
      <QueryState query={q}>{(p) => <PreferencesForm p={p} key={p.updatedAt ?? 'new'} />}</QueryState>
    </Space>
  );
}

function regionNote(j: string): string {
  if (j === 'CN') return 'selfService.prefs.noteCN';
  if (j === 'UK') return 'selfService.prefs.noteUK';
  return j.startsWith('US') ? 'selfService.prefs.noteUS' : '';
}

function PreferencesForm({ p }: { p: MyPreferences }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useQueryClient();
  const keyOf = useIdempotencyKey();
  const [optOuts, setOptOuts] = useState<Channel[]>([...p.optOuts]);
  const [windows, setWindows] = useState<Window[]>(p.quietHours.map((w) => ({ from: w.from, to: w.to, days: [...(w.days ?? [])] as Weekday[] })));
  const [thirdParty, setThirdParty] = useState(p.noThirdPartyContact);
  const [cease, setCease] = useState(p.ceaseRequested);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { optOuts: Channel[]; quietHours: Array<{ from: string; to: string; days?: Weekday[] }>; noThirdPartyContact: boolean; ceaseRequested: boolean }) =>
      api('PUT /api/v1/portal/preferences', { headers: { 'idempotency-key': keyOf(body) }, body }),
    onSuccess: (r) => client.setQueryData(['my-preferences'], r),
  });
  const submit = () => {
    setProblem(null);
    if (windows.some((w) => !CLOCK.test(w.from) || !CLOCK.test(w.to) || w.from === w.to)) return setProblem(t('selfService.prefs.badTime'));
    save.mutate({
      optOuts: CHANNELS.filter((c) => optOuts.includes(c)),
      quietHours: windows.map((w) => ({ from: w.from, to: w.to, ...(w.days.length > 0 ? { days: w.days } : {}) })),
      noThirdPartyContact: thirdParty,
      ceaseRequested: cease,
    });
  };
  const setWindow = (i: number, w: Partial<Window>) => setWindows((all) => all.map((x, j) => (j === i ? { ...x, ...w } : x)));
  const note = regionNote(p.jurisdiction);
  return (
    <Card>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary" data-testid="prefs-saved">
          {t('selfService.prefs.jurisdiction', { code: p.jurisdiction })} · {p.updatedAt ? t('selfService.prefs.saved', { when: formatInstant(p.updatedAt, lang) }) : t('selfService.prefs.neverSaved')}
        </Typography.Text>
        {note ? <Alert type="info" showIcon title={t(note)} /> : null}
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <legend><Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('selfService.prefs.channels')}</Typography.Title></legend>
          <div data-testid="prefs-channels">
            <Checkbox.Group value={optOuts} onChange={(v) => setOptOuts(v as Channel[])}>
              <Space orientation="vertical">
                {CHANNELS.map((c) => <Checkbox key={c} value={c}>{t(`selfService.prefs.channel.${c}`)}</Checkbox>)}
              </Space>
            </Checkbox.Group>
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('selfService.prefs.channelsNote')}</Typography.Paragraph>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <legend><Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('selfService.prefs.quietHours')}</Typography.Title></legend>
          <Typography.Paragraph type="secondary">{t('selfService.prefs.quietHoursHelp')}</Typography.Paragraph>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {windows.map((w, i) => (
              <Card key={i} size="small" title={t('selfService.prefs.window', { n: i + 1 })} data-testid="quiet-window"
                extra={<Button size="small" onClick={() => setWindows((all) => all.filter((_, j) => j !== i))}>{t('selfService.prefs.removeWindow')}</Button>}>
                <Space wrap>
                  <label>{t('selfService.prefs.from')} <Input type="time" style={{ width: 130 }} value={w.from} onChange={(e) => setWindow(i, { from: e.target.value })} aria-label={`${t('selfService.prefs.window', { n: i + 1 })} ${t('selfService.prefs.from')}`} /></label>
                  <label>{t('selfService.prefs.to')} <Input type="time" style={{ width: 130 }} value={w.to} onChange={(e) => setWindow(i, { to: e.target.value })} aria-label={`${t('selfService.prefs.window', { n: i + 1 })} ${t('selfService.prefs.to')}`} /></label>
                </Space>
                <div style={{ marginTop: 8 }}>
                  <Typography.Text>{t('selfService.prefs.days')}</Typography.Text>
                  <Checkbox.Group value={w.days} onChange={(v) => setWindow(i, { days: v as Weekday[] })} aria-label={t('selfService.prefs.days')}
                    options={WEEKDAYS.map((d) => ({ value: d, label: t(`selfService.prefs.weekday.${d}`) }))} />
                </div>
              </Card>
            ))}
            {windows.length < 4 ? <Button onClick={() => setWindows((all) => [...all, { from: '12:00', to: '14:00', days: [] }])} data-testid="add-window">{t('selfService.prefs.addWindow')}</Button> : null}
          </Space>
        </fieldset>
        <div>
          <Checkbox checked={thirdParty} onChange={(e) => setThirdParty(e.target.checked)}>{t('selfService.prefs.thirdParty')}</Checkbox>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 4 }}>{t('selfService.prefs.thirdPartyHelp')}</Typography.Paragraph>
        </div>
        {p.ceaseAvailable || p.ceaseRequested ? (
          <div>
            <Checkbox checked={cease} onChange={(e) => setCease(e.target.checked)}>{t('selfService.prefs.cease')}</Checkbox>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 4 }}>{t('selfService.prefs.ceaseHelp')}</Typography.Paragraph>
          </div>
        ) : null}
        <div aria-live="polite">
          {problem ? <Alert type="warning" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
          {save.isError ? <div style={{ marginBottom: 12 }}><ErrorState error={save.error} /></div> : null}
        </div>
        <Button type="primary" size="large" block loading={save.isPending} onClick={submit} data-testid="prefs-save">{t('selfService.prefs.save')}</Button>
      </Space>
    </Card>
  );
}
