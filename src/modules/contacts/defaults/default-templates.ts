/**
 * The templates shipped with Fairdebt, in zh-CN and en, one per strategy template code. Plain and
 * polite: what is owed and why, how to pay or ask for help, how to check the message is genuine, and
 * (for electronic messages) how to stop them. Each passes the content lint when saved.
 */
import type { TemplateInput, SenderInput } from '../contacts.types.ts';

const T = (code: string, channel: TemplateInput['channel'], zh: { subject?: string; body: string }, en: { subject?: string; body: string }): TemplateInput[] => [
  { code, channel, language: 'zh-CN', body: zh.body, ...(zh.subject ? { subject: zh.subject } : {}) },
  { code, channel, language: 'en', body: en.body, ...(en.subject ? { subject: en.subject } : {}) },
];

const OPT_OUT_ZH = '回复TD退订';
const OPT_OUT_EN = 'Reply STOP to opt out';

export const DEFAULT_TEMPLATES: TemplateInput[] = [
  ...T('predue_sms', 'sms',
    { body: `【{{lender}}】{{name}}您好，您尾号{{accountRef}}的账单将于{{dueDate}}到期，应还{{amountDue}}。详情：{{portalLink}} 验证码{{verifyCode}}。${OPT_OUT_ZH}` },
    { body: `{{lender}}: Hi {{name}}, your payment of {{amountDue}} on account {{accountRef}} is due on {{dueDate}}. Details: {{portalLink}} Verify code {{verifyCode}}. ${OPT_OUT_EN}` }),
  ...T('predue_push', 'push',
    { subject: '还款提醒', body: '您尾号{{accountRef}}的账单将于{{dueDate}}到期，应还{{amountDue}}。验证码{{verifyCode}}。' },
    { subject: 'Payment reminder', body: 'Your payment of {{amountDue}} on account {{accountRef}} is due on {{dueDate}}. Verify code {{verifyCode}}.' }),
  ...T('early_sms', 'sms',
    { body: `【{{lender}}】{{name}}您好，您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}。如有困难可申请分期：{{portalLink}} 客服{{hotline}} 验证码{{verifyCode}}。${OPT_OUT_ZH}` },
    { body: `{{lender}}: Hi {{name}}, account {{accountRef}} is {{dpd}} days overdue: {{amountDue}}. If you are in difficulty, ask for a plan: {{portalLink}} Verify code {{verifyCode}}. ${OPT_OUT_EN}` }),
  ...T('early_push', 'push',
    { subject: '逾期提醒', body: '您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}（{{breakdown}}）。验证码{{verifyCode}}。' },
    { subject: 'Overdue payment', body: 'Account {{accountRef}} is {{dpd}} days overdue: {{amountDue}} ({{breakdown}}). Verify code {{verifyCode}}.' }),
  ...T('early_in_app', 'in_app',
    { subject: '您的账户已逾期', body: '{{name}}您好：您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}，其中{{breakdown}}。您可以在本页查看每一项的计算方式，申请分期或延期，或对金额提出异议。验证码{{verifyCode}}。' },
    { subject: 'Your account is overdue', body: 'Dear {{name}}, account {{accountRef}} is {{dpd}} days overdue: {{amountDue}}, made up of {{breakdown}}. You can see how each part was worked out here, ask for a plan or a deferral, or dispute the amount. Verify code {{verifyCode}}.' }),
  ...T('early_email', 'email',
    { subject: '{{lender}}：尾号{{accountRef}}账户逾期提醒', body: `{{name}}您好：\n\n您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}，其中{{breakdown}}。\n\n如您暂时无法全额还款，可在 {{portalLink}} 申请分期或延期，也可致电 {{hotline}}。如对金额有异议，可在同一页面提出。\n\n核实本邮件真伪：在官方页面输入验证码 {{verifyCode}}。\n\n不想再收到此类邮件？请回复"退订"。\n\n{{lender}}` },
    { subject: '{{lender}}: account {{accountRef}} is overdue', body: `Dear {{name}},\n\nAccount {{accountRef}} is {{dpd}} days overdue. The amount due is {{amountDue}}, made up of {{breakdown}}.\n\nIf you cannot pay it all now, you can ask for a payment plan or a deferral at {{portalLink}} or call {{hotline}}. If you think the amount is wrong, you can dispute it on the same page.\n\nTo check this e-mail is genuine, enter the code {{verifyCode}} on our official site.\n\nTo stop these e-mails, reply STOP or use the unsubscribe link at {{portalLink}}.\n\n{{lender}}` }),
  ...T('firm_sms', 'sms',
    { body: `【{{lender}}】{{name}}您好，您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}，逾期期间按合同计收罚息。请尽快还款或联系我们商议还款计划：{{hotline}} 验证码{{verifyCode}}。${OPT_OUT_ZH}` },
    { body: `{{lender}}: {{name}}, account {{accountRef}} is {{dpd}} days overdue: {{amountDue}}. Penalty interest accrues under your contract. Please pay or call {{hotline}} to agree a plan. Verify code {{verifyCode}}. ${OPT_OUT_EN}` }),
  ...T('firm_email', 'email',
    { subject: '{{lender}}：请处理尾号{{accountRef}}账户的逾期款项', body: `{{name}}您好：\n\n您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}，其中{{breakdown}}。逾期期间将按合同约定计收罚息。\n\n我们希望与您一起找到可行的还款方式：请访问 {{portalLink}} 或致电 {{hotline}}。\n\n核实验证码：{{verifyCode}}。不想再收到此类邮件？请回复"退订"。\n\n{{lender}}` },
    { subject: '{{lender}}: please deal with the overdue amount on account {{accountRef}}', body: `Dear {{name}},\n\nAccount {{accountRef}} is {{dpd}} days overdue. The amount due is {{amountDue}}, made up of {{breakdown}}. Penalty interest accrues as your contract sets out.\n\nWe would like to find a way of paying that works for you: visit {{portalLink}} or call {{hotline}}.\n\nVerify code: {{verifyCode}}. To stop these e-mails, reply STOP.\n\n{{lender}}` }),
  ...T('robot_call_script', 'robot_call',
    { body: '您好，这里是{{lender}}的自动语音提醒。您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}。如需帮助请拨打{{hotline}}。本次来电验证码为{{verifyCode}}，您可在官方页面核实。' },
    { body: 'Hello, this is an automated reminder from {{lender}}. Account {{accountRef}} is {{dpd}} days overdue: {{amountDue}}. For help, call {{hotline}}. The verify code for this call is {{verifyCode}}; you can check it on our official site.' }),
  ...T('collector_call_script', 'collector_call',
    { body: '您好，我是{{lender}}的工作人员。请问是{{name}}本人吗？（确认身份后）您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}。我们可以一起商量还款安排。本次来电验证码为{{verifyCode}}。' },
    { body: 'Hello, I am calling from {{lender}}. Am I speaking with {{name}}? (Once confirmed) Account {{accountRef}} is {{dpd}} days overdue: {{amountDue}}. We can work out a way to pay together. The verify code for this call is {{verifyCode}}.' }),
  ...T('one_to_one_script', 'collector_call',
    { body: '您好，我是{{lender}}为您安排的专属客服。请问是{{name}}本人吗？（确认身份后）您尾号{{accountRef}}的账户已逾期{{dpd}}天，应还{{amountDue}}（{{breakdown}}）。我会跟进您的账户，帮助您制定可行的还款计划。本次来电验证码为{{verifyCode}}。' },
    { body: 'Hello, I am your dedicated adviser at {{lender}}. Am I speaking with {{name}}? (Once confirmed) Account {{accountRef}} is {{dpd}} days overdue: {{amountDue}} ({{breakdown}}). I will follow your account and help you find a plan you can keep. The verify code for this call is {{verifyCode}}.' }),
  ...T('notice_letter', 'letter',
    { subject: '逾期还款通知', body: '{{name}}您好：\n\n您在我机构尾号{{accountRef}}的账户已逾期{{dpd}}天，截至本函日期应还{{amountDue}}，其中{{breakdown}}。\n\n如您暂时无法全额还款，请尽快与我们联系，我们可根据您的情况商议分期、延期等方案。如对金额有异议，您可以书面提出，我们将在核实前暂停催收。\n\n联系方式：{{hotline}}，{{portalLink}}。核实本函真伪的验证码：{{verifyCode}}。' },
    { subject: 'Notice of overdue payment', body: 'Dear {{name}},\n\nAccount {{accountRef}} is {{dpd}} days overdue. At the date of this letter the amount due is {{amountDue}}, made up of {{breakdown}}.\n\nIf you cannot pay it all now, please contact us: we can discuss a payment plan or a deferral that suits your circumstances. If you dispute the amount, tell us in writing and we will pause collection until we have checked it.\n\nContact: {{hotline}}, {{portalLink}}. Code to check this letter is genuine: {{verifyCode}}.' }),
  ...T('validation_notice', 'letter',
    { subject: '债务核实通知', body: '{{name}}您好：\n\n本函就您尾号{{accountRef}}的账户向您说明：截至本函日期应还{{amountDue}}，其中{{breakdown}}。\n\n如您在收到本函后30日内对该债务提出异议，我们将暂停催收，直至向您提供核实材料。\n\n联系方式：{{hotline}}，{{portalLink}}。验证码：{{verifyCode}}。' },
    { subject: 'Validation notice', body: 'Dear {{name}},\n\n{{lender}} is contacting you about account {{accountRef}}. As of the date of this notice you owe {{amountDue}}, made up of {{breakdown}}.\n\nIf you dispute all or part of this debt within 30 days of receiving this notice, we will stop collection of the disputed amount until we send you verification. You may also ask for the name and address of the original creditor.\n\nContact: {{hotline}}, {{portalLink}}. Verify code: {{verifyCode}}.' }),
  ...T('forbearance_email', 'email',
    { subject: '{{lender}}：我们可以帮助您', body: `{{name}}您好：\n\n您尾号{{accountRef}}的账户应还{{amountDue}}。如果您的收入或支出发生了变化，请告诉我们：我们会评估您的收支情况，并提供延期、分期或减免等方案。\n\n您也可以向免费的债务咨询机构寻求帮助。\n\n{{portalLink}}｜{{hotline}}｜验证码{{verifyCode}}。不想再收到此类邮件？请回复"退订"。` },
    { subject: '{{lender}}: we can help', body: `Dear {{name}},\n\nAccount {{accountRef}} shows {{amountDue}} due. If your income or spending has changed, please tell us: we will look at your income and expenditure with you and can offer more time, a payment plan or a reduction.\n\nFree, independent debt advice is also available, for example from MoneyHelper.\n\n{{portalLink}} | {{hotline}} | verify code {{verifyCode}}. To stop these e-mails, reply STOP.` }),
];

/** The demo lender's registered senders: an SMS short code, a caller number, an e-mail address. */
export const DEFAULT_SENDERS: SenderInput[] = [
  { ownerKind: 'lender', ownerId: 'lender', channel: 'sms', value: '106900000001', registeredOn: '2026-01-01' },
  { ownerKind: 'lender', ownerId: 'lender', channel: 'call', value: '4008001234', registeredOn: '2026-01-01' },
  { ownerKind: 'lender', ownerId: 'lender', channel: 'email', value: 'service@fairdebt.example', registeredOn: '2026-01-01' },
];
