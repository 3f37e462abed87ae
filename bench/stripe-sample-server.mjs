// The peer of `npm run bench`: a server written the way Stripe's accept-a-payment sample writes its
// Node server (Express, the stripe SDK, `paymentIntents.create`, the client secret back, no database),
// pointed at the same Stripe sandbox as the API. Plain JavaScript run by plain node, as the sample is.
import express from 'express';
import Stripe from 'stripe';

const sandbox = new URL(process.env.STRIPE_API_BASE ?? 'http://127.0.0.1:12111');
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, {
  host: sandbox.hostname,
  port: Number(sandbox.port),
  protocol: sandbox.protocol.replace(':', ''),
});

const app = express();
app.use(
  express.json({
    // As in the sample: keep the raw body for the webhook route's signature check.
    verify: (req, _res, buf) => {
      if (req.originalUrl.startsWith('/webhook')) req.rawBody = buf.toString();
    },
  }),
);

app.get('/config', (_req, res) => {
  res.send({ publishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? 'pk_test_sample' });
});

app.post('/create-payment-intent', async (req, res) => {
  const { paymentMethodType, currency } = req.body;
  const params = {
    payment_method_types: [paymentMethodType ?? 'card'],
    amount: 5999,
    currency: currency ?? 'eur',
  };
  try {
    const paymentIntent = await stripe.paymentIntents.create(params);
    res.send({ clientSecret: paymentIntent.client_secret, nextAction: paymentIntent.next_action });
  } catch (e) {
    return res.status(400).send({ error: { message: e.message } });
  }
});

const server = app.listen(Number(process.env.SAMPLE_PORT ?? 0), '127.0.0.1', () => {
  console.log(`sample listening on ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
