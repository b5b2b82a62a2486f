/** The debtor assistant (C14): intents, the classifier and its evaluation, safe answers from the debtor's own figures, hand-offs. */
export * from './assistant.types.ts';
export { normalise, fold, features, detectLanguage, train, classify, split, evaluate, accuracyOn, CONFIDENCE_THRESHOLD, DEFAULT_TRAIN_OPTIONS, type Model, type Prediction, type Evaluation, type ProbeResult, type TrainOptions } from './classifier.rules.ts';
export { conceptsOf, CONCEPTS } from './concepts.rules.ts';
export { guardOf, saferIntent, OTHER_PERSON_FLOOR, type GuardContext } from './safety.rules.ts';
export { compose, guardedAnswer, suggestions, type Facts, type AccountFacts, type Composed } from './compose.rules.ts';
export { intentExamples, probeExamples, assistantModel } from './intents.ts';
export { askAssistant, requestHandoff, closeHandoff, understand, ASSISTANT_MESSAGES_PER_MINUTE, type AssistantDeps, type AssistantAuditEvent } from './assistant.commands.ts';
export { getSession, listHandoffs, getHandoff, gatherFacts, loadDebtor, verifyCodeIn, MAX_HANDOFFS_LISTED } from './assistant.store.ts';
export { registerAssistantRoutes } from './assistant.routes.ts';
