'use client';

import type { ApiReferenceConfiguration } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';
import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { useTheme } from '@/components/theme';
import { Loading } from '@/components/ui/spinner';

// The interactive reference (Scalar) over /api/openapi.json. Scalar is a Vue app that touches `window` as it loads,
// so it is loaded in the browser only. Nothing may leave this origin: no font CDN, no telemetry, no request proxy,
// no link-out client; "try it" sends requests straight to this server with the API key typed in.

const ApiReferenceReact = dynamic(() => import('@scalar/api-reference-react').then((module) => module.ApiReferenceReact), {
  ssr: false,
  loading: () => <Loading label="Loading the API reference…" />,
});

const CONFIGURATION: Partial<ApiReferenceConfiguration> = {
  url: '/api/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  hideDarkModeToggle: true,
  showDeveloperTools: 'never',
  persistAuth: false,
  documentDownloadType: 'json',
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
  authentication: { preferredSecurityScheme: 'bearerAuth' },
  orderSchemaPropertiesBy: 'preserve',
  // Scalar offers "Ask AI" (its hosted agent) whenever the page is on a local address; hide it, it would call out.
  customCss: '.agent-scalar, .scalar-app-exit { display: none !important; } .flex.gap-1\\.5.p-3 > button:not([role=search]) { display: none !important; }',
  defaultOpenAllTags: true,
};

export function ScalarReference() {
  const { theme } = useTheme();
  // One object per theme: Scalar reapplies its configuration whenever the object changes.
  const configuration = useMemo(() => ({ ...CONFIGURATION, forceDarkModeState: theme }), [theme]);
  return <ApiReferenceReact configuration={configuration} />;
}
