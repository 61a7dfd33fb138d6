/** The part of isolated-vm's API the server process uses; the same in majors 5, 6 and 7. */
export interface Isolate {
  readonly isDisposed: boolean;
  createContextSync(): Context;
  compileScriptSync(code: string, options?: { filename?: string }): Script;
  dispose(): void;
}

export interface Context {
  evalSync(code: string, options: { reference: true }): Reference;
}

export interface Script {
  release(): void;
}

export interface Reference {
  applySync(receiver: undefined, args: unknown[], options?: { timeout?: number }): unknown;
}

export interface IsolatedVm {
  Isolate: new (options: { memoryLimit: number }) => Isolate;
}

export interface LoadedIsolatedVm {
  ivm: IsolatedVm;
  /** The alias it loaded from, e.g. `isolated-vm-7`. */
  packageName: string;
  /** isolated-vm's own version, e.g. `7.0.1`. */
  version: string;
}

/** The newest isolated-vm that loads on this Node; throws one clear error when none does. */
export function loadIsolatedVm(): LoadedIsolatedVm;
