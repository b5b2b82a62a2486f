/**
 * European Union baseline: CSD Art. 10, CCD2 Art. 35 and GDPR minimisation. PURE.
 * Rule ids and sources: packs/eu.pack.ts.
 */
import type { Bilingual, EuParameters, LintCategory } from './compliance.types.ts';
import { contentReason, forbiddenFound, type RuleFactory } from './cn.rules.ts';
import { emit, emitFixed, fixedRow } from './context.rules.ts';
import { contactTimeAndManner, thirdPartyMinimisation } from './uk.rules.ts';

const NA = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });
const HARASSMENT: readonly LintCategory[] = ['threat', 'insult', 'impersonation', 'fictitious_blacklist', 'exaggerated_consequence', 'extra_fee', 'induced_borrowing', 'pressure', 'public_exposure'];

const euConduct: RuleFactory<EuParameters> = (meta, p) => {
  const timeAndManner = contactTimeAndManner(meta, p, 'contact-time');
  const transferInitiators = new Set(p.transferNoticeInitiators);
  return (ctx) => {
    timeAndManner(ctx);
    const found = forbiddenFound(ctx, HARASSMENT);
    if (found.length > 0) emit(ctx, meta, 'fail', contentReason(found), { check: 'content' });
    if (transferInitiators.has(ctx.req.action.initiator.kind) && ctx.req.debtor.transferNoticeSent === false && ctx.purpose !== 'transfer_notice') {
      emit(ctx, meta, 'fail', NA('新债权人或服务商首次催收前，须以持久介质发送转让通知', 'before the first collection by a new owner or servicer, send the transfer notice on a durable medium'), {
        effect: 'require_action',
        requiredAction: 'send_transfer_notice',
        check: 'transfer-notice',
      });
    }
  };
};

const euForbearance: RuleFactory<EuParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是执行程序', 'not enforcement'));
  const passRow = fixedRow(meta, 'pass', NA('执行前已考虑宽容措施并记录', 'forbearance was considered and documented before enforcement'));
  const enforcement = new Set(p.enforcementPurposes);
  return (ctx) => {
    if (!enforcement.has(ctx.purpose)) return emitFixed(ctx, notApplicable);
    if (ctx.req.debtor.forbearanceAssessed === true) return emitFixed(ctx, passRow);
    emit(ctx, meta, 'fail', NA('启动执行程序前须考虑合理的宽容措施并记录结果', 'consider reasonable forbearance and document the outcome before enforcement'), { effect: 'require_action', requiredAction: 'consider_forbearance' });
  };
};

export const EU_RULES: Record<string, RuleFactory<EuParameters>> = {
  'EU-CSD-10': euConduct,
  'EU-CCD2-35': euForbearance,
  'EU-GDPR-01': (meta, p: EuParameters) => thirdPartyMinimisation(meta, p.thirdPartyPurposesAllowed, true),
};
