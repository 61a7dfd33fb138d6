import { describe, expect, it } from 'vitest';
import { sanitizeToolName, uniqueToolName, workflowInputSchema } from './workflow-tools';

describe('workflow tools', () => {
  it('names a tool after its workflow, as providers allow', () => {
    expect(sanitizeToolName('Summarize article!')).toBe('summarize_article');
    expect(sanitizeToolName('Café — résumé')).toBe('cafe_resume');
    expect(sanitizeToolName('***')).toBe('workflow');
    expect(sanitizeToolName('x'.repeat(100))).toHaveLength(64);
  });

  it('makes names unique', () => {
    const taken = new Set(['http_request']);
    expect(uniqueToolName('http_request', taken)).toBe('http_request_2');
    expect(uniqueToolName('http_request', taken)).toBe('http_request_3');
    expect(uniqueToolName('y'.repeat(64), taken)).toBe('y'.repeat(64));
    expect(uniqueToolName('y'.repeat(64), taken)).toBe(`${'y'.repeat(62)}_2`);
  });

  it('takes any object when the workflow declares no input fields', () => {
    expect(workflowInputSchema({ id: 'w', name: 'Free', description: null, fields: [] })).toMatchObject({ type: 'object', additionalProperties: true });
  });
});
