#!/usr/bin/env node
// Generates the committed trace export of this example: a week of a support gateway's production
// traffic, split 70/30 between two models served by llm-sim, exported as OTLP/JSON the way the
// OpenTelemetry Collector's file exporter writes it (one export per line). Each line is one trace:
// the gateway's HTTP server span and, under it, the model call as a GenAI client span with the
// GenAI semantic conventions (captured prompt and answer, tokens) and the gateway's own attributes
// (experiment_id, variant, prompt_version). A call the model server failed is a span with status
// ERROR: the gateway does not retry, as many do not.
//
//   node generate-traces.mjs [--calls 600] [--out src/test/resources/evalgate/traces/support-week.jsonl]
//
// llm-sim is found at $LLM_SIM, else ../../../shared/tools/llm-sim.mjs (next to the checkout).
// Needs Node 18+ and nothing else. The prompts are example 1's 200 tickets, each sent by several
// customers. Which model answers a call is decided by a hash of its request id (70 % control).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const calls = Number(arg('calls', 600));
const out = path.resolve(here, arg('out', 'src/test/resources/evalgate/traces/support-week.jsonl'));
const simPath = process.env.LLM_SIM || path.resolve(here, '../../../shared/tools/llm-sim.mjs');
const simConfig = path.resolve(here, 'llm-sim.json');
const port = JSON.parse(fs.readFileSync(simConfig, 'utf8')).port;
const tickets = fs.readFileSync(path.resolve(here,
  '../model-migration-promote/src/test/resources/evalgate/datasets/tickets.jsonl'), 'utf8')
  .split('\n').filter(l => l.trim()).map(l => JSON.parse(l));

// production's routing: 70 % of the traffic to the current model, 30 % to the candidate
const GROUPS = [
  { variant: 'control', model: 'sim-large', weight: 70 },
  { variant: 'challenger', model: 'sim-small', weight: 30 },
];
const EXPERIMENT = 'support-model-split-2026-11';
const PROMPT_VERSION = 'support-json-v2';
const SYSTEM = 'You are the customer-support assistant of Northwind Goods, an online shop. '
  + 'Answer the ticket with a JSON object only: {"answer": "...", "confidence": 0..1, "tags": [...]}.';
const CUSTOMERS = ['Grace', 'Linus', 'Ada', 'Sophie', 'Ken', 'Barbara', 'Edsger', 'Frances'];
const WEEK_START_MS = Date.parse('2026-11-23T00:00:00Z');
const WEEK_MS = 7 * 24 * 3600 * 1000;

const hex = (text, bytes) => crypto.createHash('sha256').update(text).digest('hex').slice(0, bytes * 2);
const str = (key, value) => ({ key, value: { stringValue: String(value) } });
const int = (key, value) => ({ key, value: { intValue: String(value) } });
const nanos = ms => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

function route(requestId) {
  const bucket = parseInt(hex(requestId, 4), 16) % 100;
  let acc = 0;
  for (const g of GROUPS) { acc += g.weight; if (bucket < acc) return g; }
  return GROUPS[GROUPS.length - 1];
}

