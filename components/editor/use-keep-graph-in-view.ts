'use client';

import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';

// The canvas gets shorter when the run panel opens (or a banner appears, or the window shrinks). React Flow keeps
// the view where it was, so the lower blocks fall out of sight; a graph that was wholly in view is fitted again to
// what is still visible. A view the person has zoomed into a part of the graph is left alone.

const PADDING = 0.2;

export function useKeepGraphInView() {
  const { getNodes, getNodesBounds, getViewport, fitView } = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const previous = useRef({ width, height });

  useEffect(() => {
    const before = previous.current;
    previous.current = { width, height };
    if (before.width === 0 || before.height === 0 || (width >= before.width && height >= before.height)) return;
    const nodes = getNodes();
    if (nodes.length === 0) return;
    const bounds = getNodesBounds(nodes);
    const { x, y, zoom } = getViewport();
    const left = x + bounds.x * zoom;
    const top = y + bounds.y * zoom;
    const right = left + bounds.width * zoom;
    const bottom = top + bounds.height * zoom;
    const wasInView = left >= -1 && top >= -1 && right <= before.width + 1 && bottom <= before.height + 1;
    const stillInView = right <= width + 1 && bottom <= height + 1;
    if (wasInView && !stillInView) void fitView({ padding: PADDING, maxZoom: Math.max(zoom, 0.1), duration: 200 });
  }, [width, height, getNodes, getNodesBounds, getViewport, fitView]);
}
