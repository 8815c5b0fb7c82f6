import 'reflect-metadata';
export * from './errors.js';
export * from './local-date.js';
export * from './pagination.js';
export * from './loaders.js';
export * from './context.js';
export * from './module.js';
export * from './ids.js';
export * from './text-input.middleware.js';
