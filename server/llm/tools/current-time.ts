import { tool } from 'ai';
import { z } from 'zod';

// The agent's `current_time` tool: models do not know what time it is.

export function currentTimeTool() {
  return tool({
    description: 'Returns the current date and time, in UTC and in a time zone of your choice.',
    inputSchema: z.object({
      timezone: z.string().optional().describe('An IANA time zone such as Europe/Paris or America/New_York; UTC when left out'),
    }),
    execute: async ({ timezone }) => {
      const now = new Date();
      const zone = timezone?.trim() || 'UTC';
      let local: string;
      let weekday: string;
      try {
        // Swedish formatting is ISO-like: 2026-03-01 14:05:09.
        local = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' }).format(now);
        weekday = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long' }).format(now);
      } catch {
        throw new Error(`"${zone}" is not a time zone; use an IANA name such as Europe/Paris`);
      }
      return { utc: now.toISOString(), unix_ms: now.getTime(), timezone: zone, local, weekday };
    },
  });
}
