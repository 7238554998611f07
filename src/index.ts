/** Library entry point: the public types and stages of Parallax. */
export * from './core/types.ts';
export * from './core/analysis.ts';
export * from './core/errors.ts';
export type * from './store/types.ts';
export { extractHtml } from './extract/html/index.ts';
