'use client';

import { Background, BackgroundVariant, Controls, MiniMap, type Node } from '@xyflow/react';
import type { Theme } from '@/components/theme';

/** Hides React Flow's attribution badge; module-level so every canvas passes the same object. */
export const PRO_OPTIONS = { hideAttribution: true };

const MINIMAP_SIZE = { width: 150, height: 96 };

/** What every Weft canvas draws around its nodes: the dotted background, zoom controls and a minimap. */
export function CanvasChrome<N extends Node>({ theme, showMiniMap, nodeColor }: { theme: Theme; showMiniMap: boolean; nodeColor: (node: N) => string }) {
  return (
    <>
      <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color={theme === 'dark' ? '#3f3f46' : '#d4d4d8'} />
      <Controls showInteractive={false} position="bottom-left" />
      {showMiniMap && (
        <MiniMap<N>
          position="bottom-right"
          pannable
          zoomable
          nodeColor={nodeColor}
          nodeStrokeWidth={0}
          nodeBorderRadius={6}
          maskColor={theme === 'dark' ? 'rgb(9 9 11 / 0.6)' : 'rgb(244 244 245 / 0.7)'}
          ariaLabel="Mini map"
          // Small, and not on phones, so it covers as little of the graph as possible.
          style={MINIMAP_SIZE}
          className="!hidden !rounded-lg !border !border-zinc-200 !shadow-sm md:!block dark:!border-zinc-700"
        />
      )}
    </>
  );
}
