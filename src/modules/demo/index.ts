export { seedDemo, rng, DEMO_HISTORY_DAYS, type SeedOptions, type SeedSummary } from './demo.seed.ts';
export { registerDemoModel, demoModel, DEMO_MODEL_NAME } from './demo.model.ts';
export { ensureDemoWorklist, DEMO_COLLECTORS, DEMO_QUEUES } from './demo.worklist.ts';
export { DEMO_CALIBRATION, DEMO_BEHAVIOUR_MIX, behaviourMix, pickProfile } from './calibration.ts';
export { ensureDemoUsers, DEMO_USERS, DEMO_PASSWORD } from './demo.users.ts';
export { ensureDemoAgency, DEMO_AGENCY, DEMO_AGENCY_USERS } from './demo.agency.ts';
