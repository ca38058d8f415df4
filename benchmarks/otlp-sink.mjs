// A stand-in OpenTelemetry collector for benchmarks/e2e.sh (OTEL_SINK=true): accepts OTLP/HTTP
// exports on loopback, answers 200 with an empty ExportTraceServiceResponse, and counts requests and
// bytes (GET /stats). It decodes nothing: the engine's tests check what is sent (OtlpExportTest).
// Usage: node otlp-sink.mjs PORT
import http from 'node:http';

const port = Number(process.argv[2] || 4318);
let requests = 0;
let bytes = 0;
http
  .createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ requests, bytes }));
      return;
    }
    req.on('data', (chunk) => { bytes += chunk.length; });
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
      res.end();
    });
  })
  .listen(port, '127.0.0.1');
