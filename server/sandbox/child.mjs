/**
 * The sandbox child process: the only place user JavaScript runs. The host (`worker.ts`) starts it with
 * `--no-node-snapshot`, an empty environment and an IPC channel, and sends it one run at a time.
 *
 * Why a separate process: isolated-vm's memory limit is a guideline, and some allocations (`new Array(1e8).fill(1)`,
 * a string doubled and flattened, `Array.from({length: 1e8})`) make V8 fail with a fatal out-of-memory error that
 * no isolate option can catch. In this process such a failure ends this process only; the host sees the exit,
 * reports the run as out of memory and starts a fresh child.
 *
 * This file is plain JavaScript because Node runs it directly. `sandboxPrelude` below is not run here: its source
 * text is compiled inside each isolate.
 */
import { loadIsolatedVm } from './load-isolated-vm.mjs';

const { ivm } = loadIsolatedVm();

const PRELUDE_FILENAME = 'sandbox.js';
/**
 * An isolate is replaced when its heap is this full after a run, so that a run never starts short of room; and with
 * its process after RUNS_PER_PROCESS runs, so that no slow leak outside the heap builds up. Each run's context
 * stays in the heap until V8 collects it (~170 kB for a small block), so with the default 64 MB this replaces the
 * isolate every 250-400 small runs anyway; a count of runs per isolate on top would only add replacements,
 * each a heap torn down and a cold isolate built (bench/PROFILE.md, "Fourth round").
 */
const HEAP_RECYCLE_RATIO = 0.5;
/** After a run the isolate must answer this fast, or it is still busy with leftovers of the run. */
const HEALTH_CHECK_MS = 1000;
/** This process is retired after this many runs (a fresh process costs ~0.1-0.2 s, once in a long while). */
const RUNS_PER_PROCESS = 1000;

/**
 * Runs inside a fresh context of the isolate before the user's code. It installs `console` and the timer functions
 * as globals (the scope values when `control` runs the code), removes what the sandbox does not offer, and returns
 * `control`, the one function the child calls into the context with. It must not refer to anything outside itself.
 *
 * @param {(level: string, message: string) => void} hostLog console sink (synchronous isolated-vm callback)
 * @param {(op: number, id: number, ms: number) => void} hostTimer timer requests: 1 timeout, 2 interval, 0 clear
 * @param {string} limitsJson the run's caps (protocol.ts RunLimits)
 */
