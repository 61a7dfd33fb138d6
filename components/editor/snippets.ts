// Ready-to-paste calls of an armed webhook (API.md "Deployment and webhooks"): with the secret as a bearer token,
// or signed the Standard Webhooks way — HMAC-SHA256 keyed with the base64-decoded part of the `whsec_` secret over
// "{webhook-id}.{webhook-timestamp}.{raw body}", sent as `webhook-signature: v1,<base64>`.

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function pythonString(text: string): string {
  return JSON.stringify(text);
}

export interface SnippetInput {
  url: string;
  secret: string;
  /** The JSON body to send (the execution input). */
  body: string;
}

export function curlBearer({ url, secret, body }: SnippetInput): string {
  return [
    `curl -X POST ${shellQuote(url)} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${secret}`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

export function curlSigned({ url, secret, body }: SnippetInput): string {
  return [
    `SECRET=${shellQuote(secret)}`,
    `BODY=${shellQuote(body)}`,
    `MSG_ID="msg_$(date +%s%N)"`,
    `TS="$(date +%s)"`,
    `KEY_HEX="$(printf '%s' "\${SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \\n')"`,
    `SIG="$(printf '%s' "$MSG_ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary | base64)"`,
    `curl -X POST ${shellQuote(url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "webhook-id: $MSG_ID" \\`,
    `  -H "webhook-timestamp: $TS" \\`,
    `  -H "webhook-signature: v1,$SIG" \\`,
    `  --data-binary "$BODY"`,
  ].join('\n');
}

export function pythonBearer({ url, secret, body }: SnippetInput): string {
  return [
    'import requests',
    '',
    `response = requests.post(`,
    `    ${pythonString(url)},`,
    `    headers={"Authorization": ${pythonString(`Bearer ${secret}`)}},`,
    `    json=${pythonLiteral(body)},`,
    `    timeout=60,`,
    `)`,
    'print(response.status_code, response.json())',
  ].join('\n');
}

export function pythonSigned({ url, secret, body }: SnippetInput): string {
  return [
    'import base64, hashlib, hmac, json, time, uuid',
    'import requests',
    '',
    `SECRET = ${pythonString(secret)}`,
    `body = json.dumps(${pythonLiteral(body)})`,
    'msg_id = f"msg_{uuid.uuid4().hex}"',
    'timestamp = str(int(time.time()))',
    'key = base64.b64decode(SECRET.removeprefix("whsec_"))',
    'signature = base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()).decode()',
    '',
    'response = requests.post(',
    `    ${pythonString(url)},`,
    '    data=body,',
    '    headers={',
    '        "Content-Type": "application/json",',
    '        "webhook-id": msg_id,',
    '        "webhook-timestamp": timestamp,',
    '        "webhook-signature": f"v1,{signature}",',
    '    },',
    '    timeout=60,',
    ')',
    'print(response.status_code, response.json())',
  ].join('\n');
}

/** A JSON document as a Python literal (true/false/null spelled the Python way). */
export function pythonLiteral(json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return '{}';
  }
  const render = (item: unknown): string => {
    if (item === null) return 'None';
    if (item === true) return 'True';
    if (item === false) return 'False';
    if (typeof item === 'number') return String(item);
    if (typeof item === 'string') return JSON.stringify(item);
    if (Array.isArray(item)) return `[${item.map(render).join(', ')}]`;
    return `{${Object.entries(item as Record<string, unknown>)
      .map(([key, child]) => `${JSON.stringify(key)}: ${render(child)}`)
      .join(', ')}}`;
  };
  return render(value);
}

/** An example body from the input block's declared fields. */
export function exampleBody(fields: unknown): string {
  if (!Array.isArray(fields) || fields.length === 0) return '{"text": "hello"}';
  const example: Record<string, unknown> = {};
  for (const field of fields as { name?: unknown; type?: unknown }[]) {
    if (typeof field?.name !== 'string') continue;
    example[field.name] = field.type === 'number' ? 1 : field.type === 'boolean' ? true : field.type === 'object' ? {} : 'hello';
  }
  return JSON.stringify(example);
}
