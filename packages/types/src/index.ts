export * from './labels.js';
export * from './area.js';
export * from './organisation.js';
export * from './worker.js';
export * from './certification.js';
export * from './role.js';
export * from './case.js';
export * from './dates.js';
