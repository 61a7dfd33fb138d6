import { cancelledError } from './errors';
import { SandboxWorker } from './worker';

export interface WorkerPoolOptions {
  /** Child processes that may exist at once; further runs wait in line. */
  maxWorkers: number;
  /**
   * Children one tenant (a workspace) may hold at once, so one workspace's long-running code can never take every
   * child: its further runs wait even when a child is free, and the others' runs are served first.
   */
  maxPerTenant: number;
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
  tenant: string;
  resolve: (worker: SandboxWorker) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  /** Tells the run it is waiting, once the wait is more than a moment (a child finishing up or starting). */
  notice: NodeJS.Timeout | undefined;
}

/** Waits shorter than this (a child cleaning up after its last run, or starting) are not worth telling anyone. */
const QUEUE_NOTICE_MS = 500;

const shutDown = () => cancelledError('The code sandbox was shut down');

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Whose run this is (a workspace id); runs are shared out fairly between tenants. */
  tenant?: string;
  /** Called when the run has been waiting for a child for more than a moment. */
  onQueued?: () => void;
}

/**
 * Hands out sandbox child processes, one run at a time each. Waiting runs are served round-robin by tenant, each
 * tenant holding at most `maxPerTenant` children; within a tenant, in order. Idle children are reused, new ones
 * are started up to `maxWorkers`, and children that end (retired, killed, crashed) are forgotten and replaced
 * when needed.
 */
export class WorkerPool {
  /** Children that started and have not ended. */
  private readonly live = new Set<SandboxWorker>();
  private readonly idle: Array<{ worker: SandboxWorker; since: number }> = [];
  private readonly waiters: Waiter[] = [];
  /** The tenant each handed-out child is running for. */
  private readonly holder = new Map<SandboxWorker, string>();
  /** The tenant served last, so the next child goes to the next tenant in line. */
  private lastServed: string | null = null;
  private starting = 0;
  private closed = false;
  private reaper: NodeJS.Timeout | null = null;

  constructor(private readonly options: WorkerPoolOptions) {}

  acquire({ signal, tenant = '', onQueued }: AcquireOptions = {}): Promise<SandboxWorker> {
    if (this.closed) return Promise.reject(shutDown());
    if (signal?.aborted) return Promise.reject(cancelledError());
    const ready = this.hasRoom(tenant) ? this.takeIdle() : undefined;
    if (ready) return Promise.resolve(this.handTo(tenant, ready));
    return new Promise<SandboxWorker>((resolve, reject) => {
      const waiter: Waiter = {
        tenant,
        resolve,
        reject,
        signal,
        notice: onQueued && setTimeout(onQueued, QUEUE_NOTICE_MS),
        onAbort: () => {
          clearTimeout(waiter.notice);
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

  /** Takes back a child that reported itself idle; the next waiting run in fair order gets it directly. */
  release(worker: SandboxWorker): void {
    this.holder.delete(worker);
    if (!worker.alive) {
      this.pump();
      return;
    }
    if (this.closed) {
      worker.kill('shutdown');
      return;
    }
    const waiter = this.nextWaiter();
    if (waiter) {
      waiter.resolve(this.handTo(waiter.tenant, worker));
      return;
    }
    this.idle.push({ worker, since: Date.now() });
    this.scheduleReap();
  }

  async dispose(): Promise<void> {
    this.closed = true;
    if (this.reaper) clearTimeout(this.reaper);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.notice);
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(shutDown());
    }
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

  private held(tenant: string): number {
    let count = 0;
    for (const holder of this.holder.values()) if (holder === tenant) count++;
    return count;
  }

  private hasRoom(tenant: string): boolean {
    return this.held(tenant) < this.options.maxPerTenant;
  }

  private handTo(tenant: string, worker: SandboxWorker): SandboxWorker {
    this.holder.set(worker, tenant);
    this.lastServed = tenant;
    return worker;
  }

  /** Tenants with runs waiting and room for another child, starting after the one served last (round-robin). */
  private servableTenants(): string[] {
    const tenants = [...new Set(this.waiters.map((waiter) => waiter.tenant))].filter((tenant) => this.hasRoom(tenant)).sort();
    const last = this.lastServed;
    const after = last === null ? -1 : tenants.findIndex((tenant) => tenant > last);
    return after <= 0 ? tenants : [...tenants.slice(after), ...tenants.slice(0, after)];
  }

  /** The first waiting run of the next tenant in line that may take another child. */
  private nextWaiter(): Waiter | undefined {
    const tenant = this.servableTenants()[0];
    if (tenant === undefined) return undefined;
    const index = this.waiters.findIndex((waiter) => waiter.tenant === tenant);
    const [waiter] = this.waiters.splice(index, 1);
    clearTimeout(waiter.notice);
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    return waiter;
  }

  /** Waiting runs a new child could be given now (each tenant up to its share). */
  private servableWaiting(): number {
    let count = 0;
    for (const tenant of this.servableTenants()) {
      const waiting = this.waiters.filter((waiter) => waiter.tenant === tenant).length;
      count += Math.min(waiting, this.options.maxPerTenant - this.held(tenant));
    }
    return count;
  }

  /** Starts children for the runs waiting (beyond those already starting), or to keep the warm ones. */
  private pump(): void {
    if (this.closed) return;
    const room = () => this.live.size + this.starting < this.options.maxWorkers;
    this.serveFromIdle();
    while (this.servableWaiting() > this.starting && room()) this.startOne();
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

  /** Idle children go to waiting runs whose tenant has room again (a child it held has ended). */
  private serveFromIdle(): void {
    while (this.idle.length > 0 && this.servableWaiting() > 0) {
      const worker = this.takeIdle();
      if (!worker) return;
      const waiter = this.nextWaiter()!;
      waiter.resolve(this.handTo(waiter.tenant, worker));
    }
  }

  /** A child ended: forget it and start a replacement if runs are waiting or too few are warm. */
  private forget(worker: SandboxWorker): void {
    this.live.delete(worker);
    this.holder.delete(worker);
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
