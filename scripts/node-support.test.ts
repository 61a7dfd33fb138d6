import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSupportedNode, isSupportedNode, supportedEnginesRange } from './node-support.mjs';

describe('supported Node.js versions', () => {
  it('are the ones package.json declares in engines', () => {
    const packageJson = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    expect(packageJson.engines.node).toBe(supportedEnginesRange());
  });

  it('accepts the supported lines from their first supported release and nothing else', () => {
    for (const version of ['v20.19.0', 'v20.20.2', 'v22.12.0', 'v22.20.1', 'v24.0.0', 'v24.22.3']) {
      expect(isSupportedNode(version), version).toBe(true);
    }
    for (const version of ['v18.20.0', 'v20.18.3', 'v21.7.0', 'v22.11.0', 'v23.5.0', 'v25.1.0', 'v26.0.0']) {
      expect(isSupportedNode(version), version).toBe(false);
    }
  });

  it('are named the way the README names them', () => {
    expect(describeSupportedNode()).toBe('20.19+, 22.12+, 24');
    expect(fs.readFileSync('README.md', 'utf8')).toContain('Node.js 20.19+, 22.12+ or 24');
  });
});
