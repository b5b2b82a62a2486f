/**
 * Is this call or message genuine? The answer comes from GET /api/v1/verify/{code}, in the reader's
 * language: who sent it, how and when — or a clear warning and how to report an impostor.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Result, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';

type Answer = ResponseOf<'GET /api/v1/verify/{code}'>;

export function VerifyPage() {
  const { t } = useTranslation();
  useTitle(`${t('portal.verifyTitle')} · ${t('app.portal')}`);
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [text, setText] = useState(code);
  const answer = useQuery({ queryKey: ['verify', code], enabled: code !== '', queryFn: ({ signal }) => api('GET /api/v1/verify/{code}', { path: { code }, signal }) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('portal.verifyTitle')}</Typography.Title>
      <Typography.Paragraph>{t('portal.verifyIntro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => text.trim() && navigate(`/verify/${encodeURIComponent(text.trim())}`)}>
        <Form.Item label={t('portal.codeLabel')} htmlFor="verify-code">
          <Input id="verify-code" size="large" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('portal.codePlaceholder')} autoComplete="off" autoCapitalize="characters" maxLength={32} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block>{t('portal.check')}</Button>
      </Form>
      {code !== '' ? <QueryState query={answer}>{(a) => <Verdict a={a} />}</QueryState> : null}
    </Space>
  );
}

function Verdict({ a }: { a: Answer }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (a.genuine) {
    return (
      <Result
        status="success"
        title={t('portal.genuine')}
        subTitle={a.message[lang]}
        data-testid="verify-genuine"
        style={{ padding: 16 }}
      >
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'sender', label: t('portal.sender'), children: <span data-testid="verify-sender">{a.sender?.name} · {a.sender?.kind === 'agency' ? t('portal.agency') : t('portal.lender')}</span> },
            { key: 'channel', label: t('portal.channel'), children: <span data-testid="verify-channel">{t(`channel.${a.channel ?? ''}`, { defaultValue: a.channel ?? '—' })}</span> },
            a.sentAt
              ? { key: 'sent', label: t('portal.sentAt'), children: <span data-testid="verify-when">{formatInstant(a.sentAt, lang)}</span> }
              : { key: 'scheduled', label: t('portal.scheduledFor'), children: <span data-testid="verify-when">{formatInstant(a.scheduledFor, lang)}</span> },
            { key: 'code', label: t('portal.codeLabel'), children: <code>{a.code}</code> },
          ]}
        />
      </Result>
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="verify-warning"
      title={<strong>{t('portal.notGenuine')}</strong>}
      description={
        <>
          <p>{a.message[lang]}</p>
          {a.howToReport ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16 }}>{t('portal.howToReport')}</Typography.Title>
              <p data-testid="verify-report">{a.howToReport[lang]}</p>
            </>
          ) : null}
        </>
      }
    />
  );
}