function sandboxPrelude(hostLog, hostTimer, limitsJson) {
  'use strict';
  const global = globalThis;
  // Everything the prelude needs is captured now, before user code can replace any of it.
  const { apply, defineProperty } = Reflect;
  const { keys: objectKeys, is: objectIs, create, getPrototypeOf } = Object;
  const { isArray } = Array;
  const { stringify, parse } = JSON;
  const StringFn = String;
  const NumberFn = Number;
  const PromiseCtor = Promise;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const DateCtor = Date;
  const RegExpCtor = RegExp;
  const MapCtor = Map;
  const SetCtor = Set;
  const promiseThen = Promise.prototype.then;
  const sliceString = String.prototype.slice;
  const regexpExec = RegExp.prototype.exec;
  const regexpToString = RegExp.prototype.toString;
  const symbolToString = Symbol.prototype.toString;
  const functionToString = Function.prototype.toString;
  const dateToISOString = Date.prototype.toISOString;
  const mapForEach = Map.prototype.forEach;
  const setForEach = Set.prototype.forEach;
  const parseIntFn = parseInt;
  const parseFloatFn = parseFloat;

  const limits = parse(limitsJson);
  const maxChars = limits.maxMessageChars;
  const resolvedPromise = PromiseCtor.resolve();
  const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
  // Frames of the user's code look like `code.js:3:7`; the prelude still runs before any user code here.
  const CODE_LINE = new RegExpCtor(StringFn(limits.codeFilename).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ':(\\d+):\\d+');

  // Not offered: WebAssembly (its memory is not counted against the limit), shared memory (Atomics.wait could
  // block the thread), FinalizationRegistry (its callbacks run at arbitrary later times, after the run ended).
  delete global.WebAssembly;
  delete global.SharedArrayBuffer;
  delete global.FinalizationRegistry;

  function cut(text, max) {
    return text.length > max ? apply(sliceString, text, [0, max]) : text;
  }

  // ---- console -------------------------------------------------------------------------------------------------

  function quote(text) {
    let out = "'";
    const end = text.length < maxChars ? text.length : maxChars;
    for (let i = 0; i < end; i++) {
      const ch = text[i];
      if (ch === "'") out += "\\'";
      else if (ch === '\\') out += '\\\\';
      else if (ch === '\n') out += '\\n';
      else out += ch;
    }
    return out + (end < text.length ? "…'" : "'");
  }

  function describeFunction(fn) {
    let source = '';
    try {
      source = apply(functionToString, fn, []);
    } catch {
      // a revoked proxy and the like
    }
    let name = '';
    try {
      name = typeof fn.name === 'string' ? fn.name : '';
    } catch {
      // a throwing `name` getter
    }
    if (apply(sliceString, source, [0, 5]) === 'class') return '[class ' + (name || '(anonymous)') + ']';
    return name ? '[Function: ' + name + ']' : '[Function (anonymous)]';
  }

  function errorHeadline(error) {
    let name = 'Error';
    let message = '';
    try {
      if (typeof error.name === 'string') name = error.name;
      if (typeof error.message === 'string') message = error.message;
    } catch {
      // unreadable error
    }
    return message ? name + ': ' + message : name;
  }

  function prefixFor(value) {
    let proto;
    try {
      proto = getPrototypeOf(value);
    } catch {
      return '';
    }
    if (proto === null) return '[Object: null prototype] ';
    try {
      const ctor = proto.constructor;
      const name = typeof ctor === 'function' && typeof ctor.name === 'string' ? ctor.name : '';
      return name && name !== 'Object' && name !== 'Array' ? name + ' ' : '';
    } catch {
      return '';
    }
  }

  // A Node-like rendering (`{ a: 1, b: 'x' }`), depth 2, at most 100 items per level and `budget.left` characters.
  function inspect(value, depth, seen, budget) {
    if (budget.left <= 0) return '…';
    const text = inspectValue(value, depth, seen, budget);
    budget.left -= text.length;
    return text;
  }

  function inspectValue(value, depth, seen, budget) {
    switch (typeof value) {
      case 'string':
        return depth === 0 ? value : quote(value);
      case 'number':
        return objectIs(value, -0) ? '-0' : StringFn(value);
      case 'bigint':
        return StringFn(value) + 'n';
      case 'boolean':
      case 'undefined':
        return StringFn(value);
      case 'symbol':
        return apply(symbolToString, value, []);
      case 'function':
        return describeFunction(value);
    }
    if (value === null) return 'null';
    for (let i = 0; i < seen.length; i++) if (seen[i] === value) return '[Circular]';
    if (value instanceof ErrorCtor) {
      if (depth === 0) {
        try {
          const stack = value.stack;
          if (typeof stack === 'string') return stack;
        } catch {
          // fall through to the headline
        }
      }
      return '[' + errorHeadline(value) + ']';
    }
    if (value instanceof DateCtor) {
      try {
        return apply(dateToISOString, value, []);
      } catch {
        return 'Invalid Date';
      }
    }
    if (value instanceof RegExpCtor) return apply(regexpToString, value, []);
    if (depth > 2) return isArray(value) ? '[Array]' : '[Object]';
    seen[seen.length] = value;
    try {
      let out = '';
      let count = 0;
      const add = (text) => {
        out += (count++ === 0 ? '' : ', ') + text;
      };
      if (isArray(value)) {
        const length = value.length;
        for (let i = 0; i < length && i < 100 && budget.left > 0; i++) add(inspect(value[i], depth + 1, seen, budget));
        if (length > count) add('... ' + (length - count) + ' more item' + (length - count === 1 ? '' : 's'));
        return prefixFor(value) + (count ? '[ ' + out + ' ]' : '[]');
      }
      if (value instanceof MapCtor || value instanceof SetCtor) {
        const isMap = value instanceof MapCtor;
        let size = 0;
        const visit = isMap
          ? (v, k) => {
              size++;
              if (count < 100 && budget.left > 0) add(inspect(k, depth + 1, seen, budget) + ' => ' + inspect(v, depth + 1, seen, budget));
            }
          : (v) => {
              size++;
              if (count < 100 && budget.left > 0) add(inspect(v, depth + 1, seen, budget));
            };
        apply(isMap ? mapForEach : setForEach, value, [visit]);
        if (size > count) add('... ' + (size - count) + ' more');
        return (isMap ? 'Map(' : 'Set(') + size + ') ' + (count ? '{ ' + out + ' }' : '{}');
      }
      const keys = objectKeys(value);
      for (let i = 0; i < keys.length && i < 100 && budget.left > 0; i++) {
        const key = keys[i];
        add((apply(regexpExec, IDENTIFIER, [key]) ? key : quote(key)) + ': ' + inspect(value[key], depth + 1, seen, budget));
      }
      if (keys.length > count) add('... ' + (keys.length - count) + ' more');
      return prefixFor(value) + (count ? '{ ' + out + ' }' : '{}');
    } finally {
      seen.length -= 1;
    }
  }

  // printf-style placeholders of the first argument, as Node's util.format: %s %d %i %f %j %o %O %c %%.
  function formatArgs(args) {
    const budget = { left: maxChars + 1 };
    let out = '';
    let next = 0;
    const first = args[0];
    if (typeof first === 'string' && args.length > 1) {
      next = 1;
      for (let i = 0; i < first.length && out.length <= maxChars; i++) {
        const ch = first[i];
        const spec = first[i + 1];
        if (ch !== '%' || spec === undefined) {
          out += ch;
          continue;
        }
        if (spec === '%') {
          out += '%';
          i++;
          continue;
        }
        if (next >= args.length || 'sdifjoOc'.indexOf(spec) === -1) {
          out += ch;
          continue;
        }
        const arg = args[next++];
        i++;
        if (spec === 's') out += typeof arg === 'string' ? arg : inspect(arg, 1, [], budget);
        else if (spec === 'd') out += typeof arg === 'bigint' ? StringFn(arg) + 'n' : typeof arg === 'object' ? 'NaN' : StringFn(NumberFn(arg));
        else if (spec === 'i') out += typeof arg === 'bigint' ? StringFn(arg) + 'n' : StringFn(parseIntFn(arg));
        else if (spec === 'f') out += StringFn(parseFloatFn(arg));
        else if (spec === 'j') {
          try {
            out += StringFn(stringify(arg));
          } catch {
            out += '[Circular]';
          }
        } else if (spec === 'o' || spec === 'O') out += inspect(arg, 1, [], budget);
      }
      budget.left = maxChars + 1 - out.length;
    }
    for (let i = next; i < args.length && out.length <= maxChars; i++) {
      if (i > 0) out += ' ';
      const arg = args[i];
      out += typeof arg === 'string' ? arg : inspect(arg, 0, [], budget);
    }
    return out;
  }

  let consoleCalls = 0;
  function emit(level, args) {
    if (consoleCalls > limits.maxConsoleEntries) return;
    consoleCalls++;
    let message;
    if (consoleCalls > limits.maxConsoleEntries) {
      level = 'warn';
      message = 'Console output truncated: only the first ' + limits.maxConsoleEntries + ' entries are kept';
    } else {
      try {
        message = formatArgs(args);
      } catch {
        message = '[a value that could not be printed]';
      }
      if (typeof message !== 'string') message = '';
      message = cut(message, maxChars);
    }
    hostLog(level, message);
  }

  const sandboxConsole = {
    log: (...args) => emit('log', args),
    info: (...args) => emit('info', args),
    warn: (...args) => emit('warn', args),
    error: (...args) => emit('error', args),
    debug: (...args) => emit('debug', args),
    trace: (...args) => emit('debug', args),
    dir: (value) => emit('log', [value]),
    table: (value) => emit('log', [value]),
    assert: (condition, ...args) => {
      if (!condition) emit('error', args.length ? ['Assertion failed:', ...args] : ['Assertion failed']);
    },
  };

  // ---- timers and uncaught errors -------------------------------------------------------------------------------

  // An error thrown by a timer or microtask callback fails the run, as an uncaught exception would.
  let rejectUncaught;
  const uncaught = new PromiseCtor((_, reject) => {
    rejectUncaught = reject;
  });
  apply(promiseThen, uncaught, [undefined, () => {}]);

  const timers = create(null);
  let pendingTimers = 0;
  let nextTimerId = 1;

  function describeType(value) {
    return value === null ? 'null' : typeof value;
  }

  function schedule(callback, delay, args, repeat) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + describeType(callback));
    }
    if (pendingTimers >= limits.maxTimers) {
      throw new ErrorCtor('Too many pending timers: the limit is ' + limits.maxTimers);
    }
    let ms = NumberFn(delay);
    if (!(ms >= 1 && ms <= 2147483647)) ms = 1;
    const id = nextTimerId++;
    timers[id] = { callback, args, repeat };
    pendingTimers++;
    hostTimer(repeat ? 2 : 1, id, ms);
    return id;
  }

  function clear(id) {
    if (typeof id !== 'number' || timers[id] === undefined) return;
    delete timers[id];
    pendingTimers--;
    hostTimer(0, id, 0);
  }

  function fire(id) {
    const timer = timers[id];
    if (timer === undefined) return false;
    if (!timer.repeat) {
      delete timers[id];
      pendingTimers--;
    }
    try {
      apply(timer.callback, undefined, timer.args);
    } catch (error) {
      rejectUncaught(error);
    }
    return timer.repeat && timers[id] === timer;
  }

  const globals = {
    console: sandboxConsole,
    setTimeout: function setTimeout(callback, delay, ...args) {
      return schedule(callback, delay, args, false);
    },
    setInterval: function setInterval(callback, delay, ...args) {
      return schedule(callback, delay, args, true);
    },
    clearTimeout: function clearTimeout(id) {
      clear(id);
    },
    clearInterval: function clearInterval(id) {
      clear(id);
    },
    queueMicrotask: function queueMicrotask(callback) {
      if (typeof callback !== 'function') {
        throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + describeType(callback));
      }
      apply(promiseThen, resolvedPromise, [
        () => {
          try {
            apply(callback, undefined, []);
          } catch (error) {
            rejectUncaught(error);
          }
        },
      ]);
    },
  };
  const globalNames = objectKeys(globals);
  for (let i = 0; i < globalNames.length; i++) {
    const name = globalNames[i];
    defineProperty(global, name, { value: globals[name], writable: true, configurable: true, enumerable: false });
  }

  // ---- scope -----------------------------------------------------------------------------------------------------

  // Scope values are copies made from JSON here, just before the user's code is called (in the call that runs
  // it, since the scope's size is the user's); a name never replaces an existing global (builtins and the
  // functions above win).
  function defineScope(scopeJson) {
    const scope = parse(scopeJson);
    const scopeNames = objectKeys(scope);
    for (let i = 0; i < scopeNames.length; i++) {
      const name = scopeNames[i];
      if (name in global) continue;
      defineProperty(global, name, { value: scope[name], writable: true, configurable: true, enumerable: true });
    }
  }

  // ---- the run ---------------------------------------------------------------------------------------------------

  function describeError(error) {
    let name = '';
    let message = '';
    let stack = '';
    let errorLike = false;
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function') && typeof error.message === 'string') {
        errorLike = true;
        message = error.message;
        const errorName = error.name;
        name = typeof errorName === 'string' ? errorName : '';
      } else {
        message = typeof error === 'string' ? error : inspect(error, 1, [], { left: maxChars });
      }
    } catch {
      message = 'Code threw a value that could not be read';
    }
    if (errorLike) {
      try {
        // A user-defined Error.prepareStackTrace runs here; if it throws, there is just no line number.
        const errorStack = error.stack;
        stack = typeof errorStack === 'string' ? errorStack : '';
      } catch {
        stack = '';
      }
    }
    const match = apply(regexpExec, CODE_LINE, [cut(stack, 20000)]);
    const line = match ? NumberFn(match[1]) : null;
    return stringify({ name: cut(StringFn(name), 200), message: cut(StringFn(message), maxChars), line });
  }

  // The result is converted to JSON here, in the isolate and under its time limit, so getters, toJSON and proxies
  // only ever run in the sandbox. The child gets one string back: R<json>, E<error>, I<invalid result>.
  function encodeResult(value) {
    if (value === undefined) return 'Rnull';
    let text;
    try {
      text = stringify(value);
    } catch (error) {
      return 'I' + stringify({ reason: 'not_serializable', detail: cut(errorHeadline(error), 2000) });
    }
    if (typeof text !== 'string') {
      const kind = typeof value;
      const detail = kind === 'function' ? 'a function' : kind === 'symbol' ? 'a symbol' : 'a value of type ' + kind;
      return 'I' + stringify({ reason: 'unsupported_type', detail });
    }
    // Characters are never more than UTF-8 bytes: this cheap check already stops most oversized values in the isolate.
    if (text.length > limits.maxResultBytes) {
      return 'I' + stringify({ reason: 'too_large', detail: StringFn(text.length) });
    }
    return 'R' + text;
  }

  async function runMain(userFunction, scopeJson) {
    defineScope(scopeJson);
    let value;
    try {
      value = await new PromiseCtor((resolve, reject) => {
        apply(promiseThen, uncaught, [undefined, reject]);
        apply(promiseThen, apply(userFunction, undefined, []), [resolve, reject]);
      });
    } catch (error) {
      return 'E' + describeError(error);
    }
    return encodeResult(value);
  }

  return function control(op, arg, scopeJson) {
    if (op === 'fire') return fire(arg);
    if (op === 'run') return runMain(arg, scopeJson);
    return undefined;
  };
}

