/**
 * Concepts the classifier sees besides the raw n-grams: small word lists (Chinese substrings, English
 * words or stems ending in '*') that say the same thing in different words — "老公", "mum" and
 * "roommate" are all someone else. They let forty examples an intent generalise; a few pairs of
 * concepts seen together are features of their own (someone else + owing is another person's debt,
 * someone else + being called is a rights question). Matched on normalised text (classifier.rules.ts).
 */
export const CONCEPTS: Record<string, { zh: readonly string[]; en: readonly string[] }> = {
  kin: {
    zh: ['朋友', '老公', '老婆', '妈', '爸', '父亲', '母亲', '弟', '哥', '姐', '妹', '儿子', '女儿', '同事', '室友', '邻居', '亲戚', '表弟', '表哥', '堂哥', '堂弟', '岳父', '岳母', '前夫', '前妻', '丈夫', '妻子', '男朋友', '女朋友', '同学', '员工', '家人', '担保'],
    en: ['friend*', 'husband*', 'wife', 'wife\'s', 'mum*', 'mom*', 'dad*', 'father*', 'mother*', 'brother*', 'sister*', 'son', 'son\'s', 'daughter*', 'colleague*', 'coworker*', 'roommate*', 'neighbo*', 'relative*', 'cousin*', 'ex', 'girlfriend*', 'boyfriend*', 'classmate*', 'employee*', 'family', 'parents', 'guarantor', 'in-law', 'father-in-law'],
  },
  someone_else: {
    zh: ['别人', '他人', '另一个人', '这个人', '他欠', '她欠', '他的', '她的', '替我', '帮朋友', '帮亲戚', '主人', '张三', '李四', '王五', '身份证号'],
    en: ['someone else', 'another person', 'another customer', 'this person', 'he owe*', 'she owe*', 'his', 'her', 'whoever', 'asking for', 'someone else\'s', 'this id number'],
  },
  owe: {
    zh: ['欠', '还差', '余额', '待还', '应还', '剩', '结清', '还清', '没还'],
    en: ['owe*', 'owing', 'balance', 'outstanding', 'left', 'remaining', 'payoff', 'behind', 'debt', 'past due', 'overdue'],
  },
  how_much: {
    zh: ['多少', '金额', '总额', '一共', '总共', '几块'],
    en: ['how much', 'amount', 'total', 'figure', 'sum'],
  },
  why: {
    zh: ['为什么', '怎么算', '怎么来', '怎么回事', '明细', '组成', '构成', '分项', '解释', '算法', '怎么多', '多出来', '列一下', '看不懂'],
    en: ['why', 'explain*', 'break down', 'breakdown', 'calculat*', 'comput*', 'itemi*', 'detail*', 'where does', 'where did', 'makes up', 'made up', 'list every', 'components'],
  },
  charges: {
    zh: ['利息', '罚息', '费用', '滞纳金', '违约金', '手续费', '利率', '年化', '收费', '收了'],
    en: ['interest', 'penalt*', 'fee', 'fees', 'charge*', 'rate', 'apr', 'late fee*'],
  },
  when: {
    zh: ['什么时候', '哪天', '几号', '日期', '期限', '截止', '到期', '多久', '几天', '最晚', '最迟', '还款日', '账单日', '扣款'],
    en: ['when', 'when\'s', 'date', 'deadline', 'days', 'how long', 'by when', 'schedule', 'late', 'grace', 'until'],
  },
  hardship: {
    zh: ['还不上', '没钱', '困难', '失业', '压力', '出事', '收入减少', '缓一缓', '怎么办', '帮忙'],
    en: ['can\'t pay', 'cannot pay', 'struggling', 'lost my job', 'hardship', 'tight', 'afford*', 'emergency', 'relief', 'help', 'income dropped'],
  },
  arrangement: {
    zh: ['分期', '延期', '减免', '停息', '协商', '方案', '打折', '免', '延长', '暂停', '晚点', '延后', '月供', '重新分期', '降低', '少还', '优惠'],
    en: ['plan', 'plans', 'instal*', 'install*', 'defer*', 'waive*', 'settle*', 'settlement*', 'postpone*', 'extend', 'restructure', 'negotiate', 'discount', 'forbearance', 'pause', 'forgiven', 'lower', 'less', 'reduce', 'arrangement', 'split'],
  },
  commit: {
    zh: ['申请', '办', '提交', '我接受', '我同意', '确认', '就按', '承诺', '保证', '我选', '我决定', '签', '那就', '吧', '约定', '给我办'],
    en: ['apply', 'sign me up', 'sign up', 'submit', 'accept', 'agree', 'set up', 'set it up', 'confirm', 'i\'ll take', 'promise', 'enrol*', 'book', 'arrange', 'request', 'let\'s go', 'i choose', 'put me on', 'make me', 'commit', 'yes', 'start', 'propose'],
  },
  pay_verb: {
    zh: ['还款', '还钱', '付款', '支付', '转账', '支付宝', '微信', '银行卡', '交钱', '付钱', '还上', '还了', '先还', '还一部分', '还这期', '入口', '链接'],
    en: ['pay', 'paying', 'payment', 'card', 'transfer', 'alipay', 'link', 'make a payment', 'clear the debt', 'send money'],
  },
  rights: {
    zh: ['权利', '合法', '规定', '法律', '权益', '保护', '违法', '坐牢', '被抓', '起诉', '征信', '骚扰', '爆通讯录', '可以', '能不能', '隐私', '录音', '冒充律师', '上门', '几点', '晚上', '半夜', '节假日', '周末', '规范'],
    en: ['right', 'rights', 'legal', 'allowed', 'law', 'protect*', 'jail', 'arrest*', 'sue', 'credit report*', 'harass*', 'rules', 'entitled', 'privacy', 'record the calls', 'can they', 'can a collector', 'can collectors', 'are collectors', 'at night', 'midnight', 'weekends', 'holidays', 'hours'],
  },
  third_party: {
    zh: ['家人', '单位', '朋友', '同事', '通讯录', '紧急联系人', '爸妈', '别人'],
    en: ['family', 'employer', 'friend', 'friends', 'coworkers', 'contacts list', 'emergency contact', 'parents', 'others'],
  },
  collector: {
    zh: ['催收', '催收员', '他们', '你们的人', '外包', '工作人员'],
    en: ['collector*', 'collection', 'they', 'agent', 'caller', 'staff', 'agency'],
  },
  complain: {
    zh: ['投诉', '举报', '12378', '监管', '银保监', '维权', '不满', '态度', '消协', '提意见', '反映', '太凶', '太过分', '脏话', '骂', '告你们'],
    en: ['complain*', 'report*', 'ombudsman', 'cfpb', 'regulator', 'grievance', 'unhappy', 'not happy', 'rude', 'feedback', 'aggressive', 'shouted', 'bad language', 'out of line', 'escalate'],
  },
  verify: {
    zh: ['真的', '真假', '核实', '核验', '验证', '诈骗', '骗子', '冒充', '官方', '正规', '委托', '是你们', '你们打', '你们发', '你们的人吗', '确认', '辨别', '判断', '码', '律师函', '陌生号码', '个人账户', '别的账户'],
    en: ['real', 'genuine', 'verify', 'scam*', 'fake', 'legit', 'official', 'impersonat*', 'code', 'is it you', 'was that you', 'was this', 'did you send', 'is that you', 'confirm', 'spot', 'caller id', 'personal account', 'another account', 'lawyer letter', 'unknown number'],
  },
  dispute: {
    zh: ['不认', '没借', '不对', '错', '有误', '异议', '争议', '盗用', '冒用', '已经还', '还清了', '结清了', '早就', '多算', '重复', '没入账', '没有记录', '没记录', '没算进去', '核对', '对账', '质疑', '不是我', '申诉', '诉讼时效', '不一样', '不合理', '重新核算'],
    en: ['don\'t owe', 'never borrowed', 'wrong', 'mistake', 'error', 'dispute', 'stolen', 'already paid', 'overcharg*', 'incorrect', 'contest', 'challenge', 'twice', 'not mine', 'isn\'t mine', 'recognise', 'recognize', 'time-barred', 'reconcile', 'not me', 'unfair', 'weren\'t counted', 'isn\'t showing', 'not credited', 'doesn\'t match', 'settled this', 'in my name', 'paid this off', 'recalculate'],
  },
  stop: {
    zh: ['别再', '不要', '别打', '别联系', '别找', '停止', '只发', '只用', '只跟', '只能', '免打扰', '偏好', '联系方式', '换号', '取消', '关闭', '少打', '别发', '换个时间', '不方便', '晚上别', '周末别', '别一天'],
    en: ['stop', 'don\'t call', 'don\'t contact', 'only', 'preferences', 'do not disturb', 'less often', 'no more', 'new number', 'change my contact', 'change how', 'change when', 'turn off', 'cancel', 'no home visits', 'by letter', 'by email', 'written notices', 'different time', 'can\'t take calls', 'don\'t want'],
  },
  channel: {
    zh: ['电话', '短信', '邮件', '打给', '打我', '打电话', '消息', '提醒', '联系我', '上门', '通知'],
    en: ['call', 'calls', 'calling', 'text', 'texting', 'sms', 'email', 'letter', 'messaging', 'message', 'reminders', 'notify', 'contact me', 'contacting'],
  },
  human: {
    zh: ['人工', '真人', '客服', '经理', '主管', '工作人员', '机器', '专人', '活人', '负责', '做主', '叫个人', '找个人', '找人', '回电话', '当面', '通话', '沟通'],
    en: ['human', 'person', 'agent', 'manager', 'supervisor', 'representative', 'operator', 'someone', 'staff', 'bot', 'machine', 'real people', 'live agent', 'specialist', 'speak', 'talk to', 'call me back', 'phone number', 'on the phone', 'meet someone', 'manually'],
  },
  greeting: {
    zh: ['你好', '您好', '在吗', '在不在', '谢谢', '多谢', '感谢', '谢了', '再见', '拜拜', '好的', '嗯', '收到', '明白', '知道了', '了解', '辛苦', '麻烦你', '打扰', '哈喽', '早上好', '晚上好', '下午好', '有人吗', '喂', '行', '没问题', '就这样'],
    en: ['hello', 'hi', 'hey', 'hiya', 'yo', 'thanks', 'thank', 'thx', 'ty', 'bye', 'goodbye', 'ok', 'okay', 'good morning', 'good evening', 'good afternoon', 'cheers', 'got it', 'understood', 'alright', 'cool', 'fine', 'that\'s all', 'sounds good', 'appreciate', 'greetings', 'anyone there', 'are you there', 'i see'],
  },
  violence: {
    zh: ['死', '杀', '砍', '炸', '烧', '刀', '报复', '收拾', '动手', '同归于尽', '拼命', '砸', '打死', '后悔', '等着', '闹', '小心你', '找你', '弄你', '代价'],
    en: ['kill', 'stab', 'blow up', 'burn', 'knife', 'weapon', 'revenge', 'hurt', 'beat', 'die', 'smash', 'regret', 'watch out', 'watch your back', 'violent', 'suffer', 'come after', 'going to get you', 'take you down', 'make you pay', 'try me', 'cause trouble'],
  },
  self_harm: {
    zh: ['跳楼', '跳河', '自杀', '轻生', '不想活', '活不下去', '死给', '不怕死'],
    en: ['end my life', 'suicide', 'don\'t want to live', 'can\'t go on', 'end it all', 'hurt myself', 'jump off', 'not afraid to die'],
  },
  insult: {
    zh: ['傻逼', '王八蛋', '畜生', '混蛋', '垃圾', '去你妈', '滚', '骗子'],
    en: ['idiot', 'bastard*', 'scum', 'garbage', 'animals', 'piss off', 'go to hell', 'go die', 'scammers'],
  },
  other_business: {
    zh: ['新贷款', '再借', '借我', '提额', '开通', '信用卡', '注册', '天气', '笑话', '股票', '电影', '游戏', '写诗', '唱', '翻译', '算命', '机票', '减肥', '工作', '招聘', '油价', '星期', '比特币', '投资', '理财', '编程', '历史', '买房', '作业', '养猫', '信用分', '手机卡', '红烧肉', '下雨', '好吃', '名字', '书', '等于'],
    en: ['new loan', 'lend me', 'raise my limit', 'credit card', 'credit line', 'register', 'weather', 'joke', 'stock', 'movie*', 'game*', 'poem', 'sing', 'translate', 'fortune', 'flight', 'lose weight', 'job', 'hiring', 'petrol', 'what day', 'bitcoin', 'invest', 'learn to code', 'history', 'buy a house', 'homework', 'cat', 'credit score', 'sim card', 'cook', 'rain', 'restaurant', 'your name', 'book', 'plus', 'need a loan', 'world cup', 'far is'],
  },
};

