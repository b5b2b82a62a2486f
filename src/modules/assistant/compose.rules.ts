/**
 * The assistant's answers, composed from facts read for the signed-in debtor (assistant.store.ts):
 * the ledger's balances and explanation, the schedule, the negotiation policy's options, the
 * jurisdiction's rule pack, the complaint SLA and the verify-code lookup. Pure: no clock, no I/O.
 * Every amount, date and count in a reply is a figure taken from the facts and listed in `figures`
 * with its source, so a reply can be checked against the ledger to the cent; nothing is estimated.
 * Guarded messages (another person, an identifier that is not the debtor's, prompt injection,
 * threats) get fixed answers that read no facts at all.
 */
import { formatMoney, type Currency } from '../../platform/money.ts';
import type { Action, AnswerKind, Figure, Guard, Language } from './assistant.types.ts';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export interface AccountFacts {
  ref: string;
  currency: Currency;
  /** The last closed business day: balances are as of its end. */
  asOf: string;
  dpd: number;
  balances: { principalMinor: number; interestMinor: number; penaltyMinor: number; feesMinor: number; creditMinor: number; totalMinor: number; overdueMinor: number };
  /** The next instalment not yet due: its date and its scheduled amount (principal + interest), as the portal shows it. */
  nextDue: { dueOn: string; amountMinor: number } | null;
  /** The due date of the oldest instalment still unpaid and past due. */
  oldestUnpaidDueOn: string | null;
  /** Per component: what was charged in all and what the cost cap removed. */
  charged: Record<'interest' | 'penalty' | 'fees', { chargedMinor: number; cappedMinor: number }>;
}

export interface OptionFacts {
  accountRef: string;
  kind: string;
  explanation: Bilingual;
  instant: boolean;
}

export interface RightsFacts {
  jurisdiction: string;
  /** Local contact hours allowed, minutes after midnight. */
  contactFromMinutes: number | null;
  contactUntilMinutes: number | null;
  maxConversationsPerDay: number | null;
  thirdPartiesOnlyToLocate: boolean;
  disputeHoldsCollection: boolean;
  creditReportNoticeDays: number | null;
}

export interface ComplaintFacts {
  acknowledge: { n: number; unit: 'business_days' | 'calendar_days' };
  finalResponse: { n: number; unit: 'business_days' | 'calendar_days' };
}

export interface VerifyFacts {
  code: string;
  genuine: boolean;
  message: Bilingual;
  howToReport?: Bilingual;
}

export interface Facts {
  accounts: AccountFacts[];
  options?: OptionFacts[];
  rights?: RightsFacts;
  complaint?: ComplaintFacts;
  /** The verify code found in the message, and what the lookup said; null: no code in the message. */
  verify?: VerifyFacts | null;
  hotline: string;
}

export interface Composed {
  reply: string;
  actions: Action[];
  figures: Figure[];
}

const UNIT: Record<'business_days' | 'calendar_days', Bilingual> = { business_days: { 'zh-CN': '个工作日', en: 'business days' }, calendar_days: { 'zh-CN': '天', en: 'calendar days' } };

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The quick questions offered when the assistant is not sure, or says hello. */
export function suggestions(lang: Language): Action[] {
  const q: Array<[Bilingual]> = [
    [{ 'zh-CN': '我还欠多少钱', en: 'How much do I owe?' }],
    [{ 'zh-CN': '什么时候要还', en: 'When is my payment due?' }],
    [{ 'zh-CN': '还不上怎么办', en: 'I can\'t pay, what are my options?' }],
    [{ 'zh-CN': '这个电话是你们打的吗', en: 'Was this call really from you?' }],
  ];
  return q.map(([b]) => ({ kind: 'ask' as const, label: b[lang], target: b[lang] }));
}

const HANDOFF: Bilingual = { 'zh-CN': '转人工', en: 'Talk to a person' };

