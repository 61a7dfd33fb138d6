import { executionTriggerLabels } from '@/lib/execution-states';
import { formTrigger } from './form';
import { scheduleTrigger } from './schedule';
import type { TriggerKind } from './types';
import { webhookTrigger } from './webhook';

// Every trigger kind: a new kind is its file in this folder and one line here.
export const triggerKinds = [scheduleTrigger, webhookTrigger, formTrigger] as const;

export type TriggerKindName = (typeof triggerKinds)[number]['kind'];

export const triggerKindNames = triggerKinds.map((kind) => kind.kind) as [TriggerKindName, ...TriggerKindName[]];

/** The kinds as the deploy panel lists them: name, label and what each does. */
export function triggerKindCatalog() {
  return triggerKinds.map((kind) => ({ kind: kind.kind, label: executionTriggerLabels[kind.executionTrigger], description: kind.description }));
}

export function getTriggerKind(name: string): TriggerKind | undefined {
  return (triggerKinds as readonly TriggerKind[]).find((kind) => kind.kind === name);
}
