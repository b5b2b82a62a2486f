import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../compliance/index.ts';
import { normalise, scanText, type BaseLint } from './scan.rules.ts';
import type { QaLexiconEntry } from './lexicon.rules.ts';

const base: BaseLint = (text, opts) => lintText(text, { thirdParty: opts.thirdParty }).findings;
const scan = (text: string, thirdParty = false) => scanText(text, base, { thirdParty });
const hits = (text: string, thirdParty = false) => scan(text, thirdParty).map((f) => `${f.category}:${f.severity}`);
const has = (text: string, expected: string) => {
  const got = hits(text);
  assert.ok(got.includes(expected), `${text} → [${got.join(', ')}], expected ${expected}`);
};

describe('quality scanner: zh-CN', () => {
  const rows: Array<[string, string, string]> = [
    ['a threat to sue the debtor', '不还钱我们就起诉你', 'threat:medium'],
    ['jail', '你等着坐牢吧', 'threat:high'],
    ['a visit', '明天安排人上门', 'threat:medium'],
    ['a visit to make trouble', '我们上门找你', 'threat:high'],
    ['coming to get the debtor', '我们会派人来抓你', 'threat:high'],
    ['social ruin', '让你身败名裂', 'threat:high'],
    ['an insult', '你就是个老赖', 'insult:high'],
    ['another insult', '你这个废物', 'insult:high'],
    ['impersonating a court', '我是人民法院的工作人员', 'impersonation:high'],
    ['impersonating the police', '我们是公安局经侦大队的', 'impersonation:high'],
    ['impersonating the credit bureau', '我们是征信中心的', 'impersonation:high'],
    ['telling the family', '我会告诉你家人', 'third_party_disclosure:high'],
    ['telling the employer', '我们马上通知你单位', 'third_party_disclosure:high'],
    ['the address book', '我们会联系你的通讯录', 'third_party_disclosure:high'],
    ['the colleagues will know', '你同事很快就会知道你欠钱', 'third_party_disclosure:high'],
    ['already told the family', '我们已经联系了你的父母', 'third_party_disclosure:high'],
    ['a permanent blacklist', '你会进征信永久黑名单', 'misleading:medium'],
    ['a criminal record', '你会留案底', 'misleading:medium'],
    ['obscenity', '他妈的赶紧还钱', 'obscene:high'],
  ];
  for (const [what, text, expected] of rows) it(`finds ${what}: ${text} → ${expected}`, () => has(text, expected));

  const obfuscated: Array<[string, string, string]> = [
    ['spaces between the characters (拆字)', '让你坐 牢', 'threat:high'],
    ['a full-width space', '让你坐\u3000牢', 'threat:high'],
    ['punctuation between the characters', '让你坐.牢', 'threat:high'],
    ['stars between the characters', '老*赖', 'insult:high'],
    ['several fillers', '告 - 诉你家人', 'third_party_disclosure:high'],
  ];
  for (const [what, text, expected] of obfuscated) it(`sees through ${what}: ${text}`, () => has(text, expected));

  const clean: Array<[string, string]> = [
    ['a factual reminder', '【XX银行】尊敬的客户，您的借款已逾期5天，请及时还款，逾期可能影响个人征信。'],
    ['a reassurance that the family will not be told', '我们不会联系您的家人，请放心。'],
    ['a reassurance about visits', '我们不会上门催收。'],
    ['an anti-fraud warning', '谨防骗子冒充我司工作人员，请认准官方号码。'],
    ['a courteous call opening', '您好，我是XX银行的客服小王，来电是提醒您本期账单。'],
    ['"his mother\'s phone" is not profanity', '这是你妈妈的电话吗？'],
  ];
  for (const [what, text] of clean) it(`finds nothing in ${what}`, () => assert.deepEqual(hits(text), []));

  it('rates the lender\'s own neutral legal notice low, so it alone never forces a review', () => {
    const text = '如协商不成，我司将依法通过诉讼途径解决，届时由人民法院依法裁决。';
    assert.deepEqual(hits(text), ['threat:low']);
    assert.match(scan(text)[0]!.explanation['zh-CN'], /提及法律途径本身不违规/);
  });
  it('keeps a threat after a conditional with 不 in an earlier clause', () => has('如不还款，将通知你的家人', 'third_party_disclosure:high'));
  it('finds the debt mentioned at all in a message to a third party', () => {
    assert.deepEqual(hits('请提醒他尽快还款'), []);
    assert.ok(hits('请提醒他尽快还款', true).includes('third_party_disclosure:high'));
  });
});