function open(label: Bilingual, target: string, lang: Language): Action {
  return { kind: 'open', label: label[lang], target };
}

function handoff(lang: Language): Action {
  return { kind: 'handoff', label: HANDOFF[lang] };
}

/** A guarded message: a fixed answer, no facts read, no figures. */
export function guardedAnswer(guard: Guard, lang: Language, hotline: string): Composed {
  const text: Record<Guard, Bilingual> = {
    injection: {
      'zh-CN': '我只能回答与您本人账户有关的问题，不能执行其他指令，也不会显示任何其他人的信息。您可以问我：还欠多少、为什么是这个金额、什么时候要还、有哪些还款方案。',
      en: 'I can only answer questions about your own accounts. I cannot follow other instructions and never show anyone else\'s information. You can ask me how much you owe, why, by when, and what options you have.',
    },
    other_person: {
      'zh-CN': '为保护每个人的隐私，我只能谈您本人名下的账户，不能查询或透露其他任何人的欠款。如果对方需要了解，请他本人登录查询。',
      en: 'To protect everyone\'s privacy I can only discuss accounts in your own name; I cannot look up or disclose anyone else\'s debt. They can sign in themselves to see theirs.',
    },
    foreign_identifier: {
      'zh-CN': '请不要在这里发送身份证号或他人的电话号码。我只能谈您本人名下的账户，您已登录，无需再提供证件信息。',
      en: 'Please do not send ID numbers or other people\'s phone numbers here. I can only discuss accounts in your own name, and you are already signed in, so no identity details are needed.',
    },
    threat: {
      'zh-CN': `听起来您现在压力很大。如果您或他人有危险，请立即拨打110或120；如果您有伤害自己的想法，可以拨打心理援助热线12356。我已请同事尽快与您联系，您也可以拨打客服热线${hotline}。如果是有人威胁了您，请投诉。`,
      en: `It sounds like things are very hard right now. If you or anyone else is in danger, call the emergency services now; if you are thinking of harming yourself, please call a crisis line (in China 12356). I have asked a colleague to contact you soon; you can also call our hotline ${hotline}. If someone threatened you, please complain.`,
    },
  };
  const actions = guard === 'threat' ? [open({ 'zh-CN': '投诉', en: 'Complain' }, '/complain', lang)] : suggestions(lang).slice(0, 2);
  return { reply: text[guard][lang], actions, figures: guard === 'threat' ? [{ name: 'hotline', accountRef: null, source: 'lender profile' }] : [] };
}

function money(a: AccountFacts, minor: number): string {
  return formatMoney(minor, a.currency);
}

function fig(name: string, a: AccountFacts, amountMinor: number, source: string): Figure {
  return { name, accountRef: a.ref, amountMinor, currency: a.currency, source };
}

function noAccounts(lang: Language): Composed {
  return {
    reply: lang === 'zh-CN' ? '您名下目前没有需要还款的账户。' : 'There are no accounts in your name with anything to pay.',
    actions: [open({ 'zh-CN': '我的账户', en: 'My accounts' }, '/accounts', lang)],
    figures: [],
  };
}

