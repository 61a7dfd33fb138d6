export * from '@/lib/graph/schema';
export * from './problems';
export * from '@/lib/graph/templates';
export * from '@/lib/graph/topology';
export { parseBlockConfig, safeParseBlockConfig, type ParseBlockConfigResult } from './config';
export * from './validate';
