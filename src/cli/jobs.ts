/**
 * The message pipeline of `parse` and `validate`: read every input as raw messages (streamed,
 * bounded memory), process each one (parse + render, `worker.ts`), hand the outputs to a sink in
 * input order, count them, and show a progress bar on stderr when stderr is a terminal.
 *
 * `--jobs 1` processes in the main thread. `--jobs N` spreads batches of messages over N worker
 * threads: the main thread splits the input and writes the output; each batch carries a sequence
 * number, and a reorder buffer hands results to the sink strictly in sequence. At most 3 × N
 * batches are in flight (sent and not yet written): when the buffer is full, reading waits, so
 * memory stays bounded even when one worker is slow or the output is.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Encoding } from './adapter.js';
import { CliError, readMessages, type Input, type RawMessage } from './input.js';
import { countMessage, emptyStats, type RunStats } from './report.js';
import { packMeta, processMessage, WORKER_MARK, type BatchRequest, type BatchResult, type MessageMeta, type ProcessedMessage, type TaskSpec } from './worker.js';

export interface PipelineOptions {
  /** Worker threads; 1 = none. */
  readonly jobs: number;
  readonly encoding?: Encoding;
  readonly maxMessageBytes: number;
  /** Show a progress bar on stderr. */
  readonly progress: boolean;
  /** Receives every message's output, in input order. */
  readonly sink: (p: ProcessedMessage) => Promise<void>;
}

// --- progress ------------------------------------------------------------------------------------

/** A one-line progress bar on stderr (a TTY), redrawn at most 10 times a second. */
class Progress {
  private bytes = 0;
  private messages = 0;
  private last = 0;
  private drawn = false;
  private readonly started = Date.now();

  constructor(
    private readonly enabled: boolean,
    private readonly total: number | undefined,
  ) {}

  read(n: number): void {
    this.bytes += n;
    this.tick();
  }

  message(): void {
    this.messages++;
    if ((this.messages & 255) === 0) this.tick();
  }

