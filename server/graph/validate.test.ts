import { describe, expect, it, vi } from 'vitest';
import { blockTypes, getBlockDefinition } from '@/server/blocks';
import { InvalidGraphError } from './problems';
import { block, chain, edge, graph, inputBlock, llmBlock, outputBlock } from '@/server/test/graphs';
import { assertGraphValid, isGraphValid, validateGraph } from './validate';

/** The problem validateGraph reports about one block's `field` (`id`, `type`, `config.…`). */
const atBlock = (block_id: string, field: string | null, message: unknown) => ({ block_id, edge: null, field, message });
/** The problem validateGraph reports about one edge (named by its id, or by its ends when it has none). */
const atEdge = (edge: string, field: string | null, message: unknown) => ({ block_id: null, edge, field, message });
/** A problem of the whole graph (no input block, a cycle). */
const ofGraph = (message: unknown) => ({ block_id: null, edge: null, field: null, message });

describe('a valid graph', () => {
  it('passes with an llm block', () => {
    const g = chain(llmBlock('summarize'));
    g.blocks[2].config = { value: { summary: '{{summarize.output}}', tokens: '{{ summarize.usage.output_tokens }}' } };
    expect(validateGraph(g)).toEqual([]);
    expect(isGraphValid(g)).toBe(true);
  });

  it('passes with an input block that declares fields', () => {
    const g = chain();
    g.blocks[0].config = {
      fields: [
        { name: 'text', type: 'string', required: true, description: 'What to summarize' },
        { name: 'count', type: 'number' },
        { name: 'flags', type: 'object' },
        { name: 'dry_run', type: 'boolean' },
      ],
    };
    g.blocks[1].config = { value: '{{input.text}}' };
    expect(validateGraph(g)).toEqual([]);
  });

  it('passes with a condition whose branches join again', () => {
    const g = graph(
      [
        inputBlock(),
        block('check', 'condition', { expression: 'input.score > 0.5' }),
        llmBlock('praise'),
        llmBlock('console'),
        outputBlock('output', { value: '{{praise.output}}{{console.output}}' }),
      ],
      [
        edge('input', 'check'),
        edge('check', 'praise', { sourceHandle: 'true' }),
        edge('check', 'console', { sourceHandle: 'false', targetHandle: null }),
        edge('praise', 'output'),
        edge('console', 'output'),
      ],
    );
    expect(validateGraph(g)).toEqual([]);
  });

  it.each([
    ['a code block', block('double', 'code', { code: 'return input.n * 2;', language: 'javascript', timeout_ms: 5000 })],
    [
      'an agent block',
      block('researcher', 'agent', {
        model: 'anthropic/claude-sonnet-4-5',
        prompt: 'Research {{input.topic}}',
        instructions: 'Be brief.',
        tools: ['http_request', 'current_time', 'run_code', { workflow_id: 'wf_123' }],
        max_steps: 50,
      }),
    ],
    [
      'an http block',
      block('fetch', 'http', {
        url: 'https://api.example.com/items/{{input.id}}',
        method: 'POST',
        headers: { Authorization: 'Bearer {{input.token}}' },
        body: { query: '{{input.q}}', limit: 10 },
        retry: { max_attempts: 3, backoff_ms: 0, backoff: 'fixed' },
        on_error: 'continue',
      }),
    ],
  ])('passes with %s', (_name, configured) => {
    expect(validateGraph(chain(configured))).toEqual([]);
  });

  it('passes with every block type as dropped on the canvas', () => {
    const middle = blockTypes
      .filter((type) => getBlockDefinition(type).role === 'normal' && !getBlockDefinition(type).branch)
      .map((type) => block(`${type}_1`, type, getBlockDefinition(type).defaultConfig()));
    const g = chain(...middle, block('condition_1', 'condition', getBlockDefinition('condition').defaultConfig()));
    g.edges.at(-1)!.sourceHandle = 'true';
    expect(validateGraph(g)).toEqual([]);
  });

  it('may have several output blocks, one per branch', () => {
    const g = graph(
      [inputBlock(), block('check', 'condition', { expression: 'true' }), outputBlock('yes'), outputBlock('no')],
      [edge('input', 'check'), edge('check', 'yes', { sourceHandle: 'true' }), edge('check', 'no', { sourceHandle: 'false' })],
    );
    expect(validateGraph(g)).toEqual([]);
  });
});