/** The answer for a classified message. */
export function compose(kind: AnswerKind, facts: Facts, lang: Language): Composed {
  const zh = lang === 'zh-CN';
  const accounts = facts.accounts;
  switch (kind) {
    case 'balance': {
      if (accounts.length === 0) return noAccounts(lang);
      const figures: Figure[] = [];
      const lines = accounts.map((a) => {
        figures.push(fig('total', a, a.balances.totalMinor, 'ledger: account balances'), fig('overdue', a, a.balances.overdueMinor, 'ledger: account balances'), { name: 'asOf', accountRef: a.ref, date: a.asOf, source: 'ledger: closed through' });
        return zh
          ? `账户 ${a.ref}：截至 ${a.asOf} 日终，共欠 ${money(a, a.balances.totalMinor)}，其中已逾期 ${money(a, a.balances.overdueMinor)}。`
          : `Account ${a.ref}: at the end of ${a.asOf} you owe ${money(a, a.balances.totalMinor)} in all, of which ${money(a, a.balances.overdueMinor)} is overdue.`;
      });
      return {
        reply: `${lines.join(zh ? '' : ' ')}${zh ? '想知道为什么是这个金额，可以问我“为什么欠这么多”。' : ' Ask me "why do I owe this" to see how it was worked out.'}`,
        actions: [...accounts.map((a) => open({ 'zh-CN': `账户 ${a.ref} 明细`, en: `Details of ${a.ref}` }, `/owe/${encodeURIComponent(a.ref)}`, lang)), open({ 'zh-CN': '去还款', en: 'Pay' }, '/pay', lang)],
        figures,
      };
    }
    case 'breakdown': {
      if (accounts.length === 0) return noAccounts(lang);
      const figures: Figure[] = [];
      const lines = accounts.map((a) => {
        const b = a.balances;
        const parts: string[] = [];
        const add = (name: string, zhName: string, enName: string, minor: number) => {
          if (minor === 0) return;
          figures.push(fig(name, a, minor, 'ledger: account balances'));
          parts.push(zh ? `${zhName} ${money(a, minor)}` : `${enName} ${money(a, minor)}`);
        };
        add('principal', '本金', 'principal', b.principalMinor);
        add('interest', '利息', 'interest', b.interestMinor);
        add('penalty', '罚息', 'penalty interest', b.penaltyMinor);
        add('fees', '费用', 'fees', b.feesMinor);
        add('credit', '溢缴款', 'credit', b.creditMinor);
        figures.push(fig('total', a, b.totalMinor, 'ledger: account balances'));
        const capped = (['interest', 'penalty', 'fees'] as const).reduce((s, c) => s + a.charged[c].cappedMinor, 0);
        let cap = '';
        if (capped > 0) {
          figures.push(fig('capped', a, capped, 'ledger: explanation (cost cap)'));
          cap = zh ? `综合费用上限已为您免去 ${money(a, capped)}。` : ` The total-cost cap removed ${money(a, capped)}.`;
        }
        return zh
          ? `账户 ${a.ref} 共欠 ${money(a, b.totalMinor)}：${parts.join('，') || '无'}。${cap}`
          : `Account ${a.ref}: ${money(a, b.totalMinor)} in all — ${parts.join(', ') || 'nothing'}.${cap}`;
      });
      return {
        reply: `${lines.join(zh ? '' : ' ')}${zh ? '每一笔利息和罚息的天数、基数和日利率都在账户明细里。' : ' Each charge with its days, base and daily rate is on the account page.'}`,
        actions: [...accounts.map((a) => open({ 'zh-CN': `账户 ${a.ref} 明细`, en: `Details of ${a.ref}` }, `/owe/${encodeURIComponent(a.ref)}`, lang)), open({ 'zh-CN': '金额有误？提出异议', en: 'Wrong? Dispute it' }, '/dispute', lang)],
        figures,
      };
    }
    case 'due_date': {
      if (accounts.length === 0) return noAccounts(lang);
      const figures: Figure[] = [];
      const lines = accounts.map((a) => {
        const s: string[] = [];
        if (a.dpd > 0 && a.oldestUnpaidDueOn) {
          figures.push({ name: 'oldestUnpaidDueOn', accountRef: a.ref, date: a.oldestUnpaidDueOn, source: 'ledger: schedule' }, { name: 'dpd', accountRef: a.ref, count: a.dpd, source: 'ledger: days past due' }, fig('overdue', a, a.balances.overdueMinor, 'ledger: account balances'));
          s.push(zh
            ? `账户 ${a.ref} 自 ${a.oldestUnpaidDueOn} 到期的一期起未还清，已逾期 ${a.dpd} 天，逾期金额 ${money(a, a.balances.overdueMinor)}，越早还款越好。`
            : `Account ${a.ref}: the instalment due on ${a.oldestUnpaidDueOn} is still unpaid; it is ${a.dpd} days overdue, ${money(a, a.balances.overdueMinor)} overdue in all — the sooner it is paid the better.`);
        }
        if (a.nextDue) {
          figures.push({ name: 'nextDueOn', accountRef: a.ref, date: a.nextDue.dueOn, source: 'ledger: schedule' }, fig('nextDueAmount', a, a.nextDue.amountMinor, 'ledger: schedule'));
          s.push(zh ? `账户 ${a.ref} 下一期 ${a.nextDue.dueOn} 到期，应还 ${money(a, a.nextDue.amountMinor)}。` : `Account ${a.ref}: the next instalment of ${money(a, a.nextDue.amountMinor)} is due on ${a.nextDue.dueOn}.`);
        }
        if (s.length === 0) s.push(zh ? `账户 ${a.ref} 目前没有待到期的还款。` : `Account ${a.ref} has no payment coming due.`);
        return s.join(zh ? '' : ' ');
      });
      return { reply: lines.join(zh ? '' : ' '), actions: [open({ 'zh-CN': '去还款', en: 'Pay' }, '/pay', lang), open({ 'zh-CN': '申请还款方案', en: 'Ask for a plan' }, '/plan', lang)], figures };
    }
    case 'options':
    case 'propose_plan': {
      if (accounts.length === 0) return noAccounts(lang);
      const options = facts.options ?? [];
      const figures: Figure[] = options.map((o) => ({ name: `option:${o.kind}`, accountRef: o.accountRef, source: 'negotiation policy: portal options' }));
      const lines = options.length === 0
        ? [zh ? '按现行政策，您的账户目前没有可在线申请的方案，可以转人工协商。' : 'Under the current policy there is no option you can take online for your accounts; a person can talk it through with you.']
        : options.map((o) => `${zh ? `账户 ${o.accountRef}` : `Account ${o.accountRef}`}: ${o.explanation[lang]}${o.instant ? '' : zh ? '（需审核）' : ' (needs approval)'}`);
      const intro = kind === 'propose_plan'
        ? (zh ? '您可以在“申请还款方案”里选定并提交，提交前会显示每期金额和日期：' : 'Choose and submit one under "Propose a plan"; each instalment\'s amount and date is shown before you submit:')
        : (zh ? '根据还款政策，您可以选择：' : 'Under the repayment policy you can choose:');
      return {
        reply: `${intro}${zh ? '' : ' '}${lines.join(zh ? '；' : ' ')}`,
        actions: [...[...new Set(options.map((o) => o.accountRef))].map((ref) => open({ 'zh-CN': `为 ${ref} 申请方案`, en: `Plan for ${ref}` }, `/plan/${encodeURIComponent(ref)}`, lang)), handoff(lang)],
        figures,
      };
    }
    case 'pay': {
      const figures: Figure[] = accounts.map((a) => fig('total', a, a.balances.totalMinor, 'ledger: account balances'));
      const amounts = accounts.map((a) => (zh ? `账户 ${a.ref} 最多可还 ${money(a, a.balances.totalMinor)}` : `up to ${money(a, a.balances.totalMinor)} on ${a.ref}`));
      return {
        reply: zh
          ? `您可以在“还款”页面用银行卡、支付宝或微信还任意金额（${amounts.join('，') || '无欠款'}），会按合同约定的顺序冲抵。请只通过本平台还款，不要转账到任何个人账户。`
          : `You can pay any amount on the Pay page by card, Alipay or WeChat (${amounts.join(', ') || 'nothing owed'}); it is applied in the order the contract sets. Only pay through this portal, never into a personal account.`,
        actions: [...accounts.map((a) => open({ 'zh-CN': `还款 ${a.ref}`, en: `Pay ${a.ref}` }, `/pay/${encodeURIComponent(a.ref)}`, lang))],
        figures,
      };
    }
    case 'rights': {
      const r = facts.rights;
      const figures: Figure[] = [];
      const s: string[] = [];
      if (r && r.contactFromMinutes !== null && r.contactUntilMinutes !== null) {
        figures.push({ name: 'contactHours', accountRef: null, source: `compliance pack ${r.jurisdiction}` });
        s.push(zh ? `只能在当地时间 ${hhmm(r.contactFromMinutes)} 至 ${hhmm(r.contactUntilMinutes)} 之间联系您` : `you may only be contacted between ${hhmm(r.contactFromMinutes)} and ${hhmm(r.contactUntilMinutes)} your local time`);
      }
      if (r?.maxConversationsPerDay != null) {
        figures.push({ name: 'maxConversationsPerDay', accountRef: null, count: r.maxConversationsPerDay, source: `compliance pack ${r.jurisdiction}` });
        s.push(zh ? `每天主动与您通话不超过 ${r.maxConversationsPerDay} 次` : `at most ${r.maxConversationsPerDay} conversations a day started by us`);
      }
      if (r?.thirdPartiesOnlyToLocate) s.push(zh ? '联系您的家人、朋友或单位只能为了找到您，不得透露您的欠款' : 'your family, friends or employer may only be contacted to find you, never told about your debt');
      if (r?.disputeHoldsCollection) s.push(zh ? '您对金额提出异议后，核实完成前暂停催收' : 'once you dispute an amount, collection stops until it is checked');
      if (r?.creditReportNoticeDays != null) {
        figures.push({ name: 'creditReportNoticeDays', accountRef: null, count: r.creditReportNoticeDays, source: `compliance pack ${r.jurisdiction}` });
        s.push(zh ? `报送征信前至少提前 ${r.creditReportNoticeDays} 天通知您` : `you are told at least ${r.creditReportNoticeDays} days before anything is reported to a credit bureau`);
      }
      s.push(zh ? '任何人都不得辱骂、威胁或冒充律师、公检法' : 'no one may insult or threaten you or pretend to be a lawyer or the police');
      return {
        reply: zh ? `您的权利：${s.join('；')}。如遇违规，可以投诉。` : `Your rights: ${s.join('; ')}. If any of this is not respected, you can complain.`,
        actions: [open({ 'zh-CN': '我的权利', en: 'My rights' }, '/rights', lang), open({ 'zh-CN': '投诉', en: 'Complain' }, '/complain', lang)],
        figures,
      };
    }
    case 'complain': {
      const c = facts.complaint;
      const figures: Figure[] = [];
      let sla = '';
      if (c) {
        figures.push({ name: 'acknowledgeWithin', accountRef: null, count: c.acknowledge.n, source: 'complaints SLA policy' }, { name: 'respondWithin', accountRef: null, count: c.finalResponse.n, source: 'complaints SLA policy' });
        sla = zh
          ? `我们会在 ${c.acknowledge.n} ${UNIT[c.acknowledge.unit]['zh-CN']}内确认收到，${c.finalResponse.n} ${UNIT[c.finalResponse.unit]['zh-CN']}内给出答复。`
          : ` We acknowledge it within ${c.acknowledge.n} ${UNIT[c.acknowledge.unit].en} and answer within ${c.finalResponse.n} ${UNIT[c.finalResponse.unit].en}.`;
      }
      return {
        reply: zh ? `很抱歉给您带来不好的体验。您可以在“投诉”页面提交投诉，写明时间、号码和经过。${sla}` : `I'm sorry about this. You can file a complaint on the Complain page — say when it happened, which number, and what was said.${sla}`,
        actions: [open({ 'zh-CN': '提交投诉', en: 'File a complaint' }, '/complain', lang), handoff(lang)],
        figures,
      };
    }
    case 'verify_call': {
      const v = facts.verify;
      if (!v) {
        return {
          reply: zh
            ? '我们发出的每个电话和短信都带有核验码。请把核验码发给我，或在“核验来电”页面输入，我来告诉您真假。任何要求您转账到个人账户的都不是我们。'
            : 'Every call and message we send carries a verify code. Send me the code, or enter it on the verify page, and I will tell you whether it is genuine. Anyone asking you to pay into a personal account is not us.',
          actions: [open({ 'zh-CN': '核验来电', en: 'Check a call' }, '/verify', lang)],
          figures: [],
        };
      }
      return {
        reply: `${v.message[lang]}${v.genuine ? '' : v.howToReport ? ` ${v.howToReport[lang]}` : ''}`,
        actions: [open({ 'zh-CN': '查看核验详情', en: 'See the check' }, `/verify/${encodeURIComponent(v.code)}`, lang), ...(v.genuine ? [] : [open({ 'zh-CN': '投诉', en: 'Complain' }, '/complain', lang)])],
        figures: [{ name: 'verifyCode', accountRef: null, source: 'contacts: verify-code lookup' }],
      };
    }
    case 'dispute':
      return {
        reply: zh
          ? '如果您认为金额不对或这笔债务不是您的，可以在“提出异议”页面提交，并附上说明或凭证。异议核实期间我们会暂停催收。'
          : 'If you think an amount is wrong or the debt is not yours, raise a dispute on the Dispute page with an explanation or evidence. Collection is paused while it is checked.',
        actions: [open({ 'zh-CN': '提出异议', en: 'Dispute' }, '/dispute', lang), ...accounts.map((a) => open({ 'zh-CN': `账户 ${a.ref} 明细`, en: `Details of ${a.ref}` }, `/owe/${encodeURIComponent(a.ref)}`, lang))],
        figures: [],
      };
    case 'stop_contact':
      return {
        reply: zh
          ? '您可以在“联系偏好”里选择联系渠道和时间、停止某种渠道，或要求不联系您的家人和单位，保存后立即生效。'
          : 'In Contact preferences you can choose channels and times, stop a channel, or ask us not to contact your family or employer; it takes effect as soon as you save.',
        actions: [open({ 'zh-CN': '联系偏好', en: 'Contact preferences' }, '/preferences', lang)],
        figures: [],
      };
    case 'human':
      return {
        reply: zh ? `可以。点击“转人工”，我会把我们的对话转给同事，他们会尽快联系您。您也可以拨打客服热线 ${facts.hotline}。` : `Of course. Press "Talk to a person" and I will pass this conversation to a colleague, who will contact you soon. You can also call our hotline ${facts.hotline}.`,
        actions: [handoff(lang)],
        figures: [{ name: 'hotline', accountRef: null, source: 'lender profile' }],
      };
    case 'greeting':
      return {
        reply: zh ? '您好，我是还款助手，可以回答您本人账户的问题：还欠多少、为什么、什么时候还、有哪些方案、您的权利。' : 'Hello, I am the repayment assistant. I can answer questions about your own accounts: how much, why, by when, your options and your rights.',
        actions: suggestions(lang),
        figures: [],
      };
    case 'other_person':
      return guardedAnswer('other_person', lang, facts.hotline);
    case 'threat':
      return guardedAnswer('threat', lang, facts.hotline);
    case 'out_of_scope':
      return {
        reply: zh ? '抱歉，这个问题我帮不上忙。我只能回答您本人账户的问题，比如：' : 'Sorry, I can\'t help with that. I can only answer questions about your own accounts, for example:',
        actions: [...suggestions(lang), handoff(lang)],
        figures: [],
      };
    case 'unsure':
      return {
        reply: zh ? '抱歉，我没有完全明白。您可以换个说法，或选下面的问题，也可以转人工：' : 'Sorry, I did not quite understand. Try saying it another way, pick a question below, or talk to a person:',
        actions: [...suggestions(lang), handoff(lang)],
        figures: [],
      };
  }
}
