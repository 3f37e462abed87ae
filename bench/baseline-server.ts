// The ceiling every scenario is compared with: a bare Express 5 JSON route on the same machine.
import express from 'express';

const port = Number(process.env.BASELINE_PORT ?? 0);
const app = express();
app.use(express.json());
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});
app.post('/echo', (req, res) => {
  res.json({ ok: true, received: req.body });
});
const server = app.listen(port, '127.0.0.1', () => {
  const addr = server.address();
  console.log(`baseline listening on ${typeof addr === 'object' && addr ? addr.port : port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
