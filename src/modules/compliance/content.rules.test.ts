import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasElectronicOptOut, lintMessage, lintText } from './content.rules.ts';

const categories = (text: string, opts: Parameters<typeof lintText>[1] = {}): string[] => [...new Set(lintText(text, opts).findings.map((f) => f.category as string))].sort();

describe('template lint: zh-CN', () => {
  const hits: Array<[string, string, string]> = [
    ['a threat of harm', '再不还钱让你好看', 'threat'],
    ['a threat to tell the employer', '今天不还就通知你单位领导', 'threat'],
    ['a threat to tell the family', '我们会打电话给你的家人', 'threat'],
    ['a threat to let the whole family know', '再不还钱就让你全家都知道', 'threat'],
    ['a threat to let colleagues know', '让你同事知道你欠钱不还', 'threat'],
    ['an insult', '你这个老赖', 'insult'],
    ['impersonating a court', '我们是XX区人民法院执行局', 'impersonation'],
    ['impersonating a lawyer', '本人系XX律师事务所律师', 'impersonation'],
    ['a court summons the collector cannot issue', '法院传票已寄出', 'impersonation'],
    ['a blacklist', '你已上征信黑名单', 'fictitious_blacklist'],
    ['a travel ban', '您将永久无法坐高铁', 'fictitious_blacklist'],
    ['jail', '不还就让你坐牢', 'exaggerated_consequence'],
    ['the children', '会影响你孩子上学', 'exaggerated_consequence'],
    ['a collection fee', '需缴纳上门费500元', 'extra_fee'],
    ['public exposure', '把你的信息发到朋友圈', 'public_exposure'],
    ['address-book spamming', '马上爆通讯录', 'public_exposure'],
    ['borrowing to repay', '你可以以贷还贷', 'induced_borrowing'],
  ];
  for (const [what, text, category] of hits) it(`finds ${what}: ${text}`, () => assert.ok(categories(text).includes(category), `${text} → ${categories(text)}`));

  const clean: Array<[string, string]> = [
    ['a factual overdue reminder', '【XX银行】尊敬的客户，您尾号1234的借款已逾期5天，请及时还款，逾期可能影响个人征信。'],
    ['a reassurance that the family will not be told', '我们不会联系您的家人，请放心。'],
    ['a reassurance with 绝不', '我司绝不会通知您的单位。'],
    ['an anti-fraud warning about scammers', '谨防骗子冒充我司工作人员，请认准官方号码。'],
    ['advice to consult a lawyer', '如有疑问，您可以咨询专业律师。'],
    ['a lawful statement of the right to sue', '如协商不成，我司将依法通过诉讼途径解决。'],
    ['a reassurance about blacklists (negated)', '我们没有所谓黑名单，也不会收取任何额外费用。'],
  ];
  for (const [what, text] of clean) it(`finds nothing in ${what}`, () => assert.deepEqual(categories(text), []));

  it('still finds a threat after a conditional with 不 in an earlier clause', () => {
    assert.ok(categories('如不还款，将通知你的家人').includes('threat'));
  });
  it('finds debt disclosure only for third-party recipients', () => {
    assert.deepEqual(categories('请提醒他还款'), []);
    assert.ok(lintMessage('请提醒他还款', 'zh-CN', 'contact').findings.some((f) => f.category === 'debt_disclosure'));
  });
});

describe('template lint: en', () => {
  const hits: Array<[string, string, string]> = [
    ['a threat to tell the employer', 'We will contact your employer today.', 'threat'],
    ['an insult', 'Pay up, deadbeat.', 'insult'],
    ['impersonating the police', 'This is officer Smith calling about a matter.', 'impersonation'],
    ['a blacklist', 'You have been blacklisted by all banks.', 'fictitious_blacklist'],
    ['arrest', 'A warrant for your arrest may be issued.', 'exaggerated_consequence'],
    ['a fee for collection', 'A collection fee of $50 applies.', 'extra_fee'],
    ['public posting', 'We will post your name on social media.', 'public_exposure'],
    ['borrowing to repay', 'Why not take out another loan to pay this?', 'induced_borrowing'],
    ['pressure to sell', 'You should sell your car.', 'pressure'],
  ];
  for (const [what, text, category] of hits) it(`finds ${what}`, () => assert.ok(categories(text).includes(category), `${text} → ${categories(text)}`));

  const clean: Array<[string, string]> = [
    ['a word that contains "police"', 'Please read our privacy policy.'],
    ['"sue" inside "issue" and "pursue"', 'If there is an issue we will pursue a plan with you.'],
    ['"court" inside "courtesy"', 'This is a courtesy reminder.'],
    ['"jail" inside "jailbreak"', 'Our app does not support jailbreak devices.'],
    ['a negated threat', 'We will never contact your employer.'],
    ['a late fee mentioned factually', 'A late fee was added under your agreement.'],
    ['an invitation to speak to an attorney', 'You may wish to speak to an attorney or a free debt adviser.'],
  ];
  for (const [what, text] of clean) it(`finds nothing in ${what}`, () => assert.deepEqual(categories(text), []));

  it('keeps a threat after "if you don\'t pay," because the negation is in another clause', () => {
    assert.ok(categories("If you don't pay, we will tell your family.").includes('threat'));
  });
  it('restricts the lexicon to one language when asked', () => {
    assert.deepEqual(lintText('你这个老赖 deadbeat', { lang: 'en' }).findings.map((f) => f.lang), ['en']);
  });
  it('reports positions so an editor can highlight the words', () => {
    const f = lintText('Hello. Pay up, deadbeat.').findings[0]!;
    assert.equal('Hello. Pay up, deadbeat.'.slice(f.index, f.index + f.match.length), 'deadbeat');
    assert.ok(f.ruleIds.includes('CN-PROHIB-01'));
  });
});

describe('electronic opt-out notice', () => {
  for (const text of ['Reply STOP to opt out', 'Text STOP to end', 'Unsubscribe: https://x.example/u', '回复TD退订']) it(`recognises "${text}"`, () => assert.ok(hasElectronicOptOut(text)));
  it('does not take "stop by our office" for an opt-out', () => assert.ok(!hasElectronicOptOut('Please stop by our office.')));
});