describe('block problems', () => {
  it('reports an unknown block type', () => {
    const g = chain(block('mystery', 'lmm', { model: 'x' }));
    expect(validateGraph(g)).toEqual([
      atBlock('mystery', 'type', 'Unknown block type "lmm" (known types: input, output, llm, agent, code, condition, http, router, loop, workflow, wait, approval)'),
    ]);
  });

  it('reports a duplicate block id at each later block using it', () => {
    const g = chain(llmBlock('step'));
    g.blocks.push(block('step', 'code', { code: 'return 1' }));
    expect(validateGraph(g)).toEqual([
      atBlock('step', 'id', 'Block id "step" is used by more than one block'),
    ]);
  });

  it('reports malformed block ids', () => {
    const long = `b${'x'.repeat(64)}`;
    const g = chain(llmBlock('1st'), llmBlock('has-dash'), llmBlock(long));
    const format =
      'is not valid: it must start with a letter or underscore and contain only letters, digits and underscores';
    expect(validateGraph(g)).toEqual([
      atBlock('1st', 'id', `Block id "1st" ${format}`),
      atBlock('has-dash', 'id', `Block id "has-dash" ${format}`),
      atBlock(long, 'id', `Block id "${long}" is too long (at most 64 characters)`),
    ]);
  });

  it('reports the ids every JavaScript object already has as reserved (their outputs would vanish)', () => {
    const g = chain(llmBlock('__proto__'), llmBlock('constructor'), llmBlock('prototype'));
    expect(validateGraph(g).map((p) => [p.block_id, p.field, p.message])).toEqual(
      ['__proto__', 'constructor', 'prototype'].map((id) => [id, 'id', expect.stringMatching(new RegExp(`^Block id "${id}" is reserved`))]),
    );
  });
});

