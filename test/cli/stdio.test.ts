/**
 * The binary's output (cli/stdio.ts): written to the descriptor while it takes the
 * bytes, handed to the stream where a write would block, dropped once the reader is
 * gone. The descriptor is a stand-in here; test/cli/stdout.test.ts runs the real binary
 * against a terminal, a closed pipe and a non-blocking pipe.
 */
import { describe, expect, it } from 'vitest';
import { fdOutput } from '../../server/src/cli/stdio.ts';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** A descriptor that takes at most `chunk` bytes a write, and fails with `failWith` once it holds `capacity`. */
function descriptor(chunk: number, capacity = Infinity, failWith = 'EAGAIN') {
  const written: number[] = [];
  const streamed: Buffer[] = [];
  const errors: string[] = [];
  let streams = 0;
  const out = fdOutput(1, {
    writeSync: (_fd, data, offset, length) => {
      if (written.length >= capacity) throw errno(failWith);
      const n = Math.min(chunk, length, capacity - written.length);
      for (let i = 0; i < n; i++) written.push(data[offset + i]!);
      return n;
    },
    stream: () => {
      streams++;
      return { write: (d: string | Uint8Array) => void streamed.push(Buffer.from(d)) } as unknown as NodeJS.WritableStream;
    },
    onError: (e) => void errors.push(e.code ?? ''),
  });
  return { out, written: () => Buffer.from(written).toString('utf8'), streamed: () => Buffer.concat(streamed).toString('utf8'), errors, streams: () => streams };
}

describe('fdOutput', () => {
  it('writes every byte in order, however few a write takes', () => {
    const d = descriptor(3);
    d.out.write('Zoë — “ok”\n');
    d.out.write(new Uint8Array([0x61, 0x62]));
    expect(d.written()).toBe('Zoë — “ok”\nab');
    expect(d.streams()).toBe(0);
  });

  it('hands the rest to the stream when the pipe would block, and keeps the order', () => {
    const d = descriptor(4, 6);
    d.out.write('abcdefghij');
    d.out.write('klm');
    expect(d.written() + d.streamed()).toBe('abcdefghijklm');
    expect(d.written()).toBe('abcdef');
    expect(d.streams()).toBe(1);
    expect(d.errors).toEqual([]);
  });

  it('drops the rest quietly once the reader has gone (EPIPE)', () => {
    const d = descriptor(4, 4, 'EPIPE');
    d.out.write('abcdefgh');
    d.out.write('ijk');
    expect(d.written()).toBe('abcd');
    expect(d.streams()).toBe(0);
    expect(d.errors).toEqual([]);
  });

  it('reports another write error once, then writes nothing more', () => {
    const d = descriptor(4, 2, 'EIO');
    d.out.write('abcd');
    d.out.write('efgh');
    expect(d.written()).toBe('ab');
    expect(d.errors).toEqual(['EIO']);
  });
});