/** Pairs of concepts that mean more together than apart. */
export const CONCEPT_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['kin', 'owe'], ['kin', 'how_much'], ['someone_else', 'owe'], ['kin', 'channel'], ['third_party', 'channel'], ['third_party', 'rights'],
  ['pay_verb', 'arrangement'], ['pay_verb', 'commit'], ['arrangement', 'commit'], ['arrangement', 'hardship'], ['owe', 'why'], ['charges', 'why'],
  ['owe', 'how_much'], ['owe', 'when'], ['pay_verb', 'when'], ['stop', 'channel'], ['verify', 'channel'], ['complain', 'collector'], ['dispute', 'pay_verb'],
  ['human', 'commit'], ['rights', 'collector'], ['rights', 'channel'],
];

function matcherFor(terms: readonly string[], latin: boolean): (s: string) => boolean {
  if (!latin) return (s) => terms.some((t) => s.includes(t));
  const parts = terms.map((t) => (t.endsWith('*') ? `${escape(t.slice(0, -1))}[a-z']*` : escape(t)));
  const re = new RegExp(`(?:^|[^a-z'])(?:${parts.join('|')})(?![a-z'])`);
  return (s) => re.test(s);
}

function escape(t: string): string {
  return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const MATCHERS = Object.entries(CONCEPTS).map(([name, c]) => ({ name, zh: matcherFor(c.zh, false), en: matcherFor(c.en, true) }));

/** The concepts present in a normalised text. */
export function conceptsOf(normalised: string): string[] {
  const found = MATCHERS.filter((m) => m.zh(normalised) || m.en(normalised)).map((m) => m.name);
  const set = new Set(found);
  const pairs = CONCEPT_PAIRS.filter(([a, b]) => set.has(a) && set.has(b)).map(([a, b]) => `${a}+${b}`);
  return [...found, ...pairs];
}