describe('block config problems', () => {
  it.each([
    [
      'missing required config',
      block('llm_1', 'llm', { system: 'Be brief.' }),
      [atBlock('llm_1', 'config.model', 'model is required'), atBlock('llm_1', 'config.prompt', 'prompt is required')],
    ],
    [
      'invalid config values, nested ones by their full path',
      block('llm_1', 'llm', {
        model: 'gpt-4o-mini',
        prompt: '',
        temperature: 2.5,
        max_tokens: 1.5,
        response_format: 'xml',
        timeout_ms: 3_600_001,
        retry: { max_attempts: 11, backoff_ms: -1, backoff: 'linear' },
        on_error: 'ignore',
      }),
      [
        atBlock('llm_1', 'config.prompt', 'prompt must not be empty'),
        atBlock('llm_1', 'config.temperature', 'temperature must be at most 2'),
        atBlock('llm_1', 'config.max_tokens', 'max_tokens must be a whole number, not 1.5'),
        atBlock('llm_1', 'config.response_format', 'response_format must be one of "text", "json"'),
        atBlock('llm_1', 'config.timeout_ms', 'timeout_ms must be at most 3600000'),
        atBlock('llm_1', 'config.retry.max_attempts', 'retry.max_attempts must be at most 10'),
        atBlock('llm_1', 'config.retry.backoff_ms', 'retry.backoff_ms must be at least 0'),
        atBlock('llm_1', 'config.retry.backoff', 'retry.backoff must be one of "fixed", "exponential"'),
        atBlock('llm_1', 'config.on_error', 'on_error must be one of "fail", "continue"'),
      ],
    ],
    [
      'config keys the block type does not have, so typos are caught',
      block('llm_1', 'llm', { model: 'gpt-4o-mini', promt: 'Hi', retry: { attempts: 3 } }),
      [
        atBlock('llm_1', 'config.prompt', 'prompt is required'),
        atBlock('llm_1', 'config.retry.attempts', 'retry.attempts is not a setting of llm blocks'),
        atBlock('llm_1', 'config.promt', 'promt is not a setting of llm blocks'),
      ],
    ],
    [
      'a code language other than javascript',
      block('py', 'code', { code: 'return 1', language: 'python' }),
      [atBlock('py', 'config.language', 'language must be "javascript" ("python" is not supported)')],
    ],
    [
      'unknown agent tools and an out-of-range step limit',
      block('agent_1', 'agent', { model: 'gpt-4o-mini', prompt: 'Go', tools: ['current_time', 'send_email', { workflow_id: '' }], max_steps: 51 }),
      [
        atBlock('agent_1', 'config.tools.1', 'tools.1 must be one of "http_request", "current_time", "run_code", or {"workflow_id": "..."} to call another workflow'),
        atBlock('agent_1', 'config.tools.2.workflow_id', 'tools.2.workflow_id must not be empty'),
        atBlock('agent_1', 'config.max_steps', 'max_steps must be at most 50'),
      ],
    ],
    [
      'http settings that cannot work',
      block('fetch', 'http', { url: 'example.com/items', method: 'FETCH', headers: { 'X-Count': 3 } }),
      [
        atBlock('fetch', 'config.url', 'url must be an absolute http:// or https:// URL'),
        atBlock('fetch', 'config.method', 'method must be one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"'),
        atBlock('fetch', 'config.headers.X-Count', 'headers.X-Count must be text, not 3'),
      ],
    ],
    [
      'a malformed template with the path of the string that holds it',
      block('fetch', 'http', { url: 'https://example.com', headers: { 'X-Id': '{{ input id }}' } }),
      [atBlock('fetch', 'config.headers.X-Id', 'headers.X-Id has a malformed template {{ input id }}: unexpected " id" after "input"')],
    ],
  ])('reports %s', (_name, configured, problems) => {
    expect(validateGraph(chain(configured))).toEqual(problems);
  });

  it('reports empty code and conditions', () => {
    const g = chain(block('code_1', 'code', { code: '  \n' }), block('check', 'condition', {}));
    g.edges.at(-1)!.sourceHandle = 'false';
    expect(validateGraph(g)).toEqual([
      atBlock('code_1', 'config.code', 'code must not be empty'),
      atBlock('check', 'config.expression', 'expression is required'),
    ]);
  });

  it('reports input fields with a bad type or a repeated name, all at once', () => {
    const g = chain();
    g.blocks[0].config = {
      fields: [
        { name: 'text', type: 'string' },
        { name: 'text', type: 'date' },
      ],
    };
    expect(validateGraph(g)).toEqual([
      atBlock('input', 'config.fields.1.type', 'fields.1.type must be one of "string", "number", "integer", "boolean", "object", "array"'),
      atBlock('input', 'config.fields.1.name', 'fields.1.name must be unique ("text" is already field 0)'),
    ]);
  });

  it('checks script syntax when a checker is given: code as a function body, conditions as an expression', () => {
    const checkSyntax = vi.fn((code: string) => (code.includes('(') && !code.includes(')') ? 'Unexpected end of input' : null));
    const g = chain(block('code_1', 'code', { code: 'return Math.max(1, 2' }), block('check', 'condition', { expression: 'input.ok' }));
    g.edges.at(-1)!.sourceHandle = 'true';

    expect(validateGraph(g)).toEqual([]);
    expect(validateGraph(g, { checkSyntax })).toEqual([
      atBlock('code_1', 'config.code', 'code has a syntax error: Unexpected end of input'),
    ]);
    expect(checkSyntax.mock.calls).toEqual([
      ['return Math.max(1, 2', 'function'],
      ['input.ok', 'expression'],
    ]);
  });
});

