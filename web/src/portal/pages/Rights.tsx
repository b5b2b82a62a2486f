/**
 * 我的权利与理财知识: plain-language pages per region (China, the US, the UK): when a collector may
 * contact you, your family and employer, what is not allowed, how to check a call, dispute, complain
 * and to whom, and where free debt advice is; then money basics (a budget, priority debts, scams).
 * The words are in the catalogues (selfService.rights), each point naming the rule it rests on. The
 * region of the debtor's accounts is shown first.
 */
import { useState } from 'react';
import { Card, Segmented, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useTitle } from '../../shared/ui.tsx';
import { useSession } from '../../shared/session.ts';

const REGIONS = ['CN', 'US', 'UK'] as const;
type Region = (typeof REGIONS)[number];
const SECTIONS = ['hours', 'thirdParties', 'conduct', 'verify', 'dispute', 'complain', 'advice'] as const;

function regionOf(jurisdiction: string | undefined): Region | undefined {
  if (!jurisdiction) return undefined;
  if (jurisdiction === 'CN' || jurisdiction === 'UK') return jurisdiction;
  return jurisdiction.startsWith('US') ? 'US' : undefined;
}

export function RightsPage() {
  const { t } = useTranslation();
  useTitle(`${t('selfService.rights.title')} · ${t('app.portal')}`);
  // The region of the debtor's own accounts, when signed in (the page is readable without it).
  const session = useSession();
  const prefs = useQuery({ queryKey: ['my-preferences'], queryFn: ({ signal }) => api('GET /api/v1/portal/preferences', { signal }), enabled: session !== null });
  const mine = regionOf(prefs.data?.jurisdiction);
  const [chosen, setChosen] = useState<Region | null>(null);
  const region: Region = chosen ?? mine ?? 'CN';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('selfService.rights.title')}</Typography.Title>
      <Typography.Paragraph>{t('selfService.rights.intro')}</Typography.Paragraph>
      {mine ? <Typography.Text data-testid="rights-mine">{t('selfService.rights.yourRegion')}: <strong>{t(`selfService.rights.regions.${mine}`)}</strong></Typography.Text> : null}
      <div data-testid="rights-region">
        <Segmented<Region>
          block
          aria-label={t('selfService.rights.yourRegion')}
          value={region}
          onChange={(v) => setChosen(v)}
          options={REGIONS.map((r) => ({ value: r, label: t(`selfService.rights.regions.${r}`) }))}
        />
      </div>
      <section aria-labelledby="rights-region-title" data-testid="rights-body" data-region={region}>
        <Typography.Title level={3} id="rights-region-title" style={{ fontSize: 18 }}>{t(`selfService.rights.regions.${region}`)}</Typography.Title>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {SECTIONS.map((s) => (
            <Card key={s} size="small" title={<Typography.Title level={4} style={{ fontSize: 16, margin: 0 }}>{t(`selfService.rights.sections.${s}`)}</Typography.Title>}>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t(`selfService.rights.${region}.${s}`)}</Typography.Paragraph>
            </Card>
          ))}
        </Space>
      </section>
      <section aria-labelledby="education-title">
        <Typography.Title level={3} id="education-title" style={{ fontSize: 18 }}>{t('selfService.rights.education.title')}</Typography.Title>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {(['budget', 'priority', 'scam'] as const).map((k) => (
            <Card key={k} size="small" title={<Typography.Title level={4} style={{ fontSize: 16, margin: 0 }}>{t(`selfService.rights.education.${k}Title`)}</Typography.Title>}>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t(`selfService.rights.education.${k}`)}</Typography.Paragraph>
            </Card>
          ))}
        </Space>
      </section>
    </Space>
  );
}