async function startSim() {
  if (!fs.existsSync(simPath)) {
    throw new Error(`llm-sim not found at ${simPath}; set LLM_SIM to the path of llm-sim.mjs`);
  }
  const sim = spawn(process.execPath, [simPath, simConfig], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  await new Promise((resolve, reject) => {
    sim.stderr.on('data', d => { said += d; if (said.includes('listening')) resolve(); });
    sim.on('exit', code => reject(new Error(`llm-sim exited with ${code} (port ${port} in use?): ${said.trim()}`)));
  });
  return sim;
}

async function call(i) {
  const ticket = tickets[i % tickets.length];
  const customer = CUSTOMERS[Math.floor(i / tickets.length) % CUSTOMERS.length];
  const requestId = 'req-' + String(i + 1).padStart(5, '0');
  const group = route(requestId);
  const user = `Customer: ${customer} (${ticket.customer_tier} tier)\nTicket: ${ticket.ticket}`;
  const body = { model: group.model, temperature: 0, messages: [
    { role: 'system', content: SYSTEM }, { role: 'user', content: user }] };
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  const latency = performance.now() - started;
  let answer = null, usage = null, responseId = null, error = null;
  if (res.ok) {
    const json = JSON.parse(text);
    answer = json.choices[0].message.content;
    usage = json.usage;
    responseId = json.id;
  } else {
    error = { type: String(res.status), message: (JSON.parse(text).error || {}).message || 'HTTP ' + res.status };
  }
  return { i, requestId, group, user, answer, usage, responseId, error, latency };
}

function trace(c) {
  const traceId = hex('trace|' + c.requestId, 16);
  const serverId = hex('server|' + c.requestId, 8);
  const chatId = hex('chat|' + c.requestId, 8);
  const start = WEEK_START_MS + (c.i * WEEK_MS) / calls;
  const overhead = 3 + (parseInt(hex('o|' + c.requestId, 1), 16) % 5);
  const chat = {
    traceId, spanId: chatId, parentSpanId: serverId, name: 'chat ' + c.group.model, kind: 3,
    startTimeUnixNano: nanos(start + 1), endTimeUnixNano: nanos(start + 1 + c.latency),
    attributes: [
      str('gen_ai.operation.name', 'chat'),
      str('gen_ai.provider.name', 'openai'),
      str('gen_ai.request.model', c.group.model),
      str('server.address', 'llm.internal'),
      str('experiment_id', EXPERIMENT),
      str('variant', c.group.variant),
      str('prompt_version', PROMPT_VERSION),
      str('gen_ai.system_instructions', JSON.stringify([{ type: 'text', content: SYSTEM }])),
      str('gen_ai.input.messages', JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: c.user }] }])),
    ],
    status: {},
  };
  if (c.error) {
    chat.attributes.push(str('error.type', c.error.type));
    chat.status = { code: 2, message: `HTTP ${c.error.type}: ${c.error.message}` };
  } else {
    chat.attributes.push(
      str('gen_ai.response.model', c.group.model),
      str('gen_ai.response.id', c.responseId),
      int('gen_ai.usage.input_tokens', c.usage.prompt_tokens),
      int('gen_ai.usage.output_tokens', c.usage.completion_tokens),
      str('gen_ai.output.messages', JSON.stringify([{ role: 'assistant',
        parts: [{ type: 'text', content: c.answer }], finish_reason: 'stop' }])));
  }
  const server = {
    traceId, spanId: serverId, name: 'POST /support/answer', kind: 2,
    startTimeUnixNano: nanos(start), endTimeUnixNano: nanos(start + 1 + c.latency + overhead),
    attributes: [str('http.request.method', 'POST'), str('http.route', '/support/answer'),
      int('http.response.status_code', c.error ? 502 : 200), str('request.id', c.requestId)],
    status: c.error ? { code: 2 } : {},
  };
  return JSON.stringify({ resourceSpans: [{
    resource: { attributes: [str('service.name', 'support-gateway'), str('deployment.environment', 'prod')] },
    scopeSpans: [{ scope: { name: 'support-gateway' }, spans: [server, chat] }] }] });
}

const sim = await startSim();
try {
  const results = new Array(calls);
  let next = 0;
  const worker = async () => { while (next < calls) { const i = next++; results[i] = await call(i); } };
  await Promise.all(Array.from({ length: 8 }, worker));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, results.map(trace).join('\n') + '\n');
  const count = v => results.filter(r => r.group.variant === v).length;
  const errors = v => results.filter(r => r.group.variant === v && r.error).length;
  console.log(`${calls} calls -> ${path.relative(process.cwd(), out)}: `
    + GROUPS.map(g => `${g.variant} (${g.model}) ${count(g.variant)}, ${errors(g.variant)} failed`).join('; '));
} finally {
  sim.kill();
}