const PRELUDE_SOURCE = `(${sandboxPrelude.toString()})`;

// ---- the isolate ----------------------------------------------------------------------------------------------

/**
 * @typedef {{ context: import('isolated-vm-5').Context, setup: import('isolated-vm-5').Reference }} Spare
 * @type {{ isolate: import('isolated-vm-5').Isolate, memoryLimitMb: number, prelude: import('isolated-vm-5').Script, spare: Spare | null } | null}
 */
let slot = null;
/** @type {Run | null} */
let current = null;
let queue = Promise.resolve();
let runsInProcess = 0;
const abortedBeforeStart = new Set();

function send(message, callback) {
  if (!process.connected) return;
  try {
    process.send(message, undefined, undefined, (error) => callback?.(error));
  } catch {
    // The host is gone; 'disconnect' ends this process.
  }
}

function die() {
  process.kill(process.pid, 'SIGKILL');
}

/** V8 lost control of an isolate (a fatal out-of-memory): report it and end this process, the only safe way out. */
function catastrophe(message) {
  send({ t: 'fatal', id: current ? current.id : null, message: String(message) }, die);
  setTimeout(die, 200);
}

function disposeSlot() {
  const old = slot;
  slot = null;
  if (old && !old.isolate.isDisposed) {
    try {
      old.isolate.dispose();
    } catch {
      // already gone
    }
  }
}

