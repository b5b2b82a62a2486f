/**
 * One QA review: each call or message with what the scanner found (the words, the rule and why, in
 * the reader's language), and the scorecard: every criterion met, not met or not applicable, with a
 * comment. The server computes the score and whether a critical criterion failed it.
 */
import { App, Button, Card, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';
import { useIdempotencyKey } from '../../shared/idempotency.ts';

type Review = ResponseOf<'GET /api/v1/quality/reviews/{id}'>;
type Scorecard = ResponseOf<'GET /api/v1/quality/scorecard'>;
type Answer = Scorecard['answers'][number];
const SEVERITY_TAG = { high: TAG.red, medium: TAG.orange, low: TAG.gold } as const;

export function QualityReviewPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { id = '' } = useParams();
  const n = Number(id);
  useTitle(`${t('quality.reviewNo', { id })} · ${t('app.workbench')}`);
  const review = useQuery({ queryKey: ['quality-review', n], queryFn: ({ signal }) => api('GET /api/v1/quality/reviews/{id}', { path: { id: n }, signal }) });
  const card = useQuery({ queryKey: ['quality-scorecard'], queryFn: ({ signal }) => api('GET /api/v1/quality/scorecard', { signal }) });
  return (
    <>
      <Typography.Paragraph><Link to="/quality">{t('quality.back')}</Link></Typography.Paragraph>
      <Typography.Title level={2}>{t('quality.reviewNo', { id })}</Typography.Title>
      <QueryState query={review}>
        {(r) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Paragraph>
              {t(`qualitySource.${r.source}`, { defaultValue: r.source })} · {r.businessDate} · {t('quality.customer')}: {r.customerId}
              {r.collectorId ? ` · ${r.collectorId}` : ''}{r.agencyId ? ` · ${r.agencyId}` : ''}
            </Typography.Paragraph>
            {r.itemsDetail.length === 0 ? <Typography.Paragraph type="secondary">{t('quality.noItems')}</Typography.Paragraph> : null}
            {r.itemsDetail.map((item) => (
              <Card key={item.itemId} size="small" title={`${t(`qualityItem.${item.kind}`, { defaultValue: item.kind })} · ${t(`channel.${item.channel}`, { defaultValue: item.channel })} · ${formatInstant(item.contactAt, lang)}`} data-testid="quality-item">
                {item.text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.text}</Typography.Paragraph> : <Typography.Paragraph type="secondary">{t('quality.noText')}</Typography.Paragraph>}
                {item.findings.length === 0 ? <Typography.Text type="secondary">{t('quality.noFindings')}</Typography.Text> : (
                  <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                    {item.findings.map((f, i) => (
                      <li key={i}>
                        <Tag color={SEVERITY_TAG[f.severity]}>{t(`severity.${f.severity}`)}</Tag>
                        <strong>{t(`findingCategory.${f.category}`, { defaultValue: f.category })}</strong>: “{f.match}” — {f.explanation[lang]}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            ))}
            {r.status === 'scored' ? (
              <Card data-testid="quality-result">
                <Typography.Paragraph>
                  <Tag color={r.passed ? TAG.green : TAG.red}>{r.score} · {t(r.passed ? 'quality.passed' : 'quality.failed')}</Tag>
                  {t('quality.scoredBy', { who: r.reviewer ?? '—', when: formatInstant(r.scoredAt, lang) })}
                </Typography.Paragraph>
                {r.failedCritical && r.failedCritical.length > 0 ? <Typography.Paragraph>{t('quality.failedCritical')}: {r.failedCritical.join(', ')}</Typography.Paragraph> : null}
                {r.comment ? <Typography.Paragraph>{r.comment}</Typography.Paragraph> : null}
              </Card>
            ) : (
              <QueryState query={card}>{(c) => <ScoreForm review={r} card={c} />}</QueryState>
            )}
          </Space>
        )}
      </QueryState>
    </>
  );
}

interface ScoreValues {
  answers: Record<string, Answer>;
  comment?: string;
}

function ScoreForm({ review, card }: { review: Review; card: Scorecard }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const keyOf = useIdempotencyKey();
  const score = useMutation({
    mutationFn: (v: ScoreValues) => {
      const body = { answers: v.answers, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) };
      return api('POST /api/v1/quality/reviews/{id}/score', { path: { id: review.id }, headers: { 'idempotency-key': keyOf(body) }, body });
    },
    onSuccess: async (r) => {
      void message.success(t('quality.savedScore', { score: r.score }));
      await Promise.all([client.invalidateQueries({ queryKey: ['quality-review', review.id] }), client.invalidateQueries({ queryKey: ['quality-reviews'] })]);
    },
  });
  return (
    <Card title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('quality.scorecard', { version: card.version, pass: card.passMark })}</Typography.Title>}>
      <Form<ScoreValues> layout="vertical" onFinish={(v) => score.mutate(v)} data-testid="score-form">
        <Table
          size="small"
          rowKey="code"
          dataSource={card.criteria}
          pagination={false}
          columns={[
            { title: t('quality.criterion'), render: (_, c) => <span id={`criterion-${c.code}`}>{c.label[lang]}{c.critical ? <Tag color={TAG.red} style={{ marginInlineStart: 8 }}>{t('quality.critical')}</Tag> : null}</span> },
            { title: t('quality.weight'), dataIndex: 'weight', align: 'right' },
            {
              title: t('quality.answer'),
              render: (_, c) => (
                <Form.Item name={['answers', c.code]} rules={[{ required: true, message: t('callForm.required') }]} style={{ margin: 0 }}>
                  <Radio.Group aria-labelledby={`criterion-${c.code}`} options={card.answers.map((a) => ({ value: a, label: t(`qaAnswer.${a}`) }))} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item name="comment" label={t('quality.comment')} style={{ marginTop: 16 }}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {score.isError ? <div style={{ marginBottom: 12 }}><ErrorState error={score.error} /></div> : null}
        <Button type="primary" htmlType="submit" loading={score.isPending}>{t('quality.submitScore')}</Button>
      </Form>
    </Card>
  );
}
