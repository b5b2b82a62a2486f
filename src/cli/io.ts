import { Readable, Writable } from 'node:stream';

/** The streams a verb talks through; tests pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

export function defaultIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/** Collects what a verb writes, for tests. */
export function memoryIo(input = ''): CliIo & { out(): string; err(): string } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (arr: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        arr.push(chunk.toString());
        cb();
      },
    });
  return {
    stdin: Readable.from([input]),
    stdout: sink(out),
    stderr: sink(err),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