function ensureSlot(memoryLimitMb) {
  if (slot && !slot.isolate.isDisposed && slot.memoryLimitMb === memoryLimitMb) return slot;
  disposeSlot();
  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb, onCatastrophicError: catastrophe });
  const prelude = isolate.compileScriptSync(PRELUDE_SOURCE, { filename: PRELUDE_FILENAME });
  slot = { isolate, memoryLimitMb, prelude, spare: null };
  return slot;
}

/**
 * Creating a context and running the prelude's definition in it is most of a run's set-up (~1 ms of CPU).
 * Between runs the child prepares the next run's context ahead: made after the last run ended, never seen by
 * any code, and given to exactly one run, so each run still gets a context of its own, as fresh as before.
 *
 * These set-up steps (and the prelude's set-up in `Run.start`) are synchronous isolated-vm calls: each asynchronous
 * call is a round trip to isolated-vm's thread pool (two thread wake-ups, a captured stack, a promise) that costs
 * more CPU than the step itself. They handle only input of a fixed size (the prelude, the limits, the definition
 * of the compiled code), in an isolate that is idle, so they hold this thread for well under a millisecond. What
 * the user sizes stays asynchronous: compiling the code, and the call that defines the scope and runs the code,
 * so that a fatal out-of-memory error there (which parks the calling thread for good) is still reported, and this
 * thread keeps serving the run's timers and an abort.
 */
