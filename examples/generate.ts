// Writes the two bundled examples (run: node --import tsx examples/generate.ts). Deterministic.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const iso = (t: number) => new Date(t).toISOString();

interface Ev { logStreamName: string; timestamp: number; message: string }

function write(name: string, events: Ev[]): void {
  events.sort((a, b) => a.timestamp - b.timestamp);
  const out = {
    events: events.map((e, i) => ({ ...e, ingestionTime: e.timestamp + 800, eventId: String(37000000000000000000000000000000000000000000000000000000n + BigInt(i) * 4096n) })),
    searchedLogStreams: [],
  };
  writeFileSync(join(here, name), JSON.stringify(out, null, 4) + '\n');
}

// ECS: orders-api, 3 tasks, 4 hours; connection failures cluster in 8 of the 48 windows.
{
  const start = Date.parse('2026-11-20T08:00:00Z');
  const tasks = [hex(32), hex(32), hex(32)];
  const events: Ev[] = [];
  const badWindows = new Set([5, 6, 7, 19, 20, 33, 34, 41]);
  for (let w = 0; w < 48; w++) {
    for (const task of tasks) {
      const stream = `ecs/orders-api/${task}`;
      for (let k = 0; k < 4; k++) {
        const t = start + w * 300_000 + Math.floor(rand() * 300_000);
        events.push({ logStreamName: stream, timestamp: t, message: `GET /orders/${Math.floor(rand() * 900 + 100)} 200 ${Math.floor(rand() * 40 + 3)}ms` });
      }
      if (badWindows.has(w) && task !== tasks[2]) {
        const t = start + w * 300_000 + Math.floor(rand() * 290_000);
        const r = rand();
        if (r < 0.5) {
          events.push({ logStreamName: stream, timestamp: t, message: 'Error: connect ECONNREFUSED 10.0.3.42:5432' });
          events.push({ logStreamName: stream, timestamp: t + 1, message: '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {' });
          events.push({ logStreamName: stream, timestamp: t + 2, message: "  code: 'ECONNREFUSED'," });
        } else if (r < 0.85) {
          events.push({ logStreamName: stream, timestamp: t, message: 'Error: connect ETIMEDOUT 10.0.5.18:6379' });
        } else {
          events.push({ logStreamName: stream, timestamp: t, message: 'Error: getaddrinfo ENOTFOUND orders-service.local' });
        }
        events.push({ logStreamName: stream, timestamp: t + 5, message: `GET /orders/42 500 ${Math.floor(rand() * 3000 + 30000)}ms` });
      }
    }
  }
  write('ecs-orders-api.json', events);
}

// Lambda: orders-worker (Node.js), 60 invocations; 8 time out connecting to PostgreSQL, 2 fail DNS.
{
  const start = Date.parse('2026-11-20T08:00:00Z');
  const streams = [`2026/11/20/[$LATEST]${hex(32)}`, `2026/11/20/[$LATEST]${hex(32)}`];
  const events: Ev[] = [];
  for (let i = 0; i < 60; i++) {
    const stream = streams[i % 2] as string;
    const t0 = start + Math.floor(i / 2) * 480_000 + Math.floor(rand() * 60_000);
    const id = uuid();
    const kind = [3, 4, 9, 17, 18, 30, 44, 51].includes(i) ? 'timeout' : [22, 23].includes(i) ? 'dns' : 'ok';
    const push = (dt: number, message: string) => events.push({ logStreamName: stream, timestamp: t0 + dt, message });
    if (i < 2) push(-300, 'INIT_START Runtime Version: nodejs:20.v22\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0b1c2d3e\n');
    push(0, `START RequestId: ${id} Version: $LATEST\n`);
    push(5, `${iso(t0 + 5)}\t${id}\tINFO\tprocessing order ${1000 + i}\n`);
    let billed = Math.floor(rand() * 200 + 40);
    let status = '';
    if (kind === 'timeout') {
      push(2990, `${iso(t0 + 2990)} ${id} Task timed out after 3.00 seconds\n\n`);
      push(2995, `${iso(t0 + 2995)}\t${id}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect ETIMEDOUT 10.0.3.47:5432","code":"ETIMEDOUT","errno":-110,"syscall":"connect","address":"10.0.3.47","port":5432,"stack":["Error: connect ETIMEDOUT 10.0.3.47:5432","    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)"]}\n`);
      billed = 3000;
      status = 'Status: timeout\t';
    } else if (kind === 'dns') {
      push(60, `${iso(t0 + 60)}\t${id}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"getaddrinfo ENOTFOUND secretsmanager.us-east-1.amazonaws.com","code":"ENOTFOUND","errno":-3008,"syscall":"getaddrinfo","hostname":"secretsmanager.us-east-1.amazonaws.com"}\n`);
      billed = 70;
    } else {
      push(billed - 5, `${iso(t0 + billed - 5)}\t${id}\tINFO\torder ${1000 + i} stored\n`);
    }
    push(billed + 1, `END RequestId: ${id}\n`);
    push(billed + 2, `REPORT RequestId: ${id}\tDuration: ${(billed - 0.58).toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: 512 MB\tMax Memory Used: 91 MB\t${status}\n`);
  }
  write('lambda-orders-worker.json', events);
}
