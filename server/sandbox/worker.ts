import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { readChildMessage, type ChildMessage, type HostMessage } from './protocol';

/** Why the host ended a child; undefined when the child ended on its own (a crash). */
export type WorkerKillReason = 'timeout' | 'shutdown' | 'idle' | 'retired' | 'unresponsive' | 'start_failed';

export interface WorkerExit {
  killedBecause: WorkerKillReason | undefined;
  /** Set when the child reported a fatal isolate failure (V8 out of memory) before it ended. */
  fatal: string | undefined;
}

export interface WorkerListener {
  message(message: ChildMessage): void;
  exit(exit: WorkerExit): void;
}

/**
 * The child program. Built literally from the working directory (the project root for `next start`, `next dev`
 * and vitest) so that no bundler tries to trace or rewrite it.
 */
export function childProgramPath(): string {
  return path.join(process.cwd(), 'server', 'sandbox', 'child.mjs');
}

/** The host's handle on one sandbox child process (`child.mjs`), which runs one piece of code at a time. */
export class SandboxWorker {
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private listener: WorkerListener | null = null;
  private readonly exitListeners: Array<(exit: WorkerExit) => void> = [];
  private killReason: WorkerKillReason | undefined;
  private fatalMessage: string | undefined;
  private exited = false;

  constructor(programPath: string, warmMemoryLimitMb: number) {
    this.child = fork(programPath, [String(warmMemoryLimitMb)], {
      // isolated-vm needs this flag; the child gets no environment (no secrets) and its output is discarded.
      execArgv: ['--no-node-snapshot'],
      env: {} as NodeJS.ProcessEnv,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    let resolveReady!: () => void;
    let rejectReady!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.ready.catch(() => {});
    this.child.on('message', (raw) => {
      const message = readChildMessage(raw);
      if (!message) return;
      if (message.t === 'ready') resolveReady();
      else {
        if (message.t === 'fatal') this.fatalMessage = message.message || 'fatal isolate error';
        this.listener?.message(message);
      }
    });
    this.child.on('error', (error) => {
      rejectReady(error);
      // A child that failed to spawn emits no 'exit'.
      if (this.child.pid === undefined) this.handleExit();
    });
    this.child.on('exit', (code, signal) => {
      rejectReady(new Error(`the sandbox process exited during start-up (${signal ?? `code ${code}`})`));
      this.handleExit();
    });
    // Neither an idle child nor its channel keeps this process alive; a run in progress holds a timer that does.
    this.child.unref();
    this.child.channel?.unref();
  }

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Routes the child's run messages (log, done, fatal) and its death to one listener: the run in progress. */
  setListener(listener: WorkerListener | null): void {
    this.listener = listener;
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.exitListeners.push(listener);
  }

  send(message: HostMessage): boolean {
    if (this.exited || !this.child.connected) return false;
    try {
      this.child.send(message, (error) => {
        if (error) this.kill('unresponsive');
      });
      return true;
    } catch {
      return false;
    }
  }

  /** SIGKILL: never ask a process whose isolate may be stuck to exit politely. */
  kill(reason: WorkerKillReason): void {
    if (this.exited) return;
    this.killReason ??= reason;
    this.child.kill('SIGKILL');
  }

  private handleExit(): void {
    if (this.exited) return;
    this.exited = true;
    const exit: WorkerExit = { killedBecause: this.killReason, fatal: this.fatalMessage };
    for (const listener of this.exitListeners) listener(exit);
    this.listener?.exit(exit);
    this.listener = null;
  }
}
