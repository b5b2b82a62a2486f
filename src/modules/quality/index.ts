/**
 * Quality inspection (质检): the scanner of sent messages and call transcripts, sampling for human
 * review, the reviewers' scorecard, and QA figures per agency and collector. Other modules import from
 * here only.
 */
export * from './quality.types.ts';
export { scanText, normalise, maxSeverity, type BaseLint, type BaseFinding, type ScanOptions } from './scan.rules.ts';
export { QA_LEXICON, BASE_CATEGORY_MAP, CATEGORY_EXPLANATIONS, type QaLexiconEntry } from './lexicon.rules.ts';
export { reviewReason, sampleRateBp } from './sampling.rules.ts';
export { SCORECARD, PASS_MARK, SCORECARD_VERSION, scoreAnswers, type Criterion, type ScoreResult } from './scorecard.rules.ts';
export {
  openComplaintReview, scanContent, attachTranscript, scoreReview, complianceLint, SCAN_CHUNK_ITEMS, MAX_SCAN_ITEMS_PER_RUN,
  type ComplaintReviewInput, type ScanResult, type Caller, type TranscriptResult, type ScoreResultOut,
} from './quality.commands.ts';
export { qaScores, type QaScores, type QaScoreRow } from './quality.queries.ts';
export { listReviews, getReview, MAX_REVIEWS_LISTED, type ReviewSummary, type ReviewDetail, type ReviewItemDetail } from './quality.store.ts';
export { registerQualityRoutes, QA_REVIEWERS } from './quality.routes.ts';
