/**
 * My contact history: every call, message and letter between us, whoever made it (the lender or an
 * agency acting for it), each with its verify code, which opens the check that it was genuine.
 */
import { Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { myContactHistory } from '../../shared/api/governance.ts';
import { QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';

export function HistoryPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('portal.historyTitle')} · ${t('app.portal')}`);
  const q = useQuery({ queryKey: ['my-history'], queryFn: ({ signal }) => myContactHistory(signal) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('portal.historyTitle')}</Typography.Title>
      <Typography.Paragraph>{t('portal.historyIntro')}</Typography.Paragraph>
      <QueryState query={q}>
        {(rows) => rows.length === 0 ? <Empty description={t('portal.noHistory')} /> : (
          <List
            dataSource={rows}
            data-testid="my-history"
            renderItem={(h) => (
              <List.Item data-testid="history-item">
                <Space orientation="vertical" size={2}>
                  <Space wrap>
                    <strong>{t(`channel.${h.channel}`, { defaultValue: h.channel })}</strong>
                    <Tag>{t(`direction.${h.direction}`, { defaultValue: h.direction })}</Tag>
                    <span>{formatInstant(h.at, lang)}</span>
                  </Space>
                  <span>
                    {t(h.initiatorKind === 'agency' ? 'portal.byAgency' : 'portal.byLender')}
                    {h.accountRef ? ` · ${h.accountRef}` : ''}
                    {h.outcome ? ` · ${t(`outcome.${h.outcome}`, { defaultValue: h.outcome })}` : ''}
                  </span>
                  {h.verifyCode ? (
                    <span>{t('portal.codeLabel')}: <Link to={`/verify/${encodeURIComponent(h.verifyCode)}`} data-testid="history-code">{h.verifyCode}</Link></span>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Space>
  );
}