describe('quality scanner: en', () => {
  const rows: Array<[string, string, string]> = [
    ['an arrest threat', 'We will arrest you if you do not pay.', 'threat:high'],
    ['jail', 'You could go to jail for this.', 'threat:high'],
    ['a threat to sue', "We'll sue you next week.", 'threat:medium'],
    ['a home visit', 'Someone will show up at your home.', 'threat:medium'],
    ['an insult', 'Pay up, you deadbeat.', 'insult:high'],
    ['obscenity', 'Pay the fucking bill.', 'obscene:high'],
    ['pretending to be police', "This is officer Brown from the police.", 'impersonation:high'],
    ['pretending to be a lawyer', "I'm an attorney handling your case.", 'impersonation:high'],
    ['pretending to be government', 'I am calling from the government about your debt.', 'impersonation:high'],
    ['the employer will know', 'Your employer will know about this debt.', 'third_party_disclosure:high'],
    ['telling the family', 'We will tell your family.', 'third_party_disclosure:high'],
    ['already told', 'We already told your boss.', 'third_party_disclosure:high'],
    ['a criminal record', 'You will get a criminal record.', 'misleading:medium'],
    ['a blacklist', 'You are blacklisted by every bank.', 'misleading:medium'],
    ['false urgency', 'This is your final warning.', 'misleading:low'],
  ];
  for (const [what, text, expected] of rows) it(`finds ${what} → ${expected}`, () => has(text, expected));

  const obfuscated: Array<[string, string, string]> = [
    ['spaced-out letters', 'we will a r r e s t you', 'threat:high'],
    ['digits for letters', 'you are a l0ser', 'insult:high'],
    ['full-width letters', 'ｗｅ ｗｉｌｌ ａｒｒｅｓｔ ｙｏｕ', 'threat:high'],
    ['a symbol for a letter', 'you @sshole', 'obscene:high'],
  ];
  for (const [what, text, expected] of obfuscated) it(`sees through ${what}: ${text}`, () => has(text, expected));

  const clean: Array<[string, string]> = [
    ['a courteous reminder', 'Hello, this is a courtesy reminder from Example Bank that your payment is overdue.'],
    ['"police" inside "policy"', 'Please read our privacy policy.'],
    ['a negated threat', 'We will never contact your employer.'],
    ['an employer that will not know', 'Your employer will not know about this call.'],
    ['advice to see an adviser', 'You may wish to speak to an attorney or a free debt adviser.'],
  ];
  for (const [what, text] of clean) it(`finds nothing in ${what}`, () => assert.deepEqual(hits(text), []));

  it('rates a neutral mention of legal proceedings low', () => assert.deepEqual(hits('If we cannot agree, the lender may start legal proceedings.'), ['threat:low']));
});

describe('quality scanner: spans and lexicon', () => {
  it('reports the span in the original text, with the filler the writer put in', () => {
    const text = '好的，让你坐 - 牢！';
    const f = scan(text).find((x) => x.category === 'threat')!;
    assert.equal(f.match, '坐 - 牢');
    assert.equal(text.slice(f.start, f.end), '坐 - 牢');
  });
  it('maps full-width characters back to the original positions', () => {
    const n = normalise('ＡＢ 坐 牢');
    assert.equal(n.text, 'ab 坐牢');
    assert.deepEqual([n.starts[3], n.ends[4]], [3, 6]);
  });
  it('merges overlapping findings of one category, keeping the most severe', () => {
    const threats = scan('我们上门找你').filter((f) => f.category === 'threat');
    assert.deepEqual(threats.map((f) => f.severity), ['high']);
  });
  it('runs a lexicon given in place of the bundled one', () => {
    const lexicon: QaLexiconEntry[] = [{ id: 'test', category: 'insult', severity: 'low', lang: 'en', pattern: '\\bbanana\\b', negatable: false }];
    const f = scanText('you banana', () => [], { lexicon });
    assert.deepEqual(f.map((x) => [x.rule, x.match]), [['quality:test', 'banana']]);
  });
  it('names the rule that fired and explains it in both languages', () => {
    for (const f of scan('你这个老赖，我们已经联系了你的父母，让你坐牢')) {
      assert.match(f.rule, /^(?:quality|compliance):/);
      assert.ok(f.explanation['zh-CN'] && f.explanation.en);
    }
  });
});