describe('edge problems', () => {
  it('reports edges to and from blocks that do not exist, naming edges without an id by their ends', () => {
    const g = chain(llmBlock('llm_1'));
    g.edges.push(edge('llm_1', 'ghost', { id: 'e9' }), edge('phantom', 'output'));
    expect(validateGraph(g)).toEqual([
      atEdge('e9', 'target', 'Edge e9 ends at block "ghost", which does not exist'),
      atEdge('phantom->output', 'source', 'Edge phantom->output starts at block "phantom", which does not exist'),
    ]);
  });

  it('reports a block connected to itself', () => {
    const g = chain(llmBlock('llm_1'));
    g.edges.push(edge('llm_1', 'llm_1', { id: 'loop' }));
    expect(validateGraph(g)).toEqual([
      { block_id: 'llm_1', edge: 'loop', field: null, message: 'Block "llm_1" is connected to itself' },
    ]);
  });

  it('reports a duplicate edge', () => {
    const g = chain(llmBlock('llm_1'));
    g.edges[0].id = 'e1';
    g.edges.push(edge('input', 'llm_1', { id: 'e2', sourceHandle: null }));
    expect(validateGraph(g)).toEqual([
      atEdge('e2', null, 'Edge e2 duplicates edge e1: "input" is already connected to "llm_1"'),
    ]);
  });

  it('reports a duplicate edge id', () => {
    const g = chain(llmBlock('llm_1'));
    g.edges[0].id = 'e1';
    g.edges[1].id = 'e1';
    expect(validateGraph(g)).toEqual([
      atEdge('e1', 'id', 'Edge id "e1" is used by more than one edge'),
    ]);
  });

  it('reports condition edges without a branch or with an unknown one', () => {
    const g = graph(
      [inputBlock(), block('check', 'condition', { expression: 'true' }), llmBlock('a'), llmBlock('b'), outputBlock()],
      [
        edge('input', 'check'),
        edge('check', 'a'),
        edge('check', 'b', { sourceHandle: 'yes' }),
        edge('a', 'output'),
        edge('b', 'output'),
      ],
    );
    expect(validateGraph(g)).toEqual([
      { block_id: 'check', edge: 'check->a', field: 'sourceHandle', message: 'Edges leaving the condition block "check" need a sourceHandle: "true" or "false"' },
      { block_id: 'check', edge: 'check->b', field: 'sourceHandle', message: 'sourceHandle "yes" is not an output of the condition block "check"; use "true" or "false"' },
    ]);
  });

  it('accepts the same branch of a condition feeding two blocks, and both branches feeding one', () => {
    const g = graph(
      [inputBlock(), block('check', 'condition', { expression: 'true' }), llmBlock('a'), outputBlock()],
      [
        edge('input', 'check'),
        edge('check', 'a', { sourceHandle: 'true' }),
        edge('check', 'a', { sourceHandle: 'false' }),
        edge('check', 'output', { sourceHandle: 'true' }),
        edge('a', 'output'),
      ],
    );
    expect(validateGraph(g)).toEqual([]);
  });

  it('reports handles on blocks that have a single unnamed one', () => {
    const g = chain(llmBlock('llm_1'));
    g.edges[0].sourceHandle = 'true';
    g.edges[1].targetHandle = 'in';
    expect(validateGraph(g)).toEqual([
      { block_id: 'input', edge: 'input->llm_1', field: 'sourceHandle', message: 'The input block "input" has a single output; sourceHandle must be null or left out, not "true"' },
      { block_id: 'output', edge: 'llm_1->output', field: 'targetHandle', message: 'The output block "output" has a single input; targetHandle must be null or left out, not "in"' },
    ]);
  });

  it('reports edges into the input block and out of an output block, and leaves them out of cycle checks', () => {
    const g = chain(llmBlock('llm_1'));
    g.edges.push(edge('llm_1', 'input', { id: 'back' }), edge('output', 'llm_1', { id: 'onward' }));
    expect(validateGraph(g)).toEqual([
      { block_id: 'input', edge: 'back', field: 'target', message: 'The input block "input" cannot have incoming edges' },
      { block_id: 'output', edge: 'onward', field: 'source', message: 'The output block "output" cannot have outgoing edges' },
    ]);
  });
});

