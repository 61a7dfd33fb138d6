'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Menu, MenuItem, MenuSeparator } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { formatDateTime, Time } from '@/components/ui/time';
import { DotsIcon } from '@/components/ui/icons';
import type { SortKey } from './list-params';
import type { ExecutionStatus } from '@/lib/execution-states';
import type { WorkflowSummary } from './types';
import { EXECUTION_STATUS_TONE } from '@/components/executions/status';
import { STATUS_LABEL } from '@/components/executions/format';

export type RowAction = 'rename' | 'duplicate' | 'export' | 'delete';

const NUMBER = new Intl.NumberFormat();
const TH = 'px-4 py-2.5 font-medium whitespace-nowrap';
const TD = 'px-4 py-3 align-middle';
/** Columns that give way on narrow screens, so name, status and the actions always fit. */
const MEDIUM = 'hidden sm:table-cell';
const WIDE = 'hidden md:table-cell';

/** The workspace's workflows, one row each, with what a person wants to know at a glance and the row's actions. */
export function WorkflowTable({
  workflows,
  sort,
  canEdit,
  busyId,
  onAction,
}: {
  workflows: WorkflowSummary[];
  sort: SortKey;
  canEdit: boolean;
  /** A row whose duplicate or export is under way. */
  busyId: string | null;
  onAction: (action: RowAction, workflow: WorkflowSummary) => void;
}) {
  return (
    // No overflow clipping here: the row menus open below their button and must be able to hang out of the card.
    // Columns give way on narrow screens instead (MEDIUM, WIDE), so the table never needs to scroll sideways.
    <div className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table aria-label="Workflows" className="w-full text-left text-sm md:min-w-[44rem]">
        <thead>
          <tr className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400">
            <th scope="col" className={TH} aria-sort={sort === 'name' ? 'ascending' : sort === 'name-desc' ? 'descending' : undefined}>
              Name
            </th>
            <th scope="col" className={TH}>
              Status
            </th>
            <th scope="col" className={`${TH} ${WIDE} text-right`}>
              Blocks
            </th>
            <th scope="col" className={`${TH} ${MEDIUM}`}>
              Last run
            </th>
            <th scope="col" className={`${TH} ${WIDE} text-right`}>
              Runs
            </th>
            <th scope="col" className={`${TH} ${MEDIUM}`} aria-sort={sort === 'updated' ? 'descending' : undefined}>
              Updated
            </th>
            <th scope="col" className={`${TH} w-12`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {workflows.map((workflow) => (
            <WorkflowRow key={workflow.id} workflow={workflow} canEdit={canEdit} busy={busyId === workflow.id} onAction={onAction} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WorkflowRow({
  workflow,
  canEdit,
  busy,
  onAction,
}: {
  workflow: WorkflowSummary;
  canEdit: boolean;
  busy: boolean;
  onAction: (action: RowAction, workflow: WorkflowSummary) => void;
}) {
  const router = useRouter();
  const href = `/workflows/${workflow.id}`;
  return (
    <tr data-testid="workflow-row" data-workflow-id={workflow.id} className="transition-colors hover:bg-zinc-50 dark:hover:bg-zinc-800/40 [&:last-child>td:first-child]:rounded-bl-xl [&:last-child>td:last-child]:rounded-br-xl">
      <td className={`${TD} max-w-[22rem]`}>
        <Link
          href={href}
          className="rounded-sm font-medium break-words text-zinc-900 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:text-indigo-400"
        >
          {workflow.name}
        </Link>
        <p className="mt-1 text-xs text-zinc-500 md:hidden dark:text-zinc-400">
          {workflow.block_count} {workflow.block_count === 1 ? 'block' : 'blocks'} · {workflow.execution_count} {workflow.execution_count === 1 ? 'run' : 'runs'}
          <span className="sm:hidden">
            {' '}
            · updated <Time value={workflow.updated_at} />
          </span>
        </p>
        {workflow.description ? (
          <p className="mt-0.5 line-clamp-1 text-xs text-zinc-500 dark:text-zinc-400" title={workflow.description}>
            {workflow.description}
          </p>
        ) : null}
      </td>
      <td className={TD}>
        {workflow.deployed ? (
          <span title={workflow.deployed_at ? `Deployed ${formatDateTime(workflow.deployed_at)}` : undefined}>
            <Badge tone="emerald">Deployed</Badge>
          </span>
        ) : (
          <Badge>Draft</Badge>
        )}
      </td>
      <td className={`${TD} ${WIDE} text-right tabular-nums`}>{NUMBER.format(workflow.block_count)}</td>
      <td className={`${TD} ${MEDIUM}`}>
        <LastRun workflow={workflow} />
      </td>
      <td className={`${TD} ${WIDE} text-right tabular-nums`}>{NUMBER.format(workflow.execution_count)}</td>
      <td className={`${TD} ${MEDIUM} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
        <Time value={workflow.updated_at} />
      </td>
      <td className={`${TD} text-right`}>
        <div className="flex items-center justify-end gap-1" data-actions-for={workflow.id}>
          {busy && <Spinner className="h-3.5 w-3.5 text-zinc-400" />}
          <Menu
            label={`Actions for ${workflow.name}`}
            buttonClassName="grid h-8 w-8 place-items-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            button={<DotsIcon className="h-5 w-5" />}
          >
            <MenuItem onSelect={() => router.push(href)}>Open in editor</MenuItem>
            {canEdit && <MenuItem onSelect={() => onAction('rename', workflow)}>Rename…</MenuItem>}
            {canEdit && <MenuItem onSelect={() => onAction('duplicate', workflow)}>Duplicate</MenuItem>}
            <MenuItem onSelect={() => onAction('export', workflow)}>Export as JSON</MenuItem>
            {canEdit && (
              <>
                <MenuSeparator />
                <MenuItem onSelect={() => onAction('delete', workflow)}>
                  <span className="text-red-600 dark:text-red-400">Delete…</span>
                </MenuItem>
              </>
            )}
          </Menu>
        </div>
      </td>
    </tr>
  );
}

// The list says "Succeeded" where an execution's own page says "Completed": it reads as a verdict on the last run.
const LAST_RUN_LABEL: Record<ExecutionStatus, string> = { ...STATUS_LABEL, completed: 'Succeeded' };

/** The latest run: its status and when. */
function LastRun({ workflow }: { workflow: WorkflowSummary }) {
  if (!workflow.last_execution_status) return <span className="text-zinc-500 dark:text-zinc-400">Never run</span>;
  const status = workflow.last_execution_status;
  return (
    <span className="flex items-center gap-2 whitespace-nowrap">
      <Badge tone={EXECUTION_STATUS_TONE[status]}>{LAST_RUN_LABEL[status]}</Badge>
      <span className="text-zinc-600 dark:text-zinc-400">
        <Time value={workflow.last_execution_at} />
      </span>
    </span>
  );
}
