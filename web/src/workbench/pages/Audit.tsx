/**
 * The audit trail's check: the server recomputes the hash chain of every audit entry and says
 * whether it is intact, or where it first breaks and how (edited, deleted, reordered, cut off).
 */
import { Alert, Button, Card, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { verifyAudit } from '../../shared/api/governance.ts';
import { QueryState, useTitle } from '../../shared/ui.tsx';

export function AuditPage() {
  const { t } = useTranslation();
  useTitle(`${t('audit.title')} · ${t('app.workbench')}`);
  const q = useQuery({ queryKey: ['audit-verify'], queryFn: ({ signal }) => verifyAudit(signal), staleTime: 0 });
  return (
    <>
      <Typography.Title level={2}>{t('audit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Card>
        <QueryState query={q}>
          {(v) => (
            <div data-testid="audit-result">
              {v.ok ? (
                <Alert type="success" showIcon title={t('audit.ok', { count: v.entries })} data-testid="audit-ok" />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title={t('audit.broken', { seq: v.firstBrokenSeq ?? '—' })}
                  description={`${t(`auditBreak.${v.kind ?? 'unknown'}`, { defaultValue: v.kind ?? '' })}${v.reason ? ` — ${v.reason}` : ''}`}
                  data-testid="audit-broken"
                />
              )}
            </div>
          )}
        </QueryState>
        <Button style={{ marginTop: 16 }} onClick={() => void q.refetch()} loading={q.isFetching}>{t('audit.again')}</Button>
      </Card>
    </>
  );
}