  private tick(): void {
    if (!this.enabled) return;
    const now = Date.now();
    // Nothing for quick runs; then at most 10 redraws a second.
    if (now - this.started < 500 || now - this.last < 100) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = `${(this.bytes / 1e6 / secs).toFixed(1)} MB/s`;
    const count = `${this.messages.toLocaleString('en-US')} msgs`;
    let line: string;
    if (this.total !== undefined && this.total > 0) {
      const f = Math.min(1, this.bytes / this.total);
      const width = 30;
      const full = Math.round(f * width);
      line = `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%  ${count}  ${rate}`;
    } else {
      line = `${(this.bytes / 1e6).toFixed(1)} MB  ${count}  ${rate}`;
    }
    process.stderr.write(`\r\x1b[K${line}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) process.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}

// --- worker pool ---------------------------------------------------------------------------------

/** The worker script: `cli-worker.js` next to the built `cli.js` (or `worker.ts` when run from source). */
function workerFile(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./worker.ts', here) : new URL('./cli-worker.js', here);
}

class Pool {
  private readonly workers: { worker: Worker; pending: number }[] = [];
  private readonly results = new Map<number, Extract<BatchResult, { buffer: ArrayBuffer }>>();
  private nextWrite = 0;
  private inFlight = 0;
  private writing = false;
  private failure: Error | undefined;
  private waiters: (() => void)[] = [];
  private readonly maxInFlight: number;
  private closing = false;

  constructor(
    private readonly size: number,
    private readonly task: TaskSpec,
    private readonly sink: (p: ProcessedMessage) => Promise<void>,
  ) {
    this.maxInFlight = size * 3;
  }

  private start(): void {
    const file = workerFile();
    if (!existsSync(fileURLToPath(file))) {
      throw new CliError(`the worker script ${fileURLToPath(file)} is missing (rebuild or reinstall cfxps, or use --jobs 1)`);
    }
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(file, { workerData: { mark: WORKER_MARK, task: this.task }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      const slot = { worker, pending: 0 };
      worker.on('message', (res: BatchResult) => {
        slot.pending--;
        if ('error' in res) {
          this.fail(new CliError(`a worker thread failed on batch ${res.seq}: ${res.error} (try --jobs 1)`));
          return;
        }
        this.results.set(res.seq, res);
        void this.pump();
      });
      worker.on('error', (err) => this.fail(new CliError(`a worker thread failed: ${err.message} (try --jobs 1)`)));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new CliError(`a worker thread stopped (exit code ${code}); try --jobs 1`));
      });
      this.workers.push(slot);
    }
  }

  private fail(err: Error): void {
    if (this.failure === undefined) this.failure = err;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Sends a batch, waiting while the reorder window is full. */
  async submit(req: BatchRequest): Promise<void> {
    if (this.workers.length === 0) this.start();
    while (this.failure === undefined && this.inFlight >= this.maxInFlight) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
    let slot = this.workers[0]!;
    for (const s of this.workers) if (s.pending < slot.pending) slot = s;
    slot.pending++;
    this.inFlight++;
    slot.worker.postMessage(req, [req.buffer, req.meta.buffer as ArrayBuffer]);
  }

  /** Writes the results that are next in sequence. */
  private async pump(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      for (let rs = this.results.get(this.nextWrite); rs !== undefined; rs = this.results.get(this.nextWrite)) {
        this.results.delete(this.nextWrite);
        const bytes = new Uint8Array(rs.buffer);
        let from = 0;
        for (let i = 0; i < rs.fmts.length; i++) {
          const end = rs.ends[i]!;
          const fmt = rs.fmts[i]!;
          const out = end === from ? EMPTY : bytes.subarray(from, end);
          const errors = rs.counts[2 * i]!;
          const warnings = rs.counts[2 * i + 1]!;
          await this.sink(fmt === '' ? { out, errors, warnings } : { out, fmt, errors, warnings });
          from = end;
        }
        this.nextWrite++;
        this.inFlight--;
        this.wake();
      }
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.writing = false;
    }
  }

  /** Waits until every batch sent is written. */
  async drain(): Promise<void> {
    while (this.failure === undefined && this.inFlight > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((s) => s.worker.terminate()));
  }
}

const EMPTY = new Uint8Array(0);

// --- batches -------------------------------------------------------------------------------------

const BATCH_MESSAGES = 256;
const BATCH_BYTES = 512 * 1024;

function makeBatch(seq: number, messages: readonly { raw: RawMessage; index: number }[]): BatchRequest {
  let size = 0;
  for (const m of messages) size += m.raw.bytes.length;
  const buffer = new ArrayBuffer(size);
  const view = new Uint8Array(buffer);
  const metas: MessageMeta[] = [];
  let at = 0;
  for (const m of messages) {
    view.set(m.raw.bytes, at);
    metas.push({ index: m.index, start: at, end: at + m.raw.bytes.length, source: m.raw.source, encoding: m.raw.encoding });
    at += m.raw.bytes.length;
  }
  return { seq, buffer, ...packMeta(metas) };
}

// --- the pipeline --------------------------------------------------------------------------------

/** Runs `task` over every message of `inputs`; returns what it saw. */
export async function runPipeline(inputs: readonly Input[], task: TaskSpec, opts: PipelineOptions): Promise<RunStats> {
  const started = performance.now();
  const stats = emptyStats();
  stats.inputs = inputs.length;
  const total = inputs.every((i) => i.kind === 'file' && i.regular) ? inputs.reduce((s, i) => s + (i.kind === 'file' ? i.size : 0), 0) : undefined;
  const progress = new Progress(opts.progress, total);
  const sink = async (p: ProcessedMessage): Promise<void> => {
    countMessage(stats, p.fmt, p.errors, p.warnings);
    progress.message();
    await opts.sink(p);
  };
  const read = { encoding: opts.encoding, maxMessageBytes: opts.maxMessageBytes, onBytes: (n: number) => {
    stats.bytes += n;
    progress.read(n);
  } };
  let index = 0;
  try {
    if (opts.jobs <= 1) {
      for (const input of inputs) {
        for await (const raw of readMessages(input, read)) {
          await sink(processMessage(task, raw.bytes, { index: index++, source: raw.source, encoding: raw.encoding }));
        }
      }
    } else {
      const pool = new Pool(opts.jobs, task, sink);
      try {
        let seq = 0;
        let batch: { raw: RawMessage; index: number }[] = [];
        let batchBytes = 0;
        for (const input of inputs) {
          for await (const raw of readMessages(input, read)) {
            batch.push({ raw, index: index++ });
            batchBytes += raw.bytes.length;
            if (batch.length >= BATCH_MESSAGES || batchBytes >= BATCH_BYTES) {
              await pool.submit(makeBatch(seq++, batch));
              batch = [];
              batchBytes = 0;
            }
          }
        }
        if (batch.length > 0) await pool.submit(makeBatch(seq++, batch));
        await pool.drain();
      } finally {
        await pool.close();
      }
    }
  } finally {
    progress.clear();
  }
  stats.elapsedMs = performance.now() - started;
  return stats;
}

/** `--jobs` value: a positive integer, or `auto` (one per CPU). */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  if (value === 'auto' || value === '0') {
    return Math.max(1, availableParallelism());
  }
  if (!/^[0-9]+$/.test(value)) throw new CliError(`--jobs must be a number of threads or "auto", not '${value}'`);
  const n = Number(value);
  if (n < 1 || n > 256) throw new CliError(`--jobs must be between 1 and 256, not ${n}`);
  return n;
}
