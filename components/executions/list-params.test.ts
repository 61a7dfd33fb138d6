import { describe, expect, it } from 'vitest';
import { curlCommand, formatDuration } from './format';
import { historySearch, parseHistoryParams, timeWindow } from './list-params';

describe('the history list parameters', () => {
  it('round-trips through the URL and drops what it does not know', () => {
    const params = parseHistoryParams(new URLSearchParams('status=failed&trigger=webhook&q=refund&offset=60&limit=25&bogus=1'));
    expect(params).toMatchObject({ status: 'failed', trigger: 'webhook', q: 'refund', offset: 50, limit: 25, range: 'any' });
    expect(historySearch(params)).toBe('?status=failed&trigger=webhook&q=refund&offset=50');
    expect(parseHistoryParams(new URLSearchParams('status=exploded&trigger=fax'))).toMatchObject({ status: null, trigger: null });
  });

  it('turns a preset range into a from time, and keeps a custom one', () => {
    const now = Date.parse('2026-01-02T00:00:00.000Z');
    expect(timeWindow(parseHistoryParams(new URLSearchParams('range=24h')), now)).toEqual({ from: '2026-01-01T00:00:00.000Z' });
    const custom = parseHistoryParams(new URLSearchParams('range=custom&from=2026-01-01T10:00:00.000Z&to=2026-01-01T12:00:00.000Z'));
    expect(timeWindow(custom, now)).toEqual({ from: '2026-01-01T10:00:00.000Z', to: '2026-01-01T12:00:00.000Z' });
    expect(timeWindow(parseHistoryParams(new URLSearchParams('from=2026-01-01T10:00:00.000Z')), now)).toEqual({});
  });
});

describe('formatting', () => {
  it('writes durations people can read', () => {
    expect([formatDuration(0.4), formatDuration(12), formatDuration(1240), formatDuration(12_400), formatDuration(125_000), formatDuration(null)]).toEqual([
      '0.4 ms',
      '12 ms',
      '1.24 s',
      '12.4 s',
      '2m 05s',
      '—',
    ]);
  });

  it('writes a curl command that a shell runs as is, quotes included', () => {
    const command = curlCommand('https://weft.example.com', 'wf_1', { text: "it's" });
    expect(command).toBe(
      [
        "curl -X POST 'https://weft.example.com/api/workflows/wf_1/execute' \\",
        '  -H "Authorization: Bearer $WEFT_API_KEY" \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"input":{"text":"it'\\''s"}}'`,
      ].join('\n'),
    );
  });
});
