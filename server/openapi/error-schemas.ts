import { ERROR_STATUSES } from '../errors';

// The error body every route shares (API.md "Errors") and the two kinds of `details` entries.

const codeList = Object.entries(ERROR_STATUSES)
  .map(([code, status]) => `\`${code}\` (${status})`)
  .join(', ');

export const errorSchemas = {
  Error: {
    type: 'object',
    required: ['error', 'code'],
    properties: {
      error: { type: 'string', description: 'Human readable message; never a stack trace or a secret' },
      code: { type: 'string', description: `What went wrong, for programs: ${codeList}. New codes may be added.` },
      details: {
        type: 'array',
        description: '`validation_error`: where the request is wrong; `invalid_graph`: every problem of the graph at once',
        items: { anyOf: [{ $ref: '#/components/schemas/ValidationProblem' }, { $ref: '#/components/schemas/GraphProblem' }] },
      },
    },
  },
  ValidationProblem: {
    type: 'object',
    required: ['path', 'message'],
    properties: {
      path: { type: 'string', description: 'Where in the body or query, e.g. `blocks.0.type` or `input.text`' },
      message: { type: 'string' },
    },
  },
  GraphProblem: {
    type: 'object',
    required: ['block_id', 'edge', 'field', 'message'],
    properties: {
      block_id: { type: ['string', 'null'], description: 'The block the problem is in' },
      edge: { type: ['string', 'null'], description: 'The edge id, or `"source->target"` when it has none' },
      field: { type: ['string', 'null'], description: 'The offending value inside the block or edge, e.g. `config.prompt`' },
      message: { type: 'string' },
    },
  },
};