function prepareSpare(target) {
  if (target.spare || target.isolate.isDisposed) return;
  try {
    const context = target.isolate.createContextSync();
    const setup = target.prelude.runSync(context, { reference: true, timeout: HEALTH_CHECK_MS });
    target.spare = { context, setup };
  } catch {
    // The isolate went away: the next run makes its own context.
  }
}

/** The context prepared for the next run, taken so that no other run can have it. */
function takeSpare(target) {
  const spare = target.spare;
  target.spare = null;
  return spare;
}

function timeoutAfter(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

// ---- one run --------------------------------------------------------------------------------------------------

class Run {
  constructor(request) {
    this.id = request.id;
    this.request = request;
    this.limits = request.limits;
    this.done = false;
    /** The run was stopped from outside its code (timeout, abort, memory): the isolate may still be busy. */
    this.killed = false;
    /** Timer callbacks sent into the isolate that have not returned yet. */
    this.inflight = 0;
    this.logs = 0;
    /** @type {Map<number, { handle: NodeJS.Timeout, repeat: boolean, firing: boolean }>} */
    this.timers = new Map();
    this.deadline = Date.now() + request.timeoutMs;
    this.baselineRss = process.memoryUsage.rss();
    this.slot = null;
    this.context = null;
    this.control = null;
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
    this.guard = setTimeout(() => this.stop('timeout'), request.timeoutMs);
  }

  remaining() {
    return Math.max(1, this.deadline - Date.now());
  }

  async start() {
    const { request } = this;
    this.slot = ensureSlot(request.memoryLimitMb);
    const { isolate, prelude } = this.slot;
    let script;
    try {
      script = await isolate.compileScript(request.source, { filename: request.limits.codeFilename });
    } catch (error) {
      if (error instanceof SyntaxError || (error instanceof RangeError && !isolate.isDisposed)) {
        this.finish({ code: 'syntax_error', name: error.name, message: error.message });
        return;
      }
      throw error;
    }
    if (this.done) return;
    const spare = takeSpare(this.slot);
    this.context = spare ? spare.context : isolate.createContextSync();
    const setup = spare ? spare.setup : prelude.runSync(this.context, { reference: true, timeout: this.remaining() });
    const logCallback = new ivm.Callback((level, message) => this.log(level, message));
    const timerCallback = new ivm.Callback((op, id, ms) => this.timer(op, id, ms), { ignored: true });
    this.control = setup.applySync(
      undefined,
      [logCallback, timerCallback, JSON.stringify(this.limits)],
      { result: { reference: true }, timeout: this.remaining() },
    );
    setup.release();
    const userFunction = script.runSync(this.context, { reference: true, timeout: this.remaining() });
    script.release();
    const envelope = await this.control.apply(undefined, ['run', userFunction.derefInto(), request.scope], {
      result: { promise: true },
      timeout: this.remaining(),
    });
    this.settle(envelope);
  }

  /** Reads the string `runMain` returned. */
  settle(envelope) {
    if (typeof envelope !== 'string' || envelope.length === 0) {
      this.finish({ code: 'internal', message: 'the sandbox returned no result' });
      return;
    }
    const body = envelope.slice(1);
    switch (envelope[0]) {
      case 'R':
        if (Buffer.byteLength(body, 'utf8') > this.limits.maxResultBytes) {
          this.finish({ code: 'invalid_result', reason: 'too_large', detail: String(Buffer.byteLength(body, 'utf8')) });
        } else {
          this.finish({ code: 'ok', json: body });
        }
        return;
      case 'E':
      case 'I': {
        let parsed = null;
        try {
          parsed = JSON.parse(body);
        } catch {
          // handled below
        }
        if (parsed === null || typeof parsed !== 'object') {
          this.finish({ code: 'internal', message: 'the sandbox returned a malformed error' });
        } else if (envelope[0] === 'E') {
          this.finish({ code: 'user_error', name: parsed.name, message: parsed.message, line: parsed.line });
        } else {
          this.finish({ code: 'invalid_result', reason: parsed.reason, detail: parsed.detail });
        }
        return;
      }
      default:
        this.finish({ code: 'internal', message: 'the sandbox returned an unknown result' });
    }
  }

  log(level, message) {
    if (this.done || typeof level !== 'string' || typeof message !== 'string') return;
    if (this.logs > this.limits.maxConsoleEntries) return;
    this.logs++;
    const text = message.length > this.limits.maxMessageChars ? message.slice(0, this.limits.maxMessageChars) : message;
    send({ t: 'log', id: this.id, level, message: text, at: new Date().toISOString() });
  }

  timer(op, id, ms) {
    if (this.done || typeof id !== 'number') return;
    if (op === 0) {
      this.clearTimer(id);
      return;
    }
    if ((op !== 1 && op !== 2) || this.timers.has(id) || this.timers.size >= this.limits.maxTimers) return;
    const delay = typeof ms === 'number' && ms >= 1 && ms <= 2147483647 ? ms : 1;
    const repeat = op === 2;
    const handle = (repeat ? setInterval : setTimeout)(() => this.fire(id), delay);
    this.timers.set(id, { handle, repeat, firing: false });
  }

  clearTimer(id) {
    const entry = this.timers.get(id);
    if (!entry) return;
    this.timers.delete(id);
    clearTimeout(entry.handle); // clears intervals too
  }

  fire(id) {
    const entry = this.timers.get(id);
    if (this.done || !entry || entry.firing) return;
    if (!entry.repeat) this.timers.delete(id);
    entry.firing = true;
    this.inflight++;
    this.control.apply(undefined, ['fire', id], { timeout: this.remaining() }).then(
      (stillActive) => {
        this.inflight--;
        entry.firing = false;
        if (!stillActive) this.clearTimer(id);
      },
      (error) => {
        this.inflight--;
        this.fail(error);
      },
    );
  }

  /** An isolated-vm call failed: the isolate hit its memory limit or its time limit, or broke. */
  fail(error) {
    if (this.done) return;
    const message = error && typeof error.message === 'string' ? error.message : String(error);
    const isolate = this.slot && this.slot.isolate;
    if (/memory limit/i.test(message) || (isolate && isolate.isDisposed)) {
      this.stop('memory_limit');
    } else if (/timed out/i.test(message)) {
      this.stop('timeout');
    } else {
      this.killed = true;
      this.finish({ code: 'internal', message });
    }
  }

  /**
   * Timeout, abort or memory: answer at once. The isolate is not disposed here: an isolate stuck in V8 (a garbage
   * collector thrashing at the heap limit) can block `dispose()` and later be declared catastrophic, which must
   * not happen during someone else's run. The process retires instead (see `tidy`), which stops everything.
   */
  stop(code) {
    if (this.done) return;
    this.killed = true;
    // A heap at its limit can keep V8's garbage collector busy until the timeout. The isolate cannot be asked
    // while it is stuck, but this process's memory can: grown by more than the limit means memory, not time.
    const grownBy = process.memoryUsage.rss() - this.baselineRss;
    const memory = code === 'timeout' && grownBy > this.request.memoryLimitMb * 1024 * 1024;
    this.finish({ code: memory ? 'memory_limit' : code });
  }

  finish(outcome) {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.guard);
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
    send({ t: 'done', id: this.id, outcome });
    this.resolveFinished();
  }

  /**
   * After the run: decides whether this process can take another run (returns true to retire it) and whether the
   * isolate can be reused. A killed isolate, timer callbacks still running or an isolate that does not answer a
   * health check mean the isolate may still be busy with this run's code: the whole process retires.
   */
  async tidy() {
    const used = this.slot;
    if (this.killed || this.inflight > 0 || !used || used !== slot || used.isolate.isDisposed) return true;
    for (const handle of [this.control, this.context]) {
      try {
        handle?.release();
      } catch {
        // already released with its isolate
      }
    }
    const stats = await Promise.race([used.isolate.getHeapStatistics().catch(() => null), timeoutAfter(HEALTH_CHECK_MS)]);
    if (!stats) return true;
    const limit = used.memoryLimitMb * 1024 * 1024;
    if (stats.used_heap_size + stats.externally_allocated_size > limit * HEAP_RECYCLE_RATIO) {
      disposeSlot();
    }
    return runsInProcess >= RUNS_PER_PROCESS;
  }
}

