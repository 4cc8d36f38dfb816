import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/**
 * Synchronous bounds by linear programming (HiGHS in worker threads). protect() is
 * synchronous and HiGHS only loads asynchronously: the calling thread posts the problem and
 * blocks on a shared flag until each worker has answered. Written apart from the audit's
 * solver on purpose: the audit must not share the suppression's code.
 */
export interface LpVariable {
  lower: number;
  upper: number;
  integer: boolean;
}

export interface LpRow {
  vars: number[];
  coefs: number[];
  lower: number;
  upper: number;
}

export interface LpTarget {
  kind: "cell" | "group";
  vars: number[];
}

export interface LpComponent {
  variables: LpVariable[];
  rows: LpRow[];
  targets: LpTarget[];
  /** One feasible solution (the true values), which proves part of every interval; null if none is known. */
  start: number[] | null;
}

/** For a cell, the interval; for a group, `low` is only meaningful when `high` < enough. */
export interface LpBounds {
  low: number;
  high: number;
}

interface BoundsWorker {
  thread: Worker;
  port: MessagePort;
  flag: Int32Array;
}

const workers: BoundsWorker[] = [];

function start(): BoundsWorker {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const thread = new Worker(new URL("./bounds-worker.mjs", import.meta.url), {
    workerData: { port: port2, flag },
    transferList: [port2],
  });
  // The worker idles between calls: it must not keep the process alive.
  thread.unref();
  port1.unref();
  return { thread, port: port1, flag };
}

const waitLimitMs = 600_000;

/** At département size the first check solves thousands of components: one worker per core. */
const workerCount = Math.max(1, Math.min(4, availableParallelism()));

/** A component's share of the work, roughly: its rows and its targets. */
const weightOf = (c: LpComponent) => c.rows.length + c.targets.length;

/**
 * Components dealt to the workers, heaviest first to the least loaded, so that one giant
 * component does not leave the others idle. Small batches stay on one worker: posting costs more.
 */
function deal(components: readonly LpComponent[]): number[][] {
  const total = components.reduce((s, c) => s + weightOf(c), 0);
  const count = total < 5_000 ? 1 : workerCount;
  const shares: number[][] = Array.from({ length: count }, () => []);
  const loads = shares.map(() => 0);
  const order = components
    .map((_, i) => i)
    .sort((a, b) => weightOf(components[b]!) - weightOf(components[a]!) || a - b);
  for (const i of order) {
    const least = loads.indexOf(Math.min(...loads));
    shares[least]!.push(i);
    loads[least]! += weightOf(components[i]!);
  }
  return shares.filter((share) => share.length > 0);
}

/** Bounds of every target of every component; `enough` lets a wide interval stop early. */
export function lpBounds(components: readonly LpComponent[], enough: number): LpBounds[][] {
  if (components.length === 0) return [];
  const shares = deal(components);
  while (workers.length < shares.length) workers.push(start());
  shares.forEach((share, w) => {
    const { port, flag } = workers[w]!;
    Atomics.store(flag, 0, 0);
    port.postMessage({ components: share.map((i) => components[i]!), enough });
  });
  const out: LpBounds[][] = new Array(components.length);
  let failure: Error | undefined;
  shares.forEach((share, w) => {
    const { port, flag, thread } = workers[w]!;
    const outcome = Atomics.wait(flag, 0, 0, waitLimitMs);
    const reply = receiveMessageOnPort(port)?.message as { bounds?: LpBounds[][]; error?: string } | undefined;
    if (outcome === "timed-out" || !reply) {
      thread.terminate();
      workers[w] = start();
      failure ??= new Error(
        "Le calcul des intervalles du secret statistique n'a pas abouti (solveur HiGHS sans réponse).",
      );
      return;
    }
    if (reply.error !== undefined || !reply.bounds) {
      failure ??= new Error(
        `Le calcul des intervalles du secret statistique a échoué : ${reply.error ?? "réponse vide"}.`,
      );
      return;
    }
    share.forEach((i, k) => (out[i] = reply.bounds![k]!));
  });
  if (failure) throw failure;
  return out;
}
