// Preloaded with `node --import` (through NODE_OPTIONS) by test/cli/no-leaks.test.ts:
// every way a Node program can reach the network throws, and is recorded in the
// file named by VISITNOTES_NET_LOG. Each process and thread that loads the guard
// also records itself in `${VISITNOTES_NET_LOG}.installed`, so the test can tell
// that the guard was really in place. Plain JavaScript: it must load without tsx.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import dgram from 'node:dgram';
import { createRequire } from 'node:module';
import { threadId } from 'node:worker_threads';

const log = process.env.VISITNOTES_NET_LOG;
const where = `${process.pid}:${threadId}`;

function blocked(what) {
  return function networkBlocked() {
    if (log) appendFileSync(log, `${where} ${what}\n`);
    throw new Error(`network access blocked by the test guard: ${what}`);
  };
}

function patch(object, names, prefix) {
  for (const name of names) {
    if (object && typeof object[name] === 'function') {
      try {
        object[name] = blocked(`${prefix}.${name}`);
      } catch {
        // read-only export: nothing can call it through this object anyway
      }
    }
  }
}

patch(net.Socket.prototype, ['connect'], 'net.Socket.prototype');
patch(net, ['connect', 'createConnection'], 'net');
patch(tls, ['connect'], 'tls');
patch(dgram.Socket.prototype, ['send', 'connect'], 'dgram.Socket.prototype');
const dnsFunctions = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'resolvePtr', 'resolveNaptr', 'resolveSoa', 'reverse'];
patch(dns, dnsFunctions, 'dns');
patch(dns.promises, dnsFunctions, 'dns.promises');
patch(http, ['request', 'get'], 'http');
patch(https, ['request', 'get'], 'https');
patch(globalThis, ['fetch', 'WebSocket', 'EventSource'], 'globalThis');
try {
  const undici = createRequire(import.meta.url)('undici');
  patch(undici, ['fetch', 'request', 'stream', 'pipeline', 'connect', 'upgrade'], 'undici');
  patch(undici.Dispatcher?.prototype, ['dispatch', 'request'], 'undici.Dispatcher.prototype');
  patch(undici.Client?.prototype, ['dispatch', 'request'], 'undici.Client.prototype');
  patch(undici.Pool?.prototype, ['dispatch', 'request'], 'undici.Pool.prototype');
  patch(undici.Agent?.prototype, ['dispatch', 'request'], 'undici.Agent.prototype');
} catch {
  // undici not installed where this runs
}

if (log) appendFileSync(`${log}.installed`, `${where}\n`);
