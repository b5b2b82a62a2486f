/**
 * PGlite does not lock its data directory: two processes opening it would silently lose writes. A lock
 * file (created atomically, holding the owner's pid) turns that into a clear error. A lock left by a
 * process that no longer runs is taken over.
 */
import { mkdirSync, openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from './errors.ts';

export interface Lock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE_NAME = 'fairdebt.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(dataDir: string): Lock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // A process that opens many databases in turn (tests, harnesses) keeps no listener per database.
        process.off('exit', release);
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new AppError(
          'DATABASE_LOCKED',
          `the data directory ${dataDir} is in use by process ${owner}; stop it first, or use another DATA_DIR`,
          { details: { dataDir, pid: owner } },
        );
      }
      // Stale lock: its process is gone (killed, crashed). Take it over.
      unlinkSync(path);
    }
  }
  throw new AppError('DATABASE_LOCKED', `could not take the lock file in ${dataDir}`);
}
