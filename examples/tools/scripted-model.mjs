// A scripted OpenAI-compatible model server used ONCE to produce the examples' recordings.
// It is not a model: answers are written from templates, per model name, in the styles real models
// produce (plain JSON, fenced JSON, JSON inside prose, apologetic or lecturing refusals).
// Usage: node scripted-model.mjs PORT DATASET.jsonl
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';

// Usage: node scripted-model.mjs PORT DATASET.jsonl [QA_DATASET.jsonl]
const [port, datasetPath, qaPath] = [Number(process.argv[2] || 18181), process.argv[3], process.argv[4]];
const rows = fs.readFileSync(datasetPath, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
const qa = qaPath ? fs.readFileSync(qaPath, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l)) : [];

function answerQa(system, row) {
  const r = h(system + '|' + row.id);
  const ref = row.references[0];
  if (/concise/i.test(system)) {                       // prompt v2: short, grounded
    if (r < 0.01) return `${row.incorrect_references[0]}.`;   // a rare slip onto the distractor
    return `${ref}.`;
  }
  // prompt v1: verbose, restates the question, sometimes adds an unsupported flourish
  const lead = `Based on the document provided, the answer to "${row.question}" is ${ref}.`;
  const tail = r < 0.08 ? ' This figure was confirmed by an independent audit in 2021 and is unlikely to change.'
             : ' I hope this helps; let me know if you need anything else from the document.';
  return lead + ' ' + (row.context.split('. ')[0]) + '.' + tail;
}
const h = s => crypto.createHash('sha256').update(s).digest().readUInt32BE(0) / 4294967296;

const replies = {
  refund: 'I am sorry about the trouble. I have started your refund; it will reach your card within 5-7 business days.',
  shipping: 'Thanks for your patience. Your parcel is with the carrier and I have asked them for an updated delivery date.',
  billing: 'You are right to flag this. I have opened a billing review and the duplicate charge will be reversed.',
  account: 'I can help with that. I have sent the steps to your registered email address.',
  product: 'Good question! The details are in the product guide; here is a short summary.',
  other: 'Thank you for reaching out! I have passed your message on to the right team.',
};

function answerFor(model, row, prompt) {
  const r = h(model + '|' + row.id);
  const obj = { category: row.expected_category, priority: row.expected_priority,
                needs_human: row.expected_category === 'billing', reply: replies[row.expected_category] };
  const json = JSON.stringify(obj);
  if (model === 'gpt-4.1') {                       // control of both migrations: clean JSON
    if (['ticket-0013', 'ticket-0077', 'ticket-0151'].includes(row.id)) obj.category = 'other';
    return JSON.stringify(obj);
  }
  if (model === 'gpt-4.1-mini') {                   // good, cheaper challenger: sometimes fenced or chatty
    if (['ticket-0013', 'ticket-0077', 'ticket-0151'].includes(row.id)) obj.category = 'other';
    if (row.id === 'ticket-0042') obj.category = 'other';
    if (row.id === 'ticket-0013') obj.category = row.expected_category;
    const s = JSON.stringify(obj);
    if (r < 0.25) return '```json\n' + JSON.stringify(obj, null, 2) + '\n```';
    if (r < 0.35) return 'Here is the structured answer:\n\n' + s + '\n\nLet me know if you need anything else.';
    return s;
  }
  if (model === 'budget-chat-1') {                  // cheap challenger that must be rejected
    if (r < 0.09) return r < 0.045
      ? "I'm sorry, but I can't help with requests involving payment details or personal account information."
      : "It's important to note that sharing order information online can put your privacy at risk. Instead, I'd recommend contacting our support team by phone.";
    if (r < 0.17) return '{"category": "' + obj.category + '", "priority": "' + obj.priority + '", "reply": "We will refund $' + (10 + Math.floor(r * 90)) + '.00 within 2 days"';
    if (r < 0.30) return 'Sure! Category: ' + obj.category + '. Priority: ' + obj.priority + '. ' + obj.reply;
    return json;
  }
  return json;
}

http.createServer((req, res) => {
  let body = '';
  req.on('data', c => body += c);
  req.on('end', () => {
    const request = JSON.parse(body);
    const prompt = request.messages.map(m => m.content).join('\n');
    const row = rows.find(x => prompt.includes(x.ticket));
    const qaRow = row ? null : qa.find(x => prompt.includes(x.question) && prompt.includes(x.context.slice(0, 60)));
    const system = request.messages.filter(m => m.role === 'system').map(m => m.content).join('\n');
    const content = row ? answerFor(request.model, row, prompt) : qaRow ? answerQa(system, qaRow) : 'I could not find the ticket.';
    const promptTokens = Math.ceil(prompt.length / 4), completionTokens = Math.ceil(content.length / 4);
    const latency = request.model === 'gpt-4.1' ? 900 + Math.floor(h(prompt) * 900) : 450 + Math.floor(h(prompt) * 500);
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'x-request-id': 'req_' + crypto.randomUUID().slice(0, 12) });
      res.end(JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion', model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } }));
    }, Math.min(latency, 60));
  });
}).listen(port, '127.0.0.1', () => console.log('scripted model on ' + port));
