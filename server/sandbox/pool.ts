import { cancelledError } from './errors';
import { SandboxWorker } from './worker';

export interface WorkerPoolOptions {
  /** Child processes that may exist at once; further runs wait in line. */
  maxWorkers: number;
  /** Idle children kept ready for the next run (also restarted after one is retired). */
  warmWorkers: number;
  /** Extra idle children are stopped after this long. */
  idleMs: number;
  startTimeoutMs: number;
  /** The memory limit a new child prepares its first isolate with. */
  warmMemoryLimitMb: number;
  programPath: string;
}

interface Waiter {
  resolve: (worker: SandboxWorker) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

const shutDown = () => cancelledError('The code sandbox was shut down');

/**
 * Hands out sandbox child processes, one run at a time each. Runs queue in order; idle children are reused,
 * new ones are started up to `maxWorkers`, and children that end (retired, killed, crashed) are forgotten and
 * replaced when needed.
 */
export class WorkerPool {
  /** Children that started and have not ended. */
  private readonly live = new Set<SandboxWorker>();
  private readonly idle: Array<{ worker: SandboxWorker; since: number }> = [];
  private readonly waiters: Waiter[] = [];
  private starting = 0;
  private closed = false;
  private reaper: NodeJS.Timeout | null = null;

  constructor(private readonly options: WorkerPoolOptions) {}

  acquire(signal?: AbortSignal): Promise<SandboxWorker> {
    if (this.closed) return Promise.reject(shutDown());
    if (signal?.aborted) return Promise.reject(cancelledError());
    const ready = this.takeIdle();
    if (ready) return Promise.resolve(ready);
    return new Promise<SandboxWorker>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(cancelledError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Takes back a child that reported itself idle; the first waiting run gets it directly. */
  release(worker: SandboxWorker): void {
    if (!worker.alive) return;
    if (this.closed) {
      worker.kill('shutdown');
      return;
    }
    const waiter = this.nextWaiter();
    if (waiter) {
      waiter.resolve(worker);
      return;
    }
    this.idle.push({ worker, since: Date.now() });
    this.scheduleReap();
  }

  async dispose(): Promise<void> {
    this.closed = true;
    if (this.reaper) clearTimeout(this.reaper);
    for (let waiter = this.nextWaiter(); waiter; waiter = this.nextWaiter()) waiter.reject(shutDown());
    this.idle.length = 0;
    const exits = [...this.live].map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.onExit(() => resolve());
          worker.kill('shutdown');
        }),
    );
    await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  }

  private takeIdle(): SandboxWorker | undefined {
    while (this.idle.length > 0) {
      const { worker } = this.idle.pop()!;
      if (worker.alive) return worker;
    }
    return undefined;
  }

  private nextWaiter(): Waiter | undefined {
    const waiter = this.waiters.shift();
    waiter?.signal?.removeEventListener('abort', waiter.onAbort);
    return waiter;
  }

  /** Starts children for the runs waiting (beyond those already starting), or to keep the warm ones. */
  private pump(): void {
    if (this.closed) return;
    const room = () => this.live.size + this.starting < this.options.maxWorkers;
    while (this.waiters.length > this.starting && room()) this.startOne();
    if (this.waiters.length === 0 && this.live.size + this.starting < this.options.warmWorkers) this.startOne();
  }

  private startOne(): void {
    this.starting++;
    let worker: SandboxWorker | undefined;
    let timer: NodeJS.Timeout | undefined;
    const started = new Promise<SandboxWorker>((resolve, reject) => {
      worker = new SandboxWorker(this.options.programPath, this.options.warmMemoryLimitMb);
      timer = setTimeout(() => reject(new Error('it did not answer in time')), this.options.startTimeoutMs);
      worker.ready.then(() => resolve(worker!), reject);
    });
    started.then(
      (ready) => {
        clearTimeout(timer);
        this.starting--;
        if (!ready.alive) return this.pump();
        this.live.add(ready);
        ready.onExit(() => this.forget(ready));
        this.release(ready);
      },
      (error: unknown) => {
        clearTimeout(timer);
        this.starting--;
        worker?.kill('start_failed');
        // Report the failure to one waiting run rather than retrying forever.
        const message = error instanceof Error ? error.message : String(error);
        this.nextWaiter()?.reject(new Error(`The code sandbox could not start: ${message}`));
      },
    );
  }

  /** A child ended: forget it and start a replacement if runs are waiting or too few are warm. */
  private forget(worker: SandboxWorker): void {
    this.live.delete(worker);
    const index = this.idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) this.idle.splice(index, 1);
    this.pump();
  }

  private scheduleReap(): void {
    if (this.reaper || this.idle.length <= this.options.warmWorkers) return;
    this.reaper = setTimeout(() => {
      this.reaper = null;
      const now = Date.now();
      // Oldest first; the most recently used children stay warm.
      while (this.idle.length > this.options.warmWorkers && now - this.idle[0].since >= this.options.idleMs) {
        this.idle.shift()!.worker.kill('idle');
      }
      this.scheduleReap();
    }, this.options.idleMs);
    this.reaper.unref();
  }
}
