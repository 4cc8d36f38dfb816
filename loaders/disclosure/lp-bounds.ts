import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/**
 * Synchronous bounds by linear programming (HiGHS in a worker thread). protect() is
 * synchronous and HiGHS only loads asynchronously: the calling thread posts the problem and
 * blocks on a shared flag until the worker has answered. Written apart from the audit's
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

let worker: { thread: Worker; port: MessagePort; flag: Int32Array } | undefined;

function start() {
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

/** Bounds of every target of every component; `enough` lets a wide interval stop early. */
export function lpBounds(components: readonly LpComponent[], enough: number): LpBounds[][] {
  if (components.length === 0) return [];
  worker ??= start();
  const { port, flag } = worker;
  Atomics.store(flag, 0, 0);
  port.postMessage({ components, enough });
  const outcome = Atomics.wait(flag, 0, 0, waitLimitMs);
  const reply = receiveMessageOnPort(port)?.message as { bounds?: LpBounds[][]; error?: string } | undefined;
  if (outcome === "timed-out" || !reply) {
    worker.thread.terminate();
    worker = undefined;
    throw new Error("Le calcul des intervalles du secret statistique n'a pas abouti (solveur HiGHS sans réponse).");
  }
  if (reply.error !== undefined || !reply.bounds) {
    throw new Error(`Le calcul des intervalles du secret statistique a échoué : ${reply.error ?? "réponse vide"}.`);
  }
  return reply.bounds;
}