describe('graph problems', () => {
  it('reports a cycle once, naming its blocks in order', () => {
    const g = chain(llmBlock('a'), llmBlock('b'), llmBlock('c'));
    g.edges.push(edge('c', 'a'));
    expect(validateGraph(g)).toEqual([
      atBlock('a', null, 'Cycle: "a" -> "b" -> "c" -> "a"'),
    ]);
  });

  it('reports each separate cycle', () => {
    const g = chain(llmBlock('a'), llmBlock('b'), llmBlock('c'), llmBlock('d'));
    g.edges.push(edge('b', 'a'), edge('d', 'c'));
    expect(validateGraph(g)).toEqual([
      atBlock('a', null, 'Cycle: "a" -> "b" -> "a"'),
      atBlock('c', null, 'Cycle: "c" -> "d" -> "c"'),
    ]);
  });

  it('reports intertwined loops once, naming the other blocks of the loop', () => {
    const g = chain(llmBlock('a'), llmBlock('b'), llmBlock('c'));
    g.edges.push(edge('b', 'a'), edge('c', 'b'));
    expect(validateGraph(g)).toEqual([
      atBlock('a', null, 'Cycle: "a" -> "b" -> "a"; the loop also goes through "c"'),
    ]);
  });

  it('reports a graph without an input block', () => {
    const g = graph([llmBlock('llm_1', 'Hello'), outputBlock()], [edge('llm_1', 'output')]);
    expect(validateGraph(g)).toEqual([ofGraph('The workflow has no input block')]);
  });

  it('reports every input block after the first', () => {
    const g = chain(llmBlock('llm_1'));
    g.blocks.push(inputBlock('input_2'));
    g.edges.push(edge('input_2', 'llm_1'));
    expect(validateGraph(g)).toEqual([
      atBlock('input_2', 'type', 'Only one input block is allowed; "input" is already the input block'),
    ]);
  });

  it('reports a graph without an output block', () => {
    const g = graph([inputBlock(), llmBlock('llm_1')], [edge('input', 'llm_1')]);
    expect(validateGraph(g)).toEqual([ofGraph('The workflow has no output block')]);
  });

  it('reports the problems of an empty graph', () => {
    expect(validateGraph(graph([], []))).toEqual([
      ofGraph('The workflow has no input block'),
      ofGraph('The workflow has no output block'),
    ]);
  });

  it('reports blocks that cannot be reached from the input block', () => {
    const g = chain(llmBlock('llm_1'));
    g.blocks.push(llmBlock('orphan', 'Hello'), block('side', 'code', { code: 'return 1' }));
    g.edges.push(edge('orphan', 'side'), edge('side', 'output'));
    expect(validateGraph(g)).toEqual([
      atBlock('orphan', null, 'Block "orphan" is not connected to the input block "input"'),
      atBlock('side', null, 'Block "side" is not connected to the input block "input"'),
    ]);
  });

  it('reports template references to blocks that are not upstream, with the config path', () => {
    const g = graph(
      [inputBlock(), llmBlock('left'), llmBlock('right', 'Compare with {{left.output}} and {{ left.usage }}'), outputBlock()],
      [edge('input', 'left'), edge('input', 'right'), edge('left', 'output'), edge('right', 'output')],
    );
    expect(validateGraph(g)).toEqual([
      atBlock('right', 'config.prompt', 'prompt refers to block "left", which is not upstream of "right" ({{left.output}})'),
    ]);
  });

  it('reports template references to blocks that do not exist and to the block itself', () => {
    const g = chain(
      block('fetch', 'http', {
        url: 'https://example.com/{{fetch.status}}',
        body: { items: ['{{ ghost.items[0] }}'] },
      }),
    );
    expect(validateGraph(g)).toEqual([
      atBlock('fetch', 'config.url', 'url refers to its own block "fetch" ({{fetch.status}})'),
      atBlock('fetch', 'config.body.items.0', 'body.items.0 refers to block "ghost", which does not exist ({{ ghost.items[0] }})'),
    ]);
  });

  it('reports a downstream reference in an output value', () => {
    const g = chain(llmBlock('llm_1'));
    g.blocks.push(llmBlock('later', '{{llm_1.output}}'));
    g.edges.push(edge('llm_1', 'later'));
    g.blocks[2].config = { value: { answer: '{{later.output}}' } };
    expect(validateGraph(g)).toEqual([
      atBlock('output', 'config.value.answer', 'value.answer refers to block "later", which is not upstream of "output" ({{later.output}})'),
    ]);
  });

  it('does not check references inside code and conditions, which use bare block ids', () => {
    const g = chain(block('code_1', 'code', { code: 'return "{{nowhere.x}}" + later;' }));
    expect(validateGraph(g)).toEqual([]);
  });
});

