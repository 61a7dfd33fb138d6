import { isEventStream, type DocOperation } from './types';

// Copy-paste examples of one operation in curl, JavaScript (fetch) and Python (requests). Path parameters appear
// as upper-case placeholders (`/api/workflows/ID/graph`); the credential comes from an environment variable.

export type SnippetLanguage = 'curl' | 'javascript' | 'python';

export interface SnippetInput {
  operation: DocOperation;
  origin: string;
  /** The JSON body to send, when the operation takes one. */
  body?: unknown;
}

interface Credential {
  /** Environment variable that holds the secret. */
  variable: string;
  header: string;
}

function credentialOf(operation: DocOperation): Credential | null {
  if (operation.path.startsWith('/api/webhooks/')) return { variable: 'WEBHOOK_SECRET', header: 'Authorization' };
  return operation.security?.length === 0 ? null : { variable: 'WEFT_API_KEY', header: 'Authorization' };
}

function snippetUrl(operation: DocOperation, origin: string): string {
  return origin + operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => name.toUpperCase());
}

function curl({ operation, origin, body }: SnippetInput): string {
  const credential = credentialOf(operation);
  const lines = [`curl${isEventStream(operation) ? ' -N' : ''} -X ${operation.method.toUpperCase()} '${snippetUrl(operation, origin)}'`];
  if (credential) lines.push(`-H "${credential.header}: Bearer $${credential.variable}"`);
  if (body !== undefined) lines.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(body).replace(/'/g, `'\\''`)}'`);
  return lines.join(' \\\n  ');
}

function javascript({ operation, origin, body }: SnippetInput): string {
  const credential = credentialOf(operation);
  const headers = [
    ...(credential ? [`${credential.header}: \`Bearer \${process.env.${credential.variable}}\``] : []),
    ...(body !== undefined ? [`'Content-Type': 'application/json'`] : []),
  ];
  const options = [
    `method: '${operation.method.toUpperCase()}'`,
    ...(headers.length ? [`headers: { ${headers.join(', ')} }`] : []),
    ...(body !== undefined ? [`body: JSON.stringify(${JSON.stringify(body, null, 2).replace(/\n/g, '\n  ')})`] : []),
  ];
  const read = isEventStream(operation)
    ? `// Server-sent events: read the body as it arrives.\nconst reader = response.body.pipeThrough(new TextDecoderStream()).getReader();\nfor (let chunk; !(chunk = await reader.read()).done; ) process.stdout.write(chunk.value);`
    : `console.log(response.status, response.status === 204 ? null : await response.json());`;
  return `const response = await fetch('${snippetUrl(operation, origin)}', {\n  ${options.join(',\n  ')},\n});\n${read}`;
}

/** A JSON value as a Python literal (True/False/None instead of true/false/null). */
export function pythonLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) return value.length ? `[\n${value.map((item) => inner + pythonLiteral(item, inner)).join(',\n')},\n${indent}]` : '[]';
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length ? `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${pythonLiteral(item, inner)}`).join(',\n')},\n${indent}}` : '{}';
}

function python({ operation, origin, body }: SnippetInput): string {
  const credential = credentialOf(operation);
  const stream = isEventStream(operation);
  const args = [
    `"${snippetUrl(operation, origin)}"`,
    ...(credential ? [`headers={"${credential.header}": f"Bearer {os.environ['${credential.variable}']}"}`] : []),
    ...(body !== undefined ? [`json=${pythonLiteral(body, '    ')}`] : []),
    ...(stream ? ['stream=True'] : []),
  ];
  const read = stream
    ? 'for line in response.iter_lines():\n    print(line.decode())'
    : 'print(response.status_code, response.json() if response.content else None)';
  return `${credential ? 'import os\n' : ''}import requests\n\nresponse = requests.${operation.method}(\n    ${args.join(',\n    ')},\n)\n${read}`;
}

export const SNIPPET_LANGUAGES: { id: SnippetLanguage; label: string; build: (input: SnippetInput) => string }[] = [
  { id: 'curl', label: 'curl', build: curl },
  { id: 'javascript', label: 'JavaScript', build: javascript },
  { id: 'python', label: 'Python', build: python },
];
