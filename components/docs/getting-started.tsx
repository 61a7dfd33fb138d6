import { CodeTabs } from './code-tabs';

// Create → graph → deploy → arm → call, as shell commands a person can paste one after the other.

function steps(origin: string, graph: unknown) {
  const auth = '-H "Authorization: Bearer $WEFT_API_KEY" -H \'Content-Type: application/json\'';
  return [
    {
      title: 'Create a workflow',
      text: 'Keep the id it answers with.',
      code: `export WEFT_API_KEY=wft_…   # from Settings → API keys\nID=$(curl -s -X POST ${origin}/api/workflows ${auth} \\\n  -d '{"name":"Shout"}' | jq -r .id)`,
    },
    {
      title: 'Give it a graph',
      text: 'Blocks and the edges between them; the whole graph is replaced at once and checked (every problem is listed).',
      code: `curl -X PUT ${origin}/api/workflows/$ID/graph ${auth} \\\n  -d '${JSON.stringify(graph)}'`,
    },
    {
      title: 'Run it (optional)',
      text: 'Runs the draft and waits for the result.',
      code: `curl -X POST ${origin}/api/workflows/$ID/execute ${auth} \\\n  -d '{"input":{"text":"hello"}}'`,
    },
    {
      title: 'Deploy it',
      text: 'Freezes the graph as an immutable version; webhooks run that version.',
      code: `curl -X POST ${origin}/api/workflows/$ID/deploy -H "Authorization: Bearer $WEFT_API_KEY"`,
    },
    {
      title: 'Arm a webhook',
      text: 'A single-use URL and secret (shown once; valid for ttl_seconds).',
      code: `curl -s -X POST ${origin}/api/workflows/$ID/arm ${auth} -d '{"ttl_seconds":600}' > hook.json\nURL=$(jq -r .url hook.json); SECRET=$(jq -r .secret hook.json)`,
    },
    {
      title: 'Call it',
      text: 'From anywhere: the secret authenticates the call (as a Bearer header, or ?token= pasted as it is).',
      code: `curl -X POST "$URL?token=$SECRET" -H 'Content-Type: application/json' -d '{"text":"hello"}'\n# {"execution_id":"…","status":"completed","output":"HELLO!"}`,
    },
  ];
}

export function GettingStarted({ origin, graph }: { origin: string; graph: unknown }) {
  return (
    <ol className="mt-4 space-y-5">
      {steps(origin, graph).map((step, i) => (
        <li key={step.title}>
          <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {i + 1}. {step.title}
          </h3>
          <p className="mt-1 mb-2 text-sm text-zinc-700 dark:text-zinc-300">{step.text}</p>
          <CodeTabs label={step.title} samples={[{ id: 'shell', label: 'Shell', code: step.code }]} />
        </li>
      ))}
    </ol>
  );
}