async function execute(request) {
  if (abortedBeforeStart.delete(request.id)) {
    send({ t: 'done', id: request.id, outcome: { code: 'cancelled' } });
    send({ t: 'idle', id: request.id, retire: false });
    return;
  }
  runsInProcess++;
  const run = new Run(request);
  current = run;
  // `start` may never return when the isolate is stuck; the run is over once it is finished either way.
  run.start().catch((error) => run.fail(error));
  await run.finished;
  current = null;
  const retire = await run.tidy();
  if (retire) {
    // Tell the host not to send more work, then end: SIGKILL stops whatever the isolate is still doing.
    send({ t: 'idle', id: request.id, retire: true }, die);
    setTimeout(die, 1000);
    return new Promise(() => {});
  }
  // Keep an isolate warm for the next run, and its context ready.
  if (!slot) ensureSlot(request.memoryLimitMb);
  send({ t: 'idle', id: request.id, retire: false });
  prepareSpare(slot);
}

function isRunRequest(message) {
  return (
    typeof message.id === 'number' &&
    typeof message.source === 'string' &&
    typeof message.scope === 'string' &&
    typeof message.timeoutMs === 'number' &&
    typeof message.memoryLimitMb === 'number' &&
    message.limits !== null &&
    typeof message.limits === 'object'
  );
}

process.on('message', (message) => {
  if (message === null || typeof message !== 'object') return;
  if (message.t === 'run' && isRunRequest(message)) {
    queue = queue.then(() => execute(message)).catch((error) => {
      send({ t: 'done', id: message.id, outcome: { code: 'internal', message: String(error && error.message) } });
      send({ t: 'idle', id: message.id, retire: true }, die);
    });
  } else if (message.t === 'abort' && typeof message.id === 'number') {
    if (current && current.id === message.id) current.stop('cancelled');
    else abortedBeforeStart.add(message.id);
  }
});

// Without its host this process has no purpose; SIGKILL avoids exiting through V8 while an isolate may be busy.
process.on('disconnect', die);
process.on('unhandledRejection', () => {
  // Every isolated-vm promise is handled above; a stray rejection must not end the process mid-run.
});

const warmLimit = Number(process.argv[2]);
const warmSlot = ensureSlot(Number.isFinite(warmLimit) && warmLimit >= 8 ? warmLimit : 64);
// Ready first: the spare context is made before this process reads its first message anyway.
send({ t: 'ready' });
prepareSpare(warmSlot);