describe('many problems at once', () => {
  const g = graph(
    [
      inputBlock(),
      block('llm_1', 'llm', { model: 'gpt-4o-mini', prompt: 'Use {{ summary.output }}', temperature: 9 }),
      block('check', 'condition', { expression: 'llm_1.output.length > 10' }),
      block('bad id', 'webhook', {}),
      llmBlock('llm_1'),
      block('summary', 'llm', { model: 'gpt-4o-mini', prompt: '{{llm_1.output}}' }),
    ],
    [
      edge('input', 'llm_1', { id: 'e1' }),
      edge('llm_1', 'check', { id: 'e2' }),
      edge('check', 'summary', { id: 'e3' }),
      edge('summary', 'llm_1', { id: 'e4', sourceHandle: 'out' }),
      edge('summary', 'nowhere', { id: 'e5' }),
      edge('input', 'llm_1', { id: 'e1' }),
    ],
  );

  it('lists them all, block problems first, then edges, then the graph', () => {
    expect(validateGraph(g)).toEqual([
      atBlock('llm_1', 'config.temperature', 'temperature must be at most 2'),
      atBlock('bad id', 'id', 'Block id "bad id" is not valid: it must start with a letter or underscore and contain only letters, digits and underscores'),
      atBlock('bad id', 'type', 'Unknown block type "webhook" (known types: input, output, llm, agent, code, condition, http, router, loop, workflow, wait, approval)'),
      atBlock('llm_1', 'id', 'Block id "llm_1" is used by more than one block'),
      { block_id: 'check', edge: 'e3', field: 'sourceHandle', message: 'Edges leaving the condition block "check" need a sourceHandle: "true" or "false"' },
      { block_id: 'summary', edge: 'e4', field: 'sourceHandle', message: 'The llm block "summary" has a single output; sourceHandle must be null or left out, not "out"' },
      atEdge('e5', 'target', 'Edge e5 ends at block "nowhere", which does not exist'),
      atEdge('e1', 'id', 'Edge id "e1" is used by more than one edge'),
      atEdge('e1', null, 'Edge e1 duplicates edge e1: "input" is already connected to "llm_1"'),
      ofGraph('The workflow has no output block'),
      atBlock('llm_1', null, 'Cycle: "llm_1" -> "check" -> "summary" -> "llm_1"'),
      atBlock('bad id', null, 'Block "bad id" is not connected to the input block "input"'),
    ]);
  });

  it('lists them in the same order every time', () => {
    expect(validateGraph(structuredClone(g))).toEqual(validateGraph(g));
  });

  it('throws them as one invalid_graph error on request', () => {
    const error = (() => {
      try {
        assertGraphValid(g);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidGraphError);
    expect(error).toMatchObject({
      code: 'invalid_graph',
      status: 400,
      details: validateGraph(g),
      message: 'The workflow graph is invalid: temperature must be at most 2 (and 11 more problems)',
    });
    expect(() => assertGraphValid(chain(llmBlock('ok')))).not.toThrow();
  });
});

describe('a long workflow', () => {
  it('validates a chain of 200 llm blocks, each using the one before', () => {
    const middle = Array.from({ length: 200 }, (_, index) => llmBlock(`step_${index}`, index === 0 ? '{{input.text}}' : `{{step_${index - 1}.output}}`));
    const g = chain(...middle);
    expect(validateGraph(g)).toEqual([]);
    middle[0].config.prompt = '{{step_199.output}}';
    expect(validateGraph(g)).toEqual([
      atBlock('step_0', 'config.prompt', 'prompt refers to block "step_199", which is not upstream of "step_0" ({{step_199.output}})'),
    ]);
  });
});
