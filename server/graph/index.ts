export * from './schema';
export * from './problems';
export * from './templates';
export * from './topology';
export { parseBlockConfig, safeParseBlockConfig, type ParseBlockConfigResult } from './config';
export * from './validate';
